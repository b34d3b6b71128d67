// An in-memory KubeClient for unit tests, backed by the local control
// plane's object store (//lib/controlplane/apiserver), so tasks meet real
// kube-apiserver semantics — server-set metadata, resourceVersion conflicts,
// generation, finalizers, garbage collection, watches with 410 — without a
// server, a socket or a thread.
//
// On top of the store it counts every call by verb and resource (to prove
// that steady state costs no writes) and injects failures: a queued error is
// returned instead of performing the next matching call.
#ifndef SEI_LIB_K8S_FAKE_KUBE_CLIENT_H_
#define SEI_LIB_K8S_FAKE_KUBE_CLIENT_H_

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/memory_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/k8s/kube_client.h"

namespace sei::k8s {

// Verbs as counted and as failure injection addresses them.
enum class Verb { kGet, kList, kCreate, kUpdate, kUpdateStatus, kPatch, kDelete, kWatch };
absl::string_view VerbName(Verb verb);  // "get", "list", "create", ...

class FakeKubeClient : public KubeClient {
 public:
  // A store whose clock only moves with clock().Advance and whose pods are
  // removed at once on delete (no grace period), with the SeiNode and
  // SeiNodeTask CRDs installed (schemas that preserve unknown fields, status
  // subresource) and the namespace "default".
  FakeKubeClient();
  ~FakeKubeClient() override;

  absl::StatusOr<Object> Get(const Resource& resource, absl::string_view ns,
                             absl::string_view name) override;
  absl::StatusOr<ObjectList> List(const Resource& resource, absl::string_view ns,
                                  const ListOptions& options) override;
  absl::StatusOr<Object> Create(const Resource& resource, absl::string_view ns,
                                const Object& object) override;
  absl::StatusOr<Object> Update(const Resource& resource, absl::string_view ns,
                                const Object& object) override;
  absl::StatusOr<Object> UpdateStatus(const Resource& resource, absl::string_view ns,
                                      const Object& object) override;
  absl::StatusOr<Object> Patch(const Resource& resource, absl::string_view ns,
                               absl::string_view name, PatchType type, const Object& patch,
                               const PatchOptions& options) override;
  absl::Status Delete(const Resource& resource, absl::string_view ns, absl::string_view name,
                      const DeleteOptions& options) override;
  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource& resource, absl::string_view ns,
                                                     const ListOptions& options) override;

  // The next `verb` on `resource` fails with `error` (queued: one per call).
  void FailNext(Verb verb, const Resource& resource, absl::Status error);

  // Calls made so far (failed and injected ones included).
  int Calls(Verb verb, const Resource& resource) const;
  int Calls(Verb verb) const;  // over every resource
  int Writes() const;          // create + update + update-status + patch + delete
  void ResetCounts();

  // Seeds an object as if a user had created it, bypassing counts and
  // injected failures. Returns the stored object (uid, resourceVersion…).
  Object Seed(const Resource& resource, Object object);
  // Overwrites an object's status as a controller or kubelet would, bypassing
  // counts and failures.
  Object SeedStatus(const Resource& resource, absl::string_view ns, absl::string_view name,
                    const Object& status);

  controlplane::FakeClock& clock() { return clock_; }
  controlplane::MemoryStore& store() { return *store_; }

 private:
  // An injected failure for this call, counting it; OK when none is queued.
  absl::Status Enter(Verb verb, const Resource& resource);
  absl::StatusOr<controlplane::ResourceKey> KeyFor(const Resource& resource,
                                                   absl::string_view ns) const;

  controlplane::FakeClock clock_;
  std::unique_ptr<controlplane::ResourceRegistry> registry_;
  std::unique_ptr<controlplane::MemoryStore> store_;

  mutable absl::Mutex mu_;
  std::map<std::pair<Verb, std::string>, int> calls_ ABSL_GUARDED_BY(mu_);
  std::map<std::pair<Verb, std::string>, std::deque<absl::Status>> failures_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_FAKE_KUBE_CLIENT_H_

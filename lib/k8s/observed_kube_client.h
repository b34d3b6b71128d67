// A KubeClient that reports every request it forwards — verb, resource and
// the HTTP code it ended with — to an observer, so the operator's API
// request metrics are recorded in one place for every controller, task and
// informer rather than at each call site. The calls themselves go to the
// wrapped client unchanged: results and errors are passed through as is.
#ifndef SEI_LIB_K8S_OBSERVED_KUBE_CLIENT_H_
#define SEI_LIB_K8S_OBSERVED_KUBE_CLIENT_H_

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/resource.h"

namespace sei::k8s {

// One finished request. The views and the pointer are valid only during the
// observer's call.
struct ApiRequest {
  // The Kubernetes API verb: "get", "list", "create", "update", "patch",
  // "delete", "watch".
  absl::string_view verb;
  const Resource* resource;
  // The HTTP status code the call ended with: 200 for a successful
  // get/list/update/patch/delete/watch, 201 for a successful create,
  // HttpCodeOf(status) for an error, 0 when no HTTP answer came (transport
  // failure or client deadline without code).
  int code;
};

using ApiRequestObserver = std::function<void(const ApiRequest&)>;

class ObservedKubeClient : public KubeClient {
 public:
  // `inner` is not owned and must outlive this client; `observer` must not be
  // empty. Thread-safe as long as `inner` and `observer` are.
  ObservedKubeClient(KubeClient* inner, ApiRequestObserver observer);

  // Each call is reported once, after the inner client returns. UpdateStatus
  // is an "update" and every Patch (of /status or not) a "patch". Watch is
  // reported when the stream is opened; the events that follow are not
  // requests.
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

 private:
  // Reports a call that ended with `status`; `success_code` is its code when
  // OK.
  void Report(absl::string_view verb, const Resource& resource, const absl::Status& status,
              int success_code) const;

  KubeClient* const inner_;
  const ApiRequestObserver observer_;
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_OBSERVED_KUBE_CLIENT_H_

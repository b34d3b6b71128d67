// The KubeClient that talks to a real API server: REST over HTTPS on
// cpprestsdk (rest_transport.h), objects as JSON. Thread-safe: one client
// per process is shared by every controller, task and informer.
#ifndef SEI_LIB_K8S_REST_CLIENT_H_
#define SEI_LIB_K8S_REST_CLIENT_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/k8s/cluster_config.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/rest_transport.h"

namespace sei::k8s {

class RestKubeClient : public KubeClient {
 public:
  // InvalidArgument for an unusable config (see RestTransport::Create). No
  // request is made here.
  static absl::StatusOr<std::unique_ptr<RestKubeClient>> Create(const ClusterConfig& config);

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
  // A watch with no watch_timeout may stay silent for up to an hour before
  // the client treats the connection as dead (kTransport); with one, up to
  // that timeout plus a minute.
  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource& resource, absl::string_view ns,
                                                     const ListOptions& options) override;

 private:
  explicit RestKubeClient(std::unique_ptr<RestTransport> transport)
      : transport_(std::move(transport)) {}

  // Sends and decodes a JSON object answer.
  absl::StatusOr<Object> CallForObject(const RestRequest& request);
  absl::StatusOr<Object> Put(const Resource& resource, absl::string_view ns, const Object& object,
                             absl::string_view subresource);

  std::unique_ptr<RestTransport> transport_;
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_REST_CLIENT_H_

#include "lib/tasks/controller/create_if_absent.h"

#include <string>

#include "lib/k8s/api_error.h"
#include "lib/tasks/controller/object_fields.h"

namespace sei::tasks {

absl::StatusOr<bool> CreateIfAbsent(k8s::KubeClient& kube, const k8s::Resource& resource,
                                    const k8s::Object& object) {
  const std::string ns = StringAt(object, "metadata/namespace").value_or("");
  const std::string name = StringAt(object, "metadata/name").value_or("");
  absl::StatusOr<k8s::Object> live = kube.Get(resource, ns, name);
  if (live.ok()) return false;
  if (!k8s::IsApiNotFound(live.status())) return live.status();
  absl::StatusOr<k8s::Object> created = kube.Create(resource, ns, object);
  if (k8s::IsApiAlreadyExists(created.status())) return false;
  if (!created.ok()) return created.status();
  return true;
}

}  // namespace sei::tasks

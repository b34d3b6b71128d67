// Server-side apply that costs nothing in steady state (plans.md §17 D6):
// the live object is read first and written only when it is missing or its
// `sei.io/spec-hash` annotation differs from the rendered object's.
#ifndef SEI_LIB_TASKS_CONTROLLER_APPLY_IF_CHANGED_H_
#define SEI_LIB_TASKS_CONTROLLER_APPLY_IF_CHANGED_H_

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/resource.h"

namespace sei::tasks {

// The field manager of every object the SeiNode controller applies (tasks.md §2).
inline constexpr absl::string_view kControllerFieldManager = "seinode-controller";

struct ApplyOutcome {
  k8s::Object live;      // the object as it is now on the server
  bool written = false;  // whether this call sent an apply
};

// `desired` is a rendered object with apiVersion, kind, metadata.name and
// metadata.namespace (for namespaced resources); its spec hash is (re)stamped
// here. GETs the live object and applies `desired` (field manager
// kControllerFieldManager, force) when it is absent or its hash differs.
// GET errors other than NotFound and apply errors are returned as they are.
absl::StatusOr<ApplyOutcome> ApplyIfChanged(k8s::KubeClient& kube, const k8s::Resource& resource,
                                            const k8s::Object& desired);

// The same decision for a caller that has already read the live object
// (nullopt = NotFound), e.g. the StatefulSet sync after its impostor check.
absl::StatusOr<ApplyOutcome> ApplyUnlessInSync(k8s::KubeClient& kube, const k8s::Resource& resource,
                                               const k8s::Object& desired,
                                               const std::optional<k8s::Object>& live);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_APPLY_IF_CHANGED_H_

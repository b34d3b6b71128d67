#include "lib/tasks/controller/apply_if_changed.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "lib/k8s/api_error.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/render/spec_hash.h"

namespace sei::tasks {

absl::StatusOr<ApplyOutcome> ApplyIfChanged(k8s::KubeClient& kube, const k8s::Resource& resource,
                                            const k8s::Object& desired) {
  const std::string ns = StringAt(desired, "metadata/namespace").value_or("");
  const std::string name = StringAt(desired, "metadata/name").value_or("");
  absl::StatusOr<k8s::Object> live = kube.Get(resource, ns, name);
  if (!live.ok() && !k8s::IsApiNotFound(live.status())) return live.status();
  return ApplyUnlessInSync(kube, resource, desired,
                           live.ok() ? std::optional<k8s::Object>(*std::move(live)) : std::nullopt);
}

absl::StatusOr<ApplyOutcome> ApplyUnlessInSync(k8s::KubeClient& kube, const k8s::Resource& resource,
                                               const k8s::Object& desired,
                                               const std::optional<k8s::Object>& live) {
  const k8s::Object stamped = render::WithSpecHash(desired);
  if (live.has_value() &&
      render::SpecHashAnnotationOf(*live) == render::SpecHashAnnotationOf(stamped)) {
    return ApplyOutcome{*live, false};
  }
  const std::string ns = StringAt(stamped, "metadata/namespace").value_or("");
  const std::string name = StringAt(stamped, "metadata/name").value_or("");
  if (name.empty()) return absl::InvalidArgumentError("rendered object has no metadata.name");
  k8s::PatchOptions options;
  options.field_manager = std::string(kControllerFieldManager);
  options.force = true;
  absl::StatusOr<k8s::Object> applied =
      kube.Patch(resource, ns, name, k8s::PatchType::kApply, stamped, options);
  if (!applied.ok()) return applied.status();
  return ApplyOutcome{*std::move(applied), true};
}

}  // namespace sei::tasks

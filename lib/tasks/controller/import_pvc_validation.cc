#include "lib/tasks/controller/import_pvc_validation.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/node_mode.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/storage_quantity.h"
#include "lib/tasks/platform/mode_resources.h"

namespace sei::tasks {
namespace {

std::vector<std::string> AccessModes(const k8s::Object& pvc) {
  std::vector<std::string> modes;
  const k8s::Object* list = FieldAt(pvc, "spec/accessModes");
  if (list == nullptr || !list->is_array()) return modes;
  for (const k8s::Object& mode : *list) {
    if (mode.is_string()) modes.push_back(mode.get<std::string>());
  }
  return modes;
}

bool HasSingleWriterMode(const std::vector<std::string>& modes) {
  for (const std::string& mode : modes) {
    if (mode == "ReadWriteOnce" || mode == "ReadWriteOncePod") return true;
  }
  return false;
}

}  // namespace

Validation ValidateImportedPvc(const TaskContext& ctx, absl::string_view pvc_name) {
  const std::string& ns = ctx.node->metadata().namespace_();
  const std::string pvc_quoted = absl::StrCat("PVC \"", pvc_name, "\"");

  absl::StatusOr<k8s::Object> pvc =
      ctx.kube->Get(k8s::resources::kPersistentVolumeClaim, ns, pvc_name);
  if (k8s::IsApiNotFound(pvc.status())) {
    return Validation::NotReady(absl::StrCat(pvc_quoted, " not found in namespace \"", ns, "\""));
  }
  if (!pvc.ok()) {
    return Validation::NotReady(absl::StrCat("reading ", pvc_quoted, ": ", pvc.status().message()));
  }
  if (IsTerminating(*pvc))
    return Validation::NotReady(absl::StrCat(pvc_quoted, " is being deleted"));

  const std::string phase = StringAt(*pvc, "status/phase").value_or("");
  if (phase == "Lost") {
    return Validation::Invalid(absl::StrCat(pvc_quoted, " phase is Lost; underlying PV is gone"));
  }
  if (phase != "Bound") {
    return Validation::NotReady(absl::StrCat(
        pvc_quoted, " phase is ", phase.empty() ? "unset" : phase, "; waiting for Bound"));
  }
  const std::vector<std::string> modes = AccessModes(*pvc);
  if (!HasSingleWriterMode(modes)) {
    return Validation::Invalid(
        absl::StrCat(pvc_quoted, " access modes [", absl::StrJoin(modes, ", "),
                     "] include neither ReadWriteOnce nor ReadWriteOncePod"));
  }

  absl::StatusOr<planner::NodeMode> mode = planner::ModeOf(*ctx.node);
  if (!mode.ok()) return Validation::Invalid(std::string(mode.status().message()));
  const std::string required_text = ResourcesForMode(*mode, *ctx.platform).storage_size;
  absl::StatusOr<StorageQuantity> required = StorageQuantity::Parse(required_text);
  if (!required.ok()) {
    return Validation::Invalid(absl::StrCat("required size for mode ",
                                            planner::ModeFieldName(*mode), ": ",
                                            required.status().message()));
  }

  std::optional<std::string> capacity_text = StringAt(*pvc, "status/capacity/storage");
  if (!capacity_text.has_value()) {
    return Validation::NotReady(absl::StrCat(pvc_quoted, " has no status.capacity.storage yet"));
  }
  absl::StatusOr<StorageQuantity> capacity = StorageQuantity::Parse(*capacity_text);
  if (!capacity.ok()) {
    return Validation::Invalid(
        absl::StrCat(pvc_quoted, " capacity: ", capacity.status().message()));
  }
  if (*capacity < *required) {
    return Validation::Invalid(absl::StrCat(pvc_quoted, " capacity ", *capacity_text,
                                            " is less than required ", required_text));
  }

  const std::string volume = StringAt(*pvc, "spec/volumeName").value_or("");
  if (volume.empty()) {
    return Validation::NotReady(absl::StrCat(pvc_quoted, " has no spec.volumeName yet"));
  }
  const std::string pv_quoted = absl::StrCat("PV \"", volume, "\"");
  absl::StatusOr<k8s::Object> pv = ctx.kube->Get(k8s::resources::kPersistentVolume, "", volume);
  if (k8s::IsApiNotFound(pv.status())) {
    return Validation::NotReady(absl::StrCat(pv_quoted, " bound to ", pvc_quoted, " not found"));
  }
  if (!pv.ok()) {
    return Validation::NotReady(absl::StrCat("reading ", pv_quoted, ": ", pv.status().message()));
  }
  if (StringAt(*pv, "status/phase") == std::optional<std::string>("Failed")) {
    return Validation::Invalid(absl::StrCat(pv_quoted, " phase is Failed"));
  }
  std::optional<std::string> pv_capacity_text = StringAt(*pv, "spec/capacity/storage");
  absl::StatusOr<StorageQuantity> pv_capacity =
      pv_capacity_text.has_value() ? StorageQuantity::Parse(*pv_capacity_text)
                                   : absl::StatusOr<StorageQuantity>(absl::NotFoundError(""));
  if (!pv_capacity.ok() || *pv_capacity != *capacity) {
    return Validation::Invalid(
        absl::StrCat(pv_quoted, " capacity ", pv_capacity_text.value_or("<unset>"),
                     " does not match ", pvc_quoted, " capacity ", *capacity_text));
  }
  return Validation::Valid(absl::StrCat(pvc_quoted, " passes all import requirements"));
}

}  // namespace sei::tasks

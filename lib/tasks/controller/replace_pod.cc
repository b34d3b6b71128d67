#include "lib/tasks/controller/replace_pod.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/pod_cycle.h"
#include "lib/tasks/controller/task_params_reader.h"
#include "lib/tasks/render/names.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kReplacePod;
constexpr absl::string_view kRevisionLabel = "controller-revision-hash";

}  // namespace

ExecuteResult ReplacePodTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, kType, OwnerRule::kTerminal)) return *failed;
  const std::string& ns = ctx.node->metadata().namespace_();
  const std::string name = render::StatefulSetName(*ctx.node);
  const std::string quoted = absl::StrCat("StatefulSet \"", name, "\"");

  absl::StatusOr<std::optional<k8s::Object>> fetched = FetchStatefulSet(*ctx.kube, ns, name);
  if (!fetched.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("reading ", quoted, ": ", fetched.status().message()));
  }
  if (!fetched->has_value()) return ExecuteResult::Waiting(absl::StrCat(quoted, " not found"));
  const k8s::Object& sts = **fetched;

  const int64_t generation = IntAt(sts, "metadata/generation").value_or(0);
  const int64_t observed = IntAt(sts, "status/observedGeneration").value_or(0);
  if (observed < generation) {
    return ExecuteResult::Waiting(absl::StrCat("waiting for ", quoted, " to observe generation ",
                                               generation, " (observed ", observed, ")"));
  }
  const std::string update_revision = StringAt(sts, "status/updateRevision").value_or("");
  if (update_revision.empty()) {
    return ExecuteResult::Waiting(
        absl::StrCat("waiting for ", quoted, " to report an update revision"));
  }
  if (StringAt(sts, "status/currentRevision").value_or("") == update_revision) {
    return ExecuteResult::Done(
        absl::StrCat(quoted, " is at revision ", update_revision, "; nothing to replace"));
  }
  if (std::optional<std::string> refused = GuardCyclableStatefulSet(sts, kType)) {
    return ExecuteResult::Terminal(*refused);
  }

  absl::StatusOr<std::vector<k8s::Object>> pods = ListOwnedPods(*ctx.kube, ns, sts);
  if (!pods.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("listing pods of ", quoted, ": ", pods.status().message()));
  }
  int deleted = 0;
  for (const k8s::Object& pod : *pods) {
    std::optional<std::string> revision =
        StringAt(pod, absl::StrCat("metadata/labels/", kRevisionLabel));
    if (!revision.has_value() || *revision == update_revision || IsTerminating(pod)) continue;
    if (absl::Status s = DeletePod(*ctx.kube, ns, pod); !s.ok()) {
      return ExecuteResult::Transient(absl::StrCat(
          "deleting pod \"", StringAt(pod, "metadata/name").value_or(""), "\": ", s.message()));
    }
    ++deleted;
  }
  return ExecuteResult::Done(absl::StrCat("deleted ", deleted, " pod(s) not at revision ",
                                          update_revision, " of ", quoted));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewReplacePodTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  return std::make_unique<ReplacePodTask>();
}

}  // namespace sei::tasks

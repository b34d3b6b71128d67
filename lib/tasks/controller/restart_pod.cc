#include "lib/tasks/controller/restart_pod.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/pod_cycle.h"
#include "lib/tasks/controller/task_params_reader.h"

namespace sei::tasks {
namespace {

namespace nt = ::sei::planner::nodetask;

constexpr absl::string_view kType = planner::task_type::kRestartPod;

nt::PodSummary SummaryOf(const k8s::Object& pod) {
  nt::PodSummary summary;
  summary.uid = UidOf(pod);
  summary.terminating = IsTerminating(pod);
  summary.ready = IsPodReady(pod);
  const k8s::Object* refs = FieldAt(pod, "metadata/ownerReferences");
  if (refs != nullptr && refs->is_array()) {
    for (const k8s::Object& ref : *refs) {
      summary.owners.push_back(
          {StringAt(ref, "kind").value_or(""), StringAt(ref, "uid").value_or("")});
    }
  }
  return summary;
}

}  // namespace

RestartPodTask::Observed RestartPodTask::Observe(k8s::KubeClient& kube) const {
  using View = nt::RestartPodView;
  Observed out;
  // The StatefulSet is named like the target node (tasks.md §5.1).
  out.view.statefulset_name = params_.node_name;
  absl::StatusOr<std::optional<k8s::Object>> sts =
      FetchStatefulSet(kube, params_.ns, params_.node_name);
  if (!sts.ok()) {
    out.view.statefulset = View::StatefulSet::kError;
    out.error =
        absl::StrCat("reading StatefulSet \"", params_.node_name, "\": ", sts.status().message());
    return out;
  }
  if (!sts->has_value()) {
    out.view.statefulset = View::StatefulSet::kNotFound;
    return out;
  }
  out.view.statefulset = View::StatefulSet::kFound;
  out.view.has_selector = HasSelector(**sts);
  if (std::optional<int64_t> replicas = IntAt(**sts, "spec/replicas")) {
    out.view.replicas = static_cast<int32_t>(*replicas);
  }
  if (!out.view.has_selector) return out;  // nothing can be listed
  absl::StatusOr<std::vector<k8s::Object>> pods = ListOwnedPods(kube, params_.ns, **sts);
  if (!pods.ok()) {
    out.view.pod_list_error = true;
    out.error = absl::StrCat("listing pods of StatefulSet \"", params_.node_name,
                             "\": ", pods.status().message());
    return out;
  }
  if (!pods->empty()) {
    out.view.pod = SummaryOf(pods->front());
    out.pod = std::move(pods->front());
  }
  return out;
}

ExecuteResult RestartPodTask::Execute(TaskContext& ctx) {
  if (ctx.kube == nullptr)
    return ExecuteResult::Transient(absl::StrCat(kType, ": no Kubernetes client"));
  Observed observed = Observe(*ctx.kube);
  using Decision = nt::RestartPodExecuteDecision;
  const Decision decision = nt::DecideRestartPodExecute(observed.view, params_.restarted_pod_uid);
  switch (decision.kind) {
    case Decision::Kind::kTransientError:
      return ExecuteResult::Transient(observed.error);
    case Decision::Kind::kTerminalError:
      return ExecuteResult::Terminal(decision.message);
    case Decision::Kind::kNothing:
      return ExecuteResult::Waiting(params_.restarted_pod_uid.empty()
                                        ? std::string("no restartedPodUID: nothing to restart")
                                        : absl::StrCat("waiting for a Ready pod of StatefulSet \"",
                                                       params_.node_name, "\" other than ",
                                                       params_.restarted_pod_uid));
    case Decision::Kind::kDeletePod:
      break;
  }
  if (absl::Status s = DeletePod(*ctx.kube, params_.ns, *observed.pod); !s.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("deleting pod with uid ", decision.pod_uid, ": ", s.message()));
  }
  return ExecuteResult::Waiting(
      absl::StrCat("deleted pod \"", StringAt(*observed.pod, "metadata/name").value_or(""),
                   "\" (uid ", decision.pod_uid, "); waiting for its replacement to be Ready"));
}

StatusResult RestartPodTask::Status(TaskContext& ctx, const ExecuteResult* /*executed*/) {
  if (params_.restarted_pod_uid.empty()) {
    return StatusResult::Running("no restartedPodUID: nothing to restart");
  }
  if (ctx.kube == nullptr)
    return StatusResult::Running(absl::StrCat(kType, ": no Kubernetes client"));
  Observed observed = Observe(*ctx.kube);
  const nt::RestartPodExecuteDecision refusal =
      nt::DecideRestartPodExecute(observed.view, params_.restarted_pod_uid);
  if (refusal.kind == nt::RestartPodExecuteDecision::Kind::kTerminalError) {
    return StatusResult::Failed(refusal.message);
  }
  if (nt::RestartPodCompleted(observed.view, params_.restarted_pod_uid)) {
    return StatusResult::Complete(absl::StrCat("pod ", observed.view.pod->uid, " is Ready"));
  }
  return StatusResult::Running(
      observed.error.empty()
          ? absl::StrCat("waiting for a Ready pod other than ", params_.restarted_pod_uid)
          : observed.error);
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewRestartPodTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  RestartPodParams out;
  for (const auto& [key, field] :
       {std::pair<absl::string_view, std::string*>{"nodeName", &out.node_name},
        {"namespace", &out.ns},
        {"restartedPodUID", &out.restarted_pod_uid}}) {
    absl::StatusOr<std::string> value = StringParam(kType, params, key);
    if (!value.ok()) return value.status();
    *field = *std::move(value);
  }
  if (out.node_name.empty() || out.ns.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(kType, ": nodeName and namespace are required"));
  }
  return std::make_unique<RestartPodTask>(std::move(out));
}

}  // namespace sei::tasks

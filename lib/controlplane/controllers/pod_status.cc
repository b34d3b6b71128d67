#include "lib/controlplane/controllers/pod_status.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/controllers/conditions.h"
#include "lib/controlplane/controllers/json_fields.h"

namespace sei::controlplane {
namespace {

bool IsSidecar(const Json& container) { return StringAt(container, {"restartPolicy"}) == "Always"; }
bool HasReadinessProbe(const Json& container) {
  return At(container, {"readinessProbe"}).is_object();
}

std::string ContainerId(const Json& pod, const Json& container) {
  // Opaque to clients; a runtime-style prefix keeps `kubectl describe` tidy.
  return absl::StrCat("sim://", UidOf(pod), "/", StringAt(container, {"name"}));
}

Json BaseContainerStatus(const Json& container) {
  return {{"name", StringAt(container, {"name"})},
          {"image", StringAt(container, {"image"})},
          {"imageID", ""},
          {"lastState", Json::object()},
          {"restartCount", 0}};
}

Json Waiting(const Json& container, absl::string_view reason) {
  Json status = BaseContainerStatus(container);
  status["ready"] = false;
  status["started"] = false;
  status["state"] = {{"waiting", {{"reason", std::string(reason)}}}};
  return status;
}

Json Running(const Json& pod, const Json& container, absl::Time started, bool ready) {
  Json status = BaseContainerStatus(container);
  status["imageID"] = StringAt(container, {"image"});
  status["containerID"] = ContainerId(pod, container);
  status["ready"] = ready;
  status["started"] = true;
  status["state"] = {{"running", {{"startedAt", FormatTimestamp(started)}}}};
  return status;
}

Json Terminated(const Json& pod, const Json& container, absl::Time started, absl::Time finished,
                int exit_code, bool ready) {
  Json status = BaseContainerStatus(container);
  status["imageID"] = StringAt(container, {"image"});
  status["containerID"] = ContainerId(pod, container);
  status["ready"] = ready;
  status["started"] = false;
  status["state"] = {{"terminated",
                      {{"exitCode", exit_code},
                       {"reason", exit_code == 0 ? "Completed" : "Error"},
                       {"startedAt", FormatTimestamp(started)},
                       {"finishedAt", FormatTimestamp(finished)},
                       {"containerID", ContainerId(pod, container)}}}};
  return status;
}

// Names joined like Go prints a []string: "[a b]".
std::string GoList(const std::vector<std::string>& names) {
  return absl::StrCat("[", absl::StrJoin(names, " "), "]");
}

const Json& InitContainers(const Json& pod) { return ArrayAt(pod, {"spec", "initContainers"}); }
const Json& Containers(const Json& pod) { return ArrayAt(pod, {"spec", "containers"}); }

// The five conditions in the kubelet's order.
Json PodConditions(const Json& pod, bool sandbox, const Condition& initialized,
                   const Condition& ready, absl::Time now) {
  const Json& previous = At(pod, {"status", "conditions"});
  Condition containers_ready = ready;
  containers_ready.type = "ContainersReady";
  Json conditions = Json::array();
  conditions.push_back(NextCondition(previous, {"PodReadyToStartContainers", sandbox, "", ""}, now,
                                     ProbeTime::kNull));
  conditions.push_back(NextCondition(previous, initialized, now, ProbeTime::kNull));
  conditions.push_back(NextCondition(previous, ready, now, ProbeTime::kNull));
  conditions.push_back(NextCondition(previous, containers_ready, now, ProbeTime::kNull));
  conditions.push_back(
      NextCondition(previous, {"PodScheduled", true, "", ""}, now, ProbeTime::kNull));
  return conditions;
}

void SetAddresses(const std::string& pod_ip, Json* status) {
  (*status)["hostIP"] = std::string(kHostIp);
  (*status)["hostIPs"] = Json::array({{{"ip", std::string(kHostIp)}}});
  if (!pod_ip.empty()) {
    (*status)["podIP"] = pod_ip;
    (*status)["podIPs"] = Json::array({{{"ip", pod_ip}}});
  }
}

}  // namespace

bool PodFinished(const Json& pod) {
  const std::string phase = StringAt(pod, {"status", "phase"});
  return phase == "Succeeded" || phase == "Failed";
}

bool PodRunningAndReady(const Json& pod) {
  return StringAt(pod, {"status", "phase"}) == "Running" && ConditionIsTrue(pod, "Ready");
}

Json UnschedulablePodStatus(const Json& pod, absl::string_view message, absl::Time now) {
  const Json& previous = At(pod, {"status", "conditions"});
  Json status = {{"phase", "Pending"}};
  status["conditions"] = Json::array(
      {NextCondition(previous, {"PodScheduled", false, "Unschedulable", std::string(message)}, now,
                     ProbeTime::kNull)});
  return status;
}

Json CreatingPodStatus(const Json& pod, absl::Time accepted, absl::Time now) {
  std::vector<std::string> init_names, names;
  Json init_statuses = Json::array();
  for (const Json& c : InitContainers(pod)) {
    init_names.push_back(StringAt(c, {"name"}));
    init_statuses.push_back(Waiting(c, "PodInitializing"));
  }
  Json statuses = Json::array();
  const bool has_init = !init_names.empty();
  for (const Json& c : Containers(pod)) {
    names.push_back(StringAt(c, {"name"}));
    statuses.push_back(Waiting(c, has_init ? "PodInitializing" : "ContainerCreating"));
  }
  Condition initialized{"Initialized", !has_init, "", ""};
  if (has_init) {
    initialized.reason = "ContainersNotInitialized";
    initialized.message = absl::StrCat("containers with incomplete status: ", GoList(init_names));
  }
  const Condition ready{"Ready", false, "ContainersNotReady",
                        absl::StrCat("containers with unready status: ", GoList(names))};
  Json status = {{"phase", "Pending"}};
  status["conditions"] = PodConditions(pod, false, initialized, ready, now);
  SetAddresses("", &status);
  status["startTime"] = FormatTimestamp(accepted);
  if (has_init) status["initContainerStatuses"] = std::move(init_statuses);
  status["containerStatuses"] = std::move(statuses);
  return status;
}

Json RunningPodStatus(const Json& pod, const PodRun& run, absl::Time now) {
  // Which containers the readiness verdict applies to: those with a
  // readiness probe; without any probe a container is ready once running.
  bool any_probe = false;
  for (const Json& c : InitContainers(pod)) any_probe |= IsSidecar(c) && HasReadinessProbe(c);
  for (const Json& c : Containers(pod)) any_probe |= HasReadinessProbe(c);
  auto container_ready = [&](const Json& c) {
    if (!any_probe) return run.ready;
    return HasReadinessProbe(c) ? run.ready : true;
  };

  std::vector<std::string> unready;
  Json init_statuses = Json::array();
  for (const Json& c : InitContainers(pod)) {
    if (IsSidecar(c)) {
      const bool ready = container_ready(c);
      if (!ready) unready.push_back(StringAt(c, {"name"}));
      init_statuses.push_back(Running(pod, c, run.started, ready));
    } else {
      init_statuses.push_back(Terminated(pod, c, run.started, run.started, 0, true));
    }
  }
  Json statuses = Json::array();
  for (const Json& c : Containers(pod)) {
    const bool ready = container_ready(c);
    if (!ready) unready.push_back(StringAt(c, {"name"}));
    statuses.push_back(Running(pod, c, run.started, ready));
  }
  Condition ready{"Ready", unready.empty(), "", ""};
  if (!unready.empty()) {
    ready.reason = "ContainersNotReady";
    ready.message = absl::StrCat("containers with unready status: ", GoList(unready));
  }
  Json status = {{"phase", "Running"}};
  status["conditions"] = PodConditions(pod, true, {"Initialized", true, "", ""}, ready, now);
  SetAddresses(run.pod_ip, &status);
  status["startTime"] = FormatTimestamp(run.accepted);
  if (!init_statuses.empty()) status["initContainerStatuses"] = std::move(init_statuses);
  status["containerStatuses"] = std::move(statuses);
  return status;
}

Json TerminatedPodStatus(const Json& pod, bool succeeded, absl::Time finished, absl::Time now) {
  const Json& current = At(pod, {"status"});
  Json status = ObjectOrEmpty(current);
  status["phase"] = succeeded ? "Succeeded" : "Failed";
  const std::string reason = succeeded ? "PodCompleted" : "PodFailed";
  status["conditions"] = PodConditions(pod, false, {"Initialized", true, "PodCompleted", ""},
                                       {"Ready", false, reason, ""}, now);
  // Each container ran from its recorded start (or, never seen running,
  // from the end) to `finished`.
  auto started_of = [&](const Json& statuses, const std::string& name) {
    for (const Json& s : statuses) {
      if (StringAt(s, {"name"}) != name) continue;
      if (auto t = TimeAt(s, {"state", "running", "startedAt"})) return *t;
      if (auto t = TimeAt(s, {"state", "terminated", "startedAt"})) return *t;
    }
    return finished;
  };
  Json init_statuses = Json::array();
  for (const Json& c : InitContainers(pod)) {
    const absl::Time started =
        started_of(ArrayAt(current, {"initContainerStatuses"}), StringAt(c, {"name"}));
    // Regular init containers had finished before the main ones ran.
    const absl::Time ended = IsSidecar(c) ? finished : started;
    init_statuses.push_back(Terminated(pod, c, started, ended, 0, !IsSidecar(c)));
  }
  Json statuses = Json::array();
  for (const Json& c : Containers(pod)) {
    const absl::Time started =
        started_of(ArrayAt(current, {"containerStatuses"}), StringAt(c, {"name"}));
    statuses.push_back(Terminated(pod, c, started, finished, succeeded ? 0 : 1, false));
  }
  if (!init_statuses.empty()) status["initContainerStatuses"] = std::move(init_statuses);
  status["containerStatuses"] = std::move(statuses);
  if (!status.contains("hostIP")) SetAddresses("", &status);
  if (!status.contains("startTime")) status["startTime"] = FormatTimestamp(finished);
  return status;
}

}  // namespace sei::controlplane

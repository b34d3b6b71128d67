#include "lib/controlplane/controllers/job_controller.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/controllers/conditions.h"
#include "lib/controlplane/controllers/json_fields.h"
#include "lib/controlplane/controllers/owner_refs.h"
#include "lib/controlplane/controllers/pod_status.h"

namespace sei::controlplane {
namespace {

constexpr char kCompletionsReached[] = "CompletionsReached";
constexpr char kCompletionsMessage[] = "Reached expected number of succeeded pods";
constexpr char kBackoffLimitExceeded[] = "BackoffLimitExceeded";
constexpr char kBackoffMessage[] = "Job has reached the specified backoff limit";

bool Finished(const Json& job) {
  return ConditionIsTrue(job, "Complete") || ConditionIsTrue(job, "Failed");
}

}  // namespace

JobController::JobController(ObjectStore* store, const ResourceRegistry* registry,
                             JobControllerOptions options)
    : store_(store),
      types_(ClusterTypes::Resolve(*registry)),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : RealClock()) {}

absl::Status JobController::Step() {
  return RunGuarded("job-controller", [this] { return StepUnguarded(); });
}

absl::Duration JobController::RunDuration(const Json& job) const {
  const std::string text = AnnotationOf(job, kSimDurationAnnotation);
  absl::Duration duration;
  if (!text.empty() && absl::ParseDuration(text, &duration) && duration >= absl::ZeroDuration() &&
      duration != absl::InfiniteDuration()) {
    return duration;
  }
  return options_.default_run_duration;
}

bool JobController::Fails(const Json& job) const {
  if (absl::AsciiStrToLower(AnnotationOf(job, kSimFailAnnotation)) == "true") return true;
  return options_.fails && options_.fails(job);
}

absl::Status JobController::StepUnguarded() {
  if (absl::Status status = types_.Check(); !status.ok()) return status;
  absl::StatusOr<std::vector<Json>> jobs = ListObjects(*store_, types_.jobs);
  if (!jobs.ok()) return jobs.status();
  absl::StatusOr<std::vector<Json>> pods = ListObjects(*store_, types_.pods);
  if (!pods.ok()) return pods.status();
  std::map<std::string, std::vector<Json>> pods_by_job;  // controller uid → pods
  std::set<std::string> pod_uids;
  for (Json& pod : *pods) {
    pod_uids.insert(UidOf(pod));
    const Json* controller = ControllerOf(pod);
    if (controller == nullptr || StringAt(*controller, {"kind"}) != "Job") continue;
    pods_by_job[StringAt(*controller, {"uid"})].push_back(std::move(pod));
  }

  StepErrors errors;
  for (const Json& job : *jobs) {
    GuardObject(&errors, "job-controller", NameOf(job), [&] {
      if (Terminating(job)) return;
      if (Finished(job)) return ExpireIfDue(job, &errors);
      if (BoolAt(job, {"spec", "suspend"})) return;
      Sync(job, pods_by_job[UidOf(job)], &errors);
    });
  }
  for (auto it = running_since_.begin(); it != running_since_.end();) {
    it = pod_uids.count(it->first) > 0 ? std::next(it) : running_since_.erase(it);
  }
  return errors.status();
}

void JobController::Sync(const Json& job, const std::vector<Json>& pods, StepErrors* errors) {
  const absl::Time now = clock_->Now();
  const std::string ns = NamespaceOf(job);
  const std::string name = NameOf(job);
  const std::string uid = UidOf(job);
  const ResourceKey pod_key = ClusterTypes::Key(types_.pods, ns);
  WriteOptions write;
  write.field_manager = options_.field_manager;
  const absl::Duration run = RunDuration(job);
  const bool fails = Fails(job);

  int64_t succeeded = 0, failed = 0, active = 0, ready = 0, terminating = 0;
  std::vector<const Json*> active_pods;
  for (const Json& pod : pods) {
    const std::string phase = StringAt(pod, {"status", "phase"});
    if (phase == "Succeeded") {
      ++succeeded;
      continue;
    }
    if (phase == "Failed") {
      ++failed;
      continue;
    }
    if (Terminating(pod)) {
      ++terminating;
      continue;
    }
    if (phase == "Running") {
      const absl::Time since = running_since_.try_emplace(UidOf(pod), now).first->second;
      if (now >= since + run) {
        // The pod's main process exits: what its kubelet would report.
        Json exited = pod;
        exited["status"] = TerminatedPodStatus(pod, !fails, now, now);
        absl::StatusOr<Json> updated =
            store_->Update(pod_key, NameOf(pod), exited, Subresource::kStatus, write);
        errors->Add(updated);
        if (updated.ok()) {
          ++(fails ? failed : succeeded);
          continue;
        }
      }
    }
    ++active;
    if (PodRunningAndReady(pod)) ++ready;
    active_pods.push_back(&pod);
  }

  const int64_t completions = std::max<int64_t>(1, IntAt(job, {"spec", "completions"}).value_or(1));
  const int64_t parallelism = std::max<int64_t>(0, IntAt(job, {"spec", "parallelism"}).value_or(1));
  const int64_t backoff_limit =
      std::max<int64_t>(0, IntAt(job, {"spec", "backoffLimit"}).value_or(6));

  Json status = ObjectOrEmpty(At(job, {"status"}));
  const Json previous_conditions = At(status, {"conditions"});
  Json conditions = previous_conditions.is_array() ? previous_conditions : Json::array();
  auto add_condition = [&](const Condition& condition) {
    conditions.erase(
        std::remove_if(conditions.begin(), conditions.end(),
                       [&](const Json& c) { return StringAt(c, {"type"}) == condition.type; }),
        conditions.end());
    conditions.push_back(NextCondition(previous_conditions, condition, now, ProbeTime::kNow));
  };
  if (!status.contains("startTime")) status["startTime"] = FormatTimestamp(now);

  if (succeeded >= completions) {
    add_condition({"SuccessCriteriaMet", true, kCompletionsReached, kCompletionsMessage});
    add_condition({"Complete", true, kCompletionsReached, kCompletionsMessage});
    status["completionTime"] = FormatTimestamp(now);
  } else if (failed > backoff_limit) {
    add_condition({"FailureTarget", true, kBackoffLimitExceeded, kBackoffMessage});
    add_condition({"Failed", true, kBackoffLimitExceeded, kBackoffMessage});
    for (const Json* pod : active_pods) {
      DeleteOptions options;
      options.precondition_uid = UidOf(*pod);
      absl::StatusOr<Json> deleted = store_->Delete(pod_key, NameOf(*pod), options);
      if (!IsApiNotFound(deleted.status())) errors->Add(deleted.status());
    }
    active = 0;
    ready = 0;
  } else {
    const int64_t wanted = std::min(parallelism, completions - succeeded);
    const Json pod_template = ObjectOrEmpty(At(job, {"spec", "template"}));
    for (int64_t i = active; i < wanted; ++i) {
      Json labels = ObjectOrEmpty(At(pod_template, {"metadata", "labels"}));
      labels["batch.kubernetes.io/controller-uid"] = uid;
      labels["batch.kubernetes.io/job-name"] = name;
      labels["controller-uid"] = uid;
      labels["job-name"] = name;
      Json metadata = {{"generateName", name + "-"},
                       {"namespace", ns},
                       {"labels", labels},
                       {"ownerReferences", Json::array({ControllerReference(job)})}};
      const Json& annotations = At(pod_template, {"metadata", "annotations"});
      if (annotations.is_object() && !annotations.empty()) metadata["annotations"] = annotations;
      Json pod = {{"apiVersion", "v1"},
                  {"kind", "Pod"},
                  {"metadata", std::move(metadata)},
                  {"spec", ObjectOrEmpty(At(pod_template, {"spec"}))}};
      if (options_.on_new_pod) options_.on_new_pod(pod);
      absl::StatusOr<Json> created = store_->Create(pod_key, pod, write);
      errors->Add(created);
      if (created.ok()) ++active;
    }
  }

  // omitempty for the counters, as batch/v1 JobStatus has them.
  auto set_count = [&](const char* field, int64_t value) {
    if (value > 0) {
      status[field] = value;
    } else {
      status.erase(field);
    }
  };
  set_count("active", active);
  set_count("succeeded", succeeded);
  set_count("failed", failed);
  status["ready"] = ready;
  status["terminating"] = terminating;
  status["uncountedTerminatedPods"] = Json::object();
  if (!conditions.empty()) status["conditions"] = std::move(conditions);

  if (At(job, {"status"}) == status) return;
  Json next = job;
  next["status"] = std::move(status);
  errors->Add(
      store_->Update(ClusterTypes::Key(types_.jobs, ns), name, next, Subresource::kStatus, write));
}

void JobController::ExpireIfDue(const Json& job, StepErrors* errors) {
  const std::optional<int64_t> ttl = IntAt(job, {"spec", "ttlSecondsAfterFinished"});
  if (!ttl.has_value() || *ttl < 0) return;
  std::optional<absl::Time> finished = TimeAt(job, {"status", "completionTime"});
  if (!finished.has_value()) {
    if (const Json* failed = FindCondition(At(job, {"status", "conditions"}), "Failed")) {
      finished = TimeAt(*failed, {"lastTransitionTime"});
    }
  }
  if (!finished.has_value() || clock_->Now() < *finished + absl::Seconds(*ttl)) return;
  DeleteOptions options;
  options.propagation = Propagation::kForeground;  // as the TTL controller deletes
  options.precondition_uid = UidOf(job);
  absl::StatusOr<Json> deleted =
      store_->Delete(ClusterTypes::Key(types_.jobs, NamespaceOf(job)), NameOf(job), options);
  if (!IsApiNotFound(deleted.status())) errors->Add(deleted.status());
}

}  // namespace sei::controlplane

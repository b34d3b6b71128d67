#include "lib/controlplane/controllers/statefulset_controller.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/controllers/conditions.h"
#include "lib/controlplane/controllers/json_fields.h"
#include "lib/controlplane/controllers/owner_refs.h"
#include "lib/controlplane/controllers/pod_status.h"
#include "lib/controlplane/controllers/revision_hash.h"
#include "lib/controlplane/core/selectors.h"

namespace sei::controlplane {
namespace {

constexpr char kRevisionLabel[] = "controller-revision-hash";
constexpr char kPodNameLabel[] = "statefulset.kubernetes.io/pod-name";
constexpr char kPodIndexLabel[] = "apps.kubernetes.io/pod-index";
constexpr char kRevisionHashLabel[] = "controller.kubernetes.io/hash";

// The ordinal of `pod_name` as a member of `set` ("web-3" → 3), or -1.
int64_t OrdinalOf(absl::string_view set, absl::string_view pod_name) {
  if (pod_name.size() <= set.size() + 1 || pod_name.substr(0, set.size()) != set ||
      pod_name[set.size()] != '-') {
    return -1;
  }
  const absl::string_view digits = pod_name.substr(set.size() + 1);
  if (digits.size() > 1 && digits[0] == '0') return -1;  // not a name the set would give
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
  }
  int64_t ordinal = -1;
  return absl::SimpleAtoi(digits, &ordinal) ? ordinal : -1;
}

}  // namespace

struct StatefulSetController::SetContext {
  Json set;
  std::string ns;
  std::string name;
  std::string uid;
  LabelSelector selector;
  Json pod_template;
  int64_t replicas = 1;
  int64_t start = 0;
  bool on_delete = false;
  bool parallel = false;
  int64_t partition = 0;
  std::string update_revision;
  std::string current_revision;
  Json revision_templates = Json::object();  // revision name → pod template
  std::map<std::string, Json> pods_by_name;  // every pod of the namespace
  std::map<int64_t, Json> owned;             // ordinal → pod controlled by the set
};

StatefulSetController::StatefulSetController(ObjectStore* store, const ResourceRegistry* registry,
                                             StatefulSetControllerOptions options)
    : store_(store),
      types_(ClusterTypes::Resolve(*registry)),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : RealClock()) {}

absl::Status StatefulSetController::Step() {
  return RunGuarded("statefulset-controller", [this] { return StepUnguarded(); });
}

absl::Status StatefulSetController::StepUnguarded() {
  if (absl::Status status = types_.Check(); !status.ok()) return status;
  absl::StatusOr<std::vector<Json>> sets = ListObjects(*store_, types_.stateful_sets);
  if (!sets.ok()) return sets.status();
  StepErrors errors;
  for (const Json& set : *sets) {
    GuardObject(&errors, "statefulset-controller", NameOf(set), [&] { Sync(set, &errors); });
  }
  return errors.status();
}

void StatefulSetController::Sync(const Json& set, StepErrors* errors) {
  // A set being deleted is no longer managed: the garbage collector takes
  // its pods (as kube-controller-manager's does).
  if (Terminating(set)) return;
  SetContext ctx;
  ctx.set = set;
  ctx.ns = NamespaceOf(set);
  ctx.name = NameOf(set);
  ctx.uid = UidOf(set);
  // kube-apiserver refuses sets without a selector or whose selector does
  // not select the template; this store does not validate built-in specs,
  // so such a set is simply left alone.
  const Json& selector_json = At(set, {"spec", "selector"});
  if (!selector_json.is_object()) return;
  absl::StatusOr<LabelSelector> selector = LabelSelector::FromLabelSelectorJson(selector_json);
  if (!selector.ok() || selector->MatchesEverything()) return;
  ctx.selector = *std::move(selector);
  ctx.pod_template = ObjectOrEmpty(At(set, {"spec", "template"}));
  if (!ctx.selector.Matches(At(ctx.pod_template, {"metadata", "labels"}))) return;

  ctx.replicas = std::max<int64_t>(0, IntAt(set, {"spec", "replicas"}).value_or(1));
  ctx.start = std::max<int64_t>(0, IntAt(set, {"spec", "ordinals", "start"}).value_or(0));
  ctx.on_delete = StringAt(set, {"spec", "updateStrategy", "type"}) == "OnDelete";
  ctx.partition = IntAt(set, {"spec", "updateStrategy", "rollingUpdate", "partition"}).value_or(0);
  ctx.parallel = StringAt(set, {"spec", "podManagementPolicy"}) == "Parallel";

  ctx.update_revision = RevisionName(ctx.name, ctx.pod_template);
  ctx.revision_templates[ctx.update_revision] = ctx.pod_template;
  ctx.current_revision = StringAt(set, {"status", "currentRevision"});

  absl::StatusOr<std::vector<Json>> pods = ListObjects(*store_, types_.pods, ctx.ns);
  if (!pods.ok()) return errors->Add(pods.status());
  for (Json& pod : *pods) {
    const std::string pod_name = NameOf(pod);
    const int64_t ordinal = OrdinalOf(ctx.name, pod_name);
    if (ordinal >= 0 && IsControlledBy(pod, ctx.uid)) {
      ctx.owned[ordinal] = pod;
    } else if (ordinal >= 0 && ControllerOf(pod) == nullptr && !Terminating(pod) &&
               ctx.selector.Matches(At(pod, {"metadata", "labels"}))) {
      // An orphan (its set was deleted with propagationPolicy=Orphan) that
      // this set selects: adopt it, as the controller's ref manager does.
      Json adopted = pod;
      Json& refs = adopted["metadata"]["ownerReferences"];
      if (!refs.is_array()) refs = Json::array();
      refs.push_back(ControllerReference(set));
      WriteOptions write;
      write.field_manager = options_.field_manager;
      absl::StatusOr<Json> updated = store_->Update(ClusterTypes::Key(types_.pods, ctx.ns),
                                                    pod_name, adopted, Subresource::kNone, write);
      errors->Add(updated);
      if (updated.ok()) {
        pod = *updated;
        ctx.owned[ordinal] = pod;
      }
    }
    ctx.pods_by_name[pod_name] = std::move(pod);
  }

  if (options_.controller_revisions) {
    ctx.revision_templates = SyncRevisions(ctx, errors);
  }
  // A currentRevision whose ControllerRevision is gone (or was never
  // recorded) falls back to the update revision, as in the real controller.
  if (ctx.current_revision.empty() || !ctx.revision_templates.contains(ctx.current_revision)) {
    ctx.current_revision = ctx.update_revision;
  }

  const int64_t end = ctx.start + ctx.replicas;
  // Creation and repair of the pods in range, in ordinal order.
  bool unhealthy = false;
  for (int64_t ordinal = ctx.start; ordinal < end; ++ordinal) {
    if (unhealthy && !ctx.parallel) break;  // OrderedReady: wait for the predecessors
    auto it = ctx.owned.find(ordinal);
    if (it != ctx.owned.end()) {
      const Json& pod = it->second;
      if (!Terminating(pod) && PodFinished(pod)) {
        DeletePod(ctx, ordinal, errors);  // recreated on a later pass, once gone
        unhealthy = true;
      } else if (Terminating(pod) || !PodRunningAndReady(pod)) {
        unhealthy = true;
      }
      continue;
    }
    unhealthy = true;
    // The identity is still taken (the previous pod is terminating, or
    // someone else's object has the name): wait until the name is free.
    if (ctx.pods_by_name.count(absl::StrCat(ctx.name, "-", ordinal)) > 0) continue;
    const bool use_current =
        !ctx.on_delete && ordinal < ctx.partition && ctx.current_revision != ctx.update_revision;
    const std::string& revision = use_current ? ctx.current_revision : ctx.update_revision;
    CreatePod(ctx, ordinal, revision, ctx.revision_templates[revision], errors);
  }

  // Scale down: pods outside the range, highest ordinal first.
  std::vector<int64_t> condemned;
  for (const auto& [ordinal, pod] : ctx.owned) {
    if (ordinal < ctx.start || ordinal >= end) condemned.push_back(ordinal);
  }
  std::sort(condemned.rbegin(), condemned.rend());
  if (!(unhealthy && !ctx.parallel)) {
    for (int64_t ordinal : condemned) {
      if (Terminating(ctx.owned[ordinal])) {
        if (!ctx.parallel) break;  // one at a time: wait until it is gone
        continue;
      }
      DeletePod(ctx, ordinal, errors);
      if (!ctx.parallel) break;
    }
  }

  // RollingUpdate: replace the highest ordinal not at the update revision,
  // one pod at a time, only while the whole set is healthy.
  if (!ctx.on_delete && !unhealthy && condemned.empty()) {
    for (int64_t ordinal = end - 1; ordinal >= std::max(ctx.start, ctx.partition); --ordinal) {
      auto it = ctx.owned.find(ordinal);
      if (it == ctx.owned.end()) continue;
      if (LabelOf(it->second, kRevisionLabel) != ctx.update_revision) {
        DeletePod(ctx, ordinal, errors);
        break;
      }
    }
  }

  WriteStatus(ctx, errors);
}

Json StatefulSetController::SyncRevisions(SetContext& ctx, StepErrors* errors) {
  Json templates = Json::object();
  absl::StatusOr<std::vector<Json>> listed =
      ListObjects(*store_, types_.controller_revisions, ctx.ns);
  if (!listed.ok()) {
    errors->Add(listed.status());
    templates[ctx.update_revision] = ctx.pod_template;
    return templates;
  }
  std::vector<Json> owned;
  int64_t max_revision = 0;
  for (Json& revision : *listed) {
    if (!IsControlledBy(revision, ctx.uid)) continue;
    max_revision = std::max(max_revision, IntAt(revision, {"revision"}).value_or(0));
    owned.push_back(std::move(revision));
  }
  const ResourceKey key = ClusterTypes::Key(types_.controller_revisions, ctx.ns);
  WriteOptions write;
  write.field_manager = options_.field_manager;

  auto update = std::find_if(owned.begin(), owned.end(),
                             [&](const Json& r) { return NameOf(r) == ctx.update_revision; });
  if (update == owned.end()) {
    Json labels = ObjectOrEmpty(At(ctx.pod_template, {"metadata", "labels"}));
    labels[kRevisionHashLabel] = ctx.update_revision.substr(ctx.name.size() + 1);
    Json data_template = ctx.pod_template;
    data_template["$patch"] = "replace";  // the real revision stores a replace patch
    Json revision = {{"apiVersion", "apps/v1"},
                     {"kind", "ControllerRevision"},
                     {"metadata",
                      {{"name", ctx.update_revision},
                       {"namespace", ctx.ns},
                       {"labels", labels},
                       {"ownerReferences", Json::array({ControllerReference(ctx.set)})}}},
                     {"data", {{"spec", {{"template", data_template}}}}},
                     {"revision", max_revision + 1}};
    absl::StatusOr<Json> created = store_->Create(key, revision, write);
    // AlreadyExists: a revision of that name not owned by this set (the
    // real controller bumps collisionCount and rehashes; not simulated).
    if (!IsApiAlreadyExists(created.status())) errors->Add(created);
    if (created.ok()) owned.push_back(*created);
  } else if (IntAt(*update, {"revision"}).value_or(0) < max_revision) {
    // Back to an earlier template: that revision becomes the newest again.
    Json bumped = *update;
    bumped["revision"] = max_revision + 1;
    absl::StatusOr<Json> updated =
        store_->Update(key, ctx.update_revision, bumped, Subresource::kNone, write);
    errors->Add(updated);
    if (updated.ok()) *update = *updated;
  }

  // History: keep the current and update revisions and those pods still
  // run; delete the oldest others beyond revisionHistoryLimit.
  std::set<std::string> live = {ctx.update_revision, ctx.current_revision};
  for (const auto& [ordinal, pod] : ctx.owned) live.insert(LabelOf(pod, kRevisionLabel));
  std::vector<const Json*> history;
  for (const Json& revision : owned) {
    if (live.count(NameOf(revision)) == 0) history.push_back(&revision);
  }
  std::sort(history.begin(), history.end(), [](const Json* a, const Json* b) {
    return IntAt(*a, {"revision"}).value_or(0) < IntAt(*b, {"revision"}).value_or(0);
  });
  const int64_t limit =
      std::max<int64_t>(0, IntAt(ctx.set, {"spec", "revisionHistoryLimit"}).value_or(10));
  std::set<std::string> pruned;
  for (size_t i = 0; i + limit < history.size(); ++i) {
    const std::string name = NameOf(*history[i]);
    absl::StatusOr<Json> deleted = store_->Delete(key, name, DeleteOptions());
    if (!IsApiNotFound(deleted.status())) errors->Add(deleted);
    pruned.insert(name);
  }

  for (const Json& revision : owned) {
    const std::string name = NameOf(revision);
    if (pruned.count(name) > 0) continue;
    Json pod_template = ObjectOrEmpty(At(revision, {"data", "spec", "template"}));
    pod_template.erase("$patch");
    templates[name] = std::move(pod_template);
  }
  templates[ctx.update_revision] = ctx.pod_template;
  return templates;
}

void StatefulSetController::CreatePod(SetContext& ctx, int64_t ordinal, const std::string& revision,
                                      const Json& pod_template, StepErrors* errors) {
  const std::string pod_name = absl::StrCat(ctx.name, "-", ordinal);
  WriteOptions write;
  write.field_manager = options_.field_manager;

  Json labels = ObjectOrEmpty(At(pod_template, {"metadata", "labels"}));
  labels[kRevisionLabel] = revision;
  labels[kPodNameLabel] = pod_name;
  labels[kPodIndexLabel] = absl::StrCat(ordinal);
  Json metadata = {{"name", pod_name},
                   {"generateName", ctx.name + "-"},
                   {"namespace", ctx.ns},
                   {"labels", labels},
                   {"ownerReferences", Json::array({ControllerReference(ctx.set)})}};
  const Json& annotations = At(pod_template, {"metadata", "annotations"});
  if (annotations.is_object() && !annotations.empty()) metadata["annotations"] = annotations;

  Json spec = ObjectOrEmpty(At(pod_template, {"spec"}));
  spec["hostname"] = pod_name;
  const std::string service = StringAt(ctx.set, {"spec", "serviceName"});
  if (!service.empty()) spec["subdomain"] = service;

  // volumeClaimTemplates: one claim per template and ordinal, created before
  // the pod and kept after it (retention policy Retain, the default).
  for (const Json& claim_template : ArrayAt(ctx.set, {"spec", "volumeClaimTemplates"})) {
    const std::string volume = NameOf(claim_template);
    if (volume.empty()) continue;
    const std::string claim_name = absl::StrCat(volume, "-", pod_name);
    Json claim_labels = ObjectOrEmpty(At(claim_template, {"metadata", "labels"}));
    const Json& match_labels = At(ctx.set, {"spec", "selector", "matchLabels"});
    if (match_labels.is_object()) {
      for (auto it = match_labels.begin(); it != match_labels.end(); ++it) {
        claim_labels[it.key()] = it.value();
      }
    }
    Json claim = {{"apiVersion", "v1"},
                  {"kind", "PersistentVolumeClaim"},
                  {"metadata", {{"name", claim_name}, {"namespace", ctx.ns}}},
                  {"spec", ObjectOrEmpty(At(claim_template, {"spec"}))}};
    if (!claim_labels.empty()) claim["metadata"]["labels"] = claim_labels;
    absl::StatusOr<Json> created =
        store_->Create(ClusterTypes::Key(types_.persistent_volume_claims, ctx.ns), claim, write);
    if (!IsApiAlreadyExists(created.status())) errors->Add(created);

    Json& volumes = spec["volumes"];
    if (!volumes.is_array()) volumes = Json::array();
    volumes.erase(std::remove_if(volumes.begin(), volumes.end(),
                                 [&](const Json& v) { return StringAt(v, {"name"}) == volume; }),
                  volumes.end());
    volumes.push_back({{"name", volume}, {"persistentVolumeClaim", {{"claimName", claim_name}}}});
  }

  Json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", metadata}, {"spec", spec}};
  if (options_.on_new_pod) options_.on_new_pod(pod);
  absl::StatusOr<Json> created = store_->Create(ClusterTypes::Key(types_.pods, ctx.ns), pod, write);
  if (IsApiAlreadyExists(created.status())) return;  // the name got taken meanwhile: next pass
  errors->Add(created);
  if (!created.ok()) return;
  ctx.pods_by_name[pod_name] = *created;
  ctx.owned[ordinal] = *created;
}

void StatefulSetController::DeletePod(SetContext& ctx, int64_t ordinal, StepErrors* errors) {
  auto it = ctx.owned.find(ordinal);
  if (it == ctx.owned.end()) return;
  const std::string pod_name = NameOf(it->second);
  DeleteOptions options;
  // Only this incarnation: a pod recreated meanwhile must survive.
  options.precondition_uid = UidOf(it->second);
  bool removed = false;
  options.removed = &removed;
  absl::StatusOr<Json> deleted =
      store_->Delete(ClusterTypes::Key(types_.pods, ctx.ns), pod_name, options);
  if (IsApiNotFound(deleted.status()))
    removed = true;
  else
    errors->Add(deleted);
  if (removed) {
    ctx.owned.erase(it);
    ctx.pods_by_name.erase(pod_name);
  } else if (deleted.ok()) {
    it->second = *deleted;
    ctx.pods_by_name[pod_name] = *deleted;
  }
}

void StatefulSetController::WriteStatus(SetContext& ctx, StepErrors* errors) {
  const absl::Time now = clock_->Now();
  const int64_t min_ready = IntAt(ctx.set, {"spec", "minReadySeconds"}).value_or(0);
  int64_t replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
  for (const auto& [ordinal, pod] : ctx.owned) {
    ++replicas;  // every created pod counts, terminating ones included
    if (PodRunningAndReady(pod)) {
      ++ready;
      const Json* condition = FindCondition(At(pod, {"status", "conditions"}), "Ready");
      const std::optional<absl::Time> since =
          condition != nullptr ? TimeAt(*condition, {"lastTransitionTime"}) : std::nullopt;
      if (min_ready <= 0 || (since.has_value() && *since + absl::Seconds(min_ready) <= now)) {
        ++available;
      }
    }
    if (Terminating(pod)) continue;
    const std::string revision = LabelOf(pod, kRevisionLabel);
    if (revision == ctx.current_revision) ++current;
    if (revision == ctx.update_revision) ++updated;
  }

  std::string current_revision = ctx.current_revision;
  // completeRollingUpdate: every pod created runs the update revision and
  // is ready. Upstream applies it to RollingUpdate only until #136833.
  const bool rolled_out = (!ctx.on_delete || options_.promote_on_delete_revision) &&
                          updated == replicas && ready == replicas;
  if (rolled_out) {
    current_revision = ctx.update_revision;
    current = updated;
  }

  Json status = {{"replicas", replicas},
                 {"availableReplicas", available},
                 {"currentRevision", current_revision},
                 {"updateRevision", ctx.update_revision},
                 {"collisionCount", IntAt(ctx.set, {"status", "collisionCount"}).value_or(0)}};
  if (const std::optional<int64_t> generation = IntAt(ctx.set, {"metadata", "generation"})) {
    status["observedGeneration"] = *generation;
  }
  // omitempty in apps/v1 StatefulSetStatus.
  if (ready > 0) status["readyReplicas"] = ready;
  if (current > 0) status["currentReplicas"] = current;
  if (updated > 0) status["updatedReplicas"] = updated;
  const Json& conditions = At(ctx.set, {"status", "conditions"});
  if (conditions.is_array()) status["conditions"] = conditions;

  if (At(ctx.set, {"status"}) == status) return;
  Json next = ctx.set;
  next["status"] = std::move(status);
  WriteOptions write;
  write.field_manager = options_.field_manager;
  errors->Add(store_->Update(ClusterTypes::Key(types_.stateful_sets, ctx.ns), ctx.name, next,
                             Subresource::kStatus, write));
}

}  // namespace sei::controlplane

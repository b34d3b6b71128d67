// Shared builders for the nodetask tests: SeiNodeTask/SeiNode objects, a fixed
// clock origin, a scripted adapter that drives one reconcile to its end, and a
// wire round trip that simulates an operator restart between reconciles.
#ifndef SEI_LIB_PLANNER_NODETASK_TEST_FIXTURES_H_
#define SEI_LIB_PLANNER_NODETASK_TEST_FIXTURES_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/nodetask/reconcile.h"
#include "proto/sei/v1alpha1/seinode.pb.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::planner::nodetask::testing {

// 2026-06-06T11:00:00Z, the clock of nodetask.md §17.4.
inline absl::Time T0() {
  return absl::FromCivil(absl::CivilSecond(2026, 6, 6, 11, 0, 0), absl::UTCTimeZone());
}

inline constexpr char kUid[] = "0b3d1c52-7a4e-4f0e-9d62-5e8a1f2b3c4d";
inline constexpr char kNamespace[] = "validators";
inline constexpr char kTarget[] = "lonely-node";

// A fresh SeiNodeTask of `kind` with a valid payload for that kind.
inline v1alpha1::SeiNodeTask MakeTask(const std::string& kind) {
  v1alpha1::SeiNodeTask task;
  task.set_api_version("sei.io/v1alpha1");
  task.set_kind("SeiNodeTask");
  task.mutable_metadata()->set_name("task-1");
  task.mutable_metadata()->set_namespace_(kNamespace);
  task.mutable_metadata()->set_uid(kUid);
  task.mutable_metadata()->set_generation(1);
  v1alpha1::SeiNodeTaskSpec* spec = task.mutable_spec();
  spec->set_kind(kind);
  spec->mutable_target()->mutable_node_ref()->set_name(kTarget);
  if (kind == "GovVote") {
    auto* p = spec->mutable_gov_vote();
    p->set_chain_id("pacific-1");
    p->set_proposal_id(42);
    p->set_option("yes");
    p->set_fees("4000usei");
    p->set_gas(200000);
  } else if (kind == "GovSoftwareUpgrade") {
    auto* p = spec->mutable_gov_software_upgrade();
    p->set_chain_id("sei-devnet-7");
    p->set_title("Upgrade to v6.4.0");
    p->set_description("Scheduled upgrade rehearsal");
    p->set_upgrade_name("v6.4.0");
    p->set_upgrade_height(250000);
    p->set_initial_deposit("10000000usei");
    p->set_fees("4000usei");
    p->set_gas(400000);
  } else if (kind == "AwaitCondition") {
    spec->mutable_await_condition()->mutable_height()->set_target_height(1000);
  } else if (kind == "UpdateNodeImage") {
    spec->mutable_update_node_image()->set_image("ghcr.io/sei-protocol/sei:v6.4.0");
  } else if (kind == "AwaitNodesAtHeight") {
    spec->mutable_await_nodes_at_height()->set_target_height(2000);
  } else if (kind == "DiscoverPeers") {
    spec->mutable_discover_peers();
  } else if (kind == "RestartPod") {
    spec->mutable_restart_pod()->set_pod_uid("4e0c9a7b-1d2f-4a6b-8c3e-5f7a9b1c2d3e");
  }
  return task;
}

// A SeiNode named kTarget in `phase` with one static peer source.
inline v1alpha1::SeiNode MakeTarget(v1alpha1::NodePhase phase = v1alpha1::NODE_PHASE_RUNNING) {
  v1alpha1::SeiNode node;
  node.mutable_metadata()->set_name(kTarget);
  node.mutable_metadata()->set_namespace_(kNamespace);
  node.mutable_spec()->set_image("ghcr.io/sei-protocol/sei:v6.3.0");
  node.mutable_spec()->add_peers()->mutable_static_()->add_addresses("abc@10.0.0.1:26656");
  node.mutable_status()->set_phase(phase);
  return node;
}

// Answers one action of a reconcile.
using Adapter = std::function<Observation(const Action&)>;

inline Observation Obs(Observation::Kind kind, std::string message = "") {
  Observation o;
  o.kind = kind;
  o.message = std::move(message);
  return o;
}

// The outcome of one whole reconcile.
struct ReconcileRun {
  Step done;                    // the final kDone step
  std::vector<Action> actions;  // every action performed, in order
  std::vector<ActionKind> Kinds() const {
    std::vector<ActionKind> kinds;
    for (const Action& a : actions) kinds.push_back(a.kind);
    return kinds;
  }
  bool Performed(ActionKind kind) const {
    for (const Action& a : actions) {
      if (a.kind == kind) return true;
    }
    return false;
  }
};

// Begin, then perform actions through `adapter` until kDone (at most 10).
inline ReconcileRun RunReconcile(v1alpha1::SeiNodeTask* task, const TargetLookup& target,
                                 absl::Time now, const Adapter& adapter = nullptr) {
  ReconcileRun run;
  Step step = Begin(task, target, now);
  for (int i = 0; step.kind == Step::Kind::kPerform && i < 10; ++i) {
    run.actions.push_back(step.action);
    step = Observe(task, step.action, adapter(step.action), now);
  }
  run.done = step;
  return run;
}

// Serialises and re-reads the object, as a flush + operator restart would.
inline v1alpha1::SeiNodeTask RoundTrip(const v1alpha1::SeiNodeTask& task) {
  v1alpha1::SeiNodeTask copy;
  copy.ParseFromString(task.SerializeAsString());
  return copy;
}

// The condition of `type`, or an empty one (type "") when absent.
inline v1alpha1::Condition ConditionOf(const v1alpha1::SeiNodeTask& task, const std::string& type) {
  for (const v1alpha1::Condition& c : task.status().conditions()) {
    if (c.type() == type) return c;
  }
  return v1alpha1::Condition();
}

inline absl::Time TimeOf(const google::protobuf::Timestamp& ts) { return FromTimestamp(ts); }

}  // namespace sei::planner::nodetask::testing

#endif  // SEI_LIB_PLANNER_NODETASK_TEST_FIXTURES_H_

// What planning costs: for each plan type, ResolvePlan on a node that needs
// that plan (validation + build + stamping), against the cost of computing
// that plan's task IDs alone (one UUIDv5/SHA-1 per task). The goal is a whole
// plan within 2x its hashes: the hashes are the irreducible part.
//
//   bazel run -c opt //lib/planner/bench:plan_benchmark
//
// Runs each benchmark several times and prints, after Google Benchmark's own
// table, the median of each and the plan/hash ratio per plan type.
#include <map>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/planner/core/task_id.h"
#include "lib/planner/plan/resolve_plan.h"

namespace sei::planner {
namespace {

using v1alpha1::SeiNode;

SeiNode BaseNode(const std::string& name) {
  SeiNode node;
  node.mutable_metadata()->set_name(name);
  node.mutable_metadata()->set_namespace_("bench");
  node.mutable_metadata()->set_generation(1);
  node.mutable_spec()->set_chain_id("pacific-1");
  node.mutable_spec()->set_image("ghcr.io/sei-protocol/sei:v6.3.0");
  return node;
}

void AddEc2Peers(SeiNode* node) {
  auto* ec2 = node->mutable_spec()->add_peers()->mutable_ec2_tags();
  ec2->set_region("eu-central-1");
  (*ec2->mutable_tags())["ChainIdentifier"] = "pacific-1";
}

// plans.md §8.1 example A: full node, S3 snapshot, peers, publishing.
SeiNode InitBaseNode() {
  SeiNode node = BaseNode("init-base");
  AddEc2Peers(&node);
  auto* full = node.mutable_spec()->mutable_full_node();
  full->mutable_snapshot()->mutable_s3()->set_target_height(199500000);
  full->mutable_snapshot()->set_trust_period("9999h0m0s");
  full->mutable_snapshot_generation()->mutable_tendermint()->set_keep_recent(5);
  full->mutable_snapshot_generation()->mutable_tendermint()->mutable_publish();
  return node;
}

// plans.md §8.3 example G: replayer with a bootstrap Job (20 tasks).
SeiNode InitBootstrapNode() {
  SeiNode node = BaseNode("init-bootstrap");
  AddEc2Peers(&node);
  auto* snapshot = node.mutable_spec()->mutable_replayer()->mutable_snapshot();
  snapshot->mutable_s3()->set_target_height(200940000);
  snapshot->set_bootstrap_image("ghcr.io/sei-protocol/sei:v6.3.0");
  return node;
}

// plans.md §8.2: genesis-ceremony validator.
SeiNode InitGenesisNode() {
  SeiNode node = BaseNode("init-genesis");
  auto* ceremony = node.mutable_spec()->mutable_validator()->mutable_genesis_ceremony();
  ceremony->set_chain_id("sei-devnet-8");
  ceremony->set_staking_amount("10000000usei");
  ceremony->set_account_balance("1000000000usei");
  return node;
}

SeiNode RunningValidator(const std::string& name) {
  SeiNode node = BaseNode(name);
  auto* validator = node.mutable_spec()->mutable_validator();
  validator->mutable_signing_key()->mutable_secret()->set_secret_name("consensus-key");
  validator->mutable_node_key()->mutable_secret()->set_secret_name("p2p-key");
  node.mutable_status()->set_phase(v1alpha1::NODE_PHASE_RUNNING);
  node.mutable_status()->set_current_image("ghcr.io/sei-protocol/sei:v6.3.0");
  node.mutable_status()->set_current_sidecar_image("seictl:v1");
  return node;
}

// plans.md §8.4: validator image update (gates + 7 tasks).
SeiNode NodeUpdateNode() {
  SeiNode node = RunningValidator("node-update");
  node.mutable_spec()->set_image("ghcr.io/sei-protocol/sei:v6.4.0");
  return node;
}

// plans.md §8.5: healthz 503 → one mark-ready task.
SeiNode MarkReadyNode() { return RunningValidator("mark-ready"); }

struct Fixture {
  const char* name;
  SeiNode node;
  std::optional<SidecarHealth> health;
};

const std::vector<Fixture>& Fixtures() {
  static const auto* fixtures = new std::vector<Fixture>{
      {"init-base", InitBaseNode(), std::nullopt},
      {"init-bootstrap", InitBootstrapNode(), std::nullopt},
      {"init-genesis", InitGenesisNode(), std::nullopt},
      {"node-update", NodeUpdateNode(), SidecarHealth::Ready()},
      {"mark-ready", MarkReadyNode(), SidecarHealth::NotReady()},
  };
  return *fixtures;
}

ResolveInputs Inputs(const Fixture& fixture) {
  ResolveInputs in;
  in.now = absl::FromUnixSeconds(1780000000);
  in.new_plan_id = [] { return std::string("11111111-2222-4333-8444-555555555555"); };
  in.config.default_sidecar_image = "seictl:v1";
  in.sidecar_health = fixture.health;
  return in;
}

// The (type, index) pairs of the plan the fixture resolves to.
std::vector<std::pair<std::string, int>> PlanShape(const Fixture& fixture) {
  SeiNode node = fixture.node;
  auto outcome = ResolvePlan(&node, Inputs(fixture));
  std::vector<std::pair<std::string, int>> shape;
  if (!outcome.ok()) return shape;
  for (int i = 0; i < node.status().plan().tasks_size(); ++i) {
    shape.emplace_back(node.status().plan().tasks(i).type(), i);
  }
  return shape;
}

// ResolvePlan mutates the node it plans for, so every call needs a fresh copy
// of the fixture. Copying (and later destroying) those inputs is benchmark
// set-up, not planning: the copies are made with the timer paused, a batch at
// a time so that pausing costs nothing per call. The timed region is exactly
// the ResolvePlan calls.
constexpr int kResolveBatch = 16;

void BM_ResolvePlan(benchmark::State& state, const Fixture* fixture) {
  ResolveInputs in = Inputs(*fixture);
  std::vector<SeiNode> nodes;
  nodes.reserve(kResolveBatch);
  while (state.KeepRunningBatch(kResolveBatch)) {
    state.PauseTiming();
    nodes.clear();  // destroys the previous batch, plans included, untimed
    for (int i = 0; i < kResolveBatch; ++i) nodes.push_back(fixture->node);
    state.ResumeTiming();
    for (SeiNode& node : nodes) {
      auto outcome = ResolvePlan(&node, in);
      if (!outcome.ok()) {
        state.SkipWithError(std::string(outcome.status().message()).c_str());
        break;
      }
      benchmark::DoNotOptimize(node);
    }
  }
  state.counters["tasks"] = static_cast<double>(PlanShape(*fixture).size());
}

// The previous method, kept for comparison: the fixture is copied into a
// fresh node, and that node (input and built plan) destroyed, inside the
// timed loop. Reported in Google Benchmark's table only, not in the ratios.
void BM_ResolvePlanWithCopy(benchmark::State& state, const Fixture* fixture) {
  ResolveInputs in = Inputs(*fixture);
  for (auto _ : state) {
    SeiNode node = fixture->node;
    auto outcome = ResolvePlan(&node, in);
    if (!outcome.ok()) {
      state.SkipWithError(std::string(outcome.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(node);
  }
  state.counters["tasks"] = static_cast<double>(PlanShape(*fixture).size());
}

void BM_TaskIdHashes(benchmark::State& state, const Fixture* fixture) {
  std::vector<std::pair<std::string, int>> shape = PlanShape(*fixture);
  for (auto _ : state) {
    for (const auto& [type, index] : shape) {
      benchmark::DoNotOptimize(TaskId("11111111-2222-4333-8444-555555555555", type, index));
    }
  }
  state.counters["tasks"] = static_cast<double>(shape.size());
}

// Keeps the medians of the repeated runs for the summary.
class MedianCollector : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median") {
        medians_[run.run_name.function_name] = run.GetAdjustedCPUTime();
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  const std::map<std::string, double>& medians() const { return medians_; }

 private:
  std::map<std::string, double> medians_;
};

}  // namespace
}  // namespace sei::planner

int main(int argc, char** argv) {
  using sei::planner::Fixtures;
  std::vector<std::string> names;
  for (const auto& fixture : Fixtures()) {
    benchmark::RegisterBenchmark(absl::StrCat("ResolvePlan/", fixture.name).c_str(),
                                 sei::planner::BM_ResolvePlan, &fixture);
    benchmark::RegisterBenchmark(absl::StrCat("TaskIdHashes/", fixture.name).c_str(),
                                 sei::planner::BM_TaskIdHashes, &fixture);
    benchmark::RegisterBenchmark(absl::StrCat("ResolvePlanWithCopy/", fixture.name).c_str(),
                                 sei::planner::BM_ResolvePlanWithCopy, &fixture);
    names.push_back(fixture.name);
  }
  // Medians over repetitions, not single runs, unless the caller says otherwise.
  std::vector<char*> args(argv, argv + argc);
  std::string repetitions = "--benchmark_repetitions=7";
  std::string aggregates = "--benchmark_report_aggregates_only=true";
  args.push_back(repetitions.data());
  args.push_back(aggregates.data());
  int args_count = static_cast<int>(args.size());
  benchmark::Initialize(&args_count, args.data());
  sei::planner::MedianCollector reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);

  const auto& medians = reporter.medians();
  std::printf("\n%-16s %14s %14s %8s %18s %8s\n", "plan", "resolve (us)", "hashes (us)", "ratio",
              "with copy (us)", "ratio");
  bool all_within_goal = true;
  int compared = 0;
  for (const std::string& name : names) {
    auto plan = medians.find("ResolvePlan/" + name);
    auto hashes = medians.find("TaskIdHashes/" + name);
    if (plan == medians.end() || hashes == medians.end()) continue;
    double ratio = plan->second / hashes->second;
    ++compared;
    all_within_goal = all_within_goal && ratio <= 2.0;
    std::printf("%-16s %14.2f %14.2f %7.2fx", name.c_str(), plan->second / 1000.0,
                hashes->second / 1000.0, ratio);
    // The previous method (input copy in the timed loop), for reference only.
    auto with_copy = medians.find("ResolvePlanWithCopy/" + name);
    if (with_copy != medians.end()) {
      std::printf(" %18.2f %7.2fx", with_copy->second / 1000.0,
                  with_copy->second / hashes->second);
    }
    std::printf("\n");
  }
  std::printf("goal: whole plan within 2x its task-ID hashes (medians of CPU time): %s\n",
              compared == 0 ? "not measured" : all_within_goal ? "met" : "NOT met");
  benchmark::Shutdown();
  return 0;
}

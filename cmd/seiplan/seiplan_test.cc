// Unit tests of seiplan's command line and output helpers. Whole-command
// behaviour is pinned by the golden suite (testdata/golden).
#include <sstream>

#include <catch2/catch.hpp>

#include "cmd/seiplan/cli.h"
#include "cmd/seiplan/exit_codes.h"
#include "cmd/seiplan/options.h"
#include "cmd/seiplan/plan_ids.h"
#include "cmd/seiplan/plan_table.h"

namespace sei::seiplan {
namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result RunWith(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  int code = Run(args, in, out, err);
  return {code, out.str(), err.str()};
}

constexpr char kNode[] = R"(apiVersion: sei.io/v1alpha1
kind: SeiNode
metadata: {name: node-a, namespace: ns}
spec: {chainId: c, image: i, fullNode: {}}
)";

TEST_CASE("Options: commands, flags and their errors", "[options]") {
  auto plan = ParseOptions({"plan", "-o", "json", "--strict", "f.yaml"});
  REQUIRE(plan.ok());
  CHECK(plan->command == Command::kPlan);
  CHECK(plan->output == OutputFormat::kJson);
  CHECK(plan->strict);
  CHECK(plan->file == "f.yaml");

  auto sim = ParseOptions({"simulate", "--fail=discover-peers:3", "--fail", "config-apply", "-"});
  REQUIRE(sim.ok());
  REQUIRE(sim->failures.size() == 2);
  CHECK(sim->failures[0].task_type == "discover-peers");
  CHECK(sim->failures[0].times == 3);
  CHECK_FALSE(sim->failures[1].times.has_value());

  CHECK(ParseOptions({"frobnicate", "f"}).status().message().find("unknown command") !=
        std::string::npos);
  CHECK_FALSE(ParseOptions({"plan"}).ok());                          // missing FILE
  CHECK_FALSE(ParseOptions({"plan", "a", "b"}).ok());                // two files
  CHECK_FALSE(ParseOptions({"plan", "-o", "xml", "f"}).ok());        // bad format
  CHECK_FALSE(ParseOptions({"plan", "--plan-id", "nope", "f"}).ok());
  CHECK_FALSE(ParseOptions({"plan", "--now", "yesterday", "f"}).ok());
  CHECK_FALSE(ParseOptions({"simulate", "--fail", "no-such-task", "f"}).ok());
  CHECK_FALSE(ParseOptions({"simulate", "--fail", "config-apply:0", "f"}).ok());
  CHECK_FALSE(ParseOptions({"plan", "--fail", "config-apply", "f"}).ok());  // simulate only
  CHECK_FALSE(ParseOptions({"plan", "-o"}).ok());                           // missing value
}

TEST_CASE("Exit codes: usage 2, bad input 3, rejected 1, ok 0", "[cli]") {
  CHECK(RunWith({"plan"}).code == kExitUsage);
  CHECK(RunWith({"plan", "/nonexistent/file.yaml"}).code == kExitBadInput);
  CHECK(RunWith({"plan", "-"}, "spec: [unclosed").code == kExitBadInput);
  CHECK(RunWith({"plan", "-"}, "").code == kExitBadInput);  // no documents
  CHECK(RunWith({"plan", "-"}, "apiVersion: v1\nkind: Pod\n").code == kExitBadInput);
  Result ok = RunWith({"plan", "-"}, kNode);
  CHECK(ok.code == kExitOk);
  CHECK(ok.out.find("ensure-data-pvc") != std::string::npos);
  std::string two_modes = kNode;
  two_modes.replace(two_modes.find("fullNode: {}"), 12, "fullNode: {}, archive: {}");
  CHECK(RunWith({"validate", "-"}, two_modes).code == kExitRejected);
  CHECK(RunWith({"--help"}).out.find("Exit codes") != std::string::npos);
}

TEST_CASE("JSON output is the persisted status.plan; several documents give an array",
          "[cli]") {
  Result one = RunWith({"plan", "-o", "json", "--plan-id",
                        "11111111-2222-4333-8444-555555555555", "-"},
                       kNode);
  REQUIRE(one.code == kExitOk);
  CHECK(one.out.rfind("{", 0) == 0);
  CHECK(one.out.find("\"id\": \"859d8a92-8a4f-5ce6-a0b0-ace7c5793bc4\"") != std::string::npos);
  Result two = RunWith({"plan", "-o", "json", "-"}, std::string(kNode) + "---\n" + kNode);
  CHECK(two.out.rfind("[", 0) == 0);
}

TEST_CASE("A simulated plan that fails exits 1", "[cli]") {
  Result r = RunWith({"simulate", "--fail", "config-apply", "-"}, kNode);
  CHECK(r.code == kExitRejected);
  CHECK(r.out.find("node is Failed") != std::string::npos);
}

TEST_CASE("Plan IDs: pinned first, derived after, random otherwise", "[plan_ids]") {
  auto pinned = MakePlanIdSource("11111111-2222-4333-8444-555555555555");
  std::string first = pinned();
  std::string second = pinned();
  CHECK(first == "11111111-2222-4333-8444-555555555555");
  CHECK(second != first);
  auto again = MakePlanIdSource("11111111-2222-4333-8444-555555555555");
  again();
  CHECK(again() == second);  // reproducible
  auto random = MakePlanIdSource("");
  std::string r1 = random(), r2 = random();
  CHECK(r1 != r2);
  CHECK(r1[14] == '4');  // version 4
}

TEST_CASE("The plan table aligns columns and shows failures", "[plan_table]") {
  v1alpha1::TaskPlan plan;
  plan.set_id("p");
  plan.set_phase(v1alpha1::PLAN_PHASE_FAILED);
  auto* t = plan.add_tasks();
  t->set_type("ensure-data-pvc");
  t->set_id("id0");
  t->set_status(v1alpha1::TASK_STATUS_FAILED);
  plan.set_failed_task_index(0);
  plan.mutable_failed_task_detail()->set_type("ensure-data-pvc");
  plan.mutable_failed_task_detail()->set_error("boom");
  std::string table = RenderPlanTable(plan);
  CHECK(table.find("phase=Failed") != std::string::npos);
  CHECK(table.find("0  ensure-data-pvc  Failed") != std::string::npos);
  CHECK(table.find("failed: task 0 ensure-data-pvc after 0/0 retries: boom") !=
        std::string::npos);
  CHECK(PhaseName(v1alpha1::NODE_PHASE_UNSPECIFIED) == "<none>");
}

}  // namespace
}  // namespace sei::seiplan

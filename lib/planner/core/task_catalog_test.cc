#include "lib/planner/core/task_catalog.h"

#include <catch2/catch.hpp>

namespace sei::planner {
namespace {

TEST_CASE("Retry budgets follow plans.md §11", "[catalog]") {
  CHECK(LookupTaskType("configure-genesis")->max_retries == 180);
  CHECK(LookupTaskType("assemble-and-upload-genesis")->max_retries == 180);
  CHECK(LookupTaskType("discover-peers")->max_retries == 20);
  CHECK(LookupTaskType("replace-pod")->max_retries == 3);
  CHECK(LookupTaskType("config-apply")->max_retries == 0);
  CHECK(LookupTaskType("mark-ready")->max_retries == 0);
}

TEST_CASE("Sides and completion rules", "[catalog]") {
  CHECK(LookupTaskType("apply-statefulset")->side == TaskSide::kController);
  CHECK(LookupTaskType("config-apply")->side == TaskSide::kSidecar);
  CHECK(LookupTaskType("snapshot-upload")->completion == CompletionRule::kConfirmedRunning);
  // Product D11: config-validate and mark-ready are polled to completion.
  CHECK(LookupTaskType("config-validate")->completion == CompletionRule::kObserved);
  CHECK(LookupTaskType("mark-ready")->completion == CompletionRule::kObserved);
}

TEST_CASE("Unknown types are not in the catalogue", "[catalog]") {
  CHECK(LookupTaskType("config-reload") == nullptr);  // sidecar-only, never planned
  CHECK(LookupTaskType("") == nullptr);
  CHECK(LookupTaskType("Apply-StatefulSet") == nullptr);
}

}  // namespace
}  // namespace sei::planner

#include "lib/tasks/sidecar/sidecar_outcome.h"

#include <catch2/catch.hpp>

namespace sei::tasks {
namespace {

using PlanKind = planner::Observation::Kind;
using TaskKind = planner::nodetask::Observation::Kind;

constexpr char kId[] = "a9b1c2d3-0000-4000-8000-000000000001";

sidecar::TaskResult Result(sidecar::TaskState state, std::string error = "") {
  sidecar::TaskResult result;
  result.id = kId;
  result.state = state;
  result.error = std::move(error);
  return result;
}

// Every row of the table, for both executors' Observations.
TEST_CASE("Submit outcomes", "[tasks][outcome]") {
  struct Row {
    absl::Status status;
    PlanKind plan;
    TaskKind task;
  };
  for (const Row& row : {
           Row{absl::OkStatus(), PlanKind::kOk, TaskKind::kOk},
           Row{absl::InvalidArgumentError("sidecar rejected x task: bad"), PlanKind::kTerminalError,
               TaskKind::kTerminalError},
           Row{absl::InvalidArgumentError("validating config-patch: at least one file is required"),
               PlanKind::kTerminalError, TaskKind::kTerminalError},
           Row{absl::UnavailableError("sidecar rejected x task: persist task: locked"),
               PlanKind::kTransientError, TaskKind::kTransientError},
           Row{absl::UnavailableError("returned 503"), PlanKind::kTransientError,
               TaskKind::kTransientError},
           Row{absl::UnauthenticatedError("401"), PlanKind::kTransientError,
               TaskKind::kTransientError},
           Row{absl::PermissionDeniedError("403"), PlanKind::kTransientError,
               TaskKind::kTransientError},
           Row{absl::DeadlineExceededError("slow"), PlanKind::kTransientError,
               TaskKind::kTransientError},
           Row{absl::DataLossError("nil UUID"), PlanKind::kTransientError,
               TaskKind::kTransientError},
           Row{absl::FailedPreconditionError("no usable peer sources (label selectors unresolved)"),
               PlanKind::kTransientError, TaskKind::kTransientError},
       }) {
    INFO(row.status.ToString());
    const planner::Observation plan = SubmitObservation(row.status);
    CHECK(plan.kind == row.plan);
    CHECK(plan.message == row.status.message());
    const planner::nodetask::Observation task = NodeTaskSubmitObservation(row.status);
    CHECK(task.kind == row.task);
    CHECK(task.message == row.status.message());
  }
}

TEST_CASE("Poll outcomes", "[tasks][outcome]") {
  struct Row {
    absl::StatusOr<sidecar::TaskResult> result;
    PlanKind plan;
    TaskKind task;
    std::string message;
  };
  for (const Row& row : {
           Row{Result(sidecar::TaskState::kCompleted), PlanKind::kComplete, TaskKind::kComplete,
               ""},
           Row{Result(sidecar::TaskState::kRunning), PlanKind::kRunning, TaskKind::kRunning, ""},
           Row{Result(sidecar::TaskState::kFailed, "config validation failed: [x]"),
               PlanKind::kFailed, TaskKind::kFailed, "config validation failed: [x]"},
           Row{Result(sidecar::TaskState::kFailed), PlanKind::kFailed, TaskKind::kFailed,
               std::string("task ") + kId + " failed with unknown error"},
           Row{absl::NotFoundError("sidecar has no task"), PlanKind::kNotFound, TaskKind::kNotFound,
               "sidecar has no task"},
           Row{absl::DataLossError("unreadable"), PlanKind::kTransientError,
               TaskKind::kTransientError, "unreadable"},
           Row{absl::UnavailableError("refused"), PlanKind::kTransientError,
               TaskKind::kTransientError, "refused"},
           Row{absl::DeadlineExceededError("slow"), PlanKind::kTransientError,
               TaskKind::kTransientError, "slow"},
       }) {
    INFO(row.message);
    const planner::Observation plan = PollObservation(kId, row.result);
    CHECK(plan.kind == row.plan);
    CHECK(plan.message == row.message);
    const planner::nodetask::Observation task = NodeTaskPollObservation(kId, row.result);
    CHECK(task.kind == row.task);
    CHECK(task.message == row.message);
  }
}

TEST_CASE("The shared classification is what both views read", "[tasks][outcome]") {
  CHECK(ClassifySubmit(absl::InvalidArgumentError("x")).kind == SidecarOutcome::kTerminalError);
  CHECK(ClassifyPoll(kId, absl::NotFoundError("x")).kind == SidecarOutcome::kNotFound);
  CHECK(ClassifyPoll(kId, Result(sidecar::TaskState::kFailed)).message ==
        std::string("task ") + kId + " failed with unknown error");
}

}  // namespace
}  // namespace sei::tasks

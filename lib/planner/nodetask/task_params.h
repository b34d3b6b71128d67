// The request a SeiNodeTask's synthesized task is executed with (nodetask.md
// §11.1 steps 6.1 and 7.1–7.2, §13): per-kind params built from the live spec
// and target, signing-key derivation, and the local checks that run before
// anything is submitted or executed.
#ifndef SEI_LIB_PLANNER_NODETASK_TASK_PARAMS_H_
#define SEI_LIB_PLANNER_NODETASK_TASK_PARAMS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "lib/planner/nodetask/reasons.h"
#include "proto/sei/v1alpha1/seinode.pb.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::planner::nodetask {

// What the adapter sends (sidecar kinds: the POST /v0/tasks body, §13.1) or
// executes (controller kinds: the internal params of §13.4).
//
// Integer params (proposalId, gas, upgradeHeight, targetHeight) are JSON
// numbers, held as doubles by google.protobuf.Value: exact up to 2^53.
struct TaskRequest {
  std::string type;
  std::string id;  // status.task.id; empty during the synthesis validation pass
  google::protobuf::Struct params;
};

// A built request, or why it cannot be built.
struct ParamsResult {
  std::optional<Failure> failure;  // UnsupportedKind or ParamsBuildFailed
  TaskRequest request;             // meaningful only without a failure
};

// The gov signing key (§13.3): the payload's keyName if set; else, for a
// target with spec.validator.operatorKeyring.secret, its keyName or
// "node_admin" when empty; otherwise "validator".
std::string DeriveKeyName(absl::string_view payload_key_name, const v1alpha1::SeiNode& target);

// Builds the request from the live spec (§11.3), status.task (id,
// restartedPodUID) and the target.
//
// With target == nullptr this is the synthesis validation pass (§11.1 step
// 6.1): payload presence and the per-kind required fields only; DiscoverPeers
// sources and the gov keyName derivation are deferred (both need the target).
// With a target it is the drive build (step 7.1), including DiscoverPeers
// source building (§14.1 → ParamsBuildFailed when no source is usable).
ParamsResult BuildTaskRequest(const v1alpha1::SeiNodeTask& task, const v1alpha1::SeiNode* target);

// The local pre-submit validation of a sidecar request (§13.2 table;
// sidecar-protocol.md §7 "Client validation"). nullopt when valid, else
// `validating <type>: <reason>`.
std::optional<std::string> ValidateSidecarRequest(const TaskRequest& request);

// Turns a built request into an executable one (§11.1 step 7.2, D6):
// controller types must decode (`update-node-image` needs nodeName, namespace
// and image → DeserializeFailed); sidecar types must pass
// ValidateSidecarRequest (→ ParamsBuildFailed, D6); any other type →
// DeserializeFailed `unknown task type "<type>"`.
std::optional<Failure> CheckTaskRequest(const TaskRequest& request);

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_TASK_PARAMS_H_

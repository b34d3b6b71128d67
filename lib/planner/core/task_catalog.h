// The catalogue of task types a plan may contain (tasks.md §1): the type
// strings, which side executes them, and their retry budgets (plans.md §11).
#ifndef SEI_LIB_PLANNER_CORE_TASK_CATALOG_H_
#define SEI_LIB_PLANNER_CORE_TASK_CATALOG_H_

#include "absl/strings/string_view.h"

namespace sei::planner {

namespace task_type {
// Controller-side (Kubernetes API).
inline constexpr absl::string_view kEnsureDataPvc = "ensure-data-pvc";
inline constexpr absl::string_view kValidateSigningKey = "validate-signing-key";
inline constexpr absl::string_view kValidateNodeKey = "validate-node-key";
inline constexpr absl::string_view kValidateOperatorKeyring = "validate-operator-keyring";
inline constexpr absl::string_view kApplyRbacProxyConfig = "apply-rbac-proxy-config";
inline constexpr absl::string_view kApplyStatefulSet = "apply-statefulset";
inline constexpr absl::string_view kApplyService = "apply-service";
inline constexpr absl::string_view kReplacePod = "replace-pod";
inline constexpr absl::string_view kRestartPod = "restart-pod";
inline constexpr absl::string_view kObserveImage = "observe-image";
inline constexpr absl::string_view kUpdateNodeImage = "update-node-image";
inline constexpr absl::string_view kDeployBootstrapService = "deploy-bootstrap-service";
inline constexpr absl::string_view kDeployBootstrapJob = "deploy-bootstrap-job";
inline constexpr absl::string_view kAwaitBootstrapComplete = "await-bootstrap-complete";
inline constexpr absl::string_view kTeardownBootstrap = "teardown-bootstrap";
inline constexpr absl::string_view kAwaitNodesRunning = "await-nodes-running";
inline constexpr absl::string_view kCollectAndSetPeers = "collect-and-set-peers";
inline constexpr absl::string_view kUpdateNodeSpecs = "update-node-specs";
inline constexpr absl::string_view kAwaitSpecUpdate = "await-spec-update";
// Sidecar-side (HTTP).
inline constexpr absl::string_view kSnapshotRestore = "snapshot-restore";
inline constexpr absl::string_view kConfigureStateSync = "configure-state-sync";
inline constexpr absl::string_view kAwaitCondition = "await-condition";
inline constexpr absl::string_view kConfigApply = "config-apply";
inline constexpr absl::string_view kConfigPatch = "config-patch";
inline constexpr absl::string_view kConfigValidate = "config-validate";
inline constexpr absl::string_view kConfigureGenesis = "configure-genesis";
inline constexpr absl::string_view kDiscoverPeers = "discover-peers";
inline constexpr absl::string_view kMarkReady = "mark-ready";
inline constexpr absl::string_view kSnapshotUpload = "snapshot-upload";
inline constexpr absl::string_view kGenerateIdentity = "generate-identity";
inline constexpr absl::string_view kGenerateGentx = "generate-gentx";
inline constexpr absl::string_view kUploadGenesisArtifacts = "upload-genesis-artifacts";
inline constexpr absl::string_view kAssembleAndUploadGenesis = "assemble-and-upload-genesis";
inline constexpr absl::string_view kSetGenesisPeers = "set-genesis-peers";
inline constexpr absl::string_view kGovVote = "gov-vote";
inline constexpr absl::string_view kGovSoftwareUpgrade = "gov-software-upgrade";
}  // namespace task_type

enum class TaskSide {
  kController,  // runs in the operator against the Kubernetes API
  kSidecar,     // submitted to the node's sidecar over HTTP, then polled
};

// How a task's success is established.
enum class CompletionRule {
  // Controller tasks: their Status query; sidecar tasks: a poll that reports
  // `completed` (product: config-validate and mark-ready too, plans.md D11).
  kObserved,
  // snapshot-upload never completes by design: one poll that reports
  // `running` confirms it started (sidecar-protocol.md H2).
  kConfirmedRunning,
};

struct TaskTypeInfo {
  absl::string_view type;
  TaskSide side;
  int max_retries;  // plans.md §11
  CompletionRule completion;
};

// The catalogue entry for `type`, or nullptr for a type this build does not
// know (a persisted plan with such a task fails: `unknown task type "<type>"`).
const TaskTypeInfo* LookupTaskType(absl::string_view type);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_TASK_CATALOG_H_

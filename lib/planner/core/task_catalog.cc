#include "lib/planner/core/task_catalog.h"

#include <array>

namespace sei::planner {
namespace {

using task_type::kAssembleAndUploadGenesis;
using task_type::kConfigureGenesis;
using task_type::kDiscoverPeers;
using task_type::kReplacePod;

constexpr TaskTypeInfo Controller(absl::string_view type, int max_retries = 0) {
  return {type, TaskSide::kController, max_retries, CompletionRule::kObserved};
}
constexpr TaskTypeInfo Sidecar(absl::string_view type, int max_retries = 0,
                               CompletionRule completion = CompletionRule::kObserved) {
  return {type, TaskSide::kSidecar, max_retries, completion};
}

constexpr std::array kCatalog = {
    Controller(task_type::kEnsureDataPvc),
    Controller(task_type::kValidateSigningKey),
    Controller(task_type::kValidateNodeKey),
    Controller(task_type::kValidateOperatorKeyring),
    Controller(task_type::kApplyRbacProxyConfig),
    Controller(task_type::kApplyStatefulSet),
    Controller(task_type::kApplyService),
    Controller(kReplacePod, 3),
    Controller(task_type::kRestartPod),
    Controller(task_type::kObserveImage),
    Controller(task_type::kUpdateNodeImage),
    Controller(task_type::kDeployBootstrapService),
    Controller(task_type::kDeployBootstrapJob),
    Controller(task_type::kAwaitBootstrapComplete),
    Controller(task_type::kTeardownBootstrap),
    Controller(task_type::kAwaitNodesRunning),
    Controller(task_type::kCollectAndSetPeers),
    Controller(task_type::kUpdateNodeSpecs),
    Controller(task_type::kAwaitSpecUpdate),
    Sidecar(task_type::kSnapshotRestore),
    Sidecar(task_type::kConfigureStateSync),
    Sidecar(task_type::kAwaitCondition),
    Sidecar(task_type::kConfigApply),
    Sidecar(task_type::kConfigPatch),
    Sidecar(task_type::kConfigValidate),
    Sidecar(kConfigureGenesis, 180),
    Sidecar(kDiscoverPeers, 20),
    Sidecar(task_type::kMarkReady),
    Sidecar(task_type::kSnapshotUpload, 0, CompletionRule::kConfirmedRunning),
    Sidecar(task_type::kGenerateIdentity),
    Sidecar(task_type::kGenerateGentx),
    Sidecar(task_type::kUploadGenesisArtifacts),
    Sidecar(kAssembleAndUploadGenesis, 180),
    Sidecar(task_type::kSetGenesisPeers),
    Sidecar(task_type::kGovVote),
    Sidecar(task_type::kGovSoftwareUpgrade),
};

}  // namespace

const TaskTypeInfo* LookupTaskType(absl::string_view type) {
  for (const TaskTypeInfo& info : kCatalog) {
    if (info.type == type) return &info;
  }
  return nullptr;
}

}  // namespace sei::planner

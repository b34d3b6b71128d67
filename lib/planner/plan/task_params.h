// Build-time task params (plans.md §9): the payload each planned task
// carries in status.plan.tasks[].params, in exactly the shape the reference
// persists, plus case-insensitive reading of such payloads.
//
// Controller task params use camelCase keys. Several sidecar payloads were
// persisted by the reference from Go structs without JSON tags and therefore
// carry capitalised field names ({"TargetHeight":N}); both are written here
// verbatim so plans stay interchangeable with the reference's.
#ifndef SEI_LIB_PLANNER_PLAN_TASK_PARAMS_H_
#define SEI_LIB_PLANNER_PLAN_TASK_PARAMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "lib/planner/plan/config_intent.h"
#include "lib/planner/plan/peer_sources.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// What the params of one plan segment are derived from.
struct TaskParamsInputs {
  const v1alpha1::SeiNode* node = nullptr;  // required
  // The snapshot source the segment is built with: the mode's source for a
  // base plan or a bootstrap pod, nullptr after a bootstrap (§8.3).
  const v1alpha1::SnapshotSource* snapshot = nullptr;
  // Required by config-apply only (init plans, §10).
  const ConfigIntent* config_intent = nullptr;
};

// The params of `type` per §9. InvalidArgument for a type that node plans
// never contain (SeiNodeTask and group-only types) or when a required input
// is missing.
absl::StatusOr<google::protobuf::Value> BuildTaskParams(absl::string_view type,
                                                        const TaskParamsInputs& in);

// BuildTaskParams writing into `out`, which must be a fresh (empty) Value —
// e.g. a planned task's params, so the payload is built where the plan keeps
// it. On error nothing is written.
absl::Status WriteTaskParams(absl::string_view type, const TaskParamsInputs& in,
                             google::protobuf::Value* out);

// Individual shapes, for callers that need one without a plan (e.g. the
// discover-peers adapter re-encoding recomputed sources, D9).

// {} — configure-genesis, config-validate, mark-ready, snapshot-upload,
// set-genesis-peers.
google::protobuf::Value EmptyTaskParams();
// {"nodeName","namespace"} — informational; these tasks act on the owner.
google::protobuf::Value NodeRefParams(const v1alpha1::SeiNode& node);
// {"TargetHeight":N}, N = s3.targetHeight, 0 without S3.
google::protobuf::Value SnapshotRestoreParams(const v1alpha1::SnapshotSource* snapshot);
// {"mode":M,"overrides":{...}} (targetVersion/incremental are never set by
// the planner, so they are omitted as the reference omits zero values).
google::protobuf::Value ConfigApplyParams(const ConfigIntent& intent);
// {"files":{"config.toml":{"p2p":{"external-address":A}}}}, A possibly "".
google::protobuf::Value ConfigPatchParams(const v1alpha1::SeiNodeSpec& spec);
// {"Sources":[...]} or {"Sources":null} when there are none.
google::protobuf::Value DiscoverPeersParams(const std::vector<PeerSourceParam>& sources);
// {"UseLocalSnapshot":b,"TrustPeriod":s,"BackfillBlocks":n,"RpcServers":[...]|null}.
google::protobuf::Value ConfigureStateSyncParams(const v1alpha1::SnapshotSource* snapshot,
                                                 const ResolvedPeers& rpc_witnesses);

// Reading persisted params (§9: "read keys case-insensitively"), with the
// precedence of Go's encoding/json: an exact key match wins, otherwise the
// first key (in byte order, for determinism) equal ignoring ASCII case.
// nullptr when `params` is not an object or has no such key.
const google::protobuf::Value* FindParamField(const google::protobuf::Value& params,
                                              absl::string_view key);
// Typed reads on top of FindParamField; nullopt when absent or of another
// JSON type. Numbers must be integral to read as int64.
std::optional<std::string> ParamString(const google::protobuf::Value& params,
                                       absl::string_view key);
std::optional<int64_t> ParamInt64(const google::protobuf::Value& params, absl::string_view key);
std::optional<bool> ParamBool(const google::protobuf::Value& params, absl::string_view key);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_TASK_PARAMS_H_

#include "lib/tasks/controller/statefulset_sync.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/tasks/controller/apply_if_changed.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/render/names.h"
#include "lib/tasks/render/statefulset.h"

namespace sei::tasks {
namespace {

bool Tracked(const v1alpha1::SeiNode& node) {
  return node.status().has_stateful_set() && !node.status().stateful_set().name().empty();
}

}  // namespace

absl::StatusOr<StatefulSetSync> SyncStatefulSet(TaskContext& ctx) {
  absl::StatusOr<k8s::Object> desired = render::RenderStatefulSet(*ctx.node, *ctx.platform);
  if (!desired.ok()) return desired.status();
  const std::string& ns = ctx.node->metadata().namespace_();
  const std::string name = render::StatefulSetName(*ctx.node);
  const std::string quoted = absl::StrCat("StatefulSet \"", name, "\"");

  absl::StatusOr<k8s::Object> fetched = ctx.kube->Get(k8s::resources::kStatefulSet, ns, name);
  if (!fetched.ok() && !k8s::IsApiNotFound(fetched.status())) return fetched.status();
  std::optional<k8s::Object> live;
  if (fetched.ok()) live = *std::move(fetched);

  const std::string tracked_uid = ctx.node->status().stateful_set().uid();
  if (live.has_value() && !tracked_uid.empty() && UidOf(*live) != tracked_uid) {
    k8s::DeleteOptions options;
    options.propagation = k8s::Propagation::kBackground;
    absl::Status deleted = ctx.kube->Delete(k8s::resources::kStatefulSet, ns, name, options);
    if (!deleted.ok() && !k8s::IsApiNotFound(deleted)) return deleted;
    ctx.node->mutable_status()->clear_stateful_set();
    return StatefulSetSync{StatefulSetSync::Kind::kImpostorDeleted, false,
                           absl::StrCat("deleted impostor ", quoted, " (uid ", UidOf(*live),
                                        ", tracked ", tracked_uid, ")")};
  }
  if (live.has_value() && IsTerminating(*live)) {
    return StatefulSetSync{StatefulSetSync::Kind::kAwaitingDeletion, false,
                           absl::StrCat(quoted, " is being deleted")};
  }

  absl::StatusOr<ApplyOutcome> applied =
      ApplyUnlessInSync(*ctx.kube, k8s::resources::kStatefulSet, *desired, live);
  if (!applied.ok()) return applied.status();
  const std::string uid = UidOf(applied->live);
  const v1alpha1::StatefulSetRef& ref = ctx.node->status().stateful_set();
  if (!ctx.node->status().has_stateful_set() || ref.name() != name || ref.uid() != uid) {
    v1alpha1::StatefulSetRef* out = ctx.node->mutable_status()->mutable_stateful_set();
    out->set_name(name);
    out->set_uid(uid);
  }
  return StatefulSetSync{StatefulSetSync::Kind::kSynced, applied->written,
                         absl::StrCat(quoted, applied->written ? " applied" : " up to date")};
}

absl::Status SyncTrackedStatefulSet(TaskContext& ctx) {
  if (ctx.kube == nullptr || ctx.node == nullptr || ctx.platform == nullptr) {
    return absl::FailedPreconditionError("StatefulSet sync needs a client, a node and a platform");
  }
  if (!Tracked(*ctx.node)) return absl::OkStatus();
  const v1alpha1::StatefulSetRef tracked = ctx.node->status().stateful_set();
  absl::StatusOr<StatefulSetSync> sync = SyncStatefulSet(ctx);
  if (sync.ok() && sync->kind == StatefulSetSync::Kind::kImpostorDeleted) {
    // Replace it now: untracked, the second round only applies (or finds the
    // impostor still terminating).
    sync = SyncStatefulSet(ctx);
  }
  if (!sync.ok()) return sync.status();
  if (sync->kind != StatefulSetSync::Kind::kSynced) {
    *ctx.node->mutable_status()->mutable_stateful_set() = tracked;
    return absl::UnavailableError(
        absl::StrCat(sync->message, "; it is recreated once the deletion completes"));
  }
  return absl::OkStatus();
}

}  // namespace sei::tasks

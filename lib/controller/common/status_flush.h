// The reconcilers' single status write (plans.md §13.2 step 15, §16;
// nodetask.md §16.2): a JSON merge patch of what changed under `status`,
// guarded by the resourceVersion the reconcile started from, so a concurrent
// writer turns into a 409 and the reconcile is redone from a fresh read
// instead of overwriting someone else's progress.
#ifndef SEI_LIB_CONTROLLER_COMMON_STATUS_FLUSH_H_
#define SEI_LIB_CONTROLLER_COMMON_STATUS_FLUSH_H_

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/resource.h"

namespace sei::controller {

enum class FlushResult { kUnchanged, kWritten };

// Compares the `status` of `before` (the object as read, wire JSON) with the
// status of `after` (the in-memory model after the reconcile); writes the
// difference to the /status subresource with metadata.resourceVersion of
// `before` as precondition. Nothing is sent when they are equal. A stale
// resourceVersion returns the server's Conflict (k8s::IsApiConflict).
absl::StatusOr<FlushResult> FlushStatus(k8s::KubeClient& kube, const k8s::Resource& resource,
                                        const k8s::Object& before,
                                        const google::protobuf::Message& after);

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_COMMON_STATUS_FLUSH_H_

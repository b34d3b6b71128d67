// One line of a watch response body — {"type": ..., "object": ...} — as a
// WatchEvent, or as the error an ERROR event carries. Pure, so the wire
// format is tested without a server.
#ifndef SEI_LIB_K8S_WATCH_EVENT_DECODER_H_
#define SEI_LIB_K8S_WATCH_EVENT_DECODER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"

namespace sei::k8s {

// ADDED/MODIFIED/DELETED/BOOKMARK → the event. ERROR → the ApiError of its
// Status object (410 Expired → IsApiGone). Anything else (not JSON, an
// unknown type, no object) → ApiError(kTransport) quoting the line: the
// stream cannot be trusted past it.
absl::StatusOr<WatchEvent> DecodeWatchEvent(absl::string_view line);

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_WATCH_EVENT_DECODER_H_

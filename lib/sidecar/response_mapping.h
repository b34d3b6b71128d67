// What each sidecar answer means to the operator (sidecar-protocol.md §9.1-
// §9.4, product column; H3, H10): pure functions from a raw HTTP answer to
// the classified result of sidecar_client.h. Transport failures never get
// here (http_transport.h classifies those).
#ifndef SEI_LIB_SIDECAR_RESPONSE_MAPPING_H_
#define SEI_LIB_SIDECAR_RESPONSE_MAPPING_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/sidecar/http_transport.h"
#include "lib/sidecar/sidecar_client.h"

namespace sei::sidecar {

// The node's namespace, named by the 403 message: the proxy's
// SubjectAccessReview asks for `seinodetasks.sei.io` there (§1).
struct AnswerContext {
  std::string ns;
};

// POST /v0/tasks of `type`:
//   201/202 + non-nil UUID id      → OK
//   201/202 otherwise              → DataLoss
//   400 `persist task: …`          → Unavailable  `sidecar rejected <type> task: <message>`
//   400 otherwise                  → InvalidArgument (same text; terminal, H3)
//   401 / 403                      → Unauthenticated / PermissionDenied
//   anything else                  → Unavailable
//     `sidecar <type> task submission returned <code>: <body>`
absl::Status MapSubmitAnswer(absl::string_view type, const AnswerContext& context,
                             const HttpAnswer& answer);

// GET /v0/tasks/{id}: 200 + TaskResult of that id → the result; 200
// otherwise → DataLoss; 404 → NotFound; 401/403 as above; anything else →
// Unavailable `sidecar task <id> poll returned <code>: <body>`.
absl::StatusOr<TaskResult> MapPollAnswer(absl::string_view id, const AnswerContext& context,
                                         const HttpAnswer& answer);

// GET /v0/healthz: 200 → kReady, 503 → kNotReady, 401/403 as above,
// anything else → Unavailable `sidecar healthz returned <code>: <body>`.
absl::StatusOr<Health> MapHealthAnswer(const AnswerContext& context, const HttpAnswer& answer);

// GET /v0/node-id: 200 with a non-empty string `nodeId` → it; 200 otherwise
// → DataLoss; 401/403 as above; anything else → Unavailable
// `node-id returned <code>: <body>`.
absl::StatusOr<std::string> MapNodeIdAnswer(const AnswerContext& context, const HttpAnswer& answer);

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_RESPONSE_MAPPING_H_

// Query parameters (and DELETE's DeleteOptions body) → the store's option
// structs, with kube-apiserver's validation: a value the apiserver would
// reject is a 400 BadRequest (or 422 Invalid for DeleteOptions) naming it.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_REQUEST_OPTIONS_H_
#define SEI_LIB_CONTROLPLANE_HTTP_REQUEST_OPTIONS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/http/url.h"

namespace sei::controlplane {

// Go's strconv.ParseBool, which the apiserver uses for boolean parameters:
// 1 t T TRUE true True 0 f F FALSE false False; absent → `fallback`.
absl::StatusOr<bool> BoolParam(const QueryParams& query, absl::string_view name,
                               bool fallback = false);

// dryRun: absent, or every value "All".
absl::StatusOr<bool> DryRunParam(const QueryParams& query);

enum class FieldValidation { kIgnore, kWarn, kStrict };
// fieldValidation: Ignore | Warn | Strict; absent → Warn (the apiserver's
// default since 1.27).
absl::StatusOr<FieldValidation> FieldValidationParam(const QueryParams& query);

absl::StatusOr<ListOptions> ListOptionsParams(const QueryParams& query);

struct WatchRequest {
  bool watch = false;  // watch=true (or the /watch/ path prefix)
  WatchOptions options;
  // timeoutSeconds, or the apiserver's default: a random duration between
  // 30 and 60 minutes, which spreads re-watches out.
  absl::Duration timeout;
};
// `name`: a watch on one object (GET .../{name}?watch=1) selects it by
// metadata.name, as the apiserver does.
absl::StatusOr<WatchRequest> WatchParams(const QueryParams& query, bool legacy_watch,
                                         absl::string_view name);

absl::StatusOr<WriteOptions> WriteOptionsParams(const QueryParams& query);
// `force` is only valid for server-side apply.
absl::StatusOr<PatchOptions> PatchOptionsParams(const QueryParams& query, PatchType type);

struct DeleteRequest {
  DeleteOptions options;
  // The deprecated orphanDependents=false was sent: the apiserver answers
  // 202 Accepted (instead of 200) when the object is not removed at once.
  bool orphan_dependents_false = false;
};
// Query parameters first, then the body's fields on top (the apiserver's
// order). `body` is null or a DeleteOptions object.
absl::StatusOr<DeleteRequest> DeleteOptionsParams(const QueryParams& query, const Json& body);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_REQUEST_OPTIONS_H_

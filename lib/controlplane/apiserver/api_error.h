// Kubernetes API errors: an absl::Status carrying the HTTP code, the
// `reason` and optional `details` of a metav1.Status, so every layer can
// return absl::Status and the HTTP layer renders the exact Status object.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_API_ERROR_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_API_ERROR_H_

#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

// Standard reasons (metav1.StatusReason) with their HTTP codes:
//   NotFound 404, AlreadyExists 409, Conflict 409, Invalid 422, BadRequest 400,
//   Unauthorized 401, Forbidden 403, Expired 410, Gone 410, MethodNotAllowed 405,
//   UnsupportedMediaType 415, NotAcceptable 406, RequestEntityTooLarge 413,
//   InternalError 500, Timeout 504.
absl::Status ApiError(int code, absl::string_view reason, absl::string_view message,
                      nlohmann::json details = nullptr);

// Shorthands with the apiserver's message wording, e.g.
// NotFoundError("statefulsets", "apps", "n") → 404 `statefulsets.apps "n" not found`.
absl::Status NotFoundError(absl::string_view resource, absl::string_view group,
                           absl::string_view name);
absl::Status AlreadyExistsError(absl::string_view resource, absl::string_view group,
                                absl::string_view name);
// 409 `Operation cannot be fulfilled on <resource>.<group> "<name>": <why>`.
absl::Status ConflictError(absl::string_view resource, absl::string_view group,
                           absl::string_view name, absl::string_view why);
absl::Status BadRequestError(absl::string_view message);

// The ApiError a metav1.Status object describes (e.g. one built by
// schema/admission.h's InvalidStatus), so it travels as an absl::Status. A
// Success status → OK.
absl::Status ApiErrorFromStatusObject(const nlohmann::json& status_object);

// The metav1.Status object for `status` (a non-API error becomes 500
// InternalError); OK → a Success Status.
nlohmann::json StatusObject(const absl::Status& status);
int HttpCode(const absl::Status& status);
std::string Reason(const absl::Status& status);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_API_ERROR_H_

#include "lib/controlplane/apiserver/api_error.h"

#include "lib/controlplane/core/json_text.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace sei::controlplane {
namespace {

// The payload key under which an ApiError keeps its serialized metav1.Status.
constexpr absl::string_view kStatusPayload =
    "type.googleapis.com/k8s.io/apimachinery/pkg/apis/meta/v1.Status";

// The closest canonical code, so that code which only looks at the
// absl::Status (tests, logs) still sees something meaningful.
absl::StatusCode CanonicalCode(int http_code, absl::string_view reason) {
  switch (http_code) {
    case 400:
    case 406:
    case 415:
    case 422:
      return absl::StatusCode::kInvalidArgument;
    case 401:
      return absl::StatusCode::kUnauthenticated;
    case 403:
      return absl::StatusCode::kPermissionDenied;
    case 404:
      return absl::StatusCode::kNotFound;
    case 405:
      return absl::StatusCode::kUnimplemented;
    case 409:
      return reason == "AlreadyExists" ? absl::StatusCode::kAlreadyExists
                                       : absl::StatusCode::kAborted;
    case 410:
      return absl::StatusCode::kOutOfRange;
    case 413:
    case 429:
      return absl::StatusCode::kResourceExhausted;
    case 503:
      return absl::StatusCode::kUnavailable;
    case 504:
      return absl::StatusCode::kDeadlineExceeded;
    default:
      return absl::StatusCode::kInternal;
  }
}

// "<resource>.<group>" as the apiserver prints a GroupResource; just the
// resource for the core group.
std::string Qualified(absl::string_view resource, absl::string_view group) {
  return group.empty() ? std::string(resource) : absl::StrCat(resource, ".", group);
}

// The details object of the resource-scoped errors: empty fields are
// omitted, as Go's omitempty does.
nlohmann::json ResourceDetails(absl::string_view resource, absl::string_view group,
                               absl::string_view name) {
  nlohmann::json details = nlohmann::json::object();
  if (!name.empty()) details["name"] = std::string(name);
  if (!group.empty()) details["group"] = std::string(group);
  if (!resource.empty()) details["kind"] = std::string(resource);
  return details;
}

std::optional<nlohmann::json> StatusPayload(const absl::Status& status) {
  auto payload = status.GetPayload(kStatusPayload);  // absl::optional here
  if (!payload.has_value()) return std::nullopt;
  nlohmann::json parsed = nlohmann::json::parse(std::string(*payload), nullptr,
                                                /*allow_exceptions=*/false);
  if (!parsed.is_object()) return std::nullopt;
  return parsed;
}

nlohmann::json FailureStatus(int code, absl::string_view reason, absl::string_view message,
                             nlohmann::json details) {
  nlohmann::json status = {
      {"kind", "Status"},
      {"apiVersion", "v1"},
      {"metadata", nlohmann::json::object()},
      {"status", "Failure"},
      {"message", std::string(message)},
      {"reason", std::string(reason)},
      {"code", code},
  };
  if (details.is_object() && !details.empty()) status["details"] = std::move(details);
  return status;
}

}  // namespace

absl::Status ApiError(int code, absl::string_view reason, absl::string_view message,
                      nlohmann::json details) {
  absl::Status status(CanonicalCode(code, reason), message);
  status.SetPayload(kStatusPayload,
                    absl::Cord(JsonText(FailureStatus(code, reason, message, std::move(details)))));
  return status;
}

absl::Status NotFoundError(absl::string_view resource, absl::string_view group,
                           absl::string_view name) {
  return ApiError(404, "NotFound",
                  absl::StrCat(Qualified(resource, group), " \"", name, "\" not found"),
                  ResourceDetails(resource, group, name));
}

absl::Status AlreadyExistsError(absl::string_view resource, absl::string_view group,
                                absl::string_view name) {
  return ApiError(409, "AlreadyExists",
                  absl::StrCat(Qualified(resource, group), " \"", name, "\" already exists"),
                  ResourceDetails(resource, group, name));
}

absl::Status ConflictError(absl::string_view resource, absl::string_view group,
                           absl::string_view name, absl::string_view why) {
  return ApiError(409, "Conflict",
                  absl::StrCat("Operation cannot be fulfilled on ", Qualified(resource, group),
                               " \"", name, "\": ", why),
                  ResourceDetails(resource, group, name));
}

absl::Status BadRequestError(absl::string_view message) {
  return ApiError(400, "BadRequest", message);
}

absl::Status ApiErrorFromStatusObject(const nlohmann::json& status_object) {
  if (!status_object.is_object()) {
    return absl::InternalError("ApiErrorFromStatusObject: not a Status object");
  }
  if (status_object.value("status", "") == "Success") return absl::OkStatus();
  const int code = status_object.value("code", 500);
  const std::string reason = status_object.value("reason", "InternalError");
  const std::string message = status_object.value("message", "");
  nlohmann::json details = status_object.contains("details") ? status_object["details"]
                                                             : nlohmann::json(nullptr);
  return ApiError(code, reason, message, std::move(details));
}

nlohmann::json StatusObject(const absl::Status& status) {
  if (status.ok()) {
    return {{"kind", "Status"},
            {"apiVersion", "v1"},
            {"metadata", nlohmann::json::object()},
            {"status", "Success"},
            {"code", 200}};
  }
  if (std::optional<nlohmann::json> payload = StatusPayload(status)) return *payload;
  // Not an API error: the apiserver wraps unexpected errors the same way.
  const std::string message(status.message());
  return FailureStatus(500, "InternalError", absl::StrCat("Internal error occurred: ", message),
                       {{"causes", {{{"message", message}}}}});
}

int HttpCode(const absl::Status& status) {
  if (status.ok()) return 200;
  if (std::optional<nlohmann::json> payload = StatusPayload(status)) {
    return payload->value("code", 500);
  }
  return 500;
}

std::string Reason(const absl::Status& status) {
  if (status.ok()) return "";
  if (std::optional<nlohmann::json> payload = StatusPayload(status)) {
    return payload->value("reason", "");
  }
  return "InternalError";
}

}  // namespace sei::controlplane

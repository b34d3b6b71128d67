#include "lib/controlplane/http/status_response.h"

#include "lib/controlplane/core/json_text.h"

#include <string>

#include "lib/controlplane/apiserver/api_error.h"

namespace sei::controlplane {

HttpResponse JsonResponse(int code, const nlohmann::json& body, absl::string_view content_type) {
  HttpResponse response;
  response.status = code;
  response.SetHeader("Content-Type", content_type);
  // Invalid UTF-8 in a stored string must not throw out of the handler.
  response.body = JsonText(body);
  return response;
}

HttpResponse StatusResponse(const absl::Status& status) {
  return JsonResponse(HttpCode(status), StatusObject(status));
}

HttpResponse StatusForCode(int code, absl::string_view message) {
  std::string reason;
  switch (code) {
    case 400:
    case 431:
      reason = "BadRequest";
      break;
    case 401:
      reason = "Unauthorized";
      break;
    case 404:
      reason = "NotFound";
      break;
    case 405:
      reason = "MethodNotAllowed";
      break;
    case 406:
      reason = "NotAcceptable";
      break;
    case 413:
      reason = "RequestEntityTooLarge";
      break;
    case 415:
      reason = "UnsupportedMediaType";
      break;
    default:
      reason = "InternalError";
      break;
  }
  return StatusResponse(ApiError(code, reason, message, nlohmann::json::object()));
}

HttpResponse NotFoundResponse() {
  return StatusForCode(404, "the server could not find the requested resource");
}

HttpResponse MethodNotAllowedResponse() {
  return StatusForCode(405, "the server does not allow this method on the requested resource");
}

HttpResponse UnauthorizedResponse() { return StatusForCode(401, "Unauthorized"); }

}  // namespace sei::controlplane

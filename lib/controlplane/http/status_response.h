// HTTP responses carrying JSON documents and metav1.Status errors, the
// apiserver's way: every failure is a Status object with the HTTP code.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_STATUS_RESPONSE_H_
#define SEI_LIB_CONTROLPLANE_HTTP_STATUS_RESPONSE_H_

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/http/http_message.h"

namespace sei::controlplane {

HttpResponse JsonResponse(int code, const nlohmann::json& body,
                          absl::string_view content_type = "application/json");

// The Status object of `status` (api_error.h) with its HTTP code; a non-API
// error becomes 500 InternalError.
HttpResponse StatusResponse(const absl::Status& status);

// A Status for `code` with the apiserver's reason for that code
// (413 RequestEntityTooLarge, 400 BadRequest, 500 InternalError…).
HttpResponse StatusForCode(int code, absl::string_view message);

// The fixed messages of the apiserver's generic errors.
HttpResponse NotFoundResponse();          // 404 the server could not find the requested resource
HttpResponse MethodNotAllowedResponse();  // 405
HttpResponse UnauthorizedResponse();      // 401 Unauthorized

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_STATUS_RESPONSE_H_

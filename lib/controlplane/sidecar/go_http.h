// Go net/http behaviour that the reference sidecar inherits from its
// ServeMux (Go 1.22 method patterns) and helpers: default 404/405 answers,
// redirects to the cleaned path, query parsing, and the writeJSON/writeError
// shapes of its handlers (sidecar-protocol.md §4).
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_GO_HTTP_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_GO_HTTP_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/controlplane/sidecar/request.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

inline constexpr absl::string_view kJsonContentType = "application/json";
inline constexpr absl::string_view kPlainTextContentType = "text/plain; charset=utf-8";

// writeJSON: Content-Type application/json and the Go encoder's bytes.
Response JsonResponse(int status, const nlohmann::ordered_json& value);

// writeError: {"error":"<message>"}.
Response JsonError(int status, absl::string_view message);

// w.WriteHeader(status) with nothing written: no body and no Content-Type.
Response EmptyResponse(int status);

// http.Error: plain text, `X-Content-Type-Options: nosniff`, message + "\n".
Response PlainTextError(int status, absl::string_view message);

// The mux's answer for a path no pattern matches: "404 page not found\n".
Response NotFoundResponse();

// The mux's answer for a matched path and a method no pattern allows:
// "Method Not Allowed\n" with `Allow: <methods>` (sorted, ", "-joined).
Response MethodNotAllowedResponse(absl::string_view allow);

// ServeMux's cleanPath: the path with `.`/`..` segments and repeated slashes
// resolved, a leading '/' added and a trailing '/' kept. A request whose path
// differs from its cleaned form is redirected to it (MovedPermanentlyTo).
std::string CleanPath(absl::string_view path);

// http.Redirect with 301 to `path` (plus `?query` when non-empty): a short
// HTML body for GET, nothing for other methods.
Response MovedPermanentlyTo(absl::string_view method, absl::string_view path,
                            absl::string_view query);

// url.Values.Get after url.ParseQuery: the first value of `key`; pairs with a
// ';' or an invalid %-escape are skipped, as Go drops them. nullopt when the
// key is absent.
std::optional<std::string> QueryValue(absl::string_view query, absl::string_view key);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_GO_HTTP_H_

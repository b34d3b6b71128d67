// What a kube-apiserver request path addresses: a discovery document, a
// collection, an object or an object's subresource.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_API_PATH_H_
#define SEI_LIB_CONTROLPLANE_HTTP_API_PATH_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

enum class PathKind {
  kRoot,          // /
  kVersion,       // /version
  kHealth,        // /healthz, /readyz, /livez (and their /<check> children)
  kOpenApi,       // /openapi/...
  kCoreVersions,  // /api
  kGroups,        // /apis
  kGroup,         // /apis/{group}
  kGroupVersion,  // /api/v1, /apis/{group}/{version}
  kResource,      // .../[namespaces/{ns}/]{resource}[/{name}[/{subresource}]]
  kUnknown,
};

struct ApiPath {
  PathKind kind = PathKind::kUnknown;
  std::string group;  // "" for the core group
  std::string version;
  // True when the URL has the /namespaces/{ns}/ prefix; `ns` is then that
  // namespace (never empty).
  bool has_namespace = false;
  std::string ns;
  std::string resource;
  std::string name;         // "" for a collection
  std::string subresource;  // "" for the object itself
  // The deprecated /api/v1/watch/... form: a watch whatever the query says.
  bool legacy_watch = false;
};

// Errors: InvalidArgument for a path that cannot be decoded (bad escapes).
// A well-formed path that names nothing known is kUnknown, not an error.
absl::StatusOr<ApiPath> ParseApiPath(absl::string_view path);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_API_PATH_H_

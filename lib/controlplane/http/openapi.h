// A skeleton of the OpenAPI v3 documents (/openapi/v3 and
// /openapi/v3/{api/v1 | apis/<group>/<version>}): every resource's paths and
// operations with their query parameters and x-kubernetes-group-version-kind,
// but no schemas. That is what kubectl reads to learn that the server does
// field validation itself (so `kubectl apply -f` and `create -f` work without
// --validate=false, with fieldValidation=Strict done here); `kubectl explain`
// needs the schemas and does not work. /openapi/v2 is not served.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_OPENAPI_H_
#define SEI_LIB_CONTROLPLANE_HTTP_OPENAPI_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/controlplane/http/discovery.h"

namespace sei::controlplane {

// GET /openapi/v3: {"paths": {"api/v1": {"serverRelativeURL":
// "/openapi/v3/api/v1?hash=<content hash>"}, …}}. The hash changes with the
// document, which is what clients key their caches on.
nlohmann::json OpenApiV3Root(const ResourceTypes& types);

// GET /openapi/v3/<group_version_path> ("api/v1", "apis/apps/v1"); nullopt
// when no served type has that group version.
std::optional<nlohmann::json> OpenApiV3Document(const ResourceTypes& types,
                                                absl::string_view group_version_path);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_OPENAPI_H_

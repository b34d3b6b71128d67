// The JSONPath subset of CRD additionalPrinterColumns: `.a.b.c`, `['a.b']`,
// `[n]` (negative counts from the end), `[*]`, `..` is not supported, and
// the filter `[?(@.key=="value")]` (also `!=`, a nested `@.a.b` key, and
// single-quoted values), which condition columns use.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_JSON_PATH_H_
#define SEI_LIB_CONTROLPLANE_HTTP_JSON_PATH_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

// Every value the path selects, in document order; a path that selects
// nothing is an empty vector (not an error). Errors: a path outside the
// subset (InvalidArgument). One optional pair of outer braces is accepted.
absl::StatusOr<std::vector<nlohmann::json>> EvaluateJsonPath(const nlohmann::json& root,
                                                             absl::string_view path);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_JSON_PATH_H_

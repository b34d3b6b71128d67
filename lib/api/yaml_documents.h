// Reading and writing YAML (and JSON) document streams the way kubectl does.
//
// Reading: a stream is split at `---`; documents that are empty or hold only
// comments are skipped. Plain (unquoted) scalars resolve with the YAML 1.1
// rules of Go's yaml.v2, which kubectl uses: `123`, `0x1F`, `017` (octal),
// `1_000` are integers; `1.5`, `1e3` floats; `true/yes/on/y` (any of the
// three case spellings) booleans; `null`, `~` and nothing null. Quoted
// scalars and block scalars (`|`, `>`) always stay strings. Integers keep all
// 64 bits. Input whose first non-blank character is `{` is read as a stream
// of JSON objects with exact JSON semantics, as kubectl does (so flow-style
// YAML such as `{a: 1}` at the very start is a JSON error there too).
//
// Writing: block style, keys in the order given, strings quoted whenever a
// YAML 1.1 or 1.2 reader could take them for something else.
#ifndef SEI_LIB_API_YAML_DOCUMENTS_H_
#define SEI_LIB_API_YAML_DOCUMENTS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::api {

struct Document {
  // 0-based position among the non-empty documents of the stream.
  int index = 0;
  // 1-based line on which the document's content starts.
  int line = 0;
  nlohmann::json json;
};

// Errors are InvalidArgument and one line, e.g.
// `YAML parse error at line 3, column 5: illegal map value`. Besides syntax
// errors this rejects duplicate mapping keys (a likely mistake that kubectl
// would silently resolve to the last one), non-scalar mapping keys,
// `.inf`/`.nan` (JSON cannot hold them), invalid UTF-8, nesting deeper than
// 1000 levels and alias expansion beyond 1,000,000 nodes.
absl::StatusOr<std::vector<Document>> ParseYamlDocuments(absl::string_view text);

// One block-style YAML document ending in a newline. Never throws.
std::string EmitYaml(const nlohmann::ordered_json& value);
std::string EmitYaml(const nlohmann::json& value);

// Several documents joined by `---` lines.
std::string EmitYamlStream(const std::vector<nlohmann::ordered_json>& documents);

}  // namespace sei::api

#endif  // SEI_LIB_API_YAML_DOCUMENTS_H_

// Reading sei.io/v1alpha1 manifests (SeiNode, SeiNodeTask) from YAML or JSON
// text into the API model, and writing them back out.
#ifndef SEI_LIB_API_MANIFEST_H_
#define SEI_LIB_API_MANIFEST_H_

#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/api/json_codec.h"
#include "proto/sei/v1alpha1/seinode.pb.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::api {

inline constexpr absl::string_view kApiVersion = "sei.io/v1alpha1";

struct Manifest {
  // Document::index of the document the object came from (0-based; the
  // items of a List share their List's index).
  int document_index = 0;
  // 1-based line where that document starts.
  int line = 0;
  std::variant<v1alpha1::SeiNode, v1alpha1::SeiNodeTask> object;
  // Unknown fields that were dropped (never filled in strict mode). Paths are
  // relative to the document, e.g. "spec.genesis" or "items[1].spec.storage".
  std::vector<DecodeIssue> warnings;
};

// Reads every object of a YAML/JSON stream (see ParseYamlDocuments). Each
// document must be `apiVersion: sei.io/v1alpha1` with kind SeiNode or
// SeiNodeTask; a `kind: List` (or SeiNodeList/SeiNodeTaskList) is expanded
// into its `items`, as kubectl does. A stream without documents yields an
// empty vector.
//
// Fails on the first problem with one user-facing line. Problems inside a
// document are prefixed with its 1-based ordinal and start line, e.g.
// `document 2 (line 14): spec.chainId: expected a string, got number 5`
// (the ordinal is Manifest::document_index + 1).
absl::StatusOr<std::vector<Manifest>> ReadManifests(absl::string_view text,
                                                    const DecodeOptions& options);

// The object as JSON (EncodeMessage of the SeiNode or SeiNodeTask).
nlohmann::ordered_json ManifestToJson(const Manifest& manifest);

// A YAML stream with one document per manifest, in order, separated by `---`.
std::string WriteManifestsYaml(const std::vector<Manifest>& manifests);

}  // namespace sei::api

#endif  // SEI_LIB_API_MANIFEST_H_

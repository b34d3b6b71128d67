#include "lib/api/manifest.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/api/json_describe.h"
#include "lib/api/yaml_documents.h"

namespace sei::api {
namespace {

using Json = nlohmann::json;

constexpr absl::string_view kSupportedKinds = "SeiNode or SeiNodeTask";

std::string Join(const std::string& prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

// Reads a top-level string such as apiVersion; absent (or null) is "".
absl::Status ReadString(const Json& object, const std::string& prefix, const char* field,
                        std::string* out) {
  out->clear();
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return absl::OkStatus();
  if (!it->is_string()) {
    return absl::InvalidArgumentError(
        absl::StrCat(Join(prefix, field), ": expected a string, got ", DescribeJsonValue(*it)));
  }
  *out = it->get<std::string>();
  return absl::OkStatus();
}

bool IsListKind(const std::string& api_version, const std::string& kind) {
  // kubectl treats any object with an `items` list as a list; the kinds that
  // actually occur are core/v1 List and our own typed lists.
  if (kind == "List") return true;
  return api_version == kApiVersion && (kind == "SeiNodeList" || kind == "SeiNodeTaskList");
}

class Reader {
 public:
  Reader(const Document& document, const DecodeOptions& options, std::vector<Manifest>* manifests)
      : document_(document), options_(options), manifests_(manifests) {}

  // `prefix` is the path of `object` within the document ("" or "items[2]").
  absl::Status ReadObject(const Json& object, const std::string& prefix, int list_depth) {
    if (!object.is_object()) {
      const std::string where = prefix.empty() ? "" : absl::StrCat(prefix, ": ");
      return absl::InvalidArgumentError(absl::StrCat(
          where, "expected a mapping with apiVersion and kind, got ", DescribeJsonValue(object)));
    }
    std::string api_version, kind;
    absl::Status status = ReadString(object, prefix, "apiVersion", &api_version);
    if (status.ok()) status = ReadString(object, prefix, "kind", &kind);
    if (!status.ok()) return status;

    if (IsListKind(api_version, kind)) return ReadList(object, prefix, list_depth);

    const std::string where = prefix.empty() ? "" : absl::StrCat(prefix, ": ");
    if (api_version.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "missing apiVersion; expected \"", kApiVersion, "\""));
    }
    if (api_version != kApiVersion) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "unsupported apiVersion ", QuoteForMessage(api_version),
                       kind.empty() ? "" : absl::StrCat(" (kind ", QuoteForMessage(kind), ")"),
                       "; expected \"", kApiVersion, "\" with kind ", kSupportedKinds));
    }
    Manifest manifest;
    manifest.document_index = document_.index;
    manifest.line = document_.line;
    if (kind == "SeiNode") {
      manifest.object.emplace<v1alpha1::SeiNode>();
      status = DecodeMessageAt(prefix, object, &std::get<v1alpha1::SeiNode>(manifest.object),
                               options_, &manifest.warnings);
    } else if (kind == "SeiNodeTask") {
      manifest.object.emplace<v1alpha1::SeiNodeTask>();
      status = DecodeMessageAt(prefix, object, &std::get<v1alpha1::SeiNodeTask>(manifest.object),
                               options_, &manifest.warnings);
    } else if (kind.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "missing kind; expected ", kSupportedKinds));
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "unsupported kind ", QuoteForMessage(kind), "; expected ", kSupportedKinds));
    }
    if (!status.ok()) return status;
    manifests_->push_back(std::move(manifest));
    return absl::OkStatus();
  }

 private:
  absl::Status ReadList(const Json& list, const std::string& prefix, int list_depth) {
    // Lists of lists are legal but pointless; the bound only stops runaway
    // recursion.
    if (list_depth >= 8) {
      return absl::InvalidArgumentError(
          absl::StrCat(Join(prefix, "items"), ": lists nested too deeply"));
    }
    const auto items = list.find("items");
    if (items == list.end() || items->is_null()) return absl::OkStatus();
    if (!items->is_array()) {
      return absl::InvalidArgumentError(absl::StrCat(
          Join(prefix, "items"), ": expected an array, got ", DescribeJsonValue(*items)));
    }
    for (size_t i = 0; i < items->size(); ++i) {
      const std::string item_prefix = absl::StrCat(Join(prefix, "items"), "[", i, "]");
      absl::Status status = ReadObject((*items)[i], item_prefix, list_depth + 1);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  const Document& document_;
  const DecodeOptions& options_;
  std::vector<Manifest>* manifests_;
};

}  // namespace

absl::StatusOr<std::vector<Manifest>> ReadManifests(absl::string_view text,
                                                    const DecodeOptions& options) {
  absl::StatusOr<std::vector<Document>> documents = ParseYamlDocuments(text);
  if (!documents.ok()) return documents.status();
  std::vector<Manifest> manifests;
  for (const Document& document : *documents) {
    Reader reader(document, options, &manifests);
    absl::Status status = reader.ReadObject(document.json, "", 0);
    if (!status.ok()) {
      return absl::Status(status.code(), absl::StrCat("document ", document.index + 1, " (line ",
                                                      document.line, "): ", status.message()));
    }
  }
  return manifests;
}

nlohmann::ordered_json ManifestToJson(const Manifest& manifest) {
  return std::visit([](const auto& object) { return EncodeMessage(object); }, manifest.object);
}

std::string WriteManifestsYaml(const std::vector<Manifest>& manifests) {
  std::vector<nlohmann::ordered_json> documents;
  documents.reserve(manifests.size());
  for (const Manifest& manifest : manifests) documents.push_back(ManifestToJson(manifest));
  return EmitYamlStream(documents);
}

}  // namespace sei::api

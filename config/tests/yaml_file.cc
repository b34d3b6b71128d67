#include "config/tests/yaml_file.h"

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/api/yaml_documents.h"

namespace sei::config {

absl::StatusOr<std::vector<nlohmann::json>> ReadYamlFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot be opened"));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::vector<api::Document>> documents = api::ParseYamlDocuments(text.str());
  if (!documents.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", documents.status().message()));
  }
  std::vector<nlohmann::json> out;
  out.reserve(documents->size());
  for (api::Document& document : *documents) out.push_back(std::move(document.json));
  return out;
}

absl::StatusOr<nlohmann::json> ReadSingleYamlDocument(const std::string& path) {
  absl::StatusOr<std::vector<nlohmann::json>> documents = ReadYamlFile(path);
  if (!documents.ok()) return documents.status();
  if (documents->size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": expected one YAML document, found ", documents->size()));
  }
  return std::move(documents->front());
}

}  // namespace sei::config

// Reading a YAML file of this repository (a manifest under config/ or
// testdata/) into JSON documents, the way kubectl reads it. Tests declare the
// files in `data` and run from the runfiles root, so repository-relative
// paths work.
#ifndef SEI_CONFIG_TESTS_YAML_FILE_H_
#define SEI_CONFIG_TESTS_YAML_FILE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace sei::config {

// Every non-empty document of the file, in order. NotFound when the file
// cannot be opened; InvalidArgument (naming the file) when it is not YAML.
absl::StatusOr<std::vector<nlohmann::json>> ReadYamlFile(const std::string& path);

// The file's only document; InvalidArgument when it holds zero or several.
absl::StatusOr<nlohmann::json> ReadSingleYamlDocument(const std::string& path);

}  // namespace sei::config

#endif  // SEI_CONFIG_TESTS_YAML_FILE_H_

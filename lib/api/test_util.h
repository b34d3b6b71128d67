// Helpers shared by the lib/api tests: test data access and JSON plumbing.
#ifndef SEI_LIB_API_TEST_UTIL_H_
#define SEI_LIB_API_TEST_UTIL_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace sei::api::testing {

// Test data is declared in `data = [...]`; Bazel runs tests from the
// workspace's runfiles root, so repository-relative paths work.
inline std::string ReadTestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Sorted *.yaml files under a repository-relative directory.
inline std::vector<std::string> YamlFilesIn(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Key order is irrelevant for equality checks; compare as sorted JSON.
inline nlohmann::json Unordered(const nlohmann::ordered_json& j) {
  return nlohmann::json::parse(j.dump());
}

inline nlohmann::ordered_json Ordered(const nlohmann::json& j) {
  return nlohmann::ordered_json::parse(j.dump());
}

}  // namespace sei::api::testing

#endif  // SEI_LIB_API_TEST_UTIL_H_

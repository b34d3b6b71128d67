// `bazel run //testdata/golden:regenerate` rewrites expected/ from the
// current code. Review the diff like code: a changed golden file is a
// behaviour change and its commit says why.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "testdata/golden/golden_case.h"

int main() {
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  if (workspace == nullptr) {
    std::cerr << "regenerate: run me with `bazel run //testdata/golden:regenerate`\n";
    return 2;
  }
  std::filesystem::current_path(workspace);
  std::filesystem::create_directories(sei::golden::kExpectedDir);
  int changed = 0;
  std::vector<sei::golden::GoldenCase> cases = sei::golden::ListCases(".");
  for (const auto& c : cases) {
    std::string rendered = sei::golden::RenderCase(c);
    std::ifstream old(c.expected_path);
    std::string previous((std::istreambuf_iterator<char>(old)), std::istreambuf_iterator<char>());
    if (previous == rendered) continue;
    std::ofstream(c.expected_path) << rendered;
    std::cout << "updated " << c.expected_path << "\n";
    ++changed;
  }
  std::cout << cases.size() << " cases, " << changed << " updated\n";
  return 0;
}

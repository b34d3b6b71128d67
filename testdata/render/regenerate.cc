// `bazel run //testdata/render:regenerate` rewrites expected/ from the
// current code. Review the diff like code: a changed golden file is a
// behaviour change and its commit says why.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "testdata/render/render_case.h"

int main() {
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  if (workspace == nullptr) {
    std::cerr << "regenerate: run me with `bazel run //testdata/render:regenerate`\n";
    return 2;
  }
  std::filesystem::current_path(workspace);
  std::filesystem::create_directories(sei::render_golden::kExpectedDir);
  int changed = 0;
  const auto cases = sei::render_golden::ListRenderCases(".");
  for (const auto& c : cases) {
    const std::string rendered =
        sei::render_golden::FormatExpected(sei::render_golden::RenderCaseObjects(c));
    std::ifstream old(c.expected_path);
    const std::string previous((std::istreambuf_iterator<char>(old)),
                               std::istreambuf_iterator<char>());
    if (previous == rendered) continue;
    std::ofstream(c.expected_path) << rendered;
    std::cout << "updated " << c.expected_path << "\n";
    ++changed;
  }
  std::cout << cases.size() << " cases, " << changed << " updated\n";
  return 0;
}

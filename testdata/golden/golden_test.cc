// Runs every golden case and compares seiplan's output with expected/.
// On a mismatch it prints a line diff and how to regenerate.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "testdata/golden/golden_case.h"

namespace sei::golden {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("Every golden case matches its expected output", "[golden]") {
  std::vector<GoldenCase> cases = ListCases(".");
  REQUIRE(cases.size() >= 25);
  for (const GoldenCase& c : cases) {
    DYNAMIC_SECTION(c.name) {
      std::string expected = ReadFile(c.expected_path);
      INFO("missing expected file? run: bazel run //testdata/golden:regenerate");
      REQUIRE_FALSE(expected.empty());
      std::string diff = LineDiff(expected, RenderCase(c));
      INFO(c.name << " differs from " << c.expected_path << " (- expected, + actual):\n"
                  << diff << "If the change is intended: bazel run //testdata/golden:regenerate "
                  << "and explain the behaviour change in the commit.");
      CHECK(diff.empty());
    }
  }
}

TEST_CASE("LineDiff shows removed and added lines with context", "[golden]") {
  CHECK(LineDiff("a\nb\nc\n", "a\nb\nc\n").empty());
  std::string diff = LineDiff("a\nb\nc\nd\n", "a\nB\nc\nd\n");
  CHECK(diff.find("- b\n") != std::string::npos);
  CHECK(diff.find("+ B\n") != std::string::npos);
  CHECK(diff.find("  a\n") != std::string::npos);
}

}  // namespace
}  // namespace sei::golden

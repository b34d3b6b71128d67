// Renders every case and compares the objects with expected/. On a mismatch
// it prints a structural diff and how to regenerate.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "testdata/render/render_case.h"

namespace sei::render_golden {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("Every render case matches its expected objects", "[render-golden]") {
  const std::vector<RenderCase> cases = ListRenderCases(".");
  REQUIRE(cases.size() >= 12);
  for (const RenderCase& c : cases) {
    DYNAMIC_SECTION(c.name) {
      const std::string text = ReadFile(c.expected_path);
      INFO("missing expected file? run: bazel run //testdata/render:regenerate");
      REQUIRE_FALSE(text.empty());
      const k8s::Object expected = k8s::Object::parse(text, nullptr, false);
      REQUIRE_FALSE(expected.is_discarded());
      const k8s::Object actual = RenderCaseObjects(c);
      const std::string diff = JsonDiff(expected, actual);
      INFO(c.name << " differs from " << c.expected_path << ":\n"
                  << diff << "If the change is intended: bazel run //testdata/render:regenerate "
                  << "and explain the behaviour change in the commit.");
      CHECK(diff.empty());
      // Byte-for-byte too, so the stored files stay in the canonical format.
      CHECK(text == FormatExpected(actual));
    }
  }
}

TEST_CASE("JsonDiff names the path and both values", "[render-golden]") {
  const k8s::Object a = k8s::Object::parse(R"([{"spec": {"replicas": 1, "x": true}}])");
  const k8s::Object b = k8s::Object::parse(R"([{"spec": {"replicas": 0, "y": "new"}}])");
  CHECK(JsonDiff(a, a).empty());
  const std::string diff = JsonDiff(a, b);
  CHECK(diff.find("replace /0/spec/replicas\n    expected: 1\n    actual:   0\n") !=
        std::string::npos);
  CHECK(diff.find("remove /0/spec/x\n    expected: true\n    actual:   (absent)\n") !=
        std::string::npos);
  CHECK(diff.find("add /0/spec/y\n    expected: (absent)\n    actual:   \"new\"\n") !=
        std::string::npos);
}

TEST_CASE("A case that is not one SeiNode renders as a case error", "[render-golden]") {
  const RenderCase missing{"missing", "testdata/render/cases/does-not-exist.yaml", ""};
  const k8s::Object objects = RenderCaseObjects(missing);
  REQUIRE(objects.size() == 1);
  CHECK(objects[0].contains("caseError"));
}

}  // namespace
}  // namespace sei::render_golden

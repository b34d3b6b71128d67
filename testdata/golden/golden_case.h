// One golden case: an input manifest under cases/ whose seiplan output is
// pinned in expected/<name>.txt. The first line of the input may say which
// command to run (`# seiplan: validate`); the default is `plan -o yaml`.
// Every case runs with a fixed plan ID, clock and sidecar image, so its
// output depends on nothing but the code.
#ifndef SEI_TESTDATA_GOLDEN_GOLDEN_CASE_H_
#define SEI_TESTDATA_GOLDEN_GOLDEN_CASE_H_

#include <string>
#include <vector>

namespace sei::golden {

inline constexpr char kCasesDir[] = "testdata/golden/cases";
inline constexpr char kExpectedDir[] = "testdata/golden/expected";

struct GoldenCase {
  std::string name;        // file stem, e.g. "full-s3-peers-publish"
  std::string input_path;  // relative to the workspace root
  std::string expected_path;
};

// Every cases/*.yaml below `root` (the workspace root or the runfiles
// root), sorted by name.
std::vector<GoldenCase> ListCases(const std::string& root);

// Runs seiplan on the case and renders command, exit code, stdout and
// stderr as the text stored in expected/. Paths are relative to the current
// directory, which must be `root`.
std::string RenderCase(const GoldenCase& golden_case);

// A readable line diff of two texts (`-` expected, `+` actual, with two
// lines of context); empty when equal.
std::string LineDiff(const std::string& expected, const std::string& actual);

}  // namespace sei::golden

#endif  // SEI_TESTDATA_GOLDEN_GOLDEN_CASE_H_

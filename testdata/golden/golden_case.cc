#include "testdata/golden/golden_case.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cmd/seiplan/cli.h"

namespace sei::golden {
namespace {

// Pinned so the output depends on the code alone.
const std::vector<std::string> kPinnedFlags = {
    "--plan-id", "11111111-2222-4333-8444-555555555555",  // the plans.md §3 test-vector plan
    "--now", "2026-06-01T00:00:00Z",
    "--sidecar-image", "ghcr.io/sei-protocol/seictl:v0.0.55",
};

constexpr absl::string_view kDirective = "# seiplan:";

std::vector<std::string> CommandOf(const std::string& input_path) {
  std::ifstream in(input_path);
  std::string first;
  std::getline(in, first);
  absl::string_view line = first;
  if (absl::ConsumePrefix(&line, kDirective)) {
    return absl::StrSplit(line, ' ', absl::SkipEmpty());
  }
  return {"plan", "-o", "yaml"};
}

}  // namespace

std::vector<GoldenCase> ListCases(const std::string& root) {
  std::vector<GoldenCase> cases;
  std::filesystem::path dir = std::filesystem::path(root) / kCasesDir;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    std::string name = entry.path().stem().string();
    cases.push_back({name, absl::StrCat(kCasesDir, "/", name, ".yaml"),
                     absl::StrCat(kExpectedDir, "/", name, ".txt")});
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

std::string RenderCase(const GoldenCase& golden_case) {
  std::vector<std::string> args = CommandOf(golden_case.input_path);
  args.insert(args.end(), kPinnedFlags.begin(), kPinnedFlags.end());
  args.push_back(golden_case.input_path);
  std::istringstream no_stdin;
  std::ostringstream out, err;
  int code = seiplan::Run(args, no_stdin, out, err);
  return absl::StrCat("$ seiplan ", absl::StrJoin(args, " "), "\nexit: ", code,
                      "\n--- stdout\n", out.str(), "--- stderr\n", err.str());
}

std::string LineDiff(const std::string& expected, const std::string& actual) {
  if (expected == actual) return "";
  std::vector<std::string> a = absl::StrSplit(expected, '\n');
  std::vector<std::string> b = absl::StrSplit(actual, '\n');
  // Longest common subsequence table; golden files are a few hundred lines.
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  // Walk the table into (tag, line) pairs, then print changes with context.
  std::vector<std::pair<char, std::string>> ops;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ops.push_back({' ', a[i++]});
      ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push_back({'-', a[i++]});
    } else {
      ops.push_back({'+', b[j++]});
    }
  }
  constexpr int kContext = 2;
  std::string out;
  int last_printed = -1;
  for (int k = 0; k < static_cast<int>(ops.size()); ++k) {
    if (ops[k].first == ' ') continue;
    int from = std::max(last_printed + 1, k - kContext);
    if (last_printed >= 0 && from > last_printed + 1) out += "  ...\n";
    int to = k;
    while (to + 1 < static_cast<int>(ops.size()) &&
           (ops[to + 1].first != ' ' ||
            (to + 2 < static_cast<int>(ops.size()) && ops[to + 2].first != ' '))) {
      ++to;
    }
    to = std::min(static_cast<int>(ops.size()) - 1, to + kContext);
    for (int p = from; p <= to; ++p) {
      absl::StrAppend(&out, std::string(1, ops[p].first), " ", ops[p].second, "\n");
    }
    last_printed = to;
    k = to;
  }
  return out;
}

}  // namespace sei::golden

// One render golden case: a SeiNode manifest under cases/ whose rendered
// Kubernetes objects are pinned in expected/<name>.json. Every case renders
// with the fixed TestPlatformConfig, so its output depends on the code alone.
#ifndef SEI_TESTDATA_RENDER_RENDER_CASE_H_
#define SEI_TESTDATA_RENDER_RENDER_CASE_H_

#include <string>
#include <vector>

#include "lib/k8s/kube_client.h"

namespace sei::render_golden {

inline constexpr char kCasesDir[] = "testdata/render/cases";
inline constexpr char kExpectedDir[] = "testdata/render/expected";

struct RenderCase {
  std::string name;        // file stem, e.g. "validator-operator-keyring"
  std::string input_path;  // relative to the workspace root
  std::string expected_path;
};

// Every cases/*.yaml below `root` (the workspace root or the runfiles root),
// sorted by name.
std::vector<RenderCase> ListRenderCases(const std::string& root);

// Every object the case's node would get, in creation order: the RBAC proxy
// ConfigMap, the data PVC (unless imported), the headless Service, the
// StatefulSet, then, for a node that bootstraps, the bootstrap Service and
// Job. A renderer's error takes its object's place as
// {"renderError": {"object": <kind>, "message": <text>}}; a manifest that
// does not decode to exactly one SeiNode yields [{"caseError": <text>}].
// Paths are relative to the current directory, which must be the root.
k8s::Object RenderCaseObjects(const RenderCase& render_case);

// The text stored in expected/: the objects pretty-printed with two-space
// indentation and a trailing newline.
std::string FormatExpected(const k8s::Object& objects);

// A readable structural diff (one line per JSON Patch operation, with the
// expected and actual values at that path); empty when equal.
std::string JsonDiff(const k8s::Object& expected, const k8s::Object& actual);

}  // namespace sei::render_golden

#endif  // SEI_TESTDATA_RENDER_RENDER_CASE_H_

// Where an end-to-end test finds its inputs and leaves its evidence, under
// Bazel's test environment: runfiles (the operator binary, the CRDs, the
// platform env file) below $TEST_SRCDIR/$TEST_WORKSPACE, logs meant to be
// read after a failure in $TEST_UNDECLARED_OUTPUTS_DIR (Bazel zips them into
// bazel-testlogs/<target>/test.outputs/outputs.zip), scratch files in
// $TEST_TMPDIR. Outside Bazel each falls back to something usable.
#ifndef SEI_CMD_OPERATOR_E2E_TEST_PATHS_H_
#define SEI_CMD_OPERATOR_E2E_TEST_PATHS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::e2e {

// The workspace-relative `path` ("cmd/operator/operator") in the runfiles
// tree; NotFound when it does not exist (a missing `data` dependency).
absl::StatusOr<std::string> RunfilePath(absl::string_view path);

// $TEST_UNDECLARED_OUTPUTS_DIR, else $TEST_TMPDIR, else /tmp.
std::string OutputsDir();

// $TEST_TMPDIR, else /tmp.
std::string ScratchDir();

// A directory `<parent>/<name>` that did not exist before (suffixed -2, -3,
// ... when taken), created with its parents.
absl::StatusOr<std::string> MakeFreshDir(const std::string& parent, absl::string_view name);

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_TEST_PATHS_H_

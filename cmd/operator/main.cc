// operator: the Sei node operator. Validates its flags (options.h) and runs
// (run_operator.h). Flags use the manager's dashed names (--leader-elect,
// --metrics-bind-address, ...); `operator --help` lists them.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "cmd/operator/options.h"
#include "cmd/operator/run_operator.h"

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "The Sei node operator: reconciles SeiNode and SeiNodeTask resources.\n"
      "Platform settings come from SEI_* environment variables (docs/platform-config.md).");
  // Rewrite --some-flag to --some_flag for Abseil, keeping storage alive.
  std::vector<std::string> args = sei::operator_cli::UnderscoreFlagNames(
      std::vector<std::string>(argv, argv + argc));
  std::vector<char*> rewritten;
  for (std::string& arg : args) rewritten.push_back(arg.data());
  std::vector<char*> positional = absl::ParseCommandLine(static_cast<int>(rewritten.size()),
                                                         rewritten.data());
  if (positional.size() > 1) {
    std::cerr << "operator: unexpected argument \"" << positional[1]
              << "\"; run 'operator --help' for usage\n";
    return sei::operator_cli::kExitUsage;
  }
  absl::StatusOr<sei::operator_cli::Options> options = sei::operator_cli::OptionsFromFlags();
  if (!options.ok()) {
    std::cerr << "operator: " << options.status().message() << "\n";
    return sei::operator_cli::kExitUsage;
  }
  return sei::operator_cli::RunOperator(*options);
}

#include "cmd/seiplan/cli.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/status/statusor.h"
#include "cmd/seiplan/command_context.h"
#include "cmd/seiplan/exit_codes.h"
#include "cmd/seiplan/plan_command.h"
#include "cmd/seiplan/simulate_command.h"
#include "cmd/seiplan/validate_command.h"

namespace sei::seiplan {
namespace {

absl::StatusOr<std::string> ReadInput(const std::string& file, std::istream& in) {
  std::ostringstream text;
  if (file == "-") {
    text << in.rdbuf();
    return text.str();
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    return absl::NotFoundError(absl::StrCat("cannot read ", file, ": ", std::strerror(errno)));
  }
  text << stream.rdbuf();
  return text.str();
}

int Dispatch(const Options& options, std::istream& in, std::ostream& out, std::ostream& err) {
  absl::StatusOr<std::string> text = ReadInput(options.file, in);
  if (!text.ok()) {
    err << "seiplan: " << text.status().message() << "\n";
    return kExitBadInput;
  }
  const std::string source = options.file == "-" ? "<stdin>" : options.file;
  api::DecodeOptions decode;
  decode.strict = options.strict;
  absl::StatusOr<std::vector<api::Manifest>> manifests = api::ReadManifests(*text, decode);
  if (!manifests.ok()) {
    err << "seiplan: " << source << ": " << manifests.status().message() << "\n";
    return kExitBadInput;
  }
  if (manifests->empty()) {
    err << "seiplan: " << source << ": no documents\n";
    return kExitBadInput;
  }
  for (const api::Manifest& m : *manifests) {
    for (const api::DecodeIssue& issue : m.warnings) {
      err << "seiplan: warning: " << DescribeManifest(m) << ": " << issue.message << "\n";
    }
  }
  CommandContext ctx{options, *manifests, options.now.value_or(absl::Now()), out, err};
  switch (options.command) {
    case Command::kPlan: return RunPlan(ctx);
    case Command::kSimulate: return RunSimulate(ctx);
    case Command::kValidate: return RunValidate(ctx);
    case Command::kHelp: break;
  }
  return kExitOk;
}

}  // namespace

int Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
  absl::StatusOr<Options> options = ParseOptions(args);
  if (!options.ok()) {
    err << "seiplan: " << options.status().message() << "\n";
    return kExitUsage;
  }
  if (options->command == Command::kHelp) {
    out << UsageText();
    return kExitOk;
  }
  try {
    return Dispatch(*options, in, out, err);
  } catch (const std::exception& e) {
    // The libraries report errors as Status; this is a last line of defence
    // so a bug shows as one line and exit code, never a stack trace.
    err << "seiplan: internal error: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace sei::seiplan

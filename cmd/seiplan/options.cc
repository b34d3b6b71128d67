#include "cmd/seiplan/options.h"

#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/core/task_id.h"

namespace sei::seiplan {
namespace {

absl::Status UsageError(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(message, " (see seiplan --help)"));
}

absl::StatusOr<OutputFormat> ParseOutput(absl::string_view value) {
  if (value == "table") return OutputFormat::kTable;
  if (value == "json") return OutputFormat::kJson;
  if (value == "yaml") return OutputFormat::kYaml;
  return UsageError(absl::StrCat("-o: unknown format \"", value, "\"; use table, json or yaml"));
}

absl::StatusOr<planner::SidecarHealth> ParseHealth(absl::string_view value) {
  if (value == "ready") return planner::SidecarHealth::Ready();
  if (value == "not-ready") return planner::SidecarHealth::NotReady();
  if (value == "unreachable") {
    return planner::SidecarHealth::Unreachable("simulated: connection refused");
  }
  return UsageError(absl::StrCat("--sidecar-health: unknown value \"", value,
                                 "\"; use ready, not-ready or unreachable"));
}

absl::StatusOr<InjectedFailure> ParseFailure(absl::string_view value) {
  std::vector<absl::string_view> parts = absl::StrSplit(value, absl::MaxSplits(':', 1));
  InjectedFailure failure{std::string(parts[0]), std::nullopt};
  if (planner::LookupTaskType(failure.task_type) == nullptr) {
    return UsageError(absl::StrCat("--fail: unknown task type \"", parts[0], "\""));
  }
  if (parts.size() == 2) {
    int times = 0;
    if (!absl::SimpleAtoi(parts[1], &times) || times < 1) {
      return UsageError(absl::StrCat("--fail: TIMES must be a positive integer, got \"",
                                     parts[1], "\""));
    }
    failure.times = times;
  }
  return failure;
}

absl::StatusOr<absl::Time> ParseNow(absl::string_view value) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, value, &t, &error)) {
    return UsageError(absl::StrCat("--now: \"", value, "\" is not an RFC 3339 time: ", error));
  }
  return t;
}

}  // namespace

std::string UsageText() {
  return R"(seiplan: build, step and validate SeiNode plans without a cluster

Usage:
  seiplan plan     [flags] FILE   print the plan the operator would persist
  seiplan simulate [flags] FILE   step the plan to the end, printing each transition
  seiplan validate [flags] FILE   list every rule violation with its field path

FILE is a YAML or JSON manifest (several documents allowed); "-" reads stdin.
SeiNodeTask documents are validated, and `plan` shows the task they synthesize
(against their target when the target SeiNode is in the same file).

Flags:
  -o, --output table|json|yaml   plan output (default table); json/yaml print
                                 status.plan exactly as persisted
  --strict                       unknown fields are errors, not warnings
  --plan-id UUID                 ID of the first plan (default: random)
  --now RFC3339                  reconcile time (default: now)
  --sidecar-image IMAGE          SEI_SIDECAR_IMAGE (default: $SEI_SIDECAR_IMAGE)
  --sidecar-health ready|not-ready|unreachable
                                 what the healthz probe of a Running node sees
                                 (default ready)
  --fail TASK[:TIMES]            simulate: TASK's outcome is "failed" TIMES
                                 times (default: always); repeatable
  -h, --help                     this text

Exit codes:
  0  success
  1  rule violations, a plan that cannot be built, or a simulated plan that failed
  2  usage error
  3  unreadable or malformed input
)";
}

absl::StatusOr<Options> ParseOptions(const std::vector<std::string>& args) {
  Options options;
  if (const char* env = std::getenv("SEI_SIDECAR_IMAGE")) options.sidecar_image = env;
  if (args.empty()) return options;  // kHelp

  const std::string& command = args[0];
  if (command == "plan") {
    options.command = Command::kPlan;
  } else if (command == "simulate") {
    options.command = Command::kSimulate;
  } else if (command == "validate") {
    options.command = Command::kValidate;
  } else if (command == "help" || command == "-h" || command == "--help") {
    return options;
  } else {
    return UsageError(absl::StrCat("unknown command \"", command, "\""));
  }

  for (size_t i = 1; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    // Accept both "--flag value" and "--flag=value".
    std::string inline_value;
    bool has_inline = false;
    if (absl::StartsWith(arg, "--")) {
      size_t eq = arg.find('=');
      if (eq != absl::string_view::npos) {
        inline_value = std::string(arg.substr(eq + 1));
        arg = arg.substr(0, eq);
        has_inline = true;
      }
    }
    auto value = [&]() -> absl::StatusOr<std::string> {
      if (has_inline) return inline_value;
      if (i + 1 >= args.size()) return UsageError(absl::StrCat(arg, " needs a value"));
      return args[++i];
    };

    if (arg == "-h" || arg == "--help") {
      options.command = Command::kHelp;
      return options;
    } else if (arg == "--strict") {
      options.strict = true;
    } else if (arg == "-o" || arg == "--output") {
      auto v = value();
      if (!v.ok()) return v.status();
      auto format = ParseOutput(*v);
      if (!format.ok()) return format.status();
      options.output = *format;
    } else if (arg == "--plan-id") {
      auto v = value();
      if (!v.ok()) return v.status();
      if (!planner::ParseUuid(*v).ok()) {
        return UsageError(absl::StrCat("--plan-id: \"", *v, "\" is not a UUID"));
      }
      options.plan_id = *v;
    } else if (arg == "--now") {
      auto v = value();
      if (!v.ok()) return v.status();
      auto now = ParseNow(*v);
      if (!now.ok()) return now.status();
      options.now = *now;
    } else if (arg == "--sidecar-image") {
      auto v = value();
      if (!v.ok()) return v.status();
      options.sidecar_image = *v;
    } else if (arg == "--sidecar-health") {
      auto v = value();
      if (!v.ok()) return v.status();
      auto health = ParseHealth(*v);
      if (!health.ok()) return health.status();
      options.sidecar_health = *health;
    } else if (arg == "--fail") {
      auto v = value();
      if (!v.ok()) return v.status();
      auto failure = ParseFailure(*v);
      if (!failure.ok()) return failure.status();
      options.failures.push_back(*failure);
    } else if (arg == "-" || !absl::StartsWith(arg, "-")) {
      if (!options.file.empty()) {
        return UsageError(absl::StrCat("one FILE expected, got \"", options.file, "\" and \"",
                                       arg, "\""));
      }
      options.file = std::string(arg);
    } else {
      return UsageError(absl::StrCat("unknown flag \"", arg, "\""));
    }
  }
  if (options.file.empty()) return UsageError("missing FILE");
  if (!options.failures.empty() && options.command != Command::kSimulate) {
    return UsageError("--fail only applies to simulate");
  }
  return options;
}

}  // namespace sei::seiplan

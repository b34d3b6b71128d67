// seiplan's command line: one subcommand, its flags and the input file.
#ifndef SEI_CMD_SEIPLAN_OPTIONS_H_
#define SEI_CMD_SEIPLAN_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/planner/plan/sidecar_health.h"

namespace sei::seiplan {

enum class Command { kPlan, kSimulate, kValidate, kHelp };
enum class OutputFormat { kTable, kJson, kYaml };

// `--fail TASK[:TIMES]`: the task's observed outcome is "failed" TIMES times
// (every time when TIMES is omitted), then it succeeds.
struct InjectedFailure {
  std::string task_type;
  std::optional<int> times;
};

struct Options {
  Command command = Command::kHelp;
  std::string file;  // "-" reads standard input
  OutputFormat output = OutputFormat::kTable;
  bool strict = false;
  // The first plan's ID; later plans of a simulation derive theirs from it.
  // Empty: random UUIDv4s.
  std::string plan_id;
  // The reconcile time; default: the wall clock when seiplan starts.
  std::optional<absl::Time> now;
  // SEI_SIDECAR_IMAGE as the operator would see it.
  std::string sidecar_image;
  // The healthz result a probe would observe for a Running node.
  planner::SidecarHealth sidecar_health = planner::SidecarHealth::Ready();
  std::vector<InjectedFailure> failures;
};

// Parses argv[1..]. Errors are one line suitable after "seiplan: ".
absl::StatusOr<Options> ParseOptions(const std::vector<std::string>& args);

// The full --help text.
std::string UsageText();

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_OPTIONS_H_

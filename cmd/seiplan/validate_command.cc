#include "cmd/seiplan/validate_command.h"

#include "cmd/seiplan/admission.h"
#include "cmd/seiplan/exit_codes.h"

namespace sei::seiplan {

int RunValidate(const CommandContext& ctx) {
  int violations = 0;
  int invalid_objects = 0;
  for (const api::Manifest& manifest : ctx.manifests) {
    planner::FieldViolations found = AllViolations(manifest);
    std::string label = DescribeManifest(manifest);
    if (found.empty()) {
      ctx.out << label << ": valid\n";
      continue;
    }
    ++invalid_objects;
    for (const planner::FieldViolation& v : found) {
      ctx.out << label << ": " << planner::FormatViolation(v) << "\n";
      ++violations;
    }
  }
  ctx.out << ctx.manifests.size() << " object(s), " << invalid_objects << " invalid, "
          << violations << " violation(s)\n";
  return invalid_objects == 0 ? kExitOk : kExitRejected;
}

}  // namespace sei::seiplan

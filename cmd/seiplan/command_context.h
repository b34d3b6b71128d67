// What every seiplan command receives: the parsed options, the manifests of
// the input file, the reconcile time and the two output streams.
#ifndef SEI_CMD_SEIPLAN_COMMAND_CONTEXT_H_
#define SEI_CMD_SEIPLAN_COMMAND_CONTEXT_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "cmd/seiplan/options.h"
#include "lib/api/manifest.h"

namespace sei::seiplan {

struct CommandContext {
  const Options& options;
  const std::vector<api::Manifest>& manifests;
  absl::Time now;
  std::ostream& out;  // the command's result
  std::ostream& err;  // diagnostics
};

// "SeiNode ns/name (document 2, line 14)": how output names an object.
std::string DescribeManifest(const api::Manifest& manifest);

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_COMMAND_CONTEXT_H_

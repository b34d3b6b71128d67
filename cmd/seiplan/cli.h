// seiplan's entry point as a library function, so tests (and the golden
// suite) run exactly what the binary runs.
#ifndef SEI_CMD_SEIPLAN_CLI_H_
#define SEI_CMD_SEIPLAN_CLI_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace sei::seiplan {

// `args` excludes the program name. Reads the FILE argument (or `in` for
// "-"), writes results to `out` and diagnostics to `err`, and returns an exit
// code of exit_codes.h. Never throws.
int Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_CLI_H_

#include "lib/controlplane/bench/process_memory.h"

#include <malloc.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sei::controlplane::bench {

absl::StatusOr<size_t> ParseVmRss(absl::string_view status_text) {
  for (absl::string_view line : absl::StrSplit(status_text, '\n')) {
    if (!absl::ConsumePrefix(&line, "VmRSS:")) continue;
    line = absl::StripAsciiWhitespace(line);
    if (!absl::ConsumeSuffix(&line, "kB")) {
      return absl::InvalidArgumentError("VmRSS is not given in kB");
    }
    uint64_t kilobytes = 0;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &kilobytes)) {
      return absl::InvalidArgumentError("VmRSS is not a number");
    }
    return static_cast<size_t>(kilobytes) * 1024;
  }
  return absl::NotFoundError("no VmRSS line");
}

absl::StatusOr<size_t> ResidentSetBytes() {
  std::ifstream in("/proc/self/status");
  if (!in) return absl::UnavailableError("cannot read /proc/self/status");
  std::stringstream text;
  text << in.rdbuf();
  return ParseVmRss(text.str());
}

void ReleaseFreeHeap() { malloc_trim(0); }

}  // namespace sei::controlplane::bench

// Log severities and formats as the operator's --log-level / --log-format
// flags spell them.
#ifndef SEI_LIB_RUNTIME_LOGGING_LOG_LEVEL_H_
#define SEI_LIB_RUNTIME_LOGGING_LOG_LEVEL_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::runtime {

// Ordered: a logger at kWarn writes kWarn and kError.
enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

enum class LogFormat {
  kJson,  // one JSON object per line, for log collectors
  kText,  // one human-readable line, for a terminal
};

// "debug", "info", "warn" ("warning" too), "error"; case-insensitive.
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text);
// "json", "text"; case-insensitive.
absl::StatusOr<LogFormat> ParseLogFormat(absl::string_view text);

absl::string_view LogLevelName(LogLevel level);  // "debug", "info", "warn", "error"

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_LOGGING_LOG_LEVEL_H_

// Where finished log lines go. The logger serialises calls, so a sink need
// not be thread-safe itself; each call is one whole line ending in '\n'.
#ifndef SEI_LIB_RUNTIME_LOGGING_LOG_SINK_H_
#define SEI_LIB_RUNTIME_LOGGING_LOG_SINK_H_

#include "absl/strings/string_view.h"

namespace sei::runtime {

class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void Write(absl::string_view line) = 0;
};

// The process's standard error; a singleton that is never destroyed, so
// loggers that outlive main() (static destructors) still have somewhere to
// write.
LogSink* StderrSink();

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_LOGGING_LOG_SINK_H_

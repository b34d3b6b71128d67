// A LogSink that keeps every line, for tests that assert on log output.
#ifndef SEI_LIB_RUNTIME_LOGGING_MEMORY_SINK_H_
#define SEI_LIB_RUNTIME_LOGGING_MEMORY_SINK_H_

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "lib/runtime/logging/log_sink.h"

namespace sei::runtime {

class MemorySink final : public LogSink {
 public:
  void Write(absl::string_view line) override {
    absl::MutexLock lock(&mu_);
    lines_.emplace_back(line);
  }
  std::vector<std::string> lines() const {
    absl::MutexLock lock(&mu_);
    return lines_;
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_LOGGING_MEMORY_SINK_H_

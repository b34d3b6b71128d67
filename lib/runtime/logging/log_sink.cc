#include "lib/runtime/logging/log_sink.h"

#include <cstdio>

namespace sei::runtime {
namespace {

class StandardErrorSink final : public LogSink {
 public:
  void Write(absl::string_view line) override {
    // stderr is unbuffered: one fwrite per line keeps lines whole even when
    // another library writes to stderr too.
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
};

}  // namespace

LogSink* StderrSink() {
  static LogSink* const sink = new StandardErrorSink();
  return sink;
}

}  // namespace sei::runtime

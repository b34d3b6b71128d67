// The operator's structured logger. A Logger is a cheap value: a shared core
// (level, format, sink, clock) plus a name and fields that every line it
// writes carries, so a controller logs through
//
//   Logger log = root.WithName("seinode-controller").With({{"namespace", ns}, {"node", name}});
//   log.Info("plan built", {{"plan", plan_id}});
//
// json:  {"ts":"2026-01-01T00:00:00.000Z","level":"info","logger":"seinode-controller",
//         "msg":"plan built","namespace":"default","node":"a","plan":"..."}
// text:  2026-01-01T00:00:00.000Z INFO seinode-controller plan built namespace=default node=a
// plan=...
//
// Thread-safe: lines are formatted on the calling thread and written whole,
// one at a time. A disabled level costs an atomic load: fields are views and
// are not rendered.
#ifndef SEI_LIB_RUNTIME_LOGGING_LOGGER_H_
#define SEI_LIB_RUNTIME_LOGGING_LOGGER_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/runtime/clock/clock.h"
#include "lib/runtime/logging/log_field.h"
#include "lib/runtime/logging/log_level.h"
#include "lib/runtime/logging/log_sink.h"

namespace sei::runtime {

struct LoggerOptions {
  LogLevel level = LogLevel::kInfo;
  LogFormat format = LogFormat::kJson;
  LogSink* sink = StderrSink();  // must outlive every logger made from these options
  Clock* clock = RealClock();
};

class Logger {
 public:
  using Fields = std::initializer_list<LogField>;

  // A root logger with no name and no fields.
  explicit Logger(LoggerOptions options = {});

  // A logger whose lines carry `name` (appended with "." to an existing
  // name: "seinode-controller.peers").
  Logger WithName(absl::string_view name) const;
  // A logger whose lines carry `fields` after this logger's own.
  Logger With(Fields fields) const;

  // Changes the level of this logger and every logger sharing its root.
  void SetLevel(LogLevel level) const;
  bool Enabled(LogLevel level) const;

  void Log(LogLevel level, absl::string_view message, Fields fields = {}) const;
  void Debug(absl::string_view message, Fields fields = {}) const {
    Log(LogLevel::kDebug, message, fields);
  }
  void Info(absl::string_view message, Fields fields = {}) const {
    Log(LogLevel::kInfo, message, fields);
  }
  void Warn(absl::string_view message, Fields fields = {}) const {
    Log(LogLevel::kWarn, message, fields);
  }
  void Error(absl::string_view message, Fields fields = {}) const {
    Log(LogLevel::kError, message, fields);
  }

 private:
  struct Core;
  // A field of With(), rendered once when the logger is made.
  struct BoundField {
    std::string key;
    std::string json;
    std::string text;
  };

  Logger(std::shared_ptr<Core> core, std::string name, std::vector<BoundField> fields)
      : core_(std::move(core)), name_(std::move(name)), fields_(std::move(fields)) {}

  std::string FormatJson(LogLevel level, absl::string_view message, Fields fields) const;
  std::string FormatText(LogLevel level, absl::string_view message, Fields fields) const;

  std::shared_ptr<Core> core_;
  std::string name_;
  std::vector<BoundField> fields_;
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_LOGGING_LOGGER_H_

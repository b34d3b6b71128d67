#include "lib/runtime/logging/logger.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sei::runtime {

struct Logger::Core {
  std::atomic<int> level;
  LogFormat format;
  Clock* clock;
  absl::Mutex mu;
  LogSink* sink ABSL_GUARDED_BY(mu);
};

namespace {

// RFC 3339 in UTC with milliseconds, the precision log collectors sort by.
std::string Timestamp(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", t, absl::UTCTimeZone());
}

std::string JsonString(absl::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Logger::Logger(LoggerOptions options) : core_(std::make_shared<Core>()) {
  core_->level.store(static_cast<int>(options.level));
  core_->format = options.format;
  core_->clock = options.clock;
  absl::MutexLock lock(&core_->mu);
  core_->sink = options.sink;
}

Logger Logger::WithName(absl::string_view name) const {
  return Logger(core_, name_.empty() ? std::string(name) : absl::StrCat(name_, ".", name), fields_);
}

Logger Logger::With(Fields fields) const {
  std::vector<BoundField> bound = fields_;
  for (const LogField& field : fields) {
    bound.push_back(BoundField{std::string(field.key()), field.ToJson(), field.ToText()});
  }
  return Logger(core_, name_, std::move(bound));
}

void Logger::SetLevel(LogLevel level) const { core_->level.store(static_cast<int>(level)); }

bool Logger::Enabled(LogLevel level) const {
  return static_cast<int>(level) >= core_->level.load(std::memory_order_relaxed);
}

void Logger::Log(LogLevel level, absl::string_view message, Fields fields) const {
  if (!Enabled(level)) return;
  const std::string line = core_->format == LogFormat::kJson ? FormatJson(level, message, fields)
                                                             : FormatText(level, message, fields);
  absl::MutexLock lock(&core_->mu);
  core_->sink->Write(line);
}

std::string Logger::FormatJson(LogLevel level, absl::string_view message, Fields fields) const {
  std::string line = absl::StrCat("{\"ts\":\"", Timestamp(core_->clock->Now()), "\",\"level\":\"",
                                  LogLevelName(level), "\"");
  if (!name_.empty()) absl::StrAppend(&line, ",\"logger\":", JsonString(name_));
  absl::StrAppend(&line, ",\"msg\":", JsonString(message));
  for (const BoundField& field : fields_) {
    absl::StrAppend(&line, ",", JsonString(field.key), ":", field.json);
  }
  for (const LogField& field : fields) {
    absl::StrAppend(&line, ",", JsonString(field.key()), ":", field.ToJson());
  }
  line += "}\n";
  return line;
}

std::string Logger::FormatText(LogLevel level, absl::string_view message, Fields fields) const {
  std::string line =
      absl::StrCat(Timestamp(core_->clock->Now()), " ", absl::AsciiStrToUpper(LogLevelName(level)));
  if (!name_.empty()) absl::StrAppend(&line, " ", name_);
  // A message with a line break would split one record over two lines.
  absl::StrAppend(&line, " ", absl::StrReplaceAll(message, {{"\n", "\\n"}}));
  for (const BoundField& field : fields_) absl::StrAppend(&line, " ", field.key, "=", field.text);
  for (const LogField& field : fields) {
    absl::StrAppend(&line, " ", field.key(), "=", field.ToText());
  }
  line += "\n";
  return line;
}

}  // namespace sei::runtime

// One key/value of a structured log line (node=..., namespace=..., plan=...,
// error=...). A LogField only views its key and value, so building the
// fields of a disabled debug line allocates nothing; the value is rendered
// only once the line is known to be written. Fields therefore must not
// outlive the statement that creates them: pass them straight to a Logger.
#ifndef SEI_LIB_RUNTIME_LOGGING_LOG_FIELD_H_
#define SEI_LIB_RUNTIME_LOGGING_LOG_FIELD_H_

#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::runtime {

class LogField {
 public:
  LogField(absl::string_view key, absl::string_view value) : key_(key), value_(value) {}
  LogField(absl::string_view key, const char* value)
      : key_(key), value_(absl::string_view(value)) {}
  LogField(absl::string_view key, const std::string& value)
      : key_(key), value_(absl::string_view(value)) {}
  LogField(absl::string_view key, bool value) : key_(key), value_(value) {}
  LogField(absl::string_view key, double value) : key_(key), value_(value) {}
  LogField(absl::string_view key, absl::Duration value) : key_(key), value_(value) {}
  // Written as the status's ToString() ("UNAVAILABLE: connection refused").
  LogField(absl::string_view key, const absl::Status& value) : key_(key), value_(&value) {}
  template <typename Int,
            typename = std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>>
  LogField(absl::string_view key, Int value)
      : key_(key),
        value_(std::is_signed_v<Int> ? Value(static_cast<int64_t>(value))
                                     : Value(static_cast<uint64_t>(value))) {}

  absl::string_view key() const { return key_; }
  // The value as a JSON value ("text" quoted and escaped, 42, true, "1.5s").
  std::string ToJson() const;
  // The value for a text line: bare when it is a plain word or number,
  // JSON-quoted when it contains spaces, quotes, '=' or is empty.
  std::string ToText() const;

 private:
  using Value = std::variant<absl::string_view, int64_t, uint64_t, double, bool, absl::Duration,
                             const absl::Status*>;

  absl::string_view key_;
  Value value_;
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_LOGGING_LOG_FIELD_H_

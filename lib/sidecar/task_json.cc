#include "lib/sidecar/task_json.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sei::sidecar {
namespace {

using nlohmann::json;

// 8-4-4-4-12 hex digits, as Go's uuid.Parse accepts in its canonical form.
bool IsCanonicalUuid(absl::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

bool IsNilUuid(absl::string_view text) {
  for (char c : text) {
    if (c != '0' && c != '-') return false;
  }
  return true;
}

// `key`'s string value; "" when absent or null (types are checked first).
std::string StringOr(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

absl::Status Bad(absl::string_view why) { return absl::InvalidArgumentError(std::string(why)); }

// Fails when `key` is present (and not null) but not of the wanted type.
absl::Status CheckType(const json& object, const char* key, json::value_t want,
                       absl::string_view want_name) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return absl::OkStatus();
  const bool ok =
      want == json::value_t::number_integer ? it->is_number_integer() : it->type() == want;
  if (!ok) return Bad(absl::StrCat("`", key, "` is not ", want_name));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<absl::Time>> ParseTimestamp(const json& object, const char* key) {
  if (absl::Status s = CheckType(object, key, json::value_t::string, "a string"); !s.ok()) return s;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<absl::Time>();
  absl::Time at;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, it->get<std::string>(), &at, &error)) {
    return Bad(absl::StrCat("`", key, "` is not an RFC 3339 time: ", error));
  }
  return std::optional<absl::Time>(at);
}

}  // namespace

std::string EncodeTaskRequest(const TaskRequest& request) {
  json body = json::object();
  if (!request.id.empty()) body["id"] = request.id;
  body["type"] = request.type;
  if (!request.params.is_null()) body["params"] = request.params;
  // Invalid UTF-8 (never produced by the operator) is replaced, not thrown.
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::StatusOr<std::string> ParseSubmittedId(absl::string_view body) {
  const json parsed = json::parse(body.begin(), body.end(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return Bad("the body is not a JSON object");
  auto id = parsed.find("id");
  if (id == parsed.end() || !id->is_string()) return Bad("the body has no string `id`");
  const std::string text = id->get<std::string>();
  if (!IsCanonicalUuid(text)) return Bad(absl::StrCat("`id` \"", text, "\" is not a UUID"));
  if (IsNilUuid(text)) return Bad("`id` is the nil UUID");
  return text;
}

absl::StatusOr<TaskResult> ParseTaskResult(absl::string_view body) {
  const json parsed = json::parse(body.begin(), body.end(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return Bad("the body is not a JSON object");
  for (const char* key : {"id", "type", "status", "error"}) {
    if (absl::Status s = CheckType(parsed, key, json::value_t::string, "a string"); !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = CheckType(parsed, "run", json::value_t::number_integer, "an integer");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckType(parsed, "params", json::value_t::object, "an object"); !s.ok()) {
    return s;
  }

  TaskResult result;
  auto id = parsed.find("id");
  if (id == parsed.end() || !id->is_string()) return Bad("the body has no string `id`");
  result.id = id->get<std::string>();
  result.type = StringOr(parsed, "type");
  const std::string status = StringOr(parsed, "status");
  if (status == "running") {
    result.state = TaskState::kRunning;
  } else if (status == "completed") {
    result.state = TaskState::kCompleted;
  } else if (status == "failed") {
    result.state = TaskState::kFailed;
  } else {
    return Bad(absl::StrCat("`status` \"", status, "\" is not running, completed or failed"));
  }
  if (auto run = parsed.find("run"); run != parsed.end() && !run->is_null()) {
    result.run = run->get<int64_t>();
  }
  if (auto params = parsed.find("params"); params != parsed.end()) result.params = *params;
  result.error = StringOr(parsed, "error");
  absl::StatusOr<std::optional<absl::Time>> submitted = ParseTimestamp(parsed, "submittedAt");
  if (!submitted.ok()) return submitted.status();
  result.submitted_at = *submitted;
  absl::StatusOr<std::optional<absl::Time>> completed = ParseTimestamp(parsed, "completedAt");
  if (!completed.ok()) return completed.status();
  result.completed_at = *completed;
  return result;
}

absl::string_view TaskStateName(TaskState state) {
  switch (state) {
    case TaskState::kRunning:
      return "running";
    case TaskState::kCompleted:
      return "completed";
    case TaskState::kFailed:
      return "failed";
  }
  return "running";
}

}  // namespace sei::sidecar

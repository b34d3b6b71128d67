#include "lib/tasks/sidecar/param_reader.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/plan/task_params.h"

namespace sei::tasks {
namespace {

using google::protobuf::Value;

bool IsAbsent(const Value& value) {
  return value.kind_case() == Value::KIND_NOT_SET || value.has_null_value();
}

}  // namespace

absl::StatusOr<ParamReader> ParamReader::Of(absl::string_view type, const Value& params) {
  if (IsAbsent(params)) return ParamReader(std::string(type), "", nullptr);
  if (!params.has_struct_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("decoding ", type, " params: the params must be an object"));
  }
  return ParamReader(std::string(type), "", &params);
}

const Value* ParamReader::Field(absl::string_view key) const {
  if (params_ == nullptr) return nullptr;
  const Value* value = planner::FindParamField(*params_, key);
  return value == nullptr || IsAbsent(*value) ? nullptr : value;
}

std::string ParamReader::PathOf(absl::string_view key) const {
  return path_.empty() ? std::string(key) : absl::StrCat(path_, ".", key);
}

absl::Status ParamReader::WrongType(absl::string_view key, absl::string_view what) const {
  return absl::InvalidArgumentError(
      absl::StrCat("decoding ", type_, " params: ", PathOf(key), " must be ", what));
}

absl::StatusOr<std::string> ParamReader::String(absl::string_view key) const {
  if (Field(key) == nullptr) return std::string();
  std::optional<std::string> value = planner::ParamString(*params_, key);
  if (!value.has_value()) return WrongType(key, "a string");
  return *std::move(value);
}

absl::StatusOr<int64_t> ParamReader::Int64(absl::string_view key) const {
  if (Field(key) == nullptr) return 0;
  std::optional<int64_t> value = planner::ParamInt64(*params_, key);
  if (!value.has_value()) return WrongType(key, "an integer");
  return *value;
}

absl::StatusOr<bool> ParamReader::Bool(absl::string_view key) const {
  if (Field(key) == nullptr) return false;
  std::optional<bool> value = planner::ParamBool(*params_, key);
  if (!value.has_value()) return WrongType(key, "a boolean");
  return *value;
}

absl::StatusOr<std::vector<std::string>> ParamReader::StringList(absl::string_view key) const {
  std::vector<std::string> items;
  const Value* value = Field(key);
  if (value == nullptr) return items;
  if (!value->has_list_value()) return WrongType(key, "a list of strings");
  for (const Value& item : value->list_value().values()) {
    if (!item.has_string_value()) return WrongType(key, "a list of strings");
    items.push_back(item.string_value());
  }
  return items;
}

absl::StatusOr<std::map<std::string, std::string>> ParamReader::StringMap(
    absl::string_view key) const {
  std::map<std::string, std::string> entries;
  const Value* value = Field(key);
  if (value == nullptr) return entries;
  if (!value->has_struct_value()) return WrongType(key, "an object of strings");
  for (const auto& [entry_key, entry] : value->struct_value().fields()) {
    if (!entry.has_string_value()) {
      return WrongType(absl::StrCat(key, ".", entry_key), "a string");
    }
    entries.emplace(entry_key, entry.string_value());
  }
  return entries;
}

absl::StatusOr<google::protobuf::Struct> ParamReader::Object(absl::string_view key) const {
  const Value* value = Field(key);
  if (value == nullptr) return google::protobuf::Struct();
  if (!value->has_struct_value()) return WrongType(key, "an object");
  return value->struct_value();
}

absl::StatusOr<std::vector<ParamReader>> ParamReader::ObjectList(absl::string_view key) const {
  std::vector<ParamReader> readers;
  const Value* value = Field(key);
  if (value == nullptr) return readers;
  if (!value->has_list_value()) return WrongType(key, "a list of objects");
  int index = 0;
  for (const Value& item : value->list_value().values()) {
    const std::string path = absl::StrCat(PathOf(key), "[", index++, "]");
    if (IsAbsent(item)) {
      readers.push_back(ParamReader(type_, path, nullptr));
    } else if (item.has_struct_value()) {
      readers.push_back(ParamReader(type_, path, &item));
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("decoding ", type_, " params: ", path, " must be an object"));
    }
  }
  return readers;
}

}  // namespace sei::tasks

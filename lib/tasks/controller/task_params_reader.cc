#include "lib/tasks/controller/task_params_reader.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/plan/task_params.h"

namespace sei::tasks {

absl::Status CheckParamsObject(absl::string_view type, const google::protobuf::Value& params) {
  switch (params.kind_case()) {
    case google::protobuf::Value::KIND_NOT_SET:
    case google::protobuf::Value::kNullValue:
    case google::protobuf::Value::kStructValue:
      return absl::OkStatus();
    default:
      return absl::InvalidArgumentError(absl::StrCat(type, ": params must be a JSON object"));
  }
}

absl::StatusOr<std::string> StringParam(absl::string_view type,
                                        const google::protobuf::Value& params,
                                        absl::string_view key) {
  const google::protobuf::Value* field = planner::FindParamField(params, key);
  if (field == nullptr || field->kind_case() == google::protobuf::Value::kNullValue) return "";
  if (field->kind_case() != google::protobuf::Value::kStringValue) {
    return absl::InvalidArgumentError(absl::StrCat(type, ": param \"", key, "\" must be a string"));
  }
  return field->string_value();
}

}  // namespace sei::tasks

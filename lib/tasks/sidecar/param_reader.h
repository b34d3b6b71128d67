// Typed reads of persisted plan params (plans.md §9) as Go's encoding/json
// decodes them into the reference's typed tasks: keys match ignoring case
// (planner::FindParamField), an absent key or JSON null is the zero value,
// and a value of the wrong JSON type is an error — so params that cannot be
// decoded fail the task instead of silently becoming defaults.
#ifndef SEI_LIB_TASKS_SIDECAR_PARAM_READER_H_
#define SEI_LIB_TASKS_SIDECAR_PARAM_READER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"

namespace sei::tasks {

// Errors are InvalidArgument `decoding <type> params: <path> must be <what>`.
class ParamReader {
 public:
  // `params` must outlive the reader. An absent (kind-less) or null Value
  // reads as {}; anything else but an object is an error.
  static absl::StatusOr<ParamReader> Of(absl::string_view type,
                                        const google::protobuf::Value& params);

  absl::StatusOr<std::string> String(absl::string_view key) const;
  // Integral JSON numbers up to 2^53.
  absl::StatusOr<int64_t> Int64(absl::string_view key) const;
  absl::StatusOr<bool> Bool(absl::string_view key) const;
  absl::StatusOr<std::vector<std::string>> StringList(absl::string_view key) const;
  absl::StatusOr<std::map<std::string, std::string>> StringMap(absl::string_view key) const;
  // An object (possibly empty) or an error; {} when absent or null.
  absl::StatusOr<google::protobuf::Struct> Object(absl::string_view key) const;
  // Readers over each element of a list of objects, with paths `key[i]`.
  absl::StatusOr<std::vector<ParamReader>> ObjectList(absl::string_view key) const;

 private:
  ParamReader(std::string type, std::string path, const google::protobuf::Value* params)
      : type_(std::move(type)), path_(std::move(path)), params_(params) {}

  // The field, or nullptr when absent or null.
  const google::protobuf::Value* Field(absl::string_view key) const;
  absl::Status WrongType(absl::string_view key, absl::string_view what) const;
  std::string PathOf(absl::string_view key) const;

  std::string type_;
  std::string path_;                       // "" at the top, "accounts[0]" inside a list
  const google::protobuf::Value* params_;  // an object, or nullptr for {}
};

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_SIDECAR_PARAM_READER_H_

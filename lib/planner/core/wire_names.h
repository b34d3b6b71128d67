// The JSON spelling of the API's enum values ("Running", "Active", "Pending"),
// read from the `(sei.json.wire)` option on each value so there is exactly
// one table of names: the .proto file.
#ifndef SEI_LIB_PLANNER_CORE_WIRE_NAMES_H_
#define SEI_LIB_PLANNER_CORE_WIRE_NAMES_H_

#include "absl/strings/string_view.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "proto/sei/json_options.pb.h"

namespace sei::planner {

// "" for the zero (absent) value or a number the enum does not define. The
// view points into the generated descriptor pool and is valid forever.
template <typename Enum>
absl::string_view WireName(Enum value) {
  const google::protobuf::EnumValueDescriptor* descriptor =
      google::protobuf::GetEnumDescriptor<Enum>()->FindValueByNumber(value);
  if (descriptor == nullptr) return "";
  return descriptor->options().GetExtension(sei::json::wire);
}

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_WIRE_NAMES_H_

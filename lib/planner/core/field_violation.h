// One broken rule of an object, located by its JSON field path.
#ifndef SEI_LIB_PLANNER_CORE_FIELD_VIOLATION_H_
#define SEI_LIB_PLANNER_CORE_FIELD_VIOLATION_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sei::planner {

struct FieldViolation {
  // JSON path in the wire spelling, e.g. "spec.peers[1].ec2Tags.region".
  std::string path;
  // The user-visible rule message (CEL messages verbatim from the spec).
  std::string message;

  bool operator==(const FieldViolation& other) const {
    return path == other.path && message == other.message;
  }
};

using FieldViolations = std::vector<FieldViolation>;

// "<path>: <message>", the form used in logs, events and CLI output.
inline std::string FormatViolation(const FieldViolation& v) {
  return v.path.empty() ? v.message : absl::StrCat(v.path, ": ", v.message);
}

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_FIELD_VIOLATION_H_

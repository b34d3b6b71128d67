// RFC 3339 timestamps as Kubernetes writes them (api.md §1): read any valid
// RFC 3339 date-time, write UTC with whole seconds, like Go's metav1.Time.
#ifndef SEI_LIB_API_RFC3339_H_
#define SEI_LIB_API_RFC3339_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"

namespace sei::api {

// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)` and normalises it to UTC.
// Up to nine fraction digits are kept (more are truncated). Leap seconds and
// dates outside 0001-01-01..9999-12-31 UTC are rejected. The error message
// says which part is wrong, without repeating the input.
absl::StatusOr<google::protobuf::Timestamp> ParseRfc3339(absl::string_view text);

// Formats as `2026-06-06T16:31:50Z`. Sub-second precision is dropped, as the
// Kubernetes API does, so a written value reads back equal to what a server
// would return.
std::string FormatRfc3339(const google::protobuf::Timestamp& ts);

}  // namespace sei::api

#endif  // SEI_LIB_API_RFC3339_H_

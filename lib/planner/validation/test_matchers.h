// Test helpers: readable Catch2 output for violations.
#ifndef SEI_LIB_PLANNER_VALIDATION_TEST_MATCHERS_H_
#define SEI_LIB_PLANNER_VALIDATION_TEST_MATCHERS_H_

#include <catch2/catch.hpp>
#include <string>

#include "lib/planner/core/field_violation.h"

namespace Catch {
template <>
struct StringMaker<sei::planner::FieldViolation> {
  static std::string convert(const sei::planner::FieldViolation& v) {
    return "{" + sei::planner::FormatViolation(v) + "}";
  }
};
}  // namespace Catch

namespace sei::planner::testing {

// True iff `violations` holds exactly this (path, message) pair.
inline bool HasViolation(const FieldViolations& violations, const std::string& path,
                         const std::string& message) {
  for (const FieldViolation& v : violations) {
    if (v.path == path && v.message == message) return true;
  }
  return false;
}

}  // namespace sei::planner::testing

#endif  // SEI_LIB_PLANNER_VALIDATION_TEST_MATCHERS_H_

// Lets Catch2 print absl::Status in a failed assertion, so
//   REQUIRE(cluster->Apply(manifest) == absl::OkStatus());
// fails with the status's code and message (kubectl's stderr, a wait's
// "last seen") instead of "{?} == {?}".
#ifndef SEI_CMD_OPERATOR_E2E_CATCH_STATUS_H_
#define SEI_CMD_OPERATOR_E2E_CATCH_STATUS_H_

#include <catch2/catch.hpp>
#include <string>

#include "absl/status/status.h"

namespace Catch {

template <>
struct StringMaker<absl::Status> {
  static std::string convert(const absl::Status& status) { return status.ToString(); }
};

}  // namespace Catch

#endif  // SEI_CMD_OPERATOR_E2E_CATCH_STATUS_H_

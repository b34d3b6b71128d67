// How one reconcile pass reports trouble. A pass keeps going after a failed
// write (one object's conflict must not starve the others) and reports the
// first error; the next pass retries, as a requeue would. Anything nlohmann
// throws on a malformed object becomes an Internal error instead of leaving
// the library.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_STEP_ERRORS_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_STEP_ERRORS_H_

#include <exception>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/apiserver/api_error.h"

namespace sei::controlplane {

class StepErrors {
 public:
  void Add(const absl::Status& status) {
    if (!status.ok() && first_.ok()) first_ = status;
  }
  template <typename T>
  void Add(const absl::StatusOr<T>& result) {
    Add(result.status());
  }
  const absl::Status& status() const { return first_; }

 private:
  absl::Status first_;
};

// Store errors a controller expects and tolerates: the object is already
// gone, or a create lost a race for the name.
inline bool IsApiNotFound(const absl::Status& status) {
  return !status.ok() && HttpCode(status) == 404;
}
inline bool IsApiAlreadyExists(const absl::Status& status) {
  return !status.ok() && HttpCode(status) == 409 && Reason(status) == "AlreadyExists";
}

// Runs `pass` (returning absl::Status), turning an exception into
// InternalError("<who>: <what>").
template <typename F>
absl::Status RunGuarded(absl::string_view who, F&& pass) {
  try {
    return std::forward<F>(pass)();
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat(who, ": ", e.what()));
  }
}

// Runs `work` (returning void) for one object, recording an exception as an
// Internal error in `errors`: one malformed object (kube-apiserver would have
// refused it; this store does not validate built-in specs) must not stop
// the pass for the others.
template <typename F>
void GuardObject(StepErrors* errors, absl::string_view who, absl::string_view name, F&& work) {
  try {
    std::forward<F>(work)();
  } catch (const std::exception& e) {
    errors->Add(absl::InternalError(absl::StrCat(who, ": ", name, ": ", e.what())));
  }
}

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_STEP_ERRORS_H_

// Kubernetes resource quantities ("2000Gi", "40Ti", "1.5T", "5e12") as exact
// values, so the import check can compare a PVC's capacity with the mode's
// minimum and a PV's capacity with the PVC's (tasks.md §3.1) the way
// resource.Quantity.Cmp does: "1Ti" equals "1024Gi".
#ifndef SEI_LIB_TASKS_CONTROLLER_STORAGE_QUANTITY_H_
#define SEI_LIB_TASKS_CONTROLLER_STORAGE_QUANTITY_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::tasks {

// A quantity in nano-units (10^-9), the finest granularity Kubernetes keeps;
// finer fractions round up, as resource.Quantity does.
class StorageQuantity {
 public:
  // InvalidArgument `"<text>" is not a valid quantity` for text outside the
  // quantity grammar, or a magnitude beyond 10^20 units (far more than any
  // volume).
  static absl::StatusOr<StorageQuantity> Parse(absl::string_view text);

  friend bool operator<(const StorageQuantity& a, const StorageQuantity& b) {
    return a.nanos_ < b.nanos_;
  }
  friend bool operator==(const StorageQuantity& a, const StorageQuantity& b) {
    return a.nanos_ == b.nanos_;
  }
  friend bool operator!=(const StorageQuantity& a, const StorageQuantity& b) { return !(a == b); }

 private:
  explicit StorageQuantity(__int128 nanos) : nanos_(nanos) {}
  __int128 nanos_;
};

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_STORAGE_QUANTITY_H_

// The Kubernetes resource-quantity syntax accepted by the CRD schema for
// spec.sidecar.resources.limits/requests values (api.md §4.6).
#ifndef SEI_LIB_PLANNER_VALIDATION_QUANTITY_H_
#define SEI_LIB_PLANNER_VALIDATION_QUANTITY_H_

#include "absl/strings/string_view.h"

namespace sei::planner {

// The schema pattern, quoted verbatim in violation messages.
inline constexpr absl::string_view kQuantityPattern =
    "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|"
    "([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

// True iff `text` matches kQuantityPattern: signed decimal (`4`, `1.5`, `.5`,
// `1.`), then optionally a binary suffix (Ki..Ei), a decimal suffix
// (n u m k M G T P E) or an exponent (e3, E-2). A hand-written matcher rather
// than std::regex: the grammar is tiny and this keeps admission cheap.
bool IsQuantity(absl::string_view text);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_VALIDATION_QUANTITY_H_

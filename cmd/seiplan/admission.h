// The rules an object must satisfy before the operator would plan for it:
// what the API server enforces at admission (schema and CEL) and, for
// SeiNodes, the planner's own controller-side rules.
#ifndef SEI_CMD_SEIPLAN_ADMISSION_H_
#define SEI_CMD_SEIPLAN_ADMISSION_H_

#include "lib/api/manifest.h"
#include "lib/planner/core/field_violation.h"

namespace sei::seiplan {

// Admission violations (schema + CEL) of a new object.
planner::FieldViolations AdmissionViolations(const api::Manifest& manifest);

// Admission violations followed by the controller-side planning rules
// (SeiNode only), without exact duplicates.
planner::FieldViolations AllViolations(const api::Manifest& manifest);

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_ADMISSION_H_

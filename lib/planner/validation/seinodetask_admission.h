// Admission validation of SeiNodeTask objects: the OpenAPI schema of
// nodetask.md §2, §4, §5, §7 and the CEL rules T1..T11 with their exact
// messages, so that clusters without CEL, the local control plane and
// `seiplan validate` reject what the reference apiserver rejects.
#ifndef SEI_LIB_PLANNER_VALIDATION_SEINODETASK_ADMISSION_H_
#define SEI_LIB_PLANNER_VALIDATION_SEINODETASK_ADMISSION_H_

#include "lib/planner/core/field_violation.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::planner {

// Returns every violation of `task`, in document order (an object's own rules
// before its fields, fields in schema order); empty means admitted.
//
// `old_task` is the stored object on update, nullptr on create; the
// transition rule T10 (`spec.kind is immutable`) runs only with it.
//
// Beyond the CRD schema, a non-empty spec.target.requirePhaseTimeout must
// parse as a Go duration (ParseGoDuration): the schema leaves it free text,
// but a bad value would only fail the task later (nodetask.md §15, D10).
// `status` is validated when present, as on a /status write.
FieldViolations ValidateSeiNodeTask(const v1alpha1::SeiNodeTask& task,
                                    const v1alpha1::SeiNodeTask* old_task);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_VALIDATION_SEINODETASK_ADMISSION_H_

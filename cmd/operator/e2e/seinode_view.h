// Short readings of a SeiNode's wire JSON for end-to-end tests: its phase,
// its plan, and a one-line description that a wait puts in its timeout
// message, so a node stuck mid-plan shows where it is stuck.
#ifndef SEI_CMD_OPERATOR_E2E_SEINODE_VIEW_H_
#define SEI_CMD_OPERATOR_E2E_SEINODE_VIEW_H_

#include <nlohmann/json.hpp>
#include <string>

namespace sei::e2e {

// status.phase, "" when unset.
std::string PhaseOf(const nlohmann::json& node);

// status.plan.id, "" when there is no plan.
std::string PlanIdOf(const nlohmann::json& node);

// status.plan.tasks[i] of type `type` (the first), or null.
nlohmann::json PlanTask(const nlohmann::json& node, const std::string& type);

// "phase=Initializing currentImage=<none> plan=<id> (Active): ensure-data-pvc=Complete
// config-apply=Pending(submitted) ... failed=config-apply: boom".
std::string DescribeSeiNode(const nlohmann::json& node);

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_SEINODE_VIEW_H_

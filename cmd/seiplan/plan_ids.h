// Where seiplan's plan IDs come from. The operator uses random UUIDv4s; the
// CLI can pin the first one (--plan-id) so its output is reproducible, and
// then derives the following ones from it so a simulation stays reproducible.
#ifndef SEI_CMD_SEIPLAN_PLAN_IDS_H_
#define SEI_CMD_SEIPLAN_PLAN_IDS_H_

#include <functional>
#include <string>

namespace sei::seiplan {

// Empty `first`: random UUIDv4s. Otherwise `first`, then
// UUIDv5(first, "plan/<n>") for the n-th later plan.
std::function<std::string()> MakePlanIdSource(const std::string& first);

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_PLAN_IDS_H_

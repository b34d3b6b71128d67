#include "cmd/seiplan/plan_ids.h"

#include <memory>
#include <random>

#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_id.h"

namespace sei::seiplan {

std::function<std::string()> MakePlanIdSource(const std::string& first) {
  if (first.empty()) {
    auto device = std::make_shared<std::random_device>();
    return [device]() {
      planner::UuidBytes bytes;
      for (uint8_t& b : bytes) b = static_cast<uint8_t>((*device)());
      return planner::Uuid4FromRandomBytes(bytes);
    };
  }
  // The caller validated `first` as a UUID (ParseOptions).
  planner::UuidBytes seed = *planner::ParseUuid(first);
  auto count = std::make_shared<int>(0);
  return [seed, first, count]() {
    int n = (*count)++;
    return n == 0 ? first : planner::Uuid5(seed, absl::StrCat("plan/", n));
  };
}

}  // namespace sei::seiplan

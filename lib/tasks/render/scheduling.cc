#include "lib/tasks/render/scheduling.h"

#include <string>

namespace sei::tasks::render {

k8s::Object PoolTolerations(absl::string_view pool, const PlatformConfig& config) {
  return k8s::Object::array(
      {{{"key", config.toleration_key}, {"value", std::string(pool)}, {"effect", "NoSchedule"}}});
}

k8s::Object PoolAffinity(absl::string_view pool) {
  k8s::Object expression = {
      {"key", "karpenter.sh/nodepool"}, {"operator", "In"}, {"values", {std::string(pool)}}};
  k8s::Object term = {{"matchExpressions", k8s::Object::array({expression})}};
  return {{"nodeAffinity",
           {{"requiredDuringSchedulingIgnoredDuringExecution",
             {{"nodeSelectorTerms", k8s::Object::array({term})}}}}}};
}

}  // namespace sei::tasks::render

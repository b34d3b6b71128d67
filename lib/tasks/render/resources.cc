#include "lib/tasks/render/resources.h"

#include <map>
#include <string>

namespace sei::tasks::render {
namespace {

k8s::Object QuantityMap(const google::protobuf::Map<std::string, std::string>& quantities) {
  // std::map: deterministic order whatever the protobuf map's iteration is.
  return k8s::Object(std::map<std::string, std::string>(quantities.begin(), quantities.end()));
}

}  // namespace

k8s::Object ResourceRequirementsJson(const v1alpha1::ResourceRequirements& resources) {
  k8s::Object out = k8s::Object::object();
  if (!resources.limits().empty()) out["limits"] = QuantityMap(resources.limits());
  if (!resources.requests().empty()) out["requests"] = QuantityMap(resources.requests());
  if (!resources.claims().empty()) {
    k8s::Object claims = k8s::Object::array();
    for (const v1alpha1::ResourceClaim& claim : resources.claims()) {
      k8s::Object entry = {{"name", claim.name()}};
      if (!claim.request().empty()) entry["request"] = claim.request();
      claims.push_back(std::move(entry));
    }
    out["claims"] = std::move(claims);
  }
  return out;
}

k8s::Object SeidResources(const ModeResources& mode_resources) {
  return {{"requests",
           {{"cpu", mode_resources.cpu_request}, {"memory", mode_resources.memory_request}}}};
}

}  // namespace sei::tasks::render

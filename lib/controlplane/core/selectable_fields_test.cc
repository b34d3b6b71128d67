#include "lib/controlplane/core/selectable_fields.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace sei::controlplane {
namespace {

bool Has(const std::vector<std::string>& fields, const std::string& field) {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

TEST_CASE("Every kind selects on metadata.name and metadata.namespace", "[selectable_fields]") {
  CHECK(BuiltinSelectableFields("apps", "StatefulSet") ==
        std::vector<std::string>{"metadata.name", "metadata.namespace"});
  CHECK(BuiltinSelectableFields("sei.io", "SeiNode") ==
        std::vector<std::string>{"metadata.name", "metadata.namespace"});
}

TEST_CASE("Kind-specific fields follow the kube-apiserver table", "[selectable_fields]") {
  const std::vector<std::string> pod = BuiltinSelectableFields("", "Pod");
  CHECK(pod.size() == 10);
  CHECK(Has(pod, "metadata.name"));
  CHECK(Has(pod, "spec.nodeName"));
  CHECK(Has(pod, "status.phase"));
  CHECK_FALSE(Has(pod, "status.podIPs"));
  CHECK(Has(BuiltinSelectableFields("", "Event"), "involvedObject.uid"));
  CHECK(Has(BuiltinSelectableFields("", "Secret"), "type"));
  CHECK(Has(BuiltinSelectableFields("batch", "Job"), "status.successful"));
  // Group matters: apps ReplicaSet has status.replicas, a core kind of the same name would not.
  CHECK(Has(BuiltinSelectableFields("apps", "ReplicaSet"), "status.replicas"));
  CHECK_FALSE(Has(BuiltinSelectableFields("", "ReplicaSet"), "status.replicas"));
  CHECK_FALSE(Has(BuiltinSelectableFields("events.k8s.io", "Event"), "reason"));
}

}  // namespace
}  // namespace sei::controlplane

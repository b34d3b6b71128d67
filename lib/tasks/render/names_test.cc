#include "lib/tasks/render/names.h"

#include <catch2/catch.hpp>

namespace sei::tasks::render {
namespace {

v1alpha1::SeiNode NodeNamed(const std::string& name) {
  v1alpha1::SeiNode node;
  node.mutable_metadata()->set_name(name);
  node.mutable_metadata()->set_namespace_("chain");
  return node;
}

TEST_CASE("object names derive from the node name") {
  v1alpha1::SeiNode node = NodeNamed("rpc-1");
  CHECK(StatefulSetName(node) == "rpc-1");
  CHECK(PodName(node) == "rpc-1-0");
  CHECK(HeadlessServiceName(node) == "rpc-1");
  CHECK(DataPvcName(node) == "data-rpc-1");
  CHECK(RbacProxyConfigMapName(node) == "rpc-1-rbac-proxy-config");
  CHECK(BootstrapJobName(node) == "rpc-1-bootstrap");
  CHECK(BootstrapServiceName(node) == "rpc-1");
}

TEST_CASE("DataPvcName uses an imported PVC's name") {
  v1alpha1::SeiNode node = NodeNamed("rpc-1");
  node.mutable_spec()->mutable_data_volume()->mutable_import_volume()->set_pvc_name("restored");
  CHECK(DataPvcName(node) == "restored");
}

TEST_CASE("DataPvcName ignores an import without a PVC name") {
  v1alpha1::SeiNode node = NodeNamed("rpc-1");
  node.mutable_spec()->mutable_data_volume()->mutable_import_volume();
  CHECK(DataPvcName(node) == "data-rpc-1");
}

}  // namespace
}  // namespace sei::tasks::render

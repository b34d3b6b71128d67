#include "lib/tasks/render/data_pvc.h"

#include <catch2/catch.hpp>

#include "lib/tasks/platform/test_platform_config.h"
#include "lib/tasks/render/test_nodes.h"

namespace sei::tasks::render {
namespace {

using tasks::testing::TestPlatformConfig;
using testing::FullNode;

TEST_CASE("RenderDataPvc sizes the claim by mode") {
  absl::StatusOr<k8s::Object> full = RenderDataPvc(FullNode(), TestPlatformConfig());
  REQUIRE(full.ok());
  CHECK((*full)["metadata"]["name"] == "data-rpc-1");
  CHECK((*full)["spec"]["storageClassName"] == "gp3-10k-750");
  CHECK((*full)["spec"]["resources"]["requests"]["storage"] == "2000Gi");
  CHECK((*full)["spec"]["accessModes"] == k8s::Object::array({"ReadWriteOnce"}));
  v1alpha1::SeiNode archive = FullNode();
  archive.mutable_spec()->clear_full_node();
  archive.mutable_spec()->mutable_archive();
  absl::StatusOr<k8s::Object> pvc = RenderDataPvc(archive, TestPlatformConfig());
  REQUIRE(pvc.ok());
  CHECK((*pvc)["spec"]["storageClassName"] == "gp3-archive");
  CHECK((*pvc)["spec"]["resources"]["requests"]["storage"] == "40Ti");
}

TEST_CASE("RenderDataPvc refuses an imported volume") {
  v1alpha1::SeiNode node = FullNode();
  node.mutable_spec()->mutable_data_volume()->mutable_import_volume()->set_pvc_name("mine");
  absl::StatusOr<k8s::Object> pvc = RenderDataPvc(node, TestPlatformConfig());
  REQUIRE_FALSE(pvc.ok());
  CHECK(pvc.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(pvc.status().message() ==
        "SeiNode chain/rpc-1 imports PVC \"mine\"; the operator does not create it");
}

TEST_CASE("RenderDataPvc fails without a mode sub-spec") {
  v1alpha1::SeiNode node = FullNode();
  node.mutable_spec()->clear_full_node();
  CHECK(RenderDataPvc(node, TestPlatformConfig()).status().message() ==
        "no mode sub-spec set on SeiNode chain/rpc-1");
}

}  // namespace
}  // namespace sei::tasks::render

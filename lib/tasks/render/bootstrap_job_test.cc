#include "lib/tasks/render/bootstrap_job.h"

#include <catch2/catch.hpp>

#include "lib/tasks/platform/test_platform_config.h"
#include "lib/tasks/render/pod_references.h"
#include "lib/tasks/render/test_nodes.h"

namespace sei::tasks::render {
namespace {

using tasks::testing::TestPlatformConfig;
using testing::BootstrapFullNode;
using testing::FullNode;
using testing::KeyringValidator;

TEST_CASE("RenderBootstrapJob requires an S3 snapshot source") {
  v1alpha1::SeiNode state_sync = FullNode();
  state_sync.mutable_spec()->mutable_full_node()->mutable_snapshot()->mutable_state_sync();
  v1alpha1::SeiNode archive = FullNode();
  archive.mutable_spec()->clear_full_node();
  archive.mutable_spec()->mutable_archive();
  for (const v1alpha1::SeiNode& node : {FullNode(), state_sync, archive}) {
    absl::StatusOr<k8s::Object> job = RenderBootstrapJob(node, TestPlatformConfig());
    REQUIRE_FALSE(job.ok());
    CHECK(job.status().message() ==
          "bootstrap job requires an S3 snapshot source (node chain/rpc-1)");
  }
}

TEST_CASE("RenderBootstrapJob fails without a mode or a proxy image") {
  v1alpha1::SeiNode no_mode = FullNode();
  no_mode.mutable_spec()->clear_full_node();
  CHECK(RenderBootstrapJob(no_mode, TestPlatformConfig()).status().message() ==
        "no mode sub-spec set on SeiNode chain/rpc-1");
  PlatformConfig config = TestPlatformConfig();
  config.kube_rbac_proxy_image.clear();
  CHECK(RenderBootstrapJob(BootstrapFullNode(10, "boot:1"), config).status().message() ==
        "SEI_KUBE_RBAC_PROXY_IMAGE is not configured on the controller");
}

TEST_CASE("RenderBootstrapJob runs the bootstrap image to the target height") {
  absl::StatusOr<k8s::Object> job =
      RenderBootstrapJob(BootstrapFullNode(1234, "boot:1"), TestPlatformConfig());
  REQUIRE(job.ok());
  const k8s::Object& pod = (*job)["spec"]["template"]["spec"];
  CHECK(pod["initContainers"][0]["image"] == "boot:1");
  CHECK(pod["containers"][0]["image"] == "boot:1");
  const std::string script = pod["containers"][0]["args"][0];
  CHECK(script.find("--halt-height 1234") != std::string::npos);
  CHECK((*job)["spec"]["backoffLimit"] == 0);
  CHECK(pod["hostname"] == "rpc-1-0");
  CHECK(pod["subdomain"] == "rpc-1");
}

TEST_CASE("RenderBootstrapJob falls back to spec.image without a bootstrap image") {
  absl::StatusOr<k8s::Object> job =
      RenderBootstrapJob(BootstrapFullNode(10, ""), TestPlatformConfig());
  REQUIRE(job.ok());
  CHECK((*job)["spec"]["template"]["spec"]["containers"][0]["image"] == "sei:v1");
}

TEST_CASE("RenderBootstrapJob mounts the imported PVC (D7)") {
  v1alpha1::SeiNode node = BootstrapFullNode(10, "boot:1");
  node.mutable_spec()->mutable_data_volume()->mutable_import_volume()->set_pvc_name("restored");
  absl::StatusOr<k8s::Object> job = RenderBootstrapJob(node, TestPlatformConfig());
  REQUIRE(job.ok());
  CHECK((*job)["spec"]["template"]["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"] ==
        "restored");
}

TEST_CASE("RenderBootstrapJob of a validator with every Secret references none of them") {
  v1alpha1::SeiNode node = KeyringValidator();
  auto* snapshot = node.mutable_spec()->mutable_validator()->mutable_snapshot();
  snapshot->mutable_s3()->set_target_height(10);
  absl::StatusOr<k8s::Object> job = RenderBootstrapJob(node, TestPlatformConfig());
  REQUIRE(job.ok());
  for (const PodReference& reference : PodReferences((*job)["spec"]["template"]["spec"])) {
    CHECK(reference.kind == PodReference::Kind::kVolumeMount);
    CHECK(reference.target != "operator-keyring");
  }
}

}  // namespace
}  // namespace sei::tasks::render

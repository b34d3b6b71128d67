#include "lib/controller/common/status_flush.h"

#include <catch2/catch.hpp>

#include "lib/controller/common/object_codec.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/fake_kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::controller {
namespace {

k8s::Object NodeObject() {
  return {{"apiVersion", "sei.io/v1alpha1"},
          {"kind", "SeiNode"},
          {"metadata", {{"name", "n"}, {"namespace", "default"}}},
          {"spec", {{"chainId", "pacific-1"}, {"image", "seid:1"}}}};
}

TEST_CASE("an unchanged status is not written") {
  k8s::FakeKubeClient kube;
  k8s::Object before = kube.Seed(k8s::resources::kSeiNode, NodeObject());
  v1alpha1::SeiNode node;
  REQUIRE(DecodeObject(before, &node).ok());
  kube.ResetCounts();
  absl::StatusOr<FlushResult> result = FlushStatus(kube, k8s::resources::kSeiNode, before, node);
  REQUIRE(result.ok());
  CHECK(*result == FlushResult::kUnchanged);
  CHECK(kube.Writes() == 0);
}

TEST_CASE("a changed status is written once, and only status") {
  k8s::FakeKubeClient kube;
  k8s::Object before = kube.Seed(k8s::resources::kSeiNode, NodeObject());
  v1alpha1::SeiNode node;
  REQUIRE(DecodeObject(before, &node).ok());
  node.mutable_status()->set_current_image("seid:1");
  node.mutable_spec()->set_image("ignored-by-status-write");
  absl::StatusOr<FlushResult> result = FlushStatus(kube, k8s::resources::kSeiNode, before, node);
  REQUIRE(result.ok());
  CHECK(*result == FlushResult::kWritten);
  k8s::Object live = *kube.Get(k8s::resources::kSeiNode, "default", "n");
  CHECK(live["status"]["currentImage"] == "seid:1");
  CHECK(live["spec"]["image"] == "seid:1");
}

TEST_CASE("a write from a stale read is a conflict, not an overwrite") {
  k8s::FakeKubeClient kube;
  k8s::Object before = kube.Seed(k8s::resources::kSeiNode, NodeObject());
  kube.SeedStatus(k8s::resources::kSeiNode, "default", "n", {{"currentImage", "other"}});
  v1alpha1::SeiNode node;
  REQUIRE(DecodeObject(before, &node).ok());
  node.mutable_status()->set_current_image("mine");
  absl::StatusOr<FlushResult> result = FlushStatus(kube, k8s::resources::kSeiNode, before, node);
  REQUIRE_FALSE(result.ok());
  CHECK(k8s::IsApiConflict(result.status()));
  k8s::Object live = *kube.Get(k8s::resources::kSeiNode, "default", "n");
  CHECK(live["status"]["currentImage"] == "other");
}

TEST_CASE("a cleared field is removed on the server") {
  k8s::FakeKubeClient kube;
  kube.Seed(k8s::resources::kSeiNode, NodeObject());
  k8s::Object before = kube.SeedStatus(k8s::resources::kSeiNode, "default", "n",
                                       {{"currentImage", "seid:0"}, {"phase", "Running"}});
  v1alpha1::SeiNode node;
  REQUIRE(DecodeObject(before, &node).ok());
  node.mutable_status()->clear_current_image();
  REQUIRE(FlushStatus(kube, k8s::resources::kSeiNode, before, node).ok());
  k8s::Object live = *kube.Get(k8s::resources::kSeiNode, "default", "n");
  CHECK_FALSE(live["status"].contains("currentImage"));
  CHECK(live["status"]["phase"] == "Running");
}

}  // namespace
}  // namespace sei::controller

#include "lib/controller/seinode/peer_resolver.h"

#include <catch2/catch.hpp>

#include "absl/strings/escaping.h"
#include "lib/controller/common/object_codec.h"
#include "lib/controller/testing/scripted_sidecar.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/fake_kube_client.h"
#include "lib/k8s/resource.h"

namespace sei::controller {
namespace {

using k8s::Object;
namespace res = k8s::resources;

Object NodeObject(const std::string& name, Object labels, Object spec) {
  return {{"apiVersion", "sei.io/v1alpha1"},
          {"kind", "SeiNode"},
          {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", labels}}},
          {"spec", spec}};
}

v1alpha1::SeiNode Archive() {
  Object object = NodeObject("archive-0", Object::object(),
                             {{"chainId", "c"},
                              {"image", "i"},
                              {"peers", {{{"label", {{"selector", {{"role", "rpc"}}}}}}}},
                              {"archive", Object::object()}});
  v1alpha1::SeiNode node;
  REQUIRE(DecodeObject(object, &node).ok());
  return node;
}

TEST_CASE("label peers resolve to sorted node-id@address entries and witnesses") {
  k8s::FakeKubeClient kube;
  testing::ScriptedSidecars sidecars;
  kube.Seed(res::kSeiNode, NodeObject("rpc-b", {{"role", "rpc"}}, {{"chainId", "c"}}));
  kube.Seed(res::kSeiNode, NodeObject("rpc-a", {{"role", "rpc"}},
                                      {{"chainId", "c"}, {"externalAddress", "a.example:26656"}}));
  kube.Seed(res::kSeiNode, NodeObject("other", {{"role", "seed"}}, {{"chainId", "c"}}));
  sidecars.SetNodeId("default", "rpc-a", "aaaa");
  sidecars.SetNodeId("default", "rpc-b", "bbbb");
  v1alpha1::SeiNode node = Archive();
  absl::StatusOr<PeerResolution> result = ResolveLabelPeers(kube, sidecars, &node);
  REQUIRE(result.ok());
  CHECK(result->changed);
  REQUIRE(node.status().resolved_peers_size() == 2);
  CHECK(node.status().resolved_peers(0) == "aaaa@a.example:26656");
  CHECK(node.status().resolved_peers(1) == "bbbb@rpc-b-0.rpc-b.default.svc.cluster.local:26656");
  REQUIRE(node.status().resolved_rpc_witnesses_size() == 2);
  CHECK(node.status().resolved_rpc_witnesses(0) == "rpc-a-0.rpc-a.default.svc.cluster.local:26657");
  // Resolving again changes nothing.
  absl::StatusOr<PeerResolution> again = ResolveLabelPeers(kube, sidecars, &node);
  REQUIRE(again.ok());
  CHECK_FALSE(again->changed);
}

TEST_CASE("an unreachable peer keeps its previous entry, or is skipped") {
  k8s::FakeKubeClient kube;
  testing::ScriptedSidecars sidecars;
  kube.Seed(res::kSeiNode, NodeObject("rpc-a", {{"role", "rpc"}}, {{"chainId", "c"}}));
  kube.Seed(res::kSeiNode, NodeObject("rpc-b", {{"role", "rpc"}}, {{"chainId", "c"}}));
  sidecars.SetUnreachable("default", "rpc-a", true);
  sidecars.SetUnreachable("default", "rpc-b", true);
  v1alpha1::SeiNode node = Archive();
  node.mutable_status()->add_resolved_peers("old@rpc-a-0.rpc-a.default.svc.cluster.local:26656");
  absl::StatusOr<PeerResolution> result = ResolveLabelPeers(kube, sidecars, &node);
  REQUIRE(result.ok());
  REQUIRE(node.status().resolved_peers_size() == 1);
  CHECK(node.status().resolved_peers(0) == "old@rpc-a-0.rpc-a.default.svc.cluster.local:26656");
  CHECK(result->notes.size() == 2);
}

TEST_CASE("a validator peer's ID comes from its node-key Secret, not its sidecar (H9)") {
  k8s::FakeKubeClient kube;
  testing::ScriptedSidecars sidecars;
  std::string key =
      R"({"priv_key":{"type":"tendermint/PrivKeyEd25519","value":)"
      R"("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA=="}})";
  kube.Seed(res::kSecret, {{"apiVersion", "v1"},
                           {"kind", "Secret"},
                           {"metadata", {{"name", "val-key"}, {"namespace", "default"}}},
                           {"data", {{"node_key.json", absl::Base64Escape(key)}}}});
  kube.Seed(res::kSeiNode,
            NodeObject("val", {{"role", "rpc"}},
                       {{"chainId", "c"},
                        {"validator", {{"nodeKey", {{"secret", {{"secretName", "val-key"}}}}}}}}));
  sidecars.SetNodeId("default", "val", "ffff");  // what the sidecar would wrongly say
  v1alpha1::SeiNode node = Archive();
  REQUIRE(ResolveLabelPeers(kube, sidecars, &node).ok());
  REQUIRE(node.status().resolved_peers_size() == 1);
  CHECK(node.status().resolved_peers(0) ==
        "56475aa75463474c0285df5dbf2bcab73da65135@val-0.val.default.svc.cluster.local:26656");
}

TEST_CASE("a LIST error fails the resolution and writes nothing") {
  k8s::FakeKubeClient kube;
  testing::ScriptedSidecars sidecars;
  kube.FailNext(k8s::Verb::kList, res::kSeiNode,
                k8s::ApiError(k8s::ErrorReason::kInternal, 500, "etcd unavailable"));
  v1alpha1::SeiNode node = Archive();
  node.mutable_status()->add_resolved_peers("x@y:26656");
  absl::StatusOr<PeerResolution> result = ResolveLabelPeers(kube, sidecars, &node);
  REQUIRE_FALSE(result.ok());
  CHECK(node.status().resolved_peers_size() == 1);
}

TEST_CASE("selector strings are sorted by key") {
  google::protobuf::Map<std::string, std::string> selector;
  selector["b"] = "2";
  selector["a"] = "1";
  CHECK(SelectorString(selector) == "a=1,b=2");
}

}  // namespace
}  // namespace sei::controller

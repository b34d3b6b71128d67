// The renderers without error paths: headless Service, RBAC proxy ConfigMap,
// bootstrap Service.
#include <catch2/catch.hpp>

#include "lib/tasks/render/bootstrap_service.h"
#include "lib/tasks/render/headless_service.h"
#include "lib/tasks/render/rbac_proxy_config_map.h"
#include "lib/tasks/render/spec_hash.h"
#include "lib/tasks/render/test_nodes.h"

namespace sei::tasks::render {
namespace {

using testing::FullNode;

TEST_CASE("The RBAC proxy config authorises against this node's seinodetasks") {
  CHECK(RbacProxyConfigYaml(FullNode()) ==
        "authorization:\n"
        "  resourceAttributes:\n"
        "    apiGroup: sei.io\n"
        "    resource: seinodetasks\n"
        "    namespace: chain\n"
        "    name: rpc-1\n");
  const k8s::Object map = RenderRbacProxyConfigMap(FullNode());
  CHECK(map["metadata"]["name"] == "rpc-1-rbac-proxy-config");
  CHECK(map["data"]["config.yaml"] == RbacProxyConfigYaml(FullNode()));
  CHECK(SpecHashAnnotationOf(map) == SpecHash(map));
}

TEST_CASE("The headless Service publishes every port, grpc as h2c, and carries its hash") {
  const k8s::Object service = RenderHeadlessService(FullNode());
  std::vector<std::string> names;
  for (const auto& port : service["spec"]["ports"]) names.push_back(port["name"]);
  CHECK(names == std::vector<std::string>{"evm-rpc", "evm-ws", "grpc", "rest", "p2p", "rpc",
                                          "metrics", "api"});
  CHECK(service["spec"]["ports"][2]["appProtocol"] == "kubernetes.io/h2c");
  CHECK_FALSE(service["spec"]["ports"][0].contains("appProtocol"));
  CHECK(service["spec"]["clusterIP"] == "None");
  CHECK(SpecHashAnnotationOf(service) == SpecHash(service));
}

TEST_CASE("The bootstrap Service selects the bootstrap pod on the proxy port only") {
  const k8s::Object service = RenderBootstrapService(FullNode());
  CHECK(service["spec"]["selector"] ==
        k8s::Object({{"sei.io/component", "bootstrap"}, {"sei.io/node", "rpc-1"}}));
  CHECK(service["spec"]["ports"].size() == 1);
  CHECK(service["spec"]["ports"][0]["port"] == 8443);
  CHECK(service["metadata"]["ownerReferences"][0]["kind"] == "SeiNode");
}

}  // namespace
}  // namespace sei::tasks::render

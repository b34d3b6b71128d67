// §8 discover-peers and the config-file merge it and config-patch rely on.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "lib/controlplane/sidecar/config_files.h"
#include "lib/controlplane/sidecar/discover_peers.h"
#include "lib/controlplane/sidecar/task_handlers.h"

namespace sei::controlplane::sidecar {
namespace {

std::string ErrorOf(const std::string& params_json, const SimulatedNetwork& network = {}) {
  const absl::StatusOr<std::vector<std::string>> peers =
      DiscoverPeers(nlohmann::json::parse(params_json), network);
  REQUIRE_FALSE(peers.ok());
  return std::string(peers.status().message());
}

TEST_CASE("static sources are concatenated keeping first occurrences") {
  const absl::StatusOr<std::vector<std::string>> peers = DiscoverPeers(
      nlohmann::json::parse(R"({"sources":[
        {"type":"static","addresses":["b@2:26656","a@1:26656","b@2:26656"]},
        {"type":"static","addresses":["c@3:26656","a@1:26656"]}]})"),
      {});
  REQUIRE(peers.ok());
  CHECK(*peers == std::vector<std::string>{"b@2:26656", "a@1:26656", "c@3:26656"});
  CHECK(PersistentPeersValue(*peers) == "b@2:26656,a@1:26656,c@3:26656");
}

TEST_CASE("zero discovered peers fail the task") {
  const absl::StatusOr<std::vector<std::string>> none = MergeDiscoveredPeers({{}, {}});
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == "no peers discovered from any source");
  CHECK(MergeDiscoveredPeers({}).status().message() == "no peers discovered from any source");
}

TEST_CASE("source shape errors name the source") {
  CHECK(ErrorOf("{}") == "discover-peers: missing required param 'sources'");
  CHECK(ErrorOf(R"({"sources":[]})") == "discover-peers: missing required param 'sources'");
  CHECK(ErrorOf(R"({"sources":[{"type":"static","addresses":["a"]},{"type":"ec2Tags","tags":{"k":"v"}}]})") ==
        "discover-peers: source[1]: ec2Tags source missing required field 'region'");
  CHECK(ErrorOf(R"({"sources":[{"type":"ec2Tags","region":"r"}]})") ==
        "discover-peers: source[0]: ec2Tags source has empty tags");
  CHECK(ErrorOf(R"({"sources":[{"type":"dnsEndpoints"}]})") ==
        "discover-peers: source[0]: dnsEndpoints source has empty endpoints");
  CHECK(ErrorOf(R"({"sources":[{"type":"label"}]})") ==
        "discover-peers: source[0]: unknown type \"label\"");
  // A shape error anywhere wins over resolution errors of earlier sources.
  CHECK(ErrorOf(R"({"sources":[{"type":"dnsEndpoints","endpoints":["x"]},{"type":"bogus"}]})") ==
        "discover-peers: source[1]: unknown type \"bogus\"");
  CHECK(ErrorOf(R"({"sources":"static"})") ==
        "parsing params: json: cannot unmarshal string into Go struct field "
        "peerDiscoverParams.sources of type []tasks.peerSourceConfig");
  CHECK(ErrorOf(R"({"sources":[{"type":"static","addresses":[1]}]})") ==
        "parsing params: json: cannot unmarshal number into Go struct field "
        "peerSourceConfig.sources.addresses of type string");  // Go names the element type
}

TEST_CASE("ec2Tags and dnsEndpoints resolve against the simulated network") {
  SimulatedNetwork network;
  network.ec2_instances = {
      {"us-east-2", {{"chain", "atlantic-2"}, {"role", "rpc"}}, "3.3.3.3", "10.0.0.3", "id3"},
      {"us-east-2", {{"chain", "atlantic-2"}}, "", "10.0.0.4", "id4"},
      {"us-east-2", {{"chain", "atlantic-2"}}, "", "10.0.0.5", ""},  // does not answer
      {"us-west-2", {{"chain", "atlantic-2"}}, "", "10.9.0.1", "id9"},
  };
  network.dns_node_ids = {{"seed.example.com", "idseed"}};
  const absl::StatusOr<std::vector<std::string>> peers = DiscoverPeers(
      nlohmann::json::parse(R"({"sources":[
        {"type":"ec2Tags","region":"us-east-2","tags":{"chain":"atlantic-2"}},
        {"type":"dnsEndpoints","endpoints":["down.example.com","seed.example.com"]}]})"),
      network);
  REQUIRE(peers.ok());
  CHECK(*peers == std::vector<std::string>{"id3@3.3.3.3:26656", "id4@10.0.0.4:26656",
                                           "idseed@seed.example.com:26656"});
  CHECK(ErrorOf(R"({"sources":[{"type":"ec2Tags","region":"us-east-2","tags":{"role":"validator"}}]})",
                network) == "no reachable peers found via ec2Tags in region us-east-2");
  CHECK(ErrorOf(R"({"sources":[{"type":"dnsEndpoints","endpoints":["down"]}]})", network) ==
        "no reachable peers found via dnsEndpoints");
}

TEST_CASE("MergePatch: maps merge, scalars and arrays replace, null deletes") {
  const nlohmann::json original = nlohmann::json::parse(
      R"({"p2p":{"persistent-peers":"old","pex":true,"seeds":["s1"]},"moniker":"m","rpc":1})");
  const nlohmann::json patch = nlohmann::json::parse(
      R"({"p2p":{"persistent-peers":"new","seeds":["s2","s3"],"pex":null},"rpc":{"laddr":"x"},
          "statesync":{"enable":true,"gone":null}})");
  CHECK(MergePatch(original, patch) ==
        nlohmann::json::parse(R"({"p2p":{"persistent-peers":"new","seeds":["s2","s3"]},
          "moniker":"m","rpc":{"laddr":"x"},"statesync":{"enable":true}})"));
}

TEST_CASE("config-patch handler edits the in-memory files") {
  ConfigFiles files;
  const SimulatedNetwork network;
  SimulatedHandlers handlers(&files, &network);
  CHECK(handlers.Run("config-patch", nlohmann::json::object()).ok());
  CHECK_FALSE(files.Read("app.toml").has_value());
  REQUIRE(handlers
              .Run("config-patch", nlohmann::json::parse(
                                       R"({"files":{"app.toml":{"pruning":"nothing"},"client.toml":null}})"))
              .ok());
  CHECK(files.Read("app.toml") == nlohmann::json::parse(R"({"pruning":"nothing"})"));
  CHECK(files.Read("client.toml") == nlohmann::json::object());
  const absl::Status bad =
      handlers.Run("config-patch", nlohmann::json::parse(R"({"files":{"app.toml":[1]}})"));
  CHECK(bad.message() ==
        "parsing params: json: cannot unmarshal array into Go struct field "
        "configPatchParams.files of type map[string]interface {}");
  CHECK(handlers.Run("gov-vote", nlohmann::json::object()).ok());
}

}  // namespace
}  // namespace sei::controlplane::sidecar

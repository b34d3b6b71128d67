#include "lib/controlplane/sidecar/discover_peers.h"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/core/go_strconv.h"
#include "lib/controlplane/sidecar/go_json.h"

namespace sei::controlplane::sidecar {
namespace {

constexpr absl::string_view kP2pPort = "26656";

// One element of params.sources, decoded as the handler's typed struct.
struct SourceConfig {
  std::string type;
  std::string region;
  std::map<std::string, std::string> tags;
  std::vector<std::string> addresses;
  std::vector<std::string> endpoints;
};

absl::Status TypeError(const nlohmann::json& value, absl::string_view field,
                       absl::string_view go_type) {
  return absl::InvalidArgumentError(absl::StrCat("parsing params: json: cannot unmarshal ",
                                                 GoJsonKind(value), " into Go struct field ", field,
                                                 " of type ", go_type));
}

// Decodes a Go string field (null leaves it empty).
absl::Status DecodeString(const nlohmann::json& value, absl::string_view field, std::string* out) {
  if (value.is_null()) return absl::OkStatus();
  if (!value.is_string()) return TypeError(value, field, "string");
  *out = value.get<std::string>();
  return absl::OkStatus();
}

absl::Status DecodeStrings(const nlohmann::json& value, absl::string_view field,
                           std::vector<std::string>* out) {
  if (value.is_null()) return absl::OkStatus();
  if (!value.is_array()) return TypeError(value, field, "[]string");
  for (const nlohmann::json& element : value) {
    std::string s;
    if (absl::Status status = DecodeString(element, field, &s); !status.ok()) return status;
    out->push_back(std::move(s));
  }
  return absl::OkStatus();
}

absl::Status DecodeSource(const nlohmann::json& value, SourceConfig* out) {
  if (value.is_null()) return absl::OkStatus();
  if (!value.is_object()) {
    return TypeError(value, "peerDiscoverParams.sources", "tasks.peerSourceConfig");
  }
  // Keys in sorted order, as Go re-marshals the map before decoding.
  if (const nlohmann::json* v = FindGoField(value, "addresses")) {
    if (absl::Status s = DecodeStrings(*v, "peerSourceConfig.sources.addresses", &out->addresses);
        !s.ok()) {
      return s;
    }
  }
  if (const nlohmann::json* v = FindGoField(value, "endpoints")) {
    if (absl::Status s = DecodeStrings(*v, "peerSourceConfig.sources.endpoints", &out->endpoints);
        !s.ok()) {
      return s;
    }
  }
  if (const nlohmann::json* v = FindGoField(value, "region")) {
    if (absl::Status s = DecodeString(*v, "peerSourceConfig.sources.region", &out->region);
        !s.ok()) {
      return s;
    }
  }
  if (const nlohmann::json* v = FindGoField(value, "tags"); v != nullptr && !v->is_null()) {
    if (!v->is_object()) {
      return TypeError(*v, "peerSourceConfig.sources.tags", "map[string]string");
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
      std::string tag_value;
      if (absl::Status s = DecodeString(it.value(), "peerSourceConfig.sources.tags", &tag_value);
          !s.ok()) {
        return s;
      }
      out->tags[it.key()] = std::move(tag_value);
    }
  }
  if (const nlohmann::json* v = FindGoField(value, "type")) {
    if (absl::Status s = DecodeString(*v, "peerSourceConfig.sources.type", &out->type); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<SourceConfig>> DecodeSources(const nlohmann::json& params) {
  std::vector<SourceConfig> sources;
  const nlohmann::json* value = params.is_object() ? FindGoField(params, "sources") : nullptr;
  if (value == nullptr || value->is_null()) return sources;
  if (!value->is_array()) {
    return TypeError(*value, "peerDiscoverParams.sources", "[]tasks.peerSourceConfig");
  }
  for (const nlohmann::json& element : *value) {
    SourceConfig source;
    if (absl::Status status = DecodeSource(element, &source); !status.ok()) return status;
    sources.push_back(std::move(source));
  }
  return sources;
}

// Step 2: the per-source shape checks, in source order.
absl::Status CheckShape(const SourceConfig& source, size_t index) {
  const std::string prefix = absl::StrCat("discover-peers: source[", index, "]: ");
  if (source.type == "ec2Tags") {
    if (source.region.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(prefix, "ec2Tags source missing required field 'region'"));
    }
    if (source.tags.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(prefix, "ec2Tags source has empty tags"));
    }
  } else if (source.type == "static") {
    if (source.addresses.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(prefix, "static source has empty addresses"));
    }
  } else if (source.type == "dnsEndpoints") {
    if (source.endpoints.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(prefix, "dnsEndpoints source has empty endpoints"));
    }
  } else {
    return absl::InvalidArgumentError(absl::StrCat(prefix, "unknown type ", GoQuote(source.type)));
  }
  return absl::OkStatus();
}

bool HasAllTags(const FakeEc2Instance& instance, const std::map<std::string, std::string>& tags) {
  for (const auto& [key, value] : tags) {
    auto it = instance.tags.find(key);
    if (it == instance.tags.end() || it->second != value) return false;
  }
  return true;
}

// Step 3 for one source; unreachable members are skipped, none left fails.
absl::StatusOr<std::vector<std::string>> Resolve(const SourceConfig& source,
                                                 const SimulatedNetwork& network) {
  std::vector<std::string> peers;
  if (source.type == "static") return source.addresses;
  if (source.type == "ec2Tags") {
    for (const FakeEc2Instance& instance : network.ec2_instances) {
      if (instance.region != source.region || !HasAllTags(instance, source.tags)) continue;
      const std::string& ip =
          !instance.public_ip.empty() ? instance.public_ip : instance.private_ip;
      if (ip.empty() || instance.node_id.empty()) continue;
      peers.push_back(absl::StrCat(instance.node_id, "@", ip, ":", kP2pPort));
    }
    if (peers.empty()) {
      return absl::UnavailableError(
          absl::StrCat("no reachable peers found via ec2Tags in region ", source.region));
    }
    return peers;
  }
  // dnsEndpoints
  for (const std::string& endpoint : source.endpoints) {
    auto it = network.dns_node_ids.find(endpoint);
    if (it == network.dns_node_ids.end() || it->second.empty()) continue;
    peers.push_back(absl::StrCat(it->second, "@", endpoint, ":", kP2pPort));
  }
  if (peers.empty()) {
    return absl::UnavailableError("no reachable peers found via dnsEndpoints");
  }
  return peers;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> MergeDiscoveredPeers(
    const std::vector<std::vector<std::string>>& per_source) {
  std::vector<std::string> merged;
  std::set<std::string> seen;
  for (const std::vector<std::string>& peers : per_source) {
    for (const std::string& peer : peers) {
      if (seen.insert(peer).second) merged.push_back(peer);
    }
  }
  if (merged.empty()) {
    return absl::FailedPreconditionError("no peers discovered from any source");
  }
  return merged;
}

absl::StatusOr<std::vector<std::string>> DiscoverPeers(const nlohmann::json& params,
                                                       const SimulatedNetwork& network) {
  absl::StatusOr<std::vector<SourceConfig>> sources = DecodeSources(params);
  if (!sources.ok()) return sources.status();
  if (sources->empty()) {
    return absl::InvalidArgumentError("discover-peers: missing required param 'sources'");
  }
  for (size_t i = 0; i < sources->size(); ++i) {
    if (absl::Status status = CheckShape((*sources)[i], i); !status.ok()) return status;
  }
  std::vector<std::vector<std::string>> per_source;
  for (const SourceConfig& source : *sources) {
    absl::StatusOr<std::vector<std::string>> peers = Resolve(source, network);
    if (!peers.ok()) return peers.status();  // any source error fails the task
    per_source.push_back(*std::move(peers));
  }
  return MergeDiscoveredPeers(per_source);
}

std::string PersistentPeersValue(const std::vector<std::string>& peers) {
  return absl::StrJoin(peers, ",");
}

}  // namespace sei::controlplane::sidecar

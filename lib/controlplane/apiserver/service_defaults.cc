#include "lib/controlplane/apiserver/service_defaults.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/schema/field_error.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

constexpr char kHeadless[] = "None";
constexpr uint32_t kRangeBase = (10u << 24) | (96u << 16);  // 10.96.0.0
constexpr uint32_t kRangeSize = 1u << 20;                   // a /12
// Below it kube keeps the addresses clusters conventionally give the
// apiserver (.1) and DNS (.10); allocation here starts at the DNS address
// because this control plane serves neither.
constexpr uint32_t kFirstAllocated = kRangeBase + 10;

// Dotted-quad IPv4 without leading zeros (Go's net.ParseIP rejects them).
std::optional<uint32_t> ParseIpv4(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '.');
  if (parts.size() != 4) return std::nullopt;
  uint32_t ip = 0;
  for (absl::string_view part : parts) {
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return std::nullopt;
    for (char c : part) {
      if (!absl::ascii_isdigit(c)) return std::nullopt;
    }
    uint32_t octet = 0;
    if (!absl::SimpleAtoi(part, &octet) || octet > 255) return std::nullopt;
    ip = (ip << 8) | octet;
  }
  return ip;
}

std::string FormatIpv4(uint32_t ip) {
  return absl::StrCat(ip >> 24, ".", (ip >> 16) & 255, ".", (ip >> 8) & 255, ".", ip & 255);
}

// The network and broadcast addresses are not allocatable.
bool InRange(uint32_t ip) { return ip > kRangeBase && ip < kRangeBase + kRangeSize - 1; }

std::string StringField(const Json& object, const char* field) {
  auto it = object.find(field);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> StringList(const Json& object, const char* field) {
  std::vector<std::string> out;
  auto it = object.find(field);
  if (it == object.end() || !it->is_array()) return out;
  for (const Json& item : *it) out.push_back(item.is_string() ? item.get<std::string>() : "");
  return out;
}

// Go's %#v of a []string, as field errors print one.
std::string GoStrings(const std::vector<std::string>& values) {
  return absl::StrCat("[]string{",
                      absl::StrJoin(values, ", ",
                                    [](std::string* out, const std::string& value) {
                                      out->append(RenderBadValue(Json(value)));
                                    }),
                      "}");
}

Json& SpecOf(Json* service) {
  Json& spec = (*service)["spec"];
  if (!spec.is_object()) spec = Json::object();
  return spec;
}

bool IsExternalName(const Json& spec) { return StringField(spec, "type") == "ExternalName"; }

// SetDefaults_Service of k8s.io/kubernetes/pkg/apis/core/v1.
void ApplyDefaults(Json* service_spec) {
  Json& spec = *service_spec;
  if (!spec.contains("type")) spec["type"] = "ClusterIP";
  if (!spec.contains("sessionAffinity")) spec["sessionAffinity"] = "None";
  const std::string type = StringField(spec, "type");
  if (type != "ExternalName" && !spec.contains("internalTrafficPolicy")) {
    spec["internalTrafficPolicy"] = "Cluster";
  }
  if ((type == "NodePort" || type == "LoadBalancer") && !spec.contains("externalTrafficPolicy")) {
    spec["externalTrafficPolicy"] = "Cluster";
  }
  auto ports = spec.find("ports");
  if (ports == spec.end() || !ports->is_array()) return;
  for (Json& port : *ports) {
    if (!port.is_object()) continue;
    if (!port.contains("protocol")) port["protocol"] = "TCP";
    auto target = port.find("targetPort");
    const bool unset =
        target == port.end() || *target == Json(0) || *target == Json("") || target->is_null();
    if (unset && port.contains("port")) port["targetPort"] = port["port"];
  }
}

absl::Status ClusterIpsError(const ResourceType& type, const Json& service, absl::string_view field,
                             const std::vector<std::string>& ips, absl::string_view detail) {
  return InvalidObjectError(type, MetaString(service, "name"),
                            {{std::string(field), std::string(kFieldValueInvalid),
                              absl::StrCat("Invalid value: ", GoStrings(ips), ": ", detail)}});
}

// The address the Service asked for ("" for any), or "None".
std::string RequestedIp(const Json& spec) {
  std::string ip = StringField(spec, "clusterIP");
  if (ip.empty()) {
    // A client that only sets the plural field (kube reads it the same way).
    const std::vector<std::string> ips = StringList(spec, "clusterIPs");
    if (!ips.empty()) ip = ips.front();
  }
  return ip;
}

absl::Status AssignClusterIp(const ResourceType& type, const std::set<std::string>& in_use,
                             Json* service) {
  Json& spec = SpecOf(service);
  std::string ip = RequestedIp(spec);
  if (ip != kHeadless) {
    std::set<uint32_t> taken;
    for (const std::string& used : in_use) {
      if (std::optional<uint32_t> parsed = ParseIpv4(used)) taken.insert(*parsed);
    }
    if (ip.empty()) {
      std::optional<uint32_t> free;
      for (uint32_t i = 0; i < kRangeSize && !free.has_value(); ++i) {
        const uint32_t candidate = kRangeBase + (kFirstAllocated - kRangeBase + i) % kRangeSize;
        if (InRange(candidate) && taken.count(candidate) == 0) free = candidate;
      }
      if (!free.has_value()) {
        return ApiError(500, "InternalError",
                        "Internal error occurred: failed to allocate a serviceIP: range is full");
      }
      ip = FormatIpv4(*free);
    } else {
      std::optional<uint32_t> parsed = ParseIpv4(ip);
      if (!parsed.has_value()) {
        return InvalidObjectError(
            type, MetaString(*service, "name"),
            {InvalidError("spec.clusterIPs[0]", Json(ip),
                          "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")});
      }
      if (!InRange(*parsed)) {
        return ClusterIpsError(type, *service, "spec.clusterIPs", {ip},
                               absl::StrCat("failed to allocate IP ", ip, ": the provided IP (", ip,
                                            ") is not in the valid range. The range of valid IPs "
                                            "is ",
                                            kServiceClusterIpRange));
      }
      if (taken.count(*parsed) > 0) {
        return ClusterIpsError(
            type, *service, "spec.clusterIPs", {ip},
            absl::StrCat("failed to allocate IP ", ip, ": provided IP is already allocated"));
      }
    }
  }
  spec["clusterIP"] = ip;
  spec["clusterIPs"] = Json::array({ip});
  auto families = spec.find("ipFamilies");
  if (families == spec.end() || !families->is_array() || families->empty()) {
    spec["ipFamilies"] = Json::array({"IPv4"});
  }
  if (!spec.contains("ipFamilyPolicy")) {
    auto selector = spec.find("selector");
    const bool selectorless = selector == spec.end() || !selector->is_object() || selector->empty();
    spec["ipFamilyPolicy"] = ip == kHeadless && selectorless ? "RequireDualStack" : "SingleStack";
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PrepareServiceForCreate(const ResourceType& type, const std::set<std::string>& in_use,
                                     Json* service) {
  Json& spec = SpecOf(service);
  ApplyDefaults(&spec);
  if (IsExternalName(spec)) return absl::OkStatus();
  return AssignClusterIp(type, in_use, service);
}

absl::Status PrepareServiceForUpdate(const ResourceType& type, const Json& current,
                                     const std::set<std::string>& in_use, Json* service) {
  Json& spec = SpecOf(service);
  ApplyDefaults(&spec);
  if (IsExternalName(spec)) return absl::OkStatus();
  auto old_spec_it = current.find("spec");
  const Json old_spec =
      old_spec_it != current.end() && old_spec_it->is_object() ? *old_spec_it : Json::object();
  const std::string old_ip = StringField(old_spec, "clusterIP");
  if (IsExternalName(old_spec) || old_ip.empty()) return AssignClusterIp(type, in_use, service);

  // What the client left out, it did not mean to change.
  std::string ip = StringField(spec, "clusterIP");
  if (ip.empty()) ip = old_ip;
  std::vector<std::string> ips = StringList(spec, "clusterIPs");
  if (ips.empty()) ips = StringList(old_spec, "clusterIPs");
  if (ips.empty()) ips = {ip};
  ips.front() = ip;  // the singular field wins, as in kube's normalizeClusterIPs
  for (const char* field : {"ipFamilies", "ipFamilyPolicy"}) {
    auto old_value = old_spec.find(field);
    if (!spec.contains(field) && old_value != old_spec.end()) spec[field] = *old_value;
  }
  std::vector<std::string> old_ips = StringList(old_spec, "clusterIPs");
  if (old_ips.empty()) old_ips = {old_ip};
  for (size_t i = 0; i < ips.size(); ++i) {
    if (i < old_ips.size() && ips[i] == old_ips[i]) continue;
    return ClusterIpsError(type, *service, absl::StrCat("spec.clusterIPs[", i, "]"), ips,
                           "may not change once set");
  }
  spec["clusterIP"] = ip;
  spec["clusterIPs"] = ips;
  return absl::OkStatus();
}

}  // namespace sei::controlplane

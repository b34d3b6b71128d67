// What kube-apiserver (1.32) puts in a Service on create and keeps on
// update, for a single-stack IPv4 cluster with the default service CIDR
// 10.96.0.0/12:
//
//   * defaults: type ClusterIP, sessionAffinity None, internalTrafficPolicy
//     Cluster (and externalTrafficPolicy Cluster for NodePort and
//     LoadBalancer), port protocol TCP and targetPort = port;
//   * a cluster IP: "None" (headless) stays; an explicit address must be a
//     valid IPv4 address inside the range and free; otherwise the lowest free
//     address from 10.96.0.10 (kube picks one at random). clusterIPs mirrors
//     clusterIP; ipFamilies defaults to [IPv4] and ipFamilyPolicy to
//     SingleStack (RequireDualStack for a headless Service without selector,
//     as kube does);
//   * on update the cluster IP is immutable; an update that leaves it out
//     (a PUT of a manifest, a patch clearing it) keeps the current one.
//
// ExternalName Services get no cluster IP and no IP families. Node ports and
// health-check node ports are not allocated.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_SERVICE_DEFAULTS_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_SERVICE_DEFAULTS_H_

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

// kube-apiserver's --service-cluster-ip-range default.
inline constexpr absl::string_view kServiceClusterIpRange = "10.96.0.0/12";

// Defaults `service` and assigns its cluster IP. `in_use`: the cluster IPs
// of the existing Services. Errors: 422 Invalid worded like kube-apiserver's
// (`spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to
// allocate IP 10.96.0.10: provided IP is already allocated`).
absl::Status PrepareServiceForCreate(const ResourceType& type, const std::set<std::string>& in_use,
                                     nlohmann::json* service);

// Defaults `service` (the client's new object) and carries the cluster IP
// and IP families over from `current`. A different cluster IP is 422
// `spec.clusterIPs[0]: Invalid value: []string{"…"}: may not change once set`.
// A Service turning from ExternalName into another type is assigned an IP
// as on create.
absl::Status PrepareServiceForUpdate(const ResourceType& type, const nlohmann::json& current,
                                     const std::set<std::string>& in_use, nlohmann::json* service);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_SERVICE_DEFAULTS_H_

// The discovery documents kubectl and client-go read before anything else,
// all derived from the registry at request time, so a CRD's resources appear
// as soon as it is served. Both forms are implemented: the legacy documents
// (/api, /api/v1, /apis, /apis/{g}, /apis/{g}/{v}) and the aggregated
// apidiscovery.k8s.io/v2 (and v2beta1) lists that kubectl 1.32 asks /api and
// /apis for first.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_DISCOVERY_H_
#define SEI_LIB_CONTROLPLANE_HTTP_DISCOVERY_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

using ResourceTypes = std::vector<const ResourceType*>;

// Kubernetes version priority: GA before beta before alpha, higher numbers
// first ("v2" > "v1" > "v1beta2" > "v1beta1" > "v1alpha1"), then
// non-Kubernetes-style versions alphabetically. The first is the group's
// preferred version.
bool VersionHigherPriority(absl::string_view a, absl::string_view b);

// GET /version (version.Info).
nlohmann::json VersionInfoDocument();

// GET / : the paths this server serves.
nlohmann::json RootPathsDocument(const ResourceTypes& types);

// GET /api (APIVersions). `server_address` is "127.0.0.1:<port>".
nlohmann::json CoreVersionsDocument(absl::string_view server_address);

// GET /apis (APIGroupList, without the core group).
nlohmann::json GroupListDocument(const ResourceTypes& types);

// GET /apis/{group} (APIGroup); nullopt when no type has that group.
std::optional<nlohmann::json> GroupDocument(const ResourceTypes& types, absl::string_view group);

// GET /api/v1 and /apis/{group}/{version} (APIResourceList, with a
// "<resource>/status" entry per status subresource); nullopt when unknown.
std::optional<nlohmann::json> ResourceListDocument(const ResourceTypes& types,
                                                   absl::string_view group,
                                                   absl::string_view version);

// Aggregated discovery (APIGroupDiscoveryList) for /api (`core` true: the
// core group only) or /apis (every other group). `version` is "v2" or
// "v2beta1" (the same shape).
nlohmann::json AggregatedDiscoveryDocument(const ResourceTypes& types, bool core,
                                           absl::string_view version);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_DISCOVERY_H_

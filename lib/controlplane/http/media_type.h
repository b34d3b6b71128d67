// Media types of request bodies (Content-Type) and responses (Accept), with
// the parameters kube-apiserver negotiates on: `as`, `g`, `v` select a
// server-side transformation (Table, PartialObjectMetadata, aggregated
// discovery) of the same JSON serialisation.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_MEDIA_TYPE_H_
#define SEI_LIB_CONTROLPLANE_HTTP_MEDIA_TYPE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

struct MediaType {
  std::string type;                           // lower-case, e.g. "application"
  std::string subtype;                        // lower-case, e.g. "json"
  std::map<std::string, std::string> params;  // names lower-case; values as sent
  double quality = 1.0;                       // the `q` parameter

  std::string Essence() const { return type + "/" + subtype; }  // "application/json"
  std::string Param(absl::string_view name) const;              // "" when absent
};

// One media type ("application/json; charset=utf-8"); nullopt when malformed.
std::optional<MediaType> ParseMediaType(absl::string_view text);

// An Accept header: its media types ordered by quality (stable, so equal
// qualities keep the client's order); malformed entries and q=0 dropped.
std::vector<MediaType> ParseAccept(absl::string_view header);

// What a response may be rendered as.
enum class Representation {
  kJson,
  kYaml,
  kTable,                       // meta.k8s.io/v1 (or v1beta1) Table
  kPartialObjectMetadata,       // meta.k8s.io/v1 PartialObjectMetadata(List)
  kAggregatedDiscovery,         // apidiscovery.k8s.io/v2 APIGroupDiscoveryList
  kAggregatedDiscoveryV2Beta1,  // apidiscovery.k8s.io/v2beta1
};

struct Offer {
  bool table = false;                 // resource GETs
  bool partial_metadata = false;      // resource GETs
  bool aggregated_discovery = false;  // /api and /apis
  bool yaml = true;
};

struct Negotiated {
  Representation representation = Representation::kJson;
  std::string version;       // the `v` parameter for Table/PartialObjectMetadata/discovery
  std::string content_type;  // for the response header
};

// The first acceptable entry of `accept` (empty header: JSON). nullopt when
// nothing is acceptable (→ 406 NotAcceptable).
std::optional<Negotiated> Negotiate(absl::string_view accept, const Offer& offer);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_MEDIA_TYPE_H_

// The URL of a Kubernetes API request: the path of a resource collection,
// object or subresource, and a query string, every name and value
// percent-escaped so that no user-supplied string can change the meaning
// of the URL (a name holding "/" or "?", a selector holding "&").
#ifndef SEI_LIB_K8S_REQUEST_URL_H_
#define SEI_LIB_K8S_REQUEST_URL_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/resource.h"

namespace sei::k8s {

// Percent-escapes every byte outside RFC 3986's unreserved set
// (A-Z a-z 0-9 - . _ ~): safe as a path segment and as a query key or value.
std::string PercentEscape(absl::string_view text);

// "/api/v1/namespaces/{ns}/pods/{name}/{subresource}" or
// "/apis/{group}/{version}/...". `ns` is dropped for cluster-scoped
// resources and when empty (all namespaces); `name` and `subresource` may
// be empty (the collection).
std::string ResourcePath(const Resource& resource, absl::string_view ns,
                         absl::string_view name = "", absl::string_view subresource = "");

// An ordered query string.
class Query {
 public:
  Query& Add(absl::string_view key, absl::string_view value);
  // "" when empty, else "?k=v&k2=v2" with keys and values escaped.
  std::string Encode() const;
  bool empty() const { return params_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// The query of a LIST (watch = false) or WATCH (watch = true) with these
// options: labelSelector, fieldSelector, resourceVersion, and limit/continue
// for LIST, or watch=1, allowWatchBookmarks and timeoutSeconds for WATCH.
Query ListQuery(const ListOptions& options, bool watch);

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_REQUEST_URL_H_

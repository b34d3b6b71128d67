// Percent-decoding of request paths and query strings, the way Go's net/url
// (and therefore every Kubernetes client) encodes them.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_URL_H_
#define SEI_LIB_CONTROLPLANE_HTTP_URL_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

// Decodes %XX escapes; with `plus_is_space` (query strings) also '+'.
// A malformed escape → InvalidArgument.
absl::StatusOr<std::string> PercentDecode(absl::string_view text, bool plus_is_space);

// Splits "/a/b%2Fc/" into {"a", "b/c"}: one trailing slash is ignored,
// other empty segments are kept (so that "namespaces//pods" is not found
// rather than silently meaning something else).
absl::StatusOr<std::vector<std::string>> SplitPath(absl::string_view path);

// A decoded query string. Repeated keys keep every value, in order.
class QueryParams {
 public:
  static absl::StatusOr<QueryParams> Parse(absl::string_view query);

  bool Has(absl::string_view key) const;
  // The first value of `key`.
  std::optional<std::string> Get(absl::string_view key) const;
  std::vector<std::string> GetAll(absl::string_view key) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_URL_H_

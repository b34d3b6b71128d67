// The sidecar base URL of a node (tasks.md §6.3): a template with `{name}`
// and `{namespace}` placeholders, so tests and the demo can point the
// operator at simulated sidecars instead of the in-cluster proxy address.
#ifndef SEI_LIB_SIDECAR_URL_TEMPLATE_H_
#define SEI_LIB_SIDECAR_URL_TEMPLATE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::sidecar {

// The in-pod kube-rbac-proxy of pod <name>-0, reached through the node's
// headless Service (always the proxy port, whatever spec.sidecar.port says).
inline constexpr char kDefaultSidecarUrlTemplate[] =
    "http://{name}-0.{name}.{namespace}.svc.cluster.local:8443";

class SidecarUrlTemplate {
 public:
  // InvalidArgument when the template is not an http:// or https:// URL,
  // lacks `{name}` (every node would share one sidecar), or holds any other
  // `{...}` placeholder or an unbalanced brace.
  static absl::StatusOr<SidecarUrlTemplate> Parse(absl::string_view text);

  // The base URL of node `name` in namespace `ns`, without a trailing slash.
  std::string Expand(absl::string_view ns, absl::string_view name) const;

  const std::string& text() const { return text_; }

 private:
  // Literal text and placeholders in order; a placeholder piece holds
  // "{name}" or "{namespace}".
  struct Piece {
    bool placeholder = false;
    std::string text;
  };

  SidecarUrlTemplate(std::string text, std::vector<Piece> pieces)
      : text_(std::move(text)), pieces_(std::move(pieces)) {}

  std::string text_;
  std::vector<Piece> pieces_;
};

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_URL_TEMPLATE_H_

// Syntax of label keys and values (k8s.io/apimachinery/pkg/util/validation:
// IsQualifiedName and IsValidLabelValue). Selectors validate against it, and
// the server can use it to validate metadata.labels.
#ifndef SEI_LIB_CONTROLPLANE_CORE_LABEL_SYNTAX_H_
#define SEI_LIB_CONTROLPLANE_CORE_LABEL_SYNTAX_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

// A key is [prefix/]name: name is 1-63 characters of [-A-Za-z0-9_.] that
// start and end alphanumeric; the optional prefix is a lowercase RFC 1123
// DNS subdomain of at most 253 characters. InvalidArgument otherwise, with a
// message quoting the key.
absl::Status ValidateLabelKey(absl::string_view key);

// A value is empty, or up to 63 characters of [-A-Za-z0-9_.] that start and
// end alphanumeric. InvalidArgument otherwise, quoting the value.
absl::Status ValidateLabelValue(absl::string_view value);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_LABEL_SYNTAX_H_

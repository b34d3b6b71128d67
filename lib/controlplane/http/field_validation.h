// Server-side field validation (the fieldValidation query parameter): which
// fields of a request body the type does not declare, and what the
// directive does about them — Strict: 400 BadRequest
// `strict decoding error: unknown field "spec.foo"`; Warn: one
// `Warning: 299 - "unknown field \"spec.foo\""` header per field; Ignore:
// nothing. Either way the store prunes them (custom resources).
#ifndef SEI_LIB_CONTROLPLANE_HTTP_FIELD_VALIDATION_H_
#define SEI_LIB_CONTROLPLANE_HTTP_FIELD_VALIDATION_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/http/request_options.h"

namespace sei::controlplane {

// Paths ("spec.foo", "spec.peers[0].bar") of the fields the type's schema
// would prune. Only custom resources have a schema here; for built-in kinds
// this is always empty (a documented difference from kube-apiserver, which
// knows every built-in type's fields).
std::vector<std::string> UnknownFields(const ResourceType& type, const Json& object);

// Applies `directive` to `object` (a create/update body, or a merge/apply
// patch). Warn appends the warning texts (without the `299 - ` framing).
absl::Status CheckFieldValidation(FieldValidation directive, const ResourceType& type,
                                  const Json& object, std::vector<std::string>* warnings);

// The Warning header value for one warning text: `299 - "<escaped text>"`.
std::string WarningHeaderValue(const std::string& text);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_FIELD_VALIDATION_H_

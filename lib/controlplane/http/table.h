// Server-side printing: the meta.k8s.io Table that `kubectl get` asks for
// (Accept: application/json;as=Table;v=v1;g=meta.k8s.io), so kubectl shows
// the same columns as against a real cluster.
//
// Columns: custom resources get Name plus their CRD's
// additionalPrinterColumns (or Age when there are none); the built-in kinds
// get the columns of kube-apiserver's printers for the fields this control
// plane models (pods: Ready, Status, Restarts, Age, IP, Node…); any other
// kind gets Name and Age.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_TABLE_H_
#define SEI_LIB_CONTROLPLANE_HTTP_TABLE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "absl/time/time.h"
#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

struct TableOptions {
  // includeObject: what each row's `object` holds.
  enum class Include { kNone, kMetadata, kObject };
  Include include = Include::kMetadata;
  bool include_column_definitions = true;  // false for a watch's later events
  std::string version = "v1";              // meta.k8s.io/v1 or v1beta1
};

// A Table from a <Kind>List (rows in `items` order; the list's
// resourceVersion and continue token are kept) or from a single object (one
// row). `now` computes ages, as the apiserver does when it prints.
nlohmann::json RenderTable(const ResourceType& type, const nlohmann::json& list_or_object,
                           const TableOptions& options, absl::Time now);

// kube's duration.HumanDuration: "45s", "3m20s", "5h", "2d3h", "400d", "3y20d".
std::string HumanDuration(absl::Duration d);

// The PartialObjectMetadata of an object (kind, apiVersion, metadata).
nlohmann::json PartialObjectMetadata(const nlohmann::json& object, const std::string& version);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_TABLE_H_

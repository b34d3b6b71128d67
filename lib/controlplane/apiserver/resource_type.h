// What a URL path segment names: one served resource of one API version.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_RESOURCE_TYPE_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_RESOURCE_TYPE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sei::controlplane {

class StructuralSchema;  // lib/controlplane/schema/structural_schema.h

struct PrinterColumn {  // CRD additionalPrinterColumns, for Table output
  std::string name;
  std::string type;
  std::string json_path;
  int priority = 0;
};

struct ResourceType {
  std::string group;     // "" for the core group
  std::string version;   // "v1", "v1alpha1"
  std::string resource;  // plural, e.g. "statefulsets"
  std::string kind;      // "StatefulSet"
  std::string list_kind; // "StatefulSetList"
  std::string singular;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool namespaced = true;
  bool has_status_subresource = false;
  // Generation bumps on spec changes (resources with a status subresource,
  // plus the built-ins that have one: StatefulSet, Job, CRDs…).
  bool tracks_generation = false;
  std::vector<std::string> verbs;  // discovery verbs
  // Field selector paths LIST and WATCH accept: metadata.name,
  // metadata.namespace and the kind's own (core/selectable_fields.h; a CRD's
  // spec.versions[].selectableFields).
  std::vector<std::string> selectable_fields;
  // PUT without metadata.resourceVersion is an unconditional update (most
  // built-ins) rather than 422 Invalid (custom resources and CRDs).
  bool allow_unconditional_update = true;
  // A DELETE that removes the object answers with the object (pods, PVCs,
  // custom resources…) rather than a Success Status (configmaps, secrets…).
  bool return_deleted_object = false;
  // The CustomResourceDefinition serving this type; empty for built-ins.
  std::string crd_name;
  // Custom resources only: the compiled openAPIV3Schema and printer columns.
  std::shared_ptr<const StructuralSchema> schema;
  std::vector<PrinterColumn> printer_columns;

  std::string GroupVersion() const { return group.empty() ? version : group + "/" + version; }
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_RESOURCE_TYPE_H_

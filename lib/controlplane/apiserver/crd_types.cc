#include "lib/controlplane/apiserver/crd_types.h"

#include <memory>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/schema/field_error.h"
#include "lib/controlplane/schema/structural_schema.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

const ResourceType& CrdType() {
  static const ResourceType* const type = [] {
    auto* t = new ResourceType();
    t->group = "apiextensions.k8s.io";
    t->version = "v1";
    t->resource = "customresourcedefinitions";
    t->kind = "CustomResourceDefinition";
    return t;
  }();
  return *type;
}

// Member `key` of `object` when it is a string, else "".
std::string Str(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool Bool(const Json& object, const char* key) {
  if (!object.is_object()) return false;
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

const Json& Member(const Json& object, const char* key) {
  static const Json* const null_json = new Json(nullptr);
  if (!object.is_object()) return *null_json;
  auto it = object.find(key);
  return it != object.end() ? *it : *null_json;
}

std::vector<std::string> Strings(const Json& array) {
  std::vector<std::string> out;
  if (!array.is_array()) return out;
  for (const Json& item : array) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

// A Compile rejection lists "openAPIV3Schema.<path>: <reason>" problems
// joined by "; "; each becomes a field error under the version's schema.
void AddSchemaErrors(const std::string& version_path, absl::string_view message,
                     std::vector<FieldError>* errors) {
  for (absl::string_view problem : absl::StrSplit(message, "; ", absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> parts =
        absl::StrSplit(problem, absl::MaxSplits(": ", 1));
    if (parts.second.empty()) {
      errors->push_back({absl::StrCat(version_path, ".schema.openAPIV3Schema"),
                         std::string(kFieldValueInvalid), std::string(problem)});
    } else {
      errors->push_back({absl::StrCat(version_path, ".schema.", parts.first),
                         std::string(kFieldValueInvalid), std::string(parts.second)});
    }
  }
}

}  // namespace

absl::StatusOr<std::vector<ResourceType>> CrdResourceTypes(const Json& crd) {
  std::vector<FieldError> errors;
  const std::string name = MetaString(crd, "name");
  const Json& spec = Member(crd, "spec");
  const std::string group = Str(spec, "group");
  const Json& names = Member(spec, "names");
  const std::string plural = Str(names, "plural");
  const std::string kind = Str(names, "kind");
  const std::string scope = Str(spec, "scope");

  if (name != absl::StrCat(plural, ".", group)) {
    errors.push_back(InvalidError("metadata.name", name,
                                  "must be spec.names.plural+\".\"+spec.group"));
  }
  if (group.empty()) {
    errors.push_back(RequiredError("spec.group"));
  } else if (group.find('.') == std::string::npos) {
    errors.push_back(InvalidError("spec.group", group, "should be a domain with at least one dot"));
  }
  if (plural.empty()) errors.push_back(RequiredError("spec.names.plural"));
  if (kind.empty()) errors.push_back(RequiredError("spec.names.kind"));
  if (scope.empty()) {
    errors.push_back(RequiredError("spec.scope"));
  } else if (scope != "Namespaced" && scope != "Cluster") {
    errors.push_back(NotSupportedError("spec.scope", scope, {"Cluster", "Namespaced"}));
  }

  const Json& versions = Member(spec, "versions");
  int storage_versions = 0;
  std::vector<ResourceType> types;
  if (!versions.is_array() || versions.empty()) {
    errors.push_back(RequiredError("spec.versions"));
  } else {
    for (size_t i = 0; i < versions.size(); ++i) {
      const Json& version = versions[i];
      const std::string path = absl::StrCat("spec.versions[", i, "]");
      const std::string version_name = Str(version, "name");
      if (version_name.empty()) errors.push_back(RequiredError(path + ".name"));
      if (Bool(version, "storage")) ++storage_versions;
      const Json& open_api = Member(Member(version, "schema"), "openAPIV3Schema");
      if (!open_api.is_object()) {
        FieldError required = RequiredError(path + ".schema.openAPIV3Schema");
        required.message += ": schemas are required";
        errors.push_back(std::move(required));
        continue;
      }
      absl::StatusOr<StructuralSchema> schema = StructuralSchema::Compile(open_api);
      if (!schema.ok()) {
        AddSchemaErrors(path, schema.status().message(), &errors);
        continue;
      }
      if (!Bool(version, "served")) continue;

      ResourceType type;
      type.group = group;
      type.version = version_name;
      type.resource = plural;
      type.kind = kind;
      type.list_kind = Str(names, "listKind");
      if (type.list_kind.empty()) type.list_kind = kind + "List";
      type.singular = Str(names, "singular");
      if (type.singular.empty()) type.singular = absl::AsciiStrToLower(kind);
      type.short_names = Strings(Member(names, "shortNames"));
      type.categories = Strings(Member(names, "categories"));
      type.namespaced = scope != "Cluster";
      type.has_status_subresource = Member(Member(version, "subresources"), "status").is_object();
      // Custom resources always track generation; with a /status
      // subresource status changes do not count.
      type.tracks_generation = true;
      type.verbs = {"delete", "deletecollection", "get", "list",
                    "patch",  "create",           "update", "watch"};
      type.selectable_fields = {"metadata.name", "metadata.namespace"};
      const Json& selectable = Member(version, "selectableFields");
      if (selectable.is_array()) {
        for (const Json& field : selectable) {
          const std::string json_path = Str(field, "jsonPath");
          if (!json_path.empty()) {
            type.selectable_fields.emplace_back(absl::StripPrefix(json_path, "."));
          }
        }
      }
      type.allow_unconditional_update = false;
      type.return_deleted_object = true;
      type.crd_name = name;
      type.schema = std::make_shared<const StructuralSchema>(*std::move(schema));
      const Json& columns = Member(version, "additionalPrinterColumns");
      if (columns.is_array()) {
        for (const Json& column : columns) {
          PrinterColumn printer;
          printer.name = Str(column, "name");
          printer.type = Str(column, "type");
          printer.json_path = Str(column, "jsonPath");
          const Json& priority = Member(column, "priority");
          printer.priority = priority.is_number_integer() ? priority.get<int>() : 0;
          type.printer_columns.push_back(std::move(printer));
        }
      }
      types.push_back(std::move(type));
    }
    if (storage_versions != 1) {
      errors.push_back(InvalidError("spec.versions", versions,
                                    "must have exactly one version marked as storage version"));
    }
  }
  if (!errors.empty()) return InvalidObjectError(CrdType(), name, errors);
  return types;
}

Json EstablishedCrdStatus(const Json& crd, const Json& previous_status, absl::Time now) {
  const Json& spec = Member(crd, "spec");
  const Json& names = Member(spec, "names");
  Json accepted = {{"plural", Str(names, "plural")}, {"kind", Str(names, "kind")}};
  accepted["singular"] = Str(names, "singular").empty()
                             ? absl::AsciiStrToLower(Str(names, "kind"))
                             : Str(names, "singular");
  accepted["listKind"] =
      Str(names, "listKind").empty() ? Str(names, "kind") + "List" : Str(names, "listKind");
  if (Member(names, "shortNames").is_array()) accepted["shortNames"] = names["shortNames"];
  if (Member(names, "categories").is_array()) accepted["categories"] = names["categories"];

  // A condition keeps its lastTransitionTime while its status stays True.
  auto condition = [&](const char* type, const char* reason, const char* message) {
    std::string since = FormatTimestamp(now);
    const Json& previous = Member(previous_status, "conditions");
    if (previous.is_array()) {
      for (const Json& c : previous) {
        if (Str(c, "type") == type && Str(c, "status") == "True" &&
            !Str(c, "lastTransitionTime").empty()) {
          since = Str(c, "lastTransitionTime");
        }
      }
    }
    return Json{{"type", type},
                {"status", "True"},
                {"lastTransitionTime", since},
                {"reason", reason},
                {"message", message}};
  };

  std::vector<std::string> stored = Strings(Member(previous_status, "storedVersions"));
  const Json& versions = Member(spec, "versions");
  if (versions.is_array()) {
    for (const Json& version : versions) {
      if (!Bool(version, "storage")) continue;
      const std::string name = Str(version, "name");
      if (std::find(stored.begin(), stored.end(), name) == stored.end()) stored.push_back(name);
    }
  }
  return Json{{"acceptedNames", std::move(accepted)},
              {"conditions",
               {condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                condition("Established", "InitialNamesAccepted",
                          "the initial names have been accepted")}},
              {"storedVersions", std::move(stored)}};
}

}  // namespace sei::controlplane

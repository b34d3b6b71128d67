#include "lib/controlplane/schema/admission.h"

#include <algorithm>
#include <exception>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/core/go_strconv.h"
#include "lib/controlplane/schema/defaulting.h"
#include "lib/controlplane/schema/pruning.h"
#include "lib/controlplane/schema/validation.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

std::vector<FieldError> Finish(std::vector<FieldError> errors, std::vector<std::string> pruned,
                               std::vector<std::string>* pruned_paths) {
  SortFieldErrors(&errors);
  if (pruned_paths != nullptr) {
    std::sort(pruned.begin(), pruned.end());
    *pruned_paths = std::move(pruned);
  }
  return errors;
}

// A library failure (none is expected) surfaces as the apiserver's
// InternalError cause rather than as an exception.
std::vector<FieldError> Internal(const std::exception& e, std::vector<std::string>* pruned_paths) {
  if (pruned_paths != nullptr) pruned_paths->clear();
  return {InternalFieldError("", e.what())};
}

}  // namespace

std::vector<FieldError> PruneDefaultValidate(const StructuralSchema& schema, Json* object,
                                             std::vector<std::string>* pruned_paths) {
  try {
    const SchemaNode& root = schema.root();
    std::vector<std::string> pruned;
    PruneUnknownFields(&root, /*resource_root=*/true, "", object, &pruned);
    PruneNonNullableNulls(&root, object);
    ApplyDefaults(&root, object);
    std::vector<FieldError> errors;
    ValidateValue(root, *object, "", &errors);
    return Finish(std::move(errors), std::move(pruned), pruned_paths);
  } catch (const std::exception& e) {
    return Internal(e, pruned_paths);
  }
}

std::vector<FieldError> PruneDefaultValidateProperty(const StructuralSchema& schema,
                                                     absl::string_view property, Json* object,
                                                     std::vector<std::string>* pruned_paths) {
  try {
    const SchemaNode& root = schema.root();
    const std::string key(property);
    std::vector<std::string> pruned;
    std::vector<FieldError> errors;
    if (!object->is_object()) {
      ValidateValue(root, *object, "", &errors);
      return Finish(std::move(errors), std::move(pruned), pruned_paths);
    }
    const SchemaNode* field = root.FindProperty(key);
    if (field == nullptr) {
      if (object->erase(key) > 0) pruned.push_back(key);
      return Finish(std::move(errors), std::move(pruned), pruned_paths);
    }
    // The member-level steps of the whole-object passes, then the passes
    // themselves on the member's value.
    if (const auto it = object->find(key); it != object->end()) {
      PruneUnknownFields(field, false, key, &*it, &pruned);
      if (IsPrunableNull(field, *it)) {
        object->erase(it);
      } else {
        PruneNonNullableNulls(field, &*it);
      }
    }
    DefaultMember(*field, key, object);
    if (const auto it = object->find(key); it != object->end()) {
      ApplyDefaults(field, &*it);
      ValidateValue(*field, *it, key, &errors);
    } else if (std::find(root.required.begin(), root.required.end(), key) != root.required.end()) {
      errors.push_back(RequiredError(key));
    }
    return Finish(std::move(errors), std::move(pruned), pruned_paths);
  } catch (const std::exception& e) {
    return Internal(e, pruned_paths);
  }
}

Json InvalidStatus(absl::string_view kind, absl::string_view name,
                   const std::vector<FieldError>& errors) {
  // GroupKind.String() is "Kind.group"; kinds never contain a dot.
  const size_t dot = kind.find('.');
  const absl::string_view bare_kind = kind.substr(0, dot);
  const absl::string_view group = dot == absl::string_view::npos ? "" : kind.substr(dot + 1);

  // errs.ToAggregate(): identical "<field>: <message>" texts collapse; one
  // text stands alone, several are bracketed.
  std::vector<std::string> texts;
  std::set<std::string> seen;
  for (const FieldError& error : errors) {
    std::string text = absl::StrCat(error.field, ": ", error.message);
    if (seen.insert(text).second) texts.push_back(std::move(text));
  }
  std::string message = absl::StrCat(kind, " ", GoQuote(name), " is invalid");
  if (texts.size() == 1) {
    absl::StrAppend(&message, ": ", texts[0]);
  } else if (texts.size() > 1) {
    absl::StrAppend(&message, ": [", absl::StrJoin(texts, ", "), "]");
  }

  // metav1.StatusDetails and StatusCause omit empty members.
  Json details = Json::object();
  if (!name.empty()) details["name"] = std::string(name);
  if (!group.empty()) details["group"] = std::string(group);
  if (!bare_kind.empty()) details["kind"] = std::string(bare_kind);
  if (!errors.empty()) {
    Json causes = Json::array();
    for (const FieldError& error : errors) {
      Json cause = Json::object();
      if (!error.type.empty()) cause["reason"] = error.type;
      if (!error.message.empty()) cause["message"] = error.message;
      if (!error.field.empty()) cause["field"] = error.field;
      causes.push_back(std::move(cause));
    }
    details["causes"] = std::move(causes);
  }
  return Json{{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", Json::object()},
              {"status", "Failure"}, {"message", message}, {"reason", "Invalid"},
              {"details", details},  {"code", 422}};
}

}  // namespace sei::controlplane

#include "lib/controlplane/controllers/json_fields.h"

#include <string>

namespace sei::controlplane {
namespace {

const Json& Null() {
  static const Json* const null = new Json(nullptr);
  return *null;
}

const Json& EmptyArray() {
  static const Json* const empty = new Json(Json::array());
  return *empty;
}

}  // namespace

const Json& At(const Json& object, std::initializer_list<absl::string_view> path) {
  const Json* current = &object;
  for (absl::string_view key : path) {
    if (!current->is_object()) return Null();
    auto it = current->find(std::string(key));
    if (it == current->end()) return Null();
    current = &*it;
  }
  return *current;
}

std::string StringAt(const Json& object, std::initializer_list<absl::string_view> path) {
  const Json& value = At(object, path);
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::optional<int64_t> IntAt(const Json& object, std::initializer_list<absl::string_view> path) {
  const Json& value = At(object, path);
  if (value.is_number_integer()) return value.get<int64_t>();
  // Some clients send whole numbers as 1.0; the API accepts them.
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (d == static_cast<double>(static_cast<int64_t>(d))) return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

bool BoolAt(const Json& object, std::initializer_list<absl::string_view> path) {
  const Json& value = At(object, path);
  return value.is_boolean() && value.get<bool>();
}

std::optional<absl::Time> TimeAt(const Json& object,
                                 std::initializer_list<absl::string_view> path) {
  const Json& value = At(object, path);
  if (!value.is_string()) return std::nullopt;
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, value.get<std::string>(), &t, &error)) {
    return std::nullopt;
  }
  return t;
}

std::string LabelOf(const Json& object, absl::string_view key) {
  return StringAt(object, {"metadata", "labels", key});
}

std::string AnnotationOf(const Json& object, absl::string_view key) {
  return StringAt(object, {"metadata", "annotations", key});
}

bool HasLabel(const Json& object, absl::string_view key) {
  return At(object, {"metadata", "labels", key}).is_string();
}

std::string NameOf(const Json& object) { return StringAt(object, {"metadata", "name"}); }
std::string NamespaceOf(const Json& object) { return StringAt(object, {"metadata", "namespace"}); }
std::string UidOf(const Json& object) { return StringAt(object, {"metadata", "uid"}); }

bool Terminating(const Json& object) {
  const Json& ts = At(object, {"metadata", "deletionTimestamp"});
  return !ts.is_null();
}

const Json& ArrayAt(const Json& object, std::initializer_list<absl::string_view> path) {
  const Json& value = At(object, path);
  return value.is_array() ? value : EmptyArray();
}

Json ObjectOrEmpty(const Json& value) { return value.is_object() ? value : Json::object(); }

}  // namespace sei::controlplane

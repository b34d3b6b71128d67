#include "lib/runtime/events/object_reference.h"

namespace sei::runtime {
namespace {

std::string StringAt(const nlohmann::json& object, const nlohmann::json::json_pointer& path) {
  if (!object.contains(path)) return "";
  const nlohmann::json& value = object.at(path);
  return value.is_string() ? value.get<std::string>() : "";
}

}  // namespace

ObjectReference ObjectReference::FromObject(const nlohmann::json& object) {
  if (!object.is_object()) return {};
  return ObjectReference{StringAt(object, "/apiVersion"_json_pointer),
                         StringAt(object, "/kind"_json_pointer),
                         StringAt(object, "/metadata/name"_json_pointer),
                         StringAt(object, "/metadata/namespace"_json_pointer),
                         StringAt(object, "/metadata/uid"_json_pointer)};
}

nlohmann::json ObjectReference::ToJson() const {
  nlohmann::json out = nlohmann::json::object();
  if (!api_version.empty()) out["apiVersion"] = api_version;
  if (!kind.empty()) out["kind"] = kind;
  if (!name.empty()) out["name"] = name;
  if (!namespace_name.empty()) out["namespace"] = namespace_name;
  if (!uid.empty()) out["uid"] = uid;
  return out;
}

}  // namespace sei::runtime

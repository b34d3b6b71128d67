// The object an Event is about (core/v1 Event.involvedObject).
#ifndef SEI_LIB_RUNTIME_EVENTS_OBJECT_REFERENCE_H_
#define SEI_LIB_RUNTIME_EVENTS_OBJECT_REFERENCE_H_

#include <nlohmann/json.hpp>
#include <string>

namespace sei::runtime {

struct ObjectReference {
  std::string api_version;  // "sei.io/v1alpha1"
  std::string kind;         // "SeiNode"
  std::string name;
  std::string namespace_name;  // empty for cluster-scoped objects
  std::string uid;

  // From an object in wire form (apiVersion, kind, metadata.name/namespace/uid).
  static ObjectReference FromObject(const nlohmann::json& object);
  // The involvedObject JSON; empty fields omitted.
  nlohmann::json ToJson() const;
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_EVENTS_OBJECT_REFERENCE_H_

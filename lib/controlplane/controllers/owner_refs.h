// Controller owner references: how a simulated controller marks what it
// created, and recognises it again. The store's garbage collector follows
// the same references when an owner is deleted.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_OWNER_REFS_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_OWNER_REFS_H_

#include <nlohmann/json.hpp>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

// {apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true}
// naming `owner` (which must carry apiVersion and kind, as a Get returns).
nlohmann::json ControllerReference(const nlohmann::json& owner);

// The ownerReference with `controller: true`, or nullptr.
const nlohmann::json* ControllerOf(const nlohmann::json& object);

// The controller reference names `owner_uid`.
bool IsControlledBy(const nlohmann::json& object, absl::string_view owner_uid);

// The controller reference is of `kind` (e.g. "StatefulSet").
bool IsControlledByKind(const nlohmann::json& object, absl::string_view kind);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_OWNER_REFS_H_

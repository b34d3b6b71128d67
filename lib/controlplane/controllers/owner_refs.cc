#include "lib/controlplane/controllers/owner_refs.h"

#include "lib/controlplane/controllers/json_fields.h"

namespace sei::controlplane {

Json ControllerReference(const Json& owner) {
  return {{"apiVersion", StringAt(owner, {"apiVersion"})},
          {"kind", StringAt(owner, {"kind"})},
          {"name", NameOf(owner)},
          {"uid", UidOf(owner)},
          {"controller", true},
          {"blockOwnerDeletion", true}};
}

const Json* ControllerOf(const Json& object) {
  for (const Json& ref : ArrayAt(object, {"metadata", "ownerReferences"})) {
    if (BoolAt(ref, {"controller"})) return &ref;
  }
  return nullptr;
}

bool IsControlledBy(const Json& object, absl::string_view owner_uid) {
  const Json* ref = ControllerOf(object);
  return ref != nullptr && !owner_uid.empty() && StringAt(*ref, {"uid"}) == owner_uid;
}

bool IsControlledByKind(const Json& object, absl::string_view kind) {
  const Json* ref = ControllerOf(object);
  return ref != nullptr && StringAt(*ref, {"kind"}) == kind;
}

}  // namespace sei::controlplane

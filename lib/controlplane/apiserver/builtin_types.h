// The built-in resources the local control plane serves (control-plane.md
// "Objects"), described exactly as kube-apiserver 1.32 lists them in
// discovery: names, short names, categories, scope and verbs.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_BUILTIN_TYPES_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_BUILTIN_TYPES_H_

#include <vector>

#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

std::vector<ResourceType> BuiltinResourceTypes();

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_BUILTIN_TYPES_H_

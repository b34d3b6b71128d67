// Whether a node's simulated sidecar can be reached, read from the store: a
// real sidecar is a container of the node's pod, reached at
// `<node>-0.<node>.<ns>.svc` (the operator's default sidecar URL), so it
// answers only while a pod with that name runs. The sidecar mount asks this
// before every request and treats a node without such a pod as a closed
// port (control-plane.md "Simulated sidecars").
//
// The pod behind that name is `<node>-0`, the StatefulSet's; while a
// bootstrap Job restores a snapshot it is the Job's pod instead, which takes
// the same name through spec.hostname `<node>-0` and spec.subdomain
// `<node>` (tasks.md §5.9) and carries the label `sei.io/node: <node>`.
// The Service that publishes the name is not consulted.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_SIDECAR_POD_GATE_H_
#define SEI_LIB_CONTROLPLANE_HTTP_SIDECAR_POD_GATE_H_

#include "absl/strings/string_view.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

class SidecarPodGate {
 public:
  // `store` and `pods` (the store's core/v1 pods type) must outlive the gate.
  SidecarPodGate(ObjectStore* store, const ResourceType* pods);

  // True while the pod answering for (ns, node) exists, has status.phase
  // Running and no deletionTimestamp: one GET of `<node>-0`, and only when
  // there is no such pod a LIST of the node's labelled pods. Thread-safe.
  bool Reachable(absl::string_view ns, absl::string_view node) const;

 private:
  ObjectStore* const store_;
  const ResourceType* const pods_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_SIDECAR_POD_GATE_H_

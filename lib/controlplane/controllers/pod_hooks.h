// The seams between the simulated cluster and whatever simulates the
// processes inside pods (the sidecar fleet, for node pods). The controllers
// only see these std::functions, so they depend on no simulator; the
// Sidecar* factories below adapt the fleet's (namespace, node) calls.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_POD_HOOKS_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_POD_HOOKS_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

// Whether a started, non-terminating pod passes its readiness probes now.
// Called from the kubelet on every Step for every running pod; must be cheap
// and must not call into the object store.
using ReadinessGate = std::function<bool(const nlohmann::json& pod)>;

// Called once per new pod incarnation, before it can run (see
// SimulatedClusterOptions::on_new_pod). Must not call into the store.
using PodHook = std::function<void(const nlohmann::json& pod)>;

// Called when a PersistentVolumeClaim's volume is deleted (its data is
// gone); receives the claim as it was when bound. Must not call into the
// store.
using VolumeHook = std::function<void(const nlohmann::json& claim)>;

// The label the operator puts on every object of a node (tasks.md §5.1).
inline constexpr absl::string_view kNodeLabel = "sei.io/node";
// The readiness probe path of a node pod's kube-rbac-proxy, forwarded to the
// sidecar (tasks.md §5.4).
inline constexpr absl::string_view kSidecarHealthPath = "/v0/healthz";

// Some container or init container declares an HTTP readiness probe on
// kSidecarHealthPath: the pod's readiness tracks its sidecar's.
bool ProbesSidecarHealth(const nlohmann::json& pod);

using NodeReadyFn = std::function<bool(const std::string& ns, const std::string& node)>;
using NodeActionFn = std::function<void(const std::string& ns, const std::string& node)>;

// A gate for node pods: a pod labelled sei.io/node whose readiness probe
// targets the sidecar's healthz is Ready only while sidecar_ready(namespace,
// node label value) — in a real pod that probe answers 503 until the sidecar
// got mark-ready. Every other pod (the bootstrap Job's pod, whose proxy has
// no probes; pods without the label) is Ready once started.
// Wire with SidecarFleet::Ready.
ReadinessGate SidecarReadinessGate(NodeReadyFn sidecar_ready);

// A hook restarting the sidecar of a node pod (label sei.io/node): the new
// pod's sidecar process starts not ready, on the same volume. Wire with
// SidecarFleet::Restart.
PodHook SidecarRestartHook(NodeActionFn restart);

// A hook dropping a node's sidecar state when its data volume is deleted
// (claim labelled sei.io/node). Wire with SidecarFleet::Remove.
VolumeHook SidecarVolumeRemovedHook(NodeActionFn remove);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_POD_HOOKS_H_

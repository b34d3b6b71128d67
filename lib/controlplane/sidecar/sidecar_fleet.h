// Every simulated sidecar of the local control plane, keyed by (namespace,
// node name) (control-plane.md "Simulated sidecars", sidecar-protocol.md
// §13). The HTTP server maps each pod's sidecar URL onto Handle; tests and
// the demo script outcomes, faults and node IDs and inspect what happened.
//
// Lifecycle of one node's sidecar:
//   - It comes into existence on the first Handle for (ns, node): a fresh
//     process on an empty volume (no task records, empty config files).
//   - Restart: the process restarts on the SAME volume (pod restarted or
//     replaced with its PVC kept): task records and config files survive;
//     the ready flag, the metrics and runs in flight are lost; `running`
//     records run again without bumping `run` (§6.4).
//   - Remove: the pod and its volume are gone (PVC deleted, or recreated
//     with a new volume): all sidecar state is dropped, so a later Handle
//     meets a fresh sidecar that answers 404 for every old task ID.
// Test scripting (outcome rules, faults, node identities) and the recorded
// submissions belong to the fleet, not the volume: they survive both.
//
// Thread-safe. A fleet mutex guards the maps (held only to look up or swap
// entries); each sidecar serialises its own requests.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_SIDECAR_FLEET_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_SIDECAR_FLEET_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "lib/controlplane/sidecar/auth.h"
#include "lib/controlplane/sidecar/discover_peers.h"
#include "lib/controlplane/sidecar/fault.h"
#include "lib/controlplane/sidecar/node_id.h"
#include "lib/controlplane/sidecar/outcome_rules.h"
#include "lib/controlplane/sidecar/request.h"
#include "lib/controlplane/sidecar/sidecar.h"
#include "lib/controlplane/sidecar/task_record.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

struct FleetOptions {
  // The operator reaches pods through the in-pod proxy, so the sidecars
  // default to trusted-header mode: the server must add X-Remote-User when it
  // plays the proxy (see Request::headers).
  AuthMode auth_mode = AuthMode::kTrustedHeader;
  // Seeds the generator of task IDs for POSTs without an `id` (mixed with
  // the node's key, so each node's sequence is reproducible on its own).
  uint64_t random_seed = 1;
  // What ec2Tags / dnsEndpoints peer sources find (discover_peers.h).
  SimulatedNetwork network;
};

class SidecarFleet {
 public:
  // `clock` must outlive the fleet.
  explicit SidecarFleet(const Clock* clock, FleetOptions options = FleetOptions());

  SidecarFleet(const SidecarFleet&) = delete;
  SidecarFleet& operator=(const SidecarFleet&) = delete;

  // Serves one request to the sidecar of (ns, node); `request.path` is
  // relative to the sidecar root ("/v0/healthz"). An active fault answers
  // first: kConnectionRefused / kHang come back as Response::disposition
  // for the server to enact; kHttpStatus is answered before authentication.
  Response Handle(absl::string_view ns, absl::string_view node, const Request& request);

  // Scripting (§13). Rules apply to runs in flight too (outcome_rules.h).
  void SetOutcome(OutcomeRule rule);
  void ClearOutcomes();
  // Replaces the node's fault; Fault::None() clears it.
  void SetFault(absl::string_view ns, absl::string_view node, Fault fault);

  // See the lifecycle above. Restart of a node that has no sidecar yet is a
  // no-op (a fresh process is what the next Handle creates anyway).
  void Restart(absl::string_view ns, absl::string_view node);
  void Remove(absl::string_view ns, absl::string_view node);

  // /v0/node-id (§11). Without a setting a node serves DefaultNodeId(ns, node).
  void SetNodeId(absl::string_view ns, absl::string_view node, std::string node_id);
  // Serve the §11 derivation of this node_key.json content (500s included).
  void SetNodeKeyJson(absl::string_view ns, absl::string_view node, std::string node_key_json);
  // No node_key.json: 500 `node_key.json not found — …`.
  void SetNodeKeyMissing(absl::string_view ns, absl::string_view node);
  // What /v0/node-id would answer (error message = the 500 body).
  absl::StatusOr<std::string> NodeId(absl::string_view ns, absl::string_view node) const;

  // Inspection. None of these counts as a poll or creates a sidecar; each
  // first finishes the runs due at the clock's current time.
  std::vector<RecordedSubmission> Submissions(absl::string_view ns, absl::string_view node) const;
  bool Ready(absl::string_view ns, absl::string_view node) const;
  std::optional<TaskRecord> Task(absl::string_view ns, absl::string_view node,
                                 absl::string_view task_id) const;
  // config.toml's `p2p.persistent-peers` (written by discover-peers, §8 step
  // 6, or by a config-patch); nullopt when unset or there is no sidecar.
  std::optional<std::string> PersistentPeers(absl::string_view ns, absl::string_view node) const;
  // A config file's document ("config.toml", "app.toml", ...).
  std::optional<nlohmann::json> ConfigFile(absl::string_view ns, absl::string_view node,
                                           absl::string_view file) const;

 private:
  using NodeKey = std::pair<std::string, std::string>;

  // A sidecar and the rules to evaluate it with, taken under mu_.
  struct Target {
    std::shared_ptr<SimulatedSidecar> sidecar;
    std::shared_ptr<const OutcomeRules> rules;
  };

  static NodeKey Key(absl::string_view ns, absl::string_view node);
  Target Existing(absl::string_view ns, absl::string_view node) const;
  SidecarEnv Env(absl::string_view ns, absl::string_view node, const Target& target) const;
  void SetIdentity(absl::string_view ns, absl::string_view node, NodeIdentity identity);

  const Clock* const clock_;
  const FleetOptions options_;

  mutable absl::Mutex mu_;
  std::map<NodeKey, std::shared_ptr<SimulatedSidecar>> sidecars_ ABSL_GUARDED_BY(mu_);
  // Copy-on-write, so a request evaluates against a stable snapshot without
  // holding mu_.
  std::shared_ptr<const OutcomeRules> rules_ ABSL_GUARDED_BY(mu_);
  std::map<NodeKey, Fault> faults_ ABSL_GUARDED_BY(mu_);
  std::map<NodeKey, NodeIdentity> identities_ ABSL_GUARDED_BY(mu_);

  mutable absl::Mutex submissions_mu_;
  std::map<NodeKey, std::vector<RecordedSubmission>> submissions_
      ABSL_GUARDED_BY(submissions_mu_);
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_SIDECAR_FLEET_H_

// One simulated sidecar process together with its data volume: the §4 HTTP
// surface (authentication, routing, endpoint bodies) over a TaskEngine, the
// node's Prometheus metrics and its in-memory config files.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_SIDECAR_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_SIDECAR_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/controlplane/sidecar/auth.h"
#include "lib/controlplane/sidecar/config_files.h"
#include "lib/controlplane/sidecar/discover_peers.h"
#include "lib/controlplane/sidecar/metrics.h"
#include "lib/controlplane/sidecar/node_id.h"
#include "lib/controlplane/sidecar/outcome_rules.h"
#include "lib/controlplane/sidecar/request.h"
#include "lib/controlplane/sidecar/task_engine.h"
#include "lib/controlplane/sidecar/task_handlers.h"
#include "lib/controlplane/sidecar/task_record.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

// One POST /v0/tasks as it reached the sidecar (after authentication and
// transport faults), for assertions on the wire format (§13 params capture).
struct RecordedSubmission {
  absl::Time time;
  std::string body;      // the raw request body
  bool decoded = false;  // the body decoded as a TaskRequest (§6.1 step 1)
  std::string id;        // as sent; "" when absent
  std::string type;      // as sent
  nlohmann::ordered_json params;  // as sent, member order kept; null when absent
  int status = 0;                 // the HTTP status answered
  std::string assigned_id;        // the ID of a 201 answer (generated when none was sent)
};

// The fleet-owned inputs of one call.
struct SidecarEnv {
  const Clock* clock = nullptr;
  absl::string_view ns;
  absl::string_view node;
  const OutcomeRules* rules = nullptr;
};

// Thread-safe: every call holds the sidecar's mutex, so requests to one node
// are serialised (each sees the clock read under the lock, keeping virtual
// time monotonic per node) while different nodes proceed in parallel.
class SimulatedSidecar {
 public:
  struct Reply {
    Response response;
    std::optional<RecordedSubmission> submission;  // set for POST /v0/tasks
  };

  // `network` must outlive the sidecar; `seed` drives generated task IDs.
  SimulatedSidecar(AuthMode auth_mode, const SimulatedNetwork* network, uint64_t seed);

  SimulatedSidecar(const SimulatedSidecar&) = delete;
  SimulatedSidecar& operator=(const SimulatedSidecar&) = delete;

  // Serves one request. `identity` answers /v0/node-id; a non-OK `store`
  // makes the results store fail (Fault::kStoreUnavailable).
  Reply Handle(const Request& request, const SidecarEnv& env, const NodeIdentity& identity,
               const absl::Status& store);

  // Process restart on the same volume: records and config files stay; runs
  // in flight, the ready flag and the metrics are lost; `running` records run
  // again (TaskEngine::Restart).
  void Restart(const SidecarEnv& env);

  // Inspection; each first finishes the runs due at the current time.
  bool Ready(const SidecarEnv& env);
  std::optional<TaskRecord> FindTask(const SidecarEnv& env, absl::string_view id);
  std::optional<nlohmann::json> ConfigFile(const SidecarEnv& env, absl::string_view file);
  std::optional<std::string> PersistentPeers(const SidecarEnv& env);

 private:
  Response Route(const Request& request, absl::Time now, const SidecarEnv& env,
                 const NodeIdentity& identity, const absl::Status& store,
                 std::optional<RecordedSubmission>* submission)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Response PostTask(const Request& request, absl::Time now, const SidecarEnv& env,
                    const absl::Status& store, RecordedSubmission* submission)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Response GetTask(absl::string_view id, absl::Time now, const SidecarEnv& env,
                   const absl::Status& store) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Response DeleteTask(absl::string_view id, const absl::Status& store)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Response ListTasks(const absl::Status& store) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Reads the clock and finishes due runs; returns the time read.
  absl::Time AdvanceLocked(const SidecarEnv& env) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const AuthMode auth_mode_;
  absl::Mutex mu_;
  SidecarMetrics metrics_ ABSL_GUARDED_BY(mu_);
  ConfigFiles config_ ABSL_GUARDED_BY(mu_);
  SimulatedHandlers handlers_ ABSL_GUARDED_BY(mu_);
  TaskEngine engine_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_SIDECAR_H_

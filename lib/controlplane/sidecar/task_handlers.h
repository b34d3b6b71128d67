// The simulated handlers (sidecar-protocol.md §7): what a run that its
// Outcome lets succeed does to the node's simulated volume. Only effects
// other code can observe are modelled: config-patch and discover-peers edit
// the in-memory config files; every other handler (including mark-ready,
// whose ready flag is the engine's) succeeds without an effect.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_TASK_HANDLERS_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_TASK_HANDLERS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/sidecar/config_files.h"
#include "lib/controlplane/sidecar/discover_peers.h"
#include "lib/controlplane/sidecar/task_engine.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

class SimulatedHandlers final : public TaskRunner {
 public:
  // Both must outlive the handlers.
  SimulatedHandlers(ConfigFiles* config, const SimulatedNetwork* network)
      : config_(config), network_(network) {}

  // config-patch: params {"files":{name:{…}}} merged per file (MergePatch);
  // a value that does not decode into the handler's typed params fails with
  // `parsing params: …` before any file changes. discover-peers: §8, then
  // `p2p.persistent-peers` merged into config.toml.
  absl::Status Run(absl::string_view task_type, const nlohmann::json& params) override;

 private:
  absl::Status ConfigPatch(const nlohmann::json& params);
  absl::Status DiscoverAndWritePeers(const nlohmann::json& params);

  ConfigFiles* config_;
  const SimulatedNetwork* network_;
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_TASK_HANDLERS_H_

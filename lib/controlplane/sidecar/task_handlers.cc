#include "lib/controlplane/sidecar/task_handlers.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/controlplane/sidecar/go_json.h"
#include "lib/controlplane/sidecar/task_types.h"

namespace sei::controlplane::sidecar {
namespace {

absl::Status TypeError(const nlohmann::json& value, absl::string_view go_type) {
  return absl::InvalidArgumentError(
      absl::StrCat("parsing params: json: cannot unmarshal ", GoJsonKind(value),
                   " into Go struct field configPatchParams.files of type ", go_type));
}

}  // namespace

absl::Status SimulatedHandlers::Run(absl::string_view task_type, const nlohmann::json& params) {
  if (task_type == task_type::kConfigPatch) return ConfigPatch(params);
  if (task_type == task_type::kDiscoverPeers) return DiscoverAndWritePeers(params);
  return absl::OkStatus();
}

absl::Status SimulatedHandlers::ConfigPatch(const nlohmann::json& params) {
  const nlohmann::json* files = params.is_object() ? FindGoField(params, "files") : nullptr;
  if (files == nullptr || files->is_null()) return absl::OkStatus();  // nothing to patch
  if (!files->is_object()) return TypeError(*files, "map[string]map[string]interface {}");
  std::vector<std::pair<std::string, nlohmann::json>> patches;
  for (auto it = files->begin(); it != files->end(); ++it) {
    if (!it.value().is_null() && !it.value().is_object()) {
      return TypeError(it.value(), "map[string]interface {}");
    }
    patches.emplace_back(it.key(), it.value().is_null() ? nlohmann::json::object() : it.value());
  }
  for (const auto& [file, patch] : patches) config_->Merge(file, patch);
  return absl::OkStatus();
}

absl::Status SimulatedHandlers::DiscoverAndWritePeers(const nlohmann::json& params) {
  absl::StatusOr<std::vector<std::string>> peers = DiscoverPeers(params, *network_);
  if (!peers.ok()) return peers.status();
  // §8 step 6: the previous value is replaced, every other key kept.
  config_->Merge(kConfigToml, {{"p2p", {{"persistent-peers", PersistentPeersValue(*peers)}}}});
  return absl::OkStatus();
}

}  // namespace sei::controlplane::sidecar

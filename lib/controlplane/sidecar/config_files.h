// The simulated `$SEI_HOME/config/` directory: each TOML file held as the
// JSON-shaped document the reference reads, merges and rewrites
// (sidecar-protocol.md §7 config-patch, §8 step 6). Lives on the node's data
// volume, so it survives process restarts.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_CONFIG_FILES_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_CONFIG_FILES_H_

#include <map>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

inline constexpr absl::string_view kConfigToml = "config.toml";

// The reference's recursive merge-patch: a non-object patch replaces the
// original; object patches merge key by key, where a null deletes the key, an
// existing key merges recursively and a new key takes the patch value (nulls
// nested in it dropped, since TOML cannot hold them). Arrays replace.
nlohmann::json MergePatch(const nlohmann::json& original, const nlohmann::json& patch);

class ConfigFiles {
 public:
  // Reads `file` (missing = empty table), merges `patch` (an object) and
  // writes it back, creating the file if needed.
  void Merge(absl::string_view file, const nlohmann::json& patch);

  // The document of `file`, or nullopt when it has never been written.
  std::optional<nlohmann::json> Read(absl::string_view file) const;

  // config.toml's `p2p.persistent-peers` when it is a string.
  std::optional<std::string> PersistentPeers() const;

 private:
  std::map<std::string, nlohmann::json, std::less<>> files_;
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_CONFIG_FILES_H_

#include "lib/controlplane/sidecar/config_files.h"

#include <string>

namespace sei::controlplane::sidecar {
namespace {

nlohmann::json WithoutNulls(const nlohmann::json& value) {
  if (!value.is_object()) return value;
  nlohmann::json out = nlohmann::json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!it.value().is_null()) out[it.key()] = WithoutNulls(it.value());
  }
  return out;
}

}  // namespace

nlohmann::json MergePatch(const nlohmann::json& original, const nlohmann::json& patch) {
  if (!patch.is_object()) return patch;
  nlohmann::json result = original.is_object() ? original : nlohmann::json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) {
      result.erase(it.key());
    } else if (result.contains(it.key())) {
      result[it.key()] = MergePatch(result[it.key()], it.value());
    } else {
      result[it.key()] = WithoutNulls(it.value());
    }
  }
  return result;
}

void ConfigFiles::Merge(absl::string_view file, const nlohmann::json& patch) {
  auto it = files_.find(file);
  const nlohmann::json original = it != files_.end() ? it->second : nlohmann::json::object();
  files_[std::string(file)] = MergePatch(original, patch);
}

std::optional<nlohmann::json> ConfigFiles::Read(absl::string_view file) const {
  auto it = files_.find(file);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> ConfigFiles::PersistentPeers() const {
  auto it = files_.find(kConfigToml);
  if (it == files_.end()) return std::nullopt;
  const nlohmann::json& doc = it->second;
  if (!doc.contains("p2p") || !doc["p2p"].is_object()) return std::nullopt;
  const nlohmann::json& p2p = doc["p2p"];
  if (!p2p.contains("persistent-peers") || !p2p["persistent-peers"].is_string()) {
    return std::nullopt;
  }
  return p2p["persistent-peers"].get<std::string>();
}

}  // namespace sei::controlplane::sidecar

#include "lib/controller/common/merge_patch.h"

namespace sei::controller {

nlohmann::json CreateMergePatch(const nlohmann::json& from, const nlohmann::json& to) {
  if (!from.is_object() || !to.is_object()) return to;
  nlohmann::json patch = nlohmann::json::object();
  for (auto it = from.begin(); it != from.end(); ++it) {
    if (!to.contains(it.key())) patch[it.key()] = nullptr;
  }
  for (auto it = to.begin(); it != to.end(); ++it) {
    auto old = from.find(it.key());
    if (old == from.end()) {
      patch[it.key()] = it.value();
    } else if (*old != it.value()) {
      // A null inside `to` cannot be expressed by a merge patch (null means
      // delete); treat it as deletion, which is what the server would store.
      patch[it.key()] = (old->is_object() && it.value().is_object())
                            ? CreateMergePatch(*old, it.value())
                            : it.value();
    }
  }
  return patch;
}

nlohmann::json ApplyMergePatch(nlohmann::json target, const nlohmann::json& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = nlohmann::json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) {
      target.erase(it.key());
    } else {
      target[it.key()] = ApplyMergePatch(
          target.contains(it.key()) ? target[it.key()] : nlohmann::json(), it.value());
    }
  }
  return target;
}

}  // namespace sei::controller

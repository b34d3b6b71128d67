#include "lib/controlplane/controllers/revision_hash.h"

#include "absl/strings/str_cat.h"

namespace sei::controlplane {

uint32_t Fnv1a32(absl::string_view data) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

std::string SafeEncodeString(absl::string_view s) {
  static constexpr absl::string_view kAlphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) out.push_back(kAlphabet[c % kAlphabet.size()]);
  return out;
}

std::string PodTemplateHash(const nlohmann::json& pod_template) {
  const std::string canonical =
      pod_template.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return SafeEncodeString(absl::StrCat(Fnv1a32(canonical)));
}

std::string RevisionName(absl::string_view set_name, const nlohmann::json& pod_template) {
  return absl::StrCat(set_name, "-", PodTemplateHash(pod_template));
}

}  // namespace sei::controlplane

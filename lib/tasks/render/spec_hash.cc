#include "lib/tasks/render/spec_hash.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/string_view.h"

namespace sei::tasks::render {
namespace {

// The object as hashed: without our own annotation, and without the
// annotations map when nothing else is in it, so hashing is idempotent.
k8s::Object WithoutSpecHash(k8s::Object object) {
  if (!object.is_object()) return object;
  auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return object;
  auto annotations = metadata->find("annotations");
  if (annotations == metadata->end()) return object;
  if (annotations->is_object()) annotations->erase(kSpecHashAnnotation);
  if (annotations->is_null() || (annotations->is_object() && annotations->empty())) {
    metadata->erase(annotations);
  }
  return object;
}

}  // namespace

std::string SpecHash(const k8s::Object& object) {
  // nlohmann::json keeps object keys sorted, so dump() is canonical; replace
  // (rather than throw on) invalid UTF-8 so hashing can never fail.
  const std::string canonical = WithoutSpecHash(object).dump(
      -1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

k8s::Object WithSpecHash(k8s::Object object) {
  // operator[] would throw on a non-object; rendered objects never are one,
  // and a malformed object is returned unchanged rather than aborting.
  if (!object.is_object()) return object;
  auto metadata = object.find("metadata");
  if (metadata != object.end() && !metadata->is_null()) {
    if (!metadata->is_object()) return object;
    auto annotations = metadata->find("annotations");
    if (annotations != metadata->end() && !annotations->is_null() && !annotations->is_object()) {
      return object;
    }
  }
  std::string hash = SpecHash(object);
  object["metadata"]["annotations"][kSpecHashAnnotation] = std::move(hash);
  return object;
}

std::string SpecHashAnnotationOf(const k8s::Object& object) {
  if (!object.is_object()) return "";
  auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return "";
  auto annotations = metadata->find("annotations");
  if (annotations == metadata->end() || !annotations->is_object()) return "";
  auto value = annotations->find(kSpecHashAnnotation);
  if (value == annotations->end() || !value->is_string()) return "";
  return value->get<std::string>();
}

}  // namespace sei::tasks::render

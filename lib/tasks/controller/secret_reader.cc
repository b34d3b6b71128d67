#include "lib/tasks/controller/secret_reader.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/tasks/controller/object_fields.h"

namespace sei::tasks {

SecretLookup ReadSecret(k8s::KubeClient& kube, absl::string_view ns, absl::string_view name) {
  SecretLookup lookup;
  absl::StatusOr<k8s::Object> secret = kube.Get(k8s::resources::kSecret, ns, name);
  if (k8s::IsApiNotFound(secret.status())) {
    lookup.not_ready = Validation::NotReady(
        absl::StrCat("Secret \"", name, "\" not found in namespace \"", ns, "\""));
  } else if (!secret.ok()) {
    lookup.not_ready = Validation::NotReady(
        absl::StrCat("reading Secret \"", name, "\": ", secret.status().message()));
  } else if (IsTerminating(*secret)) {
    lookup.not_ready = Validation::NotReady(absl::StrCat("Secret \"", name, "\" is being deleted"));
  } else {
    lookup.secret = *std::move(secret);
  }
  return lookup;
}

std::optional<std::string> SecretValue(const k8s::Object& secret, absl::string_view key) {
  const k8s::Object* data = FieldAt(secret, "data");
  if (data == nullptr || !data->is_object()) return std::nullopt;
  auto it = data->find(std::string(key));
  if (it == data->end() || !it->is_string()) return std::nullopt;
  std::string decoded;
  if (!absl::Base64Unescape(it->get<std::string>(), &decoded)) return std::nullopt;
  return decoded;
}

std::vector<std::string> SecretKeys(const k8s::Object& secret) {
  std::vector<std::string> keys;
  const k8s::Object* data = FieldAt(secret, "data");
  if (data == nullptr || !data->is_object()) return keys;
  for (auto it = data->begin(); it != data->end(); ++it) keys.push_back(it.key());
  return keys;
}

}  // namespace sei::tasks

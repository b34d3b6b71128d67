// Reading the Secrets the validate-* tasks check (tasks.md §3.2–§3.4): a
// Secret that is absent, unreadable or being deleted is "not ready" (the
// user may still be creating it); its data values arrive base64-encoded.
#ifndef SEI_LIB_TASKS_CONTROLLER_SECRET_READER_H_
#define SEI_LIB_TASKS_CONTROLLER_SECRET_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "lib/tasks/controller/validation_report.h"

namespace sei::tasks {

struct SecretLookup {
  std::optional<k8s::Object> secret;  // set when readable and not being deleted
  Validation not_ready;               // why not, when `secret` is unset
};

// GET Secret `name` in `ns`. NotFound → `Secret "<n>" not found in namespace
// "<ns>"`; other errors → `reading Secret "<n>": <error>`; deletionTimestamp
// set → `Secret "<n>" is being deleted` — all NotReady.
SecretLookup ReadSecret(k8s::KubeClient& kube, absl::string_view ns, absl::string_view name);

// The decoded value of data[key]; nullopt when the key is absent, not a
// string or not valid base64.
std::optional<std::string> SecretValue(const k8s::Object& secret, absl::string_view key);

// The keys of `data`, in byte order.
std::vector<std::string> SecretKeys(const k8s::Object& secret);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_SECRET_READER_H_

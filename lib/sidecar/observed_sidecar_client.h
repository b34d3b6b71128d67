// A SidecarClientFactory whose clients report every sidecar call — which call
// and how it ended — to an observer, so the operator's sidecar call metrics
// are recorded in one place for every task and controller rather than at
// each call site. The calls themselves go to the wrapped factory's clients
// unchanged: results and errors are passed through as is.
#ifndef SEI_LIB_SIDECAR_OBSERVED_SIDECAR_CLIENT_H_
#define SEI_LIB_SIDECAR_OBSERVED_SIDECAR_CLIENT_H_

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/sidecar/sidecar_client.h"

namespace sei::sidecar {

// One finished call. The views are valid only during the observer's call.
struct SidecarCall {
  // "submit", "get_task", "healthz", "node_id".
  absl::string_view call;
  // "ok", or the absl status code in snake case ("invalid_argument",
  // "unavailable", "unauthenticated", "permission_denied",
  // "deadline_exceeded", "not_found", "data_loss", ...). A Healthz answering
  // kNotReady is "ok": the call succeeded.
  absl::string_view outcome;
};

using SidecarCallObserver = std::function<void(const SidecarCall&)>;

class ObservedSidecarClientFactory : public SidecarClientFactory {
 public:
  // `inner` is not owned and must outlive this factory; `observer` must not
  // be empty, and every client built gets a copy of it. Thread-safe as long
  // as `inner` and `observer` are; each client as much as its inner one.
  ObservedSidecarClientFactory(SidecarClientFactory* inner, SidecarCallObserver observer);

  // The inner factory's client for the node, observed. An error of the inner
  // factory is returned unchanged, and no call is reported for it.
  absl::StatusOr<std::unique_ptr<SidecarClient>> ForNode(absl::string_view ns,
                                                         absl::string_view name) override;

 private:
  SidecarClientFactory* const inner_;
  const SidecarCallObserver observer_;
};

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_OBSERVED_SIDECAR_CLIENT_H_

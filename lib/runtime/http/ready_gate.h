// A readiness check that fails until something declares the process ready —
// typically the controllers once their informer caches have synced, so a
// rolling update does not route to (or count as available) an operator that
// cannot act yet.
#ifndef SEI_LIB_RUNTIME_HTTP_READY_GATE_H_
#define SEI_LIB_RUNTIME_HTTP_READY_GATE_H_

#include <atomic>
#include <string>
#include <utility>

#include "lib/runtime/http/health_checks.h"

namespace sei::runtime {

class ReadyGate {
 public:
  // `waiting_for` is the failure message while closed ("caches not synced").
  explicit ReadyGate(std::string waiting_for) : waiting_for_(std::move(waiting_for)) {}

  void Open() { open_.store(true); }
  bool IsOpen() const { return open_.load(); }
  // A check reading this gate; the gate must outlive it.
  HealthCheck AsCheck() const;

 private:
  const std::string waiting_for_;
  std::atomic<bool> open_{false};
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_HTTP_READY_GATE_H_

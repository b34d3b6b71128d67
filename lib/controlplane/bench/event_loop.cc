#include "lib/controlplane/bench/event_loop.h"

#include <algorithm>
#include <chrono>

namespace sei::controlplane::bench {

bool RunUntil(boost::asio::io_context& ioc, const std::function<bool()>& done,
              absl::Duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(timeout);
  while (!done()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    // run_one_for returns after one handler (or when idle until the
    // slice ends), so the condition is seen as soon as it turns true.
    ioc.restart();
    ioc.run_one_for(std::min<std::chrono::steady_clock::duration>(deadline - now,
                                                                  std::chrono::milliseconds(50)));
  }
  return true;
}

}  // namespace sei::controlplane::bench

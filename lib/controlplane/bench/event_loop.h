// Runs the benchmark client's io_context on the calling thread until a
// condition holds or a deadline passes, so that each phase reads as
// straight-line code ("start these requests, run until they are done")
// while every socket stays asynchronous.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_EVENT_LOOP_H_
#define SEI_LIB_CONTROLPLANE_BENCH_EVENT_LOOP_H_

#include <boost/asio/io_context.hpp>
#include <functional>

#include "absl/time/time.h"

namespace sei::controlplane::bench {

// Returns whether `done()` became true before `timeout`. `done` is checked
// after every completion handler, on this thread.
bool RunUntil(boost::asio::io_context& ioc, const std::function<bool()>& done,
              absl::Duration timeout);

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_EVENT_LOOP_H_

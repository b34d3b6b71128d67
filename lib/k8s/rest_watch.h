// A WatchStream over the chunked body of a watch response: the body is read
// one line (one event) at a time as it arrives, never buffered whole, so a
// watch can run for hours. Cancel() abandons the connection, which
// unblocks a Next() waiting for the next line.
#ifndef SEI_LIB_K8S_REST_WATCH_H_
#define SEI_LIB_K8S_REST_WATCH_H_

#include <atomic>
#include <optional>

#include "lib/k8s/kube_client.h"
#include "lib/k8s/rest_transport.h"

namespace sei::k8s {

class RestWatchStream : public WatchStream {
 public:
  explicit RestWatchStream(OpenResponse open);
  ~RestWatchStream() override;

  // nullopt at the end of the body (the server's timeout) or after
  // Cancel(); an ERROR event's error; kTransport when the connection breaks
  // or a line does not decode.
  absl::StatusOr<std::optional<WatchEvent>> Next() override;
  void Cancel() override;

 private:
  OpenResponse open_;
  Concurrency::streams::istream body_;
  std::atomic<bool> cancelled_{false};
  bool ended_ = false;
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_REST_WATCH_H_

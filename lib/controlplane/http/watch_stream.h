// One store watch as the chunked body of a watch response: events are
// queued as the store delivers them and handed to the connection whenever
// it is ready to write, several per chunk when they pile up. No thread waits
// on a watch.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_WATCH_STREAM_H_
#define SEI_LIB_CONTROLPLANE_HTTP_WATCH_STREAM_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/http/http_message.h"

namespace sei::controlplane {

struct WatchStreamLimits {
  // A client that falls this far behind gets the queued events, then the
  // end of the stream; it re-watches from the last resourceVersion it saw
  // (what the apiserver's watch cache does to slow watchers).
  size_t max_queued_events = 10000;
  size_t max_chunk_bytes = 256 * 1024;
};

class WatchStream : public ChunkSource, public std::enable_shared_from_this<WatchStream> {
 public:
  // Renders one event as one line, newline included. Called for one event
  // at a time, in order (never concurrently), so it may keep state.
  using Encoder = std::function<std::string(const WatchEvent&)>;

  static std::shared_ptr<WatchStream> Create(Encoder encoder, WatchStreamLimits limits = {});

  // The callback to pass to ObjectStore::Watch. It holds the stream weakly,
  // never blocks and never calls into the store.
  std::function<void(const WatchEvent&)> Sink();

  // Takes the store's handle; it is destroyed (stopping delivery) on Close.
  void Attach(std::unique_ptr<WatchHandle> handle);

  void Next(Deliver deliver) override;
  void Close() override;

  WatchStream(Encoder encoder, WatchStreamLimits limits);  // use Create

 private:
  void OnEvent(const WatchEvent& event);
  // Takes queued events for one chunk. Requires mu_.
  std::deque<WatchEvent> TakeBatchLocked();
  // Renders a batch outside the lock and reports whether it ended the
  // stream (an ERROR event is the last one).
  std::string Encode(std::deque<WatchEvent>& batch);

  const Encoder encoder_;
  const WatchStreamLimits limits_;
  std::mutex encode_mu_;  // serialises the encoder

  std::mutex mu_;
  std::deque<WatchEvent> queue_;
  Deliver pending_;
  std::unique_ptr<WatchHandle> handle_;
  bool closed_ = false;
  // No further events are accepted: an ERROR was queued or the queue overflowed.
  bool ending_ = false;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_WATCH_STREAM_H_

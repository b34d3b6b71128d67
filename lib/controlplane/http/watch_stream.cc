#include "lib/controlplane/http/watch_stream.h"

#include <algorithm>
#include <utility>

namespace sei::controlplane {

std::shared_ptr<WatchStream> WatchStream::Create(Encoder encoder, WatchStreamLimits limits) {
  return std::make_shared<WatchStream>(std::move(encoder), limits);
}

WatchStream::WatchStream(Encoder encoder, WatchStreamLimits limits)
    : encoder_(std::move(encoder)), limits_(limits) {}

std::function<void(const WatchEvent&)> WatchStream::Sink() {
  std::weak_ptr<WatchStream> weak = shared_from_this();
  return [weak](const WatchEvent& event) {
    if (auto self = weak.lock()) self->OnEvent(event);
  };
}

void WatchStream::Attach(std::unique_ptr<WatchHandle> handle) {
  std::unique_lock<std::mutex> lock(mu_);
  if (closed_) {
    lock.unlock();
    handle.reset();  // outside the lock: it may wait for a running callback
    return;
  }
  handle_ = std::move(handle);
}

void WatchStream::OnEvent(const WatchEvent& event) {
  Deliver deliver;
  std::deque<WatchEvent> batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_ || ending_) return;
    if (queue_.size() >= limits_.max_queued_events) {
      ending_ = true;  // drained, then the stream ends
    } else {
      queue_.push_back(event);
      if (event.type == WatchEventType::kError) ending_ = true;
    }
    if (!pending_) return;
    deliver = std::move(pending_);
    pending_ = nullptr;
    batch = TakeBatchLocked();
  }
  if (batch.empty()) {
    deliver(std::nullopt);  // ended with nothing left to send
    return;
  }
  deliver(Encode(batch));
}

std::deque<WatchEvent> WatchStream::TakeBatchLocked() {
  std::deque<WatchEvent> batch;
  // Sizes are unknown before encoding; a count bound keeps chunks moderate.
  const size_t max_events = std::max<size_t>(1, limits_.max_chunk_bytes / 1024);
  while (!queue_.empty() && batch.size() < max_events) {
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return batch;
}

std::string WatchStream::Encode(std::deque<WatchEvent>& batch) {
  std::lock_guard<std::mutex> lock(encode_mu_);
  std::string chunk;
  for (const WatchEvent& event : batch) chunk += encoder_(event);
  return chunk;
}

void WatchStream::Next(Deliver deliver) {
  std::deque<WatchEvent> batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!closed_) {
      batch = TakeBatchLocked();
      if (batch.empty() && !ending_) {
        pending_ = std::move(deliver);
        return;
      }
    }
  }
  if (batch.empty()) {
    deliver(std::nullopt);
    return;
  }
  deliver(Encode(batch));
}

void WatchStream::Close() {
  std::unique_ptr<WatchHandle> handle;
  Deliver dropped;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    handle = std::move(handle_);
    dropped = std::move(pending_);
    pending_ = nullptr;
    queue_.clear();
  }
  // Both destroyed outside the lock: the handle may wait for a callback in
  // flight, which itself takes mu_.
  handle.reset();
  dropped = nullptr;
}

}  // namespace sei::controlplane

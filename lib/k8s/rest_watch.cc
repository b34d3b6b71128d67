#include "lib/k8s/rest_watch.h"

#include <cpprest/containerstream.h>

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/watch_event_decoder.h"

namespace sei::k8s {

RestWatchStream::RestWatchStream(OpenResponse open)
    : open_(std::move(open)), body_(open_.response.body()) {}

RestWatchStream::~RestWatchStream() {
  // Closes the connection if the body has not ended: nobody reads it now.
  Cancel();
}

absl::StatusOr<std::optional<WatchEvent>> RestWatchStream::Next() {
  while (!ended_) {
    if (cancelled_) return std::optional<WatchEvent>();
    std::string line;
    try {
      Concurrency::streams::container_buffer<std::string> buffer;
      body_.read_line(buffer).get();
      line = std::move(buffer.collection());
      if (line.empty() && body_.is_eof()) ended_ = true;
    } catch (const std::exception& e) {
      ended_ = true;
      if (cancelled_) return std::optional<WatchEvent>();
      return ApiError(ErrorReason::kTransport, 0, absl::StrCat("watch stream broke: ", e.what()));
    }
    if (cancelled_) return std::optional<WatchEvent>();
    if (absl::StripAsciiWhitespace(line).empty()) continue;  // keep-alive or end
    absl::StatusOr<WatchEvent> event = DecodeWatchEvent(line);
    if (!event.ok()) {
      ended_ = true;  // an ERROR event is the last one the server sends
      return event.status();
    }
    return std::optional<WatchEvent>(*std::move(event));
  }
  return std::optional<WatchEvent>();
}

void RestWatchStream::Cancel() {
  if (cancelled_.exchange(true)) return;
  try {
    open_.cancel.cancel();
  } catch (const std::exception&) {
    // Nothing left to cancel.
  }
}

}  // namespace sei::k8s

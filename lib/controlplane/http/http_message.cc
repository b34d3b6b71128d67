#include "lib/controlplane/http/http_message.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace sei::controlplane {

std::string HttpRequest::Header(absl::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

std::vector<std::string> HttpRequest::HeaderValues(absl::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, name)) values.push_back(value);
  }
  return values;
}

void HttpResponse::SetHeader(absl::string_view name, absl::string_view value) {
  for (auto it = headers.begin(); it != headers.end();) {
    if (absl::EqualsIgnoreCase(it->first, name)) {
      it = headers.erase(it);
    } else {
      ++it;
    }
  }
  AddHeader(name, value);
}

void HttpResponse::AddHeader(absl::string_view name, absl::string_view value) {
  headers.emplace_back(std::string(name), std::string(value));
}

std::string HttpResponse::Header(absl::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

}  // namespace sei::controlplane

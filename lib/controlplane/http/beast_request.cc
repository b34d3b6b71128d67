#include "lib/controlplane/http/beast_request.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

HttpRequest ToHttpRequest(boost::beast::http::request<boost::beast::http::string_body>&& message) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  const absl::string_view target(message.target().data(), message.target().size());
  const size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != absl::string_view::npos) request.query = std::string(target.substr(question + 1));
  for (const auto& field : message) {
    request.headers.emplace_back(absl::AsciiStrToLower(absl::string_view(
                                     field.name_string().data(), field.name_string().size())),
                                 std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

}  // namespace sei::controlplane

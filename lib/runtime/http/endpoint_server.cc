#include "lib/runtime/http/endpoint_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/http/http_message.h"
#include "lib/controlplane/http/http_server.h"
#include "lib/runtime/http/bind_address.h"

namespace sei::runtime {
namespace {

controlplane::HttpResponse PlainResponse(int code, std::string body) {
  controlplane::HttpResponse response;
  response.status = code;
  response.SetHeader("Content-Type", "text/plain; charset=utf-8");
  response.body = std::move(body);
  return response;
}

}  // namespace

EndpointServer::EndpointServer(std::string bind_address) : bind_address_(std::move(bind_address)) {}

EndpointServer::~EndpointServer() { Stop(); }

absl::Status EndpointServer::Route(std::string path, EndpointHandler handler) {
  absl::MutexLock lock(&mu_);
  if (started_) return absl::FailedPreconditionError("routes are fixed once the server started");
  if (!routes_.emplace(path, std::move(handler)).second) {
    return absl::AlreadyExistsError(absl::StrCat("path ", path, " is already routed"));
  }
  return absl::OkStatus();
}

absl::StatusOr<uint16_t> EndpointServer::Start() {
  absl::StatusOr<BindAddress> address = ParseBindAddress(bind_address_);
  if (!address.ok()) return address.status();
  absl::MutexLock lock(&mu_);
  if (started_) return absl::FailedPreconditionError("the server was already started");
  auto server = std::make_unique<controlplane::HttpServer>(/*io_threads=*/1);
  controlplane::ListenerOptions options;
  options.address = address->host;
  options.port = address->port;
  options.max_body_bytes = 64 * 1024;  // probes and scrapes send no body
  options.handler = [this](const controlplane::HttpRequest& request) {
    auto route = routes_.find(request.path);
    if (route == routes_.end()) return PlainResponse(404, "404 page not found\n");
    if (request.method != "GET") {
      controlplane::HttpResponse response = PlainResponse(405, "method not allowed\n");
      response.SetHeader("Allow", "GET");
      return response;
    }
    EndpointResponse answer = route->second();
    controlplane::HttpResponse response;
    response.status = answer.code;
    response.SetHeader("Content-Type", answer.content_type);
    response.body = std::move(answer.body);
    return response;
  };
  absl::StatusOr<uint16_t> port = server->Listen(std::move(options));
  if (!port.ok()) return port.status();
  server->Start();
  server_ = std::move(server);
  started_ = true;
  return port;
}

void EndpointServer::Stop() {
  std::unique_ptr<controlplane::HttpServer> server;
  {
    absl::MutexLock lock(&mu_);
    server = std::move(server_);
  }
  if (server != nullptr) server->Stop();
}

}  // namespace sei::runtime

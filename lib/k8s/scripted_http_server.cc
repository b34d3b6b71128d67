#include "lib/k8s/scripted_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sei::k8s::testing {
namespace {

// Binds a loopback listening socket on an ephemeral port.
int Listen(uint16_t* port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(fd, 16) != 0) {
    std::abort();  // a test fixture that cannot listen is broken
  }
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  *port = ntohs(address.sin_port);
  return fd;
}

std::string StatusText(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    default:
      return "Status";
  }
}

}  // namespace

std::string ScriptedHttpServer::Request::Header(const std::string& name) const {
  for (absl::string_view line : absl::StrSplit(head, "\r\n")) {
    size_t colon = line.find(':');
    if (colon == absl::string_view::npos) continue;
    if (absl::EqualsIgnoreCase(line.substr(0, colon), name)) {
      return std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
    }
  }
  return "";
}

std::string ScriptedHttpServer::Request::RequestLine() const {
  return head.substr(0, head.find("\r\n"));
}

ScriptedHttpServer::ScriptedHttpServer() {
  listen_fd_ = Listen(&port_);
  thread_ = std::thread([this] { Serve(); });
}

ScriptedHttpServer::~ScriptedHttpServer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
  close(listen_fd_);
  absl::MutexLock lock(&mu_);
  for (int fd : held_) close(fd);
}

std::string ScriptedHttpServer::Url() const { return absl::StrCat("http://127.0.0.1:", port_); }

void ScriptedHttpServer::Enqueue(ScriptedReply reply) {
  absl::MutexLock lock(&mu_);
  script_.push_back(std::move(reply));
}

std::vector<ScriptedHttpServer::Request> ScriptedHttpServer::Requests() const {
  absl::MutexLock lock(&mu_);
  return requests_;
}

void ScriptedHttpServer::Serve() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    pollfd waiting{listen_fd_, POLLIN, 0};
    if (poll(&waiting, 1, 50) <= 0) continue;
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd >= 0) Handle(fd);
  }
}

void ScriptedHttpServer::Handle(int fd) {
  std::string data;
  char buffer[4096];
  size_t head_end = std::string::npos;
  size_t content_length = 0;
  while (true) {
    if (head_end == std::string::npos) {
      head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        Request probe{data.substr(0, head_end), ""};
        size_t length = 0;
        if (absl::SimpleAtoi(probe.Header("Content-Length"), &length)) content_length = length;
      }
    }
    if (head_end != std::string::npos && data.size() >= head_end + 4 + content_length) break;
    pollfd readable{fd, POLLIN, 0};
    if (poll(&readable, 1, 5000) <= 0) break;
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n <= 0) break;
    data.append(buffer, n);
  }
  if (head_end == std::string::npos) {
    close(fd);
    return;
  }
  ScriptedReply reply;
  {
    absl::MutexLock lock(&mu_);
    requests_.push_back({data.substr(0, head_end), data.substr(head_end + 4, content_length)});
    if (!script_.empty()) {
      reply = std::move(script_.front());
      script_.pop_front();
    }
    if (reply.hang) {
      held_.push_back(fd);
      return;
    }
  }
  std::string response =
      absl::StrCat("HTTP/1.1 ", reply.status, " ", StatusText(reply.status),
                   "\r\nContent-Type: application/json\r\nContent-Length: ", reply.body.size(),
                   "\r\nConnection: close\r\n\r\n", reply.body);
  size_t written = 0;
  while (written < response.size()) {
    ssize_t n = write(fd, response.data() + written, response.size() - written);
    if (n <= 0) break;
    written += n;
  }
  close(fd);
}

SilentListener::SilentListener() { fd_ = Listen(&port_); }

SilentListener::~SilentListener() { close(fd_); }

}  // namespace sei::k8s::testing

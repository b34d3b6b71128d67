// Test-only: a plain-HTTP server on loopback that records each request and
// answers from a script — or never answers, or accepts and stays silent —
// so that the REST client's headers, retries and deadlines can be checked
// byte for byte, which the local control plane does not expose.
#ifndef SEI_LIB_K8S_SCRIPTED_HTTP_SERVER_H_
#define SEI_LIB_K8S_SCRIPTED_HTTP_SERVER_H_

#include <cstdint>
#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sei::k8s::testing {

struct ScriptedReply {
  int status = 200;
  std::string body = "{}";
  bool hang = false;  // read the request, never answer
};

class ScriptedHttpServer {
 public:
  ScriptedHttpServer();  // listens on 127.0.0.1, ephemeral port
  ~ScriptedHttpServer();

  uint16_t port() const { return port_; }
  std::string Url() const;  // http://127.0.0.1:<port>

  // Answers are given in order; once the script runs out, 200 "{}".
  void Enqueue(ScriptedReply reply);
  // Every request received so far: the head (request line and headers,
  // header names as sent) and the body.
  struct Request {
    std::string head;
    std::string body;
    std::string Header(const std::string& name) const;  // case-insensitive; "" if absent
    std::string RequestLine() const;
  };
  std::vector<Request> Requests() const;

 private:
  void Serve();
  void Handle(int fd);

  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::thread thread_;
  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::deque<ScriptedReply> script_ ABSL_GUARDED_BY(mu_);
  std::vector<Request> requests_ ABSL_GUARDED_BY(mu_);
  std::vector<int> held_ ABSL_GUARDED_BY(mu_);  // hung connections, closed at the end
};

// A listener that accepts TCP connections (the kernel does) but never reads
// or writes: a server that is up yet never answers.
class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

}  // namespace sei::k8s::testing

#endif  // SEI_LIB_K8S_SCRIPTED_HTTP_SERVER_H_

// The container scripts run under a real shell: syntax for all of them, and
// behaviour against a fake `seid` and a fake sidecar for the ones whose
// logic matters (skip-if-initialised, wait-for-healthy, halt exit mapping).
#include "lib/tasks/render/scripts.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"

namespace sei::tasks::render {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A scratch directory with bin/seid (a fake that logs its arguments, creates
// genesis.json on `init` and exits with $SEID_EXIT) and an empty home.
class Sandbox {
 public:
  Sandbox() {
    const char* tmp = std::getenv("TEST_TMPDIR");
    std::string pattern = absl::StrCat(tmp ? tmp : "/tmp", "/scripts_test.XXXXXX");
    root_ = mkdtemp(pattern.data());
    fs::create_directories(root_ / "bin");
    fs::create_directories(root_ / "home");
    std::ofstream(root_ / "bin" / "seid") << R"(#!/bin/sh
echo "seid $*" >> "$SEID_LOG"
if [ "$1" = init ]; then mkdir -p "$HOME/config" && echo '{}' > "$HOME/config/genesis.json"; fi
exit "${SEID_EXIT:-0}"
)";
    fs::permissions(root_ / "bin" / "seid", fs::perms::owner_all);
  }
  ~Sandbox() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }

  // Runs `script` with `shell`; returns its exit code.
  int Run(const std::string& shell, const std::string& script, int seid_exit = 0) {
    const fs::path file = root_ / "script";
    std::ofstream(file) << script;
    const std::string command =
        absl::StrCat("cd '", root_.string(), "' && HOME='", (root_ / "home").string(),
                     "' SEID_LOG='", (root_ / "seid.log").string(), "' SEID_EXIT=", seid_exit,
                     " PATH='", (root_ / "bin").string(), ":/usr/bin:/bin' ", shell, " '",
                     file.string(), "' > '", (root_ / "out").string(), "' 2>&1");
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string SeidLog() const { return ReadFile(root_ / "seid.log"); }
  std::string Output() const { return ReadFile(root_ / "out"); }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

// Answers HTTP requests on 127.0.0.1 with the given status lines, one per
// connection, then 200 forever.
class FakeSidecar {
 public:
  explicit FakeSidecar(std::vector<std::string> statuses) : statuses_(std::move(statuses)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    REQUIRE(listen(listener_, 8) == 0);
    socklen_t length = sizeof(address);
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeSidecar() {
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
  }
  int port() const { return port_; }
  int requests() const { return requests_; }
  std::string last_request() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_request_;
  }

 private:
  void Serve() {
    while (true) {
      const int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      // The script writes the request line and the header separately, so
      // under load they arrive in separate reads: read up to the blank line
      // (or EOF, or a size bound) before answering.
      std::string request;
      char buffer[1024];
      while (request.find("\r\n\r\n") == std::string::npos && request.size() < 8192) {
        const ssize_t n = read(connection, buffer, sizeof(buffer));
        if (n <= 0) break;
        request.append(buffer, static_cast<size_t>(n));
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        last_request_ = request;
      }
      const int index = requests_++;
      const std::string status =
          index < static_cast<int>(statuses_.size()) ? statuses_[index] : "200 OK";
      const std::string response = absl::StrCat("HTTP/1.0 ", status, "\r\n\r\n");
      (void)write(connection, response.data(), response.size());
      close(connection);
    }
  }

  std::vector<std::string> statuses_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<int> requests_{0};
  mutable std::mutex mutex_;
  std::string last_request_;
  std::thread thread_;
};

TEST_CASE("ShellQuote leaves plain words alone and single-quotes the rest") {
  CHECK(ShellQuote("pacific-1") == "pacific-1");
  CHECK(ShellQuote("a b") == "'a b'");
  CHECK(ShellQuote("it's") == R"('it'\''s')");
  CHECK(ShellQuote("") == "''");
}

TEST_CASE("Every script parses in its shell") {
  Sandbox sandbox;
  CHECK(sandbox.Run("/bin/sh -n", SeidInitScript("pacific-1")) == 0);
  CHECK(sandbox.Run("/bin/bash -n", SeidStartScript(7777)) == 0);
  CHECK(sandbox.Run("/bin/bash -n", BootstrapSeidScript(7777, 100)) == 0);
  CHECK(sandbox.Run("/bin/bash -n", CosmosExporterScript()) == 0);
}

TEST_CASE("seid-init initialises once, then skips, and always creates $HOME/tmp") {
  Sandbox sandbox;
  REQUIRE(sandbox.Run("/bin/sh", SeidInitScript("pacific-1")) == 0);
  const std::string home = (sandbox.root() / "home").string();
  CHECK(sandbox.SeidLog() ==
        absl::StrCat("seid init pacific-1 --chain-id pacific-1 --home ", home, " --overwrite\n"));
  CHECK(fs::is_directory(sandbox.root() / "home" / "tmp"));
  fs::remove(sandbox.root() / "home" / "tmp");
  REQUIRE(sandbox.Run("/bin/sh", SeidInitScript("pacific-1")) == 0);
  CHECK(sandbox.Output().find("skipping seid init") != std::string::npos);
  CHECK(sandbox.SeidLog().find("\n") == sandbox.SeidLog().size() - 1);  // still one run
  CHECK(fs::is_directory(sandbox.root() / "home" / "tmp"));
}

TEST_CASE("seid-init fails when seid init fails, without creating $HOME/tmp") {
  Sandbox sandbox;
  CHECK(sandbox.Run("/bin/sh", SeidInitScript("pacific-1"), /*seid_exit=*/1) == 1);
  CHECK_FALSE(fs::exists(sandbox.root() / "home" / "tmp"));
}

TEST_CASE("seid waits for a 200 from the sidecar's healthz, then execs seid start") {
  Sandbox sandbox;
  FakeSidecar sidecar({"503 Service Unavailable"});
  REQUIRE(sandbox.Run("/bin/bash", SeidStartScript(sidecar.port())) == 0);
  CHECK(sidecar.requests() == 2);
  CHECK(sidecar.last_request() == "GET /v0/healthz HTTP/1.0\r\nHost: localhost\r\n\r\n");
  const std::string home = (sandbox.root() / "home").string();
  CHECK(sandbox.SeidLog() == absl::StrCat("seid start --home ", home, "\n"));
}

TEST_CASE("bootstrap seid maps the halt-height exit 130 to success and passes others on") {
  Sandbox sandbox;
  FakeSidecar sidecar({});
  CHECK(sandbox.Run("/bin/bash", BootstrapSeidScript(sidecar.port(), 4242), 130) == 0);
  const std::string home = (sandbox.root() / "home").string();
  CHECK(sandbox.SeidLog() == absl::StrCat("seid start --home ", home, " --halt-height 4242\n"));
  CHECK(sandbox.Run("/bin/bash", BootstrapSeidScript(sidecar.port(), 4242), 3) == 3);
  CHECK(sandbox.Run("/bin/bash", BootstrapSeidScript(sidecar.port(), 4242), 0) == 0);
}

}  // namespace
}  // namespace sei::tasks::render

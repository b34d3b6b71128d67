#include "lib/sidecar/token_source.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"

namespace sei::sidecar {
namespace {

// A token file in the test's temporary directory, removed afterwards.
class TokenFile {
 public:
  TokenFile() {
    const char* dir = std::getenv("TEST_TMPDIR");
    path_ = absl::StrCat(dir != nullptr ? dir : "/tmp", "/token-", getpid(), "-", counter_++);
  }
  ~TokenFile() { std::remove(path_.c_str()); }
  void Write(const std::string& contents) { std::ofstream(path_, std::ios::trunc) << contents; }
  void Remove() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

struct FakeClock {
  absl::Time now = absl::FromUnixSeconds(1700000000);
  std::function<absl::Time()> Fn() {
    return [this] { return now; };
  }
};

TEST_CASE("The token is read, trimmed and cached until the refresh interval", "[sidecar][token]") {
  TokenFile file;
  file.Write("first-token\n");
  FakeClock clock;
  FileTokenSource source({file.path(), absl::Minutes(1), clock.Fn()});
  REQUIRE(source.Token().ok());
  CHECK(*source.Token() == "first-token");

  file.Write("rotated-token");
  clock.now += absl::Seconds(59);
  CHECK(*source.Token() == "first-token");  // still cached
  clock.now += absl::Seconds(1);
  CHECK(*source.Token() == "rotated-token");  // a minute old: re-read
}

TEST_CASE("Invalidate forces a re-read on the next call", "[sidecar][token]") {
  TokenFile file;
  file.Write("old");
  FakeClock clock;
  FileTokenSource source({file.path(), absl::Minutes(1), clock.Fn()});
  CHECK(*source.Token() == "old");
  file.Write("new");
  source.Invalidate();
  CHECK(*source.Token() == "new");
}

TEST_CASE("A failed periodic re-read keeps the cached token; after Invalidate it fails",
          "[sidecar][token]") {
  TokenFile file;
  file.Write("kept");
  FakeClock clock;
  FileTokenSource source({file.path(), absl::Minutes(1), clock.Fn()});
  CHECK(*source.Token() == "kept");
  file.Remove();
  clock.now += absl::Minutes(5);
  CHECK(*source.Token() == "kept");
  source.Invalidate();
  auto token = source.Token();
  REQUIRE_FALSE(token.ok());
  CHECK(token.status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("A missing or blank token file is an error", "[sidecar][token]") {
  TokenFile file;
  FileTokenSource missing({file.path(), absl::Minutes(1), nullptr});
  CHECK(missing.Token().status().code() == absl::StatusCode::kFailedPrecondition);
  file.Write(" \n");
  FileTokenSource blank({file.path(), absl::Minutes(1), nullptr});
  auto token = blank.Token();
  REQUIRE_FALSE(token.ok());
  CHECK(token.status().message() == absl::StrCat("token file ", file.path(), " is empty"));
}

TEST_CASE("The default path is the service-account token", "[sidecar][token]") {
  CHECK(FileTokenSource::Options().path == "/var/run/secrets/kubernetes.io/serviceaccount/token");
  CHECK(FileTokenSource::Options().refresh_interval == absl::Minutes(1));
}

}  // namespace
}  // namespace sei::sidecar

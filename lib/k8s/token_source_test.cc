#include "lib/k8s/token_source.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <ctime>
#include <thread>
#include <vector>

#include "lib/k8s/test_files.h"

namespace sei::k8s {
namespace {

using testing::FreshDirectory;
using testing::WriteFile;

// Sets the file's mtime explicitly: rotation within one clock tick must
// still be seen when the size differs, and tests must not sleep.
void SetMtime(const std::string& path, time_t seconds) {
  struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
  utimensat(AT_FDCWD, path.c_str(), times, 0);
}

TEST_CASE("token source: a literal token, trimmed, never refreshed", "[token]") {
  auto source = TokenSource::FromString("  abc\n");
  CHECK(*source->Token() == "abc");
  CHECK_FALSE(source->CanRefresh());
  source->Invalidate();
  CHECK(*source->Token() == "abc");
  CHECK(*TokenSource::FromString("")->Token() == "");
}

TEST_CASE("token source: a file is cached until it changes", "[token]") {
  std::string path = FreshDirectory() + "/token";
  WriteFile(path, "first\n");
  SetMtime(path, 1000);
  auto source = TokenSource::FromFile(path);
  CHECK(source->CanRefresh());
  CHECK(*source->Token() == "first");
  CHECK(*source->Token() == "first");
  CHECK(source->reads() == 1);

  WriteFile(path, "second\n");  // rotated by the kubelet
  SetMtime(path, 2000);
  CHECK(*source->Token() == "second");
  CHECK(source->reads() == 2);

  // Same size and mtime: only a 401 makes the source look again.
  WriteFile(path, "third!\n");
  SetMtime(path, 2000);
  CHECK(*source->Token() == "second");
  source->Invalidate();
  CHECK(*source->Token() == "third!");
  CHECK(source->reads() == 3);
}

TEST_CASE("token source: a missing or empty file is an error, not a stale token", "[token]") {
  std::string path = FreshDirectory() + "/token";
  auto source = TokenSource::FromFile(path);
  CHECK(absl::IsNotFound(source->Token().status()));
  WriteFile(path, "ok");
  CHECK(*source->Token() == "ok");
  WriteFile(path, " \n");
  SetMtime(path, 3000);
  CHECK(absl::IsFailedPrecondition(source->Token().status()));
  std::remove(path.c_str());
  CHECK(absl::IsNotFound(source->Token().status()));
}

TEST_CASE("token source: concurrent readers see whole tokens", "[token]") {
  std::string path = FreshDirectory() + "/token";
  WriteFile(path, "aaaa");
  auto source = TokenSource::FromFile(path);
  std::vector<std::thread> readers;
  std::atomic<int> bad{0};
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        source->Invalidate();
        auto token = source->Token();
        if (!token.ok() || (*token != "aaaa")) ++bad;
      }
    });
  }
  for (auto& reader : readers) reader.join();
  CHECK(bad == 0);
}

}  // namespace
}  // namespace sei::k8s

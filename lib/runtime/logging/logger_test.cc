#include "lib/runtime/logging/logger.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "lib/runtime/clock/fake_clock.h"
#include "lib/runtime/logging/log_level.h"
#include "lib/runtime/logging/memory_sink.h"

namespace sei::runtime {
namespace {

struct Fixture {
  FakeClock clock{absl::FromUnixMillis(1767225600123)};  // 2026-01-01T00:00:00.123Z
  MemorySink sink;
  Logger Make(LogFormat format, LogLevel level = LogLevel::kInfo) {
    return Logger(LoggerOptions{level, format, &sink, &clock});
  }
};

TEST_CASE("JSON lines carry ts, level, logger, msg and fields in order") {
  Fixture f;
  Logger log = f.Make(LogFormat::kJson)
                   .WithName("seinode-controller")
                   .With({{"namespace", "default"}, {"node", "a"}});
  log.Info("plan built", {{"plan", "p-1"}, {"tasks", 7}, {"paused", false}});
  REQUIRE(f.sink.lines().size() == 1);
  CHECK(f.sink.lines()[0] ==
        "{\"ts\":\"2026-01-01T00:00:00.123Z\",\"level\":\"info\",\"logger\":\"seinode-controller\","
        "\"msg\":\"plan built\",\"namespace\":\"default\",\"node\":\"a\",\"plan\":\"p-1\","
        "\"tasks\":7,\"paused\":false}\n");
}

TEST_CASE("JSON escapes strings and survives invalid UTF-8") {
  Fixture f;
  Logger log = f.Make(LogFormat::kJson);
  const absl::Status error = absl::UnavailableError("dial \"x\": refused");
  log.Error("bad \xff byte\n", {{"error", error}, {"after", absl::Milliseconds(1500)}});
  const std::string line = f.sink.lines().at(0);
  CHECK(line.back() == '\n');
  nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed["level"] == "error");
  CHECK(parsed["msg"] == "bad \xEF\xBF\xBD byte\n");
  CHECK(parsed["error"] == "UNAVAILABLE: dial \"x\": refused");
  CHECK(parsed["after"] == "1.5s");
  CHECK_FALSE(parsed.contains("logger"));  // a root logger has no name
}

TEST_CASE("Text lines are readable and quote only when needed") {
  Fixture f;
  Logger log = f.Make(LogFormat::kText).WithName("seinode-controller").WithName("peers");
  log.Warn("peer skipped\nretrying",
           {{"peer", "node-b"}, {"reason", "no node id"}, {"empty", ""}, {"count", uint64_t{3}}});
  CHECK(f.sink.lines().at(0) ==
        "2026-01-01T00:00:00.123Z WARN seinode-controller.peers peer skipped\\nretrying "
        "peer=node-b reason=\"no node id\" empty=\"\" count=3\n");
}

TEST_CASE("Levels below the threshold are dropped and the level can change") {
  Fixture f;
  Logger root = f.Make(LogFormat::kText, LogLevel::kWarn);
  Logger child = root.WithName("c");
  CHECK_FALSE(child.Enabled(LogLevel::kInfo));
  CHECK(child.Enabled(LogLevel::kError));
  child.Debug("d");
  child.Info("i");
  child.Warn("w");
  child.Error("e");
  CHECK(f.sink.lines().size() == 2);
  root.SetLevel(LogLevel::kDebug);  // shared by every logger of the root
  child.Debug("now visible");
  REQUIRE(f.sink.lines().size() == 3);
  CHECK(f.sink.lines()[2] == "2026-01-01T00:00:00.123Z DEBUG c now visible\n");
}

TEST_CASE("With does not change the logger it was made from") {
  Fixture f;
  Logger base = f.Make(LogFormat::kText);
  Logger tagged = base.With({{"task", "t1"}});
  base.Info("plain");
  tagged.Info("tagged");
  CHECK(f.sink.lines() ==
        std::vector<std::string>{"2026-01-01T00:00:00.123Z INFO plain\n",
                                 "2026-01-01T00:00:00.123Z INFO tagged task=t1\n"});
}

TEST_CASE("Concurrent writers produce whole lines") {
  Fixture f;
  Logger log = f.Make(LogFormat::kJson);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < 200; ++i) log.Info("line", {{"thread", t}, {"i", i}});
    });
  }
  for (std::thread& t : threads) t.join();
  const std::vector<std::string> lines = f.sink.lines();
  REQUIRE(lines.size() == 1600);
  for (const std::string& line : lines) {
    REQUIRE_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded());
  }
}

TEST_CASE("Level and format names parse") {
  CHECK(*ParseLogLevel("DEBUG") == LogLevel::kDebug);
  CHECK(*ParseLogLevel("warning") == LogLevel::kWarn);
  CHECK(*ParseLogFormat("Text") == LogFormat::kText);
  CHECK(ParseLogLevel("verbose").status().message() ==
        "unknown log level \"verbose\" (want debug, info, warn or error)");
  CHECK(absl::IsInvalidArgument(ParseLogFormat("yaml").status()));
  CHECK(LogLevelName(LogLevel::kError) == "error");
}

}  // namespace
}  // namespace sei::runtime

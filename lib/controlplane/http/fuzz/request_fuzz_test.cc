// A deterministic stand-in for libFuzzer (whose runtime the default gcc
// toolchain lacks): runs the request fuzz target on the checked-in seed
// corpus, then on inputs mutated from it by a seeded PRNG, so that every
// `bazel test` repeats the same inputs and a failure reproduces. The real
// fuzzer (fuzz/README.md) explores far more; this keeps the target and its
// corpus from rotting and catches shallow crashes in CI.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/controlplane/http/fuzz/request_fuzzer.h"

namespace sei::controlplane {
namespace {

constexpr int kMutatedInputs = 20000;
constexpr uint64_t kSeed = 0x5e1c0de;
constexpr auto kTimeBudget = std::chrono::seconds(60);

struct Seed {
  std::string name;
  std::string bytes;
};

// The corpus in name order (directory order is not stable).
std::vector<Seed> LoadCorpus() {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  const std::filesystem::path dir =
      absl::StrCat(srcdir != nullptr ? srcdir : ".", "/", workspace != nullptr ? workspace : "",
                   "/lib/controlplane/http/fuzz/corpus");
  std::vector<Seed> corpus;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    corpus.push_back({entry.path().filename().string(), bytes.str()});
  }
  std::sort(corpus.begin(), corpus.end(),
            [](const Seed& a, const Seed& b) { return a.name < b.name; });
  return corpus;
}

int Run(const std::string& input) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

// Fragments that matter to HTTP and to the decoders; inserting them reaches
// states that random bytes seldom do (libFuzzer's -dict does the same).
const std::vector<std::string>& Tokens() {
  static const auto* tokens = new std::vector<std::string>{
      "\r\n",         "\r\n\r\n",          ":",         "%",         "%2F",       "%zz",
      "?",            "&",                 "=",         "+",         "/status",   "/watch/",
      "watch=1",      "labelSelector=",    "!=",        " in (",     "notin",     ",",
      "{",            "}",                 "[",         "\"",        "null",      "-1",
      "9223372036854775808", "Transfer-Encoding: chunked\r\n", "0\r\n\r\n",  "ffffffff\r\n",
      "Content-Type: application/apply-patch+yaml\r\n", "application/json-patch+json",
      "application/vnd.kubernetes.protobuf", ";as=Table;v=v1;g=meta.k8s.io", std::string("k8s\0", 4), "\xff",
      "---\n",        "- op: remove\n",    "\"op\":\"move\"", "\"path\":\"/~1\"", "~"};
  return *tokens;
}

// Keeps Content-Length equal to what follows the header, so that a mutated
// body still reaches the decoders instead of stalling the HTTP parser.
void FixContentLength(std::string& input) {
  const size_t header_end = input.find("\r\n\r\n");
  if (header_end == std::string::npos) return;
  const std::string lower = absl::AsciiStrToLower(input.substr(0, header_end));
  const size_t name = lower.find("\r\ncontent-length:");
  if (name == std::string::npos) return;
  const size_t value = name + sizeof("\r\ncontent-length:") - 1;
  const size_t value_end = lower.find("\r\n", value);
  const size_t body = input.size() - (header_end + 4);
  input.replace(value, (value_end == std::string::npos ? header_end : value_end) - value,
                absl::StrCat(" ", body));
}

// libFuzzer's basic mutations: bit flips, byte changes, truncation,
// insertion of bytes or tokens, erasure, chunk duplication, and splices of
// two seeds.
class Mutator {
 public:
  Mutator(uint64_t seed, const std::vector<Seed>* corpus) : rng_(seed), corpus_(corpus) {}

  std::string Next() {
    if (Below(20) == 0) return RandomBytes(Below(512));
    std::string input = Pick();
    const int rounds = 1 + static_cast<int>(Below(4));
    for (int i = 0; i < rounds; ++i) Mutate(input);
    if (Below(2) == 0) FixContentLength(input);
    return input;
  }

 private:
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  const std::string& Pick() { return (*corpus_)[Below(corpus_->size())].bytes; }

  std::string RandomBytes(size_t n) {
    std::string bytes(n, '\0');
    for (char& c : bytes) c = static_cast<char>(Below(256));
    return bytes;
  }

  void Mutate(std::string& input) {
    const size_t at = Below(input.size() + 1);
    switch (Below(8)) {
      case 0:  // bit flip
        if (!input.empty()) input[at % input.size()] ^= static_cast<char>(1u << Below(8));
        break;
      case 1:  // random byte
        if (!input.empty()) input[at % input.size()] = static_cast<char>(Below(256));
        break;
      case 2:  // truncate
        input.resize(at);
        break;
      case 3:  // insert random bytes
        input.insert(at, RandomBytes(1 + Below(8)));
        break;
      case 4: {  // insert a token
        const std::string& token = Tokens()[Below(Tokens().size())];
        input.insert(at, token);
        break;
      }
      case 5:  // erase a range
        input.erase(at, 1 + Below(16));
        break;
      case 6: {  // duplicate a chunk in place
        const std::string chunk = input.substr(at, 1 + Below(64));
        input.insert(at, chunk);
        break;
      }
      default: {  // splice: this input's head, another seed's tail
        const std::string& other = Pick();
        input = input.substr(0, at) + other.substr(Below(other.size() + 1));
        break;
      }
    }
  }

  std::mt19937_64 rng_;
  const std::vector<Seed>* corpus_;
};

TEST_CASE("The request fuzz target survives its seed corpus", "[fuzz]") {
  const std::vector<Seed> corpus = LoadCorpus();
  REQUIRE(corpus.size() >= 20);
  for (const Seed& seed : corpus) {
    INFO("seed " << seed.name);
    CHECK_NOTHROW(Run(seed.bytes));
  }
}

TEST_CASE("The request fuzz target survives seeded mutations in bounded time", "[fuzz]") {
  const std::vector<Seed> corpus = LoadCorpus();
  REQUIRE_FALSE(corpus.empty());
  Mutator mutator(kSeed, &corpus);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kMutatedInputs; ++i) {
    const std::string input = mutator.Next();
    // Only a failure's input is worth the cost of a message.
    try {
      Run(input);
    } catch (const std::exception& e) {
      FAIL("input " << i << " threw " << e.what() << "; bytes: " << input);
    } catch (...) {
      FAIL("input " << i << " threw a non-std exception; bytes: " << input);
    }
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  std::printf("request fuzz: %d mutated inputs in %.1f s\n", kMutatedInputs,
              std::chrono::duration<double>(elapsed).count());
  CHECK(elapsed < kTimeBudget);
}

}  // namespace
}  // namespace sei::controlplane

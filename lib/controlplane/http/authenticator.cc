#include "lib/controlplane/http/authenticator.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {
namespace {

// Equal-length inputs compare in constant time; a length mismatch leaks
// only the length, which for random tokens of a fixed size is public.
bool TokensEqual(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

TokenAuthenticator::TokenAuthenticator(std::vector<StaticToken> tokens) {
  for (auto& token : tokens) {
    if (!token.token.empty()) tokens_.push_back(std::move(token));
  }
}

TokenAuthenticator::Outcome TokenAuthenticator::Authenticate(const HttpRequest& request) const {
  Outcome outcome;
  const std::string value = request.Header("authorization");  // owns what `header` views
  absl::string_view header = absl::StripAsciiWhitespace(value);
  constexpr absl::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() ||
      !absl::EqualsIgnoreCase(header.substr(0, kScheme.size()), kScheme) ||
      !absl::ascii_isspace(static_cast<unsigned char>(header[kScheme.size()]))) {
    return outcome;
  }
  const absl::string_view token = absl::StripAsciiWhitespace(header.substr(kScheme.size()));
  if (token.empty()) return outcome;
  outcome.result = Result::kRejected;
  for (const StaticToken& candidate : tokens_) {
    // No early exit: every candidate is compared.
    if (TokensEqual(candidate.token, token) && outcome.identity == nullptr) {
      outcome.identity = &candidate;
      outcome.result = Result::kAuthenticated;
    }
  }
  return outcome;
}

std::string RandomToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return "";
  std::string token = absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  OPENSSL_cleanse(bytes, sizeof bytes);
  return token;
}

}  // namespace sei::controlplane

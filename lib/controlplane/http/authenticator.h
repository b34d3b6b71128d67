// Bearer-token authentication against a static token list, like
// kube-apiserver's --token-auth-file. Shared by the API listener and the
// sidecar proxy (which plays kube-rbac-proxy).
#ifndef SEI_LIB_CONTROLPLANE_HTTP_AUTHENTICATOR_H_
#define SEI_LIB_CONTROLPLANE_HTTP_AUTHENTICATOR_H_

#include <string>
#include <vector>

#include "lib/controlplane/http/http_message.h"

namespace sei::controlplane {

struct StaticToken {
  std::string token;
  std::string user;  // e.g. "admin"
  std::vector<std::string> groups;
};

class TokenAuthenticator {
 public:
  enum class Result {
    kAnonymous,      // no bearer token at all
    kAuthenticated,  // a known token
    kRejected,       // a bearer token that is not in the list
  };
  struct Outcome {
    Result result = Result::kAnonymous;
    const StaticToken* identity = nullptr;  // set when kAuthenticated
  };

  // Tokens that are empty are ignored.
  explicit TokenAuthenticator(std::vector<StaticToken> tokens);

  // Reads `Authorization: Bearer <token>` (scheme case-insensitive). Other
  // schemes and an empty token count as no credentials, as in the
  // apiserver. Comparison takes the same time for every candidate token.
  Outcome Authenticate(const HttpRequest& request) const;

 private:
  std::vector<StaticToken> tokens_;
};

// A random token: 32 bytes from the OS CSPRNG, URL-safe base64 without
// padding (43 characters). Falls back to nothing: an empty string means the
// OS refused randomness, and callers must fail.
std::string RandomToken();

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_AUTHENTICATOR_H_

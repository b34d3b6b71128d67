#include "lib/k8s/kubeconfig.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "lib/k8s/config_sources.h"
#include "lib/k8s/in_cluster.h"
#include "lib/k8s/test_files.h"

namespace sei::k8s {
namespace {

using testing::FreshDirectory;
using testing::WriteFile;

constexpr char kCa[] = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
constexpr char kCert[] = "-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n";
constexpr char kKey[] = "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n";

// A kubeconfig with two contexts: "token-ctx" (inline CA, token) and
// "cert-ctx" (CA file, client certificate and key as data).
std::string TwoContexts() {
  return "apiVersion: v1\n"
         "kind: Config\n"
         "current-context: token-ctx\n"
         "clusters:\n"
         "- name: inline\n"
         "  cluster:\n"
         "    server: https://10.0.0.1:6443/\n"
         "    certificate-authority-data: " +
         absl::Base64Escape(kCa) +
         "\n"
         "- name: from-file\n"
         "  cluster:\n"
         "    server: https://kube.example:443\n"
         "    certificate-authority: pki/ca.crt\n"
         "users:\n"
         "- name: token-user\n"
         "  user:\n"
         "    token: s3cret\n"
         "- name: cert-user\n"
         "  user:\n"
         "    client-certificate-data: " +
         absl::Base64Escape(kCert) +
         "\n"
         "    client-key-data: " +
         absl::Base64Escape(kKey) +
         "\n"
         "contexts:\n"
         "- name: token-ctx\n"
         "  context: {cluster: inline, user: token-user, namespace: sei}\n"
         "- name: cert-ctx\n"
         "  context: {cluster: from-file, user: cert-user}\n";
}

TEST_CASE("kubeconfig: the current context with an inline CA and a token", "[kubeconfig]") {
  auto loaded = ParseKubeconfig(TwoContexts(), "/nowhere");
  REQUIRE(loaded.ok());
  CHECK(loaded->context == "token-ctx");
  CHECK(loaded->ns == "sei");
  CHECK(loaded->config.server == "https://10.0.0.1:6443");  // trailing slash dropped
  CHECK(loaded->config.ca_pem == kCa);
  CHECK(loaded->config.bearer_token == "s3cret");
  CHECK(loaded->config.token_file.empty());
  CHECK_FALSE(loaded->config.insecure_skip_tls_verify);
}

TEST_CASE("kubeconfig: an explicit context, a CA file relative to the kubeconfig, client cert data",
          "[kubeconfig]") {
  std::string dir = FreshDirectory();
  mkdir((dir + "/pki").c_str(), 0700);
  WriteFile(dir + "/pki/ca.crt", kCa);
  auto loaded = ParseKubeconfig(TwoContexts(), dir, "cert-ctx");
  REQUIRE(loaded.ok());
  CHECK(loaded->ns == "default");
  CHECK(loaded->config.server == "https://kube.example:443");
  CHECK(loaded->config.ca_pem == kCa);
  CHECK(loaded->config.client_certificate_pem == kCert);
  CHECK(loaded->config.client_key_pem == kKey);
  CHECK(loaded->config.bearer_token.empty());
}

TEST_CASE("kubeconfig: client certificate and key files, token file, insecure", "[kubeconfig]") {
  std::string dir = FreshDirectory();
  WriteFile(dir + "/client.crt", kCert);
  WriteFile(dir + "/client.key", kKey);
  std::string text =
      "current-context: c\n"
      "clusters: [{name: k, cluster: {server: 'https://127.0.0.1:1', "
      "insecure-skip-tls-verify: true}}]\n"
      "users: [{name: u, user: {client-certificate: client.crt, client-key: " +
      dir +
      "/client.key, tokenFile: token}}]\n"
      "contexts: [{name: c, context: {cluster: k, user: u}}]\n";
  auto loaded = ParseKubeconfig(text, dir);
  REQUIRE(loaded.ok());
  CHECK(loaded->config.insecure_skip_tls_verify);
  CHECK(loaded->config.ca_pem.empty());
  CHECK(loaded->config.client_certificate_pem == kCert);
  CHECK(loaded->config.client_key_pem == kKey);
  CHECK(loaded->config.token_file == dir + "/token");  // resolved, read later
}

TEST_CASE("kubeconfig: a context without a user is anonymous", "[kubeconfig]") {
  auto loaded = ParseKubeconfig(
      "current-context: c\nclusters: [{name: k, cluster: {server: 'http://127.0.0.1:8080'}}]\n"
      "contexts: [{name: c, context: {cluster: k}}]\n",
      "");
  REQUIRE(loaded.ok());
  CHECK(loaded->config.bearer_token.empty());
  CHECK(loaded->config.client_certificate_pem.empty());
}

// The error for `text`, which must name `expected`.
void ExpectError(const std::string& text, const std::string& expected,
                 const std::string& context = "") {
  auto loaded = ParseKubeconfig(text, "/nowhere", context);
  INFO(text);
  REQUIRE_FALSE(loaded.ok());
  CHECK(absl::IsInvalidArgument(loaded.status()));
  CHECK_THAT(std::string(loaded.status().message()), Catch::Contains(expected));
}

TEST_CASE("kubeconfig: errors name the missing piece", "[kubeconfig]") {
  const std::string cluster = "clusters: [{name: k, cluster: {server: 'https://h:1'}}]\n";
  const std::string context = "contexts: [{name: c, context: {cluster: k, user: u}}]\n";
  ExpectError(cluster + context, "current-context is not set");
  ExpectError("current-context: c\n" + cluster + context, "no user named \"u\"");
  ExpectError(TwoContexts(), "no context named \"nope\"", "nope");
  ExpectError("current-context: c\n" + context + "users: [{name: u, user: {token: t}}]\n",
              "no cluster named \"k\"");
  ExpectError("current-context: c\nclusters: [{name: k, cluster: {}}]\n" + context +
                  "users: [{name: u, user: {token: t}}]\n",
              "cluster \"k\" has no server");
  ExpectError("current-context: c\ncontexts: [{name: c, context: {user: u}}]\n",
              "context \"c\" names no cluster");
  ExpectError("current-context: c\n" + cluster + context +
                  "users: [{name: u, user: {client-certificate-data: " + absl::Base64Escape(kCert) +
                  "}}]\n",
              "client certificate without its key");
  ExpectError("current-context: c\n" + cluster + context +
                  "users: [{name: u, user: {client-key-data: a2V5, client-key: k.pem}}]\n",
              "\"client-key-data\" and \"client-key\" are both set");
  ExpectError("current-context: c\n" + cluster + context +
                  "users: [{name: u, user: {client-key-data: '%%%', "
                  "client-certificate-data: '%%%'}}]\n",
              "not valid base64");
  ExpectError("current-context: c\n" + cluster + context +
                  "users: [{name: u, user: {exec: {command: aws}}}]\n",
              "\"exec\", which this client does not support");
  ExpectError(
      "current-context: c\nclusters: [{name: k, cluster: {server: 'https://h:1', "
      "certificate-authority: missing.crt}}]\n" +
          context + "users: [{name: u, user: {token: t}}]\n",
      "/nowhere/missing.crt");
  ExpectError(
      "current-context: c\nclusters: [{name: k, cluster: {server: 'https://h:1', "
      "certificate-authority-data: Q0E=, insecure-skip-tls-verify: true}}]\n" +
          context + "users: [{name: u, user: {token: t}}]\n",
      "both a certificate authority and insecure-skip-tls-verify");
  ExpectError("clusters: {k: 1}\n", "\"clusters\" must be a list");
  ExpectError("a: [\n", "YAML parse error");
  ExpectError("- 1\n", "not a mapping");
}

TEST_CASE("kubeconfig: a $KUBECONFIG list merges first-wins and skips missing files",
          "[kubeconfig]") {
  std::string dir = FreshDirectory();
  WriteFile(dir + "/a", "clusters: [{name: k, cluster: {server: 'https://first:1'}}]\n");
  WriteFile(dir + "/b",
            "current-context: c\n"
            "clusters: [{name: k, cluster: {server: 'https://second:1'}}]\n"
            "users: [{name: u, user: {token: from-b}}]\n"
            "contexts: [{name: c, context: {cluster: k, user: u}}]\n");
  auto loaded = LoadKubeconfigFiles({dir + "/missing", dir + "/a", dir + "/b"});
  REQUIRE(loaded.ok());
  CHECK(loaded->config.server == "https://first:1");
  CHECK(loaded->config.bearer_token == "from-b");

  auto none = LoadKubeconfigFiles({dir + "/missing"});
  CHECK(absl::IsNotFound(none.status()));
}

// --- in-cluster -------------------------------------------------------------

EnvLookup FakeEnv(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST_CASE("in-cluster: service host and port, token file, CA", "[in_cluster]") {
  std::string dir = FreshDirectory();
  WriteFile(dir + "/token", "tok\n");
  WriteFile(dir + "/ca.crt", kCa);
  InClusterOptions options{
      dir + "/token", dir + "/ca.crt",
      FakeEnv({{"KUBERNETES_SERVICE_HOST", "10.96.0.1"}, {"KUBERNETES_SERVICE_PORT", "443"}})};
  auto config = InClusterConfig(options);
  REQUIRE(config.ok());
  CHECK(config->server == "https://10.96.0.1:443");
  CHECK(config->token_file == dir + "/token");
  CHECK(config->bearer_token.empty());
  CHECK(config->ca_pem == kCa);

  options.env =
      FakeEnv({{"KUBERNETES_SERVICE_HOST", "fd00::1"}, {"KUBERNETES_SERVICE_PORT", "6443"}});
  config = InClusterConfig(options);
  REQUIRE(config.ok());
  CHECK(config->server == "https://[fd00::1]:6443");
}

TEST_CASE("in-cluster: failures", "[in_cluster]") {
  std::string dir = FreshDirectory();
  InClusterOptions options{dir + "/token", dir + "/ca.crt",
                           FakeEnv({{"KUBERNETES_SERVICE_HOST", "10.96.0.1"}})};
  auto config = InClusterConfig(options);
  CHECK(absl::IsFailedPrecondition(config.status()));

  options.env = FakeEnv({{"KUBERNETES_SERVICE_HOST", "h"}, {"KUBERNETES_SERVICE_PORT", "1"}});
  config = InClusterConfig(options);
  CHECK(absl::IsNotFound(config.status()));
  CHECK_THAT(std::string(config.status().message()), Catch::Contains("token"));

  WriteFile(dir + "/token", "tok");
  config = InClusterConfig(options);
  CHECK(absl::IsNotFound(config.status()));
  CHECK_THAT(std::string(config.status().message()), Catch::Contains("CA bundle"));
}

// --- precedence ---------------------------------------------------------------

std::string SingleContext(const std::string& server) {
  return "current-context: c\nclusters: [{name: k, cluster: {server: '" + server +
         "'}}]\nusers: [{name: u, user: {token: t}}]\n"
         "contexts: [{name: c, context: {cluster: k, user: u}}]\n";
}

TEST_CASE("config sources: flag, then $KUBECONFIG, then in-cluster, then ~/.kube/config",
          "[config_sources]") {
  std::string dir = FreshDirectory();
  mkdir((dir + "/home").c_str(), 0700);
  mkdir((dir + "/home/.kube").c_str(), 0700);
  WriteFile(dir + "/flag", SingleContext("https://flag:1"));
  WriteFile(dir + "/env", SingleContext("https://env:1"));
  WriteFile(dir + "/home/.kube/config", SingleContext("https://home:1"));
  WriteFile(dir + "/token", "tok");
  WriteFile(dir + "/ca.crt", kCa);
  std::map<std::string, std::string> env = {{"KUBECONFIG", dir + "/env"},
                                            {"HOME", dir + "/home"},
                                            {"KUBERNETES_SERVICE_HOST", "pod"},
                                            {"KUBERNETES_SERVICE_PORT", "443"}};
  ConfigSourceOptions options;
  options.token_path = dir + "/token";
  options.ca_path = dir + "/ca.crt";
  options.kubeconfig_path = dir + "/flag";
  options.env = FakeEnv(env);
  auto resolved = ResolveClusterConfig(options);
  REQUIRE(resolved.ok());
  CHECK(resolved->config.server == "https://flag:1");

  options.kubeconfig_path.clear();
  resolved = ResolveClusterConfig(options);
  REQUIRE(resolved.ok());
  CHECK(resolved->config.server == "https://env:1");

  env.erase("KUBECONFIG");
  options.env = FakeEnv(env);
  resolved = ResolveClusterConfig(options);
  REQUIRE(resolved.ok());
  CHECK(resolved->config.server == "https://pod:443");
  CHECK(resolved->source == "in-cluster service account");

  env.erase("KUBERNETES_SERVICE_HOST");
  options.env = FakeEnv(env);
  resolved = ResolveClusterConfig(options);
  REQUIRE(resolved.ok());
  CHECK(resolved->config.server == "https://home:1");

  env.erase("HOME");
  options.env = FakeEnv(env);
  CHECK(absl::IsNotFound(ResolveClusterConfig(options).status()));
}

TEST_CASE("config sources: a broken or missing named kubeconfig is an error, not a fallback",
          "[config_sources]") {
  std::string dir = FreshDirectory();
  WriteFile(dir + "/broken", "current-context: nope\n");
  ConfigSourceOptions options;
  options.env = FakeEnv({{"HOME", dir}});
  options.kubeconfig_path = dir + "/broken";
  CHECK(absl::IsInvalidArgument(ResolveClusterConfig(options).status()));
  options.kubeconfig_path = dir + "/absent";
  CHECK(absl::IsNotFound(ResolveClusterConfig(options).status()));
  options.kubeconfig_path.clear();
  options.env = FakeEnv({{"KUBECONFIG", dir + "/broken"}});
  CHECK(absl::IsInvalidArgument(ResolveClusterConfig(options).status()));
}

TEST_CASE("cluster config validation names the offending field", "[cluster_config]") {
  ClusterConfig config;
  config.server = "https://h:1";
  CHECK(ValidateClusterConfig(config).ok());
  config.server = "h:1";
  CHECK_THAT(std::string(ValidateClusterConfig(config).message()), Catch::Contains("https://"));
  config.server = "https://";
  CHECK_THAT(std::string(ValidateClusterConfig(config).message()), Catch::Contains("no host"));
  config.server = "https://h";
  config.client_key_pem = kKey;
  CHECK_THAT(std::string(ValidateClusterConfig(config).message()), Catch::Contains("certificate"));
  config.client_key_pem.clear();
  config.bearer_token = "a";
  config.token_file = "/b";
  CHECK_THAT(std::string(ValidateClusterConfig(config).message()), Catch::Contains("token file"));
  config.token_file.clear();
  config.burst = 0;
  CHECK_THAT(std::string(ValidateClusterConfig(config).message()), Catch::Contains("burst"));
  config.burst = 1;
  config.timeout = absl::ZeroDuration();
  CHECK_THAT(std::string(ValidateClusterConfig(config).message()), Catch::Contains("timeout"));
  CHECK(absl::StartsWith(DefaultUserAgent("1.2.3"), "sei-operator/1.2.3 (linux/"));
}

}  // namespace
}  // namespace sei::k8s

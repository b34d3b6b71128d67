#include "lib/tasks/render/secret_guards.h"

#include <catch2/catch.hpp>

#include "lib/tasks/render/test_nodes.h"

namespace sei::tasks::render {
namespace {

using testing::FullNode;
using testing::KeyringValidator;

k8s::Object PodWithSeid(k8s::Object seid) {
  seid["name"] = "seid";
  return {
      {"initContainers",
       k8s::Object::array(
           {{{"name", "sei-sidecar"},
             {"volumeMounts", k8s::Object::array({{{"name", "operator-keyring"}}})},
             {"env",
              k8s::Object::array(
                  {{{"name", "SEI_KEYRING_PASSPHRASE"},
                    {"valueFrom", {{"secretKeyRef", {{"name", "pass"}, {"key", "pw"}}}}}}})}}})},
      {"containers", k8s::Object::array({seid})}};
}

TEST_CASE("Keyring containment allows the keyring and passphrase in the sidecar only") {
  CHECK(CheckKeyringContainment(KeyringValidator(), "val-0-0", PodWithSeid({})).ok());
}

TEST_CASE("Keyring containment rejects another container mounting the keyring volume") {
  k8s::Object seid = {{"volumeMounts", k8s::Object::array({{{"name", "operator-keyring"}}})}};
  absl::Status status = CheckKeyringContainment(KeyringValidator(), "val-0-0", PodWithSeid(seid));
  CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(status.message() ==
        "keyring containment violated in pod chain/val-0-0: container \"seid\" mounts volume "
        "\"operator-keyring\" (volumeMounts[operator-keyring])");
}

TEST_CASE("Keyring containment rejects the passphrase in env and envFrom, listing both") {
  k8s::Object seid = {
      {"env", k8s::Object::array(
                  {{{"name", "PW"},
                    {"valueFrom", {{"secretKeyRef", {{"name", "pass"}, {"key", "pw"}}}}}}})},
      {"envFrom", k8s::Object::array(
                      {{{"configMapRef", {{"name", "x"}}}}, {{"secretRef", {{"name", "pass"}}}}})}};
  absl::Status status = CheckKeyringContainment(KeyringValidator(), "val-0-0", PodWithSeid(seid));
  CHECK(status.message() ==
        "keyring containment violated in pod chain/val-0-0: container \"seid\" references Secret "
        "\"pass\" (env[PW].valueFrom.secretKeyRef); container \"seid\" references Secret \"pass\" "
        "(envFrom[1].secretRef)");
}

TEST_CASE("Keyring containment only applies with an operator keyring Secret") {
  k8s::Object seid = {{"volumeMounts", k8s::Object::array({{{"name", "operator-keyring"}}})}};
  CHECK(CheckKeyringContainment(FullNode(), "rpc-1-0", PodWithSeid(seid)).ok());
}

TEST_CASE("Bootstrap isolation rejects a volume of the signing key Secret") {
  k8s::Object pod = {
      {"volumes", k8s::Object::array({{{"name", "keys"}, {"secret", {{"secretName", "sign"}}}}})}};
  absl::Status status = CheckBootstrapSecretIsolation(KeyringValidator(), "val-0-bootstrap", pod);
  CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(status.message() ==
        "bootstrap pod chain/val-0-bootstrap must not reference Secret \"sign\" (volumes[keys])");
}

TEST_CASE("Bootstrap isolation rejects keyring and passphrase references in containers") {
  k8s::Object pod = {
      {"containers",
       k8s::Object::array(
           {{{"name", "seid"},
             {"envFrom", k8s::Object::array({{{"secretRef", {{"name", "keyring"}}}}})},
             {"env",
              k8s::Object::array(
                  {{{"name", "PW"},
                    {"valueFrom", {{"secretKeyRef", {{"name", "pass"}, {"key", "pw"}}}}}}})}}})}};
  absl::Status status = CheckBootstrapSecretIsolation(KeyringValidator(), "val-0-bootstrap", pod);
  CHECK(status.message() ==
        "bootstrap pod chain/val-0-bootstrap must not reference Secret \"pass\" (container "
        "\"seid\" env[PW].valueFrom.secretKeyRef); Secret \"keyring\" (container \"seid\" "
        "envFrom[0].secretRef)");
}

TEST_CASE("Bootstrap isolation does not forbid the node key") {
  k8s::Object pod = {
      {"volumes", k8s::Object::array({{{"name", "nk"}, {"secret", {{"secretName", "p2p"}}}}})}};
  CHECK(CheckBootstrapSecretIsolation(KeyringValidator(), "val-0-bootstrap", pod).ok());
}

}  // namespace
}  // namespace sei::tasks::render

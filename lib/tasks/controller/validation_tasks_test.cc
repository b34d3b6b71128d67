// validate-signing-key, validate-node-key, validate-operator-keyring
// (tasks.md §3.2-§3.4): every check, its class and its condition.
#include <catch2/catch.hpp>

#include "lib/k8s/api_error.h"
#include "lib/planner/core/conditions.h"
#include "lib/tasks/controller/test_support.h"

namespace sei::tasks {
namespace {

using testing::MustMake;
using testing::Secret;
using testing::TaskFixture;
using Kind = ExecuteResult::Kind;

const v1alpha1::Condition& Cond(const v1alpha1::SeiNode& node, absl::string_view type) {
  const v1alpha1::Condition* c = planner::FindCondition(node.status().conditions(), type);
  REQUIRE(c != nullptr);
  return *c;
}

const char kSigningKey[] =
    R"({"address":"A1","pub_key":{"type":"tendermint/PubKeyEd25519","value":"cHVi"},)"
    R"("priv_key":{"type":"tendermint/PrivKeyEd25519","value":"cHJpdg=="}})";

TEST_CASE("validate-signing-key accepts a well-shaped Secret and says so in SigningKeyReady") {
  TaskFixture f;
  f.kube().Seed(k8s::resources::kSecret, Secret("sk", {{"priv_validator_key.json", kSigningKey}}));
  auto task = MustMake("validate-signing-key", R"({"secretName":"sk","namespace":"default"})");
  TaskContext ctx = f.Context();
  ExecuteResult r = task->Execute(ctx);
  CHECK(r.kind == Kind::kDone);
  const auto& c = Cond(f.node(), "SigningKeyReady");
  CHECK(c.status() == "True");
  CHECK(c.reason() == "SigningKeyValidated");
  CHECK(c.message() == "Secret \"sk\" passes all signing-key validation rules");
  CHECK(c.observed_generation() == 4);
  CHECK(task->Status(ctx, &r).kind == StatusResult::Kind::kComplete);
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("validate-signing-key waits while the Secret is missing, unreadable or deleting") {
  TaskFixture f;
  auto task = MustMake("validate-signing-key", R"({"SECRETNAME":"sk"})");  // case-insensitive
  TaskContext ctx = f.Context();

  ExecuteResult missing = task->Execute(ctx);
  CHECK(missing.kind == Kind::kWaiting);
  CHECK(missing.message == "Secret \"sk\" not found in namespace \"default\"");
  CHECK(Cond(f.node(), "SigningKeyReady").reason() == "SigningKeyNotReady");
  CHECK(task->Status(ctx, &missing).kind == StatusResult::Kind::kRunning);

  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kSecret,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "etcd down"));
  ExecuteResult error = task->Execute(ctx);
  CHECK(error.kind == Kind::kWaiting);
  CHECK(error.message == "reading Secret \"sk\": etcd down");

  k8s::Object held = Secret("sk", {{"priv_validator_key.json", kSigningKey}});
  held["metadata"]["finalizers"] = {"test/hold"};
  f.kube().Seed(k8s::resources::kSecret, held);
  REQUIRE(f.kube().Delete(k8s::resources::kSecret, "default", "sk", k8s::DeleteOptions()).ok());
  ExecuteResult deleting = task->Execute(ctx);
  CHECK(deleting.kind == Kind::kWaiting);
  CHECK(deleting.message == "Secret \"sk\" is being deleted");
}

TEST_CASE("validate-signing-key rejects malformed Secrets terminally") {
  struct Case {
    const char* name;
    const char* params;
    k8s::Object data;
    const char* message;
  };
  const Case cases[] = {
      {"empty secretName", R"({"secretName":""})", k8s::Object::object(),
       "validate-signing-key: secretName is empty"},
      {"missing key",
       R"({"secretName":"sk"})",
       {{"other", "x"}},
       "Secret \"sk\" data key \"priv_validator_key.json\" is missing or empty"},
      {"empty value",
       R"({"secretName":"sk"})",
       {{"priv_validator_key.json", ""}},
       "Secret \"sk\" data key \"priv_validator_key.json\" is missing or empty"},
      {"not JSON",
       R"({"secretName":"sk"})",
       {{"priv_validator_key.json", "{nope"}},
       "Secret \"sk\" data key \"priv_validator_key.json\" is not a JSON object"},
      {"JSON array",
       R"({"secretName":"sk"})",
       {{"priv_validator_key.json", "[1]"}},
       "Secret \"sk\" data key \"priv_validator_key.json\" is not a JSON object"},
      {"empty nested field",
       R"({"secretName":"sk"})",
       {{"priv_validator_key.json",
         R"({"address":"A","pub_key":{"type":"t","value":""},"priv_key":{"type":"t","value":"v"}})"}},
       "Secret \"sk\" data key \"priv_validator_key.json\" has no non-empty string field "
       "\"pub_key.value\""},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      TaskFixture f;
      f.kube().Seed(k8s::resources::kSecret, Secret("sk", c.data));
      auto task = MustMake("validate-signing-key", c.params);
      TaskContext ctx = f.Context();
      ExecuteResult r = task->Execute(ctx);
      CHECK(r.kind == Kind::kTerminalError);
      CHECK(r.message == c.message);
      const auto& cond = Cond(f.node(), "SigningKeyReady");
      CHECK(cond.status() == "False");
      CHECK(cond.reason() == "SigningKeyInvalid");
      CHECK(cond.message() == c.message);
    }
  }
}

TEST_CASE("validate-node-key needs only priv_key and reports NodeKeyReady") {
  TaskFixture f;
  f.kube().Seed(k8s::resources::kSecret,
                Secret("nk", {{"node_key.json", R"({"priv_key":{"type":"t","value":"v"}})"}}));
  f.kube().Seed(k8s::resources::kSecret,
                Secret("bad", {{"node_key.json", R"({"priv_key":{"type":"t"}})"}}));
  TaskContext ctx = f.Context();
  ExecuteResult ok = MustMake("validate-node-key", R"({"secretName":"nk"})")->Execute(ctx);
  CHECK(ok.kind == Kind::kDone);
  CHECK(Cond(f.node(), "NodeKeyReady").reason() == "NodeKeyValidated");
  CHECK(Cond(f.node(), "NodeKeyReady").message() ==
        "Secret \"nk\" passes all node-key validation rules");
  ExecuteResult bad = MustMake("validate-node-key", R"({"secretName":"bad"})")->Execute(ctx);
  CHECK(bad.kind == Kind::kTerminalError);
  CHECK(Cond(f.node(), "NodeKeyReady").reason() == "NodeKeyInvalid");
  ExecuteResult missing = MustMake("validate-node-key", R"({"secretName":"gone"})")->Execute(ctx);
  CHECK(missing.kind == Kind::kWaiting);
  CHECK(Cond(f.node(), "NodeKeyReady").reason() == "NodeKeyNotReady");
}

TEST_CASE("validate-* without an owning SeiNode fail terminally") {
  TaskFixture f;
  TaskContext ctx = f.TaskOnlyContext();
  for (const char* type :
       {"validate-signing-key", "validate-node-key", "validate-operator-keyring"}) {
    ExecuteResult r = MustMake(type, R"({"secretName":"x"})")->Execute(ctx);
    CHECK(r.kind == Kind::kTerminalError);
    CHECK(r.message == std::string(type) + ": the owning object is not a SeiNode");
  }
}

const char kKeyringParams[] =
    R"({"secretName":"kr","keyName":"node_admin","passphraseSecretName":"pp",)"
    R"("passphraseSecretKey":"passphrase","namespace":"default"})";

TEST_CASE("validate-operator-keyring validates the keyring and its passphrase") {
  TaskFixture f;
  f.kube().Seed(k8s::resources::kSecret,
                Secret("kr", {{"node_admin.info", "blob"}, {"abc.address", "addr"}}));
  f.kube().Seed(k8s::resources::kSecret, Secret("pp", {{"passphrase", "hunter2"}}));
  TaskContext ctx = f.Context();
  ExecuteResult r = MustMake("validate-operator-keyring", kKeyringParams)->Execute(ctx);
  CHECK(r.kind == Kind::kDone);
  const auto& c = Cond(f.node(), "OperatorKeyringReady");
  CHECK(c.status() == "True");
  CHECK(c.reason() == "OperatorKeyringValidated");
}

TEST_CASE("validate-operator-keyring checks, in order") {
  struct Case {
    const char* name;
    const char* params;
    k8s::Object keyring;     // null: no keyring Secret
    k8s::Object passphrase;  // null: no passphrase Secret
    Kind kind;
    const char* message;
  };
  const k8s::Object good = {{"node_admin.info", "blob"}, {"abc.address", "addr"}};
  const k8s::Object pass = {{"passphrase", "hunter2"}};
  const Case cases[] = {
      {"empty passphrase key param",
       R"({"secretName":"kr","passphraseSecretName":"pp","passphraseSecretKey":""})", good, pass,
       Kind::kTerminalError, "validate-operator-keyring: passphraseSecretKey is empty"},
      {"keyring missing", kKeyringParams, nullptr, pass, Kind::kWaiting,
       "Secret \"kr\" not found in namespace \"default\""},
      {"empty info entry",
       kKeyringParams,
       {{"node_admin.info", "blob"}, {"other.info", ""}, {"abc.address", "a"}},
       pass,
       Kind::kTerminalError,
       "Secret \"kr\" keyring entry \"other.info\" is empty"},
      {"no info entry",
       kKeyringParams,
       {{"abc.address", "a"}},
       pass,
       Kind::kTerminalError,
       "Secret \"kr\" has no *.info keyring entry"},
      {"no address entry",
       kKeyringParams,
       {{"node_admin.info", "blob"}},
       pass,
       Kind::kTerminalError,
       "Secret \"kr\" has no *.address keyring entry"},
      {"named key absent",
       kKeyringParams,
       {{"other.info", "blob"}, {"abc.address", "a"}},
       pass,
       Kind::kTerminalError,
       "Secret \"kr\" has no entry for key \"node_admin\" (node_admin.info)"},
      {"passphrase Secret missing", kKeyringParams, good, nullptr, Kind::kWaiting,
       "Secret \"pp\" not found in namespace \"default\""},
      {"passphrase key empty",
       kKeyringParams,
       good,
       {{"passphrase", ""}},
       Kind::kTerminalError,
       "passphrase Secret \"pp\" data key \"passphrase\" is missing or empty"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      TaskFixture f;
      if (!c.keyring.is_null()) f.kube().Seed(k8s::resources::kSecret, Secret("kr", c.keyring));
      if (!c.passphrase.is_null()) {
        f.kube().Seed(k8s::resources::kSecret, Secret("pp", c.passphrase));
      }
      TaskContext ctx = f.Context();
      ExecuteResult r = MustMake("validate-operator-keyring", c.params)->Execute(ctx);
      CHECK(r.kind == c.kind);
      CHECK(r.message == c.message);
      CHECK(Cond(f.node(), "OperatorKeyringReady").reason() ==
            (c.kind == Kind::kWaiting ? "OperatorKeyringNotReady" : "OperatorKeyringInvalid"));
    }
  }
}

TEST_CASE("an empty keyName requires no particular key") {
  TaskFixture f;
  f.kube().Seed(k8s::resources::kSecret,
                Secret("kr", {{"other.info", "blob"}, {"abc.address", "addr"}}));
  f.kube().Seed(k8s::resources::kSecret, Secret("pp", {{"passphrase", "x"}}));
  TaskContext ctx = f.Context();
  ExecuteResult r = MustMake("validate-operator-keyring",
                             R"({"secretName":"kr","keyName":"","passphraseSecretName":"pp",)"
                             R"("passphraseSecretKey":"passphrase"})")
                        ->Execute(ctx);
  CHECK(r.kind == Kind::kDone);
}

}  // namespace
}  // namespace sei::tasks

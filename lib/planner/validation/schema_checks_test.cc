#include "lib/planner/validation/schema_checks.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/planner/validation/test_matchers.h"

namespace sei::planner::schema {
namespace {

TEST_CASE("Fixed patterns", "[schema]") {
  for (const char* s : {"a", "0", "pacific-1", "a-b-c", "x9"}) {
    INFO(s);
    CHECK(IsDnsLabel(s));
    CHECK(IsDnsSubdomain(s));
  }
  for (const char* s : {"", "-a", "a-", "A", "a_b", "a.b", "a b", "é"}) {
    INFO(s);
    CHECK_FALSE(IsDnsLabel(s));
  }
  CHECK(IsDnsSubdomain("a.b-c.d"));
  for (const char* s : {"", ".a", "a.", "a..b", "A.b", "a.-b"}) {
    INFO(s);
    CHECK_FALSE(IsDnsSubdomain(s));
  }
  for (const char* s : {"node_admin", "Key-1", "_", "-"}) CHECK(IsKeyName(s));
  for (const char* s : {"", "a b", "a.b", "a/b"}) CHECK_FALSE(IsKeyName(s));
}

TEST_CASE("QuoteValue quotes like Go's %q", "[schema]") {
  CHECK(QuoteValue("Foo") == "\"Foo\"");
  CHECK(QuoteValue("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(QuoteValue("a\nb\t\x01") == "\"a\\nb\\t\\x01\"");
  CHECK(QuoteValue("") == "\"\"");
}

TEST_CASE("Paths use the wire spelling", "[schema]") {
  CHECK(Child("", "spec") == "spec");
  CHECK(Child(Index("spec.peers", 1), "ec2Tags") == "spec.peers[1].ec2Tags");
  CHECK(Key("spec.sidecar.resources.limits", "cpu") == "spec.sidecar.resources.limits[cpu]");
}

TEST_CASE("CheckString applies required, maxLength and pattern", "[schema]") {
  FieldViolations out;
  CheckString(&out, "p", "", kDnsLabelName);
  CheckString(&out, "p", "ok", kDnsLabelName);
  CheckString(&out, "p", std::string(254, 'A'), kDnsLabelName);
  CheckString(&out, "q", "", PlainString(false, 3));                          // optional: absent
  CheckString(&out, "q", "\xC3\xA9\xC3\xA9\xC3\xA9", PlainString(false, 3));  // 3 characters
  CHECK(out == FieldViolations{
                   {"p", "Required value"},
                   {"p", "Too long: may not be more than 253 bytes"},
                   {"p", "Invalid value: \"" + std::string(254, 'A') +
                             "\": should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"},
               });
}

TEST_CASE("CheckEnum, CheckMinimum, CheckRule", "[schema]") {
  FieldViolations out;
  CheckEnum(&out, "e", "b", {"a", "b"}, true);
  CheckEnum(&out, "e", "", {"a"}, false);
  CheckEnum(&out, "e", "", {"a"}, true);
  CheckEnum(&out, "e", "c", {"a", "b"}, false);
  CheckMinimum(&out, "m", int64_t{0}, 1);
  CheckMinimum(&out, "m", uint64_t{0}, 1);
  CheckMinimum(&out, "m", uint64_t{18446744073709551615u}, 1);
  CheckMinimum(&out, "m", int32_t{-1}, 0);
  CheckMinimum(&out, "m", int32_t{0}, 0);
  CheckRule(&out, "r", true, "never");
  CheckRule(&out, "r", false, "rule message");
  CHECK(out == FieldViolations{
                   {"e", "Required value"},
                   {"e", "Unsupported value: \"c\": supported values: \"a\", \"b\""},
                   {"m", "Invalid value: 0: should be greater than or equal to 1"},
                   {"m", "Invalid value: 0: should be greater than or equal to 1"},
                   {"m", "Invalid value: -1: should be greater than or equal to 0"},
                   {"r", "rule message"},
               });
}

TEST_CASE("CheckObjectName: subdomain, optional DNS label, generateName", "[schema]") {
  const std::string kSubdomain =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
      "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
      "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  auto check = [](const std::string& name, const std::string& generate_name,
                  absl::string_view reason) {
    v1alpha1::ObjectMeta meta;
    meta.set_name(name);
    meta.set_generate_name(generate_name);
    FieldViolations out;
    CheckObjectName(&out, meta, reason);
    return out;
  };
  CHECK(check("pacific-1.rpc", "", "").empty());
  CHECK(check("", "", "") ==
        FieldViolations{{"metadata.name", "Required value: name or generateName is required"}});
  CHECK(check("Foo", "", "") ==
        FieldViolations{{"metadata.name", "Invalid value: \"Foo\": " + kSubdomain}});
  CHECK(check(std::string(254, 'a'), "", "") ==
        FieldViolations{{"metadata.name", "Invalid value: \"" + std::string(254, 'a') +
                                              "\": must be no more than 253 characters"}});
  // The label rule only when asked, with its reason.
  CHECK(check("a.b", "", "why").size() == 1);
  CHECK(check("a.b", "", "why")[0].message ==
        "Invalid value: \"a.b\": must be a DNS label (at most 63 characters, matching "
        "'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') because why");
  CHECK(check(std::string(63, 'a'), "", "why").empty());
  CHECK(check(std::string(64, 'a'), "", "why").size() == 1);
  // generateName: a trailing dash is fine; 5 characters are appended.
  CHECK(check("", "node-", "why").empty());
  CHECK(check("", std::string(58, 'a'), "why").empty());
  CHECK(check("", std::string(59, 'a'), "why") ==
        FieldViolations{{"metadata.generateName",
                         "Invalid value: \"" + std::string(59, 'a') +
                             "\": must be a DNS label (at most 58 characters, matching "
                             "'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') because why"}});
  CHECK(check("", "Bad-", "").size() == 1);
}

TEST_CASE("Condition type and reason patterns", "[schema]") {
  auto violations_for = [](const std::string& type, const std::string& reason) {
    google::protobuf::RepeatedPtrField<v1alpha1::Condition> conditions;
    v1alpha1::Condition* c = conditions.Add();
    c->set_type(type);
    c->set_status("Unknown");
    c->set_reason(reason);
    c->mutable_last_transition_time();
    FieldViolations out;
    CheckConditions(&out, "c", conditions);
    return out.size();
  };
  for (const char* type : {"Ready", "R", "sei.io/Ready", "a-b.c/Node_Key.Ready", "9x"}) {
    INFO(type);
    CHECK(violations_for(type, "Ok") == 0);
  }
  for (const std::string& type :
       std::vector<std::string>{"-Ready", "Ready-", "a/b/c", "/Ready", "Sei.io/Ready", "Re ady",
                                std::string(317, 'a')}) {
    INFO(type);
    CHECK(violations_for(type, "Ok") >= 1);
  }
  for (const char* reason : {"A", "PhaseMet", "a_b,c:d_", "X9"}) {
    INFO(reason);
    CHECK(violations_for("Ready", reason) == 0);
  }
  for (const char* reason : {"9A", "_A", "A,", "A:", "A-B", "A B"}) {
    INFO(reason);
    CHECK(violations_for("Ready", reason) == 1);
  }
}

TEST_CASE("CheckConditions applies the metav1.Condition schema", "[schema]") {
  google::protobuf::RepeatedPtrField<v1alpha1::Condition> conditions;
  v1alpha1::Condition* ok = conditions.Add();
  ok->set_type("sei.io/Ready");
  ok->set_status("True");
  ok->set_reason("TaskComplete");
  ok->mutable_last_transition_time()->set_seconds(1);
  FieldViolations out;
  CheckConditions(&out, "status.conditions", conditions);
  CHECK(out.empty());

  v1alpha1::Condition* bad = conditions.Add();
  bad->set_type("sei.io/Ready");  // duplicate key
  bad->set_status("Maybe");
  bad->set_observed_generation(-1);
  bad->set_reason("not ok");
  bad->set_message(std::string(32769, 'm'));
  v1alpha1::Condition* empty = conditions.Add();
  empty->mutable_last_transition_time();
  CheckConditions(&out, "status.conditions", conditions);
  CHECK(out ==
        FieldViolations{
            {"status.conditions[1]", "Duplicate value: {\"type\":\"sei.io/Ready\"}"},
            {"status.conditions[1].status",
             "Unsupported value: \"Maybe\": supported values: \"True\", \"False\", \"Unknown\""},
            {"status.conditions[1].observedGeneration",
             "Invalid value: -1: should be greater than or equal to 0"},
            {"status.conditions[1].lastTransitionTime", "Required value"},
            {"status.conditions[1].reason",
             "Invalid value: \"not ok\": should match '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$'"},
            {"status.conditions[1].message", "Too long: may not be more than 32768 bytes"},
            {"status.conditions[2].type", "Required value"},
            {"status.conditions[2].status", "Required value"},
            {"status.conditions[2].reason", "Required value"},
        });
}

}  // namespace
}  // namespace sei::planner::schema

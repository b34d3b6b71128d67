#include "lib/controlplane/core/selectors.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sei::controlplane {
namespace {

using nlohmann::json;

bool SelectorMatches(const std::string& selector, const json& labels) {
  absl::StatusOr<LabelSelector> parsed = LabelSelector::Parse(selector);
  INFO(selector);
  REQUIRE(parsed.ok());
  return parsed->Matches(labels);
}

TEST_CASE("Label selector grammar and matching table", "[label_selector]") {
  const json web = json::parse(R"({"app":"web","tier":"front","env":"prod","n":"5",
                                   "example.com/role":"validator"})");
  struct Row {
    const char* selector;
    bool matches_web;
    bool matches_unlabelled;
  };
  const Row rows[] = {
      {"", true, true},
      {"   ", true, true},
      {"app", true, false},
      {"!app", false, true},
      {"missing", false, false},
      {"!missing", true, true},
      {"app=web", true, false},
      {"app==web", true, false},
      {"app=db", false, false},
      {"app!=web", false, true},
      {"app!=db", true, true},  // != also matches objects without the key
      {"missing!=x", true, true},
      {"app in (web,db)", true, false},
      {"app in (db)", false, false},
      {"app notin (web,db)", false, true},
      {"app notin (db)", true, true},  // notin also matches objects without the key
      {"missing notin (x)", true, true},
      {"app=web,tier=front", true, false},
      {"app=web,tier=back", false, false},
      {"app=web,!missing,env in (prod,staging)", true, false},
      {"  app = web ,  tier  in  ( front , back )  ", true, false},
      {"app\t==\nweb", true, false},
      {"example.com/role=validator", true, false},
      {"example.com/role in (validator,rpc)", true, false},
      {"n>4", true, false},
      {"n>5", false, false},
      {"n<6", true, false},
      {"n<5", false, false},
      {"app>1", false, false},  // a non-integer label never compares
      {"missing<100", false, false},
      {"app=", false, false},  // the empty value
      {"missing=", false, false},
      {"app in (in,notin)", false, false},  // keywords are plain values inside ()
      {"app in (web,)", true, false},
      {"app in ()", false, false},  // "()" is the set {""}
  };
  for (const Row& row : rows) {
    INFO(row.selector);
    CHECK(SelectorMatches(row.selector, web) == row.matches_web);
    CHECK(SelectorMatches(row.selector, json::object()) == row.matches_unlabelled);
    CHECK(SelectorMatches(row.selector, json()) == row.matches_unlabelled);  // labels absent
  }
}

TEST_CASE("Label selector empty values and keyword-named keys", "[label_selector]") {
  const json labels = json::parse(R"({"empty":"","in":"x"})");
  CHECK(SelectorMatches("empty=", labels));
  CHECK(SelectorMatches("empty in ()", labels));
  CHECK(SelectorMatches("empty in (a,)", labels));
  CHECK_FALSE(SelectorMatches("empty!=", labels));
  CHECK(SelectorMatches("in=x", labels));
  CHECK(SelectorMatches("in in (x)", labels));
  CHECK(SelectorMatches("!notin", labels));
}

TEST_CASE("Label selector rejects malformed text, quoting it", "[label_selector]") {
  struct Bad {
    const char* selector;
    const char* reason;  // a fragment of the message
  };
  const Bad bads[] = {
      {",", "found ',', expected: !, identifier, or end of string"},
      {"app=web,", "found end of string, expected: identifier after ','"},
      {"app=web,,tier=a", "found ',', expected: identifier after ','"},
      {"app web", "found 'web', expected: in, notin, =, ==, !=, >, <"},
      {"app=web tier=a", "found 'tier', expected: ',' or end of string"},
      {"!app=web", "found '=', expected: ',' or end of string"},
      {"!", "found end of string, expected: identifier"},
      {"=web", "found '=', expected: !, identifier, or end of string"},
      {"app in web", "found 'web', expected: '('"},
      {"app in (web", "found end of string, expected: ',' or ')'"},
      {"app in (a b)", "found 'b', expected: ',' or ')'"},
      {"app in (=)", "found '=', expected: ',', ')' or identifier"},
      {"app=(web)", "found '(', expected: identifier"},
      {"app===web", "found '=', expected: identifier"},
      {"app>=1", "found '=', expected: identifier"},
      {"app>x", "exactly one integer value is required"},
      {"app<", "exactly one integer value is required"},
      {"app>-1", "invalid label value \"-1\""},
      {"-app=web", "invalid label key \"-app\""},
      {"a/b/c=web", "invalid label key \"a/b/c\""},
      {"Example.com/x", "invalid label key \"Example.com/x\""},
      {"app=-web", "invalid label value \"-web\""},
      {"app in (ok,bad/value)", "invalid label value \"bad/value\""},
      {"app=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
       "must be no more than 63 characters"},
  };
  for (const Bad& bad : bads) {
    INFO(bad.selector);
    absl::StatusOr<LabelSelector> parsed = LabelSelector::Parse(bad.selector);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    const std::string message(parsed.status().message());
    CHECK(message.rfind(std::string("invalid label selector \"") + bad.selector + "\": ", 0) == 0);
    CHECK_THAT(message, Catch::Contains(bad.reason));
  }
}

TEST_CASE("Label selector requirements are exposed normalized", "[label_selector]") {
  absl::StatusOr<LabelSelector> parsed = LabelSelector::Parse("b in (z,y,z),a!=1,c,!d,e>10");
  REQUIRE(parsed.ok());
  const auto& r = parsed->requirements();
  REQUIRE(r.size() == 5);
  CHECK(r[0].key == "b");
  CHECK(r[0].op == LabelSelector::Operator::kIn);
  CHECK(r[0].values == std::vector<std::string>{"y", "z"});
  CHECK(r[1].op == LabelSelector::Operator::kNotIn);
  CHECK(r[1].values == std::vector<std::string>{"1"});
  CHECK(r[2].op == LabelSelector::Operator::kExists);
  CHECK(r[3].op == LabelSelector::Operator::kDoesNotExist);
  CHECK(r[4].op == LabelSelector::Operator::kGreaterThan);
  CHECK(r[4].bound == 10);
  CHECK(LabelSelector().MatchesEverything());
  CHECK_FALSE(parsed->MatchesEverything());
}

TEST_CASE("Label selectors tolerate odd label objects", "[label_selector]") {
  const LabelSelector app_web = *LabelSelector::Parse("app=web");
  const LabelSelector no_app = *LabelSelector::Parse("!app");
  const LabelSelector app_not_web = *LabelSelector::Parse("app!=web");
  // A non-string value is present but equal to nothing; null counts as absent.
  CHECK_FALSE(app_web.Matches(json::parse(R"({"app":5})")));
  CHECK(app_not_web.Matches(json::parse(R"({"app":5})")));
  CHECK_FALSE(no_app.Matches(json::parse(R"({"app":5})")));
  CHECK(no_app.Matches(json::parse(R"({"app":null})")));
  // Labels that are not an object read as no labels.
  CHECK(no_app.Matches(json::parse(R"(["app"])")));
  CHECK_FALSE(app_web.Matches(json::parse(R"("app=web")")));
}

TEST_CASE("Structured label selectors", "[label_selector]") {
  const json pod = json::parse(R"({"app":"sei","node":"n0","role":"validator"})");
  auto matches = [](const char* selector, const json& labels) {
    absl::StatusOr<LabelSelector> parsed =
        LabelSelector::FromLabelSelectorJson(json::parse(selector));
    INFO(selector);
    REQUIRE(parsed.ok());
    return parsed->Matches(labels);
  };
  CHECK(matches("null", pod));
  CHECK(matches("{}", pod));
  CHECK(matches("{}", json()));
  CHECK(matches(R"({"matchLabels":{"app":"sei","node":"n0"}})", pod));
  CHECK_FALSE(matches(R"({"matchLabels":{"app":"sei","node":"n1"}})", pod));
  CHECK_FALSE(matches(R"({"matchLabels":{"app":"sei"}})", json()));
  CHECK(matches(R"({"matchLabels":null,"matchExpressions":null})", pod));
  CHECK(matches(
      R"({"matchExpressions":[{"key":"role","operator":"In","values":["validator","rpc"]}]})",
      pod));
  CHECK_FALSE(matches(
      R"({"matchExpressions":[{"key":"role","operator":"NotIn","values":["validator"]}]})", pod));
  CHECK(matches(R"({"matchExpressions":[{"key":"zone","operator":"NotIn","values":["a"]}]})", pod));
  CHECK(matches(R"({"matchExpressions":[{"key":"app","operator":"Exists"}]})", pod));
  CHECK(matches(R"({"matchExpressions":[{"key":"zone","operator":"DoesNotExist","values":[]}]})",
                pod));
  // matchLabels and matchExpressions are ANDed.
  CHECK_FALSE(matches(R"({"matchLabels":{"app":"sei"},
                          "matchExpressions":[{"key":"node","operator":"DoesNotExist"}]})",
                      pod));
}

TEST_CASE("Structured label selectors reject malformed input", "[label_selector]") {
  struct Bad {
    const char* selector;
    const char* message;
  };
  const Bad bads[] = {
      {R"("app=web")", "invalid label selector: must be an object"},
      {R"({"matchLabels":["app"]})", "invalid label selector: matchLabels: must be an object"},
      {R"({"matchLabels":{"app":1}})", "invalid label selector: matchLabels.app: must be a string"},
      {R"({"matchLabels":{"-app":"x"}})",
       "invalid label selector: matchLabels.-app: invalid label key \"-app\": name part must "
       "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
       "alphanumeric character"},
      {R"({"matchLabels":{"app":"x y"}})",
       "invalid label selector: matchLabels.app: invalid label value \"x y\": must be empty or "
       "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
       "alphanumeric character"},
      {R"({"matchExpressions":{}})", "invalid label selector: matchExpressions: must be an array"},
      {R"({"matchExpressions":[1]})",
       "invalid label selector: matchExpressions[0]: must be an object"},
      {R"({"matchExpressions":[{"operator":"Exists"}]})",
       "invalid label selector: matchExpressions[0]: key: must be a string"},
      {R"({"matchExpressions":[{"key":"a"}]})",
       "invalid label selector: matchExpressions[0]: operator: must be a string"},
      {R"({"matchExpressions":[{"key":"a","operator":"Exists"},{"key":"a","operator":"Gt","values":["1"]}]})",
       "invalid label selector: matchExpressions[1]: operator: \"Gt\" is not a valid label "
       "selector operator"},
      {R"({"matchExpressions":[{"key":"a","operator":"In"}]})",
       "invalid label selector: matchExpressions[0]: key \"a\": for 'in', 'notin' operators, "
       "values set can't be empty"},
      {R"({"matchExpressions":[{"key":"a","operator":"NotIn","values":[]}]})",
       "invalid label selector: matchExpressions[0]: key \"a\": for 'in', 'notin' operators, "
       "values set can't be empty"},
      {R"({"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]})",
       "invalid label selector: matchExpressions[0]: key \"a\": values set must be empty for "
       "exists and does not exist"},
      {R"({"matchExpressions":[{"key":"a","operator":"In","values":"x"}]})",
       "invalid label selector: matchExpressions[0]: values: must be an array"},
      {R"({"matchExpressions":[{"key":"a","operator":"In","values":[1]}]})",
       "invalid label selector: matchExpressions[0]: values: must be strings"},
  };
  for (const Bad& bad : bads) {
    INFO(bad.selector);
    absl::StatusOr<LabelSelector> parsed =
        LabelSelector::FromLabelSelectorJson(json::parse(bad.selector));
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(parsed.status().message() == bad.message);
  }
}

// ---- Field selectors -------------------------------------------------------

TEST_CASE("Field selectors match dotted paths", "[field_selector]") {
  const json pod = json::parse(R"({
    "metadata": {"name": "node-0", "namespace": "sei"},
    "spec": {"nodeName": "kind-worker", "hostNetwork": false, "replicas": 3},
    "status": {"phase": "Running"}
  })");
  struct Row {
    const char* selector;
    bool matches;
  };
  const Row rows[] = {
      {"", true},
      {"metadata.name=node-0", true},
      {"metadata.name==node-0", true},
      {"metadata.name!=node-0", false},
      {"metadata.name=node-1", false},
      {"metadata.name=node-0,metadata.namespace=sei", true},
      {"metadata.name=node-0,metadata.namespace!=sei", false},
      {"status.phase=Running,spec.nodeName=kind-worker", true},
      {"spec.hostNetwork=false", true},
      {"spec.replicas=3", true},
      {"spec.schedulerName=", true},  // missing compares as ""
      {"spec.schedulerName!=", false},
      {"spec.schedulerName!=x", true},
      {"spec=", true},                  // objects have no scalar value
      {"metadata.name.x=", true},       // walking through a scalar is "missing"
      {"metadata.name=node-0,", true},  // empty terms are skipped
      {",,metadata.name=node-0", true},
  };
  for (const Row& row : rows) {
    INFO(row.selector);
    absl::StatusOr<FieldSelector> parsed = FieldSelector::Parse(row.selector);
    REQUIRE(parsed.ok());
    CHECK(parsed->Matches(pod) == row.matches);
  }
}

TEST_CASE("Field selector values honour backslash escapes", "[field_selector]") {
  const json object = json::parse(R"({"data":{"v":"a,b=c\\d"}})");
  absl::StatusOr<FieldSelector> parsed = FieldSelector::Parse(R"(data.v=a\,b\=c\\d)");
  REQUIRE(parsed.ok());
  CHECK(parsed->Matches(object));
  CHECK(parsed->Fields() == std::vector<std::string>{"data.v"});
}

TEST_CASE("Field selector lists its fields once, in order", "[field_selector]") {
  absl::StatusOr<FieldSelector> parsed =
      FieldSelector::Parse("status.phase!=Failed,metadata.name=a,status.phase!=Succeeded");
  REQUIRE(parsed.ok());
  CHECK(parsed->Fields() == std::vector<std::string>{"status.phase", "metadata.name"});
  CHECK(FieldSelector().MatchesEverything());
  CHECK(FieldSelector::Parse("")->Fields().empty());
  // No trimming, as in Kubernetes: the field is "metadata.name " and the
  // server rejects it as unknown.
  CHECK(FieldSelector::Parse("metadata.name = a")->Fields() ==
        std::vector<std::string>{"metadata.name "});
}

TEST_CASE("Field selector rejects malformed text, quoting it", "[field_selector]") {
  struct Bad {
    const char* selector;
    const char* message;
  };
  const Bad bads[] = {
      {"metadata.name",
       R"(invalid field selector "metadata.name": can't understand "metadata.name")"},
      {"a=b,c", R"(invalid field selector "a=b,c": can't understand "c")"},
      {"=x", R"(invalid field selector "=x": missing field name in "=x")"},
      {"a=b=c", R"(invalid field selector "a=b=c": unescaped '=' in value "b=c")"},
      {"a==b=c", R"(invalid field selector "a==b=c": unescaped '=' in value "b=c")"},
      {R"(a=b\x)", R"(invalid field selector "a=b\x": invalid escape sequence in value "b\x")"},
      {R"(a=b\)", R"(invalid field selector "a=b\": invalid escape sequence in value "b\")"},
  };
  for (const Bad& bad : bads) {
    INFO(bad.selector);
    absl::StatusOr<FieldSelector> parsed = FieldSelector::Parse(bad.selector);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(parsed.status().message() == bad.message);
  }
}

}  // namespace
}  // namespace sei::controlplane

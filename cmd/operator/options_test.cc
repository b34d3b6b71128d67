#include "cmd/operator/options.h"

#include <catch2/catch.hpp>

namespace sei::operator_cli {
namespace {

TEST_CASE("dashed manager flags become Abseil's underscore spelling, values untouched") {
  std::vector<std::string> in = {"operator", "--leader-elect=false", "--metrics-bind-address",
                                 ":8080",    "--log-level=debug",    "-v",
                                 "--",       "--not-a-flag"};
  std::vector<std::string> out = UnderscoreFlagNames(in);
  CHECK(out == std::vector<std::string>{"operator", "--leader_elect=false",
                                        "--metrics_bind_address", ":8080", "--log_level=debug",
                                        "-v", "--", "--not-a-flag"});
  CHECK(UnderscoreFlagNames({"--sidecar-url-template=http://{name}-0.x"}) ==
        std::vector<std::string>{"--sidecar_url_template=http://{name}-0.x"});
}

TEST_CASE("the defaults are valid") { CHECK(ValidateOptions(Options()).ok()); }

TEST_CASE("invalid options are refused with the flag named") {
  Options o;
  o.workers = 0;
  CHECK(ValidateOptions(o).message() == "--workers: must be between 1 and 64");
  o = Options();
  o.sidecar_url_template = "http://sidecar:8443";
  CHECK(ValidateOptions(o).message() == "--sidecar-url-template: must contain {name}");
  o = Options();
  o.leader_election.lease_duration = absl::Seconds(5);
  CHECK(ValidateOptions(o).message() ==
        "--leader-election-lease-duration: must be longer than "
        "--leader-election-renew-deadline");
  o = Options();
  o.kube_api_timeout = absl::Seconds(30);
  CHECK(ValidateOptions(o).message() ==
        "--kube-api-timeout: must be shorter than --leader-election-renew-deadline");
  o.leader_election.enabled = false;
  CHECK(ValidateOptions(o).ok());
  o = Options();
  o.log_format = "xml";
  CHECK(ValidateOptions(o).message() == "--log-format: unknown format \"xml\"; use json or text");
}

}  // namespace
}  // namespace sei::operator_cli

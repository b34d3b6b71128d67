#include "lib/tasks/render/scripts.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/substitute.h"
#include "lib/tasks/render/ports.h"

namespace sei::tasks::render {
namespace {

// One HTTP/1.0 request on a fresh /dev/tcp connection, in a subshell so a
// refused connection cannot end the script; `read -t` bounds a sidecar that
// accepts but never answers. Prints the status line, or nothing.
std::string WaitForSidecarHealthy(int32_t sidecar_port) {
  return absl::Substitute(
      R"(echo "waiting for the sidecar on localhost:$0 to report healthy"
while true; do
  status=$$( (exec 3<>/dev/tcp/localhost/$0 &&
    printf 'GET /v0/healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 &&
    read -r -t 10 line <&3 && printf '%s' "$$line") 2>/dev/null )
  case "$$status" in
    *200*) break ;;
  esac
  sleep 5
done
)",
      sidecar_port);
}

}  // namespace

std::string ShellQuote(absl::string_view s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789._-/:@%+,=") == absl::string_view::npos) {
    return std::string(s);
  }
  return absl::StrCat("'", absl::StrReplaceAll(s, {{"'", R"('\'')"}}), "'");
}

std::string SeidInitScript(absl::string_view chain_id) {
  const std::string chain = ShellQuote(chain_id);
  return absl::Substitute(
      R"(if [ -f "$$HOME/config/genesis.json" ]; then
  echo "$$HOME/config/genesis.json exists, skipping seid init"
else
  seid init $0 --chain-id $0 --home "$$HOME" --overwrite
fi && mkdir -p "$$HOME/tmp"
)",
      chain);
}

std::string SeidStartScript(int32_t sidecar_port) {
  return absl::StrCat(WaitForSidecarHealthy(sidecar_port),
                      R"(echo "sidecar is healthy, starting seid"
exec seid "start" "--home" "$HOME"
)");
}

std::string BootstrapSeidScript(int32_t sidecar_port, int64_t halt_height) {
  return absl::StrCat(WaitForSidecarHealthy(sidecar_port),
                      absl::Substitute(R"(echo "sidecar is healthy, starting seid until height $0"
seid start --home "$$HOME" --halt-height $0
code=$$?
# seid stops itself with SIGINT at the halt height: that is success.
if [ "$$code" -eq 130 ]; then
  echo "seid halted at height $0"
  exit 0
fi
exit "$$code"
)",
                                       halt_height));
}

std::string CosmosExporterScript() {
  return absl::Substitute(
      R"(until (exec 3<>/dev/tcp/localhost/$0) 2>/dev/null; do
  echo "waiting for seid gRPC on localhost:$0"
  sleep 5
done
exec /usr/local/bin/sei-cosmos-exporter "--denom" "usei" "--denom-coefficient" "1000000" "--bech-prefix" "sei" "--listen-address" ":$1"
)",
      kSeidGrpcPort, kCosmosExporterPort);
}

}  // namespace sei::tasks::render

// The shell scripts the pod's containers run (tasks.md §5.4, §5.9.1). Kept
// apart from the container definitions so they can be read, and tested with
// a real shell, on their own.
#ifndef SEI_LIB_TASKS_RENDER_SCRIPTS_H_
#define SEI_LIB_TASKS_RENDER_SCRIPTS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace sei::tasks::render {

// The data directory inside every container; also $HOME of seid.
inline constexpr absl::string_view kDataDir = "/.sei";

// `s` as one shell word: unchanged when it only has characters no shell
// treats specially, else single-quoted.
std::string ShellQuote(absl::string_view s);

// seid-init (POSIX sh): `seid init` unless $HOME/config/genesis.json already
// exists (a restarted pod must not wipe its chain data), then create
// $HOME/tmp, seid's TMPDIR.
std::string SeidInitScript(absl::string_view chain_id);

// seid (bash): wait until the sidecar on localhost:<sidecar_port> answers
// GET /v0/healthz with 200 (it has written the config), then exec seid.
std::string SeidStartScript(int32_t sidecar_port);

// Bootstrap seid (bash): the same wait, then run seid until halt_height and
// exit 0 when it stops there (seid interrupts itself, exit code 130); any
// other exit code is passed on so the Job fails.
std::string BootstrapSeidScript(int32_t sidecar_port, int64_t halt_height);

// cosmos-exporter (bash): wait until seid's gRPC port accepts connections,
// then exec the exporter.
std::string CosmosExporterScript();

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_SCRIPTS_H_

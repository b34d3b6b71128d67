// The local control plane's scripted benchmark (docs/control-plane.md,
// "Benchmark"): starts a ControlPlane in this process (HTTPS, token auth,
// no simulated controllers or sidecars, so nothing but the benchmark
// writes), then measures over real HTTPS on 127.0.0.1: write rates from
// concurrent keep-alive connections, LIST latency, watch fan-out and the
// memory of stored pods. Prints a table and one verdict per goal.
//
//   bazel run -c opt //lib/controlplane/bench:controlplane_benchmark
//   bazel run -c opt //lib/controlplane/bench:controlplane_benchmark -- --quick
//
// Exit status: 0 when every phase ran (whatever the verdicts), 1 when a
// phase failed, 2 on bad flags.
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/controlplane/bench/bench_objects.h"
#include "lib/controlplane/bench/benchmark_phases.h"
#include "lib/controlplane/bench/benchmark_report.h"
#include "lib/controlplane/bench/https_connection.h"
#include "lib/controlplane/http/control_plane.h"

ABSL_FLAG(bool, quick, false,
          "a ~16 s run: fewer requests and samples; the watch and memory goals still run at "
          "full size unless --watchers/--pods say otherwise");
ABSL_FLAG(int, repetitions, 0, "repetitions of each write rate and of the fan-out (default 5)");
ABSL_FLAG(int, writes, 0, "creates (and as many updates) per repetition (default 2000; quick 500)");
ABSL_FLAG(std::string, connections, "4,16", "concurrent connections of the write rates");
ABSL_FLAG(int, pods, 10000, "pods stored for the memory figure and the large LIST");
ABSL_FLAG(int, small_list_pods, 1000, "pods in the small LIST's namespace");
ABSL_FLAG(int, list_samples, 0, "LISTs per LIST figure (default 20; quick 3)");
ABSL_FLAG(int, watchers, 1000, "concurrent watches of the fan-out");
ABSL_FLAG(int, io_threads, 2, "the server's I/O threads");
ABSL_FLAG(int, phase_timeout_seconds, 60, "bound on each load or step");

namespace sei::controlplane::bench {
namespace {

constexpr char kToken[] = "benchmark-token-0123456789abcdef";

struct RunConfig {
  int repetitions = 5;
  size_t writes = 2000;
  std::vector<size_t> connections;
  size_t pods = 10000;
  size_t small_list_pods = 1000;
  size_t list_samples = 20;
  size_t watchers = 1000;
  int io_threads = 2;
  absl::Duration phase_timeout = absl::Seconds(60);
};

int FlagOr(int value, int fallback) { return value > 0 ? value : fallback; }

absl::StatusOr<RunConfig> ConfigFromFlags() {
  const bool quick = absl::GetFlag(FLAGS_quick);
  RunConfig config;
  config.repetitions = FlagOr(absl::GetFlag(FLAGS_repetitions), 5);
  config.writes = FlagOr(absl::GetFlag(FLAGS_writes), quick ? 500 : 2000);
  config.list_samples = FlagOr(absl::GetFlag(FLAGS_list_samples), quick ? 3 : 20);
  for (absl::string_view part : absl::StrSplit(absl::GetFlag(FLAGS_connections), ',')) {
    int n = 0;
    if (!absl::SimpleAtoi(part, &n) || n < 1 || n > 256) {
      return absl::InvalidArgumentError(absl::StrCat("--connections: bad count '", part, "'"));
    }
    config.connections.push_back(static_cast<size_t>(n));
  }
  const int pods = absl::GetFlag(FLAGS_pods);
  const int small = absl::GetFlag(FLAGS_small_list_pods);
  const int watchers = absl::GetFlag(FLAGS_watchers);
  if (pods < 1 || small < 1 || watchers < 1) {
    return absl::InvalidArgumentError("--pods, --small_list_pods and --watchers must be >= 1");
  }
  config.pods = static_cast<size_t>(pods);
  config.small_list_pods = static_cast<size_t>(small);
  config.watchers = static_cast<size_t>(watchers);
  config.io_threads = absl::GetFlag(FLAGS_io_threads);
  config.phase_timeout = absl::Seconds(FlagOr(absl::GetFlag(FLAGS_phase_timeout_seconds), 60));
  return config;
}

absl::StatusOr<BenchmarkFigures> RunPhases(const RunConfig& config, const BenchClient& client) {
  BenchmarkFigures figures;
  figures.io_threads = config.io_threads;
  figures.repetitions = config.repetitions;
  const std::string pods_ns = "bench-pods";
  const std::string small_ns = "bench-list";
  const std::string writes_ns = "bench-writes";
  const std::string watch_ns = "bench-watch";
  absl::Status created = CreateNamespaces(client, {pods_ns, small_ns, writes_ns, watch_ns});
  if (!created.ok()) return created;

  // Memory first, while the store holds nothing else.
  std::fprintf(stderr, "storing %zu pods...\n", config.pods);
  auto memory = StorePods(client, pods_ns, config.pods, 16);
  if (!memory.ok()) return memory.status();
  figures.memory = *memory;
  auto small = StorePods(client, small_ns, config.small_list_pods, 16);
  if (!small.ok()) return small.status();

  std::fprintf(stderr, "listing...\n");
  const std::string selector = absl::StrCat(kPodGroupLabel, "=g3");
  // PodObject's group label cycles through g0..g9.
  const auto selected = [](size_t pods) { return pods / 10 + (pods % 10 > 3 ? 1 : 0); };
  const std::vector<ListCase> lists = {
      {absl::StrCat("LIST ", Thousands(config.small_list_pods), " pods"), small_ns, "",
       config.small_list_pods, config.list_samples},
      {absl::StrCat("LIST ", Thousands(config.pods), " pods"), pods_ns, "", config.pods,
       config.list_samples},
      {absl::StrCat("LIST ", Thousands(config.pods), " pods, labelSelector ", selector), pods_ns,
       selector, selected(config.pods), config.list_samples},
  };
  for (const ListCase& list : lists) {
    auto figure = MeasureList(client, list);
    if (!figure.ok()) return figure.status();
    figures.lists.push_back(*figure);
  }

  for (size_t connections : config.connections) {
    std::fprintf(stderr, "writing over %zu connections...\n", connections);
    auto writes =
        MeasureWrites(client, {writes_ns, connections, config.writes, config.repetitions});
    if (!writes.ok()) return writes.status();
    figures.writes.insert(figures.writes.end(), writes->begin(), writes->end());
  }

  std::fprintf(stderr, "opening %zu watches...\n", config.watchers);
  auto fanout = MeasureFanout(client, watch_ns, config.watchers, config.repetitions);
  if (!fanout.ok()) return fanout.status();
  figures.fanout = *fanout;
  return figures;
}

int Run() {
  auto config = ConfigFromFlags();
  if (!config.ok()) {
    std::fprintf(stderr, "controlplane_benchmark: %s\n", config.status().ToString().c_str());
    return 2;
  }
  ControlPlaneOptions options;
  options.serve_sidecars = false;
  options.io_threads = config->io_threads;
  options.tokens = {{kToken, "admin", {"system:masters"}}};
  // Deleted pods are never part of the run; keep the store's ticker idle.
  options.store.pod_termination_grace = absl::ZeroDuration();
  const absl::Time start = absl::Now();
  auto plane = ControlPlane::Create(options);
  if (!plane.ok()) {
    std::fprintf(stderr, "controlplane_benchmark: %s\n", plane.status().ToString().c_str());
    return 1;
  }
  absl::Status started = (*plane)->Start();
  if (!started.ok()) {
    std::fprintf(stderr, "controlplane_benchmark: %s\n", started.ToString().c_str());
    return 1;
  }
  auto tls = MakeClientTlsContext((*plane)->ca_certificate_pem());
  if (!tls.ok()) {
    std::fprintf(stderr, "controlplane_benchmark: %s\n", tls.status().ToString().c_str());
    return 1;
  }
  boost::asio::io_context ioc(1);
  BenchClient client;
  client.ioc = &ioc;
  client.tls = tls->get();
  client.endpoint = {(*plane)->port(), kToken, config->phase_timeout};
  client.phase_timeout = config->phase_timeout;

  auto figures = RunPhases(*config, client);
  (*plane)->Stop();
  if (!figures.ok()) {
    std::fprintf(stderr, "controlplane_benchmark: %s\n", figures.status().ToString().c_str());
    return 1;
  }
  figures->wall_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::fputs(RenderReport(*figures, Goals()).c_str(), stdout);
  return 0;
}

}  // namespace
}  // namespace sei::controlplane::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Benchmarks the local control plane over HTTPS on 127.0.0.1 and prints figures and goal "
      "verdicts.");
  absl::ParseCommandLine(argc, argv);
  return sei::controlplane::bench::Run();
}

#include "lib/controlplane/bench/benchmark_report.h"

#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/controlplane/bench/text_table.h"

namespace sei::controlplane::bench {
namespace {

std::string Ms(double ms) { return absl::StrFormat("%.1f ms", ms); }

std::string Mb(double bytes) { return absl::StrFormat("%.1f MB", bytes / (1024.0 * 1024.0)); }

std::string Ratio(double ratio) { return absl::StrFormat("%.2fx", ratio); }

GoalLine WriteGoal(const BenchmarkFigures& figures, const Goals& goals) {
  GoalLine line;
  line.goal = absl::StrCat(">= ", Thousands(goals.writes_per_second), " writes/s");
  if (figures.writes.empty()) {
    line.measured = "no write figures";
    return line;
  }
  // The slowest configuration decides: the goal holds for all of them.
  const WriteFigure* slowest = &figures.writes.front();
  for (const WriteFigure& figure : figures.writes) {
    if (figure.per_second.median < slowest->per_second.median) slowest = &figure;
  }
  const double ratio = slowest->per_second.median / goals.writes_per_second;
  line.measured = absl::StrCat("slowest median ", Thousands(slowest->per_second.median), " (",
                               slowest->operation, ", ", slowest->connections, " connections), ",
                               Ratio(ratio), " the goal");
  line.verdict = ratio >= 1 ? Verdict::kMet : Verdict::kNotMet;
  return line;
}

GoalLine WatchGoal(const BenchmarkFigures& figures, const Goals& goals) {
  GoalLine line;
  line.goal = absl::StrCat(Thousands(goals.open_watches), " open watches on ", figures.io_threads,
                           " I/O threads");
  if (!figures.fanout.has_value()) {
    line.measured = "no watch figures";
    return line;
  }
  const FanoutFigure& fanout = *figures.fanout;
  line.measured = absl::StrCat(fanout.opened, " opened, ", fanout.open_at_end, " still open after ",
                               fanout.repetitions, " writes, each delivered to all");
  if (fanout.watchers < goals.open_watches) {
    absl::StrAppend(&line.measured, " (scaled down: ", fanout.watchers, " requested)");
    return line;
  }
  line.verdict = fanout.opened >= goals.open_watches && fanout.open_at_end >= goals.open_watches
                     ? Verdict::kMet
                     : Verdict::kNotMet;
  return line;
}

GoalLine MemoryGoal(const BenchmarkFigures& figures, const Goals& goals) {
  GoalLine line;
  line.goal = absl::StrCat("<= ", Thousands(goals.max_memory_mb), " MB for ",
                           Thousands(static_cast<double>(goals.memory_objects)), " objects");
  if (!figures.memory.has_value()) {
    line.measured = "no memory figure";
    return line;
  }
  const MemoryFigure& memory = *figures.memory;
  const double ratio = memory.rss_delta_mb / goals.max_memory_mb;
  line.measured = absl::StrFormat("%.1f MB RSS delta for %s pods", memory.rss_delta_mb,
                                  Thousands(static_cast<double>(memory.objects)));
  if (memory.objects < goals.memory_objects) {
    absl::StrAppend(&line.measured, " (scaled down)");
    return line;
  }
  absl::StrAppend(&line.measured, ", ", Ratio(ratio), " the limit");
  line.verdict = ratio <= 1 ? Verdict::kMet : Verdict::kNotMet;
  return line;
}

}  // namespace

std::string Thousands(double value) {
  const auto rounded = static_cast<int64_t>(std::llround(value));
  std::string digits = std::to_string(rounded < 0 ? -rounded : rounded);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return rounded < 0 ? "-" + digits : digits;
}

std::string VerdictText(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "goal met";
    case Verdict::kNotMet:
      return "goal NOT met";
    case Verdict::kNotJudged:
      break;
  }
  return "not judged";
}

std::vector<GoalLine> JudgeGoals(const BenchmarkFigures& figures, const Goals& goals) {
  return {WriteGoal(figures, goals), WatchGoal(figures, goals), MemoryGoal(figures, goals)};
}

std::string RenderReport(const BenchmarkFigures& figures, const Goals& goals) {
  TextTable table({"metric", "figure", "spread / detail"});
  for (const WriteFigure& write : figures.writes) {
    table.AddRow({absl::StrCat(write.operation, ", ", write.connections, " connections"),
                  absl::StrCat(Thousands(write.per_second.median), " writes/s median of ",
                               figures.repetitions),
                  absl::StrCat("min ", Thousands(write.per_second.min), ", max ",
                               Thousands(write.per_second.max), "; ",
                               Thousands(static_cast<double>(write.requests_per_repetition)),
                               " requests each")});
  }
  if (figures.memory.has_value()) {
    const MemoryFigure& memory = *figures.memory;
    table.AddRow({absl::StrCat("create Pod, ", memory.connections, " connections"),
                  absl::StrCat(Thousands(memory.create_per_second), " writes/s, one run"),
                  absl::StrCat(Thousands(static_cast<double>(memory.objects)), " pods of ",
                               Thousands(static_cast<double>(memory.stored_object_bytes)),
                               " bytes as stored")});
    table.AddRow({absl::StrCat("patch Pod status, ", memory.connections, " connections"),
                  absl::StrCat(Thousands(memory.status_patch_per_second), " writes/s, one run"),
                  "merge patch of pods/<name>/status"});
  }
  for (const ListFigure& list : figures.lists) {
    table.AddRow({list.what, absl::StrCat("p50 ", Ms(list.p50_ms), ", p99 ", Ms(list.p99_ms)),
                  absl::StrCat(Thousands(static_cast<double>(list.items)), " items, ",
                               Mb(static_cast<double>(list.response_bytes)), ", ", list.samples,
                               " samples", list.samples < 100 ? " (p99 = max)" : "")});
  }
  if (figures.fanout.has_value()) {
    const FanoutFigure& fanout = *figures.fanout;
    table.AddRow(
        {absl::StrCat("watch fan-out, ", Thousands(static_cast<double>(fanout.watchers)),
                      " watches"),
         absl::StrCat(Ms(fanout.delivery_ms.median), " to all, median of ", fanout.repetitions),
         absl::StrCat("min ", Ms(fanout.delivery_ms.min), ", max ", Ms(fanout.delivery_ms.max),
                      "; the write alone ", Ms(fanout.write_ms.median))});
    table.AddRow({"watches held open", absl::StrCat(fanout.open_at_end, " of ", fanout.watchers),
                  absl::StrCat(fanout.opened, " opened")});
  }
  if (figures.memory.has_value()) {
    const MemoryFigure& memory = *figures.memory;
    table.AddRow({absl::StrCat("memory, ", Thousands(static_cast<double>(memory.objects)), " pods"),
                  absl::StrFormat("%.1f MB RSS delta", memory.rss_delta_mb),
                  "VmRSS after minus before, freed heap trimmed"});
  }

  TextTable verdicts({"goal", "measured", "verdict"});
  for (const GoalLine& line : JudgeGoals(figures, goals)) {
    verdicts.AddRow({line.goal, line.measured, VerdictText(line.verdict)});
  }
  return absl::StrCat("Control plane benchmark: HTTPS on 127.0.0.1, ", figures.io_threads,
                      " server I/O threads, ", figures.repetitions, " repetitions, ",
                      absl::StrFormat("%.1f", figures.wall_seconds), " s\n\n", table.Render(), "\n",
                      verdicts.Render());
}

}  // namespace sei::controlplane::bench

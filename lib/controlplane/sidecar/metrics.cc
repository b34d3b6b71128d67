#include "lib/controlplane/sidecar/metrics.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/core/go_strconv.h"

namespace sei::controlplane::sidecar {
namespace {

constexpr absl::string_view kAuthnRejections = "seictl_sidecar_authn_rejections_total";
constexpr absl::string_view kDuration = "seictl_task_execution_duration_seconds";
constexpr absl::string_view kFailures = "seictl_task_failures_total";
constexpr absl::string_view kSubmissions = "seictl_task_submissions_total";

// expfmt's writeFloat: Go's 'g' shortest form with "+Inf" for infinity.
std::string Float(double v) { return GoFormatFloat(v, 'g'); }

std::string LabelValue(absl::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void AppendHeader(absl::string_view name, absl::string_view help, absl::string_view type,
                  std::string* out) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

void AppendCounter(absl::string_view name, absl::string_view help, absl::string_view label,
                   const std::map<std::string, double>& series, std::string* out) {
  if (series.empty()) return;
  AppendHeader(name, help, "counter", out);
  for (const auto& [value, count] : series) {
    absl::StrAppend(out, name, "{", label, "=\"", LabelValue(value), "\"} ", Float(count), "\n");
  }
}

}  // namespace

void SidecarMetrics::CountSubmission(absl::string_view task_type) {
  submissions_[std::string(task_type)] += 1;
}

void SidecarMetrics::CountFinish(absl::string_view task_type, bool succeeded,
                                 absl::Duration elapsed) {
  const std::string status = succeeded ? "completed" : "failed";
  Histogram& h = durations_[{status, std::string(task_type)}];
  const double seconds = absl::ToDoubleSeconds(elapsed);
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
  if (!succeeded) failures_[std::string(task_type)] += 1;
}

void SidecarMetrics::CountAuthnRejection(absl::string_view reason) {
  authn_rejections_[std::string(reason)] += 1;
}

void SidecarMetrics::Reset() { *this = SidecarMetrics(); }

std::string SidecarMetrics::RenderText() const {
  std::string out;
  AppendCounter(kAuthnRejections,
                "Count of 401 responses from the trusted-header middleware, by reason.", "reason",
                authn_rejections_, &out);
  if (!durations_.empty()) {
    AppendHeader(kDuration, "Duration of task execution in seconds.", "histogram", &out);
    for (const auto& [labels, h] : durations_) {
      const std::string series = absl::StrCat("status=\"", LabelValue(labels.first), "\",type=\"",
                                              LabelValue(labels.second), "\"");
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += h.buckets[i];
        absl::StrAppend(&out, kDuration, "_bucket{", series, ",le=\"", Float(kBuckets[i]), "\"} ",
                        cumulative, "\n");
      }
      absl::StrAppend(&out, kDuration, "_bucket{", series, ",le=\"+Inf\"} ", h.count, "\n");
      absl::StrAppend(&out, kDuration, "_sum{", series, "} ", Float(h.sum), "\n");
      absl::StrAppend(&out, kDuration, "_count{", series, "} ", h.count, "\n");
    }
  }
  AppendCounter(kFailures, "Total number of tasks that failed.", "type", failures_, &out);
  AppendCounter(kSubmissions, "Total number of tasks submitted.", "type", submissions_, &out);
  return out;
}

}  // namespace sei::controlplane::sidecar

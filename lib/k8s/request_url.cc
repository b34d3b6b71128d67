#include "lib/k8s/request_url.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace sei::k8s {

std::string PercentEscape(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

std::string ResourcePath(const Resource& resource, absl::string_view ns, absl::string_view name,
                         absl::string_view subresource) {
  std::string path = resource.group.empty() ? absl::StrCat("/api/", PercentEscape(resource.version))
                                            : absl::StrCat("/apis/", PercentEscape(resource.group),
                                                           "/", PercentEscape(resource.version));
  if (resource.namespaced && !ns.empty()) {
    absl::StrAppend(&path, "/namespaces/", PercentEscape(ns));
  }
  absl::StrAppend(&path, "/", PercentEscape(resource.plural));
  if (!name.empty()) absl::StrAppend(&path, "/", PercentEscape(name));
  if (!subresource.empty()) absl::StrAppend(&path, "/", PercentEscape(subresource));
  return path;
}

Query& Query::Add(absl::string_view key, absl::string_view value) {
  params_.emplace_back(std::string(key), std::string(value));
  return *this;
}

std::string Query::Encode() const {
  std::string out;
  for (const auto& [key, value] : params_) {
    absl::StrAppend(&out, out.empty() ? "?" : "&", PercentEscape(key), "=", PercentEscape(value));
  }
  return out;
}

Query ListQuery(const ListOptions& options, bool watch) {
  Query query;
  if (watch) query.Add("watch", "1");
  if (!options.label_selector.empty()) query.Add("labelSelector", options.label_selector);
  if (!options.field_selector.empty()) query.Add("fieldSelector", options.field_selector);
  if (!options.resource_version.empty()) query.Add("resourceVersion", options.resource_version);
  if (watch) {
    if (options.allow_bookmarks) query.Add("allowWatchBookmarks", "true");
    int64_t seconds = absl::ToInt64Seconds(options.watch_timeout);
    if (seconds > 0) query.Add("timeoutSeconds", absl::StrCat(seconds));
  } else {
    if (options.limit > 0) query.Add("limit", absl::StrCat(options.limit));
    if (!options.continue_token.empty()) query.Add("continue", options.continue_token);
  }
  return query;
}

}  // namespace sei::k8s

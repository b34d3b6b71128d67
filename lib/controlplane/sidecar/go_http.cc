#include "lib/controlplane/sidecar/go_http.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/controlplane/sidecar/go_json.h"

namespace sei::controlplane::sidecar {
namespace {

// url.QueryUnescape: '+' is a space, %XX a byte; nullopt for a bad escape.
std::optional<std::string> QueryUnescape(absl::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      const auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex(text[i + 1]);
      const int lo = hex(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// The few characters html.EscapeString rewrites, as http.Redirect uses it.
std::string HtmlEscape(absl::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Response JsonResponse(int status, const nlohmann::ordered_json& value) {
  Response response;
  response.status = status;
  response.content_type = std::string(kJsonContentType);
  response.body = EncodeGoJson(value);
  return response;
}

Response JsonError(int status, absl::string_view message) {
  nlohmann::ordered_json body;
  body["error"] = std::string(message);
  return JsonResponse(status, body);
}

Response EmptyResponse(int status) {
  Response response;
  response.status = status;
  return response;
}

Response PlainTextError(int status, absl::string_view message) {
  Response response;
  response.status = status;
  response.content_type = std::string(kPlainTextContentType);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.body = absl::StrCat(message, "\n");
  return response;
}

Response NotFoundResponse() { return PlainTextError(404, "404 page not found"); }

Response MethodNotAllowedResponse(absl::string_view allow) {
  Response response = PlainTextError(405, "Method Not Allowed");
  response.headers.insert(response.headers.begin(), {"Allow", std::string(allow)});
  return response;
}

std::string CleanPath(absl::string_view path) {
  if (path.empty()) return "/";
  // path.Clean on a rooted path: drop empty and "." segments, let ".." pop.
  std::vector<absl::string_view> kept;
  for (absl::string_view segment : absl::StrSplit(path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
      continue;
    }
    kept.push_back(segment);
  }
  std::string cleaned = absl::StrCat("/", absl::StrJoin(kept, "/"));
  // cleanPath restores a trailing slash that path.Clean removed.
  if (path.back() == '/' && cleaned != "/") cleaned.push_back('/');
  return cleaned;
}

Response MovedPermanentlyTo(absl::string_view method, absl::string_view path,
                            absl::string_view query) {
  const std::string url = query.empty() ? std::string(path) : absl::StrCat(path, "?", query);
  Response response;
  response.status = 301;
  response.headers.emplace_back("Location", url);
  if (method == "GET" || method == "HEAD") {
    response.content_type = "text/html; charset=utf-8";
  }
  if (method == "GET") {
    // fmt.Fprintln of "<a href=...>Moved Permanently</a>.\n".
    response.body = absl::StrCat("<a href=\"", HtmlEscape(url), "\">Moved Permanently</a>.\n\n");
  }
  return response;
}

std::optional<std::string> QueryValue(absl::string_view query, absl::string_view key) {
  for (absl::string_view pair : absl::StrSplit(query, '&')) {
    if (pair.empty() || pair.find(';') != absl::string_view::npos) continue;
    const size_t eq = pair.find('=');
    const absl::string_view raw_key = pair.substr(0, eq);
    const absl::string_view raw_value =
        eq == absl::string_view::npos ? absl::string_view() : pair.substr(eq + 1);
    const std::optional<std::string> k = QueryUnescape(raw_key);
    const std::optional<std::string> v = QueryUnescape(raw_value);
    if (!k.has_value() || !v.has_value()) continue;
    if (*k == key) return v;
  }
  return std::nullopt;
}

}  // namespace sei::controlplane::sidecar

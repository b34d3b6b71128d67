#include "lib/controlplane/http/api_path.h"

#include <vector>

#include "lib/controlplane/http/url.h"

namespace sei::controlplane {
namespace {

// Fills the resource part: `rest` is what follows /api/v1 or
// /apis/{group}/{version}.
void ParseResourcePart(std::vector<std::string> rest, ApiPath& path) {
  if (!rest.empty() && rest.front() == "watch") {
    path.legacy_watch = true;
    rest.erase(rest.begin());
    if (rest.empty()) return;  // kUnknown
  }
  for (const std::string& segment : rest) {
    if (segment.empty()) return;  // kUnknown: "namespaces//pods"
  }
  size_t i = 0;
  if (rest.size() >= 3 && rest[0] == "namespaces") {
    // /namespaces/{ns}/status and /finalize are subresources of the
    // Namespace itself, not collections inside it.
    if (rest.size() == 3 && (rest[2] == "status" || rest[2] == "finalize")) {
      path.kind = PathKind::kResource;
      path.resource = "namespaces";
      path.name = rest[1];
      path.subresource = rest[2];
      return;
    }
    path.has_namespace = true;
    path.ns = rest[1];
    i = 2;
  }
  const size_t left = rest.size() - i;
  if (left < 1 || left > 3) return;  // kUnknown
  path.kind = PathKind::kResource;
  path.resource = rest[i];
  if (left >= 2) path.name = rest[i + 1];
  if (left == 3) path.subresource = rest[i + 2];
}

}  // namespace

absl::StatusOr<ApiPath> ParseApiPath(absl::string_view raw) {
  auto segments_or = SplitPath(raw);
  if (!segments_or.ok()) return segments_or.status();
  std::vector<std::string> segments = *std::move(segments_or);
  ApiPath path;
  if (segments.empty()) {
    path.kind = PathKind::kRoot;
    return path;
  }
  const std::string& first = segments[0];
  if (first == "version" && segments.size() == 1) {
    path.kind = PathKind::kVersion;
  } else if (first == "healthz" || first == "readyz" || first == "livez") {
    path.kind = PathKind::kHealth;
  } else if (first == "openapi") {
    path.kind = PathKind::kOpenApi;
  } else if (first == "api") {
    if (segments.size() == 1) {
      path.kind = PathKind::kCoreVersions;
    } else {
      path.version = segments[1];
      if (segments.size() == 2) {
        path.kind = PathKind::kGroupVersion;
      } else {
        ParseResourcePart({segments.begin() + 2, segments.end()}, path);
      }
    }
  } else if (first == "apis") {
    if (segments.size() == 1) {
      path.kind = PathKind::kGroups;
    } else {
      path.group = segments[1];
      if (segments.size() == 2) {
        path.kind = PathKind::kGroup;
      } else {
        path.version = segments[2];
        if (segments.size() == 3) {
          path.kind = PathKind::kGroupVersion;
        } else {
          ParseResourcePart({segments.begin() + 3, segments.end()}, path);
        }
      }
    }
  }
  return path;
}

}  // namespace sei::controlplane

#include "lib/controlplane/http/media_type.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sei::controlplane {

std::string MediaType::Param(absl::string_view name) const {
  auto it = params.find(std::string(name));
  return it == params.end() ? "" : it->second;
}

std::optional<MediaType> ParseMediaType(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ';');
  const absl::string_view essence = absl::StripAsciiWhitespace(parts[0]);
  const size_t slash = essence.find('/');
  if (slash == absl::string_view::npos || slash == 0 || slash + 1 == essence.size()) {
    return std::nullopt;
  }
  MediaType media;
  media.type = absl::AsciiStrToLower(essence.substr(0, slash));
  media.subtype = absl::AsciiStrToLower(essence.substr(slash + 1));
  for (size_t i = 1; i < parts.size(); ++i) {
    const absl::string_view param = absl::StripAsciiWhitespace(parts[i]);
    if (param.empty()) continue;
    const size_t equals = param.find('=');
    if (equals == absl::string_view::npos) return std::nullopt;
    std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(param.substr(0, equals)));
    absl::string_view value = absl::StripAsciiWhitespace(param.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (name == "q") {
      double q = 1.0;
      if (!absl::SimpleAtod(value, &q) || q < 0 || q > 1) return std::nullopt;
      media.quality = q;
    } else {
      media.params[name] = std::string(value);
    }
  }
  return media;
}

std::vector<MediaType> ParseAccept(absl::string_view header) {
  std::vector<MediaType> types;
  // Commas separate entries; none of the parameters we read contain one.
  for (absl::string_view entry : absl::StrSplit(header, ',')) {
    if (absl::StripAsciiWhitespace(entry).empty()) continue;
    auto media = ParseMediaType(entry);
    if (media && media->quality > 0) types.push_back(*std::move(media));
  }
  std::stable_sort(types.begin(), types.end(),
                   [](const MediaType& a, const MediaType& b) { return a.quality > b.quality; });
  return types;
}

namespace {

bool IsJson(const MediaType& media) {
  return media.Essence() == "application/json" || media.Essence() == "application/*" ||
         media.Essence() == "*/*";
}

bool IsYaml(const MediaType& media) {
  return media.Essence() == "application/yaml" || media.Essence() == "application/x-yaml" ||
         media.Essence() == "text/yaml";
}

std::optional<Negotiated> Match(const MediaType& media, const Offer& offer) {
  const std::string as = media.Param("as");
  const std::string group = media.Param("g");
  const std::string version = media.Param("v");
  Negotiated result;
  if (IsYaml(media) && offer.yaml && as.empty()) {
    result.representation = Representation::kYaml;
    result.content_type = "application/yaml";
    return result;
  }
  if (!IsJson(media)) return std::nullopt;
  result.content_type = "application/json";
  if (as.empty()) return result;
  if (as == "Table" && group == "meta.k8s.io" && (version == "v1" || version == "v1beta1") &&
      offer.table) {
    result.representation = Representation::kTable;
    result.version = version;
    return result;
  }
  if ((as == "PartialObjectMetadata" || as == "PartialObjectMetadataList") &&
      group == "meta.k8s.io" && (version == "v1" || version == "v1beta1") &&
      offer.partial_metadata) {
    result.representation = Representation::kPartialObjectMetadata;
    result.version = version;
    return result;
  }
  if (as == "APIGroupDiscoveryList" && group == "apidiscovery.k8s.io" &&
      offer.aggregated_discovery && (version == "v2" || version == "v2beta1")) {
    result.representation = version == "v2" ? Representation::kAggregatedDiscovery
                                            : Representation::kAggregatedDiscoveryV2Beta1;
    result.version = version;
    // Clients recognise the aggregated document by this exact content type.
    result.content_type =
        "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList";
    return result;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Negotiated> Negotiate(absl::string_view accept, const Offer& offer) {
  if (absl::StripAsciiWhitespace(accept).empty()) {
    Negotiated json;
    json.content_type = "application/json";
    return json;
  }
  for (const MediaType& media : ParseAccept(accept)) {
    if (auto match = Match(media, offer)) return match;
  }
  return std::nullopt;
}

}  // namespace sei::controlplane

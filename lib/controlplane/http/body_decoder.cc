#include "lib/controlplane/http/body_decoder.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/api/yaml_documents.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/http/media_type.h"
#include "lib/controlplane/http/protobuf_codec.h"

namespace sei::controlplane {
namespace {

constexpr absl::string_view kObjectTypes =
    "application/json, application/yaml, application/vnd.kubernetes.protobuf";

absl::Status UnsupportedMediaType(absl::string_view accepted) {
  return ApiError(415, "UnsupportedMediaType",
                  absl::StrCat("the body of the request was in an unknown format - accepted "
                               "media types include: ",
                               accepted));
}

// nlohmann's messages start with "[json.exception.parse_error.101] ".
std::string CleanJsonError(absl::string_view what) {
  const size_t bracket = what.find("] ");
  if (absl::StartsWith(what, "[json.exception") && bracket != absl::string_view::npos) {
    what.remove_prefix(bracket + 2);
  }
  return std::string(what);
}

absl::StatusOr<Json> ParseJson(absl::string_view body) {
  Json value = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (!value.is_discarded()) return value;
  // Parse again with exceptions only to learn where it failed.
  try {
    const Json ignored = Json::parse(body.begin(), body.end());
    (void)ignored;
  } catch (const Json::exception& e) {
    return BadRequestError(absl::StrCat("error decoding JSON body: ", CleanJsonError(e.what())));
  }
  return BadRequestError("error decoding JSON body");
}

absl::StatusOr<Json> ParseYaml(absl::string_view body) {
  auto documents = sei::api::ParseYamlDocuments(body);
  if (!documents.ok()) {
    return BadRequestError(
        absl::StrCat("error decoding YAML body: ", documents.status().message()));
  }
  if (documents->size() != 1) {
    return BadRequestError(
        absl::StrCat("error decoding YAML body: expected exactly one document, "
                     "found ",
                     documents->size()));
  }
  return std::move((*documents)[0].json);
}

absl::StatusOr<Json> RequireObject(absl::StatusOr<Json> value) {
  if (!value.ok()) return value;
  if (!value->is_object()) {
    return BadRequestError(
        absl::StrCat("the request body must be a JSON object, not ", value->type_name()));
  }
  return value;
}

}  // namespace

absl::StatusOr<Json> DecodeObjectBody(absl::string_view content_type, absl::string_view body) {
  std::string essence = "application/json";
  if (!absl::StripAsciiWhitespace(content_type).empty()) {
    auto media = ParseMediaType(content_type);
    if (!media) return UnsupportedMediaType(kObjectTypes);
    essence = media->Essence();
  }
  if (absl::StripAsciiWhitespace(body).empty()) {
    return BadRequestError("the request body is empty; an object was expected");
  }
  if (essence == "application/json") return RequireObject(ParseJson(body));
  if (essence == "application/yaml" || essence == "application/x-yaml" || essence == "text/yaml") {
    return RequireObject(ParseYaml(body));
  }
  if (essence == "application/vnd.kubernetes.protobuf") return DecodeKubernetesProtobuf(body);
  return UnsupportedMediaType(kObjectTypes);
}

absl::StatusOr<DecodedPatch> DecodePatchBody(absl::string_view content_type, absl::string_view body,
                                             bool allow_strategic) {
  const std::string accepted =
      allow_strategic ? "application/json-patch+json, application/merge-patch+json, "
                        "application/apply-patch+yaml, application/strategic-merge-patch+json"
                      : "application/json-patch+json, application/merge-patch+json, "
                        "application/apply-patch+yaml";
  auto media = ParseMediaType(content_type);
  if (!media) return UnsupportedMediaType(accepted);
  DecodedPatch decoded;
  const std::string essence = media->Essence();
  if (essence == "application/merge-patch+json") {
    decoded.type = PatchType::kMerge;
  } else if (essence == "application/json-patch+json") {
    decoded.type = PatchType::kJson;
  } else if (essence == "application/strategic-merge-patch+json" && allow_strategic) {
    decoded.type = PatchType::kStrategicMerge;
  } else if (essence == "application/apply-patch+yaml") {
    decoded.type = PatchType::kApply;
  } else {
    return UnsupportedMediaType(accepted);
  }
  if (absl::StripAsciiWhitespace(body).empty()) {
    return BadRequestError("the patch body is empty");
  }
  if (decoded.type == PatchType::kApply) {
    // YAML is a superset of JSON; ParseYamlDocuments reads a JSON body
    // with exact JSON semantics.
    auto object = RequireObject(ParseYaml(body));
    if (!object.ok()) return object.status();
    decoded.patch = *std::move(object);
    return decoded;
  }
  auto patch = ParseJson(body);
  if (!patch.ok()) return patch.status();
  if (decoded.type == PatchType::kJson && !patch->is_array()) {
    return BadRequestError(
        absl::StrCat("a JSON patch (RFC 6902) must be an array of operations, "
                     "not ",
                     patch->type_name()));
  }
  if (decoded.type != PatchType::kJson && !patch->is_object()) {
    return BadRequestError(
        absl::StrCat("a merge patch must be a JSON object, not ", patch->type_name()));
  }
  decoded.patch = *std::move(patch);
  return decoded;
}

absl::StatusOr<Json> DecodeOptionalBody(absl::string_view content_type, absl::string_view body) {
  if (absl::StripAsciiWhitespace(body).empty()) return Json(nullptr);
  return DecodeObjectBody(content_type, body);
}

}  // namespace sei::controlplane

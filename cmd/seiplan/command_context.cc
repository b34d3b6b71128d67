#include "cmd/seiplan/command_context.h"

#include "absl/strings/str_cat.h"

namespace sei::seiplan {

std::string DescribeManifest(const api::Manifest& manifest) {
  const v1alpha1::ObjectMeta& meta =
      std::holds_alternative<v1alpha1::SeiNode>(manifest.object)
          ? std::get<v1alpha1::SeiNode>(manifest.object).metadata()
          : std::get<v1alpha1::SeiNodeTask>(manifest.object).metadata();
  absl::string_view kind =
      std::holds_alternative<v1alpha1::SeiNode>(manifest.object) ? "SeiNode" : "SeiNodeTask";
  std::string name = meta.name().empty() ? absl::StrCat(meta.generate_name(), "*") : meta.name();
  std::string ns = meta.namespace_().empty() ? "default" : meta.namespace_();
  return absl::StrCat(kind, " ", ns, "/", name, " (document ", manifest.document_index + 1,
                      ", line ", manifest.line, ")");
}

}  // namespace sei::seiplan

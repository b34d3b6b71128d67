// Strategic merge patch: the body of PATCH requests with content type
// application/strategic-merge-patch+json, which `kubectl apply` (client-side),
// `kubectl patch` (its default type) and `kubectl edit` send for built-in
// kinds.
//
// It is a JSON merge patch (RFC 7386) in which some lists merge instead of
// being replaced, steered by the kind's Go struct tags (patchStrategy,
// patchMergeKey) and by directives inside the patch:
//
//   * A list with a merge key (containers by "name") merges element-wise: a
//     patch element updates the element with the same key (recursively, as a
//     map) or is added. An element {"<key>": "x", "$patch": "delete"} deletes
//     every element with that key; an element {"$patch": "replace"} makes the
//     other patch elements replace the list.
//   * A list of scalars with the merge strategy (metadata.finalizers) merges
//     as a set; "$deleteFromPrimitiveList/<field>": [...] removes values.
//   * Any other list is replaced, as in a JSON merge patch.
//   * "$setElementOrder/<field>": [...] orders the merged list (scalars, or
//     maps holding just the merge key). It is never stored.
//   * In a map, "$patch": "replace" replaces the map by the rest of the patch,
//     "$patch": "delete" removes it, and "$retainKeys": [...] drops the
//     original's keys not listed.
//
// Merged lists come out in kube-apiserver's order: the elements the patch
// names in the patch's (or $setElementOrder's) order, and the original's
// other elements interleaved where they stood relative to them. So adding a
// container without $setElementOrder puts it first, as on a real cluster.
//
// Nothing here throws; the result never contains a directive.
#ifndef SEI_LIB_CONTROLPLANE_CORE_STRATEGIC_MERGE_PATCH_H_
#define SEI_LIB_CONTROLPLANE_CORE_STRATEGIC_MERGE_PATCH_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

// Which lists of one kind merge, by field path. A path is the dotted field
// names from the object's root, with "[]" stepping into the elements of a
// list: "spec.template.spec.containers[].ports". Lists not described are
// replaced; maps always merge.
class PatchStrategy {
 public:
  struct ListMerge {
    // The field identifying an element ("name"); empty for a list of
    // scalars that merges as a set.
    std::string merge_key;
  };

  // patchStrategy:"merge" patchMergeKey:"<merge_key>".
  PatchStrategy& MergeByKey(absl::string_view path, absl::string_view merge_key);
  // patchStrategy:"merge" on a list of scalars.
  PatchStrategy& MergeAsSet(absl::string_view path);

  // How the list at `path` merges; nullptr when it is replaced.
  const ListMerge* FindList(absl::string_view path) const;

 private:
  std::map<std::string, ListMerge, std::less<>> lists_;
};

// Applies `patch` (a JSON object) to a copy of `original`. Errors are
// InvalidArgument naming the field path, e.g. `spec.template.spec.containers[1]:
// missing merge key "name"`, for a patch that is not an object, an unknown
// "$" directive or $patch value, a merge-list element without its merge key,
// a stored list a merge cannot read, or directives inconsistent with the
// patch ($retainKeys not listing a patched field, a patch list out of
// $setElementOrder's order).
//
// Where this differs from kube-apiserver on purpose: "$patch": "merge" is
// accepted as the explicit default (kube rejects it); a map's
// "$patch": "delete" removes the field, as the design doc says (kube leaves
// {} behind for struct fields); an unknown "$" key is an error (kube merges
// it, then its typed decoding drops it); $setElementOrder on a list without
// a merge strategy is ignored; a stored element lacking the merge key is kept
// rather than failing the patch. Emptied lists stay as [] (kube's typed
// encoding omits them).
absl::StatusOr<nlohmann::json> ApplyStrategicMergePatch(const nlohmann::json& original,
                                                        const nlohmann::json& patch,
                                                        const PatchStrategy& strategy);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_STRATEGIC_MERGE_PATCH_H_

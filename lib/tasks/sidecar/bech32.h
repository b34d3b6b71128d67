// Bech32 address check (BIP 173), for the `sei…` account addresses of
// assemble-and-upload-genesis (sidecar-protocol.md §7 client validation).
#ifndef SEI_LIB_TASKS_SIDECAR_BECH32_H_
#define SEI_LIB_TASKS_SIDECAR_BECH32_H_

#include "absl/strings/string_view.h"

namespace sei::tasks {

// True iff `text` is a well-formed bech32 string (not bech32m: Cosmos SDK
// addresses use the original checksum) whose human-readable part is `hrp`:
// one case throughout, at most 90 characters, a non-empty data part from
// the bech32 alphabet and a valid 6-character checksum.
bool IsBech32WithPrefix(absl::string_view text, absl::string_view hrp);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_SIDECAR_BECH32_H_

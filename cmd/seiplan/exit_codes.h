// seiplan's documented exit codes (docs/seiplan.md).
#ifndef SEI_CMD_SEIPLAN_EXIT_CODES_H_
#define SEI_CMD_SEIPLAN_EXIT_CODES_H_

namespace sei::seiplan {

inline constexpr int kExitOk = 0;
// The input is well-formed but breaks a rule: validation violations, a plan
// that cannot be built, or a simulation that ends with the plan Failed.
inline constexpr int kExitRejected = 1;
// The command line is wrong (unknown command or flag, bad flag value).
inline constexpr int kExitUsage = 2;
// The input cannot be read as manifests: missing file, YAML syntax, wrong
// types, unknown apiVersion/kind, unknown fields under --strict.
inline constexpr int kExitBadInput = 3;

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_EXIT_CODES_H_

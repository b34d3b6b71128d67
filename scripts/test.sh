#!/usr/bin/env bash
# Set up, build everything, run every test, check the layering rules, and
# end with one line "N passed, N failed" counting Catch2 test cases (a test
# target that crashes before reporting counts as one failed case) plus the
# layering check.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

bazel build //... || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
bazel test //... 
status=$?

passed=0
failed=0
testlogs="$(bazel info bazel-testlogs 2>/dev/null)"
while IFS= read -r target; do
  [ -n "$target" ] || continue
  log="$testlogs/${target#//}"
  log="${log/://}/test.log"
  line=""
  [ -f "$log" ] && line=$(grep -E "^(All tests passed|test cases:)" "$log" | tail -n 1)
  if [[ "$line" =~ ^All\ tests\ passed.*in\ ([0-9]+)\ test\ case ]]; then
    passed=$((passed + BASH_REMATCH[1]))
  elif [[ "$line" =~ test\ cases:\ *([0-9]+)\ \|\ *([0-9]+)\ passed\ \|\ *([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[2]))
    failed=$((failed + BASH_REMATCH[3]))
  elif [[ "$line" =~ test\ cases:\ *([0-9]+)\ \|\ *([0-9]+)\ failed ]]; then
    failed=$((failed + BASH_REMATCH[2]))
  elif [ -f "$log" ] && grep -q "PASS" "$log" 2>/dev/null && [ $status -eq 0 ]; then
    passed=$((passed + 1))   # a non-Catch2 test target (e.g. a golden diff script)
  else
    failed=$((failed + 1))
  fi
done < <(bazel query 'tests(//...)' 2>/dev/null)

# The architecture's dependency rules, proven with bazel query.
if bash scripts/check-layering.sh; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo "${passed} passed, ${failed} failed"
[ $status -eq 0 ] && [ $failed -eq 0 ]

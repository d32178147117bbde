#!/usr/bin/env bash
# Runs libFuzzer targets: first every saved regression input of a target, then new inputs
# for SECONDS, starting from the corpus in tests/fuzz/corpus/<target>/.
#   tests/fuzz/run.sh [--bin-dir DIR] [--seconds N] [TARGET...]
# DIR (default build/checks) holds the fuzz_* executables of an ATTUNE_FUZZ build; without a
# TARGET every fuzz_* there runs. New interesting inputs go to DIR/fuzz-corpus/<target>/
# (never into the repository); a crash input is saved as DIR/fuzz-artifacts/<target>-crash-*
# and the run fails: reproduce it with `DIR/<target> FILE`, fix it, and add the file to
# tests/fuzz/regressions/<target>/. ctest runs this with a few seconds per target
# (-L fuzz); `cmake --build build --target fuzz-long` runs it for longer.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin_dir="$here/../../build/checks"
seconds=5
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bin-dir) bin_dir="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$bin_dir"/fuzz_*; do [ -x "$f" ] && targets+=("$(basename "$f")"); done
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "error: no fuzz_* executables in $bin_dir (build the checks: cmake --build build)" >&2
  exit 2
fi
# Strict unless the caller chose otherwise (ctest passes the same values).
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

for t in "${targets[@]}"; do
  exe="$bin_dir/$t"
  [ -x "$exe" ] || { echo "error: $exe is not built" >&2; exit 2; }
  regressions=("$here/regressions/$t"/*)
  if [ -e "${regressions[0]}" ]; then
    echo "== $t: ${#regressions[@]} regression inputs"
    "$exe" -runs=1 "${regressions[@]}" >/dev/null 2>"$bin_dir/$t.regressions.log" || {
      cat "$bin_dir/$t.regressions.log" >&2
      echo "error: $t fails on a saved regression input (above)" >&2
      exit 1
    }
  fi
  work="$bin_dir/fuzz-corpus/$t"
  artifacts="$bin_dir/fuzz-artifacts"
  mkdir -p "$work" "$artifacts"
  echo "== $t: fuzzing for $seconds s"
  # -timeout: one input taking 10 s is a finding (validation must stay linear);
  # -rss_limit_mb: so must memory. The first corpus folder is the writable one.
  # (git keeps no empty folder: pass only those that exist, libFuzzer refuses a missing one)
  seeds=()
  for d in "$here/corpus/$t" "$here/regressions/$t"; do [ -d "$d" ] && seeds+=("$d"); done
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$t-" "$work" "${seeds[@]}" 2>"$bin_dir/$t.log" || {
    tail -n 60 "$bin_dir/$t.log" >&2
    echo "error: $t found a failing input (saved under $artifacts/); reproduce: $exe FILE" >&2
    exit 1
  }
  grep -E "^stat::number_of_executed_units|Done [0-9]+ runs" "$bin_dir/$t.log" | tail -n 1 || true
done
echo "fuzz: ${#targets[@]} targets passed"

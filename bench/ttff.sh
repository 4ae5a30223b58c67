#!/usr/bin/env bash
# Time to first frame, peak RSS, keystroke-to-frame and idle CPU of the real studydeck
# binary in a pseudo-terminal (80x24), side by side with vocage on the same cards as TSV;
# and the time of `studydeck check` on 100,000 cards. Definitions: bench/ttff.py.
#
#   bench/ttff.sh            # 10 measured runs per case (after one warm-up run)
#   RUNS=20 bench/ttff.sh
#   TTFF_DIR=DIR bench/ttff.sh   # keep the generated inputs and results in DIR
#
# Cases: the bundled course (442 cards, no reviews); 10,000 and 100,000 synthetic cards
# (benches/support/synthetic.rs) with a 10,000-review log. studydeck is measured with a
# warm deck cache (the normal case after the first start) and with STUDYDECK_NO_CACHE=1
# (every start parses the TOML, as the first start after an edit does).
# Needs python3 and cargo; installs vocage (cargo install) and hyperfine (apt) when missing,
# and skips them, saying so, when it cannot. Not part of `cargo test` or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
OUT=${TTFF_DIR:-$(mktemp -d -t studydeck-ttff.XXXXXX)}
mkdir -p "$OUT"
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
say() { printf 'ttff: %s\n' "$*" >&2; }

command -v python3 >/dev/null || { say "python3 is needed"; exit 1; }

say "building the release binary and the input generator"
# Two invocations: built together with an example, the binary's symbols get other names
# (cargo compiles the library for both), and link/startup-order.txt would not match them.
cargo build --release --quiet --bin studydeck
cargo build --release --quiet --example bench_inputs
BIN=$TARGET/release/studydeck
GEN=$TARGET/release/examples/bench_inputs
# The startup symbol order (link/startup-order.txt) goes stale when the toolchain, the
# dependencies or the release profile change: then memory grows back (docs/benchmarks.md,
# "Code layout"). Say how much of it the binary measured still matches.
if command -v nm >/dev/null; then
  say "startup order: $(python3 scripts/startup-order.py --check --binary "$BIN")"
fi

if ! command -v vocage >/dev/null; then
  say "vocage is not installed: cargo install vocage --locked"
  cargo install vocage --locked --quiet || say "could not install vocage"
fi
VOCAGE=$(command -v vocage || true)
[ -n "$VOCAGE" ] || say "vocage unavailable: its rows are skipped"

if ! command -v hyperfine >/dev/null && command -v apt-get >/dev/null; then
  say "installing hyperfine (apt)"
  (apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
    (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1)) ||
    say "could not install hyperfine: timing check with a shell loop"
fi

say "generating inputs in $OUT"
"$GEN" bundled "$OUT/bundled"
"$GEN" synthetic 10000 10000 "$OUT/s10k"
"$GEN" synthetic 100000 10000 "$OUT/s100k"
# A deck file changed in the last 2 seconds is hashed on every start (the deck cache's
# "racy" rule, docs/benchmarks.md); the warm-cache rows are about decks not being edited.
sleep 2.5

# Settings and cache of our own; the student's are never touched.
export XDG_CONFIG_HOME=$OUT/config XDG_CACHE_HOME=$OUT/cache
unset STUDYDECK_DECKS STUDYDECK_DATA_DIR STUDYDECK_NO_CACHE STUDYDECK_TRACE NO_COLOR || true
RESULTS=$OUT/results.jsonl
: >"$RESULTS"

measure() { # case program json-args... -- command...
  local case=$1 program=$2
  shift 2
  say "$case: $program"
  local json
  if json=$(python3 bench/ttff.py --runs "$RUNS" "$@"); then
    printf '{"case":"%s","program":"%s","result":%s}\n' "$case" "$program" "$json" >>"$RESULTS"
  else
    say "$case: $program failed"
  fi
}

for case in bundled s10k s100k; do
  dir=$OUT/$case
  decks=()
  [ "$case" = bundled ] || decks=(--decks "$dir/decks")
  mkdir -p "$dir/data"
  rm -rf "$XDG_CACHE_HOME"
  # A session after the first frame: review 20 cards (studydeck: r, then show and Good;
  # vocage: show and promote), for the memory a program needs once it is used.
  measure "$case" studydeck --marker help --key j --session "r$(printf ' 3%.0s' {1..20})" -- \
    "$BIN" "${decks[@]}" --data-dir "$dir/data"
  measure "$case" "studydeck (no cache)" --marker help --key j -- \
    env STUDYDECK_NO_CACHE=1 "$BIN" "${decks[@]}" --data-dir "$dir/data"
  if [ -n "$VOCAGE" ]; then
    measure "$case" vocage --marker "Use: q" --key " " --session "l$(printf ' l%.0s' {1..19})" -- \
      "$VOCAGE" "$dir/vocage.tsv"
  fi
done

say "studydeck check, 100,000 cards"
CHECK_JSON=$OUT/check.json
if command -v hyperfine >/dev/null; then
  hyperfine --style none --warmup 1 --runs 5 --export-json "$CHECK_JSON" \
    "$BIN check $OUT/s100k/decks" >/dev/null
else
  python3 - "$BIN" "$OUT/s100k/decks" "$CHECK_JSON" <<'EOF'
import json, subprocess, sys, time
times = []
for _ in range(5):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "check", sys.argv[2]], stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - t)
json.dump({"results": [{"median": sorted(times)[2]}]}, open(sys.argv[3], "w"))
EOF
fi

python3 - "$RESULTS" "$CHECK_JSON" "$RUNS" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
names = {"bundled": "bundled course (442 cards)", "s10k": "10,000 cards + 10k reviews",
         "s100k": "100,000 cards + 10k reviews"}
print(f"\nmedians of {sys.argv[3]} runs, 80x24 pty; ratio = studydeck / vocage (< 1 is better)\n")
print("| case | program | first frame | ratio | peak RSS | ratio | after 20 reviews | ratio | key→frame | idle CPU (1 s) |")
print("|---|---|---|---|---|---|---|---|---|---|")
def fmt(v, unit, scale=1.0, digits=1):
    return "–" if v is None else f"{v * scale:.{digits}f} {unit}"
for case in ["bundled", "s10k", "s100k"]:
    here = [r for r in rows if r["case"] == case]
    voc = next((r["result"] for r in here if r["program"] == "vocage"), None)
    for r in here:
        m = r["result"]
        ratio = lambda k: "–" if voc is None or r["program"] == "vocage" or not voc.get(k) or not m.get(k) else f"{m[k] / voc[k]:.2f}"
        idle = m["idle_cpu_ms_per_s"]
        print(f"| {names[case]} | {r['program']} | {fmt(m['first_frame_ms'], 'ms')} | {ratio('first_frame_ms')} "
              f"| {fmt(m['peak_rss_kb'], 'MB', 1 / 1024)} | {ratio('peak_rss_kb')} "
              f"| {fmt(m.get('session_rss_kb'), 'MB', 1 / 1024)} | {ratio('session_rss_kb')} "
              f"| {fmt(m['key_to_frame_ms'], 'ms', digits=2)} | {'–' if idle is None else f'{idle:.0f} ms'} |")
check = json.load(open(sys.argv[2]))["results"][0]["median"]
print(f"\n`studydeck check` of 100,000 cards: {check * 1000:.0f} ms (median of 5)")
EOF
say "raw results: $RESULTS"

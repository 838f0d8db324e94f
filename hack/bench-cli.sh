#!/bin/sh
# bench-cli.sh times whole wincspec processes, side by side with their
# baselines, and prints each command's median wall time and median peak
# memory. "make bench-cli" runs it.
#
#   WINCSPEC  the binary under test (default bin/wincspec, built first)
#   BASE      optional: another wincspec binary (such as a build of the
#             previous main) timed beside it, command by command
#   E2E_TEST  a real e2e.test of Kubernetes v1.37.2 (default: the cache that
#             "make inventory" fills); it gives the Ginkgo dry-run baseline
#             of "check" and, unless JUNIT is set, the JUnit that "report"
#             reads (a dry-run of the suite's default tree: 3,213 testcases)
#   JUNIT     a large JUnit file to report on, instead of the dry-run's
#   RUNS      timed runs per command (default 15), after 3 warm-up runs
#
# It needs hyperfine (Debian package "hyperfine") and GNU time
# (/usr/bin/time). Nothing it runs needs a cluster.
set -eu

cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
WINCSPEC=${WINCSPEC:-}
BASE=${BASE:-}
E2E_TEST=${E2E_TEST:-$HOME/.cache/wincspec/e2e/v1.37.2/e2e.test}
JUNIT=${JUNIT:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { echo "bench-cli: hyperfine not found (apt-get install hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-cli: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }

if [ -z "$WINCSPEC" ]; then
	go build -o bin/wincspec ./cmd/wincspec
	WINCSPEC=bin/wincspec
fi
go build -o "$work/junitdecode" ./internal/bench/junitdecode

# The e2e.test flags every generated Windows run passes, as the committed
# v1.37.2 inventory records them (its provenance "flags"; none has a space),
# and the core focus of its parallel set, from the committed focus file.
flags=$(head -n 1 embedded/inventory/v1.37.2.jsonl | sed -n 's/.*"flags":\[\([^]]*\)\].*/\1/p' | sed 's/^"//; s/"$//; s/","/ /g')
[ -n "$flags" ] || { echo "bench-cli: no flags in the v1.37.2 inventory's header" >&2; exit 2; }
focus=$(sed -n 's/^focus: //p' generated/v1.37.2/core/focus.txt | head -n 1)
skip=$(sed -n 's/^skip: //p' generated/v1.37.2/core/focus.txt | head -n 1)

have_e2e=false
if [ -x "$E2E_TEST" ]; then
	have_e2e=true
	if [ -z "$JUNIT" ]; then
		"$E2E_TEST" --ginkgo.dry-run --ginkgo.no-color --ginkgo.junit-report="$work/junit_01.xml" >"$work/dry-run.log" 2>&1
		JUNIT=$work/junit_01.xml
	fi
else
	echo "bench-cli: no e2e.test at $E2E_TEST: the dry-run baseline is left out" >&2
fi
if [ -z "$JUNIT" ]; then
	echo "bench-cli: no JUnit to report on: set JUNIT or E2E_TEST" >&2
	exit 2
fi
cases=$(grep -c '<testcase' "$JUNIT" || true)

# peak prints the median of five peak resident set sizes, in MiB.
peak() {
	for _ in 1 2 3 4 5; do
		/usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$work/rss" # GNU time writes a status line first on a non-zero exit
	done | sort -n | sed -n 3p | awk '{printf "%.1f", $1 / 1024}'
}

# bench NAME CMD...: one row of the table.
bench() {
	name=$1
	shift
	hyperfine -N -i -w 3 -r "$RUNS" --export-json "$work/h.json" -- "$(quote "$@")" >/dev/null 2>&1
	ms=$(sed -n 's/^ *"median": \([0-9.e-]*\),*$/\1/p' "$work/h.json" | head -n 1 | awk '{printf "%.1f", $1 * 1000}')
	printf '%-46s %10s ms %10s MiB\n' "$name" "$ms" "$(peak "$@")"
}

# quote joins its arguments into one shell-quoted command line.
quote() {
	out=
	for a in "$@"; do
		out="$out '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
	done
	printf '%s' "${out# }"
}

row() {
	label=$1
	shift
	bench "$label" "$WINCSPEC" "$@"
	if [ -n "$BASE" ]; then
		bench "$label (base)" "$BASE" "$@"
	fi
}

printf '%-46s %13s %14s\n' "command (median of $RUNS runs)" "wall" "peak RSS"
row "wincspec version" version
row "wincspec check" check
row "wincspec check --kubernetes v1.37" check --kubernetes v1.37
row "wincspec explain CORE-NET-01" explain CORE-NET-01
row "wincspec report ($cases testcases)" report --kubernetes v1.37.2 --results "$JUNIT"
bench "baseline: encoding/xml decode ($cases testcases)" "$work/junitdecode" "$JUNIT"
if $have_e2e; then
	bench "baseline: e2e.test v1.37.2 dry-run, core focus" "$E2E_TEST" --ginkgo.dry-run --ginkgo.no-color \
		"--ginkgo.focus=$focus" "--ginkgo.skip=$skip" $flags
fi

#!/bin/sh
# tests/check.sh BUILD FUZZTARGET...: what make check runs.  Each suite
# prints TAP and its own "N passed, N failed"; this adds them up and ends
# with the total line.  Exit 1 if anything failed.
B=${1:-build}
shift
total_pass=0 total_fail=0
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT

suite() {	# suite NAME COMMAND...
	name=$1
	shift
	echo "# --- $name"
	"$@" >"$log" 2>&1
	rc=$?
	# Show failures and diagnostics; keep the ok lines out of the way.
	grep -v '^ok ' "$log" | grep -v '^1\.\.' | grep -v ' passed, .* failed$'
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "not ok - $name: no summary line (exit $rc)"
		tail -n 20 "$log" | sed 's/^/# /'
		total_fail=$((total_fail + 1))
		return
	fi
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed}
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "# $name: $line"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

suite "unit tests" "$B/tests/unit-run"
suite "golden CLI cases" sh tests/run.sh "$B"
for t; do
	suite "fuzz corpus $t" "$B/tests/replay-$t" "tests/fuzz/corpus/$t"
done
suite "man pages" sh tests/manlint.sh
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]

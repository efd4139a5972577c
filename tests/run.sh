#!/bin/sh
# tests/run.sh BUILD: run every golden CLI case and print TAP, then
# "N passed, N failed".  A case is a directory tests/cli/TOOL/CASE/ with
#   args  the arguments (one line, split by the shell; optional)
#   in    standard input (optional: /dev/null)
#   out   expected standard output (missing: empty)
#   err   expected standard error (missing: empty)
#   exit  expected exit status (missing: 0)
# plus any files the arguments name.  The case runs inside its directory.
# TOOL is a program in BUILD or BUILD/tests.  TT_EXEC_PREFIX runs each
# program under a wrapper, e.g. 'valgrind -q --error-exitcode=99'.
B=$(cd "${1:-build}" && pwd) || exit 2
n=0 pass=0 fail=0
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
set -- tests/cli/*/*/
[ -d "$1" ] || set --
echo "1..$#"
for d; do
	d=${d%/}
	n=$((n + 1))
	tool=$(basename "$(dirname "$d")")
	prog=$B/$tool
	[ -x "$prog" ] || prog=$B/tests/$tool
	in=/dev/null
	[ -f "$d/in" ] && in=$d/in
	got=0
	(cd "$d" && eval "exec $TT_EXEC_PREFIX \"\$prog\" $(cat args 2>/dev/null)") \
	    <"$in" >"$t/out" 2>"$t/err" || got=$?
	want=$(cat "$d/exit" 2>/dev/null || echo 0)
	ok=1
	[ "$got" = "$want" ] || ok=
	for f in out err; do
		exp=$d/$f
		[ -f "$exp" ] || exp=/dev/null
		if ! cmp -s "$exp" "$t/$f"; then
			ok=
			diff -u "$exp" "$t/$f" | sed 's/^/# /' >>"$t/why"
		fi
	done
	if [ -n "$ok" ]; then
		pass=$((pass + 1))
		echo "ok $n - $d"
	else
		fail=$((fail + 1))
		echo "not ok $n - $d (exit $got, want $want)"
		cat "$t/why" 2>/dev/null
	fi
	rm -f "$t/why"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

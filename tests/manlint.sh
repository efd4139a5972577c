#!/bin/sh
# tests/manlint.sh: every man page passes mandoc -Tlint (style warnings
# included), and every program's man page exists.
n=0 pass=0 fail=0
for m in man/*.[0-9]; do
	[ -e "$m" ] || continue
	n=$((n + 1))
	if out=$(mandoc -Tlint -W warning "$m" 2>&1) && [ -z "$out" ]; then
		pass=$((pass + 1))
		echo "ok $n - mandoc -Tlint $m"
	else
		fail=$((fail + 1))
		echo "not ok $n - mandoc -Tlint $m"
		echo "$out" | sed 's/^/# /'
	fi
done
for c in cmd/tt-*.c; do
	[ -e "$c" ] || continue
	p=$(basename "$c" .c)
	n=$((n + 1))
	if [ -f "man/$p.1" ]; then
		pass=$((pass + 1))
		echo "ok $n - man/$p.1 exists"
	else
		fail=$((fail + 1))
		echo "not ok $n - man/$p.1 is missing"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# run-fuzz.sh SECONDS SOURCE:CORPUS...: build each fuzz target with clang's
# libFuzzer, ASan and UBSan, and run it for SECONDS on a copy of its corpus.
# Called by `make fuzz` with CLANG, srcdir, builddir, CFLAGS_ALL, LIBS_ALL and
# SOURCES (the core library's .c files) in the environment.
set -eu
secs=$1; shift
: "${CLANG:?make fuzz needs clang: apt-get install clang libclang-rt-14-dev}"
out="$builddir/fuzz"
mkdir -p "$out/obj"
flags="-g -O1 -std=c11 -fsanitize=fuzzer-no-link,address,undefined -include $builddir/config.h -I$srcdir/src -I$srcdir -I$builddir -DIL_PKGDATADIR=\"/nonexistent\""
objs=""
for s in $SOURCES; do
	o="$out/obj/$(echo "$s" | tr / _).o"
	# shellcheck disable=SC2086
	[ "$o" -nt "$srcdir/$s" ] || $CLANG $flags $CFLAGS_ALL -c "$srcdir/$s" -o "$o"
	objs="$objs $o"
done
export LSAN_OPTIONS="suppressions=$srcdir/tests/lsan.supp:print_suppressions=0"
status=0
for t in "$@"; do
	src=${t%%:*}; corpus=${t#*:}
	name=$(basename "$src" .c)
	# shellcheck disable=SC2086
	$CLANG $flags -fsanitize=fuzzer $CFLAGS_ALL "$srcdir/$src" $objs $LIBS_ALL -lm -lpthread -o "$out/$name"
	rm -rf "$out/$name.corpus"; cp -r "$srcdir/$corpus" "$out/$name.corpus"
	echo "== $name: $secs s"
	rm -f "$out/$name"-crash-* "$out/$name"-leak-* "$out/$name"-timeout-* "$out/$name"-oom-*
	(cd "$out" && "./$name" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$name-" "$name.corpus" 2>"$name.log") || status=1
	grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|ERROR|SUMMARY' "$out/$name.log" || true
	ls "$out/$name"-crash-* "$out/$name"-leak-* "$out/$name"-timeout-* "$out/$name"-oom-* 2>/dev/null ||
		echo "   no crashes, leaks or timeouts"
done
exit $status

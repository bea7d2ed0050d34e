#!/bin/sh
# The programs: infiniloop-tui (the screen and --remote) links none of the
# audio, analysis and storage libraries and hands every other mode to
# infiniloop-engine, in the same process (exec), with the same command
# line; without the engine program it says what is missing. The composer's
# renderer, infiniloop-fluid, links none of them either, nor FluidSynth,
# which it alone opens.
. "${top_srcdir:-.}/tests/lib.sh"
ENG="${IL_ENGINE_BIN:-$(dirname "$IL_BIN")/infiniloop-engine}"
FL="$(dirname "$IL_BIN")/infiniloop-fluid"
[ -x "$ENG" ] && pass "the engine program is built beside infiniloop-tui" || fail "no $ENG"
[ -x "$FL" ] && pass "the renderer is built beside infiniloop-tui" || fail "no $FL"

# What each program links.
if command -v readelf >/dev/null 2>&1; then
	readelf -d "$IL_BIN" >"$TEST_TMP/tui.dyn" 2>/dev/null
	readelf -d "$ENG" >"$TEST_TMP/eng.dyn" 2>/dev/null
	readelf -d "$FL" >"$TEST_TMP/fl.dyn" 2>/dev/null
	for lib in libpulse libasound libsndfile libfftw3f libsqlite3 libebur128 libsamplerate libncursesw libfluidsynth; do
		grep -q "NEEDED.*\[$lib\." "$TEST_TMP/fl.dyn" && fail "infiniloop-fluid links $lib" ||
			pass "infiniloop-fluid does not link $lib"
	done
	grep -q "NEEDED.*\[libfluidsynth\." "$TEST_TMP/eng.dyn" "$TEST_TMP/tui.dyn" &&
		fail "the screen or the engine links FluidSynth" || pass "neither the screen nor the engine links FluidSynth"
	for lib in libpulse libasound libsndfile libfftw3f libsqlite3 libebur128 libsamplerate; do
		grep -q "NEEDED.*\[$lib\." "$TEST_TMP/tui.dyn" && fail "infiniloop-tui links $lib" ||
			pass "infiniloop-tui does not link $lib"
		grep -q "NEEDED.*\[$lib\." "$TEST_TMP/eng.dyn" && pass "infiniloop-engine links $lib" ||
			fail "infiniloop-engine does not link $lib"
	done
	grep -q "NEEDED.*\[libncursesw\." "$TEST_TMP/tui.dyn" && pass "infiniloop-tui links ncursesw" ||
		fail "infiniloop-tui does not link ncursesw"
	grep -q "NEEDED.*\[libncursesw\." "$TEST_TMP/eng.dyn" && fail "infiniloop-engine links ncursesw" ||
		pass "infiniloop-engine does not link ncursesw"
else
	echo "note: readelf missing (Debian binutils): what each program links is not checked"
fi

# A mode handed over: the same process, the engine program's image.
: >"$TEST_TMP/none"
mkfifo "$TEST_TMP/in"
"$IL_BIN" --engine --output null <"$TEST_TMP/in" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
pid=$!
exec 3>"$TEST_TMP/in"
for _ in $(seq 100); do grep -q '^ready' "$TEST_TMP/out" && break; sleep 0.1; done
exe=$(readlink "/proc/$pid/exe" 2>/dev/null)
[ "$(basename "$exe")" = infiniloop-engine ] && pass "--engine runs infiniloop-engine in the same process" ||
	fail "--engine runs '$exe'"
echo quit >&3
exec 3>&-
wait "$pid"
expect_status 0 $? "the handed-over engine exits 0"

# The screen's program alone: the engine program is looked for in
# $INFINILOOP_LIBEXECDIR when it is set, else beside it, then in the
# package's libexec folder.
mkdir -p "$TEST_TMP/bin"
INFINILOOP_LIBEXECDIR="$TEST_TMP/bin" "$IL_BIN" --analyze "$TEST_TMP/none" >"$TEST_TMP/out" 2>&1
expect_status 1 $? "INFINILOOP_LIBEXECDIR without the engine program: exit 1"
expect_line "$TEST_TMP/out" "$TEST_TMP/bin/infiniloop-engine cannot be run \(\\\$INFINILOOP_LIBEXECDIR\)" \
	"INFINILOOP_LIBEXECDIR without the engine program: the path is named"
unset INFINILOOP_LIBEXECDIR
cp "$IL_BIN" "$TEST_TMP/bin/infiniloop-tui"
libexec=$(strings "$IL_BIN" 2>/dev/null | grep -m1 '/libexec/infiniloop-tui$' || true)
if [ -n "$libexec" ] && [ -x "$libexec/infiniloop-engine" ]; then
	echo "note: $libexec/infiniloop-engine is installed: the missing-program message is not checked"
else
	"$TEST_TMP/bin/infiniloop-tui" --analyze "$TEST_TMP/none" >"$TEST_TMP/out" 2>&1
	expect_status 1 $? "without the engine program: exit 1"
	expect_line "$TEST_TMP/out" 'infiniloop-engine cannot be run.*reinstall infiniloop-tui' \
		"without the engine program: it is named"
	"$TEST_TMP/bin/infiniloop-tui" --help >/dev/null 2>&1
	expect_status 0 $? "without the engine program: --help still works"
fi
finish

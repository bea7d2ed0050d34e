#!/bin/sh
# The composer's FluidSynth renderer, infiniloop-fluid: a program of its
# own that the engine runs (an exec, not a fork of the engine's threads),
# which refuses to run without a job, ends with the engine and is stopped
# after the setting 'timeout'. A FIFO as the soundfont holds the renderer
# in its load while the test looks at it.
. "${top_srcdir:-.}/tests/lib.sh"
unset GLIBC_TUNABLES
FL="$INFINILOOP_LIBEXECDIR/infiniloop-fluid"

"$FL" >"$TEST_TMP/out" 2>&1
expect_status 2 $? "no arguments: exit 2"
expect_line "$TEST_TMP/out" '^usage: .*infiniloop-fluid SOUNDFONT LIBRARY' "no arguments: the usage"
"$FL" /dev/null libfluidsynth.so.3 3<&- >"$TEST_TMP/out" 2>&1
expect_status 2 $? "no job on descriptor 3: exit 2"
expect_line "$TEST_TMP/out" 'no job of this version on descriptor 3' "no job: said so"
head -c 4096 /dev/zero >"$TEST_TMP/zeros"
cp "$TEST_TMP/zeros" "$TEST_TMP/job"
"$FL" /dev/null libfluidsynth.so.3 3<>"$TEST_TMP/job" >"$TEST_TMP/out" 2>&1
expect_status 2 $? "a job file of zeros: exit 2"
cmp -s "$TEST_TMP/zeros" "$TEST_TMP/job" && pass "a job file of zeros: left as it was" ||
	fail "the renderer wrote into a job it refused"

mkfifo "$TEST_TMP/sf2"
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'soundfont = "%s";\n' "$TEST_TMP/sf2" >"$XDG_CONFIG_HOME/infiniloop/config"
# renderer_of PID: the pid of PID's renderer child (at most 30 s), or "".
renderer_of() {
	_n=300
	while [ "$_n" -gt 0 ]; do
		_r=$(ps -o pid=,args= --ppid "$1" 2>/dev/null | awk '$2 ~ /infiniloop-fluid$/ { print $1; exit }')
		[ -n "$_r" ] && { echo "$_r"; return; }
		sleep 0.1
		_n=$((_n - 1))
	done
}
# gone PID: true once PID has ended (at most 10 s).
gone() {
	_n=100
	while [ "$_n" -gt 0 ]; do
		pid_running "$1" || return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}
for how in TERM KILL; do
	"$IL_BIN" --headless --output null -p "late jazz trio" >"$TEST_TMP/engine.$how" 2>&1 &
	eng=$!
	r=$(renderer_of "$eng")
	if [ -z "$r" ]; then
		fail "$how: no infiniloop-fluid started by the engine"
		kill -KILL "$eng" 2>/dev/null
		continue
	fi
	exe=$(readlink "/proc/$r/exe")
	[ "$exe" = "$(readlink -f "$FL")" ] && pass "$how: the engine runs the renderer program ($r)" ||
		fail "$how: the renderer's program is $exe"
	tr '\0' ' ' <"/proc/$r/cmdline" | grep -q " $TEST_TMP/sf2 " && pass "$how: with the soundfont as its argument" ||
		fail "$how: arguments $(tr '\0' ' ' <"/proc/$r/cmdline")"
	# Its samples in huge pages (util/tunables.h); the test runs with no
	# GLIBC_TUNABLES of its own.
	tr '\0' '\n' <"/proc/$r/environ" | grep -qx 'GLIBC_TUNABLES=glibc.malloc.hugetlb=1' &&
		pass "$how: the renderer runs with glibc.malloc.hugetlb=1" ||
		fail "$how: the renderer's GLIBC_TUNABLES: $(tr '\0' '\n' <"/proc/$r/environ" | grep TUNABLES)"
	kill -"$how" "$eng"
	gone "$r" && pass "$how: the renderer ends with the engine" || { fail "$how: the renderer $r is left"; kill -KILL "$r"; }
	wait "$eng" 2>/dev/null
done
# A renderer that does not finish within the setting 'timeout' is stopped,
# and the oscillators play its parts: the station goes on, and says so once.
printf 'soundfont = "%s";\ntimeout = 2;\n' "$TEST_TMP/sf2" >"$XDG_CONFIG_HOME/infiniloop/config"
"$IL_BIN" --headless --output null -p "late jazz trio" >"$TEST_TMP/engine.timeout" 2>&1 &
eng=$!
n=300
while [ "$n" -gt 0 ] && [ "$(grep -c '^loop ' "$TEST_TMP/engine.timeout")" -lt 2 ]; do sleep 0.1; n=$((n - 1)); done
kill -TERM "$eng"
wait "$eng" 2>/dev/null
expect_line "$TEST_TMP/engine.timeout" '^loop .*instruments="[^"]*\(synth\)' "timeout: the loops come, played by the oscillators"
expect_line "$TEST_TMP/engine.timeout" "^log level=warn msg=\"note: FluidSynth did not finish within 2 s and was stopped \(setting 'timeout'\); General MIDI instruments are played by oscillators\"" \
	"timeout: the engine says why"
[ "$(grep -c 'msg="note: ' "$TEST_TMP/engine.timeout")" = 1 ] && pass "timeout: said once for its loops" ||
	fail "timeout: said $(grep -c 'msg="note: ' "$TEST_TMP/engine.timeout") times"

# At build time the startup loops were rendered by the built renderer.
if [ -r /usr/share/sounds/sf2/FluidR3_GM.sf2 ]; then
	for w in startup1 startup2; do
		tags=$(strings -n 8 "$top_builddir/data/$w.wav" | grep -m1 'instruments=')
		echo "$tags" | grep -q 'instruments=' && ! echo "$tags" | grep -q '(synth)' &&
			pass "$w.wav: its instruments are General MIDI through FluidSynth" || fail "$w.wav: $tags"
	done
fi

left=$(ps -eo pid=,args= | grep -F "$TEST_TMP/sf2" | grep -v grep)
[ -z "$left" ] && pass "no renderer of this test left" || fail "renderers left: $left"
finish

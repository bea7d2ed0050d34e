#!/bin/sh
# The engine's generation side with --output null: a startup loop at once,
# loops generated in the background, status, stats and history events,
# failures that keep the current loop playing, history rows that survive
# kill -9 of the engine, the ETA taken from the history, and generators
# killed with their whole process group on stop and quit.
. "${top_srcdir:-.}/tests/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not found"; exit 77; }
command -v mkfifo >/dev/null 2>&1 || { echo "mkfifo not found"; exit 77; }
FAKE="$top_srcdir/tests/gen/fake-musicgpt"
DB="$XDG_DATA_HOME/infiniloop/history.db"
out="$TEST_TMP/out"; err="$TEST_TMP/err"
unset FAKE_MUSICGPT_MODE FAKE_MUSICGPT_ARGV FAKE_MUSICGPT_PIDS
epid=""
il_at_exit '[ -n "$epid" ] && kill -9 $epid 2>/dev/null'

start_engine() { # [OPTION...]: run the engine on a fifo; requests go through send
	rm -f "$TEST_TMP/in"; mkfifo "$TEST_TMP/in"
	: >"$out"; : >"$err" # here: the child truncates only once the fifo is open
	"$IL_BIN" --engine --output null "$@" <"$TEST_TMP/in" >"$out" 2>"$err" &
	epid=$!
	exec 3>"$TEST_TMP/in"
}
send() { printf '%s\n' "$1" >&3; }
wait_for() { # REGEX [TENTHS]: wait for an output line (default 60 s)
	n=${2:-600}; i=0
	while [ $i -lt "$n" ]; do grep -Eq -- "$1" "$out" && return 0; sleep 0.1; i=$((i + 1)); done
	return 1
}
check() { # REGEX WHAT
	if wait_for "$1"; then pass "$2"; else fail "$2 (no line /$1/)"; grep -v '^spectrum' "$out" | tail -20 | sed 's/^/  | /' >&2; fi
}
end_engine() { # quit and wait; sets rc
	send quit; exec 3>&-; wait $epid; rc=$?; epid=""
}
rows() { sqlite3 "$DB" "SELECT count(*) FROM attempts WHERE $1"; }
alive() { [ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" | grep -q '^[ZX]'; }
dead() { # PID...: wait up to 5 s for them to be gone
	i=0; while [ $i -lt 50 ]; do
		any=0; for p in "$@"; do alive "$p" && any=1; done
		[ $any -eq 0 ] && return 0; sleep 0.1; i=$((i + 1)); done
	return 1
}

# A synth station: the startup loop plays at once, then generated loops.
start_engine
send 'set key=min_duration value=10'
send 'start prompt="lo-fi hip hop, 80 bpm, A minor"'
check '^loop .*prompt="startup loop"' "a startup loop plays at once"
check '^gen state=running ' "generation runs in the background"
check '^gen state=analyzing ' "the clip is analysed"
check '^gen state=ready ' "the loop is ready"
check '^log level=info msg="new loop ready: ' "its timings are logged"
send status
check '^status state=playing .*prompt="lo-fi hip hop, 80 bpm, A minor" backend=synth model=builtin gen=[a-z]+ progress=[0-9.]+ eta=[0-9.]+ attempt=1' "status has the generation fields"
check '^status .* gen_seconds=([1-9][0-9]*\.[0-9]{2}|0\.(0[1-9]|[1-9][0-9])) analysis_ms=[1-9][0-9]*($| )' "status has the last loop's timings"
send 'stats limit=5'
check '^stat seconds=15 runs=[1-9][0-9]* ok=[1-9]' "stats per duration"
check '^history time=[0-9]+ backend=synth model=builtin prompt="lo-fi hip hop, 80 bpm, A minor" secs=15 actual=15.00 .*outcome=ok error="" loop_seconds=[1-9]' "recent history"
send stop
check '^gen state=stopped' "stop ends generation"
end_engine; expect_status 0 "$rc" "quit exits 0"
[ "$(tail -n 1 "$out")" = bye ] && pass "bye is the last line" || fail "no bye"
[ "$(rows "backend='synth' AND outcome='ok' AND loop_seconds > 2 AND bpm > 0 AND score > 0")" -ge 1 ] &&
	pass "history rows for the synth's loops" || fail "no synth rows"

# --prompt starts the station at launch.
start_engine --prompt "chiptune, 140 bpm, E minor"
check '^log level=info msg="station started: chiptune, 140 bpm, E minor' "--prompt starts the station"
check '^gen state=ready ' "--prompt: a loop is generated"
end_engine; expect_status 0 "$rc" "--prompt: quit exits 0"
grep -q '^last_prompt = "chiptune, 140 bpm, E minor";' "$XDG_CONFIG_HOME/infiniloop/config" &&
	pass "the prompt is saved as last_prompt" || fail "last_prompt not saved"

# Failures keep the current loop playing and say why.
start_engine
send 'set key=backend value=musicgpt'
send 'set key=musicgpt value=/nonexistent/musicgpt'
send 'start prompt="calm piano"'
check '^gen state=failed .*msg=".*setting .musicgpt.' "a missing MusicGPT is reported with the setting"
check '^loop .*prompt="startup loop"' "the startup loop plays anyway"
check '^log level=warn msg="generation gave up: .*keeps playing' "the user is told the loop keeps playing"
send status
check '^status state=playing .*gen=failed ' "status: playing, generation failed"
end_engine
[ "$(rows "backend='musicgpt' AND outcome='missing'")" = 1 ] && pass "a history row for the failure" || fail "no failure row"

# History rows survive kill -9 of the engine.
before_ok=$(rows "outcome='ok'")
export FAKE_MUSICGPT_MODE=exit1; start_engine; unset FAKE_MUSICGPT_MODE
send "set key=musicgpt value=\"$FAKE\""
send 'set key=retries value=0'
send 'set key=duration value=5'
send 'start prompt="dub, 75 bpm"'
check '^gen state=failed .*MusicGPT failed \(exit 1\): Failed to run inference' "MusicGPT's ERROR line reaches the user"
send 'set key=backend value=synth'
i=0; while [ "$(rows "outcome='ok'")" -le "$before_ok" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
kill -9 $epid; wait $epid 2>/dev/null; epid=""
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] && pass "the history is intact after kill -9" || fail "history damaged"
[ "$(rows "backend='musicgpt' AND outcome='error' AND error LIKE '%Failed to run inference%' AND secs=5")" -ge 1 ] &&
	pass "the failure row survived kill -9" || fail "failure row lost"
[ "$(rows "backend='synth' AND outcome='ok' AND secs=5")" -ge 1 ] && pass "the success row survived kill -9" || fail "success row lost"

# The ETA comes from the history (same backend, model and duration); stop
# and quit kill the generator's whole process group.
sqlite3 "$DB" "INSERT INTO attempts (time, backend, model, prompt, secs, wall, outcome) VALUES
	(1, 'musicgpt', 'small', 'a', 5, 40.0, 'ok'), (2, 'musicgpt', 'small', 'b', 5, 44.0, 'ok'),
	(3, 'musicgpt', 'small', 'c', 5, 42.0, 'ok'), (4, 'musicgpt', 'small', 'd', 10, 99.0, 'ok'),
	(5, 'musicgpt', 'medium', 'e', 5, 300.0, 'ok'), (6, 'musicgpt', 'small', 'f', 5, 1.0, 'error')"
export FAKE_MUSICGPT_MODE=hang FAKE_MUSICGPT_PIDS="$TEST_TMP/pids"; start_engine
unset FAKE_MUSICGPT_MODE FAKE_MUSICGPT_PIDS
send 'set key=backend value=musicgpt'
send 'start prompt="slow one"'
check '^gen state=running progress=[0-9.]+ eta=42\.0 attempt=1' "the ETA is the mean of the matching history rows"
i=0; while [ ! -s "$TEST_TMP/pids" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
read -r leader child _ <"$TEST_TMP/pids"
send status
check '^status .*gen=running progress=[0-9.]+ eta=42\.0 ' "status shows the ETA"
send stop
check '^gen state=stopped' "stop is acknowledged"
dead "$leader" "$child" && pass "stop killed the generator and its child" || fail "stop left $leader/$child running"
rm -f "$TEST_TMP/pids"
send 'start prompt="slow again"'
i=0; while [ ! -s "$TEST_TMP/pids" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
read -r leader child _ <"$TEST_TMP/pids"
end_engine; expect_status 0 "$rc" "quit during a generation exits 0"
dead "$leader" "$child" && pass "quit killed the generator and its child" || fail "quit left $leader/$child running"
[ "$(rows "backend='musicgpt' AND outcome='stopped'")" -ge 2 ] && pass "stopped attempts are recorded" || fail "no stopped rows"

# kill -9 of the engine during a generation: the generator and what it
# started die with it (its guard kills the whole group).
rm -f "$TEST_TMP/pids"
export FAKE_MUSICGPT_MODE=hang FAKE_MUSICGPT_PIDS="$TEST_TMP/pids"; start_engine
unset FAKE_MUSICGPT_MODE FAKE_MUSICGPT_PIDS
send 'start prompt="killed mid-way"'
i=0; while [ ! -s "$TEST_TMP/pids" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
read -r leader child group <"$TEST_TMP/pids"
kill -9 $epid; wait $epid 2>/dev/null; epid=""
i=0; while [ $i -lt 50 ] && ! dead "$leader" "$child"; do sleep 0.1; i=$((i + 1)); done
dead "$leader" "$child" && pass "kill -9 of the engine takes the generator and its child along" ||
	fail "kill -9 left $leader/$child running"
# (zombies are dead: where PID 1 does not reap, they stay listed)
left=$(ps -e -o pgid=,stat= | awk -v g="$group" '$1 == g && $2 !~ /^Z/' | wc -l)
[ "$left" -eq 0 ] && pass "no live process of the generator's group is left" || fail "$left processes left in group $group"

# The original's benchdata.json, copied next to the history, is imported once.
printf '[{"duration_requested": 8, "generation_time": 75.5},\n {"duration_requested": 12, "generation_time": 101.25}]\n' \
	>"$XDG_DATA_HOME/infiniloop/benchdata.json"
printf 'set key=backend value=musicgpt\nset key=duration value=8\nstats\n' | "$IL_BIN" --engine --output null >"$out" 2>&1
expect_line "$out" '^log level=info msg="imported 2 runs from .*benchdata.json"' "benchdata.json is imported"
expect_line "$out" '^stat seconds=8 runs=1 ok=1 avg=75.50$' "its runs count in the statistics"
printf 'stats\n' | "$IL_BIN" --engine --output null >"$out" 2>&1
[ "$(rows "source='benchdata'")" = 2 ] && pass "imported once, not twice" || fail "benchdata rows: $(rows "source='benchdata'")"
finish

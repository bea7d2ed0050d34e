#!/bin/sh
# The engine's generation side with --output null: a startup loop at once,
# loops generated in the background, status, stats and history events,
# failures that keep the current loop playing, history rows that survive
# kill -9 of the engine, the ETA taken from the history, and generators
# killed with their whole process group on stop and quit.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not found"; exit 77; }
command -v mkfifo >/dev/null 2>&1 || { echo "mkfifo not found"; exit 77; }
FAKE="$top_srcdir/tests/gen/fake-musicgpt"
DB="$XDG_DATA_HOME/infiniloop/history.db"
out="$TEST_TMP/out"
unset FAKE_MUSICGPT_MODE FAKE_MUSICGPT_ARGV FAKE_MUSICGPT_PIDS
rows() { sqlite3 "$DB" "SELECT count(*) FROM attempts WHERE $1"; }
# More than N rows with outcome ok.
ok_rows_above() { [ "$(rows "outcome='ok'")" -gt "$1" ]; }

# A synth station: the startup loop plays at once, then generated loops.
engine_start --engine --output null
engine_send 'set key=min_duration value=10'
engine_send 'start prompt="lo-fi hip hop, 80 bpm, A minor"'
expect_event '^loop .*prompt="startup loop"' "a startup loop plays at once"
expect_event '^gen state=running ' "generation runs in the background"
expect_event '^gen state=analyzing ' "the clip is analysed"
expect_event '^gen state=ready ' "the loop is ready"
expect_event '^log level=info msg="new loop ready: ' "its timings are logged"
engine_send status
expect_event '^status state=playing .*prompt="lo-fi hip hop, 80 bpm, A minor" backend=synth model=builtin gen=[a-z]+ progress=[0-9.]+ eta=[0-9.]+ attempt=1' "status has the generation fields"
expect_event '^status .* gen_seconds=([1-9][0-9]*\.[0-9]{2}|0\.(0[1-9]|[1-9][0-9])) analysis_ms=[1-9][0-9]*($| )' "status has the last loop's timings"
engine_send 'stats limit=5'
expect_event '^stat seconds=15 runs=[1-9][0-9]* ok=[1-9]' "stats per duration"
expect_event '^history time=[0-9]+ backend=synth model=builtin prompt="lo-fi hip hop, 80 bpm, A minor" secs=15 actual=15.00 .*outcome=ok error="" loop_seconds=[1-9]' "recent history"
engine_send stop
expect_event '^gen state=stopped' "stop ends generation"
engine_quit; expect_status 0 "$ENGINE_STATUS" "quit exits 0"
[ "$(tail -n 1 "$ENGINE_EV")" = bye ] && pass "bye is the last line" || fail "no bye"
[ "$(rows "backend='synth' AND outcome='ok' AND loop_seconds > 2 AND bpm > 0 AND score > 0")" -ge 1 ] &&
	pass "history rows for the synth's loops" || fail "no synth rows"

# --prompt starts the station at launch.
engine_start --engine --output null --prompt "chiptune, 140 bpm, E minor"
expect_event '^log level=info msg="station started: chiptune, 140 bpm, E minor' "--prompt starts the station"
expect_event '^gen state=ready ' "--prompt: a loop is generated"
engine_quit; expect_status 0 "$ENGINE_STATUS" "--prompt: quit exits 0"
grep -q '^last_prompt = "chiptune, 140 bpm, E minor";' "$HOME/.local/state/infiniloop/state" &&
	pass "the prompt is saved as last_prompt" || fail "last_prompt not saved"

# Failures keep the current loop playing and say why.
engine_start --engine --output null
engine_send 'set key=backend value=musicgpt'
engine_send 'set key=musicgpt value=/nonexistent/musicgpt'
engine_send 'start prompt="calm piano"'
expect_event '^gen state=failed .*msg=".*setting .musicgpt.' "a missing MusicGPT is reported with the setting"
expect_event '^loop .*prompt="startup loop"' "the startup loop plays anyway"
expect_event '^log level=warn msg="generation gave up: .*keeps playing' "the user is told the loop keeps playing"
engine_send status
expect_event '^status state=playing .*gen=failed ' "status: playing, generation failed"
engine_quit
[ "$(rows "backend='musicgpt' AND outcome='missing'")" = 1 ] && pass "a history row for the failure" || fail "no failure row"

# History rows survive kill -9 of the engine.
before_ok=$(rows "outcome='ok'")
engine_start FAKE_MUSICGPT_MODE=exit1 --engine --output null
engine_send "set key=musicgpt value=\"$FAKE\""
engine_send 'set key=retries value=0'
engine_send 'set key=duration value=5'
engine_send 'start prompt="dub, 75 bpm"'
expect_event '^gen state=failed .*MusicGPT failed \(exit 1\): Failed to run inference' "MusicGPT's ERROR line reaches the user"
engine_send 'set key=retries value=3' # (a loaded machine may time out an attempt)
engine_send 'set key=backend value=synth'
retry_until 120 ok_rows_above "$before_ok" || echo "note: no new ok row within 120 s"
engine_kill
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
engine_start FAKE_MUSICGPT_MODE=hang FAKE_MUSICGPT_PIDS="$TEST_TMP/pids" --engine --output null
engine_send 'set key=backend value=musicgpt'
engine_send 'start prompt="slow one"'
expect_event '^gen state=running progress=[0-9.]+ eta=42\.0 attempt=1' "the ETA is the mean of the matching history rows"
retry_until 10 test -s "$TEST_TMP/pids"
read -r leader child _ <"$TEST_TMP/pids"
engine_send status
expect_event '^status .*gen=running progress=[0-9.]+ eta=42\.0 ' "status shows the ETA"
engine_send stop
expect_event '^gen state=stopped' "stop is acknowledged"
retry_until 5 procs_gone "$leader" "$child" && pass "stop killed the generator and its child" || fail "stop left $leader/$child running"
rm -f "$TEST_TMP/pids"
engine_send 'start prompt="slow again"'
retry_until 10 test -s "$TEST_TMP/pids"
read -r leader child _ <"$TEST_TMP/pids"
engine_quit; expect_status 0 "$ENGINE_STATUS" "quit during a generation exits 0"
retry_until 5 procs_gone "$leader" "$child" && pass "quit killed the generator and its child" || fail "quit left $leader/$child running"
[ "$(rows "backend='musicgpt' AND outcome='stopped'")" -ge 2 ] && pass "stopped attempts are recorded" || fail "no stopped rows"

# kill -9 of the engine during a generation: the generator and what it
# started die with it (its guard kills the whole group).
rm -f "$TEST_TMP/pids"
engine_start FAKE_MUSICGPT_MODE=hang FAKE_MUSICGPT_PIDS="$TEST_TMP/pids" --engine --output null
engine_send 'start prompt="killed mid-way"'
retry_until 10 test -s "$TEST_TMP/pids"
read -r leader child group <"$TEST_TMP/pids"
engine_kill
retry_until 30 procs_gone "$leader" "$child" && pass "kill -9 of the engine takes the generator and its child along" ||
	fail "kill -9 left $leader/$child running"
# (zombies are dead: where PID 1 does not reap, they stay listed)
group_live() { ps -e -o pgid=,stat= | awk -v g="$group" '$1 == g && $2 !~ /^Z/' | wc -l; }
group_empty() { [ "$(group_live)" -eq 0 ]; }
retry_until 10 group_empty  # the guard may still be on its way out under load
left=$(group_live)
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

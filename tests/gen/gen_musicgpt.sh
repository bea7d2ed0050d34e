#!/bin/sh
# --generate-only with the MusicGPT backend driven against tests/gen/fake-musicgpt:
# success (the loop written with its loop points, a history row), exit 1
# with MusicGPT's ERROR line, a hang killed at the timeout with its whole
# process group, truncated, silent and NaN clips, a missing binary, and a
# prompt with quotes, $(), ; and a newline reaching argv byte for byte.
. "${top_srcdir:-.}/tests/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not found"; exit 77; }
FAKE="$top_srcdir/tests/gen/fake-musicgpt"
DB="$XDG_DATA_HOME/infiniloop/history.db"
out="$TEST_TMP/out"; err="$TEST_TMP/err"
unset FAKE_MUSICGPT_MODE FAKE_MUSICGPT_ARGV FAKE_MUSICGPT_PIDS

# Settings through the engine: the fake as the MusicGPT binary, 5 s clips, no retries.
printf 'set key=backend value=musicgpt\nset key=musicgpt value="%s"\nset key=duration value=5\nset key=retries value=0\n' "$FAKE" |
	"$IL_BIN" --engine --output null >"$out" 2>&1
expect_line "$out" '^setting key=musicgpt value=' "the fake is set as the MusicGPT binary"

gen() { # MODE: run --generate-only with the fake in MODE; sets rc
	FAKE_MUSICGPT_MODE=$1 "$IL_BIN" --generate-only "calm piano" "$TEST_TMP/loop.wav" >"$out" 2>"$err"
	rc=$?
}
rows() { sqlite3 "$DB" "SELECT count(*) FROM attempts WHERE $1"; }

gen ok; expect_status 0 "$rc" "a good clip: exit 0"
expect_line "$out" 'loop\.wav: loop [0-9]+-[0-9]+ of 158080 frames .* at 32000 Hz' "the loop of a (5*50-3)*640-sample clip is reported"
grep -q smpl "$TEST_TMP/loop.wav" && pass "the loop points are in a smpl chunk" || fail "no smpl chunk"
"$IL_BIN" --analyze "$TEST_TMP/loop.wav" >"$out" 2>&1; expect_status 0 $? "the written loop can be analysed"
[ "$(rows "outcome='ok' AND backend='musicgpt' AND model='small' AND secs=5 AND actual BETWEEN 4.93 AND 4.95 AND loop_seconds > 0")" = 1 ] &&
	pass "a history row for the success" || fail "no history row for the success: $(sqlite3 "$DB" 'SELECT * FROM attempts')"

gen exit1; expect_status 1 "$rc" "MusicGPT exit 1: exit 1"
expect_line "$err" 'MusicGPT failed \(exit 1\): Failed to run inference' "its ERROR line is shown"
[ "$(rows "outcome='error' AND error LIKE '%Failed to run inference%'")" = 1 ] && pass "a history row for the failure" || fail "no failure row"

for m in truncated:'expected 158080' short:'has 78720 samples' silent:'silent' nan:'NaN'; do
	gen "${m%%:*}"; expect_status 1 "$rc" "${m%%:*} clip: exit 1"
	expect_line "$err" "${m#*:}" "${m%%:*} clip: the reason is given"
done
[ "$(rows "outcome='invalid'")" = 4 ] && pass "four rows for the invalid clips" || fail "invalid rows: $(rows "outcome='invalid'")"

# A hang: killed at the timeout with its child, nothing left running.
printf 'set key=timeout value=2\n' | "$IL_BIN" --engine --output null >/dev/null 2>&1
FAKE_MUSICGPT_PIDS="$TEST_TMP/pids" FAKE_MUSICGPT_MODE=hang "$IL_BIN" --generate-only x "$TEST_TMP/loop.wav" >"$out" 2>"$err"
expect_status 1 $? "a hung generator: exit 1"
expect_line "$err" 'did not finish within 2 s and was stopped' "the timeout is named"
read -r leader child <"$TEST_TMP/pids"
alive() { [ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" | grep -q '^[ZX]'; }
i=0; while { alive "$leader" || alive "$child"; } && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
alive "$leader" && fail "the generator $leader still runs" || pass "the generator was killed"
alive "$child" && fail "its child $child was left behind" || pass "its child was killed too (no orphan)"
[ "$(rows "outcome='timeout'")" = 1 ] && pass "a history row for the timeout" || fail "no timeout row"
printf 'set key=timeout value=0\n' | "$IL_BIN" --engine --output null >/dev/null 2>&1

# The prompt reaches argv byte for byte: quotes, $(), ;, a newline.
prompt="say \"hi\" 'you' \$(touch $TEST_TMP/pwned); \`id\` & done
second line"
FAKE_MUSICGPT_ARGV="$TEST_TMP/argv" "$IL_BIN" --generate-only "$prompt" "$TEST_TMP/loop.wav" >"$out" 2>"$err"
expect_status 0 $? "a prompt full of shell syntax: exit 0"
clip=$(tr '\000' '\n' <"$TEST_TMP/argv" | sed -n 6p)
printf '%s\000' --model small --secs 5 --output "$clip" --no-playback --no-interactive -- "$prompt" >"$TEST_TMP/want"
cmp -s "$TEST_TMP/argv" "$TEST_TMP/want" && pass "argv is exactly as expected, prompt byte for byte" ||
	{ fail "argv differs"; od -c "$TEST_TMP/argv" | head -20 >&2; }
[ -e "$TEST_TMP/pwned" ] && fail "the prompt was run by a shell" || pass "nothing in the prompt was executed"

# The command backend: the template from the settings file, run without a shell.
cfgfile="$XDG_CONFIG_HOME/infiniloop/config"
sed -i "s|^command = .*|command = [\"$FAKE\", \"--secs\", \"{secs}\", \"--output\", \"{output}\", \"--no-interactive\", \"--data-path\", \"/s/{seed}\", \"--\", \"{prompt}\"];|" "$cfgfile"
FAKE_MUSICGPT_ARGV="$TEST_TMP/argv" "$IL_BIN" --generate-only "$prompt" "$TEST_TMP/loop.wav" --backend command --seed 77 >"$out" 2>"$err"
expect_status 0 $? "the command backend: exit 0"
expect_line "$out" 'loop\.wav: loop .* command, seed 77' "the command backend made the loop"
clip=$(tr '\000' '\n' <"$TEST_TMP/argv" | sed -n 4p)
printf '%s\000' --secs 5 --output "$clip" --no-interactive --data-path /s/77 -- "$prompt" >"$TEST_TMP/want"
cmp -s "$TEST_TMP/argv" "$TEST_TMP/want" && pass "placeholders replaced, prompt byte for byte" ||
	{ fail "command argv differs"; od -c "$TEST_TMP/argv" | head -20 >&2; }
[ "$(rows "backend='command' AND model='fake-musicgpt' AND outcome='ok'")" = 1 ] &&
	pass "a history row names the command's program" || fail "no command row"

# A missing binary: a clear message naming the setting.
printf 'set key=musicgpt value=/nonexistent/musicgpt\n' | "$IL_BIN" --engine --output null >/dev/null 2>&1
gen ok; expect_status 1 "$rc" "a missing binary: exit 1"
expect_line "$err" "MusicGPT was not found at '/nonexistent/musicgpt' \(setting 'musicgpt'\)" "the setting is named"
expect_line "$err" 'github.com/gabotechs/MusicGPT' "how to install it is said"
[ "$(rows "outcome='missing'")" = 1 ] && pass "a history row for the missing binary" || fail "no missing row"
finish

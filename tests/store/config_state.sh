#!/bin/sh
# The config holds what the user set; one-run options and runtime state
# (volume, last prompt, debug) never land in it. The state file lives under
# $XDG_STATE_HOME/infiniloop/. A `set` rewrites the file as it is on disk.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
out="$TEST_TMP/out"; err="$TEST_TMP/err"
cfg="$XDG_CONFIG_HOME/infiniloop/config"
state="$HOME/.local/state/infiniloop/state"

# One-run options apply to the run only, even when a prompt starts.
printf 'debug on=1\nstart prompt="calm piano"\nvolume level=40\nstatus\n' |
	"$IL_BIN" --engine --output null --seed 42 -d 20 --theme light --backend synth >"$out" 2>"$err"
expect_status 0 $? "engine with one-run options exits 0"
expect_line "$out" '^status .*output=null' "--output is used for the run"
[ -f "$cfg" ] && pass "the config is created on first run" || fail "no config"
grep -q '^output = "auto";' "$cfg" && pass "--output is not written" || fail "--output written: $(grep '^output' "$cfg")"
grep -q '^seed = 0;' "$cfg" && pass "--seed is not written" || fail "--seed written: $(grep '^seed' "$cfg")"
grep -q '^duration = 15;' "$cfg" && pass "-d is not written" || fail "-d written: $(grep '^duration' "$cfg")"
grep -q '^theme = "default";' "$cfg" && pass "--theme is not written" || fail "--theme written: $(grep '^theme' "$cfg")"
grep -Eq '^(volume|last_prompt|debug) ' "$cfg" && fail "runtime state in the config" || pass "no runtime state in the config"
expect_line "$state" '^volume = 40;' "the volume is kept in the state file"
expect_line "$state" '^last_prompt = "calm piano";' "the last prompt is kept in the state file"
expect_line "$state" '^debug = false;' ":debug on lasts for the run only"

# The next plain run has the state back and the config's values.
printf 'status\nsettings\n' | "$IL_BIN" --engine >"$out" 2>"$err"
expect_line "$out" '^setting key=volume value=40 ' "the volume comes back from the state file"
expect_line "$out" '^setting key=seed value=0 ' "the seed is the config's"
expect_line "$out" '^setting key=output value=auto( |$)' "the output is the config's"

# A volume step never rewrites the config.
sum=$(cksum <"$cfg")
printf 'volume delta=-5\nset key=volume value=30\nset key=last_prompt value=x\n' | "$IL_BIN" --engine --output null >"$out" 2>"$err"
[ "$(cksum <"$cfg")" = "$sum" ] && pass "volume and state leave the config alone" || fail "the config was rewritten"
expect_line "$state" '^volume = 30;' "set key=volume goes to the state file"

# command and presets go through `set` like any other key.
printf '%s\n' 'set key=presets value="({ name = \"Mine\"; prompt = \"my tune\"; })"' \
	'set key=command value="[\"gen\", \"{prompt}\"]"' 'settings' |
	"$IL_BIN" --engine --output null >"$out" 2>"$err"
expect_line "$out" '^preset index=0 name=Mine prompt="my tune"$' "set key=presets gives the new list"
[ "$(grep -c '^preset ' "$out")" -eq 2 ] && pass "one preset, listed after set and settings" || fail "presets: $(grep -c '^preset ' "$out") events"
expect_line "$out" '^setting key=command value="\[\\"gen\\", \\"\{prompt\}\\"\]"( |$)' "settings lists the command template"
expect_line "$cfg" '^presets = \($' "the presets are written to the config"
expect_line "$cfg" '^command = \["gen", "\{prompt\}"\];$' "the command is written to the config"

# set rewrites the file on disk: a hand edit made while the engine runs,
# comments, unknown keys and @include lines stay; a symlink stays a link.
printf 'retries = 3;\n' >"$TEST_TMP/inc.cfg"
printf '# mine\nduration = 20; # note\n@include "%s"\nmystery = 1;\nminduration = 40;\n' "$TEST_TMP/inc.cfg" >"$TEST_TMP/real.cfg"
rm -f "$cfg"; ln -s "$TEST_TMP/real.cfg" "$cfg"
engine_start --engine --output null
engine_send 'ping id=up'
expect_event '^pong id=up' "the engine runs with its settings loaded"
sed -i 's/^duration = 20;/duration = 25;/' "$TEST_TMP/real.cfg"   # a hand edit while it runs
engine_send 'set key=crossfade value=4'
engine_send 'set key=minduration value=50'
engine_send 'set key=retries value=2'
expect_event '^setting key=retries value=2 ' "the sets are answered"
engine_quit; out=$ENGINE_EV
expect_status 0 "$ENGINE_STATUS" "engine exits 0 after the sets"
[ -L "$cfg" ] && pass "the symlinked config is still a symlink" || fail "the symlink was replaced"
expect_line "$TEST_TMP/real.cfg" '^# mine$' "comments are kept"
expect_line "$TEST_TMP/real.cfg" '^duration = 25; # note$' "the hand edit is kept"
expect_line "$TEST_TMP/real.cfg" '^@include ' "@include lines are kept"
expect_line "$TEST_TMP/real.cfg" '^mystery = 1;$' "unknown keys are kept"
expect_line "$TEST_TMP/real.cfg" '^min_duration = 50;$' "the alias's entry is replaced"
[ "$(grep -c 'min_*duration' "$TEST_TMP/real.cfg")" -eq 1 ] && pass "no second min_duration" || fail "min_duration doubled"
expect_line "$TEST_TMP/real.cfg" '^crossfade = 4;$' "the set key is appended"
expect_line "$TEST_TMP/inc.cfg" '^retries = 2;$' "a key from an included file is changed there"
grep -q 'unknown setting' "$out" && grep -q "unknown setting 'minduration'" "$out" &&
	fail "the alias minduration is refused in the file" || pass "minduration is accepted in the file"
finish

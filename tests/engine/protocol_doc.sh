#!/bin/sh
# The protocol as protocol.h and the man page say: errors carry the verb of
# the request that caused them (volume, start), one `gen state=failed` per
# give-up, every `gen` event carries progress, eta, attempt and elapsed, no
# ETA while nothing generates, `volume` with both level and delta refused.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"

# A state folder that cannot be made (a file is in the way): saving
# the state fails, and the error names the request.
: >"$TEST_TMP/file"
engine_start XDG_STATE_HOME="$TEST_TMP/file/state" --engine --output null
engine_send "volume delta=1"
expect_event '^error code=io .*verb=volume$' "a failed save under volume says verb=volume"
engine_send 'start prompt="ambient"'
expect_event '^error code=io .*verb=start$' "a failed save under start says verb=start"
engine_seen '^error .*verb=set$' && fail "an error says verb=set for a request that was not set" ||
	pass "no verb=set for volume or start"
engine_send "volume level=10 delta=5"
expect_event '^error code=bad_value msg="give .level. or .delta., not both" verb=volume$' "volume with both fields is refused"
engine_send status
expect_event '^status .* volume=' "status answers"
grep -q '^status .* volume=10 ' "$ENGINE_EV" && fail "level won silently" || pass "level did not win silently"
engine_send stop
expect_event '^gen state=stopped progress=0\.000 eta=0\.0 attempt=[0-9]+ elapsed=0\.0$' "gen state=stopped carries every field"
engine_quit

# A generator that always fails, with one retry: one `failed` event.
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'backend = "command";\ncommand = ["/bin/false", "{output}"];\nretries = 1;\n' \
	>"$XDG_CONFIG_HOME/infiniloop/config"
engine_start --engine --output null
engine_send 'start prompt="ambient"'
expect_event '^gen state=retry progress=[0-9.]+ eta=0\.0 attempt=1 wait=[0-9.]+ msg=.* elapsed=0\.0$' "a retry carries no ETA: nothing generates while waiting"
expect_event '^gen state=failed .*msg=".*gave up after 2 attempts' "the give-up is reported" 60
engine_send "ping id=after"
engine_wait '^pong id=after' 20
n=$(grep -c '^gen state=failed' "$ENGINE_EV")
[ "$n" -eq 1 ] && pass "one gen state=failed per give-up" || fail "$n gen state=failed events for one give-up"
engine_send status
expect_event '^status .* gen=failed progress=0\.000 eta=0\.0 ' "status: no ETA after the give-up"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
finish

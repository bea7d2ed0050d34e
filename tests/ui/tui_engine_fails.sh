#!/bin/sh
# An engine that cannot start (its settings folder is a file) is restarted
# a few times, then the station stops trying and says why; it still quits
# cleanly. The terminal is wide enough for the whole reason on the last row.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"
utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
mkdir -p "$TEST_TMP/tmp"
: >"$TEST_TMP/afile"
start_station 160 24 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 TMPDIR=$TEST_TMP/tmp XDG_CONFIG_HOME=$TEST_TMP/afile --
expect_screen 'cannot read settings .*afile/infiniloop/config: Not a directory' "the engine's reason is shown" 20
expect_screen 'failed 3 times at start; not restarting it' "after 3 quick failures the station stops restarting it" 30
expect_screen 'engine failed' "the status row says the engine failed" 5
# Keys that send a request say it was not sent, each its own.
T send-keys -t "$UI_PANE" +
expect_screen "the engine is not running; 'volume' was not sent" "+ with no engine: the volume was not sent" 5
T send-keys -t "$UI_PANE" n
expect_screen "the engine is not running; 'skip' was not sent" "n with no engine: the skip was not sent" 5
T send-keys -t "$UI_PANE" M
expect_screen "warn +the engine is not running; 'skip' was not sent" "the messages list the skip not sent" 5
expect_no_screen "next loop" "the messages do not say 'next loop' for a skip not sent"
T send-keys -t "$UI_PANE" x
T send-keys -t "$UI_PANE" p
expect_screen "^Prompt:" "p opens the prompt" 5
T send-keys -t "$UI_PANE" "calm piano" Enter
expect_screen "the engine is not running; 'start' was not sent" "a prompt with no engine: the start was not sent" 5
expect_no_screen "starting:|State: +generating" "a prompt with no engine: no generation is shown"
sleep 3
[ -z "$(engine_pid)" ] && pass "no engine is started again" || fail "an engine runs again: $(engine_pid)"
T send-keys -t "$UI_PANE" q
expect_clean_exit 0 "quit after the engine failed" ""
finish

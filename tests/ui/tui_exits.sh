#!/bin/sh
# Every exit path restores the terminal (SIGTERM, SIGINT, SIGHUP, a killed
# terminal, an unknown TERM); signals end the client only and the engine
# plays on; q leaves no process behind; a killed engine is reported and
# restarted; ^Z stops the client only and fg redraws it; NO_COLOR,
# --no-color, --ascii and --theme are honoured.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"
utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
mkdir -p "$TEST_TMP/tmp" "$XDG_CONFIG_HOME/infiniloop"
# No music at launch: q must quit at once, stopping the idle engine (it asks
# whether the music stops when there is music).
printf 'autostart = false;\n' >"$XDG_CONFIG_HOME/infiniloop/config"
U="TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 TMPDIR=$TEST_TMP/tmp"

# A signal to the station, or its terminal going away (an ssh link that
# drops), ends that client only: the terminal is restored and the engine
# plays on, and the next station attaches to the same engine.
eng=""
for sig in TERM INT HUP; do
	start_station 80 24 $U --
	expect_screen 'Lo-fi Study' "SIG$sig: the station is up"
	now=$(engine_pid)
	[ -n "$now" ] && pass "SIG$sig: an engine runs" || fail "SIG$sig: no engine"
	[ -z "$eng" ] || { [ "$now" = "$eng" ] && pass "SIG$sig: the station attached to the running engine" ||
		fail "SIG$sig: a new engine ($now, before $eng)"; }
	eng=$now
	kill -"$sig" "$UI_PID"
	case $sig in TERM) st=143 ;; INT) st=130 ;; HUP) st=129 ;; esac
	expect_clean_exit "$st" "SIG$sig" ""
	pid_running "$eng" && pass "SIG$sig: the engine plays on" || fail "SIG$sig: the engine ended"
	stop_station
done
start_station 80 24 $U --
expect_screen 'Lo-fi Study' "dropped terminal: the station is up"
ui=$UI_PID
T kill-session -t ui
n=0; while [ $n -lt 100 ] && pid_running "$ui"; do sleep 0.1; n=$((n+1)); done
pid_running "$ui" && fail "dropped terminal: the station still runs" || pass "dropped terminal: the station ended"
pid_running "$eng" && pass "dropped terminal: the engine plays on" || fail "dropped terminal: the engine ended"
"$IL_BIN" --remote quit >/dev/null 2>&1
expect_status 0 $? "--remote quit stops it"
n=0; while [ $n -lt 100 ] && pid_running "$eng"; do sleep 0.1; n=$((n+1)); done
pid_running "$eng" && fail "--remote quit: the engine still runs" || pass "--remote quit: the engine ended"

# The engine dies: the station says so and starts a new one.
start_station 80 24 $U --
expect_screen 'Lo-fi Study' "engine death: the station is up"
eng=$(engine_pid)
kill -9 "$eng"
expect_screen 'the engine stopped \(killed by signal 9 \(Killed\)\); restarting' \
	"engine death: the station says the engine stopped, and not with its last news as the reason" 10
expect_screen 'engine restarted' "engine death: the engine is restarted" 20
eng2=$(engine_pid)
[ -n "$eng2" ] && [ "$eng2" != "$eng" ] && pass "engine death: a new engine runs ($eng2)" || fail "engine death: no new engine"
T send-keys -t "$UI_PANE" F4
expect_screen 'min_duration +30' "engine death: the new engine answers"
T send-keys -t "$UI_PANE" q
expect_clean_exit 0 "engine death: q" "$eng2"
left=$(ls -d "$TEST_TMP"/tmp/* "$XDG_RUNTIME_DIR"/infiniloop/tmp.* 2>/dev/null | wc -l)
[ "$left" -eq 0 ] && pass "engine death: no temporary files left, not even the killed engine's" ||
	fail "engine death: $left temporary folders left in $TEST_TMP/tmp or the runtime folder"
stop_station

# An unknown TERM is a clear message, not an abort.
start_station 80 24 TERM=no-such-terminal LANG=C --
expect_clean_exit 1 "unknown TERM" ""
msg=$(T capture-pane -p -J -t "$UI_PANE" | tr -d '\n')
case $msg in *"no terminfo entry for TERM 'no-such-terminal'"*) pass "unknown TERM: the message names the TERM" ;;
	*) fail "unknown TERM: no message naming the TERM: $msg" ;; esac
case $msg in *"try TERM=xterm-256color"*) pass "unknown TERM: the message says what to do" ;;
	*) fail "unknown TERM: no hint: $msg" ;; esac
stop_station

# Colours: escape sequences with colours by default, none with NO_COLOR or --no-color.
colours() { T capture-pane -e -p -t "$UI_PANE" | grep -c "$(printf '\033')\[[0-9;]*\(3[0-7]\|38;5\|4[0-7]\|48;5\)[;m]"; }
start_station 80 24 $U --
expect_screen 'Lo-fi Study' "colours: the station is up"
[ "$(colours)" -gt 0 ] && pass "colours: used by default" || fail "colours: none by default"
T send-keys -t "$UI_PANE" q; wait_exit 20; stop_station
for how in "NO_COLOR=1 --" "-- --no-color"; do
	start_station 80 24 $U $how
	expect_screen 'Lo-fi Study' "no colour ($how): the station is up"
	[ "$(colours)" -eq 0 ] && pass "no colour ($how): no colour sequences" || fail "no colour ($how): colours used"
	T send-keys -t "$UI_PANE" '?' End
	expect_screen 'colours off' "no colour ($how): the help says colours are off"
	T send-keys -t "$UI_PANE" x q; wait_exit 20; stop_station
done

# --ascii in a UTF-8 locale: ASCII only.
start_station 80 24 $U -- --ascii
expect_screen 'Lo-fi Study' "--ascii: the station is up"
if screen | LC_ALL=C grep -q '[^ -~]'; then fail "--ascii: non-ASCII on screen"; else pass "--ascii: ASCII only"; fi
T send-keys -t "$UI_PANE" q; wait_exit 20; stop_station

# Themes: --theme, :set theme (saved), a user theme found before the data dir.
mkdir -p "$XDG_CONFIG_HOME/infiniloop/themes"
sed 's/^name = .*/name = "mine";/' "$top_srcdir/themes/light.theme" >"$XDG_CONFIG_HOME/infiniloop/themes/mine.theme"
start_station 80 24 $U -- --theme high-contrast
expect_screen 'Lo-fi Study' "--theme: the station is up"
T send-keys -t "$UI_PANE" '?' End
expect_screen 'theme high-contrast' "--theme high-contrast is used"
T send-keys -t "$UI_PANE" x ':set theme mine' Enter
n=0; while [ $n -lt 50 ] && ! grep -q '^theme = "mine"' "$XDG_CONFIG_HOME/infiniloop/config"; do sleep 0.1; n=$((n+1)); done
grep -q '^theme = "mine"' "$XDG_CONFIG_HOME/infiniloop/config" && pass ":set theme is saved" || fail ":set theme not saved"
T send-keys -t "$UI_PANE" '?' End
expect_screen 'theme mine' ":set theme loads a user theme"
# Completion offers every theme, the user's too, in order.
T send-keys -t "$UI_PANE" x ':set theme ' Tab
expect_screen '^:set theme +default +high-contrast +light +mine *$' ":set theme Tab lists the themes in order" 5
T send-keys -t "$UI_PANE" Escape
T send-keys -t "$UI_PANE" ':set theme nosuch' Enter
expect_screen "no theme named 'nosuch'" ":set theme names a missing theme"
T send-keys -t "$UI_PANE" q
expect_clean_exit 0 "themes: q" ""
stop_station

# ^Z in a shell with job control: the terminal goes back to the shell while
# the engine plays on; fg draws the whole screen again; q still quits.
if command -v bash >/dev/null 2>&1; then
	printf "PS1='SHELL\$ '\n" >"$TEST_TMP/bashrc"
	T new-session -d -s tz -x 80 -y 24 "env $U bash --noprofile --rcfile '$TEST_TMP/bashrc' -i"
	UI_PANE="tz:0.0"
	wait_for '^SHELL\$' 10 || fail "^Z: no shell prompt"
	T send-keys -t "$UI_PANE" "'$IL_BIN' --output null" Enter
	expect_screen 'Lo-fi Study' "^Z: the station is up"
	eng=$(engine_pid)
	T send-keys -t "$UI_PANE" C-z
	expect_screen 'Stopped +.*infiniloop-tui' "^Z: the shell says the station stopped"
	[ "$(T display -p -t "$UI_PANE" '#{alternate_on}')" = 0 ] && pass "^Z: the shell's screen is back" ||
		fail "^Z: still on the alternate screen"
	pid_running "$eng" && "$IL_BIN" --remote status >/dev/null 2>&1 && pass "^Z: the engine runs on and answers" ||
		fail "^Z: the engine stopped with the station"
	T send-keys -t "$UI_PANE" fg Enter
	expect_screen 'Lo-fi Study' "fg: the station is back"
	sleep 0.5
	expect_no_screen 'SHELL\$|Stopped' "fg: the whole screen is drawn again (nothing of the shell left)"
	T send-keys -t "$UI_PANE" Down
	expect_screen '▸2 Deep Ambient' "fg: the arrow keys work again (Down selects the next preset)" 5
	T send-keys -t "$UI_PANE" q
	wait_for '^SHELL\$ *$' 20 && pass "fg, then q: back at the shell" || fail "fg, then q: the station did not quit"
	T kill-session -t tz
	UI_PANE="ui:0.0"
fi
finish

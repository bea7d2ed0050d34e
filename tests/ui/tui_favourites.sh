#!/bin/sh
# Favourites on screen: f marks the loop playing (the engine's answer in the
# message row; :fav again says it is one already), F3 lists it, another
# loop plays, Enter on the favourite brings it back as the loop playing,
# Delete forgets it; --remote fav, favs and play-fav speak to the same
# engine. The station is held (H), so that a title stays on screen long
# enough to read it (the engine races: --fast).
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"

utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'duration = 5;\nmin_duration = 10;\n' >"$XDG_CONFIG_HOME/infiniloop/config"

start_station 120 30 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 -- --fast
expect_screen ' playing \| vol' "the station plays" 30
T send-keys -t "$UI_PANE" H
expect_screen ' playing \| HOLD \| vol' "H holds the loop" 10
expect_screen 'held, next: [A-Z][a-z]+ [A-Z][a-z]+' "a generated loop is ready (named)" 60
t0=$(title)
T send-keys -t "$UI_PANE" n
fav=$(title_other_than "$t0")
[ -n "$fav" ] && [ "$fav" != "$t0" ] && pass "n: a generated loop plays ($fav)" || fail "n did not switch from $t0"
T send-keys -t "$UI_PANE" f
expect_said "favourite: $fav" "f: the message row says favourite: $fav" 10
T send-keys -t "$UI_PANE" ':fav' Enter
expect_said "already a favourite: $fav" ":fav on the same loop: already a favourite" 10
# --remote: the same favourites, from the station's engine.
out=$("$IL_BIN" --remote favs 2>&1)
echo "$out" | grep -Eq "^ +1  $fav by [^,]+, [0-9.]+ s at [0-9.]+ bpm, .+\$" && pass "--remote favs lists it" ||
	fail "--remote favs: $out"
out=$("$IL_BIN" --remote --json favs 2>&1)
echo "$out" | grep -q "^{\"event\":\"favourite\",\"id\":1,\"title\":\"$fav\",.*\"seed\":[1-9][0-9]*," &&
	pass "--remote --json favs: one JSON object, with the seed" || fail "--remote --json favs: $out"
out=$("$IL_BIN" --remote fav 2>&1)
echo "$out" | grep -Eq "^ +1  $fav by " && pass "--remote fav marks the loop playing (favourite 1 already)" ||
	fail "--remote fav: $out"
out=$("$IL_BIN" --remote play-fav 99 2>&1)
rc=$?
[ "$rc" = 1 ] && echo "$out" | grep -q 'play-fav: there is no favourite 99' &&
	pass "--remote play-fav 99: exit 1, no such favourite" || fail "--remote play-fav 99: $rc $out"
"$IL_BIN" --remote play-fav one >/dev/null 2>&1
expect_status 2 $? "--remote play-fav with no number: exit 2"
expect_screen 'held, next: [A-Z][a-z]+ [A-Z][a-z]+' "the next loop is ready (named)" 60
T send-keys -t "$UI_PANE" n
other=$(title_other_than "$fav")
[ -n "$other" ] && [ "$other" != "$fav" ] && pass "n: another loop plays ($other)" || fail "n did not switch from $fav"
T send-keys -t "$UI_PANE" F3
expect_screen 'Favourites \(Enter plays' "F3 shows the favourites" 10
expect_screen "[>▸] *[0-9]+ [A-Z][a-z]+ +$fav " "the favourite is listed, selected" 10
T send-keys -t "$UI_PANE" Enter
expect_said "playing favourite: $fav" "Enter plays the favourite" 10
T send-keys -t "$UI_PANE" F2
expect_screen "Title: +$fav " "the favourite is the loop playing again" 30
expect_screen ' playing \| HOLD \| vol' "still held" 5
T send-keys -t "$UI_PANE" ':favourites' Enter
expect_screen "[>▸] *[0-9]+ [A-Z][a-z]+ +$fav " ":favourites shows the list" 10
T send-keys -t "$UI_PANE" DC
expect_said "no longer a favourite: $fav" "Delete forgets the selected favourite" 10
expect_screen 'none yet: f marks the loop playing' "the list is empty" 10
out=$("$IL_BIN" --remote favs 2>&1)
[ "$out" = "no favourites yet" ] && pass "--remote favs: no favourites yet" || fail "--remote favs: $out"
expect_quit_stops "Q"
stop_station
finish

#!/bin/sh
# Favourites through the protocol: `favourite` keeps the playing loop (once),
# `favourites` lists them newest first with prompt and seed, the history
# file holds the rows, `play_favourite` brings the same loop back (the
# composer's made again from its seed: the same samples, title, tempo and
# length; another generator's from its saved copy) and the station goes on
# with its prompt; `unfavourite` forgets one and deletes its copy. The
# station is held (`hold`), so that each loop plays until `skip`.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
T=$TEST_TMP
DB="$XDG_DATA_HOME/infiniloop/history.db"
FAVDIR="$XDG_DATA_HOME/infiniloop/favourites"
"$B/mkwav" "$T/clip.wav" 6 48000 2 chord || exit 99
printf 'duration = 8;\nmin_duration = 10;\ncrossfade = 0.5;\n' >"$T/synth.cfg"
printf '#!/bin/sh\ncp "%s" "$1"\n' "$T/clip.wav" >"$T/gen" && chmod +x "$T/gen" || exit 99
printf 'backend = "command";\ncommand = ["%s", "{output}"];\nduration = 6;\nmin_duration = 10;\ncrossfade = 0.5;\n' \
	"$T/gen" >"$T/cmd.cfg"

# The value of field KEY in an event line (bare or quoted).
field() { # LINE KEY
	printf '%s\n' "$1" | sed -n "s/.* $2=\"\\([^\"]*\\)\".*/\\1/p; t; s/.* $2=\\([^ \"]*\\).*/\\1/p"
}
# The last event matching REGEX.
last() { grep -E -- "$1" "$ENGINE_EV" | tail -n 1; }
# Send REQUEST and a ping; print the events that answer it (up to the
# pong, whose id is new: the events only grow, each ask by its pong).
ask() { # REQUEST
	_from=$(($(wc -l <"$ENGINE_EV") + 1))
	_n=$_from
	engine_send "$1"
	engine_send "ping id=ask$_n"
	engine_wait "^pong id=ask$_n\$" 20 || fail "no answer to $1"
	tail -n +"$_from" "$ENGINE_EV" | sed "/^pong id=ask$_n\$/q" | grep -v '^spectrum'
}
# The number of events matching REGEX.
count() { grep -Ec -- "$1" "$ENGINE_EV"; }
# Once the next loop is ready (status says so), skip to it; the loop
# event that comes must match REGEX. It is left in $loop.
skip_to() { # REGEX WHAT
	_loops=$(count '^loop ')
	_k=0
	while [ "$_k" -lt 300 ] && ! ask status | grep -q '^status .* next_ready=1 '; do
		sleep 0.2
		_k=$((_k + 1))
	done
	engine_send skip
	engine_wait '^loop ' 30 $((_loops + 1))
	loop=$(grep '^loop ' "$ENGINE_EV" | sed -n "$((_loops + 1))p")
	if echo "$loop" | grep -Eq -- "$1"; then pass "$2"; else fail "$2 (the next loop: $loop)"; fi
}
# Run SQL on the history file (needs the sqlite3 program).
sql() { sqlite3 "$DB" "$1"; }
have_sqlite=0
command -v sqlite3 >/dev/null 2>&1 && have_sqlite=1

# 1. The composer's station.
engine_start --engine --config "$T/synth.cfg" --output null
engine_send favourite
expect_event '^error code=state msg="nothing is playing, so there is no loop to mark" verb=favourite$' \
	"favourite with nothing playing: code=state"
engine_send "hold on=1"
engine_send 'start prompt="lo-fi hip hop"'
expect_event '^loop .*prompt="startup loop"' "the startup loop plays (held)"
skip_to '^loop .*prompt="lo-fi hip hop" .* seed=[0-9]+ id=2$' "the station's first loop plays, with its seed"
# The second loop: the composer was given the station's tempo and key.
skip_to '^loop .*prompt="lo-fi hip hop" .* seed=[0-9]+ id=3$' "the station's second loop plays"
orig=$loop
title=$(field "$orig" title) artist=$(field "$orig" artist) seed=$(field "$orig" seed)
secs=$(field "$orig" seconds) bpm=$(field "$orig" bpm)
t="\"?$title\"?"
engine_send "save path=$T/orig.flac"
expect_event "^saved path=\"?$T/orig.flac\"? " "the loop is saved (to compare it later)"
a=$(ask favourite)
echo "$a" | grep -Eq "^log level=info msg=\"favourite: $title\"\$" && pass "favourite: log says favourite: $title" ||
	fail "no 'favourite: $title' log: $a"
echo "$a" | grep -Eq "^favourite id=1 title=$t .*prompt=\"lo-fi hip hop\" backend=synth time=[0-9]+ seed=$seed bpm=$bpm loop_seconds=$secs\$" &&
	pass "favourite answers with its event: id=1, seed $seed, $bpm bpm, $secs s" || fail "favourite event: $a"
a=$(ask favourite)
echo "$a" | grep -Eq "^log level=info msg=\"already a favourite: $title\"\$" && pass "the same loop again: already a favourite" ||
	fail "no 'already a favourite': $a"
a=$(ask favourites)
[ "$(echo "$a" | grep -c '^favourite ')" -eq 1 ] && pass "favourites: one favourite, not two" || fail "favourites: $a"
echo "$a" | grep -Eq "^favourite id=1 title=$t artist=\"?$artist\"? prompt=\"lo-fi hip hop\" backend=synth time=[0-9]+ seed=$seed bpm=$bpm loop_seconds=$secs\$" &&
	pass "favourites lists it with prompt and seed" || fail "favourites: $a"
if [ "$have_sqlite" = 1 ]; then
	[ "$(sql 'PRAGMA user_version')" = 3 ] && pass "the history file is of schema 3" || fail "schema $(sql 'PRAGMA user_version')"
	row=$(sql "SELECT title, prompt, backend, seed, secs, path FROM favourites")
	[ "$row" = "$title|lo-fi hip hop|synth|$seed|8|" ] && pass "the SQLite row: title, prompt, seed, 8 s, no copy" ||
		fail "the SQLite row: $row"
	sql "SELECT station_bpm > 0, station_key != '' FROM favourites" | grep -qx '1|1' &&
		pass "the row keeps the tempo and key the station gave the composer" || fail "no station tempo and key in the row"
	[ "$(sql "SELECT count(*) FROM attempts WHERE seed=$seed AND outcome='ok'")" = 1 ] &&
		pass "the generation history keeps the loop's seed" || fail "no attempt with seed $seed"
else
	echo "sqlite3 not found: the rows are checked through the events only"
fi
[ -z "$(ls -A "$FAVDIR" 2>/dev/null)" ] && pass "no copy saved for the composer's loop" || fail "a copy was saved: $(ls "$FAVDIR")"

# Another station; then the favourite again, at once.
engine_send 'start prompt="techno"'
skip_to '^loop .*prompt=techno ' "a techno station plays"
engine_send "play_favourite id=1"
expect_event "^log level=info msg=\"playing favourite: $title \\(made again from seed $seed\\)\"\$" "play_favourite says so"
engine_wait "^loop title=$t " 60 2 && pass "the favourite plays again at once (the loop held is left)" ||
	fail "the favourite did not play again"
again=$(last "^loop title=$t ")
[ "$(field "$again" seed)" = "$seed" ] && [ "$(field "$again" seconds)" = "$secs" ] && [ "$(field "$again" bpm)" = "$bpm" ] &&
	[ "$(field "$again" artist)" = "$artist" ] && [ "$(field "$again" key)" = "$(field "$orig" key)" ] &&
	[ "$(field "$again" prompt)" = "lo-fi hip hop" ] &&
	pass "the same loop: artist, prompt, seed $seed, key, $secs s, $bpm bpm" || fail "not the same loop: $orig / $again"
engine_send "save path=$T/again.flac"
expect_event "^saved path=\"?$T/again.flac\"? " "the loop made again is saved"
cmp -s "$T/orig.flac" "$T/again.flac" && pass "made again from its seed: the same samples" ||
	fail "the loop made again differs from the favourite"
[ "$have_sqlite" = 0 ] || { [ "$(sql "SELECT count(*) FROM attempts WHERE seed=$seed AND outcome='ok'")" = 2 ] &&
	pass "the history records the attempt that made it again, with the seed" || fail "no second attempt with seed $seed"; }
a=$(ask status)
echo "$a" | grep -q '^status .* prompt="lo-fi hip hop" ' && pass "the station's prompt is the favourite's" ||
	fail "status: $a"
skip_to '^loop .*prompt="lo-fi hip hop" ' "the station goes on with the favourite's prompt"
[ "$(field "$loop" bpm)" = "$bpm" ] && [ "$(field "$loop" title)" != "$title" ] &&
	pass "a new loop at the favourite's tempo ($bpm bpm)" || fail "the next loop: $loop"
engine_send "play_favourite id=9"
expect_event '^error code=bad_value msg="there is no favourite 9" verb=play_favourite$' "an unknown favourite: code=bad_value"
engine_send "unfavourite id=9"
expect_event '^error code=bad_value msg="there is no favourite 9" verb=unfavourite$' "unfavourite of an unknown one: code=bad_value"
engine_send "play_favourite id=x"
expect_event '^error code=bad_value .*verb=play_favourite$' "a bad id: code=bad_value"
engine_send "play_favourite"
expect_event '^error code=missing_field .*verb=play_favourite$' "no id: code=missing_field"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"

# 2. Another generator: a copy of the clip is kept; the favourites stay.
engine_start --engine --config "$T/cmd.cfg" --output null
a=$(ask favourites)
echo "$a" | grep -Eq "^favourite id=1 title=$t " && pass "a new engine still lists the favourite" || fail "favourites: $a"
engine_send "hold on=1"
engine_send 'start prompt="chords"'
expect_event '^loop .*prompt="startup loop"' "the startup loop plays"
skip_to '^loop .*prompt=chords .* id=2$' "the command's loop plays"
cmd=$loop
ctitle=$(field "$cmd" title) csecs=$(field "$cmd" seconds) cbpm=$(field "$cmd" bpm)
ct="\"?$ctitle\"?"
echo "$cmd" | grep -q ' seed=' && fail "a command without {seed} has a seed: $cmd" || pass "no seed for a command without {seed}"
a=$(ask favourite)
echo "$a" | grep -Eq "^favourite id=2 title=$ct .*prompt=chords backend=command time=[0-9]+ seed=0 bpm=$cbpm loop_seconds=$csecs\$" &&
	pass "the command's loop is favourite 2, seed 0" || fail "favourite: $a"
copy=$(ls "$FAVDIR"/2-*.wav 2>/dev/null)
[ -s "$copy" ] && pass "its clip is saved in the favourites folder ($(basename "$copy"))" || fail "no copy in $FAVDIR"
if [ "$have_sqlite" = 1 ]; then
	[ "$(sql "SELECT path FROM favourites WHERE id=2")" = "$copy" ] && pass "the row names the copy" ||
		fail "the row's path: $(sql 'SELECT path FROM favourites WHERE id=2')"
	[ "$(sql "SELECT count(*) FROM favourites WHERE id=2 AND seed IS NULL")" = 1 ] && pass "the row's seed is NULL" ||
		fail "the row's seed is not NULL"
fi
a=$(ask "favourites limit=5")
[ "$(echo "$a" | grep '^favourite ' | sed 's/^favourite id=\([0-9]*\) .*/\1/' | tr '\n' ' ')" = "2 1 " ] &&
	pass "favourites: newest first (2, then 1)" || fail "favourites order: $a"
a=$(ask "favourites limit=1")
[ "$(echo "$a" | grep -c '^favourite ')" = 1 ] && pass "favourites limit=1: one" || fail "limit=1: $a"
engine_send 'start prompt="other"'
skip_to '^loop .*prompt=other ' "another prompt plays"
engine_send "play_favourite id=2"
expect_event "^log level=info msg=\"playing favourite: $ctitle\"\$" "play_favourite of the copy"
engine_wait "^loop title=$ct .*prompt=chords " 60 2 && pass "the copy plays at once, with its title and prompt" ||
	fail "the copy did not play"
back=$(last "^loop title=$ct ")
[ "$(field "$back" seconds)" = "$csecs" ] && [ "$(field "$back" bpm)" = "$cbpm" ] &&
	pass "the copy's loop: $csecs s at $cbpm bpm, as marked" || fail "the copy's loop: $cmd / $back"
a=$(ask status)
echo "$a" | grep -q '^status .* prompt=chords ' && pass "the station's prompt is the favourite's again" || fail "status: $a"
a=$(ask favourite)
echo "$a" | grep -Eq "^log level=info msg=\"already a favourite: $ctitle\"\$" && pass "the copy playing is already a favourite" ||
	fail "marking the copy: $a"
a=$(ask "unfavourite id=2")
echo "$a" | grep -Eq "^log level=info msg=\"no longer a favourite: $ctitle\"\$" && pass "unfavourite says so" || fail "unfavourite: $a"
[ ! -e "$copy" ] && pass "the copy is deleted with it" || fail "the copy is still there"
a=$(ask favourites)
[ "$(echo "$a" | grep '^favourite ' | sed 's/^favourite id=\([0-9]*\) .*/\1/' | tr '\n' ' ')" = "1 " ] &&
	pass "favourites: only 1 is left" || fail "favourites after unfavourite: $a"
engine_send "play_favourite id=2"
expect_event '^error code=bad_value msg="there is no favourite 2" verb=play_favourite$' "a forgotten favourite cannot be played"
engine_send stop
a=$(ask favourite)
echo "$a" | grep -q '^error code=state .*verb=favourite$' && pass "after stop, favourite: code=state" || fail "after stop: $a"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
finish

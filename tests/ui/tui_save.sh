#!/bin/sh
# Saving from the full-screen station: a second :save of the same file asks
# "overwrite? (y/n)" (n keeps the file, y replaces it), :save! replaces at
# once, s asks the same question, a folder is "is a directory", a missing
# folder is an error and is not created, .flac and .ogg write those
# formats and another extension is refused. No message names the
# protocol's force flag.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"

utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'duration = 5;\nmin_duration = 300;\n' >"$XDG_CONFIG_HOME/infiniloop/config"
D="$TEST_TMP/saves"
mkdir -p "$D"

start_station 200 30 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 --
expect_screen '▶ .* playing \|' "a loop plays at launch" 30
# The inode of a file (a replaced file is a new one: written, then renamed).
ino() { stat -c %i "$1" 2>/dev/null; }
# Wait until a file exists and is not empty (at most 10 s).
wait_file() { _n=100; while [ "$_n" -gt 0 ] && [ ! -s "$1" ]; do sleep 0.1; _n=$((_n - 1)); done; [ -s "$1" ]; }
# Wait until the inode of a file differs from $2 (at most 10 s).
wait_ino() { _n=100; while [ "$_n" -gt 0 ] && [ "$(ino "$1")" = "$2" ]; do sleep 0.1; _n=$((_n - 1)); done; [ "$(ino "$1")" != "$2" ]; }
# Type a command line and Enter.
cmd() { T send-keys -t "$UI_PANE" ":$1" Enter; }

cmd "save $D/a.wav"
wait_file "$D/a.wav" && pass ":save writes a new file" || fail ":save wrote nothing"
expect_said "saved $D/a.wav" ":save reports the file" 5
i1=$(ino "$D/a.wav")

# The same name again: a question, as q asks before quitting.
cmd "save $D/a.wav"
expect_screen "^$D/a.wav exists\. Overwrite\? \(y/n\)" ":save over an existing file asks first" 5
expect_no_screen 'force' "the question names no protocol flag"
T send-keys -t "$UI_PANE" n
expect_said 'not saved' "n answers: not saved" 5
sleep 0.5
[ "$(ino "$D/a.wav")" = "$i1" ] && pass "n leaves the file as it was" || fail "n: the file was replaced"
cmd "save $D/a.wav"
expect_screen "exists\. Overwrite\? \(y/n\)" ":save asks again" 5
T send-keys -t "$UI_PANE" y
# (the report first: an info message stays for seconds, and waiting for the
# file on a loaded machine may take longer)
expect_said "saved $D/a.wav" "y: the station reports the save" 10
wait_ino "$D/a.wav" "$i1" && pass "y replaces the file" || fail "y: the file was not replaced"
i2=$(ino "$D/a.wav")

# :save! replaces without a question.
cmd "save! $D/a.wav"
wait_ino "$D/a.wav" "$i2" && pass ":save! FILE replaces an existing file" || fail ":save! did not replace the file"
expect_no_screen 'Overwrite\?' ":save! does not ask"
i3=$(ino "$D/a.wav")

# s then Enter on an existing name asks the same question.
T send-keys -t "$UI_PANE" s
expect_screen '^Save loop to: ' "s asks for a file name" 5
T send-keys -t "$UI_PANE" C-u "$D/a.wav" Enter
expect_screen "exists\. Overwrite\? \(y/n\)" "s over an existing file asks first" 5
T send-keys -t "$UI_PANE" y
wait_ino "$D/a.wav" "$i3" && pass "s, y replaces the file" || fail "s, y: the file was not replaced"

# A folder, with and without a slash, and with :save!.
for f in "$D" "$D/" ; do
	cmd "save $f"
	expect_said "$D/? is a directory" ":save $f says 'is a directory'" 5
	expect_no_screen 'force|Overwrite' ":save $f neither asks nor names a flag"
done
cmd "save! $D"
expect_said "$D is a directory" ":save! on a folder says 'is a directory'" 5

# A missing folder is an error, and :save does not create it.
cmd "save $D/no/such/x.wav"
expect_said "the folder $D/no/such does not exist" ":save into a missing folder says so" 5
[ ! -e "$D/no" ] && pass ":save created no folder" || fail ":save created $D/no"

# The extension chooses the format.
cmd "save $D/b.flac"
wait_file "$D/b.flac" && pass ":save .flac writes a file" || fail ":save .flac wrote nothing"
[ "$(head -c 4 "$D/b.flac")" = fLaC ] && pass ".flac is a FLAC file" || fail ".flac is not FLAC: $(head -c 4 "$D/b.flac" | od -c | head -n 1)"
grep -aq 'LOOPSTART=[0-9]* LOOPLENGTH=[0-9]*' "$D/b.flac" && pass ".flac carries the loop points" || fail ".flac has no LOOPSTART"
cmd "save $D/c.ogg"
wait_file "$D/c.ogg" && pass ":save .ogg writes a file" || fail ":save .ogg wrote nothing"
[ "$(head -c 4 "$D/c.ogg")" = OggS ] && grep -aq vorbis "$D/c.ogg" && pass ".ogg is an Ogg Vorbis file" || fail ".ogg is not Ogg Vorbis"
cmd "save $D/d.mp3"
expect_said "cannot save as '\.mp3': the formats are \.wav, \.flac and \.ogg" ":save .mp3 is refused clearly" 5
[ ! -e "$D/d.mp3" ] && pass ".mp3: nothing written" || fail ".mp3: a file was written"

expect_quit_stops "Q"
stop_station
finish

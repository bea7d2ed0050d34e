#!/bin/sh
# Output paths: a FIFO, a device or a link to one is written through, never
# replaced by a regular file; a directory, socket or dangling link is
# refused; --generate-only /dev/stdout pipes a WAV; the file: output never
# destroys an existing file or follows a symlink, and a reopen appends;
# 255-byte names save; a writer killed mid-save leaves no partial file.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
T="$TEST_TMP"
out="$T/out"; err="$T/err"
"$B/mkwav" "$T/a.wav" 10 48000 2 chord || exit 99
gen() { # OUT [ARG...]: a 5 s synth loop into OUT; status in st
	_o=$1; shift
	timeout -k 5 60 "$IL_BIN" --generate-only "chiptune, 140 bpm" "$_o" -d 5 "$@" >"$out" 2>"$err"; st=$?
}
is_riff() { [ "$(head -c 4 "$1" 2>/dev/null)" = RIFF ]; }
# The type of PATH as stat names it ("fifo", "symbolic link", ...).
kind() { stat -c %F "$1" 2>/dev/null; }
# The reader started by fifo_reader waits in its open() of the FIFO.
reader_waits() { [ "$(cat "/proc/$reader/wchan" 2>/dev/null)" = wait_for_partner ]; }
# Copy what comes through FIFO into FILE, in the background (pid in reader).
fifo_reader() { # FIFO FILE
	cat "$1" >"$2" &
	reader=$!
	retry_until 10 reader_waits
}
# Wait for the reader to finish (at most 10 s; then it is stopped).
reader_done() {
	retry_until 10 procs_gone "$reader" || kill "$reader" 2>/dev/null
	wait "$reader"
}

# A FIFO with a reader: written through; the FIFO stays a FIFO.
mkfifo "$T/pipe.wav"
fifo_reader "$T/pipe.wav" "$T/from-pipe.wav"
gen "$T/pipe.wav"
reader_done
expect_status 0 "$st" "--generate-only into a FIFO exits 0"
[ "$(kind "$T/pipe.wav")" = fifo ] && pass "the FIFO is still a FIFO" || fail "the FIFO became: $(kind "$T/pipe.wav")"
"$IL_BIN" --analyze "$T/from-pipe.wav" >/dev/null 2>"$err" && pass "the reader got a whole WAV file" ||
	fail "the reader's copy is not a WAV: $(head -c 200 "$err")"

# A FIFO nobody reads: an error at once, not a wait.
mkfifo "$T/lonely.wav"
gen "$T/lonely.wav"
expect_status 1 "$st" "a FIFO that nothing reads is refused"
expect_line "$err" 'lonely.wav: it is a FIFO that nothing reads' "the message says nothing reads it"
[ "$(kind "$T/lonely.wav")" = fifo ] && pass "that FIFO is left as it is" || fail "it became: $(kind "$T/lonely.wav")"

# /dev/stdout into a pipe: the WAV goes down the pipe, the summary to stderr.
# (A private link like /dev/stdout's, so that a faulty build replaces only
# the link, never the system's /dev/stdout.)
ln -s /proc/self/fd/1 "$T/stdout"
timeout -k 5 60 "$IL_BIN" --generate-only "chiptune, 140 bpm" "$T/stdout" -d 5 2>"$err" | cat >"$T/piped.wav"
is_riff "$T/piped.wav" && pass "--generate-only /dev/stdout pipes a WAV" || fail "the pipe got: $(head -c 40 "$T/piped.wav" | od -c | head -2)"
"$IL_BIN" --analyze "$T/piped.wav" >/dev/null 2>&1 && pass "the piped WAV is whole (its header is right)" || fail "the piped WAV does not read"
expect_line "$err" '/stdout: loop [0-9]+-[0-9]+ ' "the summary goes to stderr"
[ "$(readlink "$T/stdout")" = /proc/self/fd/1 ] && pass "the link to the standard output stays" || fail "the stdout link became: $(kind "$T/stdout")"

# A link to /dev/null (and a node of it, where nodes can be made): written
# through; the link stays a link, the device a device.
ln -s /dev/null "$T/null-link.wav"
gen "$T/null-link.wav"
expect_status 0 "$st" "--generate-only into a link to /dev/null exits 0"
[ "$(kind "$T/null-link.wav")" = "symbolic link" ] && [ "$(readlink "$T/null-link.wav")" = /dev/null ] &&
	pass "the link to /dev/null is still that link" || fail "the link became: $(kind "$T/null-link.wav")"
if mknod "$T/nulldev" c 1 3 2>/dev/null; then
	gen "$T/nulldev"
	expect_status 0 "$st" "--generate-only into a device node exits 0"
	[ "$(kind "$T/nulldev")" = "character special file" ] && pass "the device node is still a device" ||
		fail "the device node became: $(kind "$T/nulldev")"
	printf 'volume delta=5\nquit\n' | "$IL_BIN" --engine --output null --config "$T/nulldev" >"$out" 2>&1
	[ "$(kind "$T/nulldev")" = "character special file" ] && pass "--config DEVICE plus a volume change: still a device" ||
		fail "--config DEVICE became: $(kind "$T/nulldev")"
else
	echo "device nodes cannot be made here: the mknod cases were not run"
fi
mkdir -p "$HOME/.cache/infiniloop"
rm -f "$HOME/.cache/infiniloop/fftw-wisdom" # (earlier runs saved one)
ln -s /dev/null "$HOME/.cache/infiniloop/fftw-wisdom"
"$IL_BIN" --analyze "$T/a.wav" >"$out" 2>&1
expect_status 0 $? "--analyze with the wisdom cache linked to /dev/null exits 0"
[ "$(readlink "$HOME/.cache/infiniloop/fftw-wisdom")" = /dev/null ] && pass "the wisdom cache's link to /dev/null stays" ||
	fail "the wisdom cache's link became: $(kind "$HOME/.cache/infiniloop/fftw-wisdom")"
ln -s /dev/null "$T/cfg-null"
printf 'volume delta=5\nset key=duration value=7\nquit\n' | "$IL_BIN" --engine --output null --config "$T/cfg-null" >"$out" 2>&1
expect_status 0 $? "--config LINK-TO-/dev/null plus a volume change exits 0"
[ "$(readlink "$T/cfg-null")" = /dev/null ] && pass "--config /dev/null (a link to it) is never replaced" ||
	fail "the config link became: $(kind "$T/cfg-null")"

# Refused: a directory, a socket, a dangling link; each is left as it was.
mkdir "$T/dir.wav"
gen "$T/dir.wav"
expect_status 1 "$st" "a directory is refused"
expect_line "$err" 'dir.wav(: it)? is a directory' "and named"
ln -s "$T/nowhere/x.wav" "$T/dangling.wav"
gen "$T/dangling.wav"
expect_status 1 "$st" "a dangling link is refused"
expect_line "$err" 'dangling.wav: it is a dangling symbolic link' "and named"
[ "$(kind "$T/dangling.wav")" = "symbolic link" ] && pass "the dangling link is left" || fail "dangling link: $(kind "$T/dangling.wav")"
if command -v python3 >/dev/null && python3 -c "import socket; socket.socket(socket.AF_UNIX).bind('$T/sock.wav')" 2>/dev/null; then
	gen "$T/sock.wav"
	expect_status 1 "$st" "a socket is refused"
	expect_line "$err" 'sock.wav: it is a socket' "and named"
	[ "$(kind "$T/sock.wav")" = socket ] && pass "the socket is left" || fail "socket became: $(kind "$T/sock.wav")"
fi

# A link to a regular file: the file it names is replaced, the link stays.
printf 'old' >"$T/real.wav"; ln -s real.wav "$T/link.wav"
gen "$T/link.wav"
expect_status 0 "$st" "--generate-only into a link to a file exits 0"
[ "$(readlink "$T/link.wav")" = real.wav ] && is_riff "$T/real.wav" && pass "the link stays; its file holds the loop" ||
	fail "link: $(kind "$T/link.wav"), real.wav: $(head -c 4 "$T/real.wav")"

# The engine's save: a FIFO with force=1 is written through; 255-byte names
# are saved; no temporary file is left in the folder.
mkdir "$T/sv"
engine_start --engine --output null
engine_send "play file=$T/a.wav"
expect_event '^loop ' "a loop plays" 30
long=$(printf '%0251d' 0 | tr 0 q).wav # 255 bytes
engine_send "save path=$T/sv/$long"
expect_event "^saved path=.*/$long " "a 255-byte file name is saved" 30
mkfifo "$T/sv/fifo.wav"
fifo_reader "$T/sv/fifo.wav" "$T/from-save.wav"
engine_send "save path=$T/sv/fifo.wav force=1"
expect_event '^saved path=.*fifo.wav ' "save force=1 into a FIFO is written through" 30
reader_done
is_riff "$T/from-save.wav" && pass "the FIFO's reader got the WAV" || fail "the FIFO's reader got no WAV"
[ "$(kind "$T/sv/fifo.wav")" = fifo ] && pass "the saved-to FIFO is still a FIFO" || fail "fifo.wav became: $(kind "$T/sv/fifo.wav")"
engine_quit
[ -z "$(ls -A "$T/sv" | grep -v -e "^$long\$" -e '^fifo.wav$')" ] && pass "no temporary file left by the saves" ||
	fail "left in the folder: $(ls -A "$T/sv" | grep -v -e "^$long\$" | head -3)"

# A save killed half-way (a 1 MB file size limit set once the loop plays
# stops the engine mid-write, with SIGXFSZ): no partial file is left.
mkdir "$T/kill"
ulimit -S -c 0
engine_start --engine --output null
engine_send "play file=$T/a.wav"
expect_event '^loop ' "a 10 s loop plays (3.8 MB to save)" 30
prlimit --pid "$ENGINE_PID" --fsize=1048576 || fail "prlimit cannot limit the engine's file size"
engine_send "save path=$T/kill/big.wav"
engine_end
[ "$ENGINE_STATUS" -gt 128 ] && pass "the engine was stopped mid-save (status $ENGINE_STATUS)" ||
	fail "the engine was not stopped mid-save (status $ENGINE_STATUS)"
[ -e "$T/kill/big.wav" ] && fail "the killed save left big.wav" || pass "the killed save left no big.wav"
[ -z "$(ls -A "$T/kill")" ] && pass "the killed save left no temporary file" || fail "left: $(ls -lA "$T/kill" | tail -n +2)"

# The file: output: an existing file is refused and left alone; file!:
# replaces it; a link is never followed; a reopen appends.
printf 'precious' >"$T/precious.wav"; sum=$(cksum <"$T/precious.wav")
engine_start --engine --output "file:$T/precious.wav"
expect_event "^audio state=none msg=\".*precious.wav exists; use output file!:.*precious.wav to overwrite it" "file: refuses an existing file" 20
engine_quit
[ "$(cksum <"$T/precious.wav")" = "$sum" ] && pass "the existing file is untouched" || fail "the existing file changed"
printf 'target' >"$T/t.txt"; ln -s t.txt "$T/l.wav"; sum=$(cksum <"$T/t.txt")
engine_start --engine --output "file!:$T/l.wav"
expect_event "^audio state=none msg=\".*l.wav: it is a symbolic link" "file!: refuses a symbolic link" 20
engine_quit
[ "$(cksum <"$T/t.txt")" = "$sum" ] && pass "the link's target is untouched" || fail "the link's target changed"
engine_start --headless --output "file!:$T/precious.wav" --play "$T/a.wav"
expect_event '^loop title=a ' "file!: replaces an existing file" 30
retry_until 20 test "$(stat -c %s "$T/precious.wav")" -gt 800000
before=$(stat -c %s "$T/precious.wav")
engine_send 'set key=latency_ms value=300'
expect_event '^setting key=latency_ms value=300' "the output is reopened" 10
sleep 1
after=$(stat -c %s "$T/precious.wav")
engine_quit
[ "$before" -gt 800000 ] && [ "$after" -ge "$before" ] && pass "a reopen appends: $before then $after bytes" ||
	fail "the reopen truncated the recording: $before then $after bytes"
"$IL_BIN" --analyze "$T/precious.wav" >/dev/null 2>&1 && pass "the appended recording is a whole WAV" || fail "the recording does not read"
finish

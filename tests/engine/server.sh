#!/bin/sh
# The engine as the user's server (--daemon): its private socket and
# folder, the lock against a second engine, a dead engine's socket
# replaced, every --remote command with its exit status (--json status is
# valid JSON; status says in words why no sound is made), two clients following a skip sent by a third, a client of
# another user refused, and a stuck client that is cut off while the
# others and the music go on, with the engine's memory bounded.
. "${top_srcdir:-.}/tests/lib.sh"
B="${top_builddir:-.}/tests/audio"
PY=/usr/bin/python3
"$B/mkwav" "$TEST_TMP/a.wav" 2 48000 2 chord && "$B/mkwav" "$TEST_TMP/b.wav" 3 48000 2 noise || exit 99
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'autostart = false;\nmin_duration = 10;\ncrossfade = 1.0;\n' >"$XDG_CONFIG_HOME/infiniloop/config"
RUN="$XDG_RUNTIME_DIR/infiniloop"
export PULSE_SERVER="unix:$TEST_TMP/no-server" # the daemons find no audio server
R() { "$IL_BIN" --remote "$@"; }
# Wait (at most $2 s) until file $1 holds $3 (default 1) lines matching $4.
wait_lines() { # FILE SECS COUNT REGEX
	_n=$(($2 * 10))
	while [ "$(grep -Ec -- "$4" "$1" 2>/dev/null)" -lt "$3" ]; do
		_n=$((_n - 1)); [ "$_n" -gt 0 ] || return 1; sleep 0.1
	done
}
# Start a daemon; wait until it answers.
daemon_start() {
	# (ASan keeps freed memory in quarantine, where it would pass for growth)
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" INFINILOOP_CLIENT_QUEUE=262144 \
		"$IL_BIN" --daemon --output null "$@" >"$TEST_TMP/d.out" 2>"$TEST_TMP/d.err" &
	DPID=$!
	_n=100
	while ! "$IL_BIN" --remote status >/dev/null 2>&1 && [ "$_n" -gt 0 ]; do sleep 0.1; _n=$((_n - 1)); done
}

R status >"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_status 1 $? "--remote status with no station exits 1"
expect_line "$TEST_TMP/err" 'no station is running' "--remote status with no station says so"

daemon_start
[ -S "$RUN/engine.sock" ] && pass "--daemon listens on $RUN/engine.sock" || { fail "no socket"; finish; }
[ "$(stat -c %a "$RUN")" = 700 ] && pass "the folder is 0700" || fail "folder mode $(stat -c %a "$RUN")"
[ "$(stat -c %a "$RUN/engine.sock")" = 600 ] && pass "the socket is 0600" || fail "socket mode $(stat -c %a "$RUN/engine.sock")"
[ "$(station_pid)" = "$DPID" ] && pass "the lock file names the engine" || fail "lock file: '$(station_pid)', engine $DPID"
"$IL_BIN" --daemon --output null >/dev/null 2>"$TEST_TMP/err2"
expect_status 1 $? "a second --daemon exits 1"
expect_line "$TEST_TMP/err2" "an engine already runs for this user \\(pid $DPID\\)" "a second --daemon names the first"
kill -HUP "$DPID"; sleep 0.5
pid_alive() { [ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" | grep -q '^[ZX]'; }
pid_alive "$DPID" && pass "SIGHUP does not end the server" || fail "SIGHUP ended the server"

# Two clients follow what a third does.
"$IL_BIN" --remote events >"$TEST_TMP/ev1" 2>&1 &
E1=$!
"$IL_BIN" --remote events >"$TEST_TMP/ev2" 2>&1 &
E2=$!
wait_lines "$TEST_TMP/ev1" 10 1 '^ready ' && wait_lines "$TEST_TMP/ev2" 10 1 '^ready ' &&
	pass "two clients attached" || fail "the event clients got no ready"
R play "$TEST_TMP/a.wav"; expect_status 0 $? "--remote play FILE exits 0"
# A file that is not there, or not audio, is refused at once: exit 1, why.
out=$(cd "$TEST_TMP" && R play no-such.wav 2>&1); rc=$?
[ $rc -eq 1 ] && [ "$out" = "infiniloop-tui: play: $TEST_TMP/no-such.wav: cannot open: No such file or directory" ] &&
	pass "--remote play of a missing file: exit 1, the whole path and why" || fail "--remote play no-such.wav: $rc $out"
printf 'not audio\n' >"$TEST_TMP/text.wav"
out=$(R play "$TEST_TMP/text.wav" 2>&1); rc=$?
[ $rc -eq 1 ] && case $out in *"text.wav: unreadable: "*) true ;; *) false ;; esac &&
	pass "--remote play of a file that is not audio: exit 1, why" || fail "--remote play text.wav: $rc $out"
wait_lines "$TEST_TMP/ev1" 30 1 '^loop title=a ' && wait_lines "$TEST_TMP/ev2" 30 1 '^loop title=a ' &&
	pass "both clients see a start" || fail "a clients missed the loop of a"
R play "$TEST_TMP/b.wav"
wait_lines "$TEST_TMP/ev1" 30 1 'queued b ' || fail "b was not queued"
R skip; expect_status 0 $? "--remote skip exits 0"
wait_lines "$TEST_TMP/ev1" 30 1 '^loop title=b ' && pass "client 1 follows the skip" || fail "client 1 missed the skip"
wait_lines "$TEST_TMP/ev2" 30 1 '^loop title=b ' && pass "client 2 follows the skip" || fail "client 2 missed the skip"
grep -q '^status ' "$TEST_TMP/ev1" && fail "an answer to another client reached client 1" ||
	pass "answers go to the client that asked only"

# Every command, with its exit status.
R status >"$TEST_TMP/st"; expect_status 0 $? "status exits 0"
expect_line "$TEST_TMP/st" '^playing +"b", [0-9]+:[0-9]{2} \(a [0-9]+:[0-9]{2} loop at ' "status: what plays, for people (a file: no artist)"
expect_line "$TEST_TMP/st" '^volume +[0-9]+%, output off$' "status: volume and output (null: off)"
R --json status >"$TEST_TMP/st.json"; expect_status 0 $? "--json status exits 0"
if "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["event"]=="status" and d["state"]=="playing" and d["title"]=="b" and isinstance(d["volume"], int)' "$TEST_TMP/st.json" 2>"$TEST_TMP/pyerr"; then
	pass "--json status is valid JSON with typed fields"
else
	fail "--json status: $(cat "$TEST_TMP/st.json") $(cat "$TEST_TMP/pyerr")"
fi
R volume 40; expect_status 0 $? "volume N exits 0"
R volume +5; R volume -10; R --json status | grep -q '"volume":35' && pass "volume +N and -N" || fail "volume after 40 +5 -10"
R volume 101 2>"$TEST_TMP/err"; expect_status 2 $? "volume 101 is a usage error"
R set crossfade 2 >"$TEST_TMP/out"; expect_status 0 $? "set exits 0"
expect_line "$TEST_TMP/out" '^crossfade = 2' "set prints the new value"
# An output that makes no sound: status says why, in the screen's words.
R set output "file:$TEST_TMP/no-such-folder/out.wav" >/dev/null
wait_status() { # REGEX
	_n=50
	until R status | grep -Eq "$1"; do _n=$((_n - 1)); [ "$_n" -gt 0 ] || return 1; sleep 0.1; done
}
wait_status '^volume +[0-9]+%, cannot write the output file$' && pass "status: an output file that cannot be written" ||
	fail "status with a bad output file: $(R status | tail -n 1)"
R set output pulse >/dev/null
wait_status '^volume +[0-9]+%, no audio server$' && pass "status: no audio server" ||
	fail "status with no audio server: $(R status | tail -n 1)"
R set output null >/dev/null
wait_status '^volume +[0-9]+%, output off$' && pass "status: the null output again" ||
	fail "status after output null: $(R status | tail -n 1)"
R set crossfade 99 2>"$TEST_TMP/err"; expect_status 1 $? "set refused exits 1"
expect_line "$TEST_TMP/err" 'crossfade' "set: the refusal names the setting"
R save "$TEST_TMP/saved.wav" >"$TEST_TMP/out"; expect_status 0 $? "save exits 0"
expect_line "$TEST_TMP/out" "^saved $TEST_TMP/saved.wav \\([0-9]+ frames\\)" "save prints the file and frames"
[ -s "$TEST_TMP/saved.wav" ] && pass "save wrote the file" || fail "no saved file"
(cd "$TEST_TMP" && R save rel.wav >/dev/null) && [ -s "$TEST_TMP/rel.wav" ] &&
	pass "save of a relative path writes in the caller's folder" || fail "save rel.wav"
R pause; expect_status 0 $? "pause exits 0"
R status | grep -q '^paused' && pass "pause pauses" || fail "not paused"
R pause; expect_status 0 $? "pause when paused exits 0"
R status | grep -q '^paused' && pass "pause when paused stays paused" || fail "a second pause resumed"
R resume; expect_status 0 $? "resume exits 0"
R toggle; R status | grep -q '^paused' && pass "toggle pauses" || fail "toggle did not pause"
R toggle; R status | grep -q '^playing' && pass "toggle resumes" || fail "toggle did not resume"
R hold on; expect_status 0 $? "hold on exits 0"
R status | grep -Eq '^hold +on' && pass "hold shows in status" || fail "hold not in status"
R hold off; R status | grep -q '^hold' && fail "hold off: still held" || pass "hold off releases"
R prev; expect_status 0 $? "prev exits 0"
wait_lines "$TEST_TMP/ev1" 30 2 '^loop title=a ' && pass "prev brings a back" || fail "prev: no loop of a"
R sleep 30; expect_status 0 $? "sleep MINUTES exits 0"
R status | grep -Eq '^sleep +stops in (29:[0-9][0-9]|30:00)' && pass "sleep shows in status" ||
	fail "sleep: $(R status | grep sleep)"
R sleep 1h30m; expect_status 0 $? "sleep 1h30m exits 0 (the screen's forms)"
R status | grep -Eq '^sleep +stops in (89:[0-9][0-9]|90:00)' && pass "sleep 1h30m is 90 minutes" ||
	fail "sleep 1h30m: $(R status | grep sleep)"
R sleep off; R status | grep -q '^sleep' && fail "sleep off: timer left" || pass "sleep off clears the timer"
R sleep soon 2>/dev/null; expect_status 2 $? "sleep soon is a usage error"
# With the loop held, the next one waits for the hold, not for a time.
R play "$TEST_TMP/b.wav"; wait_lines "$TEST_TMP/ev1" 30 2 'queued b ' || fail "b was not queued again"
R hold on
R status | grep -Eq '^next +ready, after the hold$' && pass "held: the next loop waits for the hold" ||
	fail "held: $(R status | grep next)"
R hold off
R status | grep -Eq '^next +ready, in [0-9]+:[0-9]{2}$' && pass "released: the next loop comes in a time" ||
	fail "released: $(R status | grep next)"
R start calm piano; expect_status 0 $? "start PROMPT exits 0"
wait_lines "$TEST_TMP/ev1" 60 1 '^gen state=(running|ready)' && pass "start: generation runs" || fail "start: no gen event"
R stop; expect_status 0 $? "stop exits 0"
R status | grep -q '^stopped' && pass "stop stops" || fail "stop: $(R status | head -n 1)"
R nosuch 2>/dev/null; expect_status 2 $? "an unknown command is a usage error"
R help | grep -q '^skip	' && pass "help lists the commands" || fail "help"

# A client of another user: refused by the folder's mode, and by its uid.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && [ -x "$PY" ]; then
	NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 711 "$TEST_TMP" "$XDG_RUNTIME_DIR"
	$NOBODY "$PY" -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])' "$RUN/engine.sock" \
		2>"$TEST_TMP/err"
	[ $? -ne 0 ] && grep -q PermissionError "$TEST_TMP/err" && pass "another user cannot reach the socket (0700 folder)" ||
		fail "another user reached the socket"
	chmod 711 "$RUN"; chmod 666 "$RUN/engine.sock" # as if the modes were lost
	$NOBODY "$PY" -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); print(s.makefile().readline(), end="")' \
		"$RUN/engine.sock" >"$TEST_TMP/out" 2>&1
	expect_line "$TEST_TMP/out" '^error code=denied msg="this station belongs to another user"' \
		"another user's client is refused by its uid"
	grep -q '^ready' "$TEST_TMP/out" && fail "another user got events" || pass "another user gets no events"
	chmod 700 "$RUN" "$TEST_TMP" "$XDG_RUNTIME_DIR"; chmod 600 "$RUN/engine.sock"
else
	echo "note: not root or no setpriv: the other-user checks are skipped"
fi

# A stuck client is cut off; the others and the music go on; memory bounded.
"$IL_BIN" --remote events >/dev/null 2>&1 &
E3=$!
sleep 0.5
kill -STOP "$E3"
rss0=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$DPID/status")
sp0=$(grep -c '^spectrum ' "$TEST_TMP/ev1")
R play "$TEST_TMP/a.wav" >/dev/null
# The flood comes in chunks, each sent once the reading clients have taken
# the one before: they keep up however loaded the machine, the stuck one
# does not.
"$PY" - "$RUN/engine.sock" "$TEST_TMP/ev1" "$TEST_TMP/ev2" <<'EOF' >"$TEST_TMP/flood" 2>&1
import socket, sys, select, time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.setblocking(False)
def seen(path):
    with open(path, "rb") as f:
        return f.read().count(b'msg="debug messages off"')
base = [seen(p) for p in sys.argv[2:]]
sent = 0; tail = b""
for chunk in range(20):
    out = b"debug on=0\n" * 2000 + b"ping id=c%d\n" % chunk
    want = b"pong id=c%d" % chunk
    got = False; deadline = time.time() + 60
    while (out or not got) and time.time() < deadline:
        r, w, _ = select.select([s], [s] if out else [], [], 1)
        if r:
            d = s.recv(65536)
            if not d: break
            tail = (tail + d)[-4096:]
            got = got or want in tail
        if w and out:
            n = s.send(out); out = out[n:]
    sent += 2000
    while time.time() < deadline and any(seen(p) - b < sent for p, b in zip(sys.argv[2:], base)):
        time.sleep(0.05)
print("flood answered" if got else "flood unanswered", sent, [seen(p) - b for p, b in zip(sys.argv[2:], base)])
EOF
expect_line "$TEST_TMP/flood" '^flood answered' "a client flooding requests gets its answers"
wait_lines "$TEST_TMP/ev1" 30 1 'client [0-9]+ stopped reading \([0-9]+ bytes waiting\): dropped' &&
	pass "the stuck client is dropped, and the others are told" || fail "the stuck client was not dropped"
rss1=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$DPID/status")
echo "engine RSS: $rss0 kB before the flood, $rss1 kB after"
[ $((rss1 - rss0)) -lt 20480 ] && pass "the engine's memory stays bounded (+$((rss1 - rss0)) kB)" ||
	fail "the engine grew by $((rss1 - rss0)) kB"
sleep 1
[ "$(grep -c '^spectrum ' "$TEST_TMP/ev1")" -gt "$sp0" ] && pass "the other clients keep getting the spectrum" ||
	fail "client 1 got no spectrum while a client was stuck"
R status | grep -q '^playing' && pass "the music plays on" || fail "not playing after the flood"
kill -CONT "$E3"; wait "$E3"; st=$?
[ "$st" -ne 0 ] && pass "the dropped client sees its end (exit $st)" || fail "the dropped client exited 0"

# quit: every client gets bye; a dead engine's socket is replaced.
R quit; expect_status 0 $? "quit exits 0"
wait "$E1"; expect_status 0 $? "client 1 ends with the station (bye)"
wait "$E2"
wait "$DPID"; expect_status 0 $? "the server exits 0"
[ ! -e "$RUN/engine.sock" ] && pass "quit removes the socket" || fail "the socket is left"
daemon_start
kill -9 "$DPID"; wait "$DPID" 2>/dev/null
[ -S "$RUN/engine.sock" ] && pass "a killed engine leaves its socket" || fail "no stale socket to test with"
R status >/dev/null 2>&1; expect_status 1 $? "a stale socket: no station"
daemon_start
R status >/dev/null; expect_status 0 $? "a new engine replaces the stale socket"
kill -TERM "$DPID"; wait "$DPID"; expect_status 0 $? "SIGTERM ends the server with status 0"
[ -s "$TEST_TMP/d.err" ] && grep -v '^infiniloop-tui: \(info\|warn\|audio\|ok\|off\|none\|error\)' "$TEST_TMP/d.err" | grep -q . &&
	fail "the server wrote more than its messages on stderr: $(head -c 300 "$TEST_TMP/d.err")" ||
	pass "the server's stderr holds its messages only"
expect_line "$TEST_TMP/d.err" '^infiniloop-tui: info: listening on ' "the server logs to stderr (for a service manager)"

# The runtime folder emptied under a running engine (a logout), a new one
# started: the old one, ending, leaves the new one's socket in place.
daemon_start; OLD=$DPID
rm -rf "$RUN"
daemon_start
[ "$DPID" != "$OLD" ] && R status >/dev/null && pass "a new engine starts in the emptied folder" || fail "no new engine"
kill -TERM "$OLD"; wait "$OLD"
[ -S "$RUN/engine.sock" ] && R status >/dev/null && pass "the old engine's end leaves the new one's socket" ||
	fail "the old engine removed the new one's socket"
kill -TERM "$DPID"; wait "$DPID"
[ ! -e "$RUN/engine.sock" ] && pass "the new engine removes its own socket" || fail "the new engine's socket is left"
finish

# pulse.sh: helpers for tests that need a private PulseAudio server (sourced
# after tests/lib.sh). The server runs as the current user (root too) with its
# own runtime folder, socket and a 48 kHz stereo null sink "iltest"; it is
# stopped when the test exits. Its clients' sound comes through shared memory
# (memfd), not copied through the socket, as with a server of Debian's own
# configuration (enable-shm and enable-memfd are daemon.conf's defaults).

: "${PULSEAUDIO_BIN:=$(command -v pulseaudio || true)}"
: "${PAREC_BIN:=$(command -v parec || true)}"
PACTL_BIN=$(command -v pactl || true)
PULSE_DIR="$TEST_TMP/pulse"
PULSE_PID=""
PAREC_PID=""

# Skip the test (exit 77) unless pulseaudio, parec and pactl are installed.
pulse_require() {
	if [ -z "$PULSEAUDIO_BIN" ] || [ -z "$PAREC_BIN" ] || [ -z "$PACTL_BIN" ]; then
		echo "SKIP: pulseaudio, parec and pactl are needed (Debian pulseaudio, pulseaudio-utils)"
		exit 77
	fi
}

# Start the private server and wait until it answers; sets PULSE_SERVER.
pulse_start() {
	mkdir -p "$PULSE_DIR/run" "$PULSE_DIR/home"
	chmod 700 "$PULSE_DIR/run"
	export PULSE_SERVER="unix:$PULSE_DIR/sock"
	PULSE_RUNTIME_PATH="$PULSE_DIR/run" HOME="$PULSE_DIR/home" \
		"$PULSEAUDIO_BIN" -n --daemonize=no --exit-idle-time=-1 --disallow-exit \
		--use-pid-file=no --log-target=stderr \
		-L "module-native-protocol-unix socket=$PULSE_DIR/sock auth-anonymous=1" \
		-L "module-null-sink sink_name=iltest rate=48000 channels=2 format=s16le" \
		>>"$PULSE_DIR/log" 2>&1 &
	PULSE_PID=$!
	i=0
	while ! "$PACTL_BIN" info >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$PULSE_PID" 2>/dev/null; then
			echo "the private PulseAudio server did not start:" >&2
			tail -n 20 "$PULSE_DIR/log" >&2
			return 1
		fi
		sleep 0.1
	done
}

# Stop the private server (kill -9 with "kill" as $1, to simulate a crash).
pulse_stop() {
	[ -n "$PULSE_PID" ] || return 0
	if [ "${1:-}" = kill ]; then kill -9 "$PULSE_PID" 2>/dev/null; else kill "$PULSE_PID" 2>/dev/null; fi
	wait "$PULSE_PID" 2>/dev/null
	PULSE_PID=""
	rm -f "$PULSE_DIR/sock"
}

# Record the null sink's monitor (s16le, 48 kHz, stereo) into FILE; waits
# until the recording stream exists.
pulse_record() { # FILE
	"$PAREC_BIN" -d iltest.monitor --format=s16le --rate=48000 --channels=2 --latency-msec=50 --raw >"$1" &
	PAREC_PID=$!
	i=0
	while ! "$PACTL_BIN" list short source-outputs 2>/dev/null | grep -q .; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.1
	done
}

# Stop the recording.
pulse_record_stop() {
	[ -n "$PAREC_PID" ] || return 0
	kill "$PAREC_PID" 2>/dev/null
	wait "$PAREC_PID" 2>/dev/null
	PAREC_PID=""
}

# Record 2 s of the null sink; pass when music is heard, with WHAT.
expect_heard() { # WHAT
	pulse_record "$TEST_TMP/rec.raw" || { fail "$1: parec did not start"; return; }
	# 2 s of sound (parec may start late on a loaded machine: up to 10 s).
	sleep 2
	for _i in $(seq 16); do
		[ "$(wc -c <"$TEST_TMP/rec.raw")" -gt 384000 ] && break
		sleep 0.5
	done
	pulse_record_stop
	_b=$(wc -c <"$TEST_TMP/rec.raw")
	_l=$(od -An -v -td2 -w2 "$TEST_TMP/rec.raw" | awk '{ if ($1 > 1000 || $1 < -1000) n++ } END { print n + 0 }')
	[ "$_b" -gt 96000 ] && [ "$_l" -gt 1000 ] && pass "$1 ($_l loud samples)" ||
		fail "$1: nothing heard ($_b bytes, $_l loud samples)"
}

# Stop everything this file started (registered at exit).
pulse_cleanup() {
	pulse_record_stop
	pulse_stop
}
il_at_exit pulse_cleanup

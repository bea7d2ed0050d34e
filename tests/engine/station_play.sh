#!/bin/sh
# Starting a station always plays: a pause while nothing plays is refused
# and leaves no hidden state (stop, pause, start plays; so does pause on a
# fresh engine, then start), and a new station resumes a paused one. The
# sound is recorded from a private PulseAudio server.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
pulse_require
pulse_start || exit 99
printf 'duration = 6;\nmin_duration = 10;\n' >"$TEST_TMP/station.conf"


# stop, pause, start: the pause is refused and the new station plays.
engine_start --engine --config "$TEST_TMP/station.conf"
engine_send 'start prompt="lo-fi hip hop, 80 bpm"'
expect_event '^loop ' "the first station plays"
engine_send stop
engine_wait '^gen state=stopped' 20
engine_send pause
expect_event '^error code=state .*verb=pause' "pause after stop is refused with code=state"
engine_seen '^log level=info msg=paused' && fail "a pause with nothing playing was reported as done" ||
	pass "no 'paused' for a pause with nothing playing"
engine_send 'start prompt="ambient, 70 bpm"'
expect_event '^loop .*prompt="ambient, 70 bpm"' "the station started after stop and pause plays"
engine_send status
expect_event '^status state=playing ' "status says playing"
expect_heard "music is heard after stop, pause, start"

# A paused station: a new station chosen plays at once.
engine_send pause
engine_wait '^log level=info msg=paused' 10
engine_send 'start prompt="house, 124 bpm"'
engine_send status
engine_wait '^status state=playing ' 10 2 && pass "a new station resumes a paused one" ||
	fail "still paused after a new station was chosen"
expect_heard "music is heard after pause, start"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"

# A fresh engine: pause, then start.
engine_start --engine --config "$TEST_TMP/station.conf"
engine_send pause
engine_send resume
expect_event '^error code=state .*verb=resume' "resume with nothing paused is refused"
engine_send 'start prompt="techno, 130 bpm"'
expect_event '^loop ' "a fresh engine after pause plays"
engine_send status
expect_event '^status state=playing ' "status says playing"
expect_heard "music is heard after pause on a fresh engine"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
finish

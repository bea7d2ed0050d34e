## tests of src/audio (player)
check_PROGRAMS += tests/audio/mkwav tests/audio/loopcheck tests/audio/r128check
tests_audio_r128check_SOURCES = tests/audio/r128check.c
tests_audio_r128check_LDADD = $(SNDFILE_LIBS) -lm
tests_audio_mkwav_SOURCES = tests/audio/mkwav.c
tests_audio_mkwav_LDADD = $(SNDFILE_LIBS) -lm
tests_audio_loopcheck_SOURCES = tests/audio/loopcheck.c
tests_audio_loopcheck_LDADD = $(SNDFILE_LIBS) -lm
if HAVE_CHECK
check_PROGRAMS += tests/audio/test_player
TESTS += tests/audio/test_player
tests_audio_test_player_SOURCES = tests/audio/test_player.c
tests_audio_test_player_CFLAGS = $(TEST_CFLAGS)
tests_audio_test_player_LDADD = $(CHECK_LDADD) -lm
check_PROGRAMS += tests/audio/test_player_ctl
TESTS += tests/audio/test_player_ctl
tests_audio_test_player_ctl_SOURCES = tests/audio/test_player_ctl.c
tests_audio_test_player_ctl_CFLAGS = $(TEST_CFLAGS)
tests_audio_test_player_ctl_LDADD = $(CHECK_LDADD) -lm
check_PROGRAMS += tests/audio/test_pulseloop
TESTS += tests/audio/test_pulseloop
tests_audio_test_pulseloop_SOURCES = tests/audio/test_pulseloop.c
tests_audio_test_pulseloop_CFLAGS = $(TEST_CFLAGS)
tests_audio_test_pulseloop_LDADD = $(CHECK_LDADD)
endif
TESTS += tests/audio/headless_file.sh tests/audio/pulse_loop.sh tests/audio/pulse_lost.sh \
	tests/audio/alsa_loop.sh tests/audio/pulse_stall.sh tests/audio/ramps.sh tests/audio/loudness.sh
EXTRA_DIST += tests/audio/pulse.sh tests/audio/headless_file.sh tests/audio/pulse_loop.sh \
	tests/audio/pulse_lost.sh tests/audio/alsa_loop.sh tests/audio/pulse_stall.sh \
	tests/audio/ramps.sh tests/audio/loudness.sh
EXTRA_PROGRAMS += tests/audio/bench_player
BENCH_BINS += tests/audio/bench_player
tests_audio_bench_player_SOURCES = tests/audio/bench_player.c
tests_audio_bench_player_LDADD = $(SNDFILE_LIBS) -lm
CLEANFILES += tests/audio/bench_player

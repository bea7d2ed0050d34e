if HAVE_CHECK
check_PROGRAMS += tests/engine/test_protocol
TESTS += tests/engine/test_protocol
tests_engine_test_protocol_SOURCES = tests/engine/test_protocol.c
tests_engine_test_protocol_CFLAGS = $(TEST_CFLAGS)
tests_engine_test_protocol_LDADD = $(CHECK_LDADD)
endif
TESTS += tests/engine/engine_pipe.sh tests/engine/cli_options.sh tests/engine/station_play.sh \
	tests/engine/save_loop.sh tests/engine/protocol_doc.sh tests/engine/hook.sh tests/engine/station_ctl.sh tests/engine/server.sh \
	tests/engine/favourites.sh tests/engine/station_switch.sh tests/engine/prompt_problems.sh \
	tests/engine/beat_switch.sh tests/engine/idle_wakeups.sh tests/engine/spectrum_clock.sh
EXTRA_DIST += tests/engine/engine_pipe.sh tests/engine/cli_options.sh tests/engine/station_play.sh \
	tests/engine/save_loop.sh tests/engine/protocol_doc.sh tests/engine/hook.sh tests/engine/station_ctl.sh tests/engine/server.sh \
	tests/engine/favourites.sh tests/engine/station_switch.sh tests/engine/prompt_problems.sh \
	tests/engine/beat_switch.sh tests/engine/idle_wakeups.sh tests/engine/spectrum_clock.sh tests/engine/fake-drums

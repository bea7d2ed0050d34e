## tests of src/ui
if HAVE_CHECK
check_PROGRAMS += tests/ui/test_ui
TESTS += tests/ui/test_ui
tests_ui_test_ui_SOURCES = tests/ui/test_ui.c
tests_ui_test_ui_CFLAGS = $(TEST_CFLAGS) $(NCURSESW_CFLAGS)
tests_ui_test_ui_LDADD = libinfiniloop_ui.a $(NCURSESW_LIBS) $(CHECK_LDADD)
endif
UI_TESTS = tests/ui/tui_screens.sh tests/ui/tui_exits.sh tests/ui/tui_generate.sh \
	tests/ui/tui_engine_fails.sh tests/ui/tui_save.sh tests/ui/tui_messages.sh tests/ui/tui_lists.sh \
	tests/ui/tui_station.sh tests/ui/tui_station_ctl.sh tests/ui/tui_detach.sh \
	tests/ui/tui_favourites.sh tests/ui/tui_frames.sh
TESTS += $(UI_TESTS)
EXTRA_DIST += $(UI_TESTS) tests/ui/tmux_lib.sh
# Benchmark: the station against cmus + cava side by side, launch to first
# sound, cold and warm --analyze (make bench).
BENCH_SH += tests/ui/bench_station.sh
EXTRA_DIST += tests/ui/bench_station.sh
# Benchmark: CPU of the station and its engine, idle and playing (make bench).
EXTRA_PROGRAMS += tests/ui/bench_ui
BENCH_BINS += tests/ui/bench_ui
CLEANFILES += tests/ui/bench_ui
tests_ui_bench_ui_SOURCES = tests/ui/bench_ui.c
tests_ui_bench_ui_CPPFLAGS = $(AM_CPPFLAGS) -DIL_TOP_SRCDIR='"$(abs_top_srcdir)"' \
	-DIL_TOP_BUILDDIR='"$(abs_top_builddir)"'
tests_ui_bench_ui_LDADD = -lutil

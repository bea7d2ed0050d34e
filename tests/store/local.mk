if HAVE_CHECK
check_PROGRAMS += tests/store/test_settings
TESTS += tests/store/test_settings
tests_store_test_settings_SOURCES = tests/store/test_settings.c
tests_store_test_settings_CFLAGS = $(TEST_CFLAGS)
tests_store_test_settings_LDADD = $(CHECK_LDADD)
endif

TESTS += tests/store/config_state.sh
EXTRA_DIST += tests/store/config_state.sh

# make bench: how long loading a settings file takes, hostile ones included.
EXTRA_PROGRAMS += tests/store/bench_settings
BENCH_BINS += tests/store/bench_settings
tests_store_bench_settings_SOURCES = tests/store/bench_settings.c
tests_store_bench_settings_LDADD = $(CORE_LIBS)
CLEANFILES += tests/store/bench_settings$(EXEEXT)

if HAVE_CHECK
check_PROGRAMS += tests/store/test_settings
TESTS += tests/store/test_settings
tests_store_test_settings_SOURCES = tests/store/test_settings.c
tests_store_test_settings_CFLAGS = $(TEST_CFLAGS)
tests_store_test_settings_LDADD = $(CHECK_LDADD)
endif

TESTS += tests/store/config_state.sh
EXTRA_DIST += tests/store/config_state.sh

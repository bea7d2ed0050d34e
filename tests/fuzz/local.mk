## Fuzz targets: replayed as check programs over their seed corpus and a
## bounded number of mutations; `make fuzz` runs them under libFuzzer (clang).
FUZZ_MAIN = tests/fuzz/fuzz_main.c tests/fuzz/fuzz.h
check_PROGRAMS += tests/fuzz/fuzz_protocol tests/fuzz/fuzz_settings tests/fuzz/fuzz_prompt \
	tests/fuzz/fuzz_theme
tests_fuzz_fuzz_protocol_SOURCES = tests/fuzz/fuzz_protocol.c $(FUZZ_MAIN)
tests_fuzz_fuzz_protocol_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_settings_SOURCES = tests/fuzz/fuzz_settings.c $(FUZZ_MAIN)
tests_fuzz_fuzz_settings_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_prompt_SOURCES = tests/fuzz/fuzz_prompt.c $(FUZZ_MAIN)
tests_fuzz_fuzz_prompt_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_theme_SOURCES = tests/fuzz/fuzz_theme.c $(FUZZ_MAIN)
tests_fuzz_fuzz_theme_LDADD = libinfiniloop_ui.a $(CORE_LIBS)
TESTS += tests/fuzz/protocol.sh tests/fuzz/settings.sh tests/fuzz/prompt.sh tests/fuzz/theme.sh
EXTRA_DIST += tests/fuzz/protocol.sh tests/fuzz/settings.sh tests/fuzz/prompt.sh \
	tests/fuzz/theme.sh tests/fuzz/run-fuzz.sh \
	tests/fuzz/corpus
FUZZ_TARGETS += tests/fuzz/fuzz_protocol.c:tests/fuzz/corpus/protocol \
	tests/fuzz/fuzz_settings.c:tests/fuzz/corpus/settings \
	tests/fuzz/fuzz_prompt.c:tests/fuzz/corpus/prompt \
	tests/fuzz/fuzz_theme.c:tests/fuzz/corpus/theme

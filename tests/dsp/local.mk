## tests of src/dsp
TESTSIG = tests/dsp/testsig.c tests/dsp/testsig.h
EXTRA_PROGRAMS += tests/dsp/bench_loopfind
BENCH_BINS += tests/dsp/bench_loopfind
CLEANFILES += tests/dsp/bench_loopfind
tests_dsp_bench_loopfind_SOURCES = tests/dsp/bench_loopfind.c $(TESTSIG)
tests_dsp_bench_loopfind_LDADD = $(CORE_LIBS)
if HAVE_CHECK
check_PROGRAMS += tests/dsp/test_fft
TESTS += tests/dsp/test_fft
tests_dsp_test_fft_SOURCES = tests/dsp/test_fft.c
tests_dsp_test_fft_CFLAGS = $(TEST_CFLAGS)
tests_dsp_test_fft_LDADD = $(CHECK_LDADD)
check_PROGRAMS += tests/dsp/test_loopfind
TESTS += tests/dsp/test_loopfind
tests_dsp_test_loopfind_SOURCES = tests/dsp/test_loopfind.c $(TESTSIG)
tests_dsp_test_loopfind_CFLAGS = $(TEST_CFLAGS)
tests_dsp_test_loopfind_LDADD = $(CHECK_LDADD)
endif
if HAVE_CHECK
check_PROGRAMS += tests/dsp/test_loopprep
TESTS += tests/dsp/test_loopprep
tests_dsp_test_loopprep_SOURCES = tests/dsp/test_loopprep.c $(TESTSIG)
tests_dsp_test_loopprep_CFLAGS = $(TEST_CFLAGS)
tests_dsp_test_loopprep_LDADD = $(CHECK_LDADD)
endif
if HAVE_CHECK
check_PROGRAMS += tests/dsp/test_truepeak
TESTS += tests/dsp/test_truepeak
tests_dsp_test_truepeak_SOURCES = tests/dsp/test_truepeak.c
tests_dsp_test_truepeak_CFLAGS = $(TEST_CFLAGS)
tests_dsp_test_truepeak_LDADD = $(CHECK_LDADD)
endif
check_PROGRAMS += tests/dsp/mksignal
tests_dsp_mksignal_SOURCES = tests/dsp/mksignal.c $(TESTSIG)
tests_dsp_mksignal_LDADD = $(CORE_LIBS)
TESTS += tests/dsp/analyze_cli.sh
EXTRA_DIST += tests/dsp/analyze_cli.sh
check_PROGRAMS += tests/dsp/fuzz_loopprep
tests_dsp_fuzz_loopprep_SOURCES = tests/dsp/fuzz_loopprep.c $(FUZZ_MAIN)
tests_dsp_fuzz_loopprep_LDADD = $(CORE_LIBS)
TESTS += tests/dsp/fuzz_loopprep.sh
EXTRA_DIST += tests/dsp/fuzz_loopprep.sh tests/dsp/corpus
FUZZ_TARGETS += tests/dsp/fuzz_loopprep.c:tests/dsp/corpus

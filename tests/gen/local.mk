## Tests of src/gen and the generation history (generation).
if HAVE_CHECK
check_PROGRAMS += tests/gen/test_gen tests/gen/test_job tests/gen/test_history tests/gen/test_seams \
	tests/gen/test_composer
TESTS += tests/gen/test_gen tests/gen/test_job tests/gen/test_history tests/gen/test_seams \
	tests/gen/test_composer
tests_gen_test_composer_SOURCES = tests/gen/test_composer.c
tests_gen_test_composer_CFLAGS = $(TEST_CFLAGS)
tests_gen_test_composer_LDADD = $(CHECK_LDADD)
tests_gen_test_gen_SOURCES = tests/gen/test_gen.c
tests_gen_test_gen_CFLAGS = $(TEST_CFLAGS)
tests_gen_test_gen_LDADD = $(CHECK_LDADD)
tests_gen_test_job_SOURCES = tests/gen/test_job.c
tests_gen_test_job_CPPFLAGS = $(AM_CPPFLAGS) -DIL_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_gen_test_job_CFLAGS = $(TEST_CFLAGS)
tests_gen_test_job_LDADD = $(CHECK_LDADD)
tests_gen_test_history_SOURCES = tests/gen/test_history.c
tests_gen_test_history_CFLAGS = $(TEST_CFLAGS)
tests_gen_test_history_LDADD = $(CHECK_LDADD)
tests_gen_test_seams_SOURCES = tests/gen/test_seams.c
tests_gen_test_seams_CFLAGS = $(TEST_CFLAGS)
tests_gen_test_seams_LDADD = $(CHECK_LDADD)
endif
TESTS += tests/gen/gen_musicgpt.sh tests/gen/gen_engine.sh tests/gen/gen_escape.sh tests/gen/history_full.sh \
	tests/gen/gen_json.sh tests/gen/station.sh tests/gen/gen_tempo.sh tests/gen/fluid_renderer.sh
EXTRA_DIST += tests/gen/fake-musicgpt tests/gen/gen_musicgpt.sh tests/gen/gen_engine.sh tests/gen/gen_escape.sh \
	tests/gen/history_full.sh tests/gen/gen_json.sh tests/gen/music_bench.py \
	tests/gen/station.sh tests/gen/gen_tempo.sh tests/gen/fluid_renderer.sh

# make bench: the synth's speed as a multiple of real time.
EXTRA_PROGRAMS += tests/gen/bench_synth
BENCH_BINS += tests/gen/bench_synth
tests_gen_bench_synth_SOURCES = tests/gen/bench_synth.c
tests_gen_bench_synth_LDADD = $(CORE_LIBS)
CLEANFILES += tests/gen/bench_synth$(EXEEXT)

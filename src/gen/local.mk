## Generator backends (synth, musicgpt, command), prompt parsing, the job runner.
libinfiniloop_a_SOURCES += \
	src/gen/prompt.c src/gen/prompt.h src/gen/prompt_words.c src/gen/prompt_words.h \
	src/gen/synth.c src/gen/synth.h src/gen/synth_internal.h \
	src/gen/synth_parts.c src/gen/synth_drums.c src/gen/synth_voice.c src/gen/synth_voice.h \
	src/gen/synth_voice_drums.c src/gen/synth_voice_internal.h \
	src/gen/synth_rng.c src/gen/synth_rng.h src/gen/synth_theory.c \
	src/gen/synth_style.c src/gen/synth_form.c src/gen/synth_fluid.c
libinfiniloop_a_SOURCES += \
	src/gen/cancel.c src/gen/cancel.h src/gen/spawn.c src/gen/spawn.h \
	src/gen/backend.c src/gen/backend.h src/gen/job.c src/gen/job_names.c src/gen/job.h

## One-shot modes: --analyze and --generate-only.
libinfiniloop_a_SOURCES += \
	src/cli/cli.h src/cli/cli_analyze.c src/cli/cli_generate.c

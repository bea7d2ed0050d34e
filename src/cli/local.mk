## One-shot modes: --analyze, --generate-only and --remote.
libinfiniloop_a_SOURCES += \
	src/cli/cli.h src/cli/cli_analyze.c src/cli/cli_generate.c src/cli/cli_remote.c

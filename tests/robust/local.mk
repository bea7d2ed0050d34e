## Reliability: the bad-input catalogue, faults, soak.
TESTS += tests/robust/bad_input.sh tests/robust/soak.sh tests/robust/security.sh \
	tests/robust/faults.sh tests/robust/rss_switches.sh tests/robust/outputs.sh \
	tests/robust/fifo_inputs.sh tests/robust/signals.sh tests/robust/license.sh \
	tests/robust/boot_unit.sh tests/robust/completions.sh tests/robust/completions_shells.sh \
	tests/robust/programs.sh
if !SANITIZERS
TESTS += tests/robust/soak_valgrind.sh
endif
EXTRA_DIST += tests/robust/rss_switches.sh
EXTRA_DIST += tests/robust/bad_input.sh tests/robust/mkbad.py tests/robust/soak.sh \
	tests/robust/soak_valgrind.sh tests/robust/security.sh tests/robust/faults.sh tests/robust/outputs.sh \
	tests/robust/fifo_inputs.sh tests/robust/signals.sh tests/robust/license.sh \
	tests/robust/boot_unit.sh tests/robust/completions.sh tests/robust/completions_shells.sh \
	tests/robust/programs.sh

# The long soak: 1000 generations and loop switches (make soak [SOAK_N=N]).
SOAK_N = 1000
soak: infiniloop-tui infiniloop-engine infiniloop-fluid
	$(AM_V_at)top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	IL_BIN='$(abs_top_builddir)/infiniloop-tui' IL_ENGINE_BIN='$(abs_top_builddir)/infiniloop-engine' SOAK_N=$(SOAK_N) \
	INFINILOOP_LIBEXECDIR='$(abs_top_builddir)' \
	$(SHELL) $(top_srcdir)/tests/robust/soak.sh
.PHONY: soak

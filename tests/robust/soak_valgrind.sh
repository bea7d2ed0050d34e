#!/bin/sh
# A short soak under valgrind: no memory errors, no leaks.
SOAK_N=2 SOAK_VALGRIND=1 SOAK_LABEL=valgrind exec "${SHELL:-/bin/sh}" "${top_srcdir:-.}/tests/robust/soak.sh"

#!/bin/sh
# Replay the theme fuzz target over its corpus and 3000 mutations.
exec "${top_builddir:-.}/tests/fuzz/fuzz_theme" -runs=3000 "${top_srcdir:-.}/tests/fuzz/corpus/theme"

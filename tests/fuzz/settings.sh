#!/bin/sh
# Replay the settings fuzz target over its corpus and 3000 mutations.
exec "${top_builddir:-.}/tests/fuzz/fuzz_settings" -runs=3000 "${top_srcdir:-.}/tests/fuzz/corpus/settings"

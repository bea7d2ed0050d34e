#!/bin/sh
# Replay the prompt fuzz target over its corpus and 300 mutations (each renders 2 s).
exec "${top_builddir:-.}/tests/fuzz/fuzz_prompt" -runs=300 -max_len=2048 "${top_srcdir:-.}/tests/fuzz/corpus/prompt"

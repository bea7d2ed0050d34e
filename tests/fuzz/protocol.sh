#!/bin/sh
# Replay the protocol fuzz target over its corpus and 20000 mutations.
exec "${top_builddir:-.}/tests/fuzz/fuzz_protocol" -runs=20000 "${top_srcdir:-.}/tests/fuzz/corpus/protocol"

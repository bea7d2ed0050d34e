#!/bin/sh
# Replay the audio-file fuzz target over its seed files and 1500 mutations.
exec "${top_builddir:-.}/tests/dsp/fuzz_loopprep" -runs=1500 "${top_srcdir:-.}/tests/dsp/corpus"

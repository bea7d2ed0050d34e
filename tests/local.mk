## Tests: each folder's fragment adds its programs and scripts to TESTS.
EXTRA_DIST += tests/lib.sh tests/engine_lib.sh tests/testutil.h
include tests/engine/local.mk
include tests/store/local.mk
include tests/dsp/local.mk
include tests/audio/local.mk
include tests/gen/local.mk
include tests/ui/local.mk
include tests/fuzz/local.mk
include tests/robust/local.mk

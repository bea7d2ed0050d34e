## Reliability: the bad-input catalogue, faults, soak.
TESTS += tests/robust/bad_input.sh
EXTRA_DIST += tests/robust/bad_input.sh tests/robust/mkbad.py

#!/bin/sh
# GNU-style --help, --version and option errors.
. "${top_srcdir:-.}/tests/lib.sh"
out="$TEST_TMP/out"; err="$TEST_TMP/err"

"$IL_BIN" --help >"$out" 2>"$err"; expect_status 0 $? "--help exits 0"
expect_line "$out" '^Usage: infiniloop-tui \[OPTION\]' "--help prints a usage line"
expect_line "$out" '--analyze=FILE' "--help lists --analyze"
expect_line "$out" '--engine' "--help lists --engine"
expect_line "$out" 'auto \(PulseAudio, else ALSA\), pulse,' "--help names every output, auto and ALSA too"

"$IL_BIN" --version >"$out" 2>"$err"; expect_status 0 $? "--version exits 0"
expect_line "$out" '^infiniloop-tui [0-9]+\.[0-9]+\.[0-9]+$' "--version prints name and version"

"$IL_BIN" --bogus >"$out" 2>"$err"; expect_status 2 $? "unknown option exits 2"
expect_line "$err" "^infiniloop-tui: unrecognized option '--bogus'$" "unknown option is named"
expect_line "$err" "^Try 'infiniloop-tui --help' for more information\.$" "usage hint follows"
[ "$(wc -l <"$err")" -eq 2 ] && pass "error is one line plus the hint" || fail "error has $(wc -l <"$err") lines"

"$IL_BIN" -x >"$out" 2>"$err"; expect_status 2 $? "unknown short option exits 2"
expect_line "$err" "invalid option -- 'x'" "unknown short option is named"

"$IL_BIN" --duration 99 >"$out" 2>"$err"; expect_status 2 $? "out-of-range --duration exits 2"
expect_line "$err" 'duration must be a whole number from 5 to 30' "range is explained"

"$IL_BIN" --prompt >"$out" 2>"$err"; expect_status 2 $? "missing argument exits 2"
expect_line "$err" "option '--prompt' requires an argument" "missing argument is named"

"$IL_BIN" --engine --analyze x >"$out" 2>"$err"; expect_status 2 $? "two modes exit 2"
"$IL_BIN" stray >"$out" 2>"$err"; expect_status 2 $? "a stray argument exits 2"
expect_line "$err" "unexpected argument 'stray'" "stray argument is named"
finish

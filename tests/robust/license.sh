#!/bin/sh
# The license the README points to exists, is the MIT license with the
# project's copyright line, and goes into the release tarball.
. "${top_srcdir:-.}/tests/lib.sh"
L="$top_srcdir/LICENSE"
[ -f "$L" ] && pass "LICENSE exists" || fail "no LICENSE file"
expect_line "$L" '^MIT License$' "it is the MIT license"
expect_line "$L" '^Copyright \(c\) 2026 the infiniloop-tui authors$' "with the project's copyright line"
expect_line "$L" 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' "and its whole text"
expect_line "$top_srcdir/README.md" '\(LICENSE\)' "the README names it"
expect_line "$top_srcdir/Makefile.am" '^EXTRA_DIST = .*LICENSE' "it is distributed"
finish

#!/bin/sh
# The systemd user unit (data/infiniloop.service) runs the installed program
# with --daemon and passes `systemd-analyze --user verify`: its keys, its
# ExecStart (checked on a copy naming the built program, since the unit names
# the install folder) and its Documentation= man page.
. "${top_srcdir:-.}/tests/lib.sh"
command -v systemd-analyze >/dev/null 2>&1 || { echo "systemd-analyze not found: skipped"; exit 77; }
U="$top_builddir/data/infiniloop.service"
[ -f "$U" ] && pass "the unit is built" || { fail "no $U"; finish; }

expect_line "$U" '^ExecStart=/([^ ]*/)?infiniloop-tui --daemon$' "it runs the program by its absolute path with --daemon"
if grep -q '@' "$U"; then fail "a placeholder is left: $(grep '@' "$U")"; else pass "every placeholder is substituted"; fi
expect_line "$U" '^Type=(simple|exec)$' "the engine stays in the foreground"
expect_line "$U" '^Restart=on-failure$' "a failed engine is restarted"
expect_line "$U" '^WantedBy=default\.target$' "it is enabled for the user's session"
expect_line "$U" '^Documentation=man:infiniloop-tui\(1\)$' "it names the man page"

# verify FILE: systemd-analyze's verdict on a unit, its output in $TEST_TMP/verify.
# It looks the Documentation= page up with man(1), when there is one.
man_check=""
command -v man >/dev/null 2>&1 || { man_check=--man=no; echo "man not found: the man page reference is not checked"; }
verify() {
	MANPATH="$TEST_TMP/man" systemd-analyze --user verify $man_check "$1" >"$TEST_TMP/verify" 2>&1
}
mkdir -p "$TEST_TMP/man/man1" "$TEST_TMP/unit"
cp "$top_srcdir/man/infiniloop-tui.1" "$TEST_TMP/man/man1/"
bin=$(cd "$(dirname "$IL_BIN")" && pwd)/$(basename "$IL_BIN")
sed "s|^ExecStart=[^ ]*|ExecStart=$bin|" "$U" >"$TEST_TMP/unit/infiniloop.service"
verify "$TEST_TMP/unit/infiniloop.service"
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$TEST_TMP/verify" ]; then
	pass "systemd-analyze --user verify: no error, no warning"
else
	fail "systemd-analyze --user verify (exit status $rc):"
	sed 's/^/  | /' "$TEST_TMP/verify" >&2
fi

# The same check does see a wrong key and a missing program.
sed 's/^Restart=on-failure$/Restart=sometimes/' "$TEST_TMP/unit/infiniloop.service" >"$TEST_TMP/unit/bad-key.service"
verify "$TEST_TMP/unit/bad-key.service"
expect_line "$TEST_TMP/verify" 'restart specifier' "a bad value is reported"
sed "s|^ExecStart=[^ ]*|ExecStart=$TEST_TMP/none/infiniloop-tui|" "$TEST_TMP/unit/infiniloop.service" \
	>"$TEST_TMP/unit/no-program.service"
verify "$TEST_TMP/unit/no-program.service"
rc=$?
[ "$rc" -ne 0 ] && pass "a missing program fails the verification" ||
	fail "a missing program passed the verification"
finish

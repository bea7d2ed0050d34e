#!/bin/sh
# The now-playing hook (on_loop): its argv with the loop's fields put in,
# one argument each whatever they hold (no shell), for every loop; a hook
# that runs too long is killed with its process group, one that cannot
# start or fails is reported; nothing is left running; `set` takes the
# list in the file's syntax.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
T=$TEST_TMP
weird="it's \"a\"; \$(touch pwned) & b"
"$B/mkwav" "$T/$weird.wav" 2 48000 2 chord && "$B/mkwav" "$T/b.wav" 3 44100 1 noise || exit 99

# rec.sh: appends its argument count and its arguments, one per line.
cat >"$T/rec.sh" <<EOF || exit 99
#!/bin/sh
{ echo "argc=\$#"; for a in "\$@"; do printf '%s\n' "\$a"; done; } >>"$T/rec.out"
EOF
# slow.sh: notes its pid (its process group), then sleeps in a child.
cat >"$T/slow.sh" <<EOF || exit 99
#!/bin/sh
echo \$\$ >>"$T/slow.pids"
sleep 30
echo done >>"$T/slow.done"
EOF
printf '#!/bin/sh\nexit 3\n' >"$T/fail.sh" || exit 99
chmod +x "$T/rec.sh" "$T/slow.sh" "$T/fail.sh"
cfg="$T/cfg"
out="$T/out"

# Run the two files once each (one switch) with the hook template in $1
# (and extra settings in $2); the engine runs in $T.
run_hook() { # ON_LOOP [MORE]
	printf 'min_duration = 10;\non_loop = %s;\n%s' "$1" "${2:-}" >"$cfg"
	(cd "$T" && exec "$IL_BIN" --headless --config "$cfg" --play "$T/$weird.wav" "$T/b.wav" \
		--fast --switches 1 --output null </dev/null >"$out" 2>"$T/err")
}

# The value of field NAME in an event line, its quotes taken off (for
# values without escapes).
field() { # NAME LINE
	printf '%s\n' "$2" | sed -n "s/.* $1=\\(\"[^\"]*\"\\|[^ ]*\\).*/\\1/p" | sed 's/^"\(.*\)"$/\1/'
}

# True when no process of the process group PGID is left (a zombie is
# gone: it waits only for whoever adopted it to reap it).
group_gone() { # PGID
	! ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# 1. Every field substituted, each element one argument.
run_hook "[\"$T/rec.sh\", \"{title}\", \"{prompt}\", \"{artist}\", \"{id}\", \"{{title} {nope} {id}{id}\", \"lit{\", \"{seconds} {bpm}\"]"
expect_status 0 $? "headless --play with on_loop exits 0"
[ "$(grep -c '^loop ' "$out")" -eq 2 ] && pass "two loops" || fail "$(grep -c '^loop ' "$out") loop events"
timing=$(sed -n 's/^loop .* seconds=\([0-9.]*\) bpm=\([0-9.]*\) .*/\1 \2/p' "$out")
{
	printf 'argc=7\n%s\n\n\n1\n{title} {nope} 11\nlit{\n%s\n' "$weird" "$(echo "$timing" | sed -n 1p)"
	printf 'argc=7\nb\n\n\n2\n{title} {nope} 22\nlit{\n%s\n' "$(echo "$timing" | sed -n 2p)"
} >"$T/want"
if cmp -s "$T/want" "$T/rec.out"; then pass "the hook got both loops' fields, each as one argument"
else fail "hook arguments differ"; diff "$T/want" "$T/rec.out" | sed 's/^/  | /' >&2; fi
[ -e "$T/pwned" ] && fail "a title ran as a shell command" || pass "no shell: \$(...) and ; in a title stay text"
grep -q 'on_loop' "$out" && fail "a working hook was reported: $(grep on_loop "$out")" || pass "a working hook says nothing"
[ -s "$T/err" ] && fail "stderr: $(head -c 300 "$T/err")" || pass "nothing on stderr"

# 2. Too slow: each hook is killed with its group after on_loop_timeout;
#    one runs at a time (the second loop's starts once the first's is gone).
run_hook "[\"$T/slow.sh\", \"{title}\"]" "on_loop_timeout = 1;
debug = true;
"
expect_status 0 $? "the engine exits 0 after killing slow hooks"
expect_line "$out" "^log level=warn msg=\"on_loop: '$T/slow.sh' \\(loop 1\\) took longer than 1 s and was killed\"$" "a slow hook is killed and reported"
expect_line "$out" "^log level=warn msg=\"on_loop: '$T/slow.sh' \\(loop 2\\) took longer than 1 s and was killed\"$" "so is the next loop's"
order=$(sed -n "s/^log level=[a-z]* msg=\"on_loop: '.*slow.sh' (loop \([0-9]\)) \(started\|took\).*/\1 \2/p" "$out" | tr '\n' ,)
[ "$order" = "1 started,1 took,2 started,2 took," ] && pass "one hook at a time" || fail "hook order: $order"
[ "$(wc -l <"$T/slow.pids")" -eq 2 ] && pass "one hook per loop" || fail "$(wc -l <"$T/slow.pids") slow hooks ran"
left=""
for p in $(cat "$T/slow.pids"); do group_gone "$p" || left="$left $p"; done
[ -z "$left" ] && pass "nothing of the slow hooks is left running" || fail "hook groups still running:$left"
[ -e "$T/slow.done" ] && fail "a slow hook ran to its end" || pass "the slow hooks never finished"

# 3. A command that does not exist (by path and in PATH).
run_hook "[\"$T/missing-hook\", \"{title}\"]"
expect_status 0 $? "a missing hook does not stop the engine"
expect_line "$out" "^log level=warn msg=\"on_loop: cannot run '$T/missing-hook' \\(loop 1\\): No such file or directory\"$" "a missing command is reported"
expect_line "$out" "^log level=warn msg=\"on_loop: cannot run '$T/missing-hook' \\(loop 2\\): " "for every loop"
run_hook '["il-no-such-hook-command"]'
expect_line "$out" "^log level=warn msg=\"on_loop: cannot run 'il-no-such-hook-command' \\(loop 1\\): No such file or directory\"$" "a name not found in PATH is reported"

# 4. A failing hook: its exit status.
run_hook "[\"$T/fail.sh\"]"
expect_status 0 $? "a failing hook does not stop the engine"
expect_line "$out" "^log level=warn msg=\"on_loop: '$T/fail.sh' \\(loop 1\\) exited with status 3\"$" "a failing hook is reported with its status"
expect_line "$out" "^log level=warn msg=\"on_loop: '$T/fail.sh' \\(loop 2\\) exited with status 3\"$" "for every loop"

# 5. A generated loop: prompt, artist and the composer's plan (after the
#    startup loop, which has its own).
rm -f "$T/rec.out"
printf 'min_duration = 10;\non_loop = ["%s", "{prompt}", "{artist}|{style}|{key}|{metre}|{bpm}", "{instruments}"];\n' \
	"$T/rec.sh" >"$cfg"
prompt='calm piano; "quoted" $(touch pwned) 70 bpm'
(cd "$T" && exec "$IL_BIN" --headless --config "$cfg" --prompt "$prompt" --fast --switches 1 \
	--output null </dev/null >"$out" 2>"$T/err")
expect_status 0 $? "a generated station with on_loop exits 0"
n=$(grep -c '^argc=3$' "$T/rec.out" 2>/dev/null)
[ "$n" -eq "$(grep -c '^loop ' "$out")" ] && [ "$n" -ge 1 ] && pass "a hook per loop ($n)" || fail "$n hook runs"
[ "$(grep -cxF "$prompt" "$T/rec.out")" -eq 1 ] && pass "{prompt} is the prompt as typed, one argument" ||
	fail "prompt lines: $(cat "$T/rec.out")"
ev=$(grep '^loop ' "$out" | tail -n 1)
want="$(field artist "$ev")|$(field style "$ev")|$(field key "$ev")|$(field metre "$ev")|$(field bpm "$ev")"
got=$(grep -A2 -xF "$prompt" "$T/rec.out" | tail -n 2)
[ "$(field bpm "$ev")" = 70.0 ] && [ -n "$(field key "$ev")" ] || fail "the loop event lacks the plan: $ev"
[ "$got" = "$want
$(field instruments "$ev")" ] && pass "{artist} {style} {key} {metre} {bpm} {instruments} of the composer's plan" ||
	fail "plan: got '$got', want '$want' from $ev"
[ -e "$T/pwned" ] && fail "the prompt ran as a shell command" || pass "the prompt stays text"

# 6. `set` takes the list in the file's syntax; a plain word is refused.
rm -f "$T/rec.out"
printf 'min_duration = 10;\n' >"$cfg"
engine_start --engine --config "$cfg" --output null
engine_send "set key=on_loop value=\"[\\\"$T/rec.sh\\\", \\\"{title}\\\"]\""
expect_event "^setting key=on_loop value=\"\\[\\\\\"$T/rec.sh\\\\\", \\\\\"\\{title\\}\\\\\"\\]\"( |$)" "set on_loop echoes the list"
engine_send "set key=on_loop value=notify-send"
expect_event '^error code=bad_value msg="on_loop must be written as in the file, e\.g\. .*" verb=set$' "a value that is not a list is refused"
engine_send "set key=on_loop_timeout value=0"
expect_event '^error code=bad_value msg="on_loop_timeout must be between 1 and 60, not 0" verb=set$' "on_loop_timeout is range checked"
engine_send "play file=$T/b.wav"
engine_wait '^loop title=b ' 20 || fail "no loop event"
retry_until 20 grep -qx b "$T/rec.out" && pass "the hook set by request runs" || fail "the hook did not run"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
grep -qF "on_loop = [\"$T/rec.sh\", \"{title}\"];" "$cfg" && pass "on_loop is saved to the config" ||
	fail "config: $(cat "$cfg")"

# 7. Loops that start while a hook runs: the newest waits, an older
#    waiting one is skipped; a signal ends the engine at once, and the
#    running hook with it.
rm -f "$T/slow.pids"
"$B/mkwav" "$T/c.wav" 2 48000 1 tone || exit 99
printf 'on_loop = ["%s"];\non_loop_timeout = 60;\n' "$T/slow.sh" >"$cfg"
engine_start --headless --config "$cfg" --play "$T/b.wav" "$T/$weird.wav" "$T/c.wav" --output null
retry_until 20 test -s "$T/slow.pids" || fail "the slow hook did not start"
engine_wait '^log level=info msg="queued c ' 20 || fail "c was not queued"
engine_send skip
expect_event "^log level=info msg=\"on_loop: loop 2 waits for '$T/slow.sh' \\(loop 1\\) to end\"$" "a loop that starts while a hook runs waits for it" 20
engine_send skip
expect_event "^log level=warn msg=\"on_loop: skipped for loop 2: '$T/slow.sh' \\(loop 1\\) was still running when loop 3 started\"$" "a newer loop replaces the waiting one" 20
if engine_stop_within 20 TERM; then pass "SIGTERM ends the engine though its hook runs"; else fail "the engine waited for its hook"; fi
expect_line "$ENGINE_EV" "^log level=warn msg=\"on_loop: '$T/slow.sh' \\(loop 1\\) was still running at exit and was killed\"$" "the hook killed at exit is reported"
expect_line "$ENGINE_EV" '^log level=warn msg="on_loop: not run for loop 3: the engine is quitting"$' "the waiting one is not started at a signal"
[ "$(wc -l <"$T/slow.pids")" -eq 1 ] && pass "only the first hook ran" || fail "$(wc -l <"$T/slow.pids") hooks ran"
p=$(cat "$T/slow.pids")
retry_until 10 group_gone "$p" && pass "nothing of the hook is left" || fail "hook group $p still running"

# 8. The hook sees the user's environment: the malloc tunable that
#    infiniloop-tui gives the engine (util/tunables.h) is not passed on.
cat >"$T/env.sh" <<EOF || exit 99
#!/bin/sh
echo "\${GLIBC_TUNABLES-unset}|\${INFINILOOP_GLIBC_TUNABLES-unset}" >>"$T/env.out"
EOF
chmod +x "$T/env.sh"
for user in unset glibc.malloc.perturb=0 ""; do
	rm -f "$T/env.out"
	printf 'min_duration = 10;\non_loop = ["%s"];\n' "$T/env.sh" >"$cfg"
	if [ "$user" = unset ]; then set -- env -u GLIBC_TUNABLES; else set -- env GLIBC_TUNABLES="$user"; fi
	(cd "$T" && exec "$@" "$IL_BIN" --headless --config "$cfg" --play "$T/b.wav" --fast --seconds 1 \
		--output null </dev/null >"$out" 2>"$T/err")
	got=$(sed -n 1p "$T/env.out" 2>/dev/null)
	[ "$got" = "$user|unset" ] && pass "GLIBC_TUNABLES '$user': the hook sees it as the user set it" ||
		fail "GLIBC_TUNABLES '$user': the hook saw '$got'"
done
finish

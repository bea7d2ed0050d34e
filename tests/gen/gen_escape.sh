#!/bin/sh
# Generators whose children leave the process group or the session
# (setsid, a double fork) leave nothing running: after a success, after a
# timeout, after stop and quit, and after the engine is killed.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
command -v setsid >/dev/null || { echo "setsid missing"; exit 77; }
T="$TEST_TMP"
MKWAV="${top_builddir:-.}/tests/audio/mkwav"
ENGINE_WAIT=30
# A generator that starts a daemon in its own session (its pid in $T/pids),
# then writes a 5 s clip and exits 0.
cat >"$T/daemon-gen" <<GEN
#!/bin/sh
setsid sh -c 'echo \$\$ >>"$T/pids"; exec sleep 301' </dev/null >/dev/null 2>&1 &
( sh -c 'echo \$\$ >>"$T/pids"; exec sleep 303' </dev/null >/dev/null 2>&1 & ) # a double fork
until [ -f "$T/pids" ] && [ "\$(wc -l <"$T/pids")" = 2 ]; do sleep 0.1; done
exec "$MKWAV" "\$1" 5 32000 1 chord
GEN
# A generator that moves into a new session, starts a child and hangs.
cat >"$T/hang-gen" <<GEN
#!/bin/sh
exec setsid sh -c 'echo \$\$ >>"$T/pids"; sleep 302 & echo \$! >>"$T/pids"; wait'
GEN
chmod +x "$T/daemon-gen" "$T/hang-gen"
config() { # GENERATOR: the command backend with it, no retries, timeout 4 s
	mkdir -p "$XDG_CONFIG_HOME/infiniloop"
	printf 'backend = "command";\ncommand = ["%s", "{output}"];\nretries = 0;\ntimeout = 4;\nduration = 5;\n' "$1" \
		>"$XDG_CONFIG_HOME/infiniloop/config"
	rm -f "$T/pids"
}
pids_written() { [ -f "$T/pids" ] && [ "$(wc -l <"$T/pids")" = 2 ]; }
# Every pid in $T/pids is gone within 10 s.
all_gone() { # WHAT
	if ! pids_written; then fail "$1: the generator's children did not start"; return; fi
	# shellcheck disable=SC2046
	if retry_until 10 procs_gone $(cat "$T/pids"); then pass "$1: nothing the generator started is left"
	else
		fail "$1: left running: $(for p in $(cat "$T/pids"); do proc_alive "$p" && ps -o pid=,args= -p "$p"; done)"
		kill -9 $(cat "$T/pids") 2>/dev/null
	fi
}

# Success: the daemons die with the job.
config "$T/daemon-gen"
engine_start --engine --output null
engine_send 'start prompt="a generator with daemons"'
expect_event '^gen state=ready ' "the clip is made"
all_gone "after a success"
engine_quit

# Timeout: a generator in its own session, with a child.
config "$T/hang-gen"
engine_start --engine --output null
engine_send 'start prompt="a generator that hangs in its own session"'
expect_event '^gen state=failed .*did not finish within 4 s' "the timeout stops it"
all_gone "after a timeout"
engine_quit

# stop, and quit, while it hangs.
engine_start --engine --output null
engine_send 'start prompt="stopped"'
retry_until 10 pids_written
engine_send stop
expect_event '^gen state=stopped' "stop is acknowledged"
all_gone "after stop"
rm -f "$T/pids"
engine_send 'start prompt="quit"'
retry_until 10 pids_written
engine_stop_within 10 && pass "quit ends the engine" || fail "quit hung"
all_gone "after quit"

# The engine killed (-9) while the generator hangs.
rm -f "$T/pids"
engine_start --engine --output null
engine_send 'start prompt="orphaned"'
retry_until 10 pids_written
engine_kill KILL
all_gone "after kill -9 of the engine"
finish

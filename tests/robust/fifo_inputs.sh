#!/bin/sh
# Inputs that are FIFOs never block: `play file=FIFO`, a generator that
# leaves a FIFO at {output}, a config that is a FIFO or @includes one. Each
# is refused with a message, the engine plays on, and quit and SIGTERM end
# it at once (the temporary folder removed).
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
T="$TEST_TMP"
"$B/mkwav" "$T/a.wav" 3 48000 2 chord || exit 99
mkfifo "$T/fifo.wav" "$T/inc.fifo"
mkdir -p "$T/tmp"
ENGINE_WAIT=20

# play file=FIFO: refused; the next file plays; quit works.
engine_start TMPDIR="$T/tmp" --engine --output null
engine_send "play file=$T/fifo.wav"
expect_event '^error code=[a-z_]+ msg=".*fifo.wav: not a regular file" verb=play' "play file=FIFO is refused"
engine_send "play file=$T/a.wav"
expect_event '^loop title=a ' "the next file plays"
engine_send 'ping id=after'
expect_event '^pong id=after' "the engine answers"
engine_stop_within 10 && pass "quit ends the engine at once" || fail "quit hung (killed after 10 s)"
expect_status 0 "$ENGINE_STATUS" "and it exits 0"
[ -z "$(ls -A "$T/tmp")" ] && pass "the temporary folder is gone" || fail "left: $(ls -A "$T/tmp")"

# The same, ended by SIGTERM.
engine_start TMPDIR="$T/tmp" --engine --output null
engine_send "play file=$T/fifo.wav"
engine_send 'ping id=p'
expect_event '^pong id=p' "the engine answers after play file=FIFO"
engine_stop_within 10 TERM && pass "SIGTERM ends the engine at once" || fail "SIGTERM hung (killed after 10 s)"
[ -z "$(ls -A "$T/tmp")" ] && pass "SIGTERM: the temporary folder is gone" || fail "SIGTERM left: $(ls -A "$T/tmp")"

# A generator that leaves a FIFO at {output} and exits 0.
printf '#!/bin/sh\nmkfifo "$1"\n' >"$T/fifo-gen"; chmod +x "$T/fifo-gen"
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'backend = "command";\ncommand = ["%s", "{output}"];\nretries = 0;\ntimeout = 5;\nduration = 5;\n' "$T/fifo-gen" \
	>"$XDG_CONFIG_HOME/infiniloop/config"
engine_start TMPDIR="$T/tmp" --engine --output null
engine_send 'start prompt="a generator that leaves a FIFO"'
expect_event '^gen state=failed .*msg=".*no regular file at' "the FIFO at {output} is refused, named"
engine_send 'ping id=g'
expect_event '^pong id=g' "the engine answers"
engine_send 'start prompt="again"'
expect_event '^gen state=running ' "a new generation can start"
expect_event '^gen state=failed .*no regular file' "and fails the same way" 20
engine_stop_within 10 && pass "quit ends the engine at once" || fail "quit hung after the FIFO generator"
[ -z "$(ls -A "$T/tmp")" ] && pass "no temporary file left" || fail "left: $(ls -A "$T/tmp")"
rm -f "$XDG_CONFIG_HOME/infiniloop/config"

# A config that @includes a FIFO, and --config FIFO: defaults, a warning,
# nothing blocked.
printf 'volume = 40;\n@include "%s"\n' "$T/inc.fifo" >"$T/cfg"
engine_start --engine --output null --config "$T/cfg"
expect_event "^log level=warn msg=\".*inc.fifo: is a FIFO, not a file that can be read \\(named by @include\\)" "a config that @includes a FIFO is refused, named"
engine_send status
expect_event '^status ' "the engine runs (on defaults)"
engine_stop_within 10 && pass "quit ends it" || fail "quit hung with an @include of a FIFO"
engine_start --engine --output null --config "$T/inc.fifo"
expect_event "^log level=warn msg=\".*inc.fifo: is not a regular file" "--config FIFO is refused, named"
engine_stop_within 10 && pass "quit ends it" || fail "quit hung with --config FIFO"
[ "$(stat -c %F "$T/inc.fifo")" = fifo ] && pass "the FIFO is left as it is" || fail "the FIFO was replaced"

# A FIFO at the FFTW wisdom cache: --analyze neither waits for it nor
# replaces it.
mkdir -p "$HOME/.cache/infiniloop"
rm -f "$HOME/.cache/infiniloop/fftw-wisdom" # (earlier runs saved one)
mkfifo "$HOME/.cache/infiniloop/fftw-wisdom"
timeout -k 5 30 "$IL_BIN" --analyze "$T/a.wav" >"$T/out" 2>&1
expect_status 0 $? "--analyze with a FIFO at the wisdom cache ends, exit 0"
[ "$(stat -c %F "$HOME/.cache/infiniloop/fftw-wisdom")" = fifo ] && pass "the cache's FIFO is left as it is" ||
	fail "the cache's FIFO became: $(stat -c %F "$HOME/.cache/infiniloop/fftw-wisdom")"
finish

#!/bin/sh
# Faults of the generator: it crashes, panics, writes garbage, fills the
# disk, hangs. Each time the station keeps playing the current loop, says
# what happened in one line, retries, and leaves no temporary file behind.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
fake="$top_srcdir/tests/gen/fake-musicgpt"
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'backend = "musicgpt";\nmusicgpt = "%s";\nduration = 5;\nretries = 1;\ntimeout = 3;\n' "$fake" \
	>"$XDG_CONFIG_HOME/infiniloop/config"

# fault MODE REGEX [TMPDIR]: a station whose generator fails in MODE.
fault() {
	engine_start FAKE_MUSICGPT_MODE="$1" TMPDIR="${3:-$TEST_TMP/tmp}" --engine --output null
	engine_send 'start prompt="a station that fails"'
	t0=$(date +%s)
	engine_wait '^gen state=failed' 60
	if engine_seen "^gen state=(retry|failed) .*msg=\"$2"; then pass "$1: the failure is named"
	else
		fail "$1: no failure matching /$2/ after $(($(date +%s) - t0)) s; the engine said:"
		grep -v '^spectrum' "$ENGINE_EV" | cut -c1-200 | tail -20 >&2
		cat "$ENGINE_ERR" >&2
	fi
	engine_seen '^gen state=retry .*attempt=1 wait=2\.0' && pass "$1: retried after 2 s" || fail "$1: no retry with backoff"
	engine_seen '^gen state=failed' && pass "$1: gives up after the retries" || fail "$1: never gave up"
	engine_send status
	engine_send 'ping id=after'
	engine_wait '^pong id=after' 10
	engine_seen '^status state=playing .*title="[^"]' && pass "$1: the startup loop plays on" || fail "$1: nothing plays"
	engine_seen '^pong id=after' && pass "$1: the engine answers" || fail "$1: the engine is stuck"
	engine_quit
	expect_status 0 "$ENGINE_STATUS" "$1: the engine exits 0"
	[ -s "$ENGINE_ERR" ] && fail "$1: stderr: $(head -c 200 "$ENGINE_ERR")" || pass "$1: nothing on stderr"
	left=$(find "${3:-$TEST_TMP/tmp}" -mindepth 1 2>/dev/null | head -3)
	[ -z "$left" ] && pass "$1: no temporary file left" || fail "$1: left behind: $left"
}
mkdir -p "$TEST_TMP/tmp"
fault crash 'MusicGPT (crashed|was killed|died).*(11|SIGSEGV|Segmentation)'
fault panic 'MusicGPT crashed \(exit 101\): thread .main. panicked'
fault garbage '.*(unreadable|not a|Format|invalid)'
fault hang 'MusicGPT did not finish within 3 s'
if mkdir -p "$TEST_TMP/small" && mount -t tmpfs -o size=512k tmpfs "$TEST_TMP/small" 2>/dev/null; then
	il_at_exit "umount '$TEST_TMP/small' 2>/dev/null"
	fault filldisk 'MusicGPT failed \(exit 1\): No space left on device' "$TEST_TMP/small"
else
	echo "tmpfs cannot be mounted here: the full-disk case was not run"
fi
finish

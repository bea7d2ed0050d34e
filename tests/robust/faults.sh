#!/bin/sh
# Faults of the generator: it crashes, panics, writes garbage, fills the
# disk, hangs. Each time the station keeps playing the current loop, says
# what happened in one line, retries, and leaves no temporary file behind.
. "${top_srcdir:-.}/tests/lib.sh"
fake="$top_srcdir/tests/gen/fake-musicgpt"
out="$TEST_TMP/out"; err="$TEST_TMP/err"
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'backend = "musicgpt";\nmusicgpt = "%s";\nduration = 5;\nretries = 1;\ntimeout = 3;\n' "$fake" \
	>"$XDG_CONFIG_HOME/infiniloop/config"

# fault MODE REGEX [TMPDIR]: a station whose generator fails in MODE.
fault() {
	rm -f "$TEST_TMP/in"; mkfifo "$TEST_TMP/in"
	: >"$out"; : >"$err"
	FAKE_MUSICGPT_MODE=$1 TMPDIR="${3:-$TEST_TMP/tmp}" "$IL_BIN" --engine --output null <"$TEST_TMP/in" >"$out" 2>"$err" &
	epid=$!
	exec 3>"$TEST_TMP/in"
	printf 'start prompt="a station that fails"\n' >&3
	t0=$(date +%s)
	i=0; while ! grep -q '^gen state=failed' "$out" && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	if grep -Eq "^gen state=(retry|failed) .*msg=\"$2" "$out"; then pass "$1: the failure is named"
	else
		fail "$1: no failure matching /$2/ after $(($(date +%s) - t0)) s; the engine said:"
		grep -v '^spectrum' "$out" | cut -c1-200 | tail -20 >&2
		cat "$err" >&2
	fi
	grep -q '^gen state=retry .*attempt=1 wait=2\.0' "$out" && pass "$1: retried after 2 s" || fail "$1: no retry with backoff"
	grep -q '^gen state=failed' "$out" && pass "$1: gives up after the retries" || fail "$1: never gave up"
	printf 'status\nping id=after\n' >&3
	i=0; while ! grep -q '^pong id=after' "$out" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q '^status state=playing .*title="[^"]' "$out" && pass "$1: the startup loop plays on" || fail "$1: nothing plays"
	grep -q '^pong id=after' "$out" && pass "$1: the engine answers" || fail "$1: the engine is stuck"
	printf 'quit\n' >&3; exec 3>&-; wait $epid; st=$?
	expect_status 0 "$st" "$1: the engine exits 0"
	[ -s "$err" ] && fail "$1: stderr: $(head -c 200 "$err")" || pass "$1: nothing on stderr"
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

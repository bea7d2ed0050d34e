#!/bin/sh
# bench_station.sh (make bench): the station against cmus + cava, side by
# side in one run on a private PulseAudio server with a null sink.
#   1. TUI launch to first sound: the sink's monitor is recorded with parec;
#      the first sample above -50 dBFS, placed on the clock, minus the
#      moment the station was started in an 80x24 tmux pane.
#   2. CPU (user + system, with reaped children: background generation) and
#      RSS (sampled each second; the engine with its children) of the UI and
#      the engine playing with the spectrum for BENCH_SECONDS (default 40),
#      and, in the same windows (the machine's speed drifts between
#      windows), of cmus playing a 48 kHz WAV and cava (32 bars, 30 fps) on
#      the monitor; the station again held on its loop (no generation) for the
#      share of generation, which is divided by the pieces the engine's log
#      says were made meanwhile and given at one piece per
#      BENCH_MIN_DURATION (default 30 s, the default minimum duration);
#      then paused, for what waiting costs (ticks of 10 ms: a resolution of
#      0.025 % over 40 s). The PulseAudio server is measured in the same
#      windows: it plays for all three, and a client asking too much of it
#      (a tiny latency) shows there.
#   3. One piece's cost back to back: a headless station with no output,
#      faster than real time, run to 1 and to 7 switches; the difference
#      over 6 pieces (a window holds one or two, so its figure is rough),
#      less the 30 s each piece is played for (held counts playing).
#   4. --analyze of a 30 s clip: the first run ever (no FFTW wisdom), cold
#      runs (a new process each), and warm (more files in one process).
# Prints figures only; the machine may be shared, so CPU figures vary.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
secs=${BENCH_SECONDS:-40}
MKWAV="${top_builddir:-.}/tests/audio/mkwav"
[ -n "$PULSEAUDIO_BIN" ] && [ -n "$PAREC_BIN" ] && [ -n "$PACTL_BIN" ] ||
	{ echo "station: pulseaudio, parec and pactl are needed; skipped"; exit 0; }
[ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ] || { echo "station: tmux not found; skipped"; exit 0; }
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"
pulse_start || { echo "station: no private PulseAudio server; skipped"; exit 0; }
tick=$(getconf CLK_TCK)

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# CPU ticks of a process: user + system, and of its reaped children.
ticks() { # PID
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13 + $14 + $15}'
}
# RSS (kB) of a process and of all its descendants.
rss_tree() { # PID
	_r=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null)
	for _c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		_r=$((${_r:-0} + $(rss_tree "$_c")))
	done
	echo "${_r:-0}"
}
# RSS (kB) of the process measured as NAME: the engine with its children
# (generation), the others alone (the UI's child is the engine).
rss_of() { # NAME PID
	case $1 in
	engine) rss_tree "$2" ;;
	*) awk '/^VmRSS:/ {print $2}' "/proc/$2/status" 2>/dev/null ;;
	esac
}
# The first child of a process.
child_of() { cat /proc/"$1"/task/*/children 2>/dev/null | awk '{print $1; exit}'; }
# Measure the processes NAME=PID... for secs seconds; one line per name in
# $TEST_TMP/fig: NAME CPU% RSS-mean-kB RSS-max-kB.
measure() { # NAME=PID...
	: >"$TEST_TMP/fig"
	for _np do echo "${_np%%=*} ${_np#*=} $(ticks "${_np#*=}")" ; done >"$TEST_TMP/t0"
	_t0=$(now_ms)
	_k=0
	while [ $(($(now_ms) - _t0)) -lt $((secs * 1000)) ]; do
		for _np do echo "${_np%%=*} $(rss_of "${_np%%=*}" "${_np#*=}")"; done >>"$TEST_TMP/rss"
		sleep 1
		_k=$((_k + 1))
	done
	_dt=$(($(now_ms) - _t0))
	for _np do
		_n=${_np%%=*} _p=${_np#*=}
		_a=$(awk -v n="$_n" '$1 == n {print $3}' "$TEST_TMP/t0")
		_b=$(ticks "$_p")
		awk -v n="$_n" -v a="$_a" -v b="${_b:-$_a}" -v dt="$_dt" -v hz="$tick" '
			$1 == n { s += $2; c++; if ($2 > m) m = $2 }
			END { printf "%s %.2f %d %d\n", n, 100 * (b - a) / hz / (dt / 1000), c ? s / c : 0, m }' \
			"$TEST_TMP/rss" >>"$TEST_TMP/fig"
	done
	rm -f "$TEST_TMP/rss"
}
fig() { awk -v n="$1" -v f="$2" '$1 == n {print $f}' "$TEST_TMP/fig"; }

# 1. Launch to first sound (three launches, the median), then the station
# playing (the last launch).
# Start the station in tmux session "ui" and print the milliseconds from the
# start to the first frame above -50 dBFS on the sink's monitor, or nothing.
launch_once() {
	"$PAREC_BIN" -d iltest.monitor --format=s16le --rate=48000 --channels=2 --latency-msec=10 \
		--raw >"$TEST_TMP/rec.raw" &
	PAREC_PID=$!
	for _i in $(seq 50); do [ -s "$TEST_TMP/rec.raw" ] && break; sleep 0.1; done
	sleep 0.5
	_cal_ms=$(now_ms); _cal_bytes=$(stat -c %s "$TEST_TMP/rec.raw")
	_launch_ms=$(now_ms)
	T new-session -d -x 80 -y 24 -s ui \
		"exec env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 PULSE_SERVER='$PULSE_SERVER' '$IL_BIN'"
	_first=""
	for _i in $(seq 100); do
		sleep 0.1
		_first=$(od -An -v -t d2 -w4 "$TEST_TMP/rec.raw" | awk '
			{ f++; a = $1 < 0 ? -$1 : $1; b = $2 < 0 ? -$2 : $2 }
			a > 104 || b > 104 { print f - 1; exit }')
		[ -n "$_first" ] && break
	done
	kill "$PAREC_PID" 2>/dev/null; wait "$PAREC_PID" 2>/dev/null; PAREC_PID=""
	rm -f "$TEST_TMP/rec.raw"
	[ -n "$_first" ] && echo $((_cal_ms + (_first * 4 - _cal_bytes) / 192 - _launch_ms))
}
launches=""
for _l in 1 2 3; do
	[ "$_l" -gt 1 ] && { T send-keys -t ui Q; sleep 1; T kill-session -t ui 2>/dev/null; sleep 1; }
	launches="$launches $(launch_once)"
done
launch=$(echo $launches | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}')
echo "station: TUI launch to first sound, ms:$launches (recording of the sink's monitor, +-10 ms)"
ui=$(T list-panes -t ui -F '#{pane_pid}')
eng=$(child_of "$ui")
sleep 3
# 2. cmus playing a WAV and cava on the sink's monitor, started now and
# measured in the same windows as the station: the machine may be shared,
# and its speed drifts between windows more than the figures differ.
wav="$TEST_TMP/tone.wav"
"$MKWAV" "$wav" 60 48000 2 chord || exit 99
if command -v cmus >/dev/null && command -v cmus-remote >/dev/null; then
	T new-session -d -x 80 -y 24 -s cmus "exec env TERM=xterm-256color PULSE_SERVER='$PULSE_SERVER' cmus"
	for _i in $(seq 50); do [ -S "$XDG_RUNTIME_DIR/cmus-socket" ] && break; sleep 0.1; done
	sleep 0.5
	T send-keys -t cmus Enter # a message about MPRIS (no D-Bus here) waits for a key
	sleep 0.5
	cmus-remote -C "set output_plugin=pulse" "set repeat_current=true" "set continue=true" &&
		cmus-remote -f "$wav"
	sleep 2
	cmus=$(T list-panes -t cmus -F '#{pane_pid}')
	cmus-remote -Q 2>/dev/null | grep -q '^status playing' && cmus_ok=1 || cmus_ok=0
	[ $cmus_ok = 1 ] || echo "cmus: not playing; skipped"
else
	cmus_ok=0; echo "cmus: not installed (Debian cmus); skipped"
fi
if command -v cava >/dev/null; then
	mkdir -p "$HOME/.config/cava"
	printf '[general]\nframerate = 30\nbars = 32\n[input]\nmethod = pulse\nsource = iltest.monitor\n[output]\nmethod = ncurses\n' \
		>"$HOME/.config/cava/config"
	T new-session -d -x 80 -y 24 -s cava "exec env TERM=xterm-256color PULSE_SERVER='$PULSE_SERVER' cava"
	sleep 2
	cava=$(T list-panes -t cava -F '#{pane_pid}')
	[ -d "/proc/$cava" ] && cava_ok=1 || { cava_ok=0; echo "cava: did not start; skipped"; }
else
	cava_ok=0; echo "cava: not installed (Debian cava); skipped"
fi
others=""
[ $cmus_ok = 1 ] && others="$others cmus=$cmus"
[ $cava_ok = 1 ] && others="$others cava=$cava"
if [ -n "$eng" ] && screen | grep -q 'Spectrum'; then
	# Count the loops made in the window (the engine's log says each):
	# the share of generation is per loop.
	elog="${XDG_STATE_HOME:-$HOME/.local/state}/infiniloop/engine.log"
	g0=$(grep -c 'new loop ready' "$elog" 2>/dev/null)
	# shellcheck disable=SC2086
	measure ui="$ui" engine="$eng" server="$PULSE_PID" $others
	g1=$(grep -c 'new loop ready' "$elog" 2>/dev/null)
	gens=$((${g1:-0} - ${g0:-0}))
	screen | grep -Eq 'gen (idle|ready|running)|playing' || echo "station: not playing at the end?"
else
	echo "station: the station did not start playing; skipped"
	: >"$TEST_TMP/fig"
fi
cp "$TEST_TMP/fig" "$TEST_TMP/fig.station"
# The same station held on its loop (`hold`: no switch, so no generation):
# playing and the spectrum alone.
: >"$TEST_TMP/fig.hold"
spec_fps=""
if [ -s "$TEST_TMP/fig.station" ] && "$IL_BIN" --remote hold on >/dev/null 2>&1; then
	sleep 2
	# The spectrum's real rate: its events over 5 s, seen by one more client.
	spec_fps=$(timeout 5 "$IL_BIN" --remote events 2>/dev/null | grep -c '^spectrum ' | awk '{printf "%.1f", $1 / 5}')
	echo "station: $spec_fps spectrum events a second (held, 32 bands)"
	# shellcheck disable=SC2086
	measure ui="$ui" engine="$eng" server="$PULSE_PID" $others
	sed 's/^/held-/' "$TEST_TMP/fig" >"$TEST_TMP/fig.hold"
	"$IL_BIN" --remote hold off >/dev/null 2>&1
fi
# Paused: what the station costs while it waits (the goal is nothing).
: >"$TEST_TMP/fig.paused"
if [ -s "$TEST_TMP/fig.station" ] && "$IL_BIN" --remote pause >/dev/null 2>&1; then
	sleep 5 # PulseAudio's timing queries slow down after the last write
	# shellcheck disable=SC2086
	measure ui="$ui" engine="$eng" server="$PULSE_PID" $others
	sed 's/^/paused-/' "$TEST_TMP/fig" >"$TEST_TMP/fig.paused"
	"$IL_BIN" --remote resume >/dev/null 2>&1
fi
T send-keys -t ui Q
sleep 1
T kill-session -t ui 2>/dev/null
T kill-session -t cmus 2>/dev/null; T kill-session -t cava 2>/dev/null


# The table.
cat "$TEST_TMP/fig.station" "$TEST_TMP/fig.hold" "$TEST_TMP/fig.paused" >"$TEST_TMP/fig"
echo
echo "Side by side, ${secs} s each, 80x24 tmux panes, private PulseAudio null sink (machine possibly shared):"
awk -v secs="$secs" -v gens="${gens:-0}" -v every="${BENCH_MIN_DURATION:-30}" -v fps="${spec_fps:-30}" '
	{ cpu[$1] = $2; rss[$1] = $3; max[$1] = $4; have[$1] = 1 }
	function row(label, c, r, m) { printf "  %-40s %8.2f %%   %7.1f MB   %7.1f MB\n", label, c, r / 1024, m / 1024 }
	function none(label) { printf "  %-40s %10s   %10s   %10s\n", label, "-", "-", "-" }
	END {
		printf "  %-40s %10s   %10s   %10s\n", "", "CPU", "RSS mean", "RSS max"
		if (have["ui"]) { row("infiniloop-tui UI", cpu["ui"], rss["ui"], max["ui"])
			row("infiniloop-tui engine (+ generation)", cpu["engine"], rss["engine"], max["engine"])
			row("infiniloop-tui, UI + engine", cpu["ui"] + cpu["engine"], rss["ui"] + rss["engine"], max["ui"] + max["engine"])
		} else none("infiniloop-tui")
		if (have["held-ui"]) {
			row("  held (no generation): UI + engine", cpu["held-ui"] + cpu["held-engine"],
			    rss["held-ui"] + rss["held-engine"], max["held-ui"] + max["held-engine"])
			if (have["held-cmus"] && have["held-cava"])
				printf "  %-40s %9.2fx   (cmus + cava %.2f %% in the same window)\n", "  ratio held / (cmus + cava)",
					(cpu["held-cmus"] + cpu["held-cava"] > 0 ? (cpu["held-ui"] + cpu["held-engine"]) / (cpu["held-cmus"] + cpu["held-cava"]) : 0),
					cpu["held-cmus"] + cpu["held-cava"]
			if (have["ui"]) {
				share = cpu["ui"] + cpu["engine"] - cpu["held-ui"] - cpu["held-engine"]
				printf "  %-40s %8.2f %%   (%d loop(s) made in the window)\n", "  so the share of generation", share, gens
				if (gens > 0) {
					printf "  %-40s %8.2f s of CPU\n", "  one loop made", share / 100 * secs / gens
					printf "  %-40s %8.2f %%\n", sprintf("  at one loop every %d s: station", every),
						cpu["held-ui"] + cpu["held-engine"] + share * secs / gens / every
				}
			}
		}
		if (have["paused-ui"])
			row("  paused: UI + engine", cpu["paused-ui"] + cpu["paused-engine"],
			    rss["paused-ui"] + rss["paused-engine"], max["paused-ui"] + max["paused-engine"])
		if (have["cmus"]) row("cmus playing a 48 kHz WAV", cpu["cmus"], rss["cmus"], max["cmus"]); else none("cmus")
		if (have["cava"]) row("cava, 32 bars at 30 fps", cpu["cava"], rss["cava"], max["cava"]); else none("cava")
		if (have["cmus"] && have["cava"])
			row("cmus + cava", cpu["cmus"] + cpu["cava"], rss["cmus"] + rss["cava"], max["cmus"] + max["cava"])
		# The server plays all three: not counted above, but a client
		# that asks too much of it (a tiny latency) shows here.
		if (have["server"]) row("PulseAudio server, for all three", cpu["server"], rss["server"], max["server"])
		if (have["held-server"]) row("  while the station is held", cpu["held-server"], rss["held-server"], max["held-server"])
		if (have["ui"] && have["cmus"] && have["cava"]) {
			ocpu = cpu["cmus"] + cpu["cava"]; orss = rss["cmus"] + rss["cava"]
			printf "  %-40s %9.2fx   %9.2fx\n", "ratio station / (cmus + cava)",
				(ocpu > 0 ? (cpu["ui"] + cpu["engine"]) / ocpu : 0), (orss > 0 ? (rss["ui"] + rss["engine"]) / orss : 0)
		}
		# CPU per spectrum band and frame (32 bands; the station at the
		# rate measured, cava at the 30 fps it is set to); the station
		# figure also holds playback and generation.
		if (fps <= 0) fps = 30
		if (have["ui"]) printf "  %-40s %8.2f us (upper bound: all of it)\n", "station CPU per band and frame",
			(cpu["ui"] + cpu["engine"]) / 100 * 1e6 / (32 * fps)
		if (have["held-ui"]) printf "  %-40s %8.2f us (playing and spectrum, %.1f fps)\n", "  held, per band and frame",
			(cpu["held-ui"] + cpu["held-engine"]) / 100 * 1e6 / (32 * fps), fps
		if (have["cava"]) printf "  %-40s %8.2f us\n", "cava CPU per band and frame", cpu["cava"] / 100 * 1e6 / (32 * 30)
	}' "$TEST_TMP/fig"
[ -n "$launch" ] && echo "  TUI launch to first sound: $launch ms (median of:$launches)"

# 3. What one piece costs, measured back to back (steadier than the one or
# two pieces made in a window): a headless station with no output, faster
# than real time, ending after 1 and after 7 switches (a piece each), three
# times each in turn; the difference of the medians, over 6.
# The median of numbers.
med() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# Processor seconds of a command and its children (the shell's times).
cpu_of() {
	( "$@" >/dev/null 2>&1; times ) | awk 'NR == 2 {
		split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'
}
# Each switch also plays its loop for the minimum duration (30 s by
# default) faster than real time: playing is in the held figure already,
# so what 30 s of it costs (a clip played for 190 s less one played for
# 10 s, over 180) is taken off each piece.
one="" seven="" p10="" p190=""
clip="$TEST_TMP/p.wav"
"$IL_BIN" --generate-only "lo-fi hip hop" "$clip" --seed=7 >/dev/null 2>&1 || clip=""
for _i in 1 2 3; do
	one="$one $(cpu_of "$IL_BIN" --headless -o null --fast --switches=1 -p "lo-fi hip hop" --seed=7)"
	seven="$seven $(cpu_of "$IL_BIN" --headless -o null --fast --switches=7 -p "lo-fi hip hop" --seed=7)"
	[ -n "$clip" ] || continue
	p10="$p10 $(cpu_of "$IL_BIN" --headless -o null --fast --play "$clip" --seconds=10)"
	p190="$p190 $(cpu_of "$IL_BIN" --headless -o null --fast --play "$clip" --seconds=190)"
done
m1=$(med $one); m7=$(med $seven)
play=$(awk -v a="$(med $p10)" -v b="$(med $p190)" 'BEGIN {v = (b - a) / 180 * 30; printf "%.3f", (v > 0 ? v : 0)}')
piece=$(awk -v a="$m1" -v b="$m7" -v p="$play" 'BEGIN {if (b > a) printf "%.3f", (b - a) / 6 - p}')
if [ -n "$piece" ]; then
	held=$(awk '$1 == "held-ui" || $1 == "held-engine" {s += $2} END {if (NR) printf "%.2f", s}' "$TEST_TMP/fig.hold")
	echo "  one piece made, back to back: $piece s of CPU (headless, 1 and 7 switches; s:$one |$seven)"
	echo "    less 30 s of its playing, faster than real time: $play s (s:$p10 |$p190)"
	[ -n "$held" ] && awk -v h="$held" -v p="$piece" -v e="${BENCH_MIN_DURATION:-30}" 'BEGIN {
		printf "    at one piece every %d s: station %.2f %% (held %.2f %% + %.2f %%)\n", e, h + 100 * p / e, h, 100 * p / e }'
else
	echo "  one piece made, back to back: not measured (s:$one |$seven)"
fi

# 4. --analyze of a 30 s clip: first run ever, cold, warm.
clip="$TEST_TMP/c30.wav"
if "$IL_BIN" --generate-only "lo-fi hip hop, 80 bpm, warm keys" "$clip" --duration 30 >/dev/null 2>&1; then
	export XDG_CACHE_HOME="$TEST_TMP/cache"
	# Wall milliseconds of one command.
	wall() { _s=$(now_ms); "$@" >/dev/null 2>&1; echo $(($(now_ms) - _s)); }
	first=$(wall "$IL_BIN" --analyze "$clip" --json)
	cold="" warm=""
	for _i in 1 2 3 4 5; do
		cold="$cold $(wall "$IL_BIN" --analyze "$clip" --json)"
		b=$(wall "$IL_BIN" --analyze "$clip" "$clip" "$clip" "$clip" "$clip" "$clip" --json)
		c=$(wall "$IL_BIN" --analyze "$clip" --json)
		warm="$warm $(((b - c) / 5))"
	done
	mc=$(med $cold); mw=$(med $warm)
	echo "  --analyze of a 30 s clip: first run ever (no FFTW wisdom) $first ms; cold $mc ms (median of:$cold);" \
		"warm $mw ms per file in one process (median of:$warm); cold/warm $(awk -v c="$mc" -v w="$mw" 'BEGIN {printf "%.2f", (w > 0 ? c / w : 0)}')"
else
	echo "  --analyze: no clip could be generated; skipped"
fi
exit 0

# engine_lib.sh: drive one engine (--engine or --headless) through a FIFO
# (sourced after tests/lib.sh). Requests go in on fd 3, events land in
# $ENGINE_EV and stderr in $ENGINE_ERR. Every wait is in whole seconds and
# has a generous bound; timing is never asserted.
ENGINE_IN="$TEST_TMP/engine.in"
ENGINE_EV="$TEST_TMP/engine.events"
ENGINE_ERR="$TEST_TMP/engine.err"
ENGINE_PID=""
ENGINE_STATUS=""
: "${ENGINE_WAIT:=60}" # seconds engine_wait and expect_event wait by default
il_at_exit '[ -z "$ENGINE_PID" ] || kill -9 "$ENGINE_PID" 2>/dev/null'
trap '' PIPE # the engine may have ended already when a request is sent

# Run a command every 0.1 s until it succeeds, for at most SECS seconds; 0
# when it did.
retry_until() { # SECS COMMAND...
	_ru_n=$(($1 * 10))
	shift
	while ! "$@"; do
		_ru_n=$((_ru_n - 1))
		[ "$_ru_n" -gt 0 ] || return 1
		sleep 0.1
	done
}

# True while PID exists and is not a zombie.
proc_alive() { # PID
	[ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^[ZX]'
}

# True when none of the PIDs is alive.
procs_gone() { # PID...
	for _pg in "$@"; do proc_alive "$_pg" && return 1; done
	return 0
}

# Start "$IL_BIN ARG..." (with the NAME=VALUE pairs in its environment) on a
# fresh FIFO; earlier events and stderr are cleared first.
engine_start() { # [NAME=VALUE...] ARG...
	rm -f "$ENGINE_IN"
	mkfifo "$ENGINE_IN" || return 1
	: >"$ENGINE_EV"; : >"$ENGINE_ERR" # here: the child truncates only once the FIFO is open
	_es_k=0 _es_n=0
	for _es_a do
		case $_es_a in [A-Za-z_]*=*) [ "$_es_n" -eq "$_es_k" ] && _es_n=$((_es_n + 1)) ;; esac
		_es_k=$((_es_k + 1))
	done
	_es_k=0
	for _es_a do # rotate "$@", putting the binary after the NAME=VALUE pairs
		shift
		[ "$_es_k" -eq "$_es_n" ] && set -- "$@" "$IL_BIN"
		set -- "$@" "$_es_a"
		_es_k=$((_es_k + 1))
	done
	[ "$_es_k" -eq "$_es_n" ] && set -- "$@" "$IL_BIN"
	env "$@" <"$ENGINE_IN" >"$ENGINE_EV" 2>"$ENGINE_ERR" &
	ENGINE_PID=$!
	exec 3>"$ENGINE_IN"
}

# Send one request line to the engine.
engine_send() { printf '%s\n' "$*" >&3 2>/dev/null; }

# True when the events hold at least COUNT lines matching REGEX.
engine_seen() { # REGEX [COUNT]
	[ "$(grep -Ec -- "$1" "$ENGINE_EV" 2>/dev/null)" -ge "${2:-1}" ]
}

# The events hold COUNT lines matching REGEX, or the engine has ended.
engine_seen_or_gone() { engine_seen "$@" || ! proc_alive "$ENGINE_PID"; }

# Wait (at most SECS) until the events hold COUNT lines matching REGEX; 1
# when they do not (also when the engine ended without them).
engine_wait() { # REGEX [SECS] [COUNT]
	retry_until "${2:-$ENGINE_WAIT}" engine_seen_or_gone "$1" "${3:-1}"
	engine_seen "$1" "${3:-1}"
}

# Check that an event matching REGEX comes (at most SECS); show the last
# events on failure.
expect_event() { # REGEX WHAT [SECS]
	if engine_wait "$1" "${3:-$ENGINE_WAIT}"; then pass "$2"; else
		fail "$2 (no line /$1/)"
		grep -v '^spectrum' "$ENGINE_EV" | cut -c1-300 | tail -20 | sed 's/^/  | /' >&2
	fi
}

# Ask the engine to quit and wait for it; its exit status is in ENGINE_STATUS.
engine_quit() {
	engine_send quit
	engine_end
}

# Close the requests and wait for the engine; status in ENGINE_STATUS.
engine_end() {
	exec 3>&-
	wait "$ENGINE_PID"
	ENGINE_STATUS=$?
	ENGINE_PID=""
}

# Send SIGNAL (KILL unless given) to the engine and wait for it; status in
# ENGINE_STATUS.
engine_kill() { # [SIGNAL]
	kill -"${1:-KILL}" "$ENGINE_PID" 2>/dev/null
	engine_end
}

# Stop the engine with quit (or SIGNAL alone) and give it SECS seconds to exit;
# after that it is killed (-9). 0 when it exited by itself; its status is
# in ENGINE_STATUS.
engine_stop_within() { # SECS [SIGNAL]
	if [ -n "${2:-}" ]; then kill -"$2" "$ENGINE_PID" 2>/dev/null; else engine_send quit; exec 3>&-; fi
	if retry_until "$1" engine_exited; then _esw=0; else kill -9 "$ENGINE_PID" 2>/dev/null; _esw=1; fi
	exec 3>&- # (after a signal, the input stays open until the engine has ended)
	wait "$ENGINE_PID"
	ENGINE_STATUS=$?
	ENGINE_PID=""
	return $_esw
}

# True once the engine process has ended (a zombie counts as ended).
engine_exited() { ! proc_alive "$ENGINE_PID"; }


#!/bin/sh
# setup.sh: install what infiniloop-tui needs on Debian 12, build it, and
#   ./setup.sh [OPTION]...   install it and start the station (options go to it)
#   ./setup.sh --check       build and run the whole test suite: a build with
#                            -Werror, ASan and UBSan, then make distcheck
#   ./setup.sh --build       only install the packages and build
# Safe to run again: packages already there are not installed twice.
set -eu

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)

mode=run
case "${1:-}" in
--check) mode=check; shift ;;
--build) mode=build; shift ;;
--help|-h)
	sed -n '2,7s/^# \{0,1\}//p' "$0"
	exit 0 ;;
esac

# Packages: to build, to run, and for the tests.
build_pkgs="build-essential autoconf automake autoconf-archive pkg-config
	libncurses-dev libsndfile1-dev libpulse-dev libfftw3-dev libconfig-dev
	libsqlite3-dev libsamplerate0-dev libfluidsynth-dev libasound2-dev libebur128-dev"
run_pkgs="pulseaudio-utils alsa-utils ncurses-term fluid-soundfont-gm"
test_pkgs="check pulseaudio tmux sqlite3 valgrind clang libclang-rt-14-dev
	python3 procps psmisc time python3-numpy python3-soundfile sox libasound2-plugins
	cmus cava systemd zsh bash-completion"

# say MESSAGE: progress on stderr.
say() { printf '==> %s\n' "$*" >&2; }

# install_pkgs PKG...: apt-get the packages not installed yet.
install_pkgs() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && { say "all packages present"; return 0; }
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
			echo "setup.sh: missing packages:$missing; run as root or install them" >&2
			exit 1
		fi
	else
		sudo=""
	fi
	say "installing:$missing"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# configure_in DIR ARGS...: configure (once) in build/DIR.
configure_in() {
	dir="build/$1"; shift
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ configure -nt "$dir/Makefile" ]; then
		(cd "$dir" && ../../configure -q "$@")
	fi
}

# summary LOG...: one "N passed, N failed" line over automake test logs.
summary() {
	awk '/^# PASS:/ {p += $3} /^# FAIL:/ {f += $3} /^# ERROR:/ {f += $3}
	     END {printf "%d passed, %d failed\n", p, f}' "$@"
}

# shellcheck disable=SC2086
if [ "$mode" = check ]; then
	install_pkgs $build_pkgs $run_pkgs $test_pkgs
else
	install_pkgs $build_pkgs $run_pkgs
fi
if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ]; then
	say "autoreconf"
	autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
fi

case $mode in
build|run)
	configure_in release --prefix=/usr/local
	say "building"
	make -s -C build/release -j"$jobs"
	if [ "$mode" = build ]; then exit 0; fi
	if [ "$(id -u)" -eq 0 ]; then
		make -s -C build/release install >/dev/null
		bin=/usr/local/bin/infiniloop-tui
	else
		bin="$top/build/release/infiniloop-tui"
		export INFINILOOP_DATADIR="$top/build/release/data:$top/data:$top"
	fi
	say "starting $bin"
	exec "$bin" "$@"
	;;
check)
	# A prefix of its own, never installed to: the tests see the data of this
	# tree only, not a copy the first command installed in /usr/local.
	configure_in check --enable-werror --enable-sanitizers --enable-debug --prefix="$top/build/check/prefix"
	say "building with -Werror, ASan and UBSan"
	make -s -C build/check -j"$jobs"
	say "running the test suite (sanitizer build)"
	rc=0
	make -C build/check -j"$jobs" check || rc=$?
	if [ $rc -ne 0 ]; then
		cat build/check/test-suite.log >&2 || true
		summary build/check/test-suite.log
		exit $rc
	fi
	configure_in dist
	say "make distcheck"
	make -C build/dist -j"$jobs" distcheck \
		DISTCHECK_CONFIGURE_FLAGS=--enable-werror >build/dist/distcheck.out 2>&1 || rc=$?
	if [ $rc -ne 0 ]; then
		tail -n 80 build/dist/distcheck.out >&2
		find build/dist -name test-suite.log -exec cat {} + >&2
		echo "make distcheck failed" >&2
		exit $rc
	fi
	grep -E '^(PASS|FAIL|SKIP|XFAIL|ERROR|# )' build/dist/distcheck.out | tail -n 9
	summary build/check/test-suite.log build/dist/distcheck.out
	;;
esac

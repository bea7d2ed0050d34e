/* test_pulseloop.c: the PulseAudio sink's main loop, through the API that
 * libpulse calls: a descriptor's callback runs when it is ready and says
 * how, deferred events run first and alone, a timer fires when due and not
 * before, events freed inside a callback are let go after it (their
 * destroy callbacks called once), and freeing the loop lets go of the
 * rest. A real pipe; no server. */
#include <check.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../testutil.h"
#include "audio/pulseloop.h"

/* What the callbacks saw. */
static struct {
	int io_calls, io_flags, defer_calls, timer_calls, destroyed, free_self;
	pa_defer_event *defer_off; /* a deferred event that disables itself */
} seen;

/* Seconds on the monotonic clock. */
static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A descriptor is ready: note how; free the event when asked to. */
static void on_io(pa_mainloop_api *a, pa_io_event *e, int fd, pa_io_event_flags_t f, void *u)
{
	(void)fd, (void)u;
	seen.io_calls++;
	seen.io_flags |= (int)f;
	if (seen.free_self)
		a->io_free(e);
}

/* A descriptor's event is let go. */
static void on_io_gone(pa_mainloop_api *a, pa_io_event *e, void *u)
{
	(void)a, (void)e, (void)u;
	seen.destroyed++;
}

/* A deferred event runs; the one in seen.defer_off disables itself. */
static void on_defer(pa_mainloop_api *a, pa_defer_event *e, void *u)
{
	(void)u;
	seen.defer_calls++;
	if (e == seen.defer_off)
		a->defer_enable(e, 0);
}

/* A deferred event is let go. */
static void on_defer_gone(pa_mainloop_api *a, pa_defer_event *e, void *u)
{
	(void)a, (void)e, (void)u;
	seen.destroyed++;
}

/* A timer fires. */
static void on_timer(pa_mainloop_api *a, pa_time_event *e, const struct timeval *tv, void *u)
{
	(void)a, (void)e, (void)tv, (void)u;
	seen.timer_calls++;
}

/* A timer is let go. */
static void on_timer_gone(pa_mainloop_api *a, pa_time_event *e, void *u)
{
	(void)a, (void)e, (void)u;
	seen.destroyed++;
}

/* The wall-clock time ms from now, as libpulse gives a foreign loop. */
static struct timeval wall_in(int ms)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	long long us = tv.tv_sec * 1000000LL + tv.tv_usec + ms * 1000LL;
	tv.tv_sec = (time_t)(us / 1000000);
	tv.tv_usec = (suseconds_t)(us % 1000000);
	return tv;
}

START_TEST(io_runs_when_ready_and_is_let_go_after)
{
	seen = (__typeof__(seen)){ 0 };
	int fd[2];
	ck_assert_int_eq(pipe(fd), 0);
	pulseloop *l = pulseloop_new();
	ck_assert_ptr_nonnull(l);
	pa_mainloop_api *a = pulseloop_api(l);
	pa_io_event *e = a->io_new(a, fd[0], PA_IO_EVENT_INPUT, on_io, NULL);
	a->io_set_destroy(e, on_io_gone);
	ck_assert_int_eq(pulseloop_step(l, 0), 0); /* nothing to read */
	ck_assert_int_eq(seen.io_calls, 0);
	ck_assert_int_eq(write(fd[1], "x", 1), 1);
	ck_assert_int_eq(pulseloop_step(l, 100000), 1);
	ck_assert_int_eq(seen.io_calls, 1);
	ck_assert_int_eq(seen.io_flags, PA_IO_EVENT_INPUT);
	/* Not watched for input any more: the byte left unread wakes nothing. */
	a->io_enable(e, PA_IO_EVENT_NULL);
	ck_assert_int_eq(pulseloop_step(l, 0), 0);
	/* Freed by its own callback: let go after it, once. */
	a->io_enable(e, PA_IO_EVENT_INPUT);
	seen.free_self = 1;
	ck_assert_int_eq(pulseloop_step(l, 0), 1);
	ck_assert_int_eq(seen.destroyed, 1);
	ck_assert_int_eq(pulseloop_step(l, 0), 0);
	ck_assert_int_eq(seen.io_calls, 2);
	/* The writing end closed: a hangup, with no input asked for. */
	pa_io_event *h = a->io_new(a, fd[0], PA_IO_EVENT_NULL, on_io, NULL);
	seen.free_self = 0;
	seen.io_flags = 0;
	close(fd[1]);
	ck_assert_int_eq(pulseloop_step(l, 100000), 1);
	ck_assert(seen.io_flags & PA_IO_EVENT_HANGUP);
	a->io_set_destroy(h, on_io_gone);
	pulseloop_free(l); /* lets go of h */
	ck_assert_int_eq(seen.destroyed, 2);
	close(fd[0]);
}
END_TEST

START_TEST(deferred_events_run_first_and_alone)
{
	seen = (__typeof__(seen)){ 0 };
	int fd[2];
	ck_assert_int_eq(pipe(fd), 0);
	pulseloop *l = pulseloop_new();
	pa_mainloop_api *a = pulseloop_api(l);
	a->io_new(a, fd[0], PA_IO_EVENT_INPUT, on_io, NULL);
	ck_assert_int_eq(write(fd[1], "x", 1), 1);
	pa_defer_event *d = a->defer_new(a, on_defer, NULL);
	a->defer_set_destroy(d, on_defer_gone);
	seen.defer_off = d;
	/* Enabled when made: it runs, and the ready pipe waits. */
	ck_assert_int_eq(pulseloop_step(l, 0), 1);
	ck_assert_int_eq(seen.defer_calls, 1);
	ck_assert_int_eq(seen.io_calls, 0);
	/* It disabled itself: the next step polls. */
	ck_assert_int_eq(pulseloop_step(l, 0), 1);
	ck_assert_int_eq(seen.io_calls, 1);
	ck_assert_int_eq(seen.defer_calls, 1);
	/* Deferred events only: nothing else runs, even with input waiting. */
	ck_assert_int_eq(pulseloop_deferred(l), 0);
	a->defer_enable(d, 1);
	ck_assert_int_eq(pulseloop_deferred(l), 1);
	ck_assert_int_eq(seen.defer_calls, 2);
	ck_assert_int_eq(seen.io_calls, 1);
	/* Freed while enabled: never run again, let go once. */
	a->defer_enable(d, 1);
	a->defer_free(d);
	ck_assert_int_eq(pulseloop_deferred(l), 0);
	ck_assert_int_eq(seen.destroyed, 1);
	pulseloop_free(l);
	ck_assert_int_eq(seen.destroyed, 1);
	close(fd[0]);
	close(fd[1]);
}
END_TEST

START_TEST(timer_fires_when_due)
{
	seen = (__typeof__(seen)){ 0 };
	pulseloop *l = pulseloop_new();
	pa_mainloop_api *a = pulseloop_api(l);
	struct timeval tv = wall_in(150);
	pa_time_event *t = a->time_new(a, &tv, on_timer, NULL);
	a->time_set_destroy(t, on_timer_gone);
	double t0 = now_s();
	ck_assert_int_eq(pulseloop_step(l, 0), 0);
	ck_assert_int_eq(seen.timer_calls, 0);
	/* A wait of up to 5 s ends with the timer, not before it is due. */
	ck_assert_int_eq(pulseloop_step(l, 5000000), 1);
	double waited = now_s() - t0;
	ck_assert_int_eq(seen.timer_calls, 1);
	ck_assert_msg(waited >= 0.149 && waited < 4.0, "woken after %.3f s", waited);
	/* Fired, it is disarmed until set again. */
	ck_assert_int_eq(pulseloop_step(l, 20000), 0);
	tv = wall_in(0);
	a->time_restart(t, &tv);
	ck_assert_int_eq(pulseloop_step(l, 0), 1);
	ck_assert_int_eq(seen.timer_calls, 2);
	/* Disarmed (NULL), then freed: never fires, let go once. */
	tv = wall_in(0);
	a->time_restart(t, &tv);
	a->time_restart(t, NULL);
	ck_assert_int_eq(pulseloop_step(l, 0), 0);
	a->time_free(t);
	ck_assert_int_eq(pulseloop_step(l, 0), 0);
	ck_assert_int_eq(seen.destroyed, 1);
	ck_assert_int_eq(seen.timer_calls, 2);
	pulseloop_free(l);
	ck_assert_int_eq(seen.destroyed, 1);
}
END_TEST

/* The suite. */
static Suite *pulseloop_suite(void)
{
	Suite *s = suite_create("pulseloop");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, io_runs_when_ready_and_is_let_go_after);
	tcase_add_test(tc, deferred_events_run_first_and_alone);
	tcase_add_test(tc, timer_fires_when_due);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	return testutil_run(pulseloop_suite());
}

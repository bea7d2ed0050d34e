/* pulseloop.c: a main loop for libpulse run by one thread (see
 * pulseloop.h). libpulse hands a foreign loop its timers in wall-clock
 * time; each is turned into a deadline on the monotonic clock when it is
 * set, as pa_mainloop does, so that a change of the wall clock moves none. */
#include "audio/pulseloop.h"

#include <errno.h>
#include <poll.h>
#include <pulse/timeval.h>
#include <stdlib.h>
#include <time.h>

struct pa_io_event {
	pulseloop *l;
	int fd, dead;
	pa_io_event_flags_t events;
	pa_io_event_cb_t cb;
	pa_io_event_destroy_cb_t destroy;
	void *userdata;
	struct pa_io_event *next;
};

struct pa_time_event {
	pulseloop *l;
	int enabled, dead;
	long long due;     /* microseconds on the monotonic clock */
	struct timeval tv; /* the wall-clock time it was set for, handed back */
	pa_time_event_cb_t cb;
	pa_time_event_destroy_cb_t destroy;
	void *userdata;
	struct pa_time_event *next;
};

struct pa_defer_event {
	pulseloop *l;
	int enabled, dead;
	pa_defer_event_cb_t cb;
	pa_defer_event_destroy_cb_t destroy;
	void *userdata;
	struct pa_defer_event *next;
};

struct pulseloop {
	pa_mainloop_api api;
	pa_io_event *io;
	pa_time_event *timers;
	pa_defer_event *defers;
	int dead;            /* events freed and not yet let go */
	struct pollfd *pfd;  /* the last poll's descriptors ... */
	pa_io_event **pev;   /* ... and their events */
	size_t cap;
};

/* Microseconds on clock c. */
static long long pulseloop_clock(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* API: watch fd for events. */
static pa_io_event *pulseloop_io_new(pa_mainloop_api *a, int fd, pa_io_event_flags_t events, pa_io_event_cb_t cb,
				     void *userdata)
{
	pulseloop *l = a->userdata;
	pa_io_event *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	*e = (pa_io_event){ l, fd, 0, events, cb, NULL, userdata, l->io };
	l->io = e;
	return e;
}

/* API: watch for other events. */
static void pulseloop_io_enable(pa_io_event *e, pa_io_event_flags_t events)
{
	e->events = events;
}

/* API: stop watching (let go at the end of the step). */
static void pulseloop_io_free(pa_io_event *e)
{
	if (!e->dead)
		e->l->dead++;
	e->dead = 1;
}

/* API: what to call when the event is let go. */
static void pulseloop_io_set_destroy(pa_io_event *e, pa_io_event_destroy_cb_t cb)
{
	e->destroy = cb;
}

/* API: (re)arm a timer for wall-clock time tv, or disarm it (NULL). */
static void pulseloop_time_restart(pa_time_event *e, const struct timeval *tv)
{
	e->enabled = tv != NULL;
	if (!tv)
		return;
	e->tv = *tv;
	long long wall = (long long)tv->tv_sec * 1000000LL + tv->tv_usec;
	e->due = pulseloop_clock(CLOCK_MONOTONIC) + (wall - pulseloop_clock(CLOCK_REALTIME));
}

/* API: a timer for wall-clock time tv (NULL: disarmed). */
static pa_time_event *pulseloop_time_new(pa_mainloop_api *a, const struct timeval *tv, pa_time_event_cb_t cb,
					 void *userdata)
{
	pulseloop *l = a->userdata;
	pa_time_event *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	*e = (pa_time_event){ .l = l, .cb = cb, .userdata = userdata, .next = l->timers };
	l->timers = e;
	pulseloop_time_restart(e, tv);
	return e;
}

/* API: drop a timer (let go at the end of the step). */
static void pulseloop_time_free(pa_time_event *e)
{
	if (!e->dead)
		e->l->dead++;
	e->dead = 1;
	e->enabled = 0;
}

/* API: what to call when the timer is let go. */
static void pulseloop_time_set_destroy(pa_time_event *e, pa_time_event_destroy_cb_t cb)
{
	e->destroy = cb;
}

/* API: a deferred event, enabled. */
static pa_defer_event *pulseloop_defer_new(pa_mainloop_api *a, pa_defer_event_cb_t cb, void *userdata)
{
	pulseloop *l = a->userdata;
	pa_defer_event *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	*e = (pa_defer_event){ l, 1, 0, cb, NULL, userdata, l->defers };
	l->defers = e;
	return e;
}

/* API: enable or disable a deferred event. */
static void pulseloop_defer_enable(pa_defer_event *e, int b)
{
	e->enabled = b != 0;
}

/* API: drop a deferred event (let go at the end of the step). */
static void pulseloop_defer_free(pa_defer_event *e)
{
	if (!e->dead)
		e->l->dead++;
	e->dead = 1;
	e->enabled = 0;
}

/* API: what to call when the deferred event is let go. */
static void pulseloop_defer_set_destroy(pa_defer_event *e, pa_defer_event_destroy_cb_t cb)
{
	e->destroy = cb;
}

/* API: libpulse never asks a foreign loop to quit; nothing to do. */
static void pulseloop_quit(pa_mainloop_api *a, int retval)
{
	(void)a, (void)retval;
}

/* A new loop (see pulseloop.h). */
pulseloop *pulseloop_new(void)
{
	pulseloop *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->api = (pa_mainloop_api){ l,
				    pulseloop_io_new, pulseloop_io_enable, pulseloop_io_free, pulseloop_io_set_destroy,
				    pulseloop_time_new, pulseloop_time_restart, pulseloop_time_free,
				    pulseloop_time_set_destroy, pulseloop_defer_new, pulseloop_defer_enable,
				    pulseloop_defer_free, pulseloop_defer_set_destroy, pulseloop_quit };
	return l;
}

/* The API for pa_context_new. */
pa_mainloop_api *pulseloop_api(pulseloop *l)
{
	return &l->api;
}

/* Let go of the events freed (all when every is set), calling their
 * destroy callbacks. */
static void pulseloop_sweep(pulseloop *l, int every)
{
	if (!l->dead && !every)
		return;
	for (pa_io_event **pp = &l->io; *pp;) {
		pa_io_event *e = *pp;
		if (!e->dead && !every) {
			pp = &e->next;
			continue;
		}
		*pp = e->next;
		if (e->destroy)
			e->destroy(&l->api, e, e->userdata);
		free(e);
	}
	for (pa_time_event **pp = &l->timers; *pp;) {
		pa_time_event *e = *pp;
		if (!e->dead && !every) {
			pp = &e->next;
			continue;
		}
		*pp = e->next;
		if (e->destroy)
			e->destroy(&l->api, e, e->userdata);
		free(e);
	}
	for (pa_defer_event **pp = &l->defers; *pp;) {
		pa_defer_event *e = *pp;
		if (!e->dead && !every) {
			pp = &e->next;
			continue;
		}
		*pp = e->next;
		if (e->destroy)
			e->destroy(&l->api, e, e->userdata);
		free(e);
	}
	l->dead = 0;
}

/* Run the enabled deferred events (see pulseloop.h). */
int pulseloop_deferred(pulseloop *l)
{
	int n = 0;
	for (pa_defer_event *e = l->defers; e; e = e->next)
		if (e->enabled && !e->dead) {
			e->cb(&l->api, e, e->userdata);
			n++;
		}
	pulseloop_sweep(l, 0);
	return n;
}

/* Poll the descriptors for at most timeout_us, or until the earliest timer
 * is due; the number of descriptors polled (their events in l->pev), or
 * -1 when poll() failed. */
static int pulseloop_poll(pulseloop *l, long timeout_us)
{
	long long wait = timeout_us > 0 ? timeout_us : 0, now = pulseloop_clock(CLOCK_MONOTONIC);
	for (pa_time_event *e = l->timers; e; e = e->next)
		if (e->enabled && e->due - now < wait)
			wait = e->due > now ? e->due - now : 0;
	size_t n = 0;
	for (pa_io_event *e = l->io; e; e = e->next)
		n += !e->dead;
	if (n > l->cap) {
		struct pollfd *p = realloc(l->pfd, n * sizeof *p);
		if (p)
			l->pfd = p;
		pa_io_event **v = p ? realloc(l->pev, n * sizeof *v) : NULL;
		if (v)
			l->pev = v;
		if (!p || !v)
			return -1;
		l->cap = n;
	}
	n = 0;
	for (pa_io_event *e = l->io; e; e = e->next) {
		if (e->dead)
			continue;
		short ev = (short)((e->events & PA_IO_EVENT_INPUT ? POLLIN : 0) |
				   (e->events & PA_IO_EVENT_OUTPUT ? POLLOUT : 0));
		l->pfd[n] = (struct pollfd){ e->fd, ev, 0 };
		l->pev[n++] = e;
	}
	/* Rounded up: a timer is never woken for before it is due. */
	if (poll(l->pfd, (nfds_t)n, (int)((wait + 999) / 1000)) < 0) {
		if (errno != EINTR)
			return -1;
		for (size_t k = 0; k < n; k++)
			l->pfd[k].revents = 0;
	}
	return (int)n;
}

/* One step of the loop (see pulseloop.h). */
int pulseloop_step(pulseloop *l, long timeout_us)
{
	for (pa_defer_event *e = l->defers; e; e = e->next)
		if (e->enabled && !e->dead)
			return pulseloop_deferred(l);
	int n = pulseloop_poll(l, timeout_us), ran = 0;
	if (n < 0) {
		pulseloop_sweep(l, 0);
		return -1;
	}
	long long now = pulseloop_clock(CLOCK_MONOTONIC);
	for (pa_time_event *e = l->timers; e; e = e->next)
		if (e->enabled && !e->dead && e->due <= now) {
			e->enabled = 0; /* as in pa_mainloop: the callback may set it again */
			e->cb(&l->api, e, &e->tv, e->userdata);
			ran++;
		}
	for (int k = 0; k < n; k++) {
		pa_io_event *e = l->pev[k];
		short re = l->pfd[k].revents;
		if (!re || e->dead)
			continue;
		pa_io_event_flags_t f = (re & POLLIN ? PA_IO_EVENT_INPUT : 0) | (re & POLLOUT ? PA_IO_EVENT_OUTPUT : 0) |
					(re & POLLHUP ? PA_IO_EVENT_HANGUP : 0) |
					(re & (POLLERR | POLLNVAL) ? PA_IO_EVENT_ERROR : 0);
		e->cb(&l->api, e, e->fd, f, e->userdata);
		ran++;
	}
	pulseloop_sweep(l, 0);
	return ran;
}

/* Free the loop and its events (see pulseloop.h). */
void pulseloop_free(pulseloop *l)
{
	if (!l)
		return;
	pulseloop_sweep(l, 1);
	free(l->pfd);
	free(l->pev);
	free(l);
}

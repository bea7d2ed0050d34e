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

/* What every event has, first in each (a list of one kind per loop). */
typedef struct pulseloop_event {
	struct pulseloop_event *next;
	pulseloop *l;
	int dead;
	void *userdata;
} pulseloop_event;

struct pa_io_event {
	pulseloop_event ev;
	int fd;
	pa_io_event_flags_t events;
	pa_io_event_cb_t cb;
	pa_io_event_destroy_cb_t destroy;
};

struct pa_time_event {
	pulseloop_event ev;
	int enabled;
	long long due;     /* microseconds on the monotonic clock */
	struct timeval tv; /* the wall-clock time it was set for, handed back */
	pa_time_event_cb_t cb;
	pa_time_event_destroy_cb_t destroy;
};

struct pa_defer_event {
	pulseloop_event ev;
	int enabled;
	pa_defer_event_cb_t cb;
	pa_defer_event_destroy_cb_t destroy;
};

struct pulseloop {
	pa_mainloop_api api;
	pulseloop_event *io, *timers, *defers; /* pa_io_event, pa_time_event, pa_defer_event */
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
	*e = (pa_io_event){ { l->io, l, 0, userdata }, fd, events, cb, NULL };
	l->io = &e->ev;
	return e;
}

/* API: watch for other events. */
static void pulseloop_io_enable(pa_io_event *e, pa_io_event_flags_t events)
{
	e->events = events;
}

/* Mark an event freed: let go at the end of the step. */
static void pulseloop_kill(pulseloop_event *e)
{
	if (!e->dead)
		e->l->dead++;
	e->dead = 1;
}

/* API: stop watching (let go at the end of the step). */
static void pulseloop_io_free(pa_io_event *e)
{
	pulseloop_kill(&e->ev);
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
	*e = (pa_time_event){ .ev = { l->timers, l, 0, userdata }, .cb = cb };
	l->timers = &e->ev;
	pulseloop_time_restart(e, tv);
	return e;
}

/* API: drop a timer (let go at the end of the step). */
static void pulseloop_time_free(pa_time_event *e)
{
	pulseloop_kill(&e->ev);
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
	*e = (pa_defer_event){ { l->defers, l, 0, userdata }, 1, cb, NULL };
	l->defers = &e->ev;
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
	pulseloop_kill(&e->ev);
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

/* Let go of a descriptor's event: its destroy callback, then its memory. */
static void pulseloop_io_gone(pulseloop_event *ev)
{
	pa_io_event *e = (pa_io_event *)ev;
	if (e->destroy)
		e->destroy(&ev->l->api, e, ev->userdata);
	free(e);
}

/* Let go of a timer. */
static void pulseloop_time_gone(pulseloop_event *ev)
{
	pa_time_event *e = (pa_time_event *)ev;
	if (e->destroy)
		e->destroy(&ev->l->api, e, ev->userdata);
	free(e);
}

/* Let go of a deferred event. */
static void pulseloop_defer_gone(pulseloop_event *ev)
{
	pa_defer_event *e = (pa_defer_event *)ev;
	if (e->destroy)
		e->destroy(&ev->l->api, e, ev->userdata);
	free(e);
}

/* Let go of the events of the list at head that were freed (all when
 * every is set), with gone. */
static void pulseloop_sweep_list(pulseloop_event **head, int every, void (*gone)(pulseloop_event *))
{
	for (pulseloop_event **pp = head; *pp;) {
		pulseloop_event *e = *pp;
		if (!e->dead && !every) {
			pp = &e->next;
			continue;
		}
		*pp = e->next;
		gone(e);
	}
}

/* Let go of the events freed (all when every is set), calling their
 * destroy callbacks. */
static void pulseloop_sweep(pulseloop *l, int every)
{
	if (!l->dead && !every)
		return;
	pulseloop_sweep_list(&l->io, every, pulseloop_io_gone);
	pulseloop_sweep_list(&l->timers, every, pulseloop_time_gone);
	pulseloop_sweep_list(&l->defers, every, pulseloop_defer_gone);
	l->dead = 0;
}

/* Run the enabled deferred events (see pulseloop.h). */
int pulseloop_deferred(pulseloop *l)
{
	int n = 0;
	for (pulseloop_event *ev = l->defers; ev; ev = ev->next) {
		pa_defer_event *e = (pa_defer_event *)ev;
		if (e->enabled && !ev->dead) {
			e->cb(&l->api, e, ev->userdata);
			n++;
		}
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
	for (pulseloop_event *ev = l->timers; ev; ev = ev->next) {
		pa_time_event *e = (pa_time_event *)ev;
		if (e->enabled && e->due - now < wait)
			wait = e->due > now ? e->due - now : 0;
	}
	size_t n = 0;
	for (pulseloop_event *ev = l->io; ev; ev = ev->next)
		n += !ev->dead;
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
	for (pulseloop_event *ev = l->io; ev; ev = ev->next) {
		pa_io_event *e = (pa_io_event *)ev;
		if (ev->dead)
			continue;
		short want = (short)((e->events & PA_IO_EVENT_INPUT ? POLLIN : 0) |
				     (e->events & PA_IO_EVENT_OUTPUT ? POLLOUT : 0));
		l->pfd[n] = (struct pollfd){ e->fd, want, 0 };
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
	for (pulseloop_event *ev = l->defers; ev; ev = ev->next)
		if (((pa_defer_event *)ev)->enabled && !ev->dead)
			return pulseloop_deferred(l);
	int n = pulseloop_poll(l, timeout_us), ran = 0;
	if (n < 0) {
		pulseloop_sweep(l, 0);
		return -1;
	}
	long long now = pulseloop_clock(CLOCK_MONOTONIC);
	for (pulseloop_event *ev = l->timers; ev; ev = ev->next) {
		pa_time_event *e = (pa_time_event *)ev;
		if (e->enabled && !ev->dead && e->due <= now) {
			e->enabled = 0; /* as in pa_mainloop: the callback may set it again */
			e->cb(&l->api, e, &e->tv, ev->userdata);
			ran++;
		}
	}
	for (int k = 0; k < n; k++) {
		pa_io_event *e = l->pev[k];
		short re = l->pfd[k].revents;
		if (!re || e->ev.dead)
			continue;
		pa_io_event_flags_t f = (re & POLLIN ? PA_IO_EVENT_INPUT : 0) | (re & POLLOUT ? PA_IO_EVENT_OUTPUT : 0) |
					(re & POLLHUP ? PA_IO_EVENT_HANGUP : 0) |
					(re & (POLLERR | POLLNVAL) ? PA_IO_EVENT_ERROR : 0);
		e->cb(&l->api, e, e->fd, f, e->ev.userdata);
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

/* sink_pulse.c: the PulseAudio sink, through the asynchronous API on a
 * main loop of its own that the writer's thread runs (no thread of its
 * own: no lock, no hand-over between threads for each request; and not
 * libpulse's pa_mainloop, whose wakeup pipe would cost a dozen system
 * calls for each block written: see pulseloop.h), so that
 * every wait is a poll with a deadline: a server that stops answering
 * (stopped, or a stalled link) fails the write after a few seconds instead
 * of blocking it forever, and quitting never waits on it. Between calls
 * nothing runs: an idle or paused sink costs nothing. The server's
 * underflow notifications are counted as underruns. */
#include "audio/sink.h"

#include "audio/pulseloop.h"

#include <pulse/pulseaudio.h>
#include <stdlib.h>
#include <string.h>

#define PULSE_TICK_US 100000  /* a wait looks at the clock at least this often */
#define PULSE_CONNECT_S 3.0   /* connecting may take this long */
#define PULSE_CANCEL_S 0.25   /* a cancelled wait gives up after this long */
#define PULSE_PROBE_S 5.0     /* an idle sink asks the server to answer this often */
#define PULSE_SEND_MAX 8      /* dispatches that send what was written, at most */

typedef struct pulse_sink {
	pulseloop *ml;
	pa_context *ctx;
	pa_stream *st;
	unsigned long writes;
	unsigned long underruns;
	size_t minreq;        /* the stream's minreq, kept from its buffer's attributes */
	size_t room;          /* bytes writable at least, as last asked less what was written since */
	int idle;             /* the writer stopped: the next underflow is expected */
	double latency;       /* last measured, seconds */
	double stall_s;       /* no progress for this long: the server stalled */
	double probe_at;      /* when an idle sink next asks the server to answer */
	const int *cancel;    /* waits give up soon while *cancel */
} pulse_sink;

/* Seconds on the monotonic clock. */
static double pulse_now(void)
{
	return pa_rtclock_now() / 1e6;
}

/* Wait for the server at most PULSE_TICK_US, then dispatch what came (the
 * callbacks only record it; the callers look at the states). */
static void pulse_wait(pulse_sink *p)
{
	pulseloop_step(p->ml, PULSE_TICK_US);
}

/* Take in what the server said, and send what was written, without
 * waiting (not PulseAudio's "flush", which drops what is queued). */
static void pulse_dispatch_ready(pulse_sink *p)
{
	for (int i = 0; i < PULSE_SEND_MAX && pulseloop_step(p->ml, 0) > 0; i++)
		;
}

/* Send what was written, with no wait and no look at the server: what it
 * said is taken in by the next wait. */
static void pulse_send(pulse_sink *p)
{
	for (int i = 0; i < PULSE_SEND_MAX && pulseloop_deferred(p->ml) > 0; i++)
		;
}

/* Main loop: the server's buffer ran dry. */
static void pulse_underflow(pa_stream *s, void *u)
{
	pulse_sink *p = u;
	if (!p->idle)
		p->underruns++;
}

/* Main loop (and after a change of our own): keep the stream's minreq, so
 * that waiting for room asks libpulse nothing else. */
static void pulse_attr_changed(pa_stream *s, void *u)
{
	pulse_sink *p = u;
	const pa_buffer_attr *attr = pa_stream_get_buffer_attr(s);
	p->minreq = attr ? attr->minreq : 0;
}

/* True while the owner wants waits to end soon. */
static int pulse_cancelled(const pulse_sink *p)
{
	return p->cancel && __atomic_load_n(p->cancel, __ATOMIC_ACQUIRE);
}

/* Set err from the context's last error. */
static int pulse_fail(pulse_sink *p, il_err *err, const char *what)
{
	return il_err_set(err, IL_E_AUDIO, "%s (%s)", what, pa_strerror(pa_context_errno(p->ctx)));
}

/* True while the context and the stream (when there is one) are usable. */
static int pulse_good(const pulse_sink *p)
{
	if (pa_context_get_state(p->ctx) != PA_CONTEXT_READY)
		return 0;
	return !p->st || pa_stream_get_state(p->st) == PA_STREAM_READY;
}

/* Wait for an operation to finish, at most secs; 0 when done. */
static int pulse_wait_op(pulse_sink *p, pa_operation *op, double secs, int cancellable)
{
	if (!op)
		return -1;
	double waited = 0, prev = pulse_now(); /* in steps of at most 0.1 s (see the write) */
	int rc = 0;
	while (pa_operation_get_state(op) == PA_OPERATION_RUNNING) {
		double now = pulse_now();
		waited += now - prev < 0.1 ? now - prev : 0.1;
		prev = now;
		if (!pulse_good(p) || waited > secs ||
		    (cancellable && pulse_cancelled(p) && waited > PULSE_CANCEL_S)) {
			pa_operation_cancel(op);
			rc = -1;
			break;
		}
		pulse_wait(p);
	}
	pa_operation_unref(op);
	return rc;
}

/* Take down what was set up. */
static void pulse_destroy(pulse_sink *p)
{
	if (p->st) {
		pa_stream_set_underflow_callback(p->st, NULL, NULL);
		pa_stream_set_buffer_attr_callback(p->st, NULL, NULL);
		pa_stream_disconnect(p->st);
		pa_stream_unref(p->st);
	}
	if (p->ctx) {
		pa_context_disconnect(p->ctx);
		pa_context_unref(p->ctx);
	}
	pulseloop_free(p->ml);
	free(p);
}

/* The stream's buffer: latency_ms of sound in spec ss in all (PulseAudio
 * splits it between its sink and the stream), asked for a quarter of it
 * at a time: the server's choice would be as little as 20 ms, and while
 * another client holds the sink at a low latency (a visualizer recording
 * its monitor) the writer would wake 50 times a second instead of 20. A
 * quarter leaves the sink what the server's choice does (at 200 ms: 50 ms
 * against 55). The server's choice for the rest. */
static pa_buffer_attr pulse_attr(const pa_sample_spec *ss, int latency_ms)
{
	pa_buffer_attr attr;
	attr.maxlength = (uint32_t)-1;
	attr.tlength = (uint32_t)pa_usec_to_bytes((pa_usec_t)latency_ms * 1000, ss);
	attr.prebuf = (uint32_t)-1;
	attr.minreq = attr.tlength / 4;
	attr.fragsize = (uint32_t)-1;
	return attr;
}

/* Connect the context and the stream; 0 or -1 with err. */
static int pulse_connect(pulse_sink *p, int latency_ms, int noautospawn, int *stalled, il_err *err)
{
	pa_sample_spec ss = { PA_SAMPLE_FLOAT32NE, IL_SINK_RATE, IL_SINK_CHANNELS };
	double t0 = pulse_now();
	if (pa_context_connect(p->ctx, NULL, noautospawn ? PA_CONTEXT_NOAUTOSPAWN : PA_CONTEXT_NOFLAGS,
			       NULL) < 0)
		return pulse_fail(p, err, "no audio server");
	for (;;) {
		pa_context_state_t cs = pa_context_get_state(p->ctx);
		if (cs == PA_CONTEXT_READY)
			break;
		if (!PA_CONTEXT_IS_GOOD(cs))
			return pulse_fail(p, err, "no audio server");
		if (pulse_cancelled(p))
			return il_err_set(err, IL_E_AUDIO, "stopped waiting for the audio server");
		if (pulse_now() - t0 > PULSE_CONNECT_S) {
			*stalled = 1;
			return il_err_set(err, IL_E_AUDIO, "audio server not responding (no answer within %.0f s)",
					  PULSE_CONNECT_S);
		}
		pulse_wait(p);
	}
	p->st = pa_stream_new(p->ctx, "music", &ss, NULL);
	if (!p->st)
		return pulse_fail(p, err, "audio server refused the stream");
	pa_stream_set_underflow_callback(p->st, pulse_underflow, p);
	pa_stream_set_buffer_attr_callback(p->st, pulse_attr_changed, p);
	pa_buffer_attr attr = pulse_attr(&ss, latency_ms);
	pa_stream_flags_t fl = PA_STREAM_INTERPOLATE_TIMING | PA_STREAM_ADJUST_LATENCY |
			       PA_STREAM_AUTO_TIMING_UPDATE;
	if (pa_stream_connect_playback(p->st, NULL, &attr, fl, NULL, NULL) < 0)
		return pulse_fail(p, err, "audio server refused the stream");
	for (;;) {
		pa_stream_state_t s = pa_stream_get_state(p->st);
		if (s == PA_STREAM_READY)
			break;
		if (!PA_STREAM_IS_GOOD(s) || pa_context_get_state(p->ctx) != PA_CONTEXT_READY)
			return pulse_fail(p, err, "audio server refused the stream");
		if (pulse_cancelled(p))
			return il_err_set(err, IL_E_AUDIO, "stopped waiting for the audio server");
		if (pulse_now() - t0 > 2 * PULSE_CONNECT_S) {
			*stalled = 1;
			return il_err_set(err, IL_E_AUDIO, "audio server not responding (no answer within %.0f s)",
					  2 * PULSE_CONNECT_S);
		}
		pulse_wait(p);
	}
	pulse_attr_changed(p->st, p);
	return 0;
}

/* Connect a playback stream of 48 kHz stereo float with the given buffer. */
void *il_sink_pulse_open(int latency_ms, int noautospawn, const int *cancel, int *stalled, il_err *err)
{
	int dummy = 0;
	if (!stalled)
		stalled = &dummy;
	*stalled = 0;
	pulse_sink *p = calloc(1, sizeof *p);
	if (!p) {
		il_err_set(err, IL_E_INTERNAL, "out of memory");
		return NULL;
	}
	p->latency = latency_ms / 1000.0;
	p->cancel = cancel;
	p->stall_s = latency_ms * 2 / 1000.0 > 2.0 ? latency_ms * 2 / 1000.0 : 2.0;
	p->ml = pulseloop_new();
	p->ctx = p->ml ? pa_context_new(pulseloop_api(p->ml), "infiniloop-tui") : NULL;
	if (!p->ctx) {
		il_err_set(err, IL_E_INTERNAL, "cannot start the PulseAudio main loop");
		pulse_destroy(p);
		return NULL;
	}
	int rc = pulse_connect(p, latency_ms, noautospawn, stalled, err);
	if (rc != 0) {
		pulse_destroy(p);
		return NULL;
	}
	return p;
}

/* Wait until the server's buffer has room for need bytes, or for what it
 * asks for at a time when that is less; the room in bytes, or
 * -1 with err set when the server is gone, makes no progress for stall_s,
 * or the wait is cancelled. */
static long pulse_wait_room(pulse_sink *p, size_t need, il_err *err)
{
	if (p->minreq > 0 && need > p->minreq)
		need = p->minreq;
	/* Waiting is counted in steps of at most 0.1 s, so that a process that
	 * was stopped (its clock jumped) is not taken for a stalled server;
	 * growing room is progress. */
	double waited = 0, prev = pulse_now();
	size_t last = 0;
	for (;;) {
		if (!pulse_good(p))
			return pulse_fail(p, err, "audio server lost");
		size_t room = pa_stream_writable_size(p->st);
		if (room == (size_t)-1)
			return pulse_fail(p, err, "audio server lost");
		if (room >= need && room > 0)
			return (long)(p->room = room);
		double now = pulse_now();
		waited = room > last ? 0 : waited + (now - prev < 0.1 ? now - prev : 0.1);
		prev = now;
		last = room;
		if (waited > p->stall_s)
			return il_err_set(err, IL_E_AUDIO, "audio server not responding (no progress for %.1f s)", waited);
		if (pulse_cancelled(p) && waited > PULSE_CANCEL_S)
			return il_err_set(err, IL_E_AUDIO, "stopped waiting for the audio server");
		pulse_wait(p);
	}
}

/* Wait for room for min frames; the frames writable now (see sink.h). */
long il_sink_pulse_room(void *h, size_t min, size_t max, il_err *err)
{
	pulse_sink *p = h;
	size_t frame = IL_SINK_CHANNELS * sizeof(float);
	long room = pulse_wait_room(p, min * frame, err);
	if (room < 0)
		return -1;
	size_t n = (size_t)room / frame;
	return (long)(n < max ? n : max);
}

/* Write frames; waits while the server's buffer is full, and fails when
 * the server is gone, makes no progress for stall_s, or the wait is
 * cancelled. */
int il_sink_pulse_write(void *h, const float *frames, size_t n, il_err *err)
{
	pulse_sink *p = h;
	const char *data = (const char *)frames;
	size_t frame = IL_SINK_CHANNELS * sizeof(float), left = n * frame;
	int rc = 0;
	p->idle = 0;
	while (left > 0) {
		/* The room only grows but by writing: what was known is there. */
		long room = p->room >= frame ? (long)p->room : pulse_wait_room(p, frame, err);
		if (room < 0) {
			rc = -1;
			break;
		}
		size_t k = (size_t)room < left ? (size_t)room : left;
		k -= k % frame;
		if (k == 0)
			k = frame;
		if (pa_stream_write(p->st, data, k, NULL, 0, PA_SEEK_RELATIVE) < 0) {
			rc = pulse_fail(p, err, "audio server lost");
			break;
		}
		p->room = p->room > k ? p->room - k : 0;
		data += k;
		left -= k;
	}
	if (rc == 0)
		pulse_send(p);
	if (rc == 0 && (p->writes++ % 8 == 0 || p->latency <= 0)) { /* each write until it is known */
		pa_usec_t us;
		int neg;
		if (pa_stream_get_latency(p->st, &us, &neg) == 0)
			p->latency = neg ? 0.0 : us / 1e6;
	}
	return rc;
}

/* The last measured latency in seconds. */
double il_sink_pulse_latency(void *h)
{
	return ((pulse_sink *)h)->latency;
}

/* True when the server still answers (see sink.h); 0 with err set when it
 * is gone or stalled. A lost connection shows in the states at once; a
 * stalled server only in a timing query it does not answer within stall_s,
 * made every PULSE_PROBE_S. */
int il_sink_pulse_alive(void *h, il_err *err)
{
	pulse_sink *p = h;
	int ok = 1;
	double now = pulse_now();
	pulse_dispatch_ready(p); /* what the server said since the last call */
	if (!pulse_good(p)) {
		ok = 0;
		pulse_fail(p, err, "audio server lost");
	} else if (now >= p->probe_at) {
		p->probe_at = now + PULSE_PROBE_S;
		if (pulse_wait_op(p, pa_stream_update_timing_info(p->st, NULL, NULL), p->stall_s, 1) != 0) {
			ok = 0;
			if (pulse_good(p))
				il_err_set(err, IL_E_AUDIO, "audio server not responding (no answer for %.1f s)",
					   p->stall_s);
			else
				pulse_fail(p, err, "audio server lost");
		}
	}
	return ok;
}

/* The writer stops: the underflow that follows is expected. */
void il_sink_pulse_idle(void *h)
{
	((pulse_sink *)h)->idle = 1;
}

/* Underflows reported by the server while the writer was not idle. */
unsigned long il_sink_pulse_underruns(void *h)
{
	return ((pulse_sink *)h)->underruns;
}

/* Ask the server for a buffer of latency_ms (the stream plays on); 0, or
 * -1 when it did not answer. */
int il_sink_pulse_set_latency(void *h, int latency_ms)
{
	pulse_sink *p = h;
	pa_sample_spec ss = { PA_SAMPLE_FLOAT32NE, IL_SINK_RATE, IL_SINK_CHANNELS };
	pa_buffer_attr attr = pulse_attr(&ss, latency_ms);
	int rc = pulse_good(p) ? pulse_wait_op(p, pa_stream_set_buffer_attr(p->st, &attr, NULL, NULL),
					       p->stall_s, 1) : -1;
	if (rc == 0) {
		double st = latency_ms * 2 / 1000.0;
		p->stall_s = st > 2.0 ? st : 2.0;
		pulse_attr_changed(p->st, p);
	}
	p->room = 0; /* asked again */
	return rc;
}

/* Let what was written play out if asked (at most the buffer's length and
 * a second), then disconnect. */
void il_sink_pulse_close(void *h, int drain)
{
	pulse_sink *p = h;
	if (drain) {
		p->idle = 1;
		if (pulse_good(p))
			pulse_wait_op(p, pa_stream_drain(p->st, NULL, NULL), p->latency + 0.5, 0);
	}
	pulse_destroy(p);
}

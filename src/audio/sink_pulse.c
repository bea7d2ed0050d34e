/* sink_pulse.c: the PulseAudio sink, through the simple API. */
#include "audio/sink.h"

#include <pulse/error.h>
#include <pulse/simple.h>
#include <stdlib.h>

typedef struct pulse_sink {
	pa_simple *pa;
	unsigned long writes;
	double latency;  /* last measured, seconds */
} pulse_sink;

/* Connect a playback stream of 48 kHz stereo float with the given buffer. */
void *il_sink_pulse_open(int latency_ms, il_err *err)
{
	pa_sample_spec ss = { PA_SAMPLE_FLOAT32NE, IL_SINK_RATE, IL_SINK_CHANNELS };
	pa_buffer_attr attr;
	attr.maxlength = (uint32_t)-1;
	attr.tlength = (uint32_t)pa_usec_to_bytes((pa_usec_t)latency_ms * 1000, &ss);
	attr.prebuf = (uint32_t)-1;
	attr.minreq = (uint32_t)-1;
	attr.fragsize = (uint32_t)-1;
	pulse_sink *p = calloc(1, sizeof *p);
	if (!p) {
		il_err_set(err, IL_E_INTERNAL, "out of memory");
		return NULL;
	}
	int e = 0;
	p->pa = pa_simple_new(NULL, "infiniloop-tui", PA_STREAM_PLAYBACK, NULL, "music",
			      &ss, NULL, &attr, &e);
	if (!p->pa) {
		il_err_set(err, IL_E_AUDIO, "no audio server (%s)", pa_strerror(e));
		free(p);
		return NULL;
	}
	p->latency = latency_ms / 1000.0;
	return p;
}

/* Write frames; blocks while the server's buffer is full. */
int il_sink_pulse_write(void *h, const float *frames, size_t n, il_err *err)
{
	pulse_sink *p = h;
	int e = 0;
	if (pa_simple_write(p->pa, frames, n * IL_SINK_CHANNELS * sizeof(float), &e) < 0)
		return il_err_set(err, IL_E_AUDIO, "audio server lost (%s)", pa_strerror(e));
	if (p->writes++ % 16 == 0) {
		pa_usec_t us = pa_simple_get_latency(p->pa, &e);
		if (us != (pa_usec_t)-1)
			p->latency = us / 1e6;
	}
	return 0;
}

/* The last measured latency in seconds. */
double il_sink_pulse_latency(void *h)
{
	return ((pulse_sink *)h)->latency;
}

/* True when the server still answers; 0 with err set when it is gone. */
int il_sink_pulse_alive(void *h, il_err *err)
{
	pulse_sink *p = h;
	int e = 0;
	if (pa_simple_get_latency(p->pa, &e) == (pa_usec_t)-1 &&
	    (e == PA_ERR_CONNECTIONTERMINATED || e == PA_ERR_BADSTATE || e == PA_ERR_CONNECTIONREFUSED)) {
		il_err_set(err, IL_E_AUDIO, "audio server lost (%s)", pa_strerror(e));
		return 0;
	}
	return 1;
}

/* Drain if asked, then disconnect. */
void il_sink_pulse_close(void *h, int drain)
{
	pulse_sink *p = h;
	int e;
	if (drain)
		pa_simple_drain(p->pa, &e);
	pa_simple_free(p->pa);
	free(p);
}

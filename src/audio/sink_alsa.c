/* sink_alsa.c: the ALSA sink (libasound), for boxes without a sound
 * server: "default", "hw:1,0", "plughw:1,0" or any PCM of the ALSA
 * configuration. The device is opened non-blocking and every wait is
 * bounded, so a device that stops taking audio fails the write instead of
 * blocking it; underruns (EPIPE) are counted and recovered with
 * snd_pcm_recover, and a device that went away fails the write so that the
 * player reopens it once it is back. */
#include "audio/sink.h"

#include <alsa/asoundlib.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ALSA_WAIT_MS 50      /* one wait for room in the device's buffer */
#define ALSA_CANCEL_S 0.25   /* a cancelled wait gives up after this long */

typedef struct alsa_sink {
	snd_pcm_t *pcm;
	char device[IL_SINK_DEVICE_MAX];
	snd_pcm_format_t format;   /* FLOAT_LE, S32_LE or S16_LE */
	void *conv;                /* converted samples for integer formats */
	size_t conv_frames;
	unsigned long underruns;
	int idle;                  /* the writer stopped: the next underrun is expected */
	double latency;            /* last measured, seconds */
	double dry_at;             /* when what was written runs out (0: unknown) */
	double same_until;         /* underruns before this are the same dropout */
	double stall_s;            /* no progress for this long: the device stalled */
	const int *cancel;         /* waits give up soon while *cancel */
} alsa_sink;

/* Seconds on the monotonic clock. */
static double alsa_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* libasound's own messages: dropped (errors are returned and reported). */
static void alsa_quiet(const char *file, int line, const char *fn, int err, const char *fmt, ...)
{
}

/* Install alsa_quiet once. */
static void alsa_quiet_install(void)
{
	snd_lib_error_set_handler(alsa_quiet);
}

/* True while the owner wants waits to end soon. */
static int alsa_cancelled(const alsa_sink *a)
{
	return a->cancel && __atomic_load_n(a->cancel, __ATOMIC_ACQUIRE);
}

/* Set err for a device that cannot be opened, in plain words. */
static void alsa_open_error(const char *device, int e, il_err *err)
{
	if (e == -EBUSY)
		il_err_set(err, IL_E_AUDIO, "ALSA device %s is busy: another program is using it (with a sound "
			   "server running, use output auto or pulse)", device);
	else if (e == -ENOENT || e == -ENODEV || e == -ENXIO)
		il_err_set(err, IL_E_AUDIO, "no ALSA device %s (%s)", device, snd_strerror(e));
	else if (e == -EACCES || e == -EPERM)
		il_err_set(err, IL_E_AUDIO, "ALSA device %s: permission denied (is the user in the audio group?)",
			   device);
	else
		il_err_set(err, IL_E_AUDIO, "cannot open ALSA device %s (%s)", device, snd_strerror(e));
}

/* Open device for 48 kHz stereo, float or else 32/16-bit integers. */
void *il_sink_alsa_open(const char *device, int latency_ms, const int *cancel, il_err *err)
{
	static const snd_pcm_format_t formats[] = { SND_PCM_FORMAT_FLOAT_LE, SND_PCM_FORMAT_S32_LE,
						    SND_PCM_FORMAT_S16_LE };
	alsa_sink *a = calloc(1, sizeof *a);
	if (!a) {
		il_err_set(err, IL_E_INTERNAL, "out of memory");
		return NULL;
	}
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, alsa_quiet_install);
	snprintf(a->device, sizeof a->device, "%s", device);
	a->cancel = cancel;
	int e = snd_pcm_open(&a->pcm, device, SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK);
	if (e < 0) {
		alsa_open_error(device, e, err);
		free(a);
		return NULL;
	}
	e = -EINVAL;
	for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
		e = snd_pcm_set_params(a->pcm, formats[k], SND_PCM_ACCESS_RW_INTERLEAVED, IL_SINK_CHANNELS,
				       IL_SINK_RATE, 1, (unsigned)latency_ms * 1000u);
		if (e == 0) {
			a->format = formats[k];
			break;
		}
	}
	if (e < 0) {
		il_err_set(err, IL_E_AUDIO, "ALSA device %s cannot play 48 kHz stereo (%s); a plughw: device "
			   "converts", device, snd_strerror(e));
		snd_pcm_close(a->pcm);
		free(a);
		return NULL;
	}
	a->latency = latency_ms / 1000.0;
	a->stall_s = latency_ms * 2 / 1000.0 > 2.0 ? latency_ms * 2 / 1000.0 : 2.0;
	return a;
}

/* The frames in the device's format (float is passed through); NULL when
 * out of memory. */
static const void *alsa_convert(alsa_sink *a, const float *frames, size_t n)
{
	if (a->format == SND_PCM_FORMAT_FLOAT_LE)
		return frames;
	size_t bytes = a->format == SND_PCM_FORMAT_S32_LE ? 4 : 2;
	if (n > a->conv_frames) {
		void *c = realloc(a->conv, n * IL_SINK_CHANNELS * bytes);
		if (!c)
			return NULL;
		a->conv = c;
		a->conv_frames = n;
	}
	for (size_t i = 0; i < n * IL_SINK_CHANNELS; i++) {
		double v = frames[i];
		v = v > 1.0 ? 1.0 : (v < -1.0 ? -1.0 : v);
		if (bytes == 4)
			((int32_t *)a->conv)[i] = (int32_t)(v < 0 ? v * 2147483648.0 : v * 2147483647.0);
		else
			((int16_t *)a->conv)[i] = (int16_t)(v < 0 ? v * 32768.0 : v * 32767.0);
	}
	return a->conv;
}

/* Measure the delay: the latency, and when the device runs dry. */
static void alsa_measure(alsa_sink *a)
{
	snd_pcm_sframes_t d;
	if (snd_pcm_delay(a->pcm, &d) == 0) {
		a->latency = d > 0 ? (double)d / IL_SINK_RATE : 0.0;
		/* Only a device that plays in real time (a delay) runs dry. */
		a->dry_at = d > 0 ? alsa_now() + a->latency : 0.0;
	}
}

/* True (once) when the device must have run dry since the last write. */
static int alsa_ran_dry(alsa_sink *a)
{
	double slack = a->stall_s / 40 > 0.02 ? a->stall_s / 40 : 0.02;
	if (a->dry_at <= 0 || alsa_now() - a->dry_at <= slack)
		return 0;
	a->dry_at = 0;
	return 1;
}

/* Count an underrun, unless it belongs to the dropout just counted (a
 * device may report one gap more than once while it recovers). */
static void alsa_count(alsa_sink *a)
{
	double now = alsa_now();
	if (now >= a->same_until)
		a->underruns++;
	a->same_until = now + 1.0;
}

/* Write frames; waits (bounded) while the device's buffer is full. */
int il_sink_alsa_write(void *h, const float *frames, size_t n, il_err *err)
{
	alsa_sink *a = h;
	const char *data = alsa_convert(a, frames, n);
	if (!data)
		return il_err_set(err, IL_E_INTERNAL, "out of memory");
	size_t fbytes = (size_t)snd_pcm_frames_to_bytes(a->pcm, 1);
	size_t left = n;
	int expected = a->idle; /* after a pause the device ran dry on purpose */
	a->idle = 0;
	/* Waiting is counted in steps of at most 0.1 s, so that a process that
	 * was stopped (its clock jumped) is not taken for a stalled device. */
	double waited = 0, prev = alsa_now();
	int counted = 0;
	while (left > 0) {
		/* Later than what was written lasts: an underrun, even where the
		 * device does not say so (ALSA's pulse plugin after the process
		 * was stopped); EPIPE for the same gap is not counted twice. */
		if (!expected && alsa_ran_dry(a)) {
			alsa_count(a);
			counted = 1;
		}
		snd_pcm_sframes_t r = snd_pcm_writei(a->pcm, data, left);
		if (r > 0) {
			data += (size_t)r * fbytes;
			left -= (size_t)r;
			waited = 0;
			prev = alsa_now();
			alsa_measure(a);
			continue;
		}
		if (r == -EAGAIN || r == 0) {
			double now = alsa_now();
			waited += now - prev < 0.1 ? now - prev : 0.1;
			prev = now;
			if (waited > a->stall_s)
				return il_err_set(err, IL_E_AUDIO, "ALSA device %s stopped taking audio (no progress "
						  "for %.1f s)", a->device, waited);
			if (alsa_cancelled(a) && waited > ALSA_CANCEL_S)
				return il_err_set(err, IL_E_AUDIO, "stopped waiting for ALSA device %s", a->device);
			int w = snd_pcm_wait(a->pcm, ALSA_WAIT_MS);
			if (w >= 0)
				continue;
			r = w;
		}
		if (r == -EPIPE && !expected && !counted)
			alsa_count(a);
		expected = counted = 0;
		int e = snd_pcm_recover(a->pcm, (int)r, 1);
		if (e < 0) {
			if (r == -ENODEV || e == -ENODEV)
				return il_err_set(err, IL_E_AUDIO, "ALSA device %s went away (%s)", a->device,
						  snd_strerror((int)r));
			return il_err_set(err, IL_E_AUDIO, "ALSA device %s failed (%s)", a->device, snd_strerror((int)r));
		}
	}
	return 0;
}

/* The last measured latency in seconds. */
double il_sink_alsa_latency(void *h)
{
	return ((alsa_sink *)h)->latency;
}

/* True unless the device went away; 0 with err set when it did. */
int il_sink_alsa_alive(void *h, il_err *err)
{
	alsa_sink *a = h;
	if (snd_pcm_state(a->pcm) == SND_PCM_STATE_DISCONNECTED) {
		il_err_set(err, IL_E_AUDIO, "ALSA device %s went away", a->device);
		return 0;
	}
	return 1;
}

/* The writer stops: the underrun that follows is expected. */
void il_sink_alsa_idle(void *h)
{
	((alsa_sink *)h)->idle = 1;
	((alsa_sink *)h)->dry_at = 0;
}

/* Underruns (EPIPE) while the writer was not idle. */
unsigned long il_sink_alsa_underruns(void *h)
{
	return ((alsa_sink *)h)->underruns;
}

/* Let what was written play out if asked (at most the buffer's length and
 * a second), then close. */
void il_sink_alsa_close(void *h, int drain)
{
	alsa_sink *a = h;
	if (drain && snd_pcm_state(a->pcm) == SND_PCM_STATE_RUNNING) {
		double t0 = alsa_now(), limit = a->latency + 0.5;
		snd_pcm_drain(a->pcm); /* non-blocking: starts draining */
		while (snd_pcm_state(a->pcm) == SND_PCM_STATE_DRAINING) {
			double waited = alsa_now() - t0;
			if (waited > limit)
				break;
			struct timespec ts = { 0, 10 * 1000000L };
			nanosleep(&ts, NULL);
		}
	}
	snd_pcm_drop(a->pcm);
	snd_pcm_close(a->pcm);
	free(a->conv);
	free(a);
}

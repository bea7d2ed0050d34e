/* sink.h: where the player's frames go, behind one interface.
 *
 * Every sink takes interleaved 48 kHz stereo float frames (IL_SINK_RATE,
 * IL_SINK_CHANNELS). "pulse" plays through a PulseAudio (or PipeWire
 * pulse) server; "alsa" or "alsa:DEVICE" plays straight to an ALSA device
 * (default, hw:1,0, plughw:...); "auto" is pulse when a server answers,
 * else ALSA's default device. Their writes block while the device's buffer
 * is full, so the caller's thread is the writer thread (one thread uses a
 * sink at a time: the pulse sink's main loop runs in its calls); a write
 * that makes no progress for a few seconds (a stalled server or device)
 * fails, and so does one that waits while the cancel flag is set.
 * "file:PATH" writes exactly the frames it is given to a WAV file (32-bit
 * float): a new file, never an existing one (that takes "file!:PATH") and
 * never through a symbolic link; a FIFO or character device is written
 * through; reopened after a failure or a setting change, the recording is
 * appended to, not truncated. "null" discards them. Without `fast`, file
 * and null sinks pace themselves to real time; with it they return at
 * once.
 *
 * Every sink counts underruns: the device ran dry because the writer came
 * late (ALSA's EPIPE, PulseAudio's underflow, a paced sink that fell behind
 * by more than its buffer). A sink told it goes idle (il_sink_idle) does
 * not count the silence that follows. */
#ifndef IL_AUDIO_SINK_H
#define IL_AUDIO_SINK_H

#include <stddef.h>

#include "store/paths.h"
#include "util/error.h"

#define IL_SINK_RATE 48000
#define IL_SINK_CHANNELS 2
#define IL_SINK_DEVICE_MAX 128
#define IL_SINK_NAME_MAX (IL_PATH_MAX + 8)

typedef enum il_sink_kind {
	IL_SINK_NULL,
	IL_SINK_FILE,
	IL_SINK_PULSE,
	IL_SINK_ALSA,
	IL_SINK_AUTO
} il_sink_kind;

typedef struct il_sink_spec {
	il_sink_kind kind;
	char path[IL_PATH_MAX];            /* file sink */
	char device[IL_SINK_DEVICE_MAX];   /* alsa sink ("default" when empty) */
	int latency_ms;                    /* buffer length of pulse and alsa */
	int fast;                          /* file/null: faster than real time */
	const int *cancel;                 /* waits give up soon while *cancel (or NULL) */
	int overwrite;                     /* file!:PATH: an existing regular file is replaced */
	int append;                        /* file: reopen of our own recording, appended to */
} il_sink_spec;

typedef struct il_sink il_sink;

/* Parse "auto", "pulse", "alsa", "alsa:DEVICE", "null", "file:PATH" or
 * "file!:PATH" into spec (latency and fast are left as they are); 0 or -1
 * with err set. */
int il_sink_parse(const char *text, il_sink_spec *spec, il_err *err);
/* Open a sink; 0 with *out set, or -1 with err set (IL_E_AUDIO for an
 * audio device or server, IL_E_IO "cannot write FILE: reason" for a file). */
int il_sink_open(il_sink **out, const il_sink_spec *spec, il_err *err);
/* Write n frames; blocks for pacing or while the device's buffer is full.
 * -1 with err set when the sink failed (the server went away or stalled,
 * the device failed, the file cannot be written). */
int il_sink_write(il_sink *s, const float *frames, size_t n, il_err *err);
/* Wait until at least min frames (or what the device asks for at a time,
 * when less) can be written without waiting; the frames that can be
 * written now, at most max, or 0 when the sink cannot tell (its writes
 * wait as they need: ALSA, file, null); -1 with err set as il_sink_write
 * fails. A writer renders that many frames, so that each of the device's
 * requests takes one write. */
long il_sink_room(il_sink *s, size_t min, size_t max, il_err *err);
/* Seconds between a frame written now and when it is heard. */
double il_sink_latency(il_sink *s);
/* The writer stops for a while (pause, nothing to play): real-time pacing
 * restarts from the next write and the coming silence is no underrun. */
void il_sink_idle(il_sink *s);
/* Let what was written play out (bounded in time), then close; file sinks
 * are finished so the WAV header is right. 0, or -1 with err set. */
int il_sink_close(il_sink *s, int drain, il_err *err);
/* True when the sink still works (for pulse: the server is connected, and
 * answers a query made every few seconds); 0 with
 * err set when it failed. Meant for an idle sink. */
int il_sink_alive(il_sink *s, il_err *err);
/* Make the device's buffer latency_ms long; 0 when done in place (pulse),
 * -1 when the sink must be reopened for it. */
int il_sink_set_latency(il_sink *s, int latency_ms);
/* Underruns counted so far. */
unsigned long il_sink_underruns(const il_sink *s);
/* What the sink plays to: "pulse", "alsa:default", "file:PATH", "null". */
const char *il_sink_name(const il_sink *s);
/* The kind actually opened (never IL_SINK_AUTO). */
il_sink_kind il_sink_kind_of(const il_sink *s);

/* The device sinks (sink_pulse.c, sink_alsa.c), used by il_sink_open.
 * open returns NULL with err set; waits give up soon while *cancel.
 * pulse: noautospawn never starts a server; *stalled (when not NULL) is
 * set when a server was there but did not answer. */
void *il_sink_pulse_open(int latency_ms, int noautospawn, const int *cancel, int *stalled, il_err *err);
int il_sink_pulse_write(void *h, const float *frames, size_t n, il_err *err);
long il_sink_pulse_room(void *h, size_t min, size_t max, il_err *err);
double il_sink_pulse_latency(void *h);
int il_sink_pulse_alive(void *h, il_err *err);
void il_sink_pulse_idle(void *h);
unsigned long il_sink_pulse_underruns(void *h);
int il_sink_pulse_set_latency(void *h, int latency_ms);
void il_sink_pulse_close(void *h, int drain);

void *il_sink_alsa_open(const char *device, int latency_ms, const int *cancel, il_err *err);
int il_sink_alsa_write(void *h, const float *frames, size_t n, il_err *err);
double il_sink_alsa_latency(void *h);
int il_sink_alsa_alive(void *h, il_err *err);
void il_sink_alsa_idle(void *h);
unsigned long il_sink_alsa_underruns(void *h);
void il_sink_alsa_close(void *h, int drain);

#endif

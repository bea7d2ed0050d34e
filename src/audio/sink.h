/* sink.h: where the player's frames go, behind one interface.
 *
 * Every sink takes interleaved 48 kHz stereo float frames (IL_SINK_RATE,
 * IL_SINK_CHANNELS). "pulse" plays through the PulseAudio simple API (the
 * call blocks while the server's buffer is full, so the caller's thread is
 * the writer thread); "file:PATH" writes exactly the frames it is given to a
 * WAV file (32-bit float): a new file, never an existing one (that takes
 * "file!:PATH") and never through a symbolic link; a FIFO or character
 * device is written through; reopened after a failure or a setting change,
 * the recording is appended to, not truncated; "null" discards them. Without `fast`, file and
 * null sinks pace themselves to real time; with it they return at once. */
#ifndef IL_AUDIO_SINK_H
#define IL_AUDIO_SINK_H

#include <stddef.h>

#include "store/paths.h"
#include "util/error.h"

#define IL_SINK_RATE 48000
#define IL_SINK_CHANNELS 2

typedef enum il_sink_kind {
	IL_SINK_NULL,
	IL_SINK_FILE,
	IL_SINK_PULSE
} il_sink_kind;

typedef struct il_sink_spec {
	il_sink_kind kind;
	char path[IL_PATH_MAX]; /* file sink */
	int latency_ms;         /* pulse buffer length */
	int fast;               /* file/null: faster than real time */
	int overwrite;          /* file!:PATH: an existing regular file is replaced */
	int append;             /* file: reopen of our own recording, appended to */
} il_sink_spec;

typedef struct il_sink il_sink;

/* Parse "pulse", "null" or "file:PATH" into spec (latency and fast are left
 * as they are); 0 or -1 with err set. */
int il_sink_parse(const char *text, il_sink_spec *spec, il_err *err);
/* Open a sink; 0 with *out set, or -1 with err set ("no audio server: ..."
 * for pulse when the server cannot be reached). */
int il_sink_open(il_sink **out, const il_sink_spec *spec, il_err *err);
/* Write n frames; blocks for pacing or while the server's buffer is full.
 * -1 with err set when the sink failed (for pulse: the server went away). */
int il_sink_write(il_sink *s, const float *frames, size_t n, il_err *err);
/* Seconds between a frame written now and when it is heard. */
double il_sink_latency(il_sink *s);
/* The writer stops for a while (pause, nothing to play): real-time pacing
 * restarts from the next write. */
void il_sink_idle(il_sink *s);
/* Let what was written play out (pulse), then close; file sinks are
 * finished so the WAV header is right. 0, or -1 with err set. */
int il_sink_close(il_sink *s, int drain, il_err *err);
/* True when the sink still works (for pulse: the server answers); 0 with
 * err set when it failed. Meant for an idle sink. */
int il_sink_alive(il_sink *s, il_err *err);
/* Frames written so far. */
unsigned long long il_sink_frames(const il_sink *s);

/* The PulseAudio sink (sink_pulse.c), used by il_sink_open. */
void *il_sink_pulse_open(int latency_ms, il_err *err);
int il_sink_pulse_write(void *h, const float *frames, size_t n, il_err *err);
double il_sink_pulse_latency(void *h);
int il_sink_pulse_alive(void *h, il_err *err);
void il_sink_pulse_close(void *h, int drain);

#endif

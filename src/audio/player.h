/* player.h: the player thread.
 *
 * One thread renders the current loop region over and over, sample-exact,
 * with no gap and no fade, into 48 kHz stereo float blocks, and writes them
 * to the sink (see sink.h); for PulseAudio the blocking write paces it. The
 * timeline (elapsed, the minimum duration, limits) counts rendered frames,
 * never the wall clock. Once a loop has played min_duration seconds and the
 * next one is queued, it crossfades to it with equal power over `crossfade`
 * seconds; a new station's first loop and the loop after a startup loop
 * come sooner, at the next bar line (il_player_hurry). Volume,
 * pause/resume, start and stop are smoothed ramps. A kept
 * loop (il_player_keep) repeats past the minimum duration while the queue
 * waits; skip, il_player_jump and il_player_hurry still switch.
 *
 * When the sink cannot be opened or fails (the audio server is missing,
 * went away or stalled; the device went away), the thread reports it,
 * retries with backoff (0.5 s doubling to 5 s) and resumes where it
 * stopped. Underruns are counted over every sink and reported (at most
 * every 2 s); when 3 come within 30 s the buffer doubles (up to 2 s) and the
 * sink is reopened with it. Quitting ramps the sound out and never waits on
 * a stalled server for more than a moment. Callbacks run on the player
 * thread without any lock held. */
#ifndef IL_AUDIO_PLAYER_H
#define IL_AUDIO_PLAYER_H

#include "audio/sink.h"
#include "audio/track.h"
#include "util/error.h"

#define IL_PLAYER_BLOCK 1024      /* frames rendered per write, at least */
#define IL_PLAYER_BLOCK_MAX 4096  /* and at most (what the output asks for at a time) */

typedef struct il_player il_player;

/* What the player does; il_player_state_name() gives its protocol word. */
typedef enum il_player_state {
	IL_PLAYER_IDLE,     /* nothing was played yet */
	IL_PLAYER_PLAYING,
	IL_PLAYER_PAUSED,
	IL_PLAYER_STOPPED,  /* stopped, or everything played was dropped */
} il_player_state;

/* Where the sound goes; il_audio_state_name() gives its protocol word. */
typedef enum il_audio_state {
	IL_AUDIO_OK,        /* playing through an audio server or device */
	IL_AUDIO_LOST,      /* the server or device went away or stalled; reconnecting */
	IL_AUDIO_NONE,      /* no audio server or device (or the file cannot be written) */
	IL_AUDIO_FILE,      /* writing to a file */
	IL_AUDIO_OFF,       /* the null sink: output off */
} il_audio_state;

typedef struct il_player_cb {
	void *ctx;
	/* A loop became current (the start of its crossfade); t is borrowed. */
	void (*loop_started)(void *ctx, il_track *t, unsigned long long at_frame);
	/* The output came or went: IL_AUDIO_OK, _LOST, _NONE or _OFF; sink
	 * names the output in use ("" when none). */
	void (*audio)(void *ctx, il_audio_state state, const char *msg, const char *sink);
	/* A limit (switches or seconds) was reached; nothing more is rendered. */
	void (*ended)(void *ctx);
	/* The output ran dry: count underruns in all; buffer_ms is the buffer
	 * now, grew says it was just made longer. */
	void (*underrun)(void *ctx, unsigned long count, int buffer_ms, int grew);
} il_player_cb;

typedef struct il_player_cfg {
	il_sink_spec sink;
	double min_duration;  /* seconds a loop plays before the next may start */
	double crossfade;     /* seconds of equal-power crossfade */
	int volume;           /* 0-100 */
	int repeat;           /* with nothing new queued, cycle through the loops played */
	long max_switches;    /* end when one more switch is due (0: never) */
	double max_seconds;   /* end after this much timeline (0: never) */
	int bands;            /* spectrum bands (0: no spectrum) */
	double spectrum_fps;  /* il_player_spectrum is called this often (its smoothing) */
} il_player_cfg;

typedef struct il_player_status {
	il_player_state state;
	il_audio_state audio;
	char sink[IL_SINK_NAME_MAX]; /* the output in use, "" when none */
	unsigned long underruns;
	int buffer_ms;        /* the sink's buffer now */
	int volume;
	double elapsed;       /* seconds the current loop has played */
	double loop_seconds;
	double min_left;      /* seconds until a switch may happen */
	int next_ready;
	int keep;             /* the current loop is kept (il_player_keep) */
	int queued;           /* loops in the queue */
	unsigned long switches;
	unsigned long long frames; /* timeline: frames rendered */
	char title[96], artist[96];
	double bpm;
	char next_title[96];  /* the loop that starts next ("" when none is ready) */
	double next_in;       /* seconds of timeline until it starts; -1 when not
			       * known (nothing plays, or the current loop is held) */
} il_player_status;

/* Start the player thread (the sink is opened by the thread). */
int il_player_new(il_player **out, const il_player_cfg *cfg, const il_player_cb *cb, il_err *err);
/* Stop the thread and close the sink (drained when a limit ended play). */
void il_player_free(il_player *p);
/* Queue a track (the player takes the reference): at the end, or when a
 * listener asked for it (t->asked), after the loops asked for before it
 * and ahead of the station's; returns the frame of the timeline at which
 * it was queued. */
unsigned long long il_player_enqueue(il_player *p, il_track *t);
/* Loops on their way (being prepared): delta +1 or -1. With a fast sink the
 * player waits for them at a switch instead of looping on, so that runs are
 * deterministic. */
void il_player_hold(il_player *p, int delta);
/* A new station was chosen while a loop plays: the next loop queued (the
 * station's first) starts at the next bar line of the current one, without
 * waiting for the minimum duration, also when the loop is kept (it was
 * asked for; the keep stays, for the new loop); so does any loop queued
 * after a stand-in (il_loop.interim, the startup loop) that is not kept.
 * Once: the loop that starts ends it, as does a stop. Never with a fast
 * sink (its timeline must not depend on how quickly loops are made). */
void il_player_hurry(il_player *p);
/* Crossfade to the next loop now; -1 with err when none is ready. */
int il_player_skip(il_player *p, il_err *err);
/* Pause (1) or resume (0), with a short ramp. Only a loop that plays can
 * be paused (-1 with err, code IL_E_STATE, otherwise, and nothing changes), so a
 * pause never outlives what it paused; resuming what plays is a no-op. */
int il_player_pause(il_player *p, int on, il_err *err);
/* Set the software volume (0-100), smoothed. */
void il_player_set_volume(il_player *p, int volume);
/* Change the minimum duration and the crossfade length (seconds). */
void il_player_set_times(il_player *p, double min_duration, double crossfade);
/* Switch to another sink (or reopen with a new latency). */
void il_player_set_sink(il_player *p, const il_sink_spec *spec);
/* Fade out (10 ms) and drop everything (current loop and queue). */
void il_player_stop(il_player *p);
/* Like il_player_stop, with a fade of the given seconds (at least 10 ms);
 * loops queued once it is asked for play after the fade. */
void il_player_stop_fade(il_player *p, double seconds);
/* Keep (1) the current loop, and every loop that becomes current, playing
 * past the minimum duration, the queue waiting; 0 lets the switches come
 * again (at once when the minimum has passed). */
void il_player_keep(il_player *p, int on);
/* Crossfade to t now (as skip does, on a downbeat; the player takes a
 * reference of its own); the queue is left as it is. -1 with err (code
 * IL_E_STATE) when nothing plays. */
int il_player_jump(il_player *p, il_track *t, il_err *err);
/* Drop the queued loops. */
void il_player_clear_queue(il_player *p);
/* The current loop (a new reference) or NULL. */
il_track *il_player_current(il_player *p);
/* The next loop (a new reference) or NULL. */
il_track *il_player_next(il_player *p);
/* A snapshot of the player's state. */
void il_player_get_status(il_player *p, il_player_status *st);
/* The band levels (cfg.bands of them) of what is heard ahead seconds from
 * now (0: now), from the frames written and the output's latency when they
 * were: 1 with bands set, 0 when there is no spectrum or nothing was
 * written for longer than the output holds (paused, idle, stalled), -1
 * when what is heard then is not written yet (ahead > 0 only). For one
 * thread, on its own clock, frames 1 / cfg.spectrum_fps apart: they come
 * evenly, however the output asks for data. */
int il_player_spectrum(il_player *p, double ahead, unsigned char *bands);
/* The protocol word of a player state: idle, playing, paused or stopped. */
const char *il_player_state_name(il_player_state s);
/* The protocol word of an audio state: ok, lost, none, file or off. */
const char *il_audio_state_name(il_audio_state s);
/* Set *s to the player state named word; 0, or -1 (s untouched) when unknown. */
int il_player_state_parse(const char *word, il_player_state *s);
/* Set *s to the audio state named word; 0, or -1 (s untouched) when unknown. */
int il_audio_state_parse(const char *word, il_audio_state *s);
/* The output in plain words into out: the sink in use (1 is returned), or
 * why no sound is made, e.g. "audio server lost" (0). output is the
 * setting, sink the output in use ("" when none). */
int il_audio_describe(il_audio_state s, const char *output, const char *sink, int underruns, char *out, size_t n);

#endif

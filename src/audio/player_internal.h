/* player_internal.h: the player's private state, shared by player.c (the
 * thread, the spectrum and the requests of other threads), player_output.c
 * (the sink) and player_render.c (rendering and the queue). */
#ifndef IL_AUDIO_PLAYER_INTERNAL_H
#define IL_AUDIO_PLAYER_INTERNAL_H

#include <pthread.h>
#include <stdio.h>

#include "audio/player.h"
#include "dsp/spectrum.h"

#define PLAYER_RING 131072u  /* mono frames kept for the spectrum (power of two) */
#define PLAYER_RAMP 480      /* frames of a start/stop/pause/quit ramp (10 ms) */
#define PLAYER_MIN_FADE 240  /* frames of the shortest crossfade (5 ms): never a hard cut */
#define PLAYER_UNDERRUN_WINDOW 30.0 /* seconds: this many underruns within it grow the buffer */
#define PLAYER_UNDERRUN_GROW 3
#define PLAYER_BUFFER_MAX 2000 /* ms: the buffer grows up to this */
#define PLAYER_VOLUME_RAMP 2400 /* frames of a full-scale volume change (50 ms) */
#define PLAYER_EV_MAX 8

typedef struct il_player_events {
	int nstarted;
	il_track *started[PLAYER_EV_MAX];  /* references, dropped after delivery */
	unsigned long long started_at[PLAYER_EV_MAX];
	int nfree;
	il_track *tofree[PLAYER_EV_MAX];   /* references to drop outside the lock */
	int ended;
	int audio;                         /* -1 (no change) or an il_audio_state */
	char audio_msg[IL_ERR_MAX + 64];
	char audio_sink[IL_SINK_NAME_MAX];
	int underrun;                      /* underruns to report */
	unsigned long underruns;           /* total so far */
	int buffer_ms, grew;               /* the buffer now, and whether it just grew */
} il_player_events;

struct il_player {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	il_player_cfg cfg;
	il_player_cb cb;
	int quit;

	/* Queue, and the loops played (for repeat). */
	il_track **queue;
	size_t nqueue, qcap;
	il_track **played;
	size_t nplayed, pcap, cycle;
	int hold;

	/* Playback. */
	il_track *cur, *old;      /* old: the loop fading out */
	size_t pos, opos;         /* frame in cur, in old */
	size_t xf_pos, xf_len;
	unsigned long long elapsed;   /* frames since cur started */
	unsigned long long timeline;  /* frames rendered */
	unsigned long switches;
	int skip, paused, stopping, stopped, ended;
	int keep;                 /* the current loop repeats past the minimum */
	int hurry;                /* a new station: the next loop queued starts at
				   * the next bar line (il_player_hurry) */
	il_track *jump;           /* crossfade to this one next (il_player_jump) */
	size_t pramp;             /* frames of the pause/stop ramp now (0: PLAYER_RAMP) */
	float vgain, vtarget, pgain, ptarget;

	/* Output. */
	il_sink *sink;
	int reopen;
	il_audio_state audio;
	int audio_known;          /* 0 until the sink was first tried */
	int cancel;               /* atomic: sink waits end soon (quitting) */
	int ramped_out;           /* quitting: the sound was ramped down */
	char sink_name[IL_SINK_NAME_MAX]; /* the output in use, "" when none */
	int buffer_ms;            /* the sink's buffer; grows when underruns recur */
	unsigned long underruns;  /* over every sink opened */
	unsigned long sink_underruns; /* counted by the open sink so far */
	double underrun_at[PLAYER_UNDERRUN_GROW]; /* when the last ones happened */
	double underrun_reported; /* when an underrun was last reported */
	int underrun_pending;     /* counted, not yet reported */
	int grow;                 /* the buffer grew: apply it to the sink */
	double retry_at, retry_delay;
	float block[IL_PLAYER_BLOCK_MAX * 2];
	float pending[IL_PLAYER_BLOCK_MAX * 2];
	size_t npending;

	/* Spectrum (player thread only). */
	il_spec *spec;
	float *ring, *win;
	unsigned long long ring_w; /* frames written to the ring (under lock: read by il_player_spectrum) */
	double spec_lat, spec_t;   /* the output's latency at the last write, and when it was */

	/* Events gathered under the lock. */
	il_player_events ev;
	int ev_audio;
	char ev_audio_msg[IL_ERR_MAX + 64];
	char ev_audio_sink[IL_SINK_NAME_MAX];
};

/* Render up to n frames into out (lock held); returns frames rendered, 0
 * when there is nothing to render now. */
size_t player_render(il_player *p, float *out, size_t n);
/* True when player_render would render something (lock held). */
int player_render_can(const il_player *p);
/* Drop the current loop, the fading one and the queue (lock held). */
void player_render_drop_all(il_player *p);
/* Drop the current loop, the fading one and those played, not the queue
 * (lock held). */
void player_render_drop_playing(il_player *p);
/* True when a next loop can be taken now (lock held). */
int player_render_next_ready(const il_player *p);
/* Frames until the next loop starts, as things stand: -1 when none is
 * ready or the current loop is held (lock held). */
long long player_render_next_in(const il_player *p);
/* The loop that starts next, or NULL (lock held; borrowed). */
const il_track *player_render_peek_next(const il_player *p);
/* Frames in the minimum duration (lock held). */
unsigned long long player_render_min_frames(const il_player *p);
/* Append to a growable array of tracks; 0 or -1 when out of memory. */
int player_render_push(il_track ***arr, size_t *n, size_t *cap, il_track *t);

/* player.c, for the other parts. */
/* Wait on the condition until woken or until the monotonic time `until`. */
void player_wait_until(il_player *p, double until);
/* Remember an audio state change to report after unlocking. */
void player_set_audio(il_player *p, il_audio_state state, const char *msg);
/* Keep a block about to be written, with the output's latency, for the
 * spectrum (player thread, unlocked). */
void player_spectrum(il_player *p, const float *frames, size_t n, double latency);

/* player_output.c. */
/* Open the sink if it is closed and due (lock held; unlocks meanwhile); 1
 * when a sink is open. */
int player_output_open(il_player *p);
/* Wait until the sink takes a block (lock held; unlocks meanwhile); the
 * frames to render, or 0 when the sink failed or changed meanwhile. */
size_t player_output_room(il_player *p);
/* Write a block (called unlocked); on failure close the sink and keep the
 * block for later; 0 or -1. */
int player_output_write(il_player *p, const float *buf, size_t n);
/* Quitting: ramp what plays down to silence and write it (lock held;
 * unlocks meanwhile); 1 when a ramp was written. */
int player_output_ramp_out(il_player *p);
/* Check an idle sink; when it failed, close it and report the loss (lock
 * held; unlocks meanwhile). */
void player_output_check(il_player *p);

#endif

/* track.h: a loop ready for the player, shared by reference.
 *
 * A track holds the prepared loop (il_loop, as analysed: own rate and
 * channels) and its loop region [loop_start, loop_end) converted once to the
 * player's format (48 kHz stereo float). The region is resampled as a
 * periodic signal, so the converted loop wraps as seamlessly as the original
 * one. Tracks are reference-counted: the queue, the player and the engine
 * may hold the same one. */
#ifndef IL_AUDIO_TRACK_H
#define IL_AUDIO_TRACK_H

#include <stddef.h>

#include "audio/loop.h"
#include "util/error.h"

typedef struct il_track {
	il_loop *loop;  /* the prepared loop, owned */
	float *pcm;     /* the loop region at 48 kHz stereo, interleaved */
	size_t len;     /* frames in pcm (> 0) */
	int refs;       /* use il_track_ref / il_track_unref */
} il_track;

/* Convert loop's region and wrap it in a track with one reference; takes
 * ownership of loop (freed on failure too). 0, or -1 with err set. */
int il_track_new(il_loop *loop, il_track **out, il_err *err);
/* Add a reference; returns t. */
il_track *il_track_ref(il_track *t);
/* Drop a reference; the last one frees the track (NULL is fine). */
void il_track_unref(il_track *t);
/* Seconds of the loop region. */
double il_track_seconds(const il_track *t);

#endif

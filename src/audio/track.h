/* track.h: a loop ready for the player, shared by reference.
 *
 * A track holds the prepared loop (il_loop, as analysed: own rate and
 * channels) and its loop region [loop_start, loop_end) in the player's format
 * (48 kHz stereo float): the clip's own samples when it is in that format
 * already (no copy), else converted once, the region resampled as a periodic
 * signal, so the converted loop wraps as seamlessly as the original one.
 * The samples of the whole clip are not kept in memory: they wait in a
 * nameless temporary file (under $TMPDIR or /tmp) for the rare request that
 * needs them (il_track_clip); only when no such file can be made do they
 * stay in loop->frames (and a 48 kHz stereo region is then played in place).
 * The region itself is read through a shared mapping of a file: of that
 * same file when the clip is in the player's format (the clip is written
 * once and its region mapped, no copy), else of another such file holding
 * the converted region. Once the player stops reading a loop
 * (il_track_page_out), its pages leave the process's memory and come back
 * from the file only if it plays again (`prev`, a favourite, --play's
 * repeat), so the loops held for those cost no memory while the station
 * plays. Tracks are reference-counted: the queue, the player and the
 * engine may hold the same one. */
#ifndef IL_AUDIO_TRACK_H
#define IL_AUDIO_TRACK_H

#include <stddef.h>

#include "audio/loop.h"
#include "util/error.h"

typedef struct il_track {
	il_loop *loop;  /* the prepared loop, owned (frames NULL when in clip_fd) */
	float *pcm;     /* the loop region at 48 kHz stereo, interleaved (read only) */
	int own_pcm;    /* 1: pcm is a converted copy on the heap; 2: pcm is in map (0: in loop->frames) */
	void *map;      /* the shared mapping pcm lies in (own_pcm 2) */
	size_t map_len; /* its bytes */
	int clip_fd;    /* the whole clip's samples, or -1 when in loop->frames */
	size_t len;     /* frames in pcm (> 0) */
	int refs;       /* use il_track_ref / il_track_unref */
	int asked;      /* a listener asked for it (a file to play): queued ahead of the station's loops */
} il_track;

/* Convert loop's region and wrap it in a track with one reference; takes
 * ownership of loop (freed on failure too). 0, or -1 with err set. */
int il_track_new(il_loop *loop, il_track **out, il_err *err);
/* Add a reference; returns t. */
il_track *il_track_ref(il_track *t);
/* The player no longer reads t: its mapped samples leave memory until they
 * are read again (NULL and heap samples: nothing happens). */
void il_track_page_out(il_track *t);
/* Drop a reference; the last one frees the track (NULL is fine). */
void il_track_unref(il_track *t);
/* A copy of the track's loop with the samples of its whole clip (caller
 * frees with il_loop_free). 0, or -1 with err. */
int il_track_clip(const il_track *t, il_loop **out, il_err *err);
/* Seconds of the loop region. */
double il_track_seconds(const il_track *t);
/* Frames of one bar of the loop region when its bars are known (the
 * generator said them, or the analyser found a clear beat grid); 0 when
 * not known. */
size_t il_track_bar(const il_track *t);
/* The frame of the region (in pcm) where its first downbeat falls: 0 for
 * the composer's loops, the beat grid's downbeat for analysed ones, 0 when
 * the bars are not known. */
size_t il_track_downbeat(const il_track *t);
/* Frames from frame pos of the region to the next downbeat at or after it,
 * bars bar frames apart (il_track_bar: the loop's own bar lines; any other
 * bar, as from il_track_bar_guess, is counted from il_track_downbeat); 0
 * when bar is 0. */
size_t il_track_to_downbeat(const il_track *t, size_t pos, size_t bar);
/* Frames of one bar as well as it is known: il_track_bar, else four beats
 * of the loop's tempo (its beat count, else its bpm); 0 when the tempo is
 * unknown too. */
size_t il_track_bar_guess(const il_track *t);

#endif

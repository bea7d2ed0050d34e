/* loopinfo.h: what the `analysis` and `validate` requests report about a loop. */
#ifndef IL_AUDIO_LOOPINFO_H
#define IL_AUDIO_LOOPINFO_H

#include <stddef.h>

#include "audio/loop.h"
#include "util/sbuf.h"

/* Peak level (0-255, all channels) of each of n equal columns of the clip. */
void il_loopinfo_waveform(const il_loop *loop, unsigned char *points, size_t n);
/* The candidates as "start-end:score,..." into sb. */
void il_loopinfo_candidates(const il_loop *loop, il_sbuf *sb);
/* Check that a loop is playable: samples finite, not silent, loop points in
 * range, and the seam (last frame of the loop to its first) no rougher than
 * the music around it. Writes one sentence into msg; 0 when it is fine, -1
 * when something is wrong. */
int il_loopinfo_check(const il_loop *loop, char *msg, size_t n);

#endif

/* audiofile.h: reading audio files (anything libsndfile reads) into
 * interleaved float samples, and checking that they can be looped.
 *
 * Formats: WAV (PCM, float, extensible headers), FLAC, Ogg Vorbis, Opus and
 * the rest of libsndfile's list. Samples keep the file's own rate and
 * channel count; integer formats are scaled to [-1, 1). */
#ifndef IL_AUDIO_AUDIOFILE_H
#define IL_AUDIO_AUDIOFILE_H

#include <stddef.h>

#include "util/error.h"

#define AUDIOFILE_MAX_CHANNELS 64
#define AUDIOFILE_MIN_RATE 1000
#define AUDIOFILE_MAX_RATE 768000
#define AUDIOFILE_MAX_SAMPLES ((size_t)64 << 20) /* 256 MB of float */
#define AUDIOFILE_MIN_SECONDS 2.0
#define AUDIOFILE_MAX_SECONDS 900 /* longer files are refused before reading */
#define AUDIOFILE_MAX_VALUE 1000.0f /* |sample| beyond this is not audio (full scale is 1) */

typedef struct il_audiofile {
	float *samples;   /* interleaved, frames * channels */
	size_t frames;
	int rate, channels;
	char comment[1024]; /* the file's comment tag ("" when none) */
} il_audiofile;

/* Read the file at path. 0, or -1 with err naming the file and the reason. */
int audiofile_read(const char *path, il_audiofile *af, il_err *err);
/* Whether the file at path opens as audio (its header only); 0, or -1
 * with err as audiofile_read would say it. */
int audiofile_probe(const char *path, il_err *err);
/* Read an audio file held in memory (name is used in messages). */
int audiofile_read_memory(const void *data, size_t size, const char *name,
			  il_audiofile *af, il_err *err);
/* Check that the audio can be looped: at least 2 s, every sample finite and
 * within AUDIOFILE_MAX_VALUE, not silent and not a constant (DC) signal. 0, or -1 with err naming it. */
int audiofile_check(const il_audiofile *af, const char *name, il_err *err);
/* Free the samples and clear af (NULL is fine). */
void audiofile_free(il_audiofile *af);

#endif

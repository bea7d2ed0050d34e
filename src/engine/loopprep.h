/* loopprep.h: from an audio file to a prepared loop.
 *
 * Reads the file (anything libsndfile reads), validates it (readable, not
 * empty, at least 2 s, finite, not silent), finds the seamless loop with the
 * algorithm named in the settings ("advanced" or "classic") and normalizes
 * its loudness as the `loudness` setting says (see dsp/loudness.h: by
 * default the loop region as played to -16 LUFS under -1 dBTP; "peak" is
 * the whole clip's peak to 0.7; no fades). */
#ifndef IL_ENGINE_LOOPPREP_H
#define IL_ENGINE_LOOPPREP_H

#include "audio/loop.h"
#include "util/error.h"

typedef struct il_loopprep_opts {
	const char *algorithm; /* "advanced" (default when NULL) or "classic" */
	const char *loudness;  /* the `loudness` setting; NULL: -16 LUFS under -1 dBTP */
	double true_peak;      /* the `true_peak` setting (used with loudness) */
} il_loopprep_opts;

/* Prepare the loop of the file at path. On success *out is a new loop
 * (caller frees with il_loop_free) and 0 is returned; otherwise -1 with err
 * naming the file and the reason. */
int loopprep_file(const char *path, const il_loopprep_opts *opts, il_loop **out, il_err *err);
/* The same for a clip whose tempo its generator knows (bpm > 0): that tempo
 * is the analyser's prior and the loop's bpm, never doubled or halved. */
int loopprep_file_bpm(const char *path, const il_loopprep_opts *opts, double bpm, il_loop **out,
		      il_err *err);

/* The same for samples already in memory (interleaved float, frames frames
 * of channels at rate). Takes ownership of samples: they become the loop's
 * frames, or are freed on failure. name is used in messages and as source. */
int loopprep_samples(float *samples, size_t frames, int rate, int channels,
		     const char *name, const il_loopprep_opts *opts, il_loop **out, il_err *err);
/* The same for a clip in memory that carries its file's tags (the
 * composer's plan, see gen/synth.h), of a tempo its generator knows (bpm,
 * 0: unknown); takes ownership of samples as loopprep_samples does. */
int loopprep_tagged(float *samples, size_t frames, int rate, int channels, const char *tags,
		    const char *name, const il_loopprep_opts *opts, double bpm, il_loop **out, il_err *err);

#endif

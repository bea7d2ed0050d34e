/* fuzz_loopprep.c: fuzz target for the file -> prepared loop path: any
 * bytes are read as an audio file (libsndfile, from memory), validated,
 * analysed and normalized. Invariants: a readable, valid clip always gives
 * a loop inside the clip, at least max(2 s, clip/4) long unless it is the
 * whole clip, with finite samples within the limit; anything else gives a
 * one-sentence error naming the input. */
#include <math.h>
#include <string.h>

#include "audio/audiofile.h"
#include "dsp/normalize.h"
#include "engine/loopprep.h"
#include "../fuzz/fuzz.h"

/* Run one input through reading, validation, analysis and normalization. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	il_audiofile af;
	il_err err;
	err.msg[0] = '\0';
	if (audiofile_read_memory(data, size, "fuzz-input", &af, &err) != 0) {
		fuzz_assert(strncmp(err.msg, "fuzz-input: ", 12) == 0);
		fuzz_assert(strchr(err.msg, '\n') == NULL);
		return 0;
	}
	fuzz_assert(af.samples && af.frames > 0);
	fuzz_assert(af.channels >= 1 && af.channels <= AUDIOFILE_MAX_CHANNELS);
	fuzz_assert(af.rate >= AUDIOFILE_MIN_RATE && af.rate <= AUDIOFILE_MAX_RATE);
	size_t frames = af.frames;
	int ch = af.channels, rate = af.rate;
	il_loop *l = NULL;
	il_loopprep_opts o = { (size & 1) ? "classic" : "advanced", NULL, 0 };
	if (loopprep_samples(af.samples, af.frames, af.rate, af.channels, "fuzz-input", &o, &l,
			     &err) != 0) {
		fuzz_assert(l == NULL);
		fuzz_assert(strncmp(err.msg, "fuzz-input: ", 12) == 0);
		return 0;
	}
	fuzz_assert(l->nframes == frames && l->channels == ch && l->rate == rate);
	fuzz_assert(l->loop_start < l->loop_end && l->loop_end <= l->nframes);
	size_t len = l->loop_end - l->loop_start, lmin = (size_t)(2 * rate);
	if ((frames + 3) / 4 > lmin)
		lmin = (frames + 3) / 4;
	fuzz_assert(len >= lmin || (l->loop_start == 0 && l->loop_end == frames));
	fuzz_assert(l->score >= 0 && l->score <= 1);
	fuzz_assert(l->ncandidates >= 1 && l->ncandidates <= IL_LOOP_CANDIDATES);
	for (size_t i = 0; i < frames * (size_t)ch; i++)
		fuzz_assert(isfinite(l->frames[i]) && fabsf(l->frames[i]) <= (float)NORMALIZE_LIMIT);
	il_loop_free(l);
	return 0;
}

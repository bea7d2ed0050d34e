/* make_startup.c: renders the two startup loops with the built-in synth at
 * build time (nothing binary is kept in the sources), normalized to the
 * default loudness, which their tags say, so that the engine need not
 * measure them again when it starts (see loopprep.c):
 *   make-startup 1|2 OUT.wav */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/loudness.h"
#include "gen/synth.h"

/* Render startup loop 1 or 2 into the file named by argv[2]. */
int main(int argc, char **argv)
{
	static const char *const prompts[2] = {
		"lo-fi hip hop, 78 bpm, D minor, warm keys, soft drums",
		"solo piano, 72 bpm, C major, gentle and calm",
	};
	if (argc != 3 || (strcmp(argv[1], "1") && strcmp(argv[1], "2"))) {
		fprintf(stderr, "usage: make-startup 1|2 OUT.wav\n");
		return 2;
	}
	int which = argv[1][0] - '1';
	il_synth_params p = { prompts[which], 16.0, which ? 20240611u : 19870305u, NULL, NULL, 0, 0, 0 };
	float *buf;
	size_t n;
	il_err err;
	il_synth_plan plan;
	char tags[1024];
	il_loudness_opts lo = { LOUDNESS_R128, LOUDNESS_TARGET, LOUDNESS_CEILING };
	il_loudness_result lr;
	if (synth_render(&p, &buf, &n, &plan, &err) != 0 ||
	    loudness_normalize(buf, n, SYNTH_CHANNELS, SYNTH_RATE, plan.loop_start, plan.loop_end, &lo, &lr, &err) != 0) {
		fprintf(stderr, "make-startup: %s\n", err.msg);
		return 1;
	}
	if (plan.note[0]) /* (no soundfont or no FluidSynth: the oscillators played) */
		fprintf(stderr, "make-startup: note: %s\n", plan.note);
	synth_plan_tags(&plan, tags, sizeof tags);
	size_t len = strlen(tags);
	snprintf(tags + len, sizeof tags - len, "; loudness=%.2f %.2f %.2f", lr.after.integrated, lr.after.range,
		 lr.after.true_peak);
	if (synth_write_wav(argv[2], buf, n, SYNTH_RATE, SYNTH_CHANNELS, 1, tags, &err) != 0) {
		fprintf(stderr, "make-startup: %s\n", err.msg);
		return 1;
	}
	free(buf);
	return 0;
}

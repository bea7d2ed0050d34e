/* bench_synth.c: how much faster than real time the built-in synth renders
 * (every style, 30 s clips). Prints figures; never fails on timing. */
#include <stdio.h>
#include <stdlib.h>

#include "gen/prompt.h"
#include "gen/synth.h"
#include "util/timeutil.h"

/* Render every style a few times and print the speed. */
int main(void)
{
	static const char *const prompts[GEN_STYLE_COUNT] = {
		"lo-fi hip hop", "ambient", "deep house", "techno", "jazz trio", "solo piano",
		"chiptune", "cinematic orchestral", "synthwave", "drum and bass", "bossa nova", "chill trap",
		"dub reggae", "funk", "rock", "upbeat pop", "celtic folk", "string quartet", "waltz", "blues",
		"latin salsa"
	};
	const double secs = 30.0;
	const int runs = 3;
	double total_audio = 0, total_wall = 0;
	for (int s = 0; s < GEN_STYLE_COUNT; s++) {
		double wall = 0;
		for (int k = 0; k < runs; k++) {
			il_synth_params p = { prompts[s], secs, (uint64_t)(k + 1) * 7919u, NULL, NULL, 0, 0 };
			float *out;
			size_t n;
			il_err err;
			double t0 = time_mono();
			if (synth_render(&p, &out, &n, NULL, &err) != 0) {
				fprintf(stderr, "bench_synth: %s\n", err.msg);
				return 1;
			}
			wall += time_mono() - t0;
			free(out);
		}
		printf("synth %-16s %5.1f s of audio in %6.3f s: %6.1fx real time\n",
		       gen_prompt_style_name(s), secs * runs, wall, secs * runs / wall);
		total_audio += secs * runs;
		total_wall += wall;
	}
	printf("synth all styles: %.1fx real time (%.0f s of %d Hz stereo audio in %.2f s)\n",
	       total_audio / total_wall, total_audio, SYNTH_RATE, total_wall);
	return 0;
}

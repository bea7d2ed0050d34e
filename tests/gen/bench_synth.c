/* bench_synth.c: how much faster than real time the built-in synth renders
 * (every style, 30 s clips), in processor time of this process and of its
 * render children (FluidSynth), so that a busy machine does not change the
 * figure much; wall time is shown too. Prints figures; never fails on
 * timing. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "gen/prompt.h"
#include "gen/synth.h"
#include "util/timeutil.h"

/* Processor seconds used so far by this process and its reaped children. */
static double bench_cpu(void)
{
	struct rusage a, b;
	getrusage(RUSAGE_SELF, &a);
	getrusage(RUSAGE_CHILDREN, &b);
	return a.ru_utime.tv_sec + a.ru_stime.tv_sec + b.ru_utime.tv_sec + b.ru_stime.tv_sec +
	       (a.ru_utime.tv_usec + a.ru_stime.tv_usec + b.ru_utime.tv_usec + b.ru_stime.tv_usec) / 1e6;
}

/* Render every style a few times and print the speed. */
int main(void)
{
	static const char *const prompts[GEN_STYLE_COUNT] = {
		"lo-fi hip hop", "ambient", "deep house", "techno", "jazz trio", "solo piano",
		"chiptune", "cinematic orchestral", "synthwave", "drum and bass", "bossa nova", "chill trap",
		"dub reggae", "funk", "rock", "upbeat pop", "celtic folk", "string quartet", "waltz", "blues",
		"latin salsa", "heavy metal"
	};
	const double secs = 30.0;
	const int runs = 3;
	double total_audio = 0, total_wall = 0, total_cpu = 0, slowest = 0;
	int slow_style = 0;
	for (int s = 0; s < GEN_STYLE_COUNT; s++) {
		double wall = 0, cpu = 0;
		for (int k = 0; k < runs; k++) {
			il_synth_params p = { prompts[s], secs, (uint64_t)(k + 1) * 7919u, NULL, NULL, 0, 0, 0 };
			float *out;
			size_t n;
			il_err err;
			double t0 = time_mono(), c0 = bench_cpu();
			if (synth_render(&p, &out, &n, NULL, &err) != 0) {
				fprintf(stderr, "bench_synth: %s\n", err.msg);
				return 1;
			}
			wall += time_mono() - t0;
			cpu += bench_cpu() - c0;
			free(out);
		}
		printf("synth %-16s %5.1f s of audio in %6.3f s of processor (%6.3f s wall): %6.1fx real time\n",
		       gen_prompt_style_name(s), secs * runs, cpu, wall, secs * runs / cpu);
		total_audio += secs * runs;
		total_wall += wall;
		total_cpu += cpu;
		if (cpu > slowest) {
			slowest = cpu;
			slow_style = s;
		}
	}
	printf("synth all styles: %.1fx real time (%.0f s of %d Hz stereo audio in %.2f s of processor, %.2f s wall);"
	       " slowest %s: %.1fx\n", total_audio / total_cpu, total_audio, SYNTH_RATE, total_cpu, total_wall,
	       gen_prompt_style_name(slow_style), secs * runs / slowest);
	return 0;
}

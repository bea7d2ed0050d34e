/* mkwav.c: write a test clip: mkwav OUT.wav SECONDS RATE CHANNELS KIND
 * KIND "chord": two sines with a slow tremolo (periodic over each second);
 * "noise": a seeded pseudo-random signal with a beat-like envelope;
 * "tone": one low sine (100 Hz) starting at its peak. */
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Program entry point. */
int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: mkwav OUT.wav SECONDS RATE CHANNELS chord|noise|tone\n");
		return 2;
	}
	double secs = atof(argv[2]);
	int rate = atoi(argv[3]), ch = atoi(argv[4]);
	int noise = !strcmp(argv[5], "noise"), tone = !strcmp(argv[5], "tone");
	long n = lround(secs * rate);
	float *x = malloc((size_t)n * (size_t)ch * sizeof *x);
	if (!x || rate < 8000 || ch < 1 || n < 1)
		return 1;
	unsigned long s = 12345;
	for (long i = 0; i < n; i++) {
		double t = (double)i / rate;
		for (int c = 0; c < ch; c++) {
			double v;
			if (tone) {
				v = 0.5 * cos(2 * M_PI * 100 * t);
			} else if (noise) {
				s = s * 6364136223846793005UL + 1442695040888963407UL;
				double r = (double)(s >> 11) / 9007199254740992.0 * 2 - 1;
				double env = exp(-6.0 * fmod(t, 0.5));
				v = 0.4 * r * env + 0.2 * sin(2 * M_PI * 110 * t);
			} else {
				double trem = 0.6 + 0.4 * sin(2 * M_PI * 2 * t);
				v = trem * (0.3 * sin(2 * M_PI * 220 * t + c) + 0.2 * sin(2 * M_PI * 330 * t));
			}
			x[i * ch + c] = (float)v;
		}
	}
	SF_INFO info = { 0 };
	info.samplerate = rate;
	info.channels = ch;
	info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	SNDFILE *sf = sf_open(argv[1], SFM_WRITE, &info);
	if (!sf || sf_writef_float(sf, x, n) != n) {
		fprintf(stderr, "mkwav: cannot write %s\n", argv[1]);
		return 1;
	}
	sf_close(sf);
	free(x);
	return 0;
}

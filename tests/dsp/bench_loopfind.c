/* bench_loopfind.c: loop analysis of a 30 s 32 kHz clip against one plain
 * FFTW STFT of the same clip (n 2048, hop 256), measured in the same run on
 * one thread. Prints figures; never fails on timing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/fft.h"
#include "dsp/loopfind.h"
#include "testsig.h"
#include "util/timeutil.h"

#define BENCH_RATE 32000
#define BENCH_SECONDS 30
#define BENCH_RUNS 7

/* One plain STFT: Hann window, r2c per frame into a complex matrix. */
static void bench_stft(const float *x, size_t n, const float *win, float *buf,
		       fftwf_complex *out, fftwf_plan plan)
{
	/* Rows padded to 1028 complex values: every row keeps the SIMD
	 * alignment the plan was made with. */
	const size_t N = 2048, hop = 256, nb = 1028;
	for (size_t f = 0; f * hop + N <= n; f++) {
		for (size_t i = 0; i < N; i++)
			buf[i] = x[f * hop + i] * win[i];
		fftwf_execute_dft_r2c(plan, buf, out + f * nb);
	}
}

/* Compare doubles for qsort. */
static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Time both on the same clip and print the medians and their ratio. */
int main(void)
{
	size_t n = (size_t)BENCH_RATE * BENCH_SECONDS, nf = (n - 2048) / 256 + 1;
	float *x = testsig_music(BENCH_RATE, n, 123.0, 1);
	float *win = malloc(sizeof(float) * 2048), *buf = fft_alloc_real(2048);
	fftwf_complex *out = fft_alloc_complex(nf * 1028);
	fftwf_plan plan = fft_plan_r2c(2048);
	if (!x || !win || !buf || !out || !plan) {
		fprintf(stderr, "bench_loopfind: out of memory\n");
		return 1;
	}
	for (int i = 0; i < 2048; i++)
		win[i] = 0.5f - 0.5f * cosf(2.0f * 3.14159265f * (float)i / 2047.0f);
	double ts[BENCH_RUNS], ta[BENCH_RUNS];
	il_loopfind_result r;
	il_err err;
	/* Warm-up: plans and caches, outside the timing. */
	bench_stft(x, n, win, buf, out, plan);
	if (loopfind_run(x, n, 1, BENCH_RATE, LOOPFIND_ADVANCED, &r, &err) != 0) {
		fprintf(stderr, "bench_loopfind: %s\n", err.msg);
		return 1;
	}
	for (int k = 0; k < BENCH_RUNS; k++) {
		double t0 = time_mono();
		bench_stft(x, n, win, buf, out, plan);
		double t1 = time_mono();
		loopfind_run(x, n, 1, BENCH_RATE, LOOPFIND_ADVANCED, &r, &err);
		double t2 = time_mono();
		ts[k] = (t1 - t0) * 1000.0;
		ta[k] = (t2 - t1) * 1000.0;
	}
	qsort(ts, BENCH_RUNS, sizeof ts[0], bench_cmp);
	qsort(ta, BENCH_RUNS, sizeof ta[0], bench_cmp);
	double s = ts[BENCH_RUNS / 2], a = ta[BENCH_RUNS / 2];
	printf("loop analysis, %d s at %d Hz, one thread, median of %d runs\n", BENCH_SECONDS,
	       BENCH_RATE, BENCH_RUNS);
	printf("  plain FFTW STFT (n 2048, hop 256): %8.2f ms\n", s);
	printf("  loop analysis (advanced):          %8.2f ms\n", a);
	printf("  ratio analysis / STFT:             %8.2f (goal <= 4)\n", s > 0 ? a / s : 0.0);
	printf("  loop found: %zu-%zu (%.3f s), %.1f bpm, %s, score %.3f\n", r.start, r.end,
	       (double)(r.end - r.start) / BENCH_RATE, r.bpm, r.method, r.score);
	/* A clip with no good loop takes the longest path (beat-grid fallback). */
	float *noise = testsig_noise(n, 0.3f, 2);
	if (!noise)
		return 1;
	for (int k = 0; k < BENCH_RUNS; k++) {
		double t0 = time_mono();
		loopfind_run(noise, n, 1, BENCH_RATE, LOOPFIND_ADVANCED, &r, &err);
		ta[k] = (time_mono() - t0) * 1000.0;
	}
	qsort(ta, BENCH_RUNS, sizeof ta[0], bench_cmp);
	printf("  white noise (no good loop, fallback): %6.2f ms, ratio %.2f, %s, score %.3f\n",
	       ta[BENCH_RUNS / 2], s > 0 ? ta[BENCH_RUNS / 2] / s : 0.0, r.method, r.score);
	free(noise);
	free(x);
	free(win);
	fft_free(buf);
	fft_free(out);
	return 0;
}

/* r128check.c: an independent loudness meter for the tests (not
 * libebur128): ITU-R BS.1770-4 integrated loudness (the 48 kHz
 * K-weighting coefficients of the standard, 400 ms blocks every 100 ms,
 * the -70 LUFS absolute and -10 LU relative gates) and the true peak (8x
 * oversampling through a Kaiser-windowed sinc of 64 taps per phase).
 *
 *   r128check FILE.wav SKIP TARGET TOL CEILING
 *       FILE.wav: 48 kHz stereo (as the file sink writes it); the first
 *       SKIP seconds are left out. Prints the integrated loudness and true
 *       peak; exit 0 when the loudness is within TOL LU of TARGET and the
 *       true peak at or under CEILING dBTP, 1 otherwise. */
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>

#define OS 8        /* oversampling of the true peak */
#define TAPS 64     /* taps per phase */

/* One biquad of the K-weighting, run in place over n samples (stride 2). */
static void biquad(double *y, long n, const double b[3], const double a[3])
{
	double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
	for (long i = 0; i < n; i++) {
		double x0 = y[i];
		double v = b[0] * x0 + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2;
		x2 = x1, x1 = x0, y2 = y1, y1 = v;
		y[i] = v;
	}
}

/* Bessel I0, for the Kaiser window. */
static double bessel_i0(double x)
{
	double s = 1, t = 1;
	for (int k = 1; k < 30; k++) {
		t *= (x / (2 * k)) * (x / (2 * k));
		s += t;
	}
	return s;
}

/* The largest absolute value of x (n samples) oversampled OS times. */
static double true_peak(const float *x, long n, int stride)
{
	static double h[OS][TAPS];
	double beta = 8.0;
	for (int p = 0; p < OS; p++)
		for (int k = 0; k < TAPS; k++) {
			double t = (k - TAPS / 2 + 1) - (double)p / OS; /* distance in input samples */
			double s = fabs(t) < 1e-12 ? 1.0 : sin(M_PI * t) / (M_PI * t);
			double r = t / (TAPS / 2.0);
			double w = fabs(r) >= 1 ? 0 : bessel_i0(beta * sqrt(1 - r * r)) / bessel_i0(beta);
			h[p][k] = s * w;
		}
	double peak = 0;
	for (long i = TAPS; i + TAPS < n; i++)
		for (int p = 0; p < OS; p++) {
			double acc = 0;
			for (int k = 0; k < TAPS; k++)
				acc += h[p][k] * x[(i + k - TAPS / 2 + 1) * stride];
			if (fabs(acc) > peak)
				peak = fabs(acc);
		}
	return peak;
}

/* Program entry point. */
int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: r128check FILE.wav SKIP TARGET TOL CEILING\n");
		return 2;
	}
	SF_INFO info = { 0 };
	SNDFILE *sf = sf_open(argv[1], SFM_READ, &info);
	if (!sf || info.samplerate != 48000 || info.channels != 2) {
		fprintf(stderr, "r128check: %s is not a 48 kHz stereo file\n", argv[1]);
		return 2;
	}
	long skip = lround(atof(argv[2]) * 48000);
	long n = (long)info.frames - skip;
	float *x = malloc((size_t)info.frames * 2 * sizeof *x);
	double *k[2] = { malloc((size_t)(n > 0 ? n : 1) * sizeof(double)),
			 malloc((size_t)(n > 0 ? n : 1) * sizeof(double)) };
	if (n < 48000 || !x || !k[0] || !k[1] || sf_readf_float(sf, x, info.frames) != info.frames) {
		fprintf(stderr, "r128check: cannot read %s (or it is too short)\n", argv[1]);
		return 2;
	}
	sf_close(sf);
	const float *s = x + 2 * skip;
	/* K-weighting (BS.1770-4, table 1 and 2, at 48 kHz). */
	static const double b1[3] = { 1.53512485958697, -2.69169618940638, 1.19839281085285 };
	static const double a1[3] = { 1.0, -1.69065929318241, 0.73248077421585 };
	static const double b2[3] = { 1.0, -2.0, 1.0 };
	static const double a2[3] = { 1.0, -1.99004745483398, 0.99007225036621 };
	for (int c = 0; c < 2; c++) {
		for (long i = 0; i < n; i++)
			k[c][i] = s[2 * i + c];
		biquad(k[c], n, b1, a1);
		biquad(k[c], n, b2, a2);
	}
	/* Gating blocks: 400 ms, 75 % overlap. */
	long blk = 19200, hop = 4800, nb = (n - blk) / hop + 1;
	double *z = malloc((size_t)nb * sizeof *z);
	for (long j = 0; j < nb; j++) {
		double sum = 0;
		for (int c = 0; c < 2; c++)
			for (long i = j * hop; i < j * hop + blk; i++)
				sum += k[c][i] * k[c][i];
		z[j] = sum / blk;
	}
	double acc = 0;
	long cnt = 0;
	for (long j = 0; j < nb; j++)
		if (-0.691 + 10 * log10(z[j]) > -70)
			acc += z[j], cnt++;
	double integrated = -HUGE_VAL;
	if (cnt > 0) {
		double rel = -0.691 + 10 * log10(acc / cnt) - 10;
		acc = 0, cnt = 0;
		for (long j = 0; j < nb; j++) {
			double l = -0.691 + 10 * log10(z[j]);
			if (l > -70 && l > rel)
				acc += z[j], cnt++;
		}
		if (cnt > 0)
			integrated = -0.691 + 10 * log10(acc / cnt);
	}
	double tp = fmax(true_peak(s, n, 2), true_peak(s + 1, n, 2));
	double tpdb = tp > 0 ? 20 * log10(tp) : -HUGE_VAL;
	double target = atof(argv[3]), tol = atof(argv[4]), ceiling = atof(argv[5]);
	printf("%s: integrated %.2f LUFS (target %.1f), true peak %.2f dBTP (ceiling %.1f)\n", argv[1],
	       integrated, target, tpdb, ceiling);
	free(x), free(k[0]), free(k[1]), free(z);
	return fabs(integrated - target) <= tol && tpdb <= ceiling ? 0 : 1;
}

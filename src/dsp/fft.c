/* fft.c: a process-wide cache of FFTW3f plans, made under a lock. */
#include "dsp/fft.h"

#include <pthread.h>

#define FFT_CACHE_MAX 256 /* more than the sizes fft_good_size can give */

typedef struct fft_entry {
	int n, inverse;
	fftwf_plan plan;
} fft_entry;

static pthread_mutex_t fft_lock = PTHREAD_MUTEX_INITIALIZER;
static fft_entry fft_cache[FFT_CACHE_MAX];
static int fft_ncache;
static int fft_nmade; /* plans made since the wisdom was imported or exported */

/* Find or make the plan of size n in the given direction. */
static fftwf_plan fft_plan_get(int n, int inverse)
{
	if (n < 2)
		return NULL;
	fftwf_plan p = NULL;
	pthread_mutex_lock(&fft_lock);
	for (int i = 0; i < fft_ncache; i++)
		if (fft_cache[i].n == n && fft_cache[i].inverse == inverse) {
			p = fft_cache[i].plan;
			break;
		}
	if (!p && fft_ncache < FFT_CACHE_MAX) {
		float *r = fftwf_malloc(sizeof(float) * (size_t)n);
		fftwf_complex *c = fftwf_malloc(sizeof(fftwf_complex) * (size_t)(n / 2 + 1));
		if (r && c) {
			p = inverse ? fftwf_plan_dft_c2r_1d(n, c, r, FFTW_ESTIMATE)
				    : fftwf_plan_dft_r2c_1d(n, r, c, FFTW_ESTIMATE);
			if (p) {
				fft_cache[fft_ncache++] = (fft_entry){ n, inverse, p };
				fft_nmade++;
			}
		}
		fftwf_free(r);
		fftwf_free(c);
	}
	pthread_mutex_unlock(&fft_lock);
	return p;
}

/* Add FFTW wisdom (text from fft_wisdom_export); 0, or -1 when FFTW
 * refuses it (another FFTW build wrote it, or it is damaged). */
int fft_wisdom_import(const char *text)
{
	pthread_mutex_lock(&fft_lock);
	int ok = fftwf_import_wisdom_from_string(text);
	fft_nmade = 0;
	pthread_mutex_unlock(&fft_lock);
	return ok ? 0 : -1;
}

/* The wisdom of the plans made so far (free with free()), or NULL when no
 * plan was made since the last import or export. */
char *fft_wisdom_export(void)
{
	char *s = NULL;
	pthread_mutex_lock(&fft_lock);
	if (fft_nmade > 0)
		s = fftwf_export_wisdom_to_string();
	fft_nmade = 0;
	pthread_mutex_unlock(&fft_lock);
	return s;
}

/* The real-to-complex plan of size n, or NULL. */
fftwf_plan fft_plan_r2c(int n)
{
	return fft_plan_get(n, 0);
}

/* The complex-to-real plan of size n (unnormalized inverse), or NULL. */
fftwf_plan fft_plan_c2r(int n)
{
	return fft_plan_get(n, 1);
}

/* SIMD-aligned memory for n floats (free with fft_free), or NULL. */
float *fft_alloc_real(size_t n)
{
	return fftwf_malloc(sizeof(float) * (n ? n : 1));
}

/* SIMD-aligned memory for n complex values (free with fft_free), or NULL. */
fftwf_complex *fft_alloc_complex(size_t n)
{
	return fftwf_malloc(sizeof(fftwf_complex) * (n ? n : 1));
}

/* Free memory from fft_alloc_* (NULL is fine). */
void fft_free(void *p)
{
	if (p)
		fftwf_free(p);
}

/* The smallest size >= n of the form 2^a or 3*2^a (a >= 1). Two sizes an
 * octave keep the plan cache small for any mix of clip lengths and rates:
 * at most about 62 sizes per direction up to 2^31, so it never fills. */
int fft_good_size(int n)
{
	if (n <= 2)
		return 2;
	long p = 2;
	while (p < n && p * 3 / 2 < n)
		p *= 2;
	return (int)(p >= n ? p : p * 3 / 2);
}

/* fft.h: FFTW3f plans, made once per size and reused by every caller.
 *
 * FFTW's planner is not thread-safe; its execute functions are. Every part
 * of the program that needs a real FFT takes its plan from here: plans are
 * made under one lock (FFTW_ESTIMATE, buffers from fft_alloc) and kept for
 * the life of the process; fftwf_execute_dft_r2c / _c2r then run them on
 * any fft_alloc'ed arrays of the plan's size, from any thread. What the
 * planner learnt can be exported as text and imported by the next process
 * (FFTW "wisdom"), so that it does not plan the same sizes again. */
#ifndef IL_DSP_FFT_H
#define IL_DSP_FFT_H

#include <stddef.h>
#include <fftw3.h>

/* The real-to-complex plan of size n (n real in, n/2+1 complex out), or
 * NULL when FFTW cannot make one. */
fftwf_plan fft_plan_r2c(int n);
/* The complex-to-real plan of size n (unnormalized inverse), or NULL. */
fftwf_plan fft_plan_c2r(int n);
/* Add FFTW wisdom (text from fft_wisdom_export); 0, or -1 when FFTW
 * refuses it (another FFTW build wrote it, or it is damaged). */
int fft_wisdom_import(const char *text);
/* The wisdom of the plans made so far (free with free()), or NULL when no
 * plan was made since the last import or export. */
char *fft_wisdom_export(void);
/* SIMD-aligned memory for n floats (free with fft_free), or NULL. */
float *fft_alloc_real(size_t n);
/* SIMD-aligned memory for n complex values (free with fft_free), or NULL. */
fftwf_complex *fft_alloc_complex(size_t n);
/* Free memory from fft_alloc_* (NULL is fine). */
void fft_free(void *p);
/* The smallest size >= n of the form 2^a or 3*2^a: fast for FFTW, and few
 * enough that every plan can stay cached. */
int fft_good_size(int n);

#endif

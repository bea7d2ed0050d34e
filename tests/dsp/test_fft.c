/* test_fft.c: the FFT plan cache serves every size the program can ask for. */
#include <check.h>
#include <stdlib.h>

#include "../testutil.h"
#include "dsp/fft.h"

START_TEST(test_good_size_bounds)
{
	for (int n = 1; n < (1 << 22); n += 1 + n / 1000) {
		int g = fft_good_size(n);
		ck_assert_int_ge(g, n);
		ck_assert_int_lt(g, 2 * n + 2);
	}
	ck_assert_int_eq(fft_good_size(2048), 2048);
	ck_assert_int_eq(fft_good_size(2049), 3072);
	ck_assert_int_eq(fft_good_size(3073), 4096);
}
END_TEST

START_TEST(test_cache_never_runs_dry)
{
	/* Every size from 2 to 2^22 in both directions: the plans all exist,
	 * and asking again gives the cached one. */
	int asked = 0;
	for (int n = 2; n <= (1 << 22); n = fft_good_size(n + 1)) {
		fftwf_plan f = fft_plan_r2c(n), i = fft_plan_c2r(n);
		ck_assert_msg(f && i, "no plan of size %d after %d sizes", n, asked);
		ck_assert_ptr_eq(fft_plan_r2c(n), f);
		asked++;
	}
	ck_assert_int_gt(asked, 40);
}
END_TEST

START_TEST(test_plan_transforms)
{
	/* A cached plan run on fresh arrays: the DC bin of ones is n. */
	int n = fft_good_size(1000);
	float *x = fft_alloc_real((size_t)n);
	fftwf_complex *y = fft_alloc_complex((size_t)n / 2 + 1);
	for (int k = 0; k < n; k++)
		x[k] = 1.0f;
	fftwf_execute_dft_r2c(fft_plan_r2c(n), x, y);
	ck_assert_float_eq_tol(y[0][0], (float)n, 1e-2f);
	ck_assert_float_eq_tol(y[1][0], 0.0f, 1e-2f);
	fft_free(x);
	fft_free(y);
}
END_TEST

/* The suite. */
static Suite *fft_suite(void)
{
	Suite *s = suite_create("fft");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_good_size_bounds);
	tcase_add_test(tc, test_cache_never_runs_dry);
	tcase_add_test(tc, test_plan_transforms);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 0 when every test passed. */
int main(void)
{
	return testutil_run(fft_suite());
}

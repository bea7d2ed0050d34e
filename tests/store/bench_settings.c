/* bench_settings.c: how long loading a settings file takes: the file a
 * first run writes, the largest one the loader parses (4096 names), and
 * the hostile ones it refuses before parsing (a 4 MB string, 50000 keys).
 * Prints seconds; never fails on timing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/paths.h"
#include "store/settings.h"

/* Monotonic seconds. */
static double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Load path once and print the time with a label. */
static void bench_load(const char *label, const char *path)
{
	il_settings s;
	il_sbuf notes = SBUF_INIT;
	il_err err;
	double t0 = bench_now();
	int rc = settings_load(&s, path, &notes, &err);
	double dt = bench_now() - t0;
	printf("settings load, %-34s %8.4f s%s\n", label, dt,
	       rc != 0 ? " (error)" : s.file_broken ? " (refused)" : "");
	settings_free(&s);
	sbuf_free(&notes);
}

/* Write a file of n lines "kN = 1;" (after an optional head). */
static void bench_keys(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	if (!f)
		exit(1);
	for (int k = 0; k < n; k++)
		fprintf(f, "k%d = 1;\n", k);
	fclose(f);
}

/* Run the loads in a private folder. */
int main(void)
{
	char dir[64] = "/tmp/il-bench-settings.XXXXXX", path[128];
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/config", dir);
	bench_load("first run (file created)", path);
	bench_load("the file a first run writes", path);
	bench_keys(path, 4000);
	bench_load("4000 unknown keys", path);
	bench_keys(path, 50000);
	bench_load("50000 unknown keys", path);
	FILE *f = fopen(path, "w");
	if (!f)
		return 1;
	fputs("last_prompt = \"", f);
	for (int k = 0; k < (4 << 20) - 32; k++)
		fputc('a', f);
	fputs("\";\n", f);
	fclose(f);
	bench_load("one string of 4 MB", path);
	paths_remove_tree(dir);
	return 0;
}

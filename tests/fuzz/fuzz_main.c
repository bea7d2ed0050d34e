/* fuzz_main.c: replay driver for fuzz targets built without libFuzzer.
 *
 * usage: fuzz_X [-runs=N] [-seed=S] [-max_len=B] PATH...
 * Every file named (or found in a named folder) is run once, then N inputs
 * made by deterministic mutations of them (byte flips, inserts, deletes,
 * splices, interesting bytes). Prints "N passed, 0 failed" at the end; a
 * broken invariant aborts. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

typedef struct fuzz_input {
	uint8_t *data;
	size_t size;
} fuzz_input;

static fuzz_input *fuzz_inputs;
static size_t fuzz_ninputs;

/* xorshift64*: the driver's deterministic random numbers. */
static uint64_t fuzz_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Read one file into the input list. */
static void fuzz_load_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fuzz: cannot read %s\n", path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *d = malloc(n > 0 ? (size_t)n : 1);
	size_t got = n > 0 ? fread(d, 1, (size_t)n, f) : 0;
	fclose(f);
	fuzz_inputs = realloc(fuzz_inputs, (fuzz_ninputs + 1) * sizeof *fuzz_inputs);
	fuzz_inputs[fuzz_ninputs++] = (fuzz_input){ d, got };
}

/* Read a file, or every regular file of a folder (sorted order not needed). */
static void fuzz_load(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "fuzz: no such file or folder: %s\n", path);
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		fuzz_load_file(path);
		return;
	}
	DIR *d = opendir(path);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", path, e->d_name);
		fuzz_load_file(p);
	}
	if (d)
		closedir(d);
}

/* Make one mutated input from the corpus into buf; returns its size. */
static size_t fuzz_mutate(uint64_t *s, uint8_t *buf, size_t max)
{
	static const uint8_t interesting[] = { 0, 1, '\n', '\r', '"', '\\', '=', ' ', '\t',
					       '#', ';', '{', '}', '(', ')', 0x7f, 0x80, 0xff };
	const fuzz_input *in = &fuzz_inputs[fuzz_rand(s) % fuzz_ninputs];
	size_t n = in->size < max ? in->size : max;
	memcpy(buf, in->data, n);
	int steps = 1 + (int)(fuzz_rand(s) % 8);
	for (int k = 0; k < steps; k++) {
		size_t pos = n ? fuzz_rand(s) % n : 0;
		switch (fuzz_rand(s) % 6) {
		case 0: /* flip a bit */
			if (n)
				buf[pos] ^= (uint8_t)(1u << (fuzz_rand(s) % 8));
			break;
		case 1: /* interesting byte */
			if (n)
				buf[pos] = interesting[fuzz_rand(s) % sizeof interesting];
			break;
		case 2: /* insert a byte */
			if (n < max) {
				memmove(buf + pos + 1, buf + pos, n - pos);
				buf[pos] = (uint8_t)fuzz_rand(s);
				n++;
			}
			break;
		case 3: /* delete a run */
			if (n) {
				size_t len = 1 + fuzz_rand(s) % 16;
				if (len > n - pos)
					len = n - pos;
				memmove(buf + pos, buf + pos + len, n - pos - len);
				n -= len;
			}
			break;
		case 4: { /* splice a run of another input */
			const fuzz_input *o = &fuzz_inputs[fuzz_rand(s) % fuzz_ninputs];
			if (o->size && n < max) {
				size_t from = fuzz_rand(s) % o->size;
				size_t len = 1 + fuzz_rand(s) % 64;
				if (len > o->size - from)
					len = o->size - from;
				if (len > max - n)
					len = max - n;
				memmove(buf + pos + len, buf + pos, n - pos);
				memcpy(buf + pos, o->data + from, len);
				n += len;
			}
			break;
		}
		default: /* duplicate a run (repetition finds length bugs) */
			if (n && n < max) {
				size_t len = 1 + fuzz_rand(s) % 32;
				if (len > n - pos)
					len = n - pos;
				if (len > max - n)
					len = max - n;
				memmove(buf + pos + len, buf + pos, n - pos);
				n += len;
			}
		}
	}
	return n;
}

/* Replay the corpus, then the mutations. */
int main(int argc, char **argv)
{
	long runs = 2000, max_len = 65536;
	uint64_t seed = 0x1f2e3d4c5b6a7988ULL;
	for (int k = 1; k < argc; k++) {
		if (strncmp(argv[k], "-runs=", 6) == 0)
			runs = strtol(argv[k] + 6, NULL, 10);
		else if (strncmp(argv[k], "-seed=", 6) == 0)
			seed = strtoull(argv[k] + 6, NULL, 10) | 1;
		else if (strncmp(argv[k], "-max_len=", 9) == 0)
			max_len = strtol(argv[k] + 9, NULL, 10);
		else
			fuzz_load(argv[k]);
	}
	if (fuzz_ninputs == 0) {
		fprintf(stderr, "usage: %s [-runs=N] [-seed=S] [-max_len=B] CORPUS...\n", argv[0]);
		return 2;
	}
	for (size_t k = 0; k < fuzz_ninputs; k++)
		LLVMFuzzerTestOneInput(fuzz_inputs[k].data, fuzz_inputs[k].size);
	uint8_t *buf = malloc((size_t)max_len);
	for (long r = 0; r < runs; r++) {
		size_t n = fuzz_mutate(&seed, buf, (size_t)max_len);
		uint8_t *exact = malloc(n ? n : 1); /* exact size: ASan sees overreads */
		memcpy(exact, buf, n);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	printf("%zu passed, 0 failed\n", fuzz_ninputs + (size_t)runs);
	free(buf);
	for (size_t k = 0; k < fuzz_ninputs; k++)
		free(fuzz_inputs[k].data);
	free(fuzz_inputs);
	return 0;
}

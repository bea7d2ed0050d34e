/* mksignal.c: write a test clip for the shell tests.
 *
 * usage: mksignal KIND OUT.wav
 * KIND: periodic (12 s, 1 s intro, then 2.5 s + 7 frames repeated), music,
 * silence, dc, nan, short (0.5 s), stereo. 32 kHz float WAV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sndfile.h>

#include "testsig.h"

#define MK_RATE 32000

/* Write the clip named by argv[1] to argv[2]. */
int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mksignal KIND OUT.wav\n");
		return 2;
	}
	const char *kind = argv[1];
	size_t n = (size_t)MK_RATE * 12;
	int ch = 1;
	float *x = NULL;
	if (strcmp(kind, "periodic") == 0) {
		x = testsig_periodic(MK_RATE, n, 80007, MK_RATE, 5);
	} else if (strcmp(kind, "music") == 0) {
		x = testsig_music(MK_RATE, n, 110, 9);
	} else if (strcmp(kind, "silence") == 0) {
		x = calloc(n, sizeof(float));
	} else if (strcmp(kind, "dc") == 0) {
		x = malloc(sizeof(float) * n);
		for (size_t i = 0; x && i < n; i++)
			x[i] = 0.3f;
	} else if (strcmp(kind, "nan") == 0) {
		x = testsig_music(MK_RATE, n, 110, 9);
		if (x)
			x[n / 2] = NAN;
	} else if (strcmp(kind, "short") == 0) {
		n = MK_RATE / 2;
		x = testsig_music(MK_RATE, n, 110, 9);
	} else if (strcmp(kind, "stereo") == 0) {
		float *m[2] = { testsig_periodic(MK_RATE, n, 80007, MK_RATE, 5),
				testsig_periodic(MK_RATE, n, 80007, MK_RATE, 6) };
		if (m[0] && m[1])
			x = testsig_interleave(m, 2, n);
		free(m[0]);
		free(m[1]);
		ch = 2;
	} else {
		fprintf(stderr, "mksignal: unknown kind '%s'\n", kind);
		return 2;
	}
	if (!x || testsig_write(argv[2], x, n, ch, MK_RATE, SF_FORMAT_WAV | SF_FORMAT_FLOAT) != 0) {
		fprintf(stderr, "mksignal: cannot write %s\n", argv[2]);
		free(x);
		return 1;
	}
	free(x);
	return 0;
}

/* loopinfo.c: what the `analysis` and `validate` requests report about a loop. */
#include "audio/loopinfo.h"

#include <math.h>
#include <stdio.h>

/* Peak level (0-255) of each of n equal columns of the clip. */
void il_loopinfo_waveform(const il_loop *loop, unsigned char *points, size_t n)
{
	size_t ch = (size_t)loop->channels;
	for (size_t c = 0; c < n; c++) {
		size_t a = loop->nframes * c / n, b = loop->nframes * (c + 1) / n;
		float peak = 0.0f;
		for (size_t i = a * ch; i < b * ch; i++) {
			float v = fabsf(loop->frames[i]);
			if (v > peak)
				peak = v;
		}
		points[c] = (unsigned char)lroundf((peak > 1.0f ? 1.0f : peak) * 255.0f);
	}
}

/* The candidates as "start-end:score,..." into sb. */
void il_loopinfo_candidates(const il_loop *loop, il_sbuf *sb)
{
	for (int k = 0; k < loop->ncandidates && k < IL_LOOP_CANDIDATES; k++)
		sbuf_printf(sb, "%s%zu-%zu:%.3f", k ? "," : "", loop->candidates[k].start,
			    loop->candidates[k].end, loop->candidates[k].score);
}

/* Check that a loop is playable; one sentence in msg; 0 fine, -1 not. */
int il_loopinfo_check(const il_loop *loop, char *msg, size_t n)
{
	if (!loop->frames || loop->channels < 1 || loop->rate < 1000) {
		snprintf(msg, n, "the loop has no samples");
		return -1;
	}
	if (loop->loop_end <= loop->loop_start || loop->loop_end > loop->nframes) {
		snprintf(msg, n, "the loop points %zu-%zu are outside the clip of %zu frames",
			 loop->loop_start, loop->loop_end, loop->nframes);
		return -1;
	}
	size_t ch = (size_t)loop->channels;
	double peak = 0.0, steps = 0.0, maxstep = 0.0;
	size_t nsteps = 0;
	for (size_t i = loop->loop_start; i < loop->loop_end; i++) {
		for (size_t c = 0; c < ch; c++) {
			float v = loop->frames[i * ch + c];
			if (!isfinite(v)) {
				snprintf(msg, n, "frame %zu is not a finite number", i);
				return -1;
			}
			if (fabs(v) > peak)
				peak = fabs(v);
			if (i + 1 < loop->loop_end) {
				double d = fabs(loop->frames[(i + 1) * ch + c] - v);
				steps += d;
				nsteps++;
				if (d > maxstep)
					maxstep = d;
			}
		}
	}
	double seam = 0.0;
	for (size_t c = 0; c < ch; c++) {
		double d = fabs(loop->frames[(loop->loop_end - 1) * ch + c] - loop->frames[loop->loop_start * ch + c]);
		if (d > seam)
			seam = d;
	}
	double secs = (double)(loop->loop_end - loop->loop_start) / loop->rate;
	double typical = nsteps ? steps / nsteps : 0.0;
	if (peak < 1e-4) {
		snprintf(msg, n, "the %.3f s loop is silent", secs);
		return -1;
	}
	int rough = seam > maxstep + 1e-6 && seam > 4.0 * typical + 0.02;
	snprintf(msg, n, "%s: %.3f s loop (%zu-%zu) at %d Hz, %d channel%s, peak %.2f, seam step %.4f (typical %.4f, largest %.4f)",
		 rough ? "rough seam" : "ok", secs, loop->loop_start, loop->loop_end, loop->rate,
		 loop->channels, loop->channels == 1 ? "" : "s", peak, seam, typical, maxstep);
	return rough ? -1 : 0;
}

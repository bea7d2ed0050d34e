/* loop.c: allocation of prepared loops and the names of their metrics. */
#include "audio/loop.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Allocate an empty loop (fields zero, metrics and beat_conf NAN); NULL when out of memory. */
il_loop *il_loop_new(void)
{
	il_loop *l = calloc(1, sizeof(il_loop));
	for (int k = 0; l && k < IL_METRICS; k++)
		l->metrics[k] = NAN;
	if (l)
		l->beat_conf = NAN;
	return l;
}

/* Free a loop and its samples (NULL is fine). */
void il_loop_free(il_loop *loop)
{
	if (!loop)
		return;
	free(loop->frames);
	free(loop);
}

static const char *const il_loop_metric_names[IL_METRICS] = {
	[IL_METRIC_SPECTRAL] = "spectral", [IL_METRIC_WAVEFORM] = "waveform",
	[IL_METRIC_BEAT] = "beat", [IL_METRIC_PHASE] = "phase", [IL_METRIC_SEAM] = "seam",
	[IL_METRIC_SEAM_DB] = "seam_db",
};

/* The name of metric k (IL_METRIC_*). */
const char *il_loop_metric_name(int k)
{
	return il_loop_metric_names[k];
}

/* The measured metrics as text, "spectral=0.9100,waveform=0.8800,...", into out. */
void il_loop_metrics_format(const il_loop *loop, char *out, size_t n)
{
	size_t len = 0;
	if (n)
		out[0] = '\0';
	for (int k = 0; k < IL_METRICS && len < n; k++) {
		if (isnan(loop->metrics[k]))
			continue;
		int w = snprintf(out + len, n - len, "%s%s=%.*f", len ? "," : "", il_loop_metric_names[k],
				 k == IL_METRIC_SEAM_DB ? 1 : 4, loop->metrics[k]);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

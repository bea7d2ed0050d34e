/* loudness_parse.c: the `loudness` setting's values (see loudness.h);
 * apart from the meter, so that settings are checked without linking it. */
#include "dsp/loudness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Parse a `loudness` setting. */
int loudness_parse(const char *text, il_loudness_opts *o, il_err *err)
{
	o->target = LOUDNESS_TARGET;
	if (!strcmp(text, "off")) {
		o->mode = LOUDNESS_OFF;
		return 0;
	}
	if (!strcmp(text, "peak")) {
		o->mode = LOUDNESS_PEAK;
		return 0;
	}
	char *end;
	double v = strtod(text, &end);
	if (end == text || *end || !isfinite(v) || v < -70 || v > 0)
		return il_err_set(err, IL_E_BAD_VALUE, "loudness must be a target in LUFS (-70 to 0), off or peak, not '%s'", text);
	o->mode = LOUDNESS_R128;
	o->target = v;
	return 0;
}

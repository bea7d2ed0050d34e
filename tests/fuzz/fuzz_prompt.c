/* fuzz_prompt.c: the synth's prompt parsing and rendering on any prompt.
 *
 * Invariants: gen_prompt_check never crashes and accepts only what it
 * documents; gen_prompt_parse gives values in range; the synth renders 2 s
 * of finite audio within [-1, 1] from any accepted prompt. */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "gen/prompt.h"
#include "gen/synth.h"

/* One input: the bytes (up to the first NUL) as a prompt. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p = malloc(size + 1);
	if (!p)
		return 0;
	memcpy(p, data, size);
	p[size] = '\0';
	size_t n = strlen(p);
	il_err err;
	int ok = gen_prompt_check(p, &err) == 0;
	if (ok) {
		fuzz_assert(n > 0 && n <= GEN_PROMPT_MAX);
		for (size_t k = 0; k < n; k++) {
			unsigned char c = (unsigned char)p[k];
			fuzz_assert(c >= 0x20 || c == '\n' || c == '\t');
			fuzz_assert(c != 0x7f);
		}
	} else {
		fuzz_assert(err.msg[0] != '\0');
	}
	il_gen_prompt_info info;
	gen_prompt_parse(p, &info);
	fuzz_assert(info.style >= -1 && info.style < GEN_STYLE_COUNT);
	fuzz_assert(info.bpm == 0 || (info.bpm >= 40 && info.bpm <= 220));
	fuzz_assert(info.key_root >= -1 && info.key_root <= 11);
	fuzz_assert(info.minor >= -1 && info.minor <= 1);
	fuzz_assert(strcmp(gen_prompt_style_name(info.style), "") != 0);
	if (ok) {
		/* Short clips, seeds from the input: any prompt renders sane audio. */
		uint64_t seed = 1469598103934665603ULL;
		for (size_t k = 0; k < n; k++)
			seed = (seed ^ (unsigned char)p[k]) * 1099511628211ULL;
		il_synth_params sp = { p, 2.0, seed | 1, NULL, "none", 0, 0, 0 };
		float *out = NULL;
		size_t frames = 0;
		il_synth_plan plan;
		fuzz_assert(synth_render(&sp, &out, &frames, &plan, &err) == 0);
		fuzz_assert(frames == 2 * SYNTH_RATE);
		for (size_t k = 0; k < frames * SYNTH_CHANNELS; k++)
			fuzz_assert(isfinite(out[k]) && fabsf(out[k]) <= 1.0f);
		free(out);
	}
	free(p);
	return 0;
}

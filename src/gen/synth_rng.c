/* synth_rng.c: the seeded random numbers of the built-in composer
 * (xorshift64*), so that a seed always gives the same piece. */
#include "gen/synth_rng.h"

/* Seed a generator (any value, 0 included). */
void synth_rng_seed(il_synth_rng *r, uint64_t seed)
{
	r->s = seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
	if (!r->s)
		r->s = 1;
}

/* Next 32 random bits (xorshift64*). */
uint32_t synth_rng_u32(il_synth_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

/* Uniform in [0, 1). */
double synth_rng_unit(il_synth_rng *r)
{
	return synth_rng_u32(r) / 4294967296.0;
}

/* Uniform integer in [0, n). */
int synth_rng_int(il_synth_rng *r, int n)
{
	return n <= 1 ? 0 : (int)(synth_rng_unit(r) * n);
}

/* synth_rng.h: seeded random numbers for the built-in composer. Internal
 * to src/gen. */
#ifndef IL_GEN_SYNTH_RNG_H
#define IL_GEN_SYNTH_RNG_H

#include <stdint.h>

typedef struct il_synth_rng {
	uint64_t s;
} il_synth_rng;

/* Seed a generator (any value, 0 included). */
void synth_rng_seed(il_synth_rng *r, uint64_t seed);
/* Next 32 random bits. */
uint32_t synth_rng_u32(il_synth_rng *r);
/* Uniform in [0, 1). */
double synth_rng_unit(il_synth_rng *r);
/* Uniform integer in [0, n). */
int synth_rng_int(il_synth_rng *r, int n);

#endif

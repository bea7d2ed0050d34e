/* synth_voice_drums.c: the built-in synth's drums. A hit is the drum's
 * shape, the same on every hit of it (made by a generator, frame by frame,
 * in up to three float lanes), and what is the hit's own: its level, its
 * noise, its filters. A sv_drum_cache keeps the shapes for a clip, so each
 * is made once; without one (or out of memory) a hit makes its shape
 * again a chunk at a time with the same generator. Either way every sample
 * is the same to the bit. */
#include "gen/synth_voice.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen/synth_voice_internal.h"

#define SV_LANES 3   /* float lanes of a shape, at most */
#define SV_SHAPES 12 /* shapes a cache keeps, at most */
#define SV_CHUNK 256 /* frames of a shape made at a time when it is not kept */

/* Kinds of shape. */
enum { SV_KICK = 1, SV_SNARE, SV_HAT, SV_TOM };
/* The envelopes of each kind of shape (sv_gen.env): those stepped every
 * frame come first. */
enum { SV_E_KICK_AMP, SV_E_KICK_SWEEP, SV_E_KICK_OVERTONE, SV_E_KICK_CLICK };
enum { SV_E_SNARE_BODY, SV_E_SNARE_NOISE };
enum { SV_E_TOM_SWEEP, SV_E_TOM_NOISE, SV_E_TOM_AMP };
#define SV_ENVS 4

/* The generator of a drum's shape, with its state after the frames it has
 * made. Its state at the start is the shape's key in the cache: it is set
 * up on zeroed memory, so the same drum at the same rate compares equal
 * byte for byte. */
typedef struct sv_gen {
	int kind, lanes; /* SV_KICK ...; lanes it fills */
	size_t i;        /* frames made */
	size_t marked;   /* kick: frames made with the beater click (which come first) */
	double inv;      /* seconds per frame */
	double env[SV_ENVS], fall[SV_ENVS]; /* envelopes from 1, each times its fall a frame (SV_E_*) */
	union {
		struct {
			double ph;
			size_t attack;
			uint32_t ns;
			float hp, prev, tone, click;
		} kick;
		struct {
			float tone;
			int clap;
		} snare;
		struct {
			float ph[6], inc[6];
		} hat;
		struct {
			double ph;
			float tone;
		} tom;
	} u;
} sv_gen;

/* Set envelope k of g to start at 1 and fall by the factor fall a frame. */
static void sv_env_start(sv_gen *g, int k, double fall)
{
	g->env[k] = 1.0;
	g->fall[k] = fall;
}

/* One frame of the first n envelopes e, each times its fall f. */
static inline void sv_env_step(double *e, const double *f, int n)
{
	for (int k = 0; k < n; k++)
		e[k] *= f[k];
}

/* A shape kept for the clip: lanes of cap frames, g.i of them made. */
typedef struct sv_shape {
	sv_gen start, g;
	float *mem, *lane[SV_LANES];
	size_t cap;
} sv_shape;

struct sv_drum_cache {
	sv_shape shape[SV_SHAPES];
	int n;
};

/* Mixes m frames of a hit into the bus from frame j, its shape's lanes
 * given (the first nc frames of them with the kick's click); hit is the
 * hit's own state, kept from one call to the next. */
typedef void sv_mix_fn(il_synth_bus *b, size_t j, float *const *lane, size_t nc, size_t m, void *hit);

/* Where a hit at t seconds lasting secs falls in the bus: 0 with *i0 and
 * *len clipped to the bus, or -1 when none of it does. */
static int sv_span(const il_synth_bus *b, double t, double secs, size_t *i0, size_t *len)
{
	sv_tables_init();
	if (t < 0)
		return -1;
	*i0 = (size_t)(t * b->rate);
	*len = (size_t)(secs * b->rate);
	if (*i0 >= b->n)
		return -1;
	if (*len > b->n - *i0)
		*len = b->n - *i0;
	return 0;
}

/* Set g to the start of a kick's shape: a sine swept from tone * 3 down to
 * tone Hz (lane 0) and the beater click (lane 1, while it sounds). */
static void sv_kick_start(sv_gen *g, int rate, float tone, float decay, float click)
{
	memset(g, 0, sizeof *g);
	g->kind = SV_KICK;
	g->lanes = 2;
	g->inv = 1.0 / rate;
	double inv = g->inv;
	sv_env_start(g, SV_E_KICK_AMP, exp(-inv / decay));
	sv_env_start(g, SV_E_KICK_SWEEP, exp(-30.0 * inv));
	sv_env_start(g, SV_E_KICK_OVERTONE, exp(-200.0 * inv));
	sv_env_start(g, SV_E_KICK_CLICK, exp(-inv / 0.004));
	g->u.kick.attack = (size_t)(0.002 * rate) + 1;
	g->u.kick.ns = 0x9E3779B9u; /* the same click on every hit */
	g->u.kick.tone = tone;
	g->u.kick.click = click;
}

/* The next m frames of a kick's shape into a and n. */
static void sv_kick_next(sv_gen *g, float *a, float *n, size_t m)
{
	double ph = g->u.kick.ph, inv = g->inv, e[SV_ENVS], f[SV_ENVS];
	memcpy(e, g->env, sizeof e);
	memcpy(f, g->fall, sizeof f);
	size_t attack = g->u.kick.attack, marked = g->marked;
	uint32_t ns = g->u.kick.ns;
	float tone = g->u.kick.tone, click = g->u.kick.click, hp = g->u.kick.hp, prev = g->u.kick.prev;
	for (size_t k = 0, i = g->i; k < m; k++, i++) {
		ph += tone * (1.0 + 2.0 * e[SV_E_KICK_SWEEP]) * inv;
		float amp = (float)e[SV_E_KICK_AMP] * (i < attack ? (float)i / (float)attack : 1.0f);
		a[k] = (sv_sin(ph) + 0.3f * (float)e[SV_E_KICK_OVERTONE] * sv_sin(ph * 3.1)) * amp;
		if (e[SV_E_KICK_CLICK] > 1e-4) { /* the click, while it sounds */
			float nz = sv_noise(&ns);
			hp = 0.6f * (hp + nz - prev);
			prev = nz;
			n[k] = hp * (float)e[SV_E_KICK_CLICK] * click;
			e[SV_E_KICK_CLICK] *= f[SV_E_KICK_CLICK];
			marked = i + 1;
		}
		sv_env_step(e, f, SV_E_KICK_CLICK);
	}
	memcpy(g->env, e, sizeof e);
	g->u.kick.ph = ph;
	g->u.kick.ns = ns;
	g->u.kick.hp = hp;
	g->u.kick.prev = prev;
	g->marked = marked;
}

/* Set g to the start of a snare's shape: its noise's envelope (lane 0)
 * and its tone body (lane 1; none for a clap). */
static void sv_snare_start(sv_gen *g, int rate, float tone, float decay, int clap)
{
	memset(g, 0, sizeof *g);
	g->kind = SV_SNARE;
	g->lanes = 2;
	g->inv = 1.0 / rate;
	sv_env_start(g, SV_E_SNARE_NOISE, exp(-g->inv / decay));
	sv_env_start(g, SV_E_SNARE_BODY, exp(-g->inv / 0.05));
	g->u.snare.tone = tone;
	g->u.snare.clap = clap;
}

/* The next m frames of a snare's shape into env and body. */
static void sv_snare_next(sv_gen *g, float *env, float *body, size_t m)
{
	double inv = g->inv, e[SV_ENVS], f[SV_ENVS];
	memcpy(e, g->env, sizeof e);
	memcpy(f, g->fall, sizeof f);
	float tone = g->u.snare.tone;
	int clap = g->u.snare.clap;
	for (size_t k = 0, i = g->i; k < m; k++, i++) {
		double tt = i * inv;
		if (clap && tt < 0.03) { /* a clap's first 30 ms: three claps */
			env[k] = (float)exp(-fmod(tt, 0.01) / 0.004);
		} else {
			env[k] = (float)e[SV_E_SNARE_NOISE];
			e[SV_E_SNARE_NOISE] *= f[SV_E_SNARE_NOISE];
		}
		body[k] = clap ? 0.0f : 0.7f * (float)e[SV_E_SNARE_BODY] * sv_sin(tone * tt);
		sv_env_step(e, f, SV_E_SNARE_NOISE);
	}
	memcpy(g->env, e, sizeof e);
}

/* Set g to the start of a hat's shape: its metal, six square waves at
 * inharmonic ratios of a base (higher for a ride or crash). */
static void sv_hat_start(sv_gen *g, int rate, int ride)
{
	static const float ratios[6] = { 1.0f, 1.342f, 1.2312f, 1.6532f, 1.9523f, 2.1523f };
	memset(g, 0, sizeof *g);
	g->kind = SV_HAT;
	g->lanes = 1;
	float inv = 1.0f / rate, base = ride ? 320.0f * 2.9f : 410.0f;
	for (int k = 0; k < 6; k++)
		g->u.hat.inc[k] = base * ratios[k] * inv;
}

/* The next m frames of a hat's shape into metal (at its level in the mix). */
static void sv_hat_next(sv_gen *g, float *metal, size_t m)
{
	float ph[6], inc[6];
	memcpy(ph, g->u.hat.ph, sizeof ph);
	memcpy(inc, g->u.hat.inc, sizeof inc);
	for (size_t i = 0; i < m; i++) {
		float x = 0;
		for (int k = 0; k < 6; k++) {
			ph[k] += inc[k];
			if (ph[k] >= 1.0f)
				ph[k] -= 1.0f;
			x += ph[k] < 0.5f ? 1.0f : -1.0f;
		}
		metal[i] = x * 0.07f;
	}
	memcpy(g->u.hat.ph, ph, sizeof ph);
}

/* Set g to the start of a tom's shape: a sine falling to tone Hz (lane 0),
 * its noise's envelope (lane 1) and its envelope (lane 2). */
static void sv_tom_start(sv_gen *g, int rate, float tone, float decay)
{
	memset(g, 0, sizeof *g);
	g->kind = SV_TOM;
	g->lanes = 3;
	g->inv = 1.0 / rate;
	sv_env_start(g, SV_E_TOM_SWEEP, exp(-18.0 * g->inv));
	sv_env_start(g, SV_E_TOM_NOISE, exp(-40.0 * g->inv));
	sv_env_start(g, SV_E_TOM_AMP, exp(-g->inv / decay));
	g->u.tom.tone = tone;
}

/* The next m frames of a tom's shape into s, en and ea. */
static void sv_tom_next(sv_gen *g, float *s, float *en, float *ea, size_t m)
{
	double ph = g->u.tom.ph, inv = g->inv, e[SV_ENVS], f[SV_ENVS];
	memcpy(e, g->env, sizeof e);
	memcpy(f, g->fall, sizeof f);
	float tone = g->u.tom.tone;
	for (size_t i = 0; i < m; i++) {
		ph += tone * (1.0 + 0.6 * e[SV_E_TOM_SWEEP]) * inv;
		s[i] = sv_sin(ph);
		en[i] = (float)e[SV_E_TOM_NOISE];
		ea[i] = (float)e[SV_E_TOM_AMP];
		sv_env_step(e, f, SV_E_TOM_AMP + 1);
	}
	memcpy(g->env, e, sizeof e);
	g->u.tom.ph = ph;
}

/* The next m frames of a shape into its lanes. */
static void sv_gen_next(sv_gen *g, float *const *lane, size_t m)
{
	switch (g->kind) {
	case SV_KICK: sv_kick_next(g, lane[0], lane[1], m); break;
	case SV_SNARE: sv_snare_next(g, lane[0], lane[1], m); break;
	case SV_HAT: sv_hat_next(g, lane[0], m); break;
	case SV_TOM: sv_tom_next(g, lane[0], lane[1], lane[2], m); break;
	default: break;
	}
	g->i += m;
}

/* Of the m frames of g's shape from frame at, how many (the first) have
 * the kick's click. */
static size_t sv_gen_marks(const sv_gen *g, size_t at, size_t m)
{
	if (g->marked <= at)
		return 0;
	return g->marked - at < m ? g->marked - at : m;
}

/* An empty drum cache, or NULL when out of memory. */
sv_drum_cache *sv_drum_cache_new(void)
{
	return calloc(1, sizeof(sv_drum_cache));
}

/* Free a drum cache and the shapes in it (NULL is fine). */
void sv_drum_cache_free(sv_drum_cache *dc)
{
	if (!dc)
		return;
	for (int k = 0; k < dc->n; k++)
		free(dc->shape[k].mem);
	free(dc);
}

/* The shape start makes, kept in dc and made to len frames at least, or
 * NULL when it cannot be kept (no room, out of memory). */
static sv_shape *sv_cache_shape(sv_drum_cache *dc, const sv_gen *start, size_t len)
{
	sv_shape *s = NULL;
	for (int k = 0; k < dc->n && !s; k++)
		if (!memcmp(&dc->shape[k].start, start, sizeof *start))
			s = &dc->shape[k];
	if (!s) {
		if (dc->n == SV_SHAPES)
			return NULL;
		s = &dc->shape[dc->n++];
		memcpy(&s->start, start, sizeof *start);
		memcpy(&s->g, start, sizeof *start);
	}
	if (len > s->cap) { /* lanes for a longer hit, the frames made moved over */
		size_t nl = (size_t)s->g.lanes;
		float *mem = malloc(nl * len * sizeof *mem);
		if (!mem)
			return NULL;
		for (size_t q = 0; q < nl; q++) {
			if (s->g.i > 0)
				memcpy(mem + q * len, s->lane[q], s->g.i * sizeof *mem);
			s->lane[q] = mem + q * len;
		}
		free(s->mem);
		s->mem = mem;
		s->cap = len;
	}
	if (s->g.i < len) {
		float *at[SV_LANES] = { NULL, NULL, NULL };
		for (int q = 0; q < s->g.lanes; q++)
			at[q] = s->lane[q] + s->g.i;
		sv_gen_next(&s->g, at, len - s->g.i);
	}
	return s;
}

/* Mix len frames of a hit into the bus from frame i0 with mix: the shape
 * start makes, from dc (NULL: none), else made again a chunk at a time. */
static void sv_drum_play(il_synth_bus *b, sv_drum_cache *dc, const sv_gen *start, size_t i0, size_t len,
			 sv_mix_fn *mix, void *hit)
{
	if (len == 0)
		return;
	sv_shape *s = dc ? sv_cache_shape(dc, start, len) : NULL;
	if (s) {
		mix(b, i0, s->lane, sv_gen_marks(&s->g, 0, len), len, hit);
		return;
	}
	sv_gen g = *start;
	float buf[SV_LANES][SV_CHUNK];
	float *const lane[SV_LANES] = { buf[0], buf[1], buf[2] };
	for (size_t i = 0, m; i < len; i += m) {
		m = len - i < SV_CHUNK ? len - i : SV_CHUNK;
		sv_gen_next(&g, lane, m);
		mix(b, i0 + i, lane, sv_gen_marks(&g, i, m), m, hit);
	}
}

/* Add m frames of a kick's shape a at level vel to l, r and rev, in runs
 * of 8 frames that the compiler turns into vector code. */
static void sv_kick_add(float *restrict l, float *restrict r, float *restrict rev, const float *restrict a, size_t m,
			float vel)
{
	size_t i = 0;
	for (; i + 8 <= m; i += 8)
		for (size_t q = i; q < i + 8; q++) {
			float x = a[q] * vel * 0.85f;
			l[q] += x;
			r[q] += x;
			rev[q] += x * 0.02f;
		}
	for (; i < m; i++) {
		float x = a[i] * vel * 0.85f;
		l[i] += x;
		r[i] += x;
		rev[i] += x * 0.02f;
	}
}

/* Mix m frames of a kick at level *(float *)hit: its shape, and on the
 * first nc frames its click. */
static void sv_kick_mix(il_synth_bus *b, size_t j, float *const *lane, size_t nc, size_t m, void *hit)
{
	float vel = *(const float *)hit, *l = b->l + j, *r = b->r + j, *rev = b->rev + j;
	const float *a = lane[0], *n = lane[1];
	for (size_t i = 0; i < nc; i++) {
		float x = a[i] * vel * 0.85f;
		x += n[i] * vel;
		l[i] += x;
		r[i] += x;
		rev[i] += x * 0.02f;
	}
	sv_kick_add(l + nc, r + nc, rev + nc, a + nc, m - nc, vel);
}

/* Kick drum: pitch sweep from tone*3 down to tone Hz, with a beater click
 * of level click (the same noise on every hit, so repeats are exact). */
void sv_kick(il_synth_bus *b, sv_drum_cache *dc, double t, float vel, float tone, float decay, float click)
{
	size_t i0, len;
	if (sv_span(b, t, decay * 6.0, &i0, &len) != 0)
		return;
	sv_gen start;
	sv_kick_start(&start, b->rate, tone, decay, click);
	sv_drum_play(b, dc, &start, i0, len, sv_kick_mix, &vel);
}

/* What is a snare hit's own. */
typedef struct sv_snare_hit {
	uint32_t ns[2];
	float lp[2], hp_prev[2], hp[2], vel, pan, rev;
} sv_snare_hit;

/* Mix m frames of a snare hit: its two noises under the shape's envelope,
 * and the shape's body. */
static void sv_snare_mix(il_synth_bus *b, size_t j, float *const *lane, size_t nc, size_t m, void *hit)
{
	sv_snare_hit *h = hit;
	const float *env = lane[0], *body = lane[1];
	float *l = b->l + j, *r = b->r + j, *rv = b->rev + j, vel = h->vel, pan = h->pan, rev = h->rev;
	uint32_t ns[2] = { h->ns[0], h->ns[1] };
	float lp[2] = { h->lp[0], h->lp[1] }, hp_prev[2] = { h->hp_prev[0], h->hp_prev[1] };
	float hp[2] = { h->hp[0], h->hp[1] };
	for (size_t i = 0; i < m; i++) {
		for (int ch = 0; ch < 2; ch++) { /* two noises: the room around the drum */
			float nz = sv_noise(&ns[ch]);
			lp[ch] += 0.55f * (nz - lp[ch]);                 /* tame the top */
			hp[ch] = 0.92f * (hp[ch] + lp[ch] - hp_prev[ch]); /* remove the bottom */
			hp_prev[ch] = lp[ch];
		}
		float g = vel * 0.8f, a = SV_NOISE_SAME * hp[0] * env[i], d = SV_NOISE_APART * hp[1] * env[i];
		l[i] += (a + d + body[i]) * g * (1.0f - pan);
		r[i] += (a - d + body[i]) * g * (1.0f + pan);
		rv[i] += (a + body[i]) * g * rev;
	}
	*h = (sv_snare_hit){ { ns[0], ns[1] }, { lp[0], lp[1] }, { hp_prev[0], hp_prev[1] }, { hp[0], hp[1] }, vel, pan,
			     rev };
}

/* Snare or clap: tone body plus band-limited noise. */
void sv_snare(il_synth_bus *b, sv_drum_cache *dc, il_synth_rng *r, double t, float vel, float tone, float decay,
	      float rev, int clap)
{
	size_t i0, len;
	if (sv_span(b, t, decay * 6.0 + 0.04, &i0, &len) != 0)
		return;
	sv_snare_hit h = { .vel = vel, .rev = rev };
	h.ns[0] = synth_rng_u32(r) | 1u;
	h.ns[1] = synth_rng_u32(r) | 1u;
	h.pan = (float)(synth_rng_unit(r) * 0.2 - 0.1);
	sv_gen start;
	sv_snare_start(&start, b->rate, tone, decay, clap);
	sv_drum_play(b, dc, &start, i0, len, sv_snare_mix, &h);
}

/* What is a hat hit's own. */
typedef struct sv_hat_hit {
	uint32_t ns[2];
	float prev[2], hp[2], e1, k1, e2, k2, vel, gl, gr;
	int ride;
} sv_hat_hit;

/* Mix m frames of a hat hit: two noises and the shape's metal, high-passed
 * under the hit's envelope. */
static void sv_hat_mix(il_synth_bus *b, size_t j, float *const *lane, size_t nc, size_t m, void *hit)
{
	sv_hat_hit *h = hit;
	const float *metal = lane[0];
	float *l = b->l + j, *r = b->r + j, *rev = b->rev + j;
	float e1 = h->e1, k1 = h->k1, e2 = h->e2, k2 = h->k2, vel = h->vel, gl = h->gl, gr = h->gr;
	float prev[2] = { h->prev[0], h->prev[1] }, hp[2] = { h->hp[0], h->hp[1] };
	uint32_t ns[2] = { h->ns[0], h->ns[1] };
	int ride = h->ride;
	for (size_t i = 0; i < m; i++) {
		float n0 = sv_noise(&ns[0]) * 0.6f, n1 = sv_noise(&ns[1]) * 0.6f;
		float x[2] = { SV_NOISE_SAME * n0 + SV_NOISE_APART * n1 + metal[i],
			       SV_NOISE_SAME * n0 - SV_NOISE_APART * n1 + metal[i] };
		float env = ride ? 0.6f * e1 + 0.4f * e2 : e1;
		e1 *= k1;
		e2 *= k2;
		for (int ch = 0; ch < 2; ch++) {
			hp[ch] = 0.75f * (hp[ch] + x[ch] - prev[ch]);
			prev[ch] = x[ch];
		}
		float g = env * vel * 0.5f;
		l[i] += hp[0] * g * gl;
		r[i] += hp[1] * g * gr;
		rev[i] += 0.5f * (hp[0] + hp[1]) * g * 0.1f;
	}
	*h = (sv_hat_hit){ { ns[0], ns[1] }, { prev[0], prev[1] }, { hp[0], hp[1] }, e1, k1, e2, k2, vel, gl, gr,
			   ride };
}

/* Hi-hat or ride: high-passed noise with metallic partials. */
void sv_hat(il_synth_bus *b, sv_drum_cache *dc, il_synth_rng *r, double t, float vel, float decay, float pan,
	    int ride)
{
	size_t i0, len;
	if (sv_span(b, t, decay * (ride ? 3.0 : 5.0), &i0, &len) != 0)
		return;
	float inv = 1.0f / b->rate;
	sv_hat_hit h = { .e1 = 1.0f, .k1 = expf(-inv / decay), .e2 = 1.0f, .k2 = expf(-inv / 0.02f), .vel = vel,
			 .gl = 1.0f - pan, .gr = 1.0f + pan, .ride = ride };
	h.ns[0] = synth_rng_u32(r) | 1u;
	h.ns[1] = synth_rng_u32(r) | 1u;
	sv_gen start;
	sv_hat_start(&start, b->rate, ride);
	sv_drum_play(b, dc, &start, i0, len, sv_hat_mix, &h);
}

/* What is a tom hit's own. */
typedef struct sv_tom_hit {
	uint32_t ns;
	float lp, vel, rev;
} sv_tom_hit;

/* Mix m frames of a tom hit: the shape's sine and the hit's noise under
 * the shape's envelopes. */
static void sv_tom_mix(il_synth_bus *b, size_t j, float *const *lane, size_t nc, size_t m, void *hit)
{
	sv_tom_hit *h = hit;
	const float *s = lane[0], *en = lane[1], *ea = lane[2];
	float *l = b->l + j, *r = b->r + j, *rv = b->rev + j, lp = h->lp, vel = h->vel, rev = h->rev;
	uint32_t ns = h->ns;
	for (size_t i = 0; i < m; i++) {
		lp += 0.2f * (sv_noise(&ns) - lp);
		float x = (s[i] + lp * 1.5f * en[i]) * ea[i] * vel;
		l[i] += x;
		r[i] += x;
		rv[i] += x * rev;
	}
	h->ns = ns;
	h->lp = lp;
}

/* A low tom or taiko hit. */
void sv_tom(il_synth_bus *b, sv_drum_cache *dc, double t, float vel, float tone, float decay, float rev)
{
	size_t i0, len;
	if (sv_span(b, t, decay * 6.0, &i0, &len) != 0)
		return;
	sv_tom_hit h = { (uint32_t)(i0 | 1u), 0, vel, rev };
	sv_gen start;
	sv_tom_start(&start, b->rate, tone, decay);
	sv_drum_play(b, dc, &start, i0, len, sv_tom_mix, &h);
}

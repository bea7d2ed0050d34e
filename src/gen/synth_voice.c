/* synth_voice.c: oscillators, envelopes, filters and effects of the
 * built-in synth (its drums are in synth_voice_drums.c). Everything renders
 * into float buffers; nothing allocates per sample. */
#include "gen/synth_voice.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "gen/synth_voice_internal.h"

#define SV_BLOCK 16 /* samples between filter and vibrato updates */
/* The room's energy against the dry mix's is SV_ROOM_LEVEL * wet^2
 * (-4 dB + 20 log10 wet: -18 dB at wet 0.2). */
#define SV_ROOM_LEVEL 0.4
/* The widest L/R correlation sv_width leaves a mix at. */
#define SV_WIDEST 0.3
/* Frames the reverb's filters run at a time, at most. */
#define SV_FX_RUN 256

float sv_sin_tab[SV_TAB + 1];
static pthread_once_t sv_once = PTHREAD_ONCE_INIT;

/* Fill the sine table (once per process). */
static void sv_init_table(void)
{
	for (int k = 0; k <= SV_TAB; k++)
		sv_sin_tab[k] = (float)sin(2.0 * SV_PI * k / SV_TAB);
}

/* Fill the sine table, the first time it is called in the process. */
void sv_tables_init(void)
{
	pthread_once(&sv_once, sv_init_table);
}

/* PolyBLEP correction for a step at phase t with increment dt. */
static inline float sv_blep(double t, double dt)
{
	if (t < dt) {
		t /= dt;
		return (float)(t + t - t * t - 1.0);
	}
	if (t > 1.0 - dt) {
		t = (t - 1.0) / dt;
		return (float)(t * t + t + t + 1.0);
	}
	return 0.0f;
}

/* A note with neutral defaults at time t for dur seconds. */
il_sv_note sv_note_make(double t, double dur, double midi, float vel, int osc)
{
	il_sv_note n;
	memset(&n, 0, sizeof n);
	n.t = t;
	n.dur = dur;
	n.midi = midi;
	n.vel = vel;
	n.osc = osc;
	n.voices = 1;
	n.a = 0.005f;
	n.d = 0.1f;
	n.s = 0.8f;
	n.r = 0.05f;
	n.fdecay = 0.2f;
	return n;
}

/* Envelope level at tt seconds after the note start. */
static inline float sv_env(const il_sv_note *n, double tt)
{
	double g = tt < n->dur ? tt : n->dur, lv;
	if (g < n->a)
		lv = g / n->a;
	else if (g < n->a + n->d)
		lv = 1.0 - (1.0 - n->s) * (g - n->a) / n->d;
	else
		lv = n->s;
	if (tt > n->dur)
		lv *= 1.0 - (tt - n->dur) / n->r;
	return lv > 0 ? (float)lv : 0.0f;
}

/* One sample of a unison oscillator at phase ph (cycles) with step dt. */
static inline float sv_osc(int osc, double ph, double dt)
{
	switch (osc) {
	case SV_TRI:
		return (float)(4.0 * fabs(ph - 0.5) - 1.0);
	case SV_SAW:
		return (float)(2.0 * ph - 1.0) - sv_blep(ph, dt);
	case SV_SQUARE:
	case SV_PULSE: {
		double w = osc == SV_SQUARE ? 0.5 : 0.25;
		double p2 = ph + (1.0 - w);
		p2 -= floor(p2);
		float v = ph < w ? 1.0f : -1.0f;
		return v + sv_blep(ph, dt) - sv_blep(p2, dt) - (float)(2.0 * w - 1.0); /* no DC */
	}
	default:
		return sv_sin(ph);
	}
}

/* Per-block coefficients of an FM or additive voice at tt seconds. */
static void sv_rich_block(const il_sv_note *n, double tt, float c[8])
{
	switch (n->osc) {
	case SV_EPIANO:
		c[0] = (float)((0.25 + 1.6 * n->vel) * exp(-tt * 2.5) * 0.16);
		c[1] = 0.08f * (float)exp(-tt * 12.0);
		break;
	case SV_BELL:
		c[0] = (float)(2.2 * exp(-tt * 1.8) * 0.16);
		break;
	case SV_PIANO: {
		double decay = 0.9 + 0.02 * (n->midi - 60);
		for (int k = 1; k <= 6; k++)
			c[k - 1] = (float)(pow(k, -1.3 + 0.5 * n->vel) * exp(-tt * decay * k * 0.9));
		break;
	}
	default:
		break;
	}
}

/* The raw (unfiltered, unenveloped) sample of an FM or additive voice. */
static inline float sv_rich(int osc, double ph, const float c[8])
{
	static const double inh[6] = { 1.0002, 2.0016, 3.0054, 4.0128, 5.025, 6.0431 };
	switch (osc) {
	case SV_EPIANO:
		return 0.85f * sv_sin(ph + c[0] * sv_sin(ph)) + c[1] * sv_sin(ph * 14.0);
	case SV_BELL:
		return sv_sin(ph + c[0] * sv_sin(ph * 3.5));
	case SV_PIANO: {
		float v = 0.0f;
		for (int k = 0; k < 6; k++)
			v += c[k] * sv_sin(ph * inh[k]);
		return 0.6f * v;
	}
	case SV_ORGAN:
		return 0.6f * sv_sin(ph) + 0.3f * sv_sin(2 * ph) + 0.18f * sv_sin(3 * ph) +
		       0.1f * sv_sin(4 * ph);
	default:
		return sv_sin(ph);
	}
}

/* Render a pitched note into the bus. */
void sv_play(il_synth_bus *b, const il_sv_note *n)
{
	sv_tables_init();
	if (n->t < 0 || n->dur <= 0)
		return;
	size_t i0 = (size_t)(n->t * b->rate);
	if (i0 >= b->n)
		return;
	il_sv_note nn = *n;
	if (nn.r < 0.003f)
		nn.r = 0.003f;
	if (nn.a < 0.001f)
		nn.a = 0.001f;
	if (nn.d < 0.001f)
		nn.d = 0.001f;
	size_t len = (size_t)((nn.dur + nn.r) * b->rate) + 1;
	if (len > b->n - i0)
		len = b->n - i0;
	double f0 = 440.0 * pow(2.0, (nn.midi - 69.0) / 12.0);
	if (f0 > b->rate * 0.45 || f0 < 10)
		return;
	int unison = nn.osc == SV_SAW || nn.osc == SV_SQUARE || nn.osc == SV_PULSE || nn.osc == SV_TRI;
	int nv = unison ? (nn.voices < 1 ? 1 : nn.voices > 7 ? 7 : nn.voices) : 1;
	double ph[7], ratio[7];
	float vgain = 1.0f / sqrtf((float)nv), wl[7], wr[7];
	for (int v = 0; v < nv; v++) {
		double c = nv == 1 ? 0.0 : nn.detune * (2.0 * v / (nv - 1) - 1.0);
		ratio[v] = pow(2.0, c / 1200.0);
		ph[v] = nv == 1 ? 0.0 : v * 0.382; /* spread, and the same for every repeat */
		/* Voices alternate sides, the most detuned outermost. */
		float side = nv == 1 ? 0.0f : (float)(2.0 * v / (nv - 1) - 1.0) * (v % 2 ? -1.0f : 1.0f);
		float sp = nn.spread < 0 ? 0 : nn.spread > 1 ? 1 : nn.spread;
		wl[v] = vgain * (1.0f - sp * side);
		wr[v] = vgain * (1.0f + sp * side);
	}
	float pan = nn.pan < -1 ? -1 : nn.pan > 1 ? 1 : nn.pan;
	float gl = cosf((pan + 1.0f) * (float)SV_PI / 4.0f) * 1.41421f;
	float gr = sinf((pan + 1.0f) * (float)SV_PI / 4.0f) * 1.41421f;
	double inv_rate = 1.0 / b->rate;
	float s1[2] = { 0 }, s2[2] = { 0 }, g = 0, k = 0, a1 = 0, a2 = 0, a3 = 0; /* TPT SVF state, per side */
	int filtered = nn.cutoff > 0, stereo = nv > 1 && nn.spread > 0;
	double dt = f0 * inv_rate, vib = 1.0;
	float rc[8] = { 0 };
	float env = sv_env(&nn, 0.0), env_step = 0.0f;
	for (size_t i = 0; i < len; i++) {
		double tt = i * inv_rate;
		if (i % SV_BLOCK == 0) {
			if (nn.vib_depth > 0) {
				double ramp = tt < 0.25 ? tt / 0.25 : 1.0;
				vib = pow(2.0, ramp * nn.vib_depth * sv_sin(nn.vib_rate * tt) / 12.0);
			}
			dt = f0 * vib * inv_rate;
			if (!unison)
				sv_rich_block(&nn, tt, rc);
			float env_next = sv_env(&nn, tt + SV_BLOCK * inv_rate);
			env_step = (env_next - env) / SV_BLOCK;
			if (filtered) {
				double fc = nn.cutoff + nn.fenv * exp(-tt / nn.fdecay);
				if (fc > b->rate * 0.45)
					fc = b->rate * 0.45;
				if (fc < 20)
					fc = 20;
				g = (float)tan(SV_PI * fc * inv_rate);
				k = 2.0f - 2.0f * (nn.reso > 0.95f ? 0.95f : nn.reso);
				a1 = 1.0f / (1.0f + g * (g + k));
				a2 = g * a1;
				a3 = g * a2;
			}
		}
		float x[2] = { 0.0f, 0.0f };
		if (unison || nn.osc == SV_SINE) {
			for (int v = 0; v < nv; v++) {
				float o = sv_osc(nn.osc, ph[v], dt * ratio[v]);
				x[0] += o * wl[v];
				x[1] += o * wr[v];
				ph[v] += dt * ratio[v];
				if (ph[v] >= 1.0)
					ph[v] -= 1.0;
			}
		} else {
			x[0] = x[1] = sv_rich(nn.osc, ph[0], rc);
			ph[0] += dt;
			if (ph[0] >= 1024.0)
				ph[0] -= 1024.0;
		}
		for (int ch = 0; filtered && ch < (stereo ? 2 : 1); ch++) {
			float v3 = x[ch] - s2[ch];
			float v1 = a1 * s1[ch] + a2 * v3;
			float v2 = s2[ch] + a2 * s1[ch] + a3 * v3;
			s1[ch] = 2.0f * v1 - s1[ch];
			s2[ch] = 2.0f * v2 - s2[ch];
			x[ch] = v2;
		}
		if (!stereo)
			x[1] = x[0];
		float e = env * nn.vel, m = 0.5f * (x[0] + x[1]) * e;
		env += env_step;
		size_t j = i0 + i;
		b->l[j] += x[0] * e * gl;
		b->r[j] += x[1] * e * gr;
		b->rev[j] += m * nn.rev;
		b->dly[j] += m * nn.dly;
	}
}

/* Add vinyl-like crackle and hiss over the whole bus. */
void sv_crackle(il_synth_bus *b, il_synth_rng *r, float level)
{
	uint32_t ns = synth_rng_u32(r) | 1u;
	float lp = 0;
	for (size_t i = 0; i < b->n; i++) {
		float nz = sv_noise(&ns);
		lp += 0.08f * (nz - lp);
		float x = lp * level * 0.5f;
		if ((ns & 0xFFFF) < 3) /* a rare dust click */
			x += level * 6.0f * sv_noise(&ns);
		b->l[i] += x;
		b->r[i] += x;
	}
}

typedef struct sv_comb {
	float *buf;
	size_t len, pos;
	float store;
} sv_comb;

/* Run eight damped comb filters in parallel over m frames of in (m no
 * more than the frames before any of their buffers wraps), their outputs
 * summed into acc. */
static void sv_combs_run(sv_comb *c, const float *in, float *acc, size_t m, float fb, float damp)
{
	float *b0 = c[0].buf + c[0].pos, *b1 = c[1].buf + c[1].pos, *b2 = c[2].buf + c[2].pos,
	      *b3 = c[3].buf + c[3].pos, *b4 = c[4].buf + c[4].pos, *b5 = c[5].buf + c[5].pos,
	      *b6 = c[6].buf + c[6].pos, *b7 = c[7].buf + c[7].pos;
	float s0 = c[0].store, s1 = c[1].store, s2 = c[2].store, s3 = c[3].store, s4 = c[4].store,
	      s5 = c[5].store, s6 = c[6].store, s7 = c[7].store, d1 = 1.0f - damp;
	for (size_t i = 0; i < m; i++) {
		float x = in[i], o0 = b0[i], o1 = b1[i], o2 = b2[i], o3 = b3[i], o4 = b4[i], o5 = b5[i],
		      o6 = b6[i], o7 = b7[i];
		s0 = o0 * d1 + s0 * damp;
		s1 = o1 * d1 + s1 * damp;
		s2 = o2 * d1 + s2 * damp;
		s3 = o3 * d1 + s3 * damp;
		s4 = o4 * d1 + s4 * damp;
		s5 = o5 * d1 + s5 * damp;
		s6 = o6 * d1 + s6 * damp;
		s7 = o7 * d1 + s7 * damp;
		b0[i] = x + s0 * fb;
		b1[i] = x + s1 * fb;
		b2[i] = x + s2 * fb;
		b3[i] = x + s3 * fb;
		b4[i] = x + s4 * fb;
		b5[i] = x + s5 * fb;
		b6[i] = x + s6 * fb;
		b7[i] = x + s7 * fb;
		acc[i] = o0 + o1 + o2 + o3 + o4 + o5 + o6 + o7;
	}
	float st[8] = { s0, s1, s2, s3, s4, s5, s6, s7 };
	for (int k = 0; k < 8; k++) {
		c[k].store = st[k];
		c[k].pos = c[k].pos + m == c[k].len ? 0 : c[k].pos + m;
	}
}

/* Run an all-pass filter over m frames of acc, in place (m as above). */
static void sv_allpass_run(sv_comb *c, float *acc, size_t m)
{
	float *bp = c->buf + c->pos;
	for (size_t i = 0; i < m; i++) {
		float bo = bp[i];
		bp[i] = acc[i] + bo * 0.5f;
		acc[i] = bo - acc[i];
	}
	c->pos = c->pos + m == c->len ? 0 : c->pos + m;
}

/* Run the reverb and delay sends into the dry mix (delay in seconds; see
 * synth_voice.h for wet). */
void sv_effects(il_synth_bus *b, float room, float wet, double delay_s, float feedback)
{
	static const int comb_len[8] = { 1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617 };
	static const int ap_len[4] = { 556, 441, 341, 225 };
	double sc = b->rate / 44100.0;
	size_t total = 0;
	for (int k = 0; k < 8; k++)
		total += 2 * ((size_t)(comb_len[k] * sc) + 24);
	for (int k = 0; k < 4; k++)
		total += 2 * ((size_t)(ap_len[k] * sc) + 24);
	size_t dl = (size_t)(delay_s * b->rate) + 1, dr = (size_t)(delay_s * 1.5 * b->rate) + 1;
	total += dl + dr;
	float *mem = calloc(total, sizeof *mem);
	if (!mem)
		return; /* the dry mix stays usable */
	sv_comb comb[2][8], ap[2][4];
	float *p = mem;
	for (int ch = 0; ch < 2; ch++) {
		for (int k = 0; k < 8; k++) {
			comb[ch][k] = (sv_comb){ p, (size_t)(comb_len[k] * sc) + (size_t)(ch * 23), 0, 0 };
			p += comb[ch][k].len;
		}
		for (int k = 0; k < 4; k++) {
			ap[ch][k] = (sv_comb){ p, (size_t)(ap_len[k] * sc) + (size_t)(ch * 23), 0, 0 };
			p += ap[ch][k].len;
		}
	}
	float *dbl = p, *dbr = p + dl;
	size_t pl = 0, pr = 0;
	float fb = 0.7f + 0.28f * room, damp = 0.3f, dlp_l = 0, dlp_r = 0;
	/* The room hears no bass: two one-pole high-passes at about 200 Hz
	 * keep kick and bass dry and the low end mono. */
	float hk = expf(-2.0f * (float)SV_PI * 200.0f / b->rate), h1 = 0, h1p = 0, h2 = 0, h2p = 0;
	double e_dry = 0, e_wet = 0;
	/* In runs that end before any filter's buffer wraps, one filter at a time. */
	float in[SV_FX_RUN], out[2][SV_FX_RUN];
	size_t m = 0, at = 0;
	for (size_t i = 0; i < b->n; i++, at++) {
		if (at == m) {
			m = b->n - i < SV_FX_RUN ? b->n - i : SV_FX_RUN;
			for (int ch = 0; ch < 2; ch++) {
				for (int k = 0; k < 8; k++)
					m = comb[ch][k].len - comb[ch][k].pos < m ? comb[ch][k].len - comb[ch][k].pos : m;
				for (int k = 0; k < 4; k++)
					m = ap[ch][k].len - ap[ch][k].pos < m ? ap[ch][k].len - ap[ch][k].pos : m;
			}
			for (size_t j = 0; j < m; j++) {
				h1 = hk * (h1 + b->rev[i + j] - h1p);
				h1p = b->rev[i + j];
				h2 = hk * (h2 + h1 - h2p);
				h2p = h1;
				in[j] = h2 * 0.03f;
			}
			for (int ch = 0; ch < 2; ch++) {
				sv_combs_run(comb[ch], in, out[ch], m, fb, damp);
				for (int k = 0; k < 4; k++)
					sv_allpass_run(&ap[ch][k], out[ch], m);
			}
			at = 0;
		}
		/* Ping-pong delay, darker with every repeat. */
		float yl = dbl[pl], yr = dbr[pr];
		dlp_l += 0.5f * (yr - dlp_l);
		dlp_r += 0.5f * (yl - dlp_r);
		dbl[pl] = b->dly[i] + dlp_l * feedback;
		dbr[pr] = dlp_r * feedback + b->dly[i] * 0.3f;
		if (++pl == dl)
			pl = 0;
		if (++pr == dr)
			pr = 0;
		b->l[i] += yl * 0.6f;
		b->r[i] += yr * 0.6f;
		/* The sends are read: they keep the room's two sides until its level is known. */
		b->rev[i] = out[0][at];
		b->dly[i] = out[1][at];
		e_dry += (double)b->l[i] * b->l[i] + (double)b->r[i] * b->r[i];
		e_wet += (double)out[0][at] * out[0][at] + (double)out[1][at] * out[1][at];
	}
	float g = e_wet > 0 ? (float)sqrt(SV_ROOM_LEVEL * wet * wet * e_dry / e_wet) : 0.0f;
	for (size_t i = 0; i < b->n; i++) {
		b->l[i] += g * b->rev[i];
		b->r[i] += g * b->dly[i];
	}
	free(mem);
}

/* Widen the mix: its side (L - R) below hz is removed, so the low end is
 * mono, and above hz scaled so that the L/R correlation of the whole mix
 * comes to corr (at most by max_gain, and narrowed only when the mix is
 * wider than SV_WIDEST); the mid (L + R), and so the mono downmix, is
 * untouched. */
void sv_width(il_synth_bus *b, float hz, float corr, float max_gain)
{
	float a = 1.0f - expf(-2.0f * (float)SV_PI * hz / b->rate), lo = 0;
	double em = 0, es = 0;
	for (size_t i = 0; i < b->n; i++) { /* the mid, and the side above hz, kept in r */
		float m = 0.5f * (b->l[i] + b->r[i]), s = 0.5f * (b->l[i] - b->r[i]);
		lo += a * (s - lo);
		b->l[i] = m;
		b->r[i] = s - lo;
		em += (double)m * m;
		es += (double)b->r[i] * b->r[i];
	}
	/* (M - g^2 S) / (M + g^2 S) = corr */
	double g = es > 0 ? sqrt(em * (1 - corr) / (es * (1 + corr))) : 1.0;
	double g_widest = es > 0 ? sqrt(em * (1 - SV_WIDEST) / (es * (1 + SV_WIDEST))) : 1.0;
	if (g > max_gain)
		g = max_gain;
	if (g < 1)
		g = g_widest < 1 ? g_widest : 1;
	for (size_t i = 0; i < b->n; i++) {
		float m = b->l[i], s = (float)g * b->r[i];
		b->l[i] = m + s;
		b->r[i] = m - s;
	}
}

/* Low-pass the whole mix with a one-pole filter at hz. */
void sv_lowpass(il_synth_bus *b, float hz)
{
	float a = 1.0f - expf(-2.0f * (float)SV_PI * hz / b->rate), yl = 0, yr = 0;
	for (size_t i = 0; i < b->n; i++) {
		yl += a * (b->l[i] - yl);
		yr += a * (b->r[i] - yr);
		b->l[i] = yl;
		b->r[i] = yr;
	}
}

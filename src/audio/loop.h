/* loop.h: a prepared loop, as the player plays it.
 *
 * Produced by loopprep (file or generated clip -> analysed, normalized
 * loop) and handed to the player, which owns it from then on. */
#ifndef IL_AUDIO_LOOP_H
#define IL_AUDIO_LOOP_H

#include <stddef.h>

#include "dsp/loudness.h"
#include "store/paths.h"

#define IL_LOOP_CANDIDATES 5

typedef struct il_loop_candidate {
	size_t start, end; /* frames, end exclusive */
	double score;
} il_loop_candidate;

/* Measures of a loop: the loop finder's, 0..1 (see dsp/loopfind.h), or for
 * a composed loop the level of its seam in dB. NAN when not measured. */
enum { IL_METRIC_SPECTRAL, IL_METRIC_WAVEFORM, IL_METRIC_BEAT, IL_METRIC_PHASE, IL_METRIC_SEAM,
       IL_METRIC_SEAM_DB, IL_METRICS };

typedef struct il_loop {
	float *frames;          /* interleaved samples of the whole clip, normalized */
	size_t nframes;
	int rate, channels;     /* as read from the file */
	size_t loop_start, loop_end; /* frames, end exclusive; 0 <= start < end <= nframes */
	double bpm;             /* 0 when unknown */
	int beats;              /* beats in the loop, 0 when unknown */
	/* The beat grid: bars (below) start at downbeat frames into the
	 * region and come every (loop_end - loop_start) / bars frames. */
	size_t downbeat;        /* frames from loop_start to a downbeat (0 with no bars) */
	double beat_conf;       /* how clear the beat is, 0..1 (1: the generator said
				 * it; below BEATGRID_CONFIDENT no bars); NAN unknown */
	double score;           /* 0..1 */
	int poor;               /* nothing scored well: the engine may ask for a new clip */
	char method[24];        /* e.g. "advanced", "classic", "beatgrid", "fallback" */
	double metrics[IL_METRICS]; /* by IL_METRIC_* */
	int ncandidates;
	il_loop_candidate candidates[IL_LOOP_CANDIDATES];
	double analysis_ms;
	/* The generator's plan, when its clip said it (the composer's tags). */
	char style[32];         /* "lo-fi hip hop", "" when unknown */
	char key[16];           /* "D minor", "" when unknown */
	char metre[8];          /* "4/4", "" when unknown */
	char sections[48];      /* "A A' B A''" */
	char instruments[200];  /* "Electric Piano 1, Electric Bass (finger), ..." */
	int bars;               /* bars in the loop, 0 when unknown: the generator's,
				 * else the analyser's when the beat is clear */
	int interim;            /* a stand-in (the startup loop): gives way at its
				 * next bar line once another loop is queued */
	il_loudness_result loudness; /* the loop region before and after normalization */
	char title[96], artist[96];
	char prompt[1024];      /* generation prompt, or "" for a played file */
	char source[IL_PATH_MAX]; /* file it came from */
	/* How a generator made it ("" and 0 for a file): with the prompt,
	 * enough for the composer to make the same clip again. */
	char backend[16];       /* "synth", "musicgpt", "command" */
	char model[64];         /* as the history names it */
	long seed;              /* the seed it was given, 0 when it takes none */
	int secs;               /* seconds of clip asked for */
	double asked_bpm;       /* the composer: the station's tempo it was given, 0: its own */
	int asked_key;          /* the key it was given, 1 + root + 12 * minor, 0: its own */
} il_loop;

/* Allocate an empty loop (fields zero, metrics and beat_conf NAN); NULL when out of memory. */
il_loop *il_loop_new(void);
/* Free a loop and its samples (NULL is fine). */
void il_loop_free(il_loop *loop);
/* The name of metric k (IL_METRIC_*): "spectral", "waveform"... */
const char *il_loop_metric_name(int k);
/* The measured metrics as text, "spectral=0.9100,waveform=0.8800,...", into out. */
void il_loop_metrics_format(const il_loop *loop, char *out, size_t n);

#endif

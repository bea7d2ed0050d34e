/* model.h: what the UI knows about the engine, built from protocol events.
 *
 * No curses here: events go in (uimodel_apply), dirty bits come out, and
 * the panels and screens draw from the fields. */
#ifndef IL_UI_MODEL_H
#define IL_UI_MODEL_H

#include <stdarg.h>

#include "audio/player.h"
#include "engine/protocol.h"
#include "gen/job.h"

#define UIM_BANDS_MAX 256
#define UIM_LATER_MAX 8 /* spectrum frames waiting for their time */
#define UIM_SETTINGS_MAX 64
#define UIM_PRESETS_MAX 200
#define UIM_STATS_MAX 40
#define UIM_HISTORY_MAX 50
#define UIM_FAVS_MAX 100
#define UIM_WAVE_MAX 2048
#define UIM_LOG_MAX 64      /* messages kept for the messages view */
#define UIM_PROBLEMS_MAX 16 /* start-up warnings kept for stderr at exit */

/* Dirty bits: which parts of the screen must be drawn again. */
#define UIM_D_INFO 0x001u
#define UIM_D_SPECTRUM 0x002u
#define UIM_D_TIMING 0x004u
#define UIM_D_PRESETS 0x008u
#define UIM_D_GEN 0x010u
#define UIM_D_STATUS 0x020u
#define UIM_D_STATS 0x040u
#define UIM_D_SETTINGS 0x080u
#define UIM_D_ANALYSIS 0x100u
#define UIM_D_MSG 0x200u
#define UIM_D_HEADER 0x400u
#define UIM_D_ALL 0xfffu

/* The kinds of event (the verbs at the wire, as uimodel_apply names them). */
typedef enum il_uim_event {
	UIM_EV_OTHER, UIM_EV_SPECTRUM, UIM_EV_STATUS, UIM_EV_GEN, UIM_EV_LOOP, UIM_EV_SETTING,
	UIM_EV_PRESET, UIM_EV_STAT, UIM_EV_HISTORY, UIM_EV_ANALYSIS, UIM_EV_WAVEFORM, UIM_EV_ERROR,
	UIM_EV_READY, UIM_EV_AUDIO, UIM_EV_SAVED, UIM_EV_LOG, UIM_EV_BYE, UIM_EV_PONG, UIM_EV_FAVOURITE
} il_uim_event;

/* The requests whose failure a screen shows (from the `verb` of an error). */
typedef enum il_uim_request { UIM_REQ_OTHER, UIM_REQ_STATS, UIM_REQ_ANALYSIS } il_uim_request;

/* Message levels of the status line. */
enum { UIM_MSG_INFO, UIM_MSG_WARN, UIM_MSG_ERROR };

/* One message of the history. */
typedef struct il_uim_logline {
	long wall;  /* time(NULL) when it came */
	int level;  /* UIM_MSG_* */
	char text[1024];
} il_uim_logline;

typedef struct il_uim_setting {
	char key[PROTO_NAME_MAX + 1];
	char value[1024];
	double min, max;
	int has_range;
	char choices[512];
	char about[512]; /* what it does */
} il_uim_setting;

typedef struct il_uim_preset {
	char name[64];
	char prompt[1024];
} il_uim_preset;

typedef struct il_uim_stat {
	long seconds, runs, ok;
	double avg;
} il_uim_stat;

typedef struct il_uim_hist {
	long time, secs;
	char backend[16], model[32], prompt[256], outcome[16], error[160];
	int ok;       /* the outcome was ok */
	double actual, wall, loop_seconds, bpm, score;
} il_uim_hist;

typedef struct il_uim_fav {
	long id, time, seed;  /* seed 0: none */
	char title[96], artist[96], prompt[256], backend[16];
	double bpm, loop_seconds;
} il_uim_fav;

typedef struct il_uimodel {
	/* the engine process */
	int starting;      /* from `ready` to the first answer: start-up warnings */
	long pid;
	/* the last `status` event, and when it came (monotonic seconds) */
	int have_status;   /* state is known (before: idle, shown as "starting") */
	double status_at;
	unsigned long status_sig; /* of the last `status`: an unchanged one redraws nothing */
	il_player_state state;
	char prompt[1024], backend[16], model[32], output[256];
	il_audio_state audio;
	int have_audio;    /* audio is known */
	char sink[256];               /* the output in use ("" when none) */
	long underruns, buffer_ms;    /* the output's underruns and buffer */
	int volume;
	il_gen_state gen;
	double progress, eta;
	long attempt;
	char title[256], artist[256];
	double loop_seconds, bpm, elapsed, min_left;
	int next_ready;
	char next_title[256]; /* the loop that starts next ("" when none is ready) */
	double next_in;    /* seconds until it starts, at status_at (-1: not known) */
	int hold;          /* the loop is held (`hold`) */
	double sleep_until; /* when the sleep timer ends (monotonic, from
			     * status's sleep_left), 0: off */
	/* the last `gen` event */
	il_gen_state gen_last;
	char gen_msg[1024];
	double gen_wait, gen_at;
	double job_at;     /* when the running attempt began (0: not seen) */
	/* the last `loop` event */
	double score;
	char method[32], quality[16];
	char loop_prompt[1024]; /* the prompt of the loop playing (status has the station's) */
	char style[32], key[16], metre[8], instruments[200]; /* its plan, "" when not known */
	long loop_id;           /* the id of the loop playing (its `loop` event), 0: none */
	/* the spectrum */
	unsigned char bands[UIM_BANDS_MAX];
	int nbands;
	double spectrum_at;
	struct uim_frame {   /* frames to show later (their event's at=), oldest first */
		unsigned char bands[UIM_BANDS_MAX];
		int nbands;
		double due;
	} later[UIM_LATER_MAX];
	int nlater;
	/* settings and presets */
	il_uim_setting settings[UIM_SETTINGS_MAX];
	int nsettings;
	il_uim_preset presets[UIM_PRESETS_MAX];
	int npresets;
	int presets_fresh; /* the next preset event starts a new list */
	/* statistics */
	il_uim_stat stats[UIM_STATS_MAX];
	int nstats;
	il_uim_hist hist[UIM_HISTORY_MAX];
	int nhist;
	int stats_fresh;   /* the next stat/history event starts new lists */
	int stats_answered;
	/* the favourites, newest first (a `favourite` event adds or updates
	 * one; the UI empties the list when it asks for it again) */
	il_uim_fav favs[UIM_FAVS_MAX];
	int nfavs;
	/* analysis of the current loop */
	int have_analysis;
	long frames, rate, loop_start, loop_end;
	double a_bpm, a_score;
	char a_method[32], a_quality[16], metrics[1024], candidates[1024];
	int a_poor;        /* the quality is poor */
	double lufs_in, lra_in, tp_in, lufs, lra, tp, gain_db; /* loudness before/after */
	int have_loudness;
	unsigned char wave[UIM_WAVE_MAX];
	int nwave;
	/* the message of the status line: a fresh warning or error stays for
	 * its time unless a newer one or the answer to a key replaces it, or
	 * a key was pressed since it came (the user has moved on) */
	char msg[1024];
	int msg_level;
	double msg_at;
	int replying;      /* a key is being handled: its messages show at once */
	int msg_seen;      /* a key was pressed while the message showed */
	/* every message, oldest first: a ring of UIM_LOG_MAX from log_first */
	il_uim_logline log[UIM_LOG_MAX];
	int log_first, log_n;
	/* warnings the engine gave before it was ready (config problems) */
	char problems[UIM_PROBLEMS_MAX][512];
	int nproblems;
	/* the kind of the event applied last */
	il_uim_event event;
	/* counters */
	il_uim_request last_error_req; /* the request the last error answered */
	char last_error_code[PROTO_NAME_MAX + 1];
	char last_error_msg[256];
	char saved_path[1024];
} il_uimodel;

/* Reset m to "nothing known yet". */
void uimodel_init(il_uimodel *m);
/* Apply one event; returns the dirty bits and sets m->event to its kind.
 * now is monotonic seconds. The only place an event verb is looked up. */
unsigned uimodel_apply(il_uimodel *m, const il_proto_msg *msg, double now);
/* Add a message to the history and show it in the status line, unless a
 * fresh message of a higher level is shown there (information never hides
 * a warning, nor a warning an error, for their time) and no key is being
 * answered (printf format). */
void uimodel_msg(il_uimodel *m, int level, double now, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* uimodel_msg with a va_list. */
void uimodel_vmsg(il_uimodel *m, int level, double now, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
/* Seconds a message of level stays in the status line. */
double uimodel_msg_seconds(int level);
/* Message k of the history (0: the oldest), or NULL. */
const il_uim_logline *uimodel_logline(const il_uimodel *m, int k);
/* Keep a start-up problem (once) to be printed when the station exits. */
void uimodel_problem(il_uimodel *m, const char *text);
/* Elapsed seconds of the current loop, advanced since the last status. */
double uimodel_elapsed(const il_uimodel *m, double now);
/* Seconds left to the minimum duration, counted down since the last status. */
double uimodel_min_left(const il_uimodel *m, double now);
/* Seconds the sleep timer has left (0: off). */
double uimodel_sleep_left(const il_uimodel *m, double now);
/* True while a generation runs (running, analyzing or waiting to retry). */
int uimodel_generating(const il_uimodel *m);
/* Show the spectrum frames whose time has come (the newest of them):
 * UIM_D_SPECTRUM when one was, else 0; *next is set to the time of the
 * next frame waiting, or 0 when none is. */
unsigned uimodel_spectrum_due(il_uimodel *m, double now, double *next);
/* The protocol word of the playback state, "starting" before it is known. */
const char *uimodel_state_name(const il_uimodel *m);
/* The protocol word of the audio state, "" before it is known. */
const char *uimodel_audio_name(const il_uimodel *m);
/* The setting named key, or NULL. */
il_uim_setting *uimodel_setting(il_uimodel *m, const char *key);

#endif

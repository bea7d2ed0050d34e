/* protocol.h: the pipe protocol between the UI (or a script) and the engine.
 *
 * This header defines the protocol; infiniloop-tui(1), section PROTOCOL,
 * restates it for users, and the engine's request table
 * (engine/engine_request.h) holds the requests with their handlers. `infiniloop-tui --engine` speaks it on
 * stdin (requests) and stdout (events); the TUI speaks it over a socketpair.
 *
 * LINES
 *   One message per line, ended by "\n" ("\r\n" is accepted). A line is at
 *   most PROTO_LINE_MAX bytes including the newline. Empty lines and lines
 *   whose first non-blank byte is '#' are ignored.
 *
 *       VERB [KEY=VALUE]...
 *
 *   VERB and KEY are [a-z][a-z0-9_]*, at most PROTO_NAME_MAX bytes. Fields are
 *   separated by spaces or tabs; a key may appear once per line. A VALUE is
 *   either bare (one or more bytes other than space, tab, '"', '\\' and
 *   control bytes; UTF-8 is fine) or double-quoted, where \" \\ \n \r \t and
 *   \xHH (HH two hex digits, not 00) are the escapes. `key=` is the empty
 *   string. NUL and other raw control bytes (except tab) are never valid.
 *
 *   A line that breaks these rules, or names an unknown verb, an unknown
 *   field, a duplicate field, or lacks a required field, is answered with one
 *   `error` event naming the problem; the engine then reads on. An input that
 *   ends in the middle of a line is reported the same way and not executed.
 *
 * REQUESTS (to the engine; engine_request.h holds their table, and
 * tests/engine/test_protocol.c checks that this list matches it)
 *   status                      one `status` event now
 *   quit                        stop everything, `bye`, exit 0
 *   ping [id=S]                 `pong id=S`
 *   start prompt=S              generate loops from prompt S and play them
 *                               (a paused loop resumes: a station always
 *                               plays; the loop playing, held or not,
 *                               gives way at its next bar line once the
 *                               station's first loop is ready, and a hold
 *                               stays, for that loop); over
 *                               1023 bytes: `error code=bad_value`, the
 *                               station unchanged; a tempo or key that
 *                               cannot be used: `log level=warn
 *                               msg="ignored: 999 bpm (40-220)"`
 *   stop                        stop playback and generation
 *   play file=PATH              analyze, normalize and queue an audio file,
 *                               ahead of the loops the station made
 *   pause                       pause the output (nothing playing:
 *                               `error code=state`)
 *   resume                      resume the output (nothing paused:
 *                               `error code=state`)
 *   toggle                      pause what plays, resume what is paused
 *                               (nothing playing: `error code=state`)
 *   skip                        crossfade to the next loop now (if ready)
 *   prev                        crossfade back to the loop played before
 *                               the current one, at once (as skip); again
 *                               steps further back (up to 4 loops, 32 MB of
 *                               audio); the queue stays and plays after it
 *                               (none: `error code=state msg="no previous
 *                               loop"`)
 *   hold [on=0|1]               keep the current loop (and every loop that
 *                               becomes current) playing past the minimum
 *                               duration while the queue waits; on=0
 *                               releases it, no field toggles; skip, prev
 *                               and a new station's start still switch.
 *                               `log` "holding TITLE" or
 *                               "hold released"
 *   sleep minutes=N | seconds=S
 *                               sleep timer: after N minutes (0-1440) or S
 *                               seconds (0-86400) of wall time, fade out
 *                               over 5 s and stop playback and generation
 *                               (as `stop`), `log` "sleep timer: stopped";
 *                               0 turns it off
 *   volume level=N | delta=N    software volume 0-100, absolute or relative
 *                               (both fields: `error code=bad_value`)
 *   spectrum fps=N              this client's `spectrum` events: N a second
 *                               (0-30; 30 until asked, 0 none); the engine
 *                               makes frames only as fast as its fastest
 *                               client takes them, and none for none
 *   save path=PATH [force=0|1] [loop=ID]
 *                               write a loop (with loop points): loop ID
 *                               (the id of its `loop` event; the current and
 *                               the previous loop are held), else the
 *                               current one
 *   set key=K value=V           change a setting (saved at once)
 *   settings                    one `setting` event per setting, one
 *                               `preset` event per preset
 *   validate which=current|next|both   check the loop files; `log` events
 *   debug on=0|1                debug `log` events on or off
 *   stats [limit=N]             `stat` events per requested duration, then
 *                               up to N (default 20) recent `history` events
 *   analysis                    `analysis` and `waveform` of the current loop
 *   favourite                   keep the playing loop as a favourite (the
 *                               composer's loops by prompt and seed, others
 *                               with a copy of the clip); answered by its
 *                               `favourite` event and `log` "favourite:
 *                               TITLE", or "already a favourite: TITLE"
 *                               for the same loop again (not kept twice);
 *                               nothing playing: `error code=state`
 *   favourites [limit=N]        up to N (default 100) `favourite` events,
 *                               newest first
 *   play_favourite id=N         crossfade to favourite N at once, as skip
 *                               (nothing playing: it starts), made again
 *                               by the composer from its prompt and seed,
 *                               or prepared from its copy as `play` does;
 *                               a generated favourite's prompt becomes the
 *                               station's (as `start`, with no startup
 *                               loop); no such favourite:
 *                               `error code=bad_value`
 *   unfavourite id=N            forget favourite N and delete its copy
 *
 * EVENTS (from the engine)
 *   ready version=N program=S pid=N        first line the engine writes
 *   status state=idle|playing|paused|stopped prompt=S backend=S model=S
 *          volume=N output=S audio=ok|lost|none|off|file sink=S
 *          underruns=N buffer_ms=N
 *          gen=idle|running|analyzing|retry|failed progress=F eta=F
 *          attempt=N gen_elapsed=F gen_seconds=F analysis_ms=F title=S artist=S
 *          loop_seconds=F bpm=F elapsed=F min_left=F next_ready=0|1
 *          next_title=S next_in=F hold=0|1 sleep_left=F
 *          (next_title: the loop that starts next, "" when none is ready;
 *          next_in: the seconds until it starts, -1 when not known (it
 *          is "" or the current loop is held);
 *          hold: the loop is held (`hold`); sleep_left: seconds until
 *          the sleep timer stops the station, 0 when it is off;
 *          gen_seconds and analysis_ms: how long the last loop made took
 *          to generate and to analyse; 0 before the first; eta and
 *          gen_elapsed as in `gen`; sink: the output in use, pulse,
 *          alsa:DEVICE, file:PATH or null, "" when none; underruns: times
 *          the output ran dry; buffer_ms: its buffer, grown when underruns
 *          recur)
 *   loop title=S artist=S prompt=S seconds=F bpm=F score=F method=S
 *        quality=good|poor style=S key=S metre=S instruments=S [seed=N] id=N
 *                                          a new loop started playing; style
 *                                          ("lo-fi hip hop"), key ("D minor"),
 *                                          metre ("4/4") and instruments (names
 *                                          joined by ", ") are the composer's
 *                                          plan, empty when not known; seed:
 *                                          the generator's seed, when it
 *                                          takes one (the synth, a command
 *                                          with {seed});
 *                                          id counts loops from 1 (for
 *                                          `save loop=ID`); a loop that
 *                                          `prev` brings back gets a new id
 *   gen state=running|analyzing|ready|retry|failed|stopped progress=F eta=F
 *       attempt=N [wait=F] [msg=S] elapsed=F   generation progress: eta is
 *       the expected seconds of an attempt and elapsed the seconds the
 *       running one has taken (elapsed > eta: it overruns); both are 0 while
 *       nothing generates (retry, failed, stopped). One `failed` per job
 *       that gives up, with the whole reason in msg; one `stopped` per
 *       `stop` that ended a generation.
 *   spectrum bands=HEX at=MS               2 hex digits (00-ff) per band,
 *                                          low to high frequency, of what
 *                                          is heard MS milliseconds after
 *                                          the event (frames come three at
 *                                          a time: at=0, then one and two
 *                                          frames later; fewer with a short
 *                                          latency, and a slower client's
 *                                          share of them)
 *   audio state=ok|lost|none|off|file msg=S sink=S
 *                                          the output came, went or stalled
 *                                          (off: output null)
 *   setting key=K value=V [min=F max=F choices=S] [about=S]
 *                                          (about: what the setting does,
 *                                          as the configuration file says)
 *   preset index=N name=S prompt=S
 *   stat seconds=N runs=N ok=N avg=F       per requested duration
 *   history time=N backend=S model=S prompt=S secs=N actual=F wall=F
 *           outcome=S error=S loop_seconds=F bpm=F score=F seed=N
 *           (seed: the attempt's, 0 when its generator takes none)
 *   analysis frames=N rate=N loop_start=N loop_end=N bpm=F beats=N bars=N
 *            downbeat=N beat_confidence=F score=F method=S
 *            quality=S metrics=S candidates=S lufs_in=F lra_in=F
 *            true_peak_in=F lufs=F lra=F true_peak=F gain_db=F
 *            (the beat grid: bars 0 when unknown, downbeat in frames
 *            from loop_start, confidence 0..1 or -1 unknown; the loop's
 *            loudness as played before and after normalization: LUFS,
 *            LU, dBTP; -99 for silence)
 *   waveform points=HEX                    2 hex digits of peak per column
 *   favourite id=N title=S artist=S prompt=S backend=S time=N seed=N
 *             bpm=F loop_seconds=F     a favourite; backend "" (and no
 *                                          prompt) for a file, seed 0 when
 *                                          its generator took none
 *   saved path=S frames=N
 *   log level=debug|info|warn msg=S
 *   error code=CODE msg=S [verb=S]        verb: the request that failed
 *   pong [id=S]
 *   bye                                    last line before the engine exits
 *
 *   Error codes: parse, too_long, binary, unknown_verb, unknown_field,
 *   duplicate_field, missing_field, bad_value, unsupported, state, io, audio,
 *   gen, denied, internal.
 */
#ifndef IL_ENGINE_PROTOCOL_H
#define IL_ENGINE_PROTOCOL_H

#include <stddef.h>
#include <sys/types.h>

#include "util/error.h"
#include "util/sbuf.h"

#define PROTO_VERSION 1
#define PROTO_LINE_MAX 8192  /* bytes per line, newline included */
#define PROTO_NAME_MAX 32    /* bytes in a verb or key */
#define PROTO_FIELDS_MAX 48  /* fields per line */
#define PROTO_VALUE_MAX 4096 /* bytes in one value written by proto_fmt_* */

typedef struct il_proto_field {
	char key[PROTO_NAME_MAX + 1];
	const char *value; /* decoded, NUL-terminated, points into the message */
	size_t len;        /* bytes in value */
} il_proto_field;

typedef struct il_proto_msg {
	char verb[PROTO_NAME_MAX + 1];
	int nfields;
	il_proto_field fields[PROTO_FIELDS_MAX];
	char storage[PROTO_LINE_MAX + PROTO_FIELDS_MAX];
} il_proto_msg;

/* Incremental line reader: bytes in, whole messages out. */
typedef struct il_proto_reader {
	char buf[PROTO_LINE_MAX];
	size_t len;
	int discarding; /* inside an overlong line, skipping to its newline */
	int eof;
	int drained; /* the last read took less than it offered: nothing more was waiting */
	unsigned long lineno;
} il_proto_reader;

/* Parse one line (without its newline) into msg.
 * Returns 1 for a message, 0 for a blank or comment line, -1 with err set
 * (err->code is the error code, see proto_err_name). */
int proto_parse_line(const char *line, size_t len, il_proto_msg *msg, il_err *err);

/* The value of field key, or NULL when absent. */
const char *proto_get(const il_proto_msg *msg, const char *key);
/* Read an integer field within [min, max]; 0 or -1 with err set. */
int proto_get_long(const il_proto_msg *msg, const char *key, long min, long max,
		   long *out, il_err *err);
/* Read a finite floating-point field within [min, max]; 0 or -1. */
int proto_get_double(const il_proto_msg *msg, const char *key, double min,
		     double max, double *out, il_err *err);

/* The wire name of an error code ("io", "bad_value"...), as listed above. */
const char *proto_err_name(il_errcode code);

/* Initialise a reader. */
void proto_reader_init(il_proto_reader *r);
/* Read what fd has into the reader: >0 bytes read, 0 at end of input (the
 * reader is then at eof), -1 with errno set (EAGAIN when nothing is there). */
ssize_t proto_reader_read(il_proto_reader *r, int fd);
/* Add n bytes to the reader (for tests and fuzzers); returns bytes taken. */
size_t proto_reader_push(il_proto_reader *r, const char *data, size_t n);
/* Mark the end of input. */
void proto_reader_set_eof(il_proto_reader *r);
/* Take the next message: 1 a message in msg, 0 nothing more for now, -1 a
 * bad line (err set; call again for the next one). */
int proto_reader_next(il_proto_reader *r, il_proto_msg *msg, il_err *err);

/* Start a line with verb in sb (sb is reset first). */
void proto_fmt_begin(il_sbuf *sb, const char *verb);
/* Add a string field, quoted and escaped as needed, cut to PROTO_VALUE_MAX. */
void proto_fmt_str(il_sbuf *sb, const char *key, const char *value);
/* Add an integer field. */
void proto_fmt_long(il_sbuf *sb, const char *key, long value);
/* Add a floating-point field with the given decimals (non-finite as 0). */
void proto_fmt_double(il_sbuf *sb, const char *key, double value, int decimals);
/* Add a field of bytes as lowercase hex, two digits per byte. */
void proto_fmt_hex(il_sbuf *sb, const char *key, const unsigned char *bytes, size_t n);
/* End the line with "\n". */
void proto_fmt_end(il_sbuf *sb);
/* The `volume` request for a listener's words: "N" (0-100) is a level,
 * "+N" or "-N" a change; 0, or -1 with err (nothing written). */
int proto_fmt_volume(il_sbuf *sb, const char *text, il_err *err);
/* Decode a hex field into out (at most n bytes); bytes decoded or -1. */
long proto_hex_decode(const char *hex, unsigned char *out, size_t n);

#endif

/* engine_fav.c: the favourites requests of the engine (favourite,
 * favourites, play_favourite, unfavourite).
 *
 * `favourite` keeps the playing loop in the history's favourites table
 * (store/favourites.h): a composer's loop by what made it (prompt, seed,
 * seconds, the tempo and key the station gave it), any other with a copy of
 * its clip, saved as WAV with its loop points in the favourites folder.
 * `play_favourite` crossfades to the favourite at once, made again by the
 * composer or prepared from its copy, and a generated favourite's prompt
 * becomes the station's, so that the station goes on in its style. All of
 * it runs on the main thread. */
#include "engine/engine_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/player.h"
#include "audio/wavsave.h"
#include "gen/synth.h"
#include "store/favourites.h"
#include "util/timeutil.h"

#define EFAV_LIST_DEFAULT 100
#define EFAV_LIST_MAX 10000

/* The history for request m, or NULL after an `error` event. */
static il_history *efav_history(il_engine *e, const il_proto_msg *m)
{
	il_history *h = engine_gen_history(e);
	if (!h)
		engine_error(e, IL_E_IO, m->verb, "the history, which keeps the favourites, is not available");
	return h;
}

/* True when the composer makes the loop again from what the row keeps. */
static int efav_remakes(const char *backend, long seed)
{
	return !strcmp(backend, "synth") && seed > 0;
}

/* The favourites folder, $XDG_DATA_HOME/infiniloop/favourites, made when
 * missing with mkdir; 0 or -1 with err. */
static int efav_dir(char *out, size_t n, int mkdir, il_err *err)
{
	char data[IL_PATH_MAX];
	if (paths_data_dir(data, sizeof data, err) != 0 || paths_join(out, n, data, "favourites", err) != 0)
		return -1;
	return mkdir ? paths_mkdir_p(out, 0700, err) : 0;
}

/* The saved copy of favourite id: FOLDER/ID-TITLE.wav, the title kept to
 * ASCII letters, digits, - and _ (a space becomes -); 0 or -1 with err. */
static int efav_path(long id, const char *title, char *out, size_t n, il_err *err)
{
	char dir[IL_PATH_MAX], name[96];
	size_t k = 0;
	for (const char *c = title; *c && k < 60; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		    *c == '_')
			name[k++] = *c;
		else if (*c == ' ' && k > 0 && name[k - 1] != '-')
			name[k++] = '-';
	}
	name[k] = '\0';
	if (efav_dir(dir, sizeof dir, 1, err) != 0)
		return -1;
	char file[128];
	snprintf(file, sizeof file, "%ld%s%s.wav", id, k ? "-" : "", name);
	return paths_join(out, n, dir, file, err);
}

/* Emit one `favourite` event (a favourites_list callback). */
static int efav_emit(void *ud, const il_favourite *f)
{
	il_engine *e = ud;
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "favourite");
	proto_fmt_long(&sb, "id", f->id);
	proto_fmt_str(&sb, "title", f->title);
	proto_fmt_str(&sb, "artist", f->artist);
	proto_fmt_str(&sb, "prompt", f->prompt);
	proto_fmt_str(&sb, "backend", f->backend);
	proto_fmt_long(&sb, "time", (long)f->time);
	proto_fmt_long(&sb, "seed", f->seed);
	proto_fmt_double(&sb, "bpm", f->bpm, 1);
	proto_fmt_double(&sb, "loop_seconds", f->loop_seconds, 3);
	proto_fmt_end(&sb);
	engine_emit(e, &sb);
	sbuf_free(&sb);
	return 0;
}

/* Fill f with the loop that track t plays. */
static void efav_from_track(const il_track *t, il_favourite *f)
{
	const il_loop *l = t->loop;
	memset(f, 0, sizeof *f);
	f->time = time_wall();
	snprintf(f->title, sizeof f->title, "%s", l->title);
	snprintf(f->artist, sizeof f->artist, "%s", l->artist);
	snprintf(f->prompt, sizeof f->prompt, "%s", l->backend[0] ? l->prompt : ""); /* a file has none */
	snprintf(f->backend, sizeof f->backend, "%s", l->backend);
	snprintf(f->model, sizeof f->model, "%s", l->model);
	f->seed = l->seed;
	f->secs = l->secs;
	f->station_bpm = l->asked_bpm;
	if (l->asked_key > 0) {
		int root, minor;
		synth_key_decode(l->asked_key, &root, &minor);
		synth_key_name(root, minor, f->station_key, sizeof f->station_key);
	}
	f->loop_seconds = il_track_seconds(t);
	f->bpm = l->bpm;
}

/* Save the clip of t as favourite f's copy and record its path in the
 * row; 0 or -1 with err. */
static int efav_save_copy(il_history *h, il_track *t, il_favourite *f, il_err *err)
{
	il_loop *clip = NULL;
	if (efav_path(f->id, f->title, f->path, sizeof f->path, err) != 0 || il_track_clip(t, &clip, err) != 0)
		return -1;
	int rc = il_wav_save(clip, f->path, 1, err);
	il_loop_free(clip);
	if (rc == 0 && favourites_set_path(h, f->id, f->path, err) != 0) {
		unlink(f->path);
		rc = -1;
	}
	return rc;
}

/* `favourite`: keep the playing loop (once: the same loop again is the
 * favourite it already is); answered by its `favourite` event. */
static void efav_req_favourite(il_engine *e, const il_proto_msg *m)
{
	il_history *h = efav_history(e, m);
	il_player *pl = engine_player_get(e);
	il_track *t = h && pl ? il_player_current(pl) : NULL;
	il_favourite *f = t ? malloc(sizeof *f) : NULL;
	il_err err;
	if (!h)
		return;
	if (!t) {
		engine_error(e, IL_E_STATE, "favourite", "nothing is playing, so there is no loop to mark");
		return;
	}
	if (!f) {
		engine_error(e, IL_E_INTERNAL, "favourite", "out of memory");
		il_track_unref(t);
		return;
	}
	efav_from_track(t, f);
	if (favourites_find(h, f, &f->id, &err) != 0) {
		engine_error_err(e, "favourite", &err);
	} else if (f->id > 0) {
		engine_log(e, ENGINE_INFO, "already a favourite: %s", f->title);
		if (favourites_get(h, f->id, f, &err) == 1)
			efav_emit(e, f);
	} else if (favourites_add(h, f, &f->id, &err) != 0) {
		engine_error_err(e, "favourite", &err);
	} else if (!efav_remakes(f->backend, f->seed) && efav_save_copy(h, t, f, &err) != 0) {
		il_err rm;
		favourites_remove(h, f->id, &rm);
		engine_error(e, IL_E_IO, "favourite", "cannot keep a copy of %s: %s", f->title, err.msg);
	} else {
		engine_log(e, ENGINE_INFO, "favourite: %s", f->title);
		efav_emit(e, f);
	}
	free(f);
	il_track_unref(t);
}

/* `favourites [limit=N]`: one `favourite` event each, newest first. */
static void efav_req_favourites(il_engine *e, const il_proto_msg *m)
{
	il_history *h = efav_history(e, m);
	long limit = EFAV_LIST_DEFAULT;
	il_err err;
	if (!h)
		return;
	if (proto_get(m, "limit") && proto_get_long(m, "limit", 0, EFAV_LIST_MAX, &limit, &err) != 0) {
		engine_error_err(e, "favourites", &err);
		return;
	}
	if (limit > 0 && favourites_list(h, (int)limit, efav_emit, e, &err) != 0)
		engine_error_err(e, "favourites", &err);
}

/* Favourite `id=N` of request m into f; 0, or -1 after an `error` event. */
static int efav_get(il_engine *e, const il_proto_msg *m, il_history *h, il_favourite *f)
{
	long id;
	il_err err;
	if (proto_get_long(m, "id", 1, 2147483647L, &id, &err) != 0) {
		engine_error_err(e, m->verb, &err);
		return -1;
	}
	int rc = favourites_get(h, id, f, &err);
	if (rc < 0)
		engine_error_err(e, m->verb, &err);
	else if (rc == 0)
		engine_error(e, IL_E_BAD_VALUE, m->verb, "there is no favourite %ld", id);
	return rc == 1 ? 0 : -1;
}

/* What play_favourite needs of favourite f, into r. */
static void efav_remake_of(const il_favourite *f, il_engine_remake *r)
{
	int root, minor;
	memset(r, 0, sizeof *r);
	r->id = f->id;
	snprintf(r->title, sizeof r->title, "%s", f->title);
	snprintf(r->artist, sizeof r->artist, "%s", f->artist);
	snprintf(r->prompt, sizeof r->prompt, "%s", f->prompt);
	snprintf(r->backend, sizeof r->backend, "%s", f->backend);
	snprintf(r->model, sizeof r->model, "%s", f->model);
	r->seed = f->seed;
	r->secs = f->secs;
	r->bpm = f->station_bpm;
	r->key = synth_key_parse(f->station_key, &root, &minor) == 0 ? synth_key_code(root, minor) : 0;
	snprintf(r->path, sizeof r->path, "%s", f->path);
}

/* `play_favourite id=N`: crossfade to the favourite at once (made again
 * or prepared from its copy); a generated one's prompt becomes the
 * station's. */
static void efav_req_play(il_engine *e, const il_proto_msg *m)
{
	il_history *h = efav_history(e, m);
	il_favourite *f = h ? malloc(sizeof *f) : NULL;
	il_engine_remake *r = f ? malloc(sizeof *r) : NULL;
	il_err err;
	if (h && !r)
		engine_error(e, IL_E_INTERNAL, "play_favourite", "out of memory");
	if (!r || efav_get(e, m, h, f) != 0)
		goto done;
	efav_remake_of(f, r);
	if (!engine_player_get(e)) {
		engine_error(e, IL_E_AUDIO, "play_favourite", "the player could not be started");
	} else if (r->path[0]) {
		if (access(r->path, R_OK) != 0) {
			engine_error(e, IL_E_IO, "play_favourite", "the copy of favourite %ld is gone: %s: %s", f->id,
				     r->path, strerror(errno));
			goto done;
		}
		if (r->backend[0] && r->prompt[0])
			engine_gen_start_favourite(e, r, 0);
		if (engine_player_play_remake(e, r, &err) != 0)
			engine_error_err(e, "play_favourite", &err);
		else
			engine_log(e, ENGINE_INFO, "playing favourite: %s", f->title);
	} else if (efav_remakes(r->backend, r->seed) && r->prompt[0]) {
		engine_gen_start_favourite(e, r, 1);
		engine_log(e, ENGINE_INFO, "playing favourite: %s (made again from seed %ld)", f->title, r->seed);
	} else {
		engine_error(e, IL_E_STATE, "play_favourite", "favourite %ld has neither a copy nor a seed to make it "
			     "again", f->id);
	}
done:
	free(r);
	free(f);
}

/* `unfavourite id=N`: forget a favourite and remove its copy. */
static void efav_req_unfavourite(il_engine *e, const il_proto_msg *m)
{
	il_history *h = efav_history(e, m);
	il_favourite *f = h ? malloc(sizeof *f) : NULL;
	char dir[IL_PATH_MAX];
	il_err err;
	if (h && !f)
		engine_error(e, IL_E_INTERNAL, "unfavourite", "out of memory");
	if (!f || efav_get(e, m, h, f) != 0) {
		free(f);
		return;
	}
	if (favourites_remove(h, f->id, &err) < 0) {
		engine_error_err(e, "unfavourite", &err);
	} else {
		size_t n = efav_dir(dir, sizeof dir, 0, &err) == 0 ? strlen(dir) : 0;
		if (f->path[0] && n > 0 && !strncmp(f->path, dir, n) && f->path[n] == '/')
			unlink(f->path); /* only a copy of our own */
		engine_log(e, ENGINE_INFO, "no longer a favourite: %s", f->title);
	}
	free(f);
}

/* The favourites requests (see engine_request.h). */
const il_engine_request engine_fav_requests[] = {
	{ "favourite", { NULL }, { NULL }, "", efav_req_favourite },
	{ "favourites", { NULL }, { "limit", NULL }, "[limit=N]", efav_req_favourites },
	{ "play_favourite", { "id", NULL }, { NULL }, "id=N", efav_req_play },
	{ "unfavourite", { "id", NULL }, { NULL }, "id=N", efav_req_unfavourite },
	{ NULL, { NULL }, { NULL }, NULL, NULL },
};

/* Give loop the names and origin of the favourite r it is made from. */
void engine_fav_apply(const il_engine_remake *r, il_loop *loop)
{
	snprintf(loop->title, sizeof loop->title, "%s", r->title);
	snprintf(loop->artist, sizeof loop->artist, "%s", r->artist);
	snprintf(loop->prompt, sizeof loop->prompt, "%s", r->prompt);
	snprintf(loop->backend, sizeof loop->backend, "%s", r->backend);
	snprintf(loop->model, sizeof loop->model, "%s", r->model);
	loop->seed = r->seed;
	loop->secs = r->secs;
	loop->asked_bpm = r->bpm;
	loop->asked_key = r->key;
}

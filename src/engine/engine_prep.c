/* engine_prep.c: the loop preparation worker of the playback part: files
 * to analyse and prepared loops to turn into tracks, one after the other
 * on a thread of their own, then queued for the player. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_internal.h"
#include "engine/engine_player_internal.h"
#include "engine/loopprep.h"

/* Post an `error` event for err from any thread. */
void engine_prep_post_error(il_engine *e, const char *verb, const il_err *err)
{
	il_sbuf sb = SBUF_INIT;
	proto_fmt_begin(&sb, "error");
	proto_fmt_str(&sb, "code", proto_err_name(err->code));
	proto_fmt_str(&sb, "msg", err->msg);
	proto_fmt_str(&sb, "verb", verb);
	proto_fmt_end(&sb);
	engine_post(e, sbuf_str(&sb));
	sbuf_free(&sb);
}

/* Free a job and what it holds. */
void engine_prep_job_free(il_player_job *j)
{
	free(j->path);
	free(j->remake);
	il_loop_free(j->loop);
	free(j);
}

/* Prepare one job on the worker thread and queue the result, unless the
 * queue was dropped (a new station) since the job was taken in epoch. */
static void engine_prep_run(struct engine_player *ep, il_player_job *j, unsigned long epoch)
{
	il_err err;
	il_loop *loop = j->loop;
	j->loop = NULL;
	if (j->path) {
		il_loopprep_opts o = { j->algorithm, j->loudness, j->true_peak };
		if (loopprep_file(j->path, &o, &loop, &err) != 0) {
			engine_prep_post_error(ep->e, "play", &err);
			return;
		}
		if (!loop->title[0]) {
			const char *b = strrchr(j->path, '/');
			snprintf(loop->title, sizeof loop->title, "%s", b ? b + 1 : j->path);
			char *dot = strrchr(loop->title, '.');
			if (dot && dot != loop->title)
				*dot = '\0';
		}
		if (!loop->source[0])
			snprintf(loop->source, sizeof loop->source, "%s", j->path);
		if (j->remake)
			engine_fav_apply(j->remake, loop);
	}
	il_track *t;
	if (il_track_new(loop, &t, &err) != 0) {
		engine_prep_post_error(ep->e, j->remake ? "play_favourite" : "play", &err);
		return;
	}
	t->asked = j->path != NULL || j->remake != NULL; /* a file or a favourite, not the station's */
	char title[sizeof t->loop->title];
	snprintf(title, sizeof title, "%s", t->loop->title);
	double secs = il_track_seconds(t);
	/* Queued under the lock that drops the queue, so that a loop of a
	 * station replaced while it was prepared never follows the new one.
	 * At once (now): a crossfade to it, the queue left as it is; with
	 * nothing playing, it starts as the next loop does. */
	pthread_mutex_lock(&ep->lock);
	int stale = ep->epoch != epoch, jumped = !stale && j->now && il_player_jump(ep->pl, t, &err) == 0;
	unsigned long long at = 0;
	if (stale || jumped)
		il_track_unref(t);
	else
		at = il_player_enqueue(ep->pl, t);
	pthread_mutex_unlock(&ep->lock);
	if (stale) {
		engine_post_log(ep->e, ENGINE_DEBUG, "%s dropped: the queue was cleared while it was prepared", title);
		return;
	}
	engine_post_log(ep->e, ENGINE_INFO, "queued %s (%.3f s loop)", title, secs);
	if (!jumped)
		engine_post_log(ep->e, ENGINE_DEBUG, "%s queued at frame %llu", title, at);
}

/* The worker thread: prepares queued jobs one after the other. */
void *engine_prep_worker(void *arg)
{
	struct engine_player *ep = arg;
	pthread_mutex_lock(&ep->lock);
	for (;;) {
		while (!ep->quit && !ep->jobs)
			pthread_cond_wait(&ep->cond, &ep->lock);
		if (ep->quit)
			break;
		il_player_job *j = ep->jobs;
		unsigned long epoch = ep->epoch;
		ep->jobs = j->next;
		if (!ep->jobs)
			ep->last = NULL;
		pthread_mutex_unlock(&ep->lock);
		engine_prep_run(ep, j, epoch);
		il_player_hold(ep->pl, -1);
		engine_prep_job_free(j);
		pthread_mutex_lock(&ep->lock);
		ep->njobs--;
		/* One loop fewer on its way: the main loop may start the next. */
		pthread_mutex_unlock(&ep->lock);
		engine_post(ep->e, "");
		pthread_mutex_lock(&ep->lock);
	}
	pthread_mutex_unlock(&ep->lock);
	return NULL;
}

/* Hand a job to the worker (now: crossfade to it at once; remake: the
 * favourite a file is a copy of, copied); 0 or -1 when out of memory. */
int engine_prep_push(il_engine *e, const char *path, il_loop *loop, int now, const il_engine_remake *remake)
{
	struct engine_player *ep = e->player;
	il_player_job *j = calloc(1, sizeof *j);
	if (!j || (path && !(j->path = strdup(path))) || (remake && !(j->remake = malloc(sizeof *remake)))) {
		if (j)
			free(j->path);
		free(j);
		il_loop_free(loop);
		return -1;
	}
	if (remake)
		*j->remake = *remake;
	j->now = now;
	j->loop = loop;
	snprintf(j->algorithm, sizeof j->algorithm, "%s", e->set.algorithm);
	snprintf(j->loudness, sizeof j->loudness, "%s", e->set.loudness);
	j->true_peak = e->set.true_peak;
	il_player_hold(ep->pl, 1);
	pthread_mutex_lock(&ep->lock);
	if (ep->last)
		ep->last->next = j;
	else
		ep->jobs = j;
	ep->last = j;
	ep->njobs++;
	pthread_cond_signal(&ep->cond);
	pthread_mutex_unlock(&ep->lock);
	return 0;
}


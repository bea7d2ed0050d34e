/* job_names.c: the protocol words of generation states and the history's
 * words of outcomes (see job.h); apart from the job runner, so that the UI
 * reads them without linking it. */
#include "gen/job.h"

#include <string.h>

static const char *const gen_state_names[] = {
	[GEN_STATE_IDLE] = "idle", [GEN_STATE_RUNNING] = "running",
	[GEN_STATE_ANALYZING] = "analyzing", [GEN_STATE_READY] = "ready",
	[GEN_STATE_RETRY] = "retry", [GEN_STATE_FAILED] = "failed",
	[GEN_STATE_STOPPED] = "stopped",
};

static const char *const gen_outcome_names[] = {
	[GEN_OUTCOME_OK] = "ok", [GEN_OUTCOME_ERROR] = "error",
	[GEN_OUTCOME_TIMEOUT] = "timeout", [GEN_OUTCOME_INVALID] = "invalid",
	[GEN_OUTCOME_ANALYSIS] = "analysis", [GEN_OUTCOME_STOPPED] = "stopped",
	[GEN_OUTCOME_MISSING] = "missing",
};

/* The protocol word of a generation state. */
const char *gen_state_name(il_gen_state s)
{
	return gen_state_names[s];
}

/* Set *s to the generation state named word; 0, or -1 when unknown. */
int gen_state_parse(const char *word, il_gen_state *s)
{
	for (size_t k = 0; word && k < sizeof gen_state_names / sizeof *gen_state_names; k++)
		if (!strcmp(word, gen_state_names[k])) {
			*s = (il_gen_state)k;
			return 0;
		}
	return -1;
}

/* The history's word for an outcome. */
const char *gen_outcome_name(il_gen_outcome o)
{
	return gen_outcome_names[o];
}

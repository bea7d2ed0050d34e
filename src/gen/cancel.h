/* cancel.h: a cancellation flag that can also be waited on with poll(). */
#ifndef IL_GEN_CANCEL_H
#define IL_GEN_CANCEL_H

#include "util/error.h"

typedef struct il_gen_cancel {
	int fd[2];          /* self-pipe: readable once cancelled */
	volatile int flag;  /* non-zero once cancelled */
} il_gen_cancel;

/* Make a fresh, not cancelled flag. 0 or -1 with err. */
int gen_cancel_init(il_gen_cancel *c, il_err *err);
/* Cancel (any thread; idempotent). */
void gen_cancel_request(il_gen_cancel *c);
/* True once cancelled. */
int gen_cancel_requested(const il_gen_cancel *c);
/* Sleep up to secs seconds; 1 when cancelled meanwhile, else 0. */
int gen_cancel_sleep(il_gen_cancel *c, double secs);
/* Release the flag's descriptors. */
void gen_cancel_free(il_gen_cancel *c);

#endif

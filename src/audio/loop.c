/* loop.c: allocation of prepared loops. */
#include "audio/loop.h"

#include <stdlib.h>

/* Allocate an empty loop (all fields zero); NULL when out of memory. */
il_loop *il_loop_new(void)
{
	return calloc(1, sizeof(il_loop));
}

/* Free a loop and its samples (NULL is fine). */
void il_loop_free(il_loop *loop)
{
	if (!loop)
		return;
	free(loop->frames);
	free(loop);
}

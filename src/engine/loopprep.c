/* loopprep.c: from an audio file to a prepared loop. Not built yet. */
#include "engine/loopprep.h"

/* Prepare the loop of the file at path: not built yet. */
int loopprep_file(const char *path, const loopprep_opts *opts, il_loop **out, il_err *err)
{
	(void)opts;
	*out = NULL;
	return il_err_set(err, "%s: loop finding is not available in this build", path);
}

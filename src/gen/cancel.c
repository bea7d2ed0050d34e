/* cancel.c: a cancellation flag that can be polled. */
#include "gen/cancel.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "util/timeutil.h"

/* Make a fresh, not cancelled flag. */
int gen_cancel_init(il_gen_cancel *c, il_err *err)
{
	c->flag = 0;
	if (pipe2(c->fd, O_CLOEXEC | O_NONBLOCK) != 0) {
		c->fd[0] = c->fd[1] = -1;
		return il_err_errno(err, IL_E_INTERNAL, errno, "cannot create a pipe");
	}
	return 0;
}

/* Cancel (any thread; idempotent). */
void gen_cancel_request(il_gen_cancel *c)
{
	if (c->flag)
		return;
	c->flag = 1;
	char b = 1;
	ssize_t w = write(c->fd[1], &b, 1);
	(void)w;
}

/* True once cancelled. */
int gen_cancel_requested(const il_gen_cancel *c)
{
	return c->flag != 0;
}

/* Sleep up to secs seconds; 1 when cancelled meanwhile, else 0. */
int gen_cancel_sleep(il_gen_cancel *c, double secs)
{
	double end = time_mono() + secs;
	while (!c->flag) {
		double left = end - time_mono();
		if (left <= 0)
			return 0;
		struct pollfd p = { c->fd[0], POLLIN, 0 };
		int ms = left > 1.0 ? 1000 : (int)(left * 1000) + 1;
		if (poll(&p, 1, ms) < 0 && errno != EINTR)
			time_sleep(0.01);
	}
	return 1;
}

/* Release the flag's descriptors. */
void gen_cancel_free(il_gen_cancel *c)
{
	for (int k = 0; k < 2; k++)
		if (c->fd[k] >= 0)
			close(c->fd[k]);
	c->fd[0] = c->fd[1] = -1;
}

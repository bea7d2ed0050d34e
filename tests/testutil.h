/* testutil.h: small helpers shared by the test and bench programs. */
#ifndef IL_TESTS_TESTUTIL_H
#define IL_TESTS_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#ifdef CHECK_MAJOR_VERSION
#include "store/paths.h"

/* Remove a test's temporary folder and everything in it; 0 when it is gone. */
static inline int testutil_rmtree(const char *dir)
{
	paths_remove_tree(dir);
	return access(dir, F_OK) == 0 ? -1 : 0;
}

/* Run a Check suite and turn its result into an exit status. */
static inline int testutil_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
#endif

/* The folder for temporary files: $TMPDIR, or /tmp without it. */
static inline const char *testutil_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	return t && *t ? t : "/tmp";
}

/* Make a private folder "$TMPDIR/NAME.XXXXXX" in buf; buf, or NULL when it
 * cannot be made. */
static inline char *testutil_mkdtemp(char *buf, size_t size, const char *name)
{
	if ((size_t)snprintf(buf, size, "%s/%s.XXXXXX", testutil_tmpdir(), name) >= size)
		return NULL;
	return mkdtemp(buf);
}

/* The fields of /proc/PID/stat after the command name (from the state on)
 * read into buf; NULL when the process is gone. */
static inline const char *testutil_proc_stat(pid_t pid, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p + 2 : NULL;
}

/* CPU seconds (user + system) used so far by process pid, from /proc; -1
 * when it is gone. */
static inline double testutil_proc_cpu(pid_t pid)
{
	char buf[2048];
	const char *p = testutil_proc_stat(pid, buf, sizeof buf);
	unsigned long ut = 0, st = 0;
	if (!p || sscanf(p, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

#endif

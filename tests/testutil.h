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

/* CPU seconds (user + system) used so far by process pid, from /proc; -1
 * when it is gone. */
static inline double testutil_proc_cpu(pid_t pid)
{
	char path[64], buf[2048];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	unsigned long ut = 0, st = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

#endif

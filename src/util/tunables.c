/* tunables.c: glibc's malloc tunables for our programs (see tunables.h). */
#include "util/tunables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TUNABLES_VAR "GLIBC_TUNABLES"
/* The user's value while the engine starts: "=VALUE", or "" when unset. */
#define TUNABLES_SAVED "INFINILOOP_GLIBC_TUNABLES"
#define TUNABLES_HUGE "glibc.malloc.hugetlb=1"

extern char **environ;

/* Whether the entry e of an environment sets the variable name. */
static int tunables_is(const char *e, const char *name)
{
	size_t n = strlen(name);
	return strncmp(e, name, n) == 0 && e[n] == '=';
}

/* The environment for a program of the package (see tunables.h). */
char **tunables_env(int engine)
{
	const char *user = getenv(TUNABLES_VAR);
	size_t n = 0;
	while (environ && environ[n])
		n++;
	/* The array, then the strings of the two entries made here. */
	size_t len = user ? strlen(user) : 0;
	size_t value = sizeof TUNABLES_VAR + len + sizeof TUNABLES_HUGE + 1;
	size_t saved = sizeof TUNABLES_SAVED + 1 + len + 1;
	char **env = malloc((n + 3) * sizeof *env + value + saved);
	if (!env)
		return NULL;
	char *s = (char *)(env + n + 3);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!tunables_is(environ[i], TUNABLES_VAR) && !tunables_is(environ[i], TUNABLES_SAVED))
			env[k++] = environ[i];
	if (user && strstr(user, "glibc.malloc.hugetlb="))
		snprintf(s, value, "%s=%s", TUNABLES_VAR, user); /* the user's choice */
	else
		snprintf(s, value, "%s=%s%s%s", TUNABLES_VAR, user ? user : "", user && *user ? ":" : "", TUNABLES_HUGE);
	env[k++] = s;
	if (engine) {
		s += value;
		snprintf(s, saved, "%s=%s%s", TUNABLES_SAVED, user ? "=" : "", user ? user : "");
		env[k++] = s;
	}
	env[k] = NULL;
	return env;
}

/* Put back the user's GLIBC_TUNABLES (see tunables.h). */
void tunables_restore(void)
{
	const char *saved = getenv(TUNABLES_SAVED);
	if (!saved)
		return;
	if (*saved == '=')
		setenv(TUNABLES_VAR, saved + 1, 1);
	else
		unsetenv(TUNABLES_VAR);
	unsetenv(TUNABLES_SAVED);
}

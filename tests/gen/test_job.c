/* test_job.c: the job runner driving tests/gen/fake-musicgpt, a stand-in
 * for MusicGPT with its flags, WAV format, exit codes and ERROR line:
 * success, exit 1, a hang killed at the timeout with its whole process
 * group, truncated, short, silent and NaN clips, a missing binary, the
 * command backend, retries with backoff, cancellation, and prompts with
 * shell metacharacters reaching argv byte for byte; the composer's clip,
 * kept in memory (no file in the work folder), and its validation. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../testutil.h"
#include "gen/job.h"
#include "gen/spawn.h"
#include "gen/synth.h"
#include "util/timeutil.h"

static char dir[256];
static char fake[IL_PATH_MAX];
static il_gen_job_cfg cfg;

/* A temporary folder and a MusicGPT job using the fake, for each test. */
static void setup(void)
{
	ck_assert_ptr_nonnull(testutil_mkdtemp(dir, sizeof dir, "il-job"));
	const char *top = getenv("top_srcdir");
	snprintf(fake, sizeof fake, "%s/tests/gen/fake-musicgpt", top ? top : IL_TOP_SRCDIR);
	memset(&cfg, 0, sizeof cfg);
	cfg.backend = GEN_BACKEND_MUSICGPT;
	snprintf(cfg.model, sizeof cfg.model, "small");
	snprintf(cfg.prompt, sizeof cfg.prompt, "calm piano");
	cfg.secs = 10;
	snprintf(cfg.musicgpt, sizeof cfg.musicgpt, "%s", fake);
	cfg.timeout = 60;
	snprintf(cfg.workdir, sizeof cfg.workdir, "%s", dir);
	unsetenv("FAKE_MUSICGPT_MODE");
	unsetenv("FAKE_MUSICGPT_ARGV");
	unsetenv("FAKE_MUSICGPT_PIDS");
	unsetenv("FAKE_MUSICGPT_ENV");
}

/* Remove the temporary folder. */
static void teardown(void)
{
	ck_assert_int_eq(testutil_rmtree(dir), 0);
}

/* A path inside the temporary folder. */
static const char *tmp_path(const char *name)
{
	static char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

/* Run one attempt of cfg with the fake in the given mode. */
static int run_mode(const char *mode, il_gen_attempt *a)
{
	setenv("FAKE_MUSICGPT_MODE", mode, 1);
	return gen_attempt_run(&cfg, 1, NULL, 0, NULL, a);
}

/* Read /proc/PID/stat: state and process group; 0, or -1 when gone. */
static int proc_stat(int pid, char *state, int *pgrp)
{
	char buf[512];
	const char *p = testutil_proc_stat(pid, buf, sizeof buf);
	int ppid;
	return p && sscanf(p, "%c %d %d", state, &ppid, pgrp) == 3 ? 0 : -1;
}

/* True while pid exists and is not a zombie. */
static int alive(int pid)
{
	char st;
	int pg;
	return proc_stat(pid, &st, &pg) == 0 && st != 'Z' && st != 'X';
}

/* Live processes in process group pgid. */
static int group_members(int pgid)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int count = 0;
	while (d && (de = readdir(d))) {
		int pid = atoi(de->d_name), pg;
		char st;
		if (pid > 0 && proc_stat(pid, &st, &pg) == 0 && pg == pgid && st != 'Z' && st != 'X')
			count++;
	}
	if (d)
		closedir(d);
	return count;
}

/* Wait up to 5 s for pid to be gone (SIGKILL is delivered asynchronously). */
static int gone(int pid)
{
	for (int k = 0; k < 250 && alive(pid); k++)
		time_sleep(0.02);
	return !alive(pid);
}

START_TEST(test_success)
{
	il_gen_attempt a;
	ck_assert_int_eq(run_mode("ok", &a), 0);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "ok");
	ck_assert_str_eq(a.error, "");
	ck_assert(a.actual > 9.93 && a.actual < 9.95); /* (10*50-3)*640 samples at 32 kHz */
	ck_assert_int_eq(access(a.path, R_OK), 0);
	ck_assert_int_eq(a.path[0], '/');
}
END_TEST

START_TEST(test_exit1)
{
	il_gen_attempt a;
	ck_assert_int_eq(run_mode("exit1", &a), -1);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "error");
	ck_assert_msg(strstr(a.error, "MusicGPT failed (exit 1): Failed to run inference"), "%s", a.error);
	ck_assert_int_eq(a.fatal, 0);
	ck_assert_int_ne(access(a.path, F_OK), 0);
}
END_TEST

START_TEST(test_hang_killed)
{
	il_gen_attempt a;
	setenv("FAKE_MUSICGPT_PIDS", tmp_path("pids"), 1);
	cfg.timeout = 1.5;
	ck_assert_int_eq(run_mode("hang", &a), -1);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "timeout");
	ck_assert_msg(strstr(a.error, "did not finish within 2 s"), "%s", a.error);
	FILE *f = fopen(tmp_path("pids"), "r");
	ck_assert_ptr_nonnull(f);
	int leader = 0, child = 0, group = 0;
	ck_assert_int_eq(fscanf(f, "%d %d %d", &leader, &child, &group), 3);
	fclose(f);
	ck_assert_int_eq(group, a.pid); /* the generator ran in the job's own group */
	ck_assert_msg(gone(leader), "the generator %d is still running", leader);
	ck_assert_msg(gone(child), "its child %d was left behind", child);
	ck_assert_int_eq(group_members(a.pid), 0);
}
END_TEST

START_TEST(test_bad_clips)
{
	il_gen_attempt a;
	ck_assert_int_eq(run_mode("truncated", &a), -1);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "invalid");
	ck_assert_msg(strstr(a.error, "expected 318080"), "%s", a.error);
	ck_assert_int_eq(run_mode("short", &a), -1);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "invalid");
	ck_assert_msg(strstr(a.error, "has 158720 samples, expected 318080"), "%s", a.error);
	ck_assert_int_eq(run_mode("silent", &a), -1);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "invalid");
	ck_assert_msg(strstr(a.error, "silent"), "%s", a.error);
	ck_assert_int_eq(run_mode("nan", &a), -1);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "invalid");
	ck_assert_msg(strstr(a.error, "NaN"), "%s", a.error);
	ck_assert_int_ne(access(a.path, F_OK), 0); /* rejected clips are removed */
}
END_TEST

START_TEST(test_missing_binary)
{
	il_gen_attempt a;
	snprintf(cfg.musicgpt, sizeof cfg.musicgpt, "%s", tmp_path("no-such-musicgpt"));
	ck_assert_int_eq(run_mode("ok", &a), -1);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "missing");
	ck_assert_int_eq(a.fatal, 1);
	ck_assert_msg(strstr(a.error, "setting 'musicgpt'") && strstr(a.error, "set musicgpt"), "%s", a.error);
	cfg.musicgpt[0] = '\0';
	char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	setenv("PATH", dir, 1);
	int rc = run_mode("ok", &a);
	if (old)
		setenv("PATH", old, 1);
	free(old);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(a.error, "not in PATH") && strstr(a.error, "'musicgpt' is empty") &&
		      strstr(a.error, "github.com/gabotechs/MusicGPT"), "%s", a.error);
}
END_TEST

/* Read the NUL-separated argv dump into args; returns the count. */
static int read_argv(const char *path, char args[][2048], int max)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	int n = 0, c;
	size_t len = 0;
	while ((c = fgetc(f)) != EOF && n < max) {
		if (c == 0) {
			args[n++][len] = '\0';
			len = 0;
		} else if (len < 2047) {
			args[n][len++] = (char)c;
		}
	}
	fclose(f);
	return n;
}

START_TEST(test_prompt_bytes)
{
	static const char prompt[] = "say \"hi\" 'there' $(touch pwned) `id`; rm -rf nothing & | > <\n"
				     "second line\t\\ $HOME *";
	snprintf(cfg.prompt, sizeof cfg.prompt, "%s", prompt);
	cfg.gpu = 0;
	setenv("FAKE_MUSICGPT_ARGV", tmp_path("argv"), 1);
	il_gen_attempt a;
	ck_assert_int_eq(run_mode("ok", &a), 0);
	char args[16][2048];
	int n = read_argv(tmp_path("argv"), args, 16);
	const char *want[] = { "--model", "small", "--secs", "10", "--output", a.path,
			       "--no-playback", "--no-interactive", "--", prompt };
	ck_assert_int_eq(n, 10);
	for (int k = 0; k < n; k++)
		ck_assert_str_eq(args[k], want[k]);
	ck_assert_int_ne(access("pwned", F_OK), 0);
	ck_assert_int_ne(access(tmp_path("pwned"), F_OK), 0);
}
END_TEST

/* The value of "key=" in the fake's environment dump ("" when absent). */
static const char *env_value(const char *key)
{
	static char line[256];
	FILE *f = fopen(tmp_path("env"), "r");
	ck_assert_ptr_nonnull(f);
	size_t kl = strlen(key);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, key, kl) && line[kl] == '=') {
			fclose(f);
			return line + kl + 1;
		}
	}
	fclose(f);
	return "";
}

START_TEST(test_child_environment)
{
	setenv("FAKE_MUSICGPT_ENV", tmp_path("env"), 1);
	setenv("NO_COLOR", "0", 1);
	snprintf(cfg.affinity, sizeof cfg.affinity, "0");
	il_gen_attempt a;
	ck_assert_int_eq(run_mode("ok", &a), 0);
	ck_assert_str_eq(env_value("NO_COLOR"), "1");
	int mine = getpriority(PRIO_PROCESS, 0);
	ck_assert_int_eq(atoi(env_value("nice")), mine + 10 > 19 ? 19 : mine + 10);
	ck_assert_str_eq(env_value("cpus"), "0");
	const char *io = env_value("io");
	if (*io) /* ionice(1) is there to tell */
		ck_assert_msg(!strcmp(io, "best-effort: prio 7"), "I/O priority: %s", io);
	snprintf(cfg.affinity, sizeof cfg.affinity, "2-1");
	ck_assert_int_eq(run_mode("ok", &a), -1);
	ck_assert_msg(strstr(a.error, "affinity must be a CPU list"), "%s", a.error);
}
END_TEST

START_TEST(test_gpu_flag)
{
	cfg.gpu = 1;
	setenv("FAKE_MUSICGPT_ARGV", tmp_path("argv"), 1);
	il_gen_attempt a;
	ck_assert_int_eq(run_mode("ok", &a), -1);
	ck_assert_msg(strstr(a.error, "No hardware accelerator was detected"), "%s", a.error);
	char args[16][2048];
	int n = read_argv(tmp_path("argv"), args, 16);
	ck_assert_int_eq(n, 11);
	ck_assert_str_eq(args[8], "--gpu");
}
END_TEST

START_TEST(test_command_backend)
{
	cfg.backend = GEN_BACKEND_COMMAND;
	cfg.seed = 1234;
	const char *tmpl[] = { fake, "--secs", "{secs}", "--output", "{output}", "--no-playback",
			       "--no-interactive", "--data-path", "/seeds/{seed}/{secs}", "{prompt}" };
	cfg.command_argc = 10;
	for (int k = 0; k < 10; k++)
		snprintf(cfg.command[k], sizeof cfg.command[k], "%s", tmpl[k]);
	snprintf(cfg.prompt, sizeof cfg.prompt, "a; b $(c) \"d\"");
	cfg.secs = 5;
	setenv("FAKE_MUSICGPT_ARGV", tmp_path("argv"), 1);
	il_gen_attempt a;
	ck_assert_int_eq(run_mode("ok", &a), 0);
	ck_assert(a.actual > 4.9 && a.actual < 4.95);
	ck_assert_int_eq(a.seed, 1234);
	char args[16][2048];
	ck_assert_int_eq(read_argv(tmp_path("argv"), args, 16), 9);
	ck_assert_str_eq(args[1], "5");
	ck_assert_str_eq(args[3], a.path);
	ck_assert_str_eq(args[7], "/seeds/1234/5");
	ck_assert_str_eq(args[8], "a; b $(c) \"d\"");
	cfg.command_argc = 0;
	ck_assert_int_eq(run_mode("ok", &a), -1);
	ck_assert_int_eq(a.fatal, 1);
	ck_assert_msg(strstr(a.error, "command = ["), "%s", a.error);
}
END_TEST

START_TEST(test_progress_bar)
{
	ck_assert(gen_spawn_bar("nothing here") == -1);
	ck_assert(gen_spawn_bar("Generating audio x [00:00:01 elapsed] [#####>----] (3s)") == 0.5);
	ck_assert(gen_spawn_bar("Generating audio [####>] (1s)\rGenerating audio [#>---]") == 0.2);
	ck_assert(gen_spawn_bar("small_fp32 [##########] 10/10") == -1); /* a download bar */
}
END_TEST

static double max_progress;

/* Remember the largest progress reported while running. */
static void progress_report(void *ud, il_gen_state state, double progress, int attempt, double wait,
			    const char *msg)
{
	(void)ud; (void)attempt; (void)wait; (void)msg;
	if (state == GEN_STATE_RUNNING && progress > max_progress)
		max_progress = progress;
}

START_TEST(test_progress_from_bar)
{
	il_gen_hooks h = { NULL, progress_report, NULL, NULL };
	setenv("FAKE_MUSICGPT_MODE", "slow", 1);
	setenv("FAKE_MUSICGPT_SLEEP", "2", 1);
	max_progress = 0;
	il_gen_attempt a;
	ck_assert_int_eq(gen_attempt_run(&cfg, 1, NULL, 0 /* no ETA */, &h, &a), 0);
	unsetenv("FAKE_MUSICGPT_SLEEP");
	/* Without an ETA, any progress comes from the bar drawn on the terminal. */
	ck_assert_msg(max_progress >= 0.2 && max_progress < 1.0, "progress %g", max_progress);
}
END_TEST

static int n_records, n_retries;
static double first_wait;

/* Count reports of retries. */
static void count_report(void *ud, il_gen_state state, double progress, int attempt, double wait,
			 const char *msg)
{
	(void)ud; (void)progress; (void)attempt; (void)msg;
	if (state == GEN_STATE_RETRY) {
		if (!n_retries++)
			first_wait = wait;
	}
}

/* Count attempts that ended. */
static void count_record(void *ud, const il_gen_attempt *a)
{
	(void)ud;
	ck_assert_str_eq(gen_outcome_name(a->outcome), "error");
	n_records++;
}

START_TEST(test_retries)
{
	il_gen_hooks h = { NULL, count_report, NULL, count_record };
	cfg.retries = 1;
	setenv("FAKE_MUSICGPT_MODE", "exit1", 1);
	il_gen_cancel c;
	il_err err;
	ck_assert_int_eq(gen_cancel_init(&c, &err), 0);
	n_records = n_retries = 0;
	ck_assert_int_eq(gen_job_run(&cfg, &h, &c, 0, &err), -1);
	ck_assert_int_eq(n_records, 2);
	ck_assert_int_eq(n_retries, 1);
	ck_assert(first_wait == 2.0);
	ck_assert_msg(strstr(err.msg, "gave up after 2 attempts"), "%s", err.msg);
	gen_cancel_free(&c);
}
END_TEST

/* Cancel the job after half a second. */
static void *cancel_later(void *arg)
{
	time_sleep(0.5);
	gen_cancel_request(arg);
	return NULL;
}

START_TEST(test_cancel)
{
	il_gen_cancel c;
	il_err err;
	ck_assert_int_eq(gen_cancel_init(&c, &err), 0);
	setenv("FAKE_MUSICGPT_MODE", "hang", 1);
	setenv("FAKE_MUSICGPT_PIDS", tmp_path("pids"), 1);
	pthread_t t;
	pthread_create(&t, NULL, cancel_later, &c);
	il_gen_attempt a;
	ck_assert_int_eq(gen_attempt_run(&cfg, 1, &c, 0, NULL, &a), -1);
	pthread_join(t, NULL);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "stopped");
	int leader = 0, child = 0;
	FILE *f = fopen(tmp_path("pids"), "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%d %d", &leader, &child), 2);
	fclose(f);
	ck_assert(gone(leader) && gone(child));
	ck_assert_int_eq(group_members(a.pid), 0);
	gen_cancel_free(&c);
}
END_TEST

/* Entries in the temporary folder (. and .. not counted). */
static int dir_entries(void)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* Accept hook: the composer's clip is in memory and nothing is in the work
 * folder; takes the samples as the pipeline does. */
static int accept_in_memory(void *ud, il_gen_attempt *a, il_err *err)
{
	(void)err;
	int *seen = ud;
	ck_assert_ptr_nonnull(a->samples);
	ck_assert_int_eq(dir_entries(), 0);
	free(a->samples);
	a->samples = NULL;
	(*seen)++;
	return 0;
}

START_TEST(test_synth_in_memory)
{
	cfg.backend = GEN_BACKEND_SYNTH;
	cfg.secs = 5;
	cfg.seed = 3;
	snprintf(cfg.soundfont, sizeof cfg.soundfont, "none"); /* the oscillators: quick */
	il_gen_attempt a;
	ck_assert_int_eq(gen_attempt_run(&cfg, 1, NULL, 0, NULL, &a), 0);
	ck_assert_str_eq(gen_outcome_name(a.outcome), "ok");
	ck_assert_str_eq(a.path, "");
	ck_assert_ptr_nonnull(a.samples);
	ck_assert_uint_eq(a.frames, 5 * SYNTH_RATE);
	ck_assert_double_eq_tol(a.actual, 5.0, 1e-9);
	ck_assert_msg(strstr(a.tags, "LOOPSTART=") == a.tags && strstr(a.tags, "; composer;"), "%s", a.tags);
	ck_assert_int_eq(dir_entries(), 0); /* no clip was written */
	gen_attempt_clear(&a);
	ck_assert_ptr_null(a.samples);
	/* The same through a job, whose accept hook takes the clip. */
	int seen = 0;
	il_gen_hooks h = { &seen, NULL, accept_in_memory, NULL };
	il_err err;
	ck_assert_int_eq(gen_job_run(&cfg, &h, NULL, 0, &err), 0);
	ck_assert_int_eq(seen, 1);
	ck_assert_int_eq(dir_entries(), 0);
	/* A job with no accept hook keeps no clip: no file, and (under the
	 * leak checker) no samples left behind. */
	ck_assert_int_eq(gen_job_run(&cfg, NULL, NULL, 0, &err), 0);
	ck_assert_int_eq(dir_entries(), 0);
}
END_TEST

START_TEST(test_validate_memory)
{
	size_t n = 3 * SYNTH_RATE;
	float *v = calloc(2 * n, sizeof *v);
	ck_assert_ptr_nonnull(v);
	double secs;
	il_err err;
	ck_assert_int_eq(gen_validate_memory(v, n, SYNTH_RATE, 2, 0, &secs, &err), -1);
	ck_assert_msg(strstr(err.msg, "silent"), "%s", err.msg);
	for (size_t i = 0; i < 2 * n; i++)
		v[i] = 0.25f * (float)sin(0.05 * (double)i);
	ck_assert_int_eq(gen_validate_memory(v, n, SYNTH_RATE, 2, (long)n, &secs, &err), 0);
	ck_assert_double_eq_tol(secs, 3.0, 1e-9);
	ck_assert_int_eq(gen_validate_memory(v, n, SYNTH_RATE, 2, (long)n + 1, &secs, &err), -1);
	ck_assert_msg(strstr(err.msg, "expected"), "%s", err.msg);
	ck_assert_int_eq(gen_validate_memory(v, SYNTH_RATE, SYNTH_RATE, 2, 0, &secs, &err), -1);
	ck_assert_msg(strstr(err.msg, "at least 2 s"), "%s", err.msg);
	v[2 * n - 1] = NAN;
	ck_assert_int_eq(gen_validate_memory(v, n, SYNTH_RATE, 2, 0, &secs, &err), -1);
	ck_assert_msg(strstr(err.msg, "NaN"), "%s", err.msg);
	free(v);
}
END_TEST

/* The suite. */
int main(void)
{
	Suite *s = suite_create("job");
	TCase *tc = tcase_create("musicgpt");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_success);
	tcase_add_test(tc, test_exit1);
	tcase_add_test(tc, test_hang_killed);
	tcase_add_test(tc, test_bad_clips);
	tcase_add_test(tc, test_missing_binary);
	tcase_add_test(tc, test_prompt_bytes);
	tcase_add_test(tc, test_child_environment);
	tcase_add_test(tc, test_gpu_flag);
	tcase_add_test(tc, test_command_backend);
	tcase_add_test(tc, test_progress_bar);
	tcase_add_test(tc, test_progress_from_bar);
	tcase_add_test(tc, test_retries);
	tcase_add_test(tc, test_cancel);
	tcase_add_test(tc, test_synth_in_memory);
	tcase_add_test(tc, test_validate_memory);
	suite_add_tcase(s, tc);
	return testutil_run(s);
}

/* test_settings.c: unit tests of the settings store and XDG paths. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../testutil.h"
#include "store/paths.h"
#include "store/settings.h"

static char dir[256];
static char path[300];
static il_settings s;
static il_err err;

/* A fresh temporary folder and config path for each test. */
static void setup(void)
{
	ck_assert_ptr_nonnull(testutil_mkdtemp(dir, sizeof dir, "il-settings"));
	snprintf(path, sizeof path, "%s/sub/config", dir);
}

/* Remove the temporary folder. */
static void teardown(void)
{
	settings_free(&s);
	ck_assert_int_eq(testutil_rmtree(dir), 0);
}

/* Read a whole file into a static buffer. */
static const char *slurp(const char *p)
{
	static char buf[1 << 16];
	FILE *f = fopen(p, "rb");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Write text to a file. */
static void spit(const char *p, const char *text)
{
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Count entries in the config's folder (to catch leftover temp files). */
static int count_files(const char *d)
{
	DIR *dh = opendir(d);
	int n = 0;
	struct dirent *e;
	while (dh && (e = readdir(dh)))
		if (e->d_name[0] != '.')
			n++;
	if (dh)
		closedir(dh);
	return n;
}

START_TEST(test_first_run_creates_documented_file)
{
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_uint_eq(notes.len, 0);
	ck_assert_int_eq(s.duration, 15);
	ck_assert_int_eq(s.min_duration, 30);
	ck_assert_double_eq(s.crossfade, 3.0);
	ck_assert_str_eq(s.backend, "synth");
	ck_assert_str_eq(s.output, "auto");
	ck_assert_str_eq(s.loudness, "-16");
	ck_assert_double_eq(s.true_peak, -1.0);
	ck_assert_str_eq(s.theme, "default");
	ck_assert_int_ge(s.npresets, 20);
	const char *text = slurp(path);
	ck_assert_ptr_nonnull(text);
	for (size_t k = 0; k < settings_ndefs; k++) {
		char want[80];
		snprintf(want, sizeof want, "\n%s = ", settings_defs[k].key);
		if (settings_defs[k].store == SETTING_IN_STATE) { /* runtime state: not in the config */
			ck_assert_msg(!strstr(text, want), "state key %s in the config", settings_defs[k].key);
			continue;
		}
		ck_assert_msg(strstr(text, want), "key %s missing", settings_defs[k].key);
		ck_assert_ptr_nonnull(strstr(text, settings_defs[k].comment));
	}
	ck_assert_ptr_nonnull(strstr(text, "presets = ("));
	/* Loading it again gives the same settings and no notes. */
	il_settings t;
	ck_assert_int_eq(settings_load(&t, path, &notes, &err), 0);
	ck_assert_uint_eq(notes.len, 0);
	ck_assert_int_eq(t.npresets, s.npresets);
	ck_assert_str_eq(t.presets[3].prompt, s.presets[3].prompt);
	settings_free(&t);
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_set_save_roundtrip)
{
	ck_assert_int_eq(settings_load(&s, path, NULL, &err), 0);
	ck_assert_int_eq(settings_set(&s, "minduration", "120", &err), 0);
	ck_assert_int_eq(settings_set(&s, "driver", "file:/tmp/o.wav", &err), 0);
	ck_assert_int_eq(settings_set(&s, "crossfade", "2.5", &err), 0);
	ck_assert_int_eq(settings_set(&s, "gpu", "on", &err), 0);
	ck_assert_int_eq(settings_set(&s, "last_prompt", "a \"quoted\" \\ prompt", &err), 0);
	ck_assert_int_eq(settings_set(&s, "command", "[\"gen\", \"--out\", \"{output}\"]", &err), 0);
	char state[320];
	snprintf(state, sizeof state, "%s/sub/state", dir);
	snprintf(s.state_path, sizeof s.state_path, "%s", state);
	ck_assert_int_eq(settings_save(&s, &err), 0);
	ck_assert_int_eq(settings_state_save(&s, &err), 0);
	ck_assert_int_eq(count_files(dir), 1); /* only sub/, no temp file left */
	il_settings t;
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&t, path, &notes, &err), 0);
	ck_assert_int_eq(settings_state_load(&t, state, &notes, &err), 0);
	ck_assert_msg(notes.len == 0, "%s", sbuf_str(&notes));
	ck_assert_int_eq(t.min_duration, 120);
	ck_assert_str_eq(t.output, "file:/tmp/o.wav");
	ck_assert_double_eq(t.crossfade, 2.5);
	ck_assert_int_eq(t.gpu, 1);
	ck_assert_str_eq(t.last_prompt, "a \"quoted\" \\ prompt");
	ck_assert_int_eq(t.command.argc, 3);
	ck_assert_str_eq(t.command.argv[2], "{output}");
	char v[64];
	ck_assert_int_eq(settings_get(&t, "minduration", v, sizeof v, &err), 0);
	ck_assert_str_eq(v, "120");
	settings_free(&t);
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_set_validation)
{
	settings_defaults(&s);
	ck_assert_int_eq(settings_set(&s, "duration", "4", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "between 5 and 30"));
	ck_assert_int_eq(settings_set(&s, "duration", "12x", &err), -1);
	ck_assert_int_eq(settings_set(&s, "crossfade", "nan", &err), -1);
	ck_assert_int_eq(settings_set(&s, "backend", "cloud", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "synth|musicgpt|command"));
	ck_assert_int_eq(settings_set(&s, "output", "oss", &err), -1);
	ck_assert_int_eq(settings_set(&s, "output", "alsa:", &err), -1);
	ck_assert_int_eq(settings_set(&s, "output", "alsa:plughw:1,0", &err), 0);
	ck_assert_int_eq(settings_set(&s, "loudness", "loud", &err), -1);
	ck_assert_int_eq(settings_set(&s, "loudness", "-71", &err), -1);
	ck_assert_int_eq(settings_set(&s, "loudness", "-23", &err), 0);
	ck_assert_int_eq(settings_set(&s, "loudness", "peak", &err), 0);
	ck_assert_int_eq(settings_set(&s, "true_peak", "0.5", &err), -1);
	ck_assert_int_eq(settings_set(&s, "theme", "../../etc/passwd", &err), -1);
	ck_assert_int_eq(settings_set(&s, "last_prompt", "a\x01b", &err), -1);
	ck_assert_int_eq(settings_set(&s, "musicgpt", "/bin/a\nb", &err), -1);
	ck_assert_int_eq(settings_set(&s, "last_prompt", "a\nb", &err), 0); /* prompts may span lines */
	ck_assert_str_eq(s.last_prompt, "a\nb");
	ck_assert_int_eq(settings_set(&s, "nosuch", "1", &err), -1);
	ck_assert_int_eq(s.duration, 15); /* nothing changed */
}
END_TEST

START_TEST(test_malformed_file_kept)
{
	char sub[300];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	mkdir(sub, 0700);
	const char *bad = "duration = 20;\nmin_duration = = 3;\n";
	spit(path, bad);
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_msg(strstr(sbuf_str(&notes), "/sub/config:2: "), "%s", sbuf_str(&notes));
	ck_assert_ptr_nonnull(strstr(sbuf_str(&notes), "your file is left as it is"));
	ck_assert_int_eq(s.duration, 15); /* defaults */
	ck_assert_int_eq(settings_set(&s, "duration", "25", &err), 0);
	ck_assert_int_eq(settings_save(&s, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "has errors"));
	ck_assert_str_eq(slurp(path), bad);
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_out_of_range_and_wrong_type)
{
	char sub[300];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	mkdir(sub, 0700);
	const char *text = "duration = 20;\n"
			   "min_duration = 5000;\n"
			   "crossfade = \"long\";\n"
			   "backend = \"cloud\";\n"
			   "theme = [1, 2];\n"
			   "colour = 3;\n"
			   "presets = ( { name = \"Mine\"; prompt = \"my prompt\"; }, { name = \"\"; } );\n";
	spit(path, text);
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	const char *n = sbuf_str(&notes);
	ck_assert_msg(strstr(n, ":2: min_duration must be between 10 and 300, not 5000; using default 30"), "%s", n);
	ck_assert_msg(strstr(n, ":3: crossfade must be a number"), "%s", n);
	ck_assert_msg(strstr(n, ":4: backend must be one of"), "%s", n);
	ck_assert_msg(strstr(n, ":5: theme is an array"), "%s", n);
	ck_assert_msg(strstr(n, ":6: unknown setting 'colour'"), "%s", n);
	ck_assert_msg(strstr(n, "preset 2 needs a name"), "%s", n);
	ck_assert_int_eq(s.duration, 20);      /* good values kept */
	ck_assert_int_eq(s.min_duration, 30);  /* bad ones at default */
	ck_assert_str_eq(s.backend, "synth");
	ck_assert_int_eq(s.npresets, 1);
	ck_assert_str_eq(s.presets[0].name, "Mine");
	/* Saving keeps the user's original as config.bak. */
	ck_assert_int_eq(settings_save(&s, &err), 0);
	char bak[320];
	snprintf(bak, sizeof bak, "%s.bak", path);
	ck_assert_str_eq(slurp(bak), text);
	ck_assert_ptr_nonnull(strstr(slurp(path), "min_duration = 30;"));
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_config_is_directory)
{
	ck_assert_int_eq(paths_mkdir_p(path, 0700, &err), 0);
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&notes), "is a directory"));
	ck_assert_int_eq(settings_save(&s, &err), -1);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_unwritable_folder)
{
	if (geteuid() == 0)
		return; /* root writes anywhere; nothing to show */
	char ro[300];
	snprintf(ro, sizeof ro, "%s/ro", dir);
	mkdir(ro, 0500);
	snprintf(path, sizeof path, "%s/ro/config", dir);
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&notes), "could not create"));
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_xdg_paths)
{
	char out[IL_PATH_MAX];
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	ck_assert_int_eq(paths_config_file(out, sizeof out, &err), 0);
	ck_assert_str_eq(out, "/x/conf/infiniloop/config");
	setenv("XDG_CONFIG_HOME", "relative/ignored", 1);
	setenv("HOME", "/home/u", 1);
	ck_assert_int_eq(paths_config_dir(out, sizeof out, &err), 0);
	ck_assert_str_eq(out, "/home/u/.config/infiniloop");
	unsetenv("XDG_DATA_HOME");
	ck_assert_int_eq(paths_data_dir(out, sizeof out, &err), 0);
	ck_assert_str_eq(out, "/home/u/.local/share/infiniloop");
	setenv("XDG_CONFIG_HOME", dir, 1);
	char ud[400];
	snprintf(ud, sizeof ud, "%s/user-dirs.dirs", dir);
	spit(ud, "# comment\nXDG_MUSIC_DIR=\"$HOME/Musik\"\n");
	ck_assert_int_eq(paths_music_dir(out, sizeof out, &err), 0);
	ck_assert_str_eq(out, "/home/u/Musik");
	unlink(ud);
	ck_assert_int_eq(paths_music_dir(out, sizeof out, &err), 0);
	ck_assert_str_eq(out, "/home/u/Music");
}
END_TEST

START_TEST(test_tmpdir_private)
{
	char t[IL_PATH_MAX];
	setenv("TMPDIR", dir, 1);
	ck_assert_int_eq(paths_tmpdir_create(t, sizeof t, &err), 0);
	struct stat st;
	ck_assert_int_eq(stat(t, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	char f[IL_PATH_MAX + 8];
	snprintf(f, sizeof f, "%s/x.wav", t);
	spit(f, "x");
	paths_tmpdir_remove(t);
	ck_assert_int_ne(stat(t, &st), 0);
}
END_TEST

/* Make dir/sub for a test that writes its own config. */
static void make_sub(void)
{
	char sub[300];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	mkdir(sub, 0700);
}

START_TEST(test_set_rewrites_the_file_on_disk)
{
	make_sub();
	char inc[320];
	snprintf(inc, sizeof inc, "%s/sub/extra.cfg", dir);
	spit(inc, "retries = 7;\n");
	char text[1024];
	snprintf(text, sizeof text,
		 "# my own comment\n"
		 "duration = 20; # trailing note\n"
		 "@include \"%s\"\n"
		 "colour = 3;\n"
		 "/* block */ crossfade = 1.5;\n", inc);
	spit(path, text);
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_int_eq(s.retries, 7);
	/* Another instance (or a hand edit) changes the file after we loaded it. */
	snprintf(text, sizeof text,
		 "# my own comment\n"
		 "duration = 25; # trailing note\n"
		 "@include \"%s\"\n"
		 "colour = 3;\n"
		 "/* block */ crossfade = 1.5;\n", inc);
	spit(path, text);
	ck_assert_int_eq(settings_set(&s, "crossfade", "4", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("crossfade"), &err), 0);
	char want[1024];
	snprintf(want, sizeof want,
		 "# my own comment\n"
		 "duration = 25; # trailing note\n"
		 "@include \"%s\"\n"
		 "colour = 3;\n"
		 "/* block */ crossfade = 4;\n", inc);
	ck_assert_str_eq(slurp(path), want);
	/* A key the file lacks is appended with its comment. */
	ck_assert_int_eq(settings_set(&s, "seed", "9", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("seed"), &err), 0);
	ck_assert_ptr_nonnull(strstr(slurp(path), want));
	ck_assert_ptr_nonnull(strstr(slurp(path), "\nseed = 9;\n"));
	/* A key set in an included file is changed there. */
	ck_assert_int_eq(settings_set(&s, "retries", "2", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("retries"), &err), 0);
	ck_assert_str_eq(slurp(inc), "retries = 2;\n");
	ck_assert_ptr_null(strstr(slurp(path), "retries"));
	/* The result still loads, with the other instance's value. */
	il_settings t;
	sbuf_reset(&notes);
	ck_assert_int_eq(settings_load(&t, path, &notes, &err), 0);
	ck_assert_int_eq(t.duration, 25);
	ck_assert_double_eq(t.crossfade, 4.0);
	ck_assert_int_eq(t.retries, 2);
	ck_assert_int_eq(t.seed, 9);
	settings_free(&t);
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_symlinked_config_stays_a_link)
{
	make_sub();
	char target[320];
	snprintf(target, sizeof target, "%s/real-config", dir);
	spit(target, "duration = 20;\n");
	ck_assert_int_eq(symlink("../real-config", path), 0);
	ck_assert_int_eq(settings_load(&s, path, NULL, &err), 0);
	ck_assert_int_eq(s.duration, 20);
	ck_assert_int_eq(settings_set(&s, "duration", "10", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("duration"), &err), 0);
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_str_eq(slurp(target), "duration = 10;\n");
}
END_TEST

START_TEST(test_alias_in_the_file)
{
	make_sub();
	spit(path, "minduration = 40;\n");
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_msg(notes.len == 0, "%s", sbuf_str(&notes));
	ck_assert_int_eq(s.min_duration, 40);
	ck_assert_int_eq(settings_set(&s, "min_duration", "50", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("min_duration"), &err), 0);
	ck_assert_str_eq(slurp(path), "min_duration = 50;\n"); /* replaced, not doubled */
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_state_is_not_config)
{
	il_opts o;
	memset(&o, 0, sizeof o);
	o.config = path;
	o.output = "null";
	o.theme = "light";
	o.duration = 20;
	o.seed = 42;
	char state[320];
	snprintf(state, sizeof state, "%s/state-home", dir);
	setenv("XDG_STATE_HOME", state, 1);
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load_for(&o, SETTINGS_FOR_ENGINE, &s, &notes, &err), 0);
	ck_assert_str_eq(s.output, "null");
	ck_assert_int_eq(s.seed, 42);
	char before[1 << 16];
	snprintf(before, sizeof before, "%s", slurp(path));
	/* Runtime state goes to the state file; the config stays as it is. */
	ck_assert_int_eq(settings_set(&s, "volume", "55", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("volume"), &err), 0);
	ck_assert_int_eq(settings_set(&s, "last_prompt", "calm piano", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("last_prompt"), &err), 0);
	ck_assert_str_eq(slurp(path), before);
	char sf[400];
	snprintf(sf, sizeof sf, "%s/infiniloop/state", state);
	ck_assert_ptr_nonnull(strstr(slurp(sf), "volume = 55;"));
	ck_assert_ptr_nonnull(strstr(slurp(sf), "last_prompt = \"calm piano\";"));
	/* A `set` writes that key only: the one-run options stay out. */
	ck_assert_int_eq(settings_set(&s, "crossfade", "2", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("crossfade"), &err), 0);
	const char *text = slurp(path);
	ck_assert_ptr_nonnull(strstr(text, "\ncrossfade = 2;"));
	ck_assert_ptr_nonnull(strstr(text, "\noutput = \"auto\";"));
	ck_assert_ptr_nonnull(strstr(text, "\ntheme = \"default\";"));
	ck_assert_ptr_nonnull(strstr(text, "\nduration = 15;"));
	ck_assert_ptr_nonnull(strstr(text, "\nseed = 0;"));
	/* The next run reads the state back. */
	o.output = o.theme = NULL;
	o.duration = o.seed = -1;
	il_settings t;
	ck_assert_int_eq(settings_load_for(&o, SETTINGS_FOR_ENGINE, &t, &notes, &err), 0);
	ck_assert_int_eq(t.volume, 55);
	ck_assert_str_eq(t.last_prompt, "calm piano");
	ck_assert_str_eq(t.output, "auto"); /* the default: --output null was for one run */
	ck_assert_int_eq(t.seed, 0);
	settings_free(&t);
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_validation_hooks)
{
	settings_defaults(&s);
	ck_assert_int_eq(settings_set(&s, "affinity", "abc", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "CPU list"));
	ck_assert_int_eq(settings_set(&s, "affinity", "9999", &err), -1);
	ck_assert_msg(strstr(err.msg, "CPU 9999"), "%s", err.msg);
	ck_assert_int_eq(settings_set(&s, "affinity", "0", &err), 0);
	ck_assert_int_eq(settings_set(&s, "affinity", "", &err), 0);
	ck_assert_int_eq(settings_set(&s, "seed", "-1", &err), -1);
	ck_assert_str_eq(err.msg, "seed must be between 0 and 2147483647, not -1");
	ck_assert_int_eq(settings_set(&s, "seed", "2147483647", &err), 0);
	ck_assert_int_eq(s.seed, 2147483647L);
	/* Lists go through the table too, in the file's syntax. */
	ck_assert_int_eq(settings_set(&s, "command", "[\"a\", \"{prompt}\"]", &err), 0);
	ck_assert_int_eq(s.command.argc, 2);
	char v[256];
	ck_assert_int_eq(settings_get(&s, "command", v, sizeof v, &err), 0);
	ck_assert_str_eq(v, "[\"a\", \"{prompt}\"]");
	ck_assert_int_eq(settings_set(&s, "command", "not a list", &err), -1);
	ck_assert_int_eq(settings_set(&s, "presets", "({ name = \"X\"; prompt = \"x y\"; })", &err), 0);
	ck_assert_int_eq(s.npresets, 1);
	ck_assert_str_eq(s.presets[0].prompt, "x y");
}
END_TEST

START_TEST(test_huge_string_refused)
{
	make_sub();
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("duration = 20;\nlast_prompt = \"", f);
	for (int k = 0; k < (4 << 20) - 64; k++)
		fputc('a', f);
	fputs("\";\n", f);
	fclose(f);
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_msg(strstr(sbuf_str(&notes), "config:2: a string of"), "%s", sbuf_str(&notes));
	ck_assert(s.file_broken);
	ck_assert_int_eq(s.duration, 15);
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_huge_number_of_keys_refused)
{
	make_sub();
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("duration = 20;\n", f);
	for (int k = 0; k < 50000; k++)
		fprintf(f, "k%d = 1;\n", k);
	fclose(f);
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_msg(strstr(sbuf_str(&notes), "config: 50001 settings"), "%.200s", sbuf_str(&notes));
	ck_assert(s.file_broken);
	ck_assert_int_eq(s.duration, 15);
	sbuf_free(&notes);
}
END_TEST

START_TEST(test_edit_odd_but_valid_files)
{
	make_sub();
	/* No terminator between a number and the next name. */
	spit(path, "crossfade = 2.5x = 1;\n");
	ck_assert_int_eq(settings_load(&s, path, NULL, &err), 0);
	ck_assert_double_eq(s.crossfade, 2.5);
	ck_assert_int_eq(settings_set(&s, "crossfade", "4", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("crossfade"), &err), 0);
	ck_assert_str_eq(slurp(path), "crossfade = 4;x = 1;\n");
	/* A block comment left open runs to the end: it is closed first. */
	spit(path, "duration = 20;\n/* open");
	settings_free(&s);
	ck_assert_int_eq(settings_load(&s, path, NULL, &err), 0);
	ck_assert_int_eq(settings_set(&s, "crossfade", "4", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("crossfade"), &err), 0);
	il_settings t;
	ck_assert_int_eq(settings_load(&t, path, NULL, &err), 0);
	ck_assert_double_eq(t.crossfade, 4.0);
	ck_assert_int_eq(t.duration, 20);
	settings_free(&t);
	/* A string left open at the end: an edit that would not read back is
	 * refused and the file is left as it is. */
	const char *open_string = "duration = 20;\nx = \"a\" \"b";
	spit(path, open_string);
	settings_free(&s);
	ck_assert_int_eq(settings_load(&s, path, NULL, &err), 0);
	if (!s.file_broken) {
		ck_assert_int_eq(settings_set(&s, "crossfade", "4", &err), 0);
		ck_assert_int_eq(settings_save_key(&s, settings_find("crossfade"), &err), -1);
		ck_assert_msg(strstr(err.msg, "cannot edit safely"), "%s", err.msg);
		ck_assert_str_eq(slurp(path), open_string);
	}
}
END_TEST

START_TEST(test_on_loop_list)
{
	make_sub();
	/* Off by default; the first-run file shows both keys. */
	ck_assert_int_eq(settings_load(&s, path, NULL, &err), 0);
	ck_assert_int_eq(s.on_loop.argc, 0);
	ck_assert_int_eq(s.on_loop_timeout, 5);
	ck_assert_ptr_nonnull(strstr(slurp(path), "\non_loop = [];\n"));
	ck_assert_ptr_nonnull(strstr(slurp(path), "\non_loop_timeout = 5;\n"));
	settings_free(&s);
	/* From the file: strings kept byte for byte, independent of command. */
	spit(path, "command = [\"gen\", \"{output}\"];\n"
		   "on_loop = [\"hook\", \"{title} - {artist}\", \"a \\\"q\\\"; b\"];\n"
		   "on_loop_timeout = 12;\n");
	il_sbuf notes = SBUF_INIT;
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	ck_assert_msg(notes.len == 0, "%s", sbuf_str(&notes));
	ck_assert_int_eq(s.on_loop.argc, 3);
	ck_assert_str_eq(s.on_loop.argv[0], "hook");
	ck_assert_str_eq(s.on_loop.argv[1], "{title} - {artist}");
	ck_assert_str_eq(s.on_loop.argv[2], "a \"q\"; b");
	ck_assert_ptr_null(s.on_loop.argv[3]);
	ck_assert_int_eq(s.on_loop_timeout, 12);
	ck_assert_int_eq(s.command.argc, 2);
	ck_assert_str_eq(s.command.argv[1], "{output}");
	char v[512];
	ck_assert_int_eq(settings_get(&s, "on_loop", v, sizeof v, &err), 0);
	ck_assert_str_eq(v, "[\"hook\", \"{title} - {artist}\", \"a \\\"q\\\"; b\"]");
	/* set (the protocol's text form), saved as one key, read back. */
	ck_assert_int_eq(settings_set(&s, "on_loop", "[\"notify-send\", \"{title}\"]", &err), 0);
	ck_assert_int_eq(settings_save_key(&s, settings_find("on_loop"), &err), 0);
	ck_assert_ptr_nonnull(strstr(slurp(path), "\non_loop = [\"notify-send\", \"{title}\"];\n"));
	il_settings t;
	sbuf_reset(&notes);
	ck_assert_int_eq(settings_load(&t, path, &notes, &err), 0);
	ck_assert_msg(notes.len == 0, "%s", sbuf_str(&notes));
	ck_assert_int_eq(t.on_loop.argc, 2);
	ck_assert_str_eq(t.on_loop.argv[1], "{title}");
	ck_assert_int_eq(t.command.argc, 2);
	settings_free(&t);
	/* An empty list turns it off. */
	ck_assert_int_eq(settings_set(&s, "on_loop", "[]", &err), 0);
	ck_assert_int_eq(s.on_loop.argc, 0);
	/* Refused values leave the setting as it was. */
	ck_assert_int_eq(settings_set(&s, "on_loop", "[\"a\"]", &err), 0);
	ck_assert_int_eq(settings_set(&s, "on_loop", "notify-send {title}", &err), -1);
	ck_assert_msg(strstr(err.msg, "on_loop must be written as in the file"), "%s", err.msg);
	ck_assert_int_eq(settings_set(&s, "on_loop", "(\"a\", 2)", &err), -1);
	ck_assert_str_eq(err.msg, "on_loop must hold strings of under 256 bytes");
	char many[1024] = "[";
	for (int k = 0; k <= SETTINGS_ARGV_MAX; k++)
		strcat(many, k ? ", \"x\"" : "\"x\"");
	strcat(many, "]");
	ck_assert_int_eq(settings_set(&s, "on_loop", many, &err), -1);
	ck_assert_str_eq(err.msg, "on_loop must be a list of at most 64 strings");
	ck_assert_int_eq(settings_check(settings_find("on_loop"), "[\"b\"]", &err), 0);
	ck_assert_int_eq(s.on_loop.argc, 1);
	ck_assert_str_eq(s.on_loop.argv[0], "a");
	ck_assert_int_eq(settings_set(&s, "on_loop_timeout", "0", &err), -1);
	ck_assert_str_eq(err.msg, "on_loop_timeout must be between 1 and 60, not 0");
	ck_assert_int_eq(settings_set(&s, "on_loop_timeout", "61", &err), -1);
	settings_free(&s);
	/* Bad values in the file: noted with their line, the default kept. */
	spit(path, "on_loop = \"notify-send\";\non_loop_timeout = 90;\n");
	sbuf_reset(&notes);
	ck_assert_int_eq(settings_load(&s, path, &notes, &err), 0);
	const char *n = sbuf_str(&notes);
	ck_assert_msg(strstr(n, ":1: on_loop must be a list of at most 64 strings; ignored"), "%s", n);
	ck_assert_msg(strstr(n, ":2: on_loop_timeout must be between 1 and 60, not 90; using default 5"), "%s", n);
	ck_assert_int_eq(s.on_loop.argc, 0);
	ck_assert_int_eq(s.on_loop_timeout, 5);
	sbuf_free(&notes);
}
END_TEST

/* A setting's description is its comment as one line of plain text: no
 * line breaks, no "# " of the file; cut, not overrun, in a short buffer. */
START_TEST(test_about_is_one_line)
{
	char out[1024];
	settings_about(settings_find("on_loop"), out, sizeof out);
	ck_assert_msg(!strncmp(out, "Run each time a loop starts", 27), "%s", out);
	ck_assert_msg(!strchr(out, '\n') && !strstr(out, "# "), "%s", out);
	ck_assert_msg(strstr(out, "no shell; empty: nothing. Placeholders:"), "%s", out);
	settings_about(settings_find("duration"), out, sizeof out);
	ck_assert_str_eq(out, "Seconds of audio generated per clip (5-30).");
	char small[8];
	settings_about(settings_find("duration"), small, sizeof small);
	ck_assert_str_eq(small, "Seconds");
}
END_TEST

/* The suite of settings tests. */
static Suite *settings_suite(void)
{
	Suite *su = suite_create("settings");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_first_run_creates_documented_file);
	tcase_add_test(tc, test_set_save_roundtrip);
	tcase_add_test(tc, test_set_validation);
	tcase_add_test(tc, test_malformed_file_kept);
	tcase_add_test(tc, test_out_of_range_and_wrong_type);
	tcase_add_test(tc, test_config_is_directory);
	tcase_add_test(tc, test_unwritable_folder);
	tcase_add_test(tc, test_xdg_paths);
	tcase_add_test(tc, test_tmpdir_private);
	tcase_add_test(tc, test_set_rewrites_the_file_on_disk);
	tcase_add_test(tc, test_symlinked_config_stays_a_link);
	tcase_add_test(tc, test_alias_in_the_file);
	tcase_add_test(tc, test_state_is_not_config);
	tcase_add_test(tc, test_validation_hooks);
	tcase_add_test(tc, test_huge_string_refused);
	tcase_add_test(tc, test_huge_number_of_keys_refused);
	tcase_add_test(tc, test_edit_odd_but_valid_files);
	tcase_add_test(tc, test_on_loop_list);
	tcase_add_test(tc, test_about_is_one_line);
	suite_add_tcase(su, tc);
	return su;
}

/* Run the suite; exit status 0 when every test passed. */
int main(void)
{
	return testutil_run(settings_suite());
}

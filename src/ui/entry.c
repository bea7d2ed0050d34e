/* entry.c: the bottom row's questions (see entry.h). */
#include "ui/entry.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "ui/app.h"
#include "store/paths.h"
#include "ui/commands.h"

/* Open the row in mode with a label and initial text (may be NULL). */
void entry_open(il_ui_app *a, int mode, const char *label, const char *initial)
{
	il_entry *e = &a->entry;
	e->mode = mode;
	e->hint[0] = '\0';
	snprintf(e->label, sizeof e->label, "%s", label);
	cmdline_start(&e->cl, mode % CL_SLOTS, initial);
	app_dirty(a, UIM_D_MSG);
}

/* Ask, on quitting with music, whether it stops too. */
void entry_confirm_quit(il_ui_app *a)
{
	entry_open(a, ENTRY_CONFIRM_QUIT, "Quit: stop the music too? (y: stop it, n/d: leave it playing, "
		   "Esc: stay) ", "");
}

/* Ask before replacing the file at path, as q asks before quitting. */
void entry_confirm_save(il_ui_app *a, const char *path)
{
	char label[sizeof a->entry.label];
	snprintf(label, sizeof label, "%s exists. Overwrite? (y/n) ", path);
	entry_open(a, ENTRY_CONFIRM_SAVE, label, "");
	snprintf(a->entry.path, sizeof a->entry.path, "%s", path);
}

/* Close the row. */
void entry_close(il_ui_app *a)
{
	a->entry.mode = ENTRY_NONE;
	app_dirty(a, UIM_D_MSG | UIM_D_STATUS);
}

/* The history file's path into out; -1 with err. */
static int entry_history_path(char *out, size_t n, il_err *err)
{
	char dir[IL_PATH_MAX];
	if (paths_state_dir(dir, sizeof dir, err) != 0)
		return -1;
	return paths_join(out, n, dir, "history", err);
}

/* Read the line histories kept across sessions (see entry.h). */
void entry_history_load(il_ui_app *a)
{
	char path[IL_PATH_MAX];
	il_err err;
	FILE *f = entry_history_path(path, sizeof path, &err) == 0 ? fopen(path, "r") : NULL;
	if (!f)
		return;
	cmdline_history_read(&a->entry.cl, f);
	fclose(f);
}

/* Write the line histories (see entry.h). */
int entry_history_save(il_ui_app *a, il_err *err)
{
	char path[IL_PATH_MAX], dir[IL_PATH_MAX], tmp[IL_PATH_MAX + 8];
	if (paths_state_dir(dir, sizeof dir, err) != 0 || paths_mkdir_p(dir, 0700, err) != 0 ||
	    entry_history_path(path, sizeof path, err) != 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s.new", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return il_err_errno(err, IL_E_IO, errno, "cannot write %s", tmp);
	}
	cmdline_history_write(&a->entry.cl, f);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return il_err_errno(err, IL_E_IO, errno, "cannot write %s", path);
	}
	return 0;
}

/* Enter: act on the line according to the mode. */
static void entry_accept(il_ui_app *a)
{
	il_entry *e = &a->entry;
	char line[4 * CL_MAX + 8]; /* the whole line, in UTF-8 */
	cmdline_text(&e->cl, -1, line, sizeof line);
	int mode = e->mode;
	cmdline_remember(&e->cl, line);
	entry_close(a);
	switch (mode) {
	case ENTRY_COMMAND:
		commands_run(a, line);
		break;
	case ENTRY_PROMPT:
		if (line[0])
			app_start(a, line);
		break;
	case ENTRY_SAVE:
		if (line[0])
			app_save(a, line, 0);
		break;
	case ENTRY_SETTING:
		app_set_checked(a, e->key, line);
		break;
	default:
		break;
	}
}

/* Handle one key while the row is open. */
void entry_key(il_ui_app *a, int key)
{
	il_entry *e = &a->entry;
	app_dirty(a, UIM_D_MSG);
	if (e->mode == ENTRY_CONFIRM_QUIT || e->mode == ENTRY_CONFIRM_SAVE) {
		int mode = e->mode, yes = key == 'y' || key == 'Y';
		int leave = key == 'n' || key == 'N' || key == 'd' || key == 'D';
		entry_close(a);
		if (mode == ENTRY_CONFIRM_SAVE && yes)
			app_save(a, e->path, 1);
		else if (mode == ENTRY_CONFIRM_SAVE)
			app_msg(a, UIM_MSG_INFO, "not saved");
		else if (yes)
			app_quit(a, APP_QUIT_STOP);
		else if (leave)
			app_quit(a, APP_QUIT_DETACH);
		else
			app_msg(a, UIM_MSG_INFO, "not quitting");
		return;
	}
	e->hint[0] = '\0';
	switch (cmdline_edit(&e->cl, key, a->t.utf8)) {
	case CMDLINE_CANCEL:
		if (e->mode == ENTRY_FILTER)
			app_filter_presets(a, "");
		entry_close(a);
		return;
	case CMDLINE_ACCEPT:
		entry_accept(a);
		return;
	case CMDLINE_EMPTIED:
		if (e->mode != ENTRY_FILTER)
			entry_close(a);
		return;
	case CMDLINE_TAB:
		if (e->mode == ENTRY_COMMAND)
			commands_complete(a, &e->cl, e->hint, sizeof e->hint);
		return;
	case CMDLINE_EDITED:
		break;
	}
	if (e->mode == ENTRY_FILTER) {
		char text[sizeof a->filter];
		cmdline_text(&e->cl, -1, text, sizeof text);
		app_filter_presets(a, text);
	}
}

/* Draw the row at y: label, the text scrolled to keep the cursor visible,
 * and completion candidates after it when there is room. */
void entry_draw(il_ui_app *a, int y)
{
	il_entry *e = &a->entry;
	il_tui *t = &a->t;
	uidraw_fill(t, y, 0, t->cols, ROLE_NORMAL);
	int x = uidraw_text(t, y, 0, t->cols, ROLE_HINT_KEY, e->label);
	int room = t->cols - x - 1;
	if (room <= 0)
		return;
	char before[4096], all[4096];
	cmdline_text(&e->cl, e->cl.cur, before, sizeof before);
	cmdline_text(&e->cl, -1, all, sizeof all);
	int wb = uidraw_width(t, before);
	const char *p = all;
	int skip = wb > room ? wb - room + 1 : 0;
	while (skip > 0 && *p) {
		size_t n = 1;
		while ((p[n] & 0xc0) == 0x80)
			n++;
		p += n;
		skip--;
	}
	int end = x + uidraw_text(t, y, x, room + 1, ROLE_NORMAL, p);
	if (e->hint[0] && end + 2 < t->cols)
		uidraw_text(t, y, end + 2, t->cols - end - 2, ROLE_DIM, e->hint);
	int cx = x + (wb > room ? room - 1 : wb);
	move(y, cx < t->cols ? cx : t->cols - 1);
}

/* paths.h: XDG locations, data-file lookup and the private temp directory. */
#ifndef IL_STORE_PATHS_H
#define IL_STORE_PATHS_H

#include <stddef.h>

#include "util/error.h"

#define IL_PATH_MAX 4096
#define IL_ENGINE_NAME "infiniloop-engine" /* the engine program (Makefile.am names it too) */
#define IL_FLUID_NAME "infiniloop-fluid"   /* the composer's FluidSynth renderer (likewise) */

/* $XDG_CONFIG_HOME/infiniloop (default ~/.config/infiniloop). */
int paths_config_dir(char *out, size_t n, il_err *err);
/* $XDG_DATA_HOME/infiniloop (default ~/.local/share/infiniloop). */
int paths_data_dir(char *out, size_t n, il_err *err);
/* $XDG_CACHE_HOME/infiniloop (default ~/.cache/infiniloop). */
int paths_cache_dir(char *out, size_t n, il_err *err);
/* The user's XDG music folder (XDG_MUSIC_DIR from user-dirs.dirs, else ~/Music). */
int paths_music_dir(char *out, size_t n, il_err *err);
/* $XDG_STATE_HOME/infiniloop (default ~/.local/state/infiniloop). */
int paths_state_dir(char *out, size_t n, il_err *err);
/* The runtime state file (volume, last prompt, debug): paths_state_dir()/state. */
int paths_state_file(char *out, size_t n, il_err *err);
/* The default config file: paths_config_dir()/config. */
int paths_config_file(char *out, size_t n, il_err *err);
/* The engine's private runtime folder, made 0700 if missing and checked
 * (a folder, not a link, owned by this user, no access for others):
 * $XDG_RUNTIME_DIR/infiniloop, or /tmp/infiniloop-UID without it. */
int paths_runtime_dir(char *out, size_t n, il_err *err);
/* A file in the runtime folder (made and checked as above): "engine.sock",
 * "engine.lock". */
int paths_runtime_file(const char *name, char *out, size_t n, il_err *err);
/* Create dir and its parents with mode (existing dirs are fine). */
int paths_mkdir_p(const char *dir, unsigned mode, il_err *err);
/* Find a shipped data file by relative name (e.g. "themes/default.theme"):
 * the dirs of $INFINILOOP_DATADIR (colon-separated), the user's config dir,
 * then the installed data dir. 0 with out set, or -1 with err set. */
int paths_find_data(const char *rel, char *out, size_t n, il_err *err);
/* Make a private 0700 directory for temporary files (under $TMPDIR or /tmp). */
int paths_tmpdir_create(char *out, size_t n, il_err *err);
/* A program of the package's (IL_ENGINE_NAME, IL_FLUID_NAME): in
 * $INFINILOOP_LIBEXECDIR when it is set, else beside the running program
 * when it is there (a build tree), else in the package's libexec folder. */
int paths_program(const char *name, char *out, size_t n, il_err *err);
/* Remove a directory and everything in it (links are not followed). */
void paths_remove_tree(const char *dir);
/* Remove a directory made by paths_tmpdir_create and everything in it. */
void paths_tmpdir_remove(const char *dir);
/* The process's file mode creation mask, read without changing it (so it
 * is safe beside other threads); 022 when it cannot be read. */
unsigned paths_umask(void);
/* Join dir and name into out; -1 with err when it does not fit. */
int paths_join(char *out, size_t n, const char *dir, const char *name, il_err *err);

#endif

## Data files (generation): word lists for loop titles and artists, and the
## two startup loops, rendered by the synth at build time.
dist_pkgdata_DATA += data/titles-adjectives.txt data/titles-nouns.txt \
	data/artists-first.txt data/artists-second.txt
noinst_PROGRAMS += data/make-startup
data_make_startup_SOURCES = data/make_startup.c
data_make_startup_LDADD = $(CORE_LIBS)
pkgdata_DATA += data/startup1.wav data/startup2.wav
CLEANFILES += data/startup1.wav data/startup2.wav
# (The composer's General MIDI parts are rendered by the built infiniloop-fluid.)
data/startup1.wav data/startup2.wav: data/make-startup$(EXEEXT) infiniloop-fluid$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) data && INFINILOOP_LIBEXECDIR='$(abs_top_builddir)' \
		./data/make-startup$(EXEEXT) $$(echo $@ | sed 's/.*startup\([12]\)\.wav/\1/') $@

## Running at boot: the systemd user unit (its ExecStart in the configured
## bindir) and the bash and zsh completions, whose options, --remote
## commands and setting keys the built program reports (data/completion.sh).
IL_BOOT_FILES = data/infiniloop.service data/bash-completion/infiniloop-tui data/zsh/_infiniloop-tui
noinst_DATA = $(IL_BOOT_FILES)
if IL_SYSTEMDUSERUNITDIR
systemduserunit_DATA = data/infiniloop.service
endif
if IL_BASHCOMPLETIONDIR
bashcompletion_DATA = data/bash-completion/infiniloop-tui
endif
if IL_ZSHCOMPLETIONDIR
zshcompletion_DATA = data/zsh/_infiniloop-tui
endif
CLEANFILES += $(IL_BOOT_FILES) $(IL_BOOT_FILES:=.tmp)
EXTRA_DIST += data/infiniloop.service.in data/infiniloop-tui.bash.in data/infiniloop-tui.zsh.in \
	data/completion.sh
data/infiniloop.service: data/infiniloop.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) data && \
	sed -e 's|@bindir[@]|$(bindir)|g' $(srcdir)/data/infiniloop.service.in >$@.tmp && mv $@.tmp $@
data/bash-completion/infiniloop-tui: data/infiniloop-tui.bash.in
data/zsh/_infiniloop-tui: data/infiniloop-tui.zsh.in
data/bash-completion/infiniloop-tui data/zsh/_infiniloop-tui: data/completion.sh infiniloop-tui$(EXEEXT) infiniloop-engine$(EXEEXT) Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(SHELL) $(srcdir)/data/completion.sh ./infiniloop-tui$(EXEEXT) \
		$(filter %.in,$^) '$(pkgdatadir)' >$@.tmp && mv $@.tmp $@
# make distcheck installs them under its own prefix, as everything else
# (dc_install_base: a variable of the shell that runs configure there).
AM_DISTCHECK_CONFIGURE_FLAGS = \
	"--with-systemduserunitdir=$$dc_install_base/lib/systemd/user" \
	"--with-bashcompletiondir=$$dc_install_base/share/bash-completion/completions" \
	"--with-zshcompletiondir=$$dc_install_base/share/zsh/site-functions"

## Data files (generation): word lists for loop titles and artists, and the
## two startup loops, rendered by the synth at build time.
dist_pkgdata_DATA += data/titles-adjectives.txt data/titles-nouns.txt \
	data/artists-first.txt data/artists-second.txt
noinst_PROGRAMS += data/make-startup
data_make_startup_SOURCES = data/make_startup.c
data_make_startup_LDADD = $(CORE_LIBS)
pkgdata_DATA += data/startup1.wav data/startup2.wav
CLEANFILES += data/startup1.wav data/startup2.wav
data/startup1.wav data/startup2.wav: data/make-startup$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) data && ./data/make-startup$(EXEEXT) $$(echo $@ | sed 's/.*startup\([12]\)\.wav/\1/') $@

## Running at boot: the systemd user unit, its ExecStart in the configured
## bindir.
if IL_SYSTEMDUSERUNITDIR
systemduserunit_DATA = data/infiniloop.service
endif
noinst_DATA = data/infiniloop.service
CLEANFILES += data/infiniloop.service data/infiniloop.service.tmp
EXTRA_DIST += data/infiniloop.service.in
data/infiniloop.service: data/infiniloop.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) data && \
	sed -e 's|@bindir[@]|$(bindir)|g' $(srcdir)/data/infiniloop.service.in >$@.tmp && mv $@.tmp $@
# make distcheck installs it under its own prefix, as everything else
# (dc_install_base: a variable of the shell that runs configure there).
AM_DISTCHECK_CONFIGURE_FLAGS = \
	"--with-systemduserunitdir=$$dc_install_base/lib/systemd/user"

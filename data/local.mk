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

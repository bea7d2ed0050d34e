libinfiniloop_a_SOURCES += \
	src/store/cfgcheck.c src/store/cfgcheck.h \
	src/store/paths.c src/store/paths.h \
	src/store/settings.c src/store/settings.h src/store/settings_internal.h \
	src/store/settings_load.c src/store/settings_save.c \
	src/store/wisdom.c src/store/wisdom.h

## Generation history.
libinfiniloop_a_SOURCES += \
	src/store/history.c src/store/history.h src/store/history_internal.h \
	src/store/history_import.c \
	src/store/favourites.c src/store/favourites.h

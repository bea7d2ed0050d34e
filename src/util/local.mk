libinfiniloop_a_SOURCES += \
	src/util/error.c src/util/error.h \
	src/util/sbuf.c src/util/sbuf.h \
	src/util/cpulist.c src/util/cpulist.h \
	src/util/outfile.c src/util/outfile.h \
	src/util/timeutil.c src/util/timeutil.h \
	src/util/stdfd.c src/util/stdfd.h \
	src/util/usock.c src/util/usock.h \
	src/util/tunables.c src/util/tunables.h

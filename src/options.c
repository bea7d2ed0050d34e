/* options.c: GNU-style parsing of the command line. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum {
	OPT_ANALYZE = 256, OPT_JSON, OPT_ENGINE, OPT_HEADLESS, OPT_PLAY, OPT_FAST,
	OPT_THEME, OPT_NO_COLOR, OPT_ASCII, OPT_CONFIG, OPT_SEED, OPT_DRIVER,
	OPT_SWITCHES, OPT_SECONDS, OPT_DAEMON, OPT_REMOTE
};

/* Print the --help text to stdout. */
void options_usage(const char *prog)
{
	printf("Usage: %s [OPTION]...\n"
	       "  or:  %s --analyze FILE [FILE]... [--json]\n"
	       "  or:  %s --generate-only PROMPT OUT.wav [OPTION]...\n"
	       "  or:  %s --headless [--play FILE...] [OPTION]...\n"
	       "  or:  %s --engine [OPTION]...\n"
	       "  or:  %s --daemon [OPTION]...\n"
	       "  or:  %s --remote [--json] COMMAND [ARG]...\n"
	       "An infinite, local AI music station for the terminal: it generates short\n"
	       "clips from a prompt, finds a seamless loop in each, and plays them without\n"
	       "end, crossfading from one loop to the next.\n"
	       "\n"
	       "  -p, --prompt=TEXT          start generating from TEXT at once\n"
	       "  -g, --generate-only PROMPT OUT.wav\n"
	       "                             generate one loop, write it with its loop points\n"
	       "  -d, --duration=SECS        seconds generated per clip (5-30)\n"
	       "  -b, --backend=NAME         generator: synth, musicgpt or command\n"
	       "  -m, --model=NAME           MusicGPT model (small, medium, large, ...)\n"
	       "  -o, --output=SINK          audio output: auto (PulseAudio, else ALSA), pulse,\n"
	       "                             alsa[:DEVICE], null or file:PATH\n"
	       "      --driver=SINK          the same as --output\n"
	       "      --fast                 with null or file output, run faster than real time\n"
	       "      --seed=N               synth seed (0: a new clip every time)\n"
	       "      --theme=NAME           colour theme\n"
	       "      --no-color             no colours (also when NO_COLOR is set)\n"
	       "      --ascii                ASCII characters only\n"
	       "      --config=FILE          settings file (default ~/.config/infiniloop/config)\n"
	       "      --analyze=FILE         find the loop in an audio file (and in the FILE\n"
	       "                             arguments) and print it\n"
	       "      --json                 with --analyze: one JSON object per file and line;\n"
	       "                             with --generate-only: the plan as one JSON object\n"
	       "      --headless             run the station without the TUI, printing events\n"
	       "      --play                 with --headless: the FILE arguments are played\n"
	       "      --switches=N           with --headless: end after N loop switches\n"
	       "      --seconds=SECS         with --headless: end after SECS seconds of playback\n"
	       "      --engine               speak the pipe protocol on stdin and stdout\n"
	       "      --daemon               run the station's engine in the foreground (for a\n"
	       "                             service manager); the TUI and --remote attach to it\n"
	       "      --remote COMMAND [ARG]...\n"
	       "                             send one command to the running station and print\n"
	       "                             the answer ('--remote help' lists the commands);\n"
	       "                             with --json, as JSON\n"
	       "  -v, --verbose              more messages\n"
	       "  -q, --quiet                only errors\n"
	       "  -h, --help                 display this help and exit\n"
	       "  -V, --version              output version information and exit\n"
	       "\n"
	       "Keys, commands, settings and the protocol are described in infiniloop-tui(1).\n",
	       prog, prog, prog, prog, prog, prog, prog);
}

/* Parse a whole number within [min, max] for option name; 0 or -1. */
static int options_number(const char *prog, const char *name, const char *arg,
			  long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max) {
		fprintf(stderr, "%s: %s must be a whole number from %ld to %ld, not '%s'\n",
			prog, name, min, max, arg);
		return -1;
	}
	*out = v;
	return 0;
}

/* Print the one-line usage hint after an error; returns 2. */
static int options_bad(const char *prog)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	return 2;
}

/* Parse argv into o (see options.h). */
int options_parse(il_opts *o, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "prompt", required_argument, NULL, 'p' },
		{ "generate-only", required_argument, NULL, 'g' },
		{ "duration", required_argument, NULL, 'd' },
		{ "backend", required_argument, NULL, 'b' },
		{ "model", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "driver", required_argument, NULL, OPT_DRIVER },
		{ "fast", no_argument, NULL, OPT_FAST },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "theme", required_argument, NULL, OPT_THEME },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "no-colour", no_argument, NULL, OPT_NO_COLOR },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "analyze", required_argument, NULL, OPT_ANALYZE },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "headless", no_argument, NULL, OPT_HEADLESS },
		{ "play", no_argument, NULL, OPT_PLAY },
		{ "switches", required_argument, NULL, OPT_SWITCHES },
		{ "seconds", required_argument, NULL, OPT_SECONDS },
		{ "engine", no_argument, NULL, OPT_ENGINE },
		{ "daemon", no_argument, NULL, OPT_DAEMON },
		{ "remote", no_argument, NULL, OPT_REMOTE },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *prog = "infiniloop-tui";
	memset(o, 0, sizeof *o);
	o->mode = IL_MODE_TUI;
	o->duration = -1;
	o->seed = -1;
	int modes = 0, c;
	long v;
	opterr = 0;
	optind = 1;
	int remote = 0, all = argc;
	for (int k = 1; k < argc && strcmp(argv[k], "--"); k++)
		if (!strcmp(argv[k], "--remote")) { /* the rest is the command, as given (`volume -5`) */
			argc = k + 1;
			break;
		}
	while ((c = getopt_long(argc, argv, ":p:g:d:b:m:o:vqhV", longs, NULL)) != -1) {
		switch (c) {
		case 'p': o->prompt = optarg; break;
		case 'g': o->gen_prompt = optarg; o->mode = IL_MODE_GENERATE; modes++; break;
		case 'd':
			if (options_number(prog, "--duration", optarg, 5, 30, &v) != 0)
				return options_bad(prog);
			o->duration = (int)v;
			break;
		case 'b': o->backend = optarg; break;
		case 'm': o->model = optarg; break;
		case 'o': case OPT_DRIVER: o->output = optarg; break;
		case OPT_FAST: o->fast = 1; break;
		case OPT_SEED:
			if (options_number(prog, "--seed", optarg, 0, 2147483647L, &v) != 0)
				return options_bad(prog);
			o->seed = v;
			break;
		case OPT_THEME: o->theme = optarg; break;
		case OPT_NO_COLOR: o->no_color = 1; break;
		case OPT_ASCII: o->ascii = 1; break;
		case OPT_CONFIG: o->config = optarg; break;
		case OPT_ANALYZE: o->analyze_file = optarg; o->mode = IL_MODE_ANALYZE; modes++; break;
		case OPT_JSON: o->json = 1; break;
		case OPT_HEADLESS: o->mode = IL_MODE_HEADLESS; modes++; break;
		case OPT_PLAY: o->play = 1; break;
		case OPT_SWITCHES:
			if (options_number(prog, "--switches", optarg, 1, 100000000L, &v) != 0)
				return options_bad(prog);
			o->max_switches = v;
			break;
		case OPT_SECONDS: {
			char *end;
			errno = 0;
			o->max_seconds = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(o->max_seconds > 0) || o->max_seconds > 1e9) {
				fprintf(stderr, "%s: --seconds must be a positive number of seconds, not '%s'\n", prog, optarg);
				return options_bad(prog);
			}
			break;
		}
		case OPT_ENGINE: o->mode = IL_MODE_ENGINE; modes++; break;
		case OPT_DAEMON: o->mode = IL_MODE_DAEMON; modes++; break;
		case OPT_REMOTE: o->mode = IL_MODE_REMOTE; modes++; remote = 1; break;
		case 'v': o->verbose++; break;
		case 'q': o->quiet = 1; break;
		case 'h': options_usage(prog); return 0;
		case 'V':
			printf("%s %s\n", prog, PACKAGE_VERSION);
			return 0;
		case ':':
			fprintf(stderr, "%s: option '%s' requires an argument\n", prog, argv[optind - 1]);
			return options_bad(prog);
		default:
			if (optopt)
				fprintf(stderr, "%s: invalid option -- '%c'\n", prog, optopt);
			else
				fprintf(stderr, "%s: unrecognized option '%s'\n", prog, argv[optind - 1]);
			return options_bad(prog);
		}
	}
	if (modes > 1) {
		fprintf(stderr, "%s: --analyze, --generate-only, --headless, --engine, --daemon and --remote exclude each other\n", prog);
		return options_bad(prog);
	}
	if (remote) { /* argv[optind] on: [--json] COMMAND [ARG]... */
		argc = all;
		if (optind < argc && !strcmp(argv[optind], "--json")) {
			o->json = 1;
			optind++;
		}
	}
	o->files = argv + optind;
	o->nfiles = argc - optind;
	if (o->mode == IL_MODE_GENERATE) {
		if (o->nfiles != 1) {
			fprintf(stderr, "%s: --generate-only needs a prompt and one output file\n", prog);
			return options_bad(prog);
		}
		o->gen_out = o->files[0];
		o->nfiles = 0;
	} else if (o->play && o->mode != IL_MODE_HEADLESS) {
		fprintf(stderr, "%s: --play goes with --headless\n", prog);
		return options_bad(prog);
	} else if (o->play && o->nfiles == 0) {
		fprintf(stderr, "%s: --play needs at least one FILE\n", prog);
		return options_bad(prog);
	} else if (o->mode == IL_MODE_REMOTE) {
		if (o->nfiles == 0) {
			fprintf(stderr, "%s: --remote needs a command ('--remote help' lists them)\n", prog);
			return options_bad(prog);
		}
	} else if (!o->play && o->nfiles > 0 && o->mode != IL_MODE_ANALYZE) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", prog, o->files[0]);
		return options_bad(prog);
	}
	if ((o->max_switches || o->max_seconds > 0) && o->mode != IL_MODE_HEADLESS) {
		fprintf(stderr, "%s: --switches and --seconds go with --headless\n", prog);
		return options_bad(prog);
	}
	if (o->json && o->mode != IL_MODE_ANALYZE && o->mode != IL_MODE_GENERATE && o->mode != IL_MODE_REMOTE) {
		fprintf(stderr, "%s: --json goes with --analyze, --generate-only or --remote\n", prog);
		return options_bad(prog);
	}
	return -1;
}

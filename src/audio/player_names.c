/* player_names.c: the protocol words of the player's and the audio
 * output's states (see player.h); apart from the player, so that the UI
 * reads them without linking the player. */
#include "audio/player.h"

#include <stdio.h>
#include <string.h>

static const char *const player_state_names[] = {
	[IL_PLAYER_IDLE] = "idle", [IL_PLAYER_PLAYING] = "playing",
	[IL_PLAYER_PAUSED] = "paused", [IL_PLAYER_STOPPED] = "stopped",
};

static const char *const player_audio_names[] = {
	[IL_AUDIO_OK] = "ok", [IL_AUDIO_LOST] = "lost", [IL_AUDIO_NONE] = "none",
	[IL_AUDIO_FILE] = "file", [IL_AUDIO_OFF] = "off",
};

/* The protocol word of a player state. */
const char *il_player_state_name(il_player_state s)
{
	return player_state_names[s];
}

/* The protocol word of an audio state. */
const char *il_audio_state_name(il_audio_state s)
{
	return player_audio_names[s];
}

/* The index of word in the n names, or -1. */
static int player_name_find(const char *const *names, int n, const char *word)
{
	for (int k = 0; word && k < n; k++)
		if (!strcmp(word, names[k]))
			return k;
	return -1;
}

/* The player state of a protocol word; 0 (s set) or -1 when unknown. */
int il_player_state_parse(const char *word, il_player_state *s)
{
	int k = player_name_find(player_state_names,
				 (int)(sizeof player_state_names / sizeof *player_state_names), word);
	if (k >= 0)
		*s = (il_player_state)k;
	return k < 0 ? -1 : 0;
}

/* The audio state of a protocol word; 0 (s set) or -1 when unknown. */
int il_audio_state_parse(const char *word, il_audio_state *s)
{
	int k = player_name_find(player_audio_names,
				 (int)(sizeof player_audio_names / sizeof *player_audio_names), word);
	if (k >= 0)
		*s = (il_audio_state)k;
	return k < 0 ? -1 : 0;
}

/* The output in plain words: the sink that plays the sound (1 is returned),
 * or why nothing does (0): output is the setting (auto, pulse, alsa,
 * file:PATH, null), sink the output in use, "" when none. */
int il_audio_describe(il_audio_state s, const char *output, const char *sink, int underruns, char *out, size_t n)
{
	int pulse = output && !strcmp(output, "pulse"), named = sink && *sink;
	if (s == IL_AUDIO_NONE)
		snprintf(out, n, "%s", output && !strncmp(output, "file:", 5) ? "cannot write the output file"
			 : pulse ? "no audio server" : "no audio device");
	else if (s == IL_AUDIO_LOST)
		snprintf(out, n, "%s", pulse ? "audio server lost" : "audio output lost");
	else if (s == IL_AUDIO_OFF)
		snprintf(out, n, "output off");
	else if ((s == IL_AUDIO_OK || s == IL_AUDIO_FILE) && named) {
		snprintf(out, n, "%s%s", sink, s == IL_AUDIO_OK && underruns > 0 ? " (underruns)" : "");
		return 1;
	} else
		snprintf(out, n, "audio %s", il_audio_state_name(s));
	return 0;
}

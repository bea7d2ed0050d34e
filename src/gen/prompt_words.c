/* prompt_words.c: the words the composer understands, one row per word:
 * genres, General MIDI instruments with their synonyms, moods, tempo and
 * texture words, and words that carry no meaning of their own. */
#include "gen/prompt_words.h"

#define S(p, st, w) { p, PW_STYLE, st, w, 0, 0, -1 }
#define I(p, prog, part, oct, hint) { p, PW_INST, prog, 0, part, oct, hint }
#define G(p, prog, part, oct, hint) { p, PW_INST, prog, 1, part, oct, hint } /* a family's name */
#define M(p, mood, hint) { p, PW_MOOD, mood, 0, 0, 0, hint }
#define W(p, kind, v) { p, kind, v, 0, 0, 0, -1 }

enum { D = GEN_PART_DRUMS, B = GEN_PART_BASS, C = GEN_PART_CHORDS, L = GEN_PART_LEAD, P = GEN_PART_PAD };

/* Phrases are lower-case words separated by one space; a word ending in '*'
 * matches any word it starts ("funk*": funky). Genres carry a weight: a
 * genre name (3) beats a scene word (2), which beats a hint (1). G() names a
 * family of instruments ("guitar", "bass"): where the style plays one of
 * that family, its own stays (bossa nova's nylon guitar); I() names one. */
const il_prompt_word gen_prompt_words[] = {
	S("lo fi", GEN_STYLE_LOFI, 3), S("lofi", GEN_STYLE_LOFI, 3), S("hip hop", GEN_STYLE_LOFI, 3),
	S("hiphop", GEN_STYLE_LOFI, 3), S("chillhop", GEN_STYLE_LOFI, 3), S("boom bap", GEN_STYLE_LOFI, 3),
	S("study", GEN_STYLE_LOFI, 1), S("rap", GEN_STYLE_LOFI, 2), S("vaporwave", GEN_STYLE_LOFI, 3),
	S("jazzhop", GEN_STYLE_LOFI, 3),
	S("ambient", GEN_STYLE_AMBIENT, 3), S("drone", GEN_STYLE_AMBIENT, 3), S("meditat*", GEN_STYLE_AMBIENT, 2),
	S("atmospher*", GEN_STYLE_AMBIENT, 1), S("new age", GEN_STYLE_AMBIENT, 3), S("space", GEN_STYLE_AMBIENT, 1),
	S("soundscape", GEN_STYLE_AMBIENT, 2), S("electronica", GEN_STYLE_AMBIENT, 2),
	S("house", GEN_STYLE_HOUSE, 3), S("deep house", GEN_STYLE_HOUSE, 3), S("garage", GEN_STYLE_HOUSE, 2),
	S("dance", GEN_STYLE_HOUSE, 1), S("edm", GEN_STYLE_HOUSE, 2), S("afrobeat*", GEN_STYLE_HOUSE, 2),
	S("club", GEN_STYLE_HOUSE, 1),
	S("techno", GEN_STYLE_TECHNO, 3), S("trance", GEN_STYLE_TECHNO, 3), S("rave", GEN_STYLE_TECHNO, 2),
	S("minimal techno", GEN_STYLE_TECHNO, 3), S("electro", GEN_STYLE_TECHNO, 2), S("acid", GEN_STYLE_TECHNO, 2),
	S("industrial", GEN_STYLE_TECHNO, 2), S("hardbass", GEN_STYLE_TECHNO, 3), S("electronic", GEN_STYLE_TECHNO, 1),
	S("jazz*", GEN_STYLE_JAZZ, 3), S("swing", GEN_STYLE_JAZZ, 2), S("lounge", GEN_STYLE_JAZZ, 2),
	S("bebop", GEN_STYLE_JAZZ, 3), S("trio", GEN_STYLE_JAZZ, 1), S("smooth jazz", GEN_STYLE_JAZZ, 3),
	S("piano", GEN_STYLE_PIANO, 1), S("solo piano", GEN_STYLE_PIANO, 3), S("lullaby", GEN_STYLE_PIANO, 2),
	S("music box", GEN_STYLE_PIANO, 2),
	S("chiptune", GEN_STYLE_CHIPTUNE, 3), S("chip tune", GEN_STYLE_CHIPTUNE, 3), S("8 bit", GEN_STYLE_CHIPTUNE, 3),
	S("8bit", GEN_STYLE_CHIPTUNE, 3), S("retro game", GEN_STYLE_CHIPTUNE, 2), S("video game", GEN_STYLE_CHIPTUNE, 2),
	S("arcade", GEN_STYLE_CHIPTUNE, 2), S("pixel", GEN_STYLE_CHIPTUNE, 1), S("nes", GEN_STYLE_CHIPTUNE, 2),
	S("chiptunes", GEN_STYLE_CHIPTUNE, 3), S("gameboy", GEN_STYLE_CHIPTUNE, 3),
	S("cinematic", GEN_STYLE_CINEMATIC, 3), S("orchestra*", GEN_STYLE_CINEMATIC, 3), S("epic", GEN_STYLE_CINEMATIC, 2),
	S("film", GEN_STYLE_CINEMATIC, 2), S("score", GEN_STYLE_CINEMATIC, 1), S("trailer", GEN_STYLE_CINEMATIC, 2),
	S("soundtrack", GEN_STYLE_CINEMATIC, 2), S("western", GEN_STYLE_CINEMATIC, 2), S("medieval", GEN_STYLE_CINEMATIC, 2),
	S("fantasy", GEN_STYLE_CINEMATIC, 1), S("heroic", GEN_STYLE_CINEMATIC, 1), S("battle", GEN_STYLE_CINEMATIC, 1),
	S("synthwave", GEN_STYLE_SYNTHWAVE, 3), S("retrowave", GEN_STYLE_SYNTHWAVE, 3), S("outrun", GEN_STYLE_SYNTHWAVE, 3),
	S("80s", GEN_STYLE_SYNTHWAVE, 2), S("synthpop", GEN_STYLE_SYNTHWAVE, 3), S("neon", GEN_STYLE_SYNTHWAVE, 1),
	S("chillwave", GEN_STYLE_SYNTHWAVE, 3), S("italo disco", GEN_STYLE_SYNTHWAVE, 3),
	S("drum and bass", GEN_STYLE_DNB, 3), S("drum & bass", GEN_STYLE_DNB, 3), S("drum n bass", GEN_STYLE_DNB, 3),
	S("dnb", GEN_STYLE_DNB, 3), S("d&b", GEN_STYLE_DNB, 3), S("jungle", GEN_STYLE_DNB, 3),
	S("breakbeat", GEN_STYLE_DNB, 2), S("liquid", GEN_STYLE_DNB, 1),
	S("bossa", GEN_STYLE_BOSSA, 3), S("bossa nova", GEN_STYLE_BOSSA, 3), S("samba", GEN_STYLE_BOSSA, 3),
	S("brazilian", GEN_STYLE_BOSSA, 2),
	S("trap", GEN_STYLE_TRAP, 3), S("drill", GEN_STYLE_TRAP, 3), S("dubstep", GEN_STYLE_TRAP, 2),
	S("reggae", GEN_STYLE_REGGAE, 3), S("dub", GEN_STYLE_REGGAE, 3), S("ska", GEN_STYLE_REGGAE, 3),
	S("dancehall", GEN_STYLE_REGGAE, 3), S("reggaeton", GEN_STYLE_LATIN, 3), S("rocksteady", GEN_STYLE_REGGAE, 3),
	S("funk*", GEN_STYLE_FUNK, 3), S("disco", GEN_STYLE_FUNK, 3), S("groove", GEN_STYLE_FUNK, 1),
	S("soul*", GEN_STYLE_FUNK, 2), S("r&b", GEN_STYLE_FUNK, 3), S("motown", GEN_STYLE_FUNK, 3),
	S("rock", GEN_STYLE_ROCK, 3), S("punk", GEN_STYLE_ROCK, 3),
	S("grunge", GEN_STYLE_ROCK, 3), S("indie", GEN_STYLE_ROCK, 2), S("hard rock", GEN_STYLE_ROCK, 3),
	S("pop", GEN_STYLE_POP, 3), S("synth pop", GEN_STYLE_SYNTHWAVE, 3), S("k pop", GEN_STYLE_POP, 3),
	S("ballad", GEN_STYLE_POP, 2), S("radio", GEN_STYLE_POP, 1),
	S("folk", GEN_STYLE_FOLK, 3), S("celtic", GEN_STYLE_FOLK, 3), S("irish", GEN_STYLE_FOLK, 3),
	S("country", GEN_STYLE_FOLK, 3), S("acoustic", GEN_STYLE_FOLK, 1), S("bluegrass", GEN_STYLE_FOLK, 3),
	S("americana", GEN_STYLE_FOLK, 3), S("campfire", GEN_STYLE_FOLK, 2),
	S("classical", GEN_STYLE_CLASSICAL, 3), S("string quartet", GEN_STYLE_CLASSICAL, 3),
	S("baroque", GEN_STYLE_CLASSICAL, 3), S("chamber", GEN_STYLE_CLASSICAL, 2), S("quartet", GEN_STYLE_CLASSICAL, 2),
	S("romantic", GEN_STYLE_CLASSICAL, 1), S("sonata", GEN_STYLE_CLASSICAL, 3), S("nocturne", GEN_STYLE_PIANO, 3),
	S("waltz", GEN_STYLE_WALTZ, 3), S("valse", GEN_STYLE_WALTZ, 3), S("minuet", GEN_STYLE_WALTZ, 3),
	S("blues", GEN_STYLE_BLUES, 3), S("bluesy", GEN_STYLE_BLUES, 3), S("shuffle", GEN_STYLE_BLUES, 2),
	S("latin", GEN_STYLE_LATIN, 3), S("salsa", GEN_STYLE_LATIN, 3), S("cumbia", GEN_STYLE_LATIN, 3),
	S("mambo", GEN_STYLE_LATIN, 3), S("cuban", GEN_STYLE_LATIN, 3), S("tango", GEN_STYLE_LATIN, 3),
	S("flamenco", GEN_STYLE_LATIN, 3), S("mariachi", GEN_STYLE_LATIN, 3),
	S("metal", GEN_STYLE_METAL, 3), S("heavy metal", GEN_STYLE_METAL, 3), S("thrash*", GEN_STYLE_METAL, 3),
	S("metalcore", GEN_STYLE_METAL, 3), S("djent", GEN_STYLE_METAL, 3), S("power metal", GEN_STYLE_METAL, 3),
	S("speed metal", GEN_STYLE_METAL, 3), S("nu metal", GEN_STYLE_METAL, 3), S("headbang*", GEN_STYLE_METAL, 2),
	S("shred*", GEN_STYLE_METAL, 2),

	/* General MIDI instruments (program numbers from 0) and synonyms. */
	I("piano", 0, C, 0, -1), I("grand piano", 0, C, 0, GEN_STYLE_PIANO), I("acoustic piano", 0, C, 0, -1),
	G("keys", 4, C, 0, -1), I("bright piano", 1, C, 0, -1), I("honky tonk", 3, C, 0, GEN_STYLE_BLUES),
	I("rhodes", 4, C, 0, GEN_STYLE_LOFI), I("electric piano", 4, C, 0, -1), I("e piano", 4, C, 0, -1),
	I("epiano", 4, C, 0, -1), I("wurlitzer", 5, C, 0, -1), I("harpsichord", 6, C, 0, GEN_STYLE_CLASSICAL),
	I("clavinet", 7, C, 0, GEN_STYLE_FUNK), I("clav", 7, C, 0, GEN_STYLE_FUNK),
	I("celesta", 8, L, 0, GEN_STYLE_PIANO), I("glockenspiel", 9, L, 0, -1), I("music box", 10, L, 0, GEN_STYLE_PIANO),
	I("vibraphone", 11, L, 0, GEN_STYLE_JAZZ), I("vibes", 11, L, 0, GEN_STYLE_JAZZ), I("marimba", 12, L, 0, -1),
	I("xylophone", 13, L, 0, -1), I("bells", 14, L, 0, -1), I("chimes", 14, L, 0, -1),
	I("tubular bells", 14, L, 0, -1), I("dulcimer", 15, L, 0, GEN_STYLE_FOLK),
	G("organ", 16, C, 0, -1), I("hammond", 16, C, 0, -1), I("rock organ", 18, C, 0, GEN_STYLE_ROCK),
	I("church organ", 19, C, 0, -1), I("pipe organ", 19, C, 0, -1), I("accordion", 21, C, 0, GEN_STYLE_FOLK),
	I("harmonica", 22, L, 0, GEN_STYLE_BLUES), I("bandoneon", 23, C, 0, GEN_STYLE_LATIN),
	G("guitar", 25, C, 0, -1), I("nylon guitar", 24, C, 0, GEN_STYLE_BOSSA), I("classical guitar", 24, C, 0, -1),
	I("spanish guitar", 24, C, 0, GEN_STYLE_LATIN), I("nylon", 24, C, 0, -1),
	I("ukulele", 24, C, 1, GEN_STYLE_FOLK), I("uke", 24, C, 1, GEN_STYLE_FOLK),
	I("acoustic guitar", 25, C, 0, GEN_STYLE_FOLK), I("steel guitar", 25, C, 0, -1),
	I("fingerpicked guitar", 25, C, 0, GEN_STYLE_FOLK), I("mandolin", 25, C, 1, GEN_STYLE_FOLK),
	I("jazz guitar", 26, C, 0, GEN_STYLE_JAZZ), I("electric guitar", 27, C, 0, GEN_STYLE_ROCK),
	I("clean guitar", 27, C, 0, -1), I("twangy guitar", 27, L, 0, -1), I("wah guitar", 28, C, 0, GEN_STYLE_FUNK),
	I("muted guitar", 28, C, 0, -1), I("overdrive*", 29, C, 0, GEN_STYLE_ROCK),
	I("distorted guitar", 30, C, 0, GEN_STYLE_ROCK), I("distortion", 30, C, 0, GEN_STYLE_ROCK),
	I("guitar riff", 30, C, 0, GEN_STYLE_ROCK), I("power chords", 30, C, 0, GEN_STYLE_ROCK),
	I("upright bass", 32, B, 0, GEN_STYLE_JAZZ), I("double bass", 32, B, 0, GEN_STYLE_JAZZ),
	I("acoustic bass", 32, B, 0, -1), I("walking bass", 32, B, 0, GEN_STYLE_JAZZ),
	G("bass", 33, B, 0, -1), I("bass guitar", 33, B, 0, -1), I("electric bass", 33, B, 0, -1),
	G("bassline", 33, B, 0, -1), I("picked bass", 34, B, 0, GEN_STYLE_ROCK), I("fretless bass", 35, B, 0, -1),
	I("fretless", 35, B, 0, -1), I("slap bass", 36, B, 0, GEN_STYLE_FUNK), I("synth bass", 38, B, 0, -1),
	I("sub bass", 38, B, 0, -1), I("reese bass", 38, B, 0, GEN_STYLE_DNB), I("808", GEN_GM_KIT + 25, D, 0, GEN_STYLE_TRAP),
	I("violin", 40, L, 0, GEN_STYLE_CLASSICAL), I("violins", 48, P, 0, GEN_STYLE_CLASSICAL),
	I("fiddle", 110, L, 0, GEN_STYLE_FOLK), I("viola", 41, L, 0, GEN_STYLE_CLASSICAL),
	I("cello", 42, L, -1, GEN_STYLE_CLASSICAL), I("cellos", 42, L, -1, GEN_STYLE_CLASSICAL),
	I("contrabass", 43, B, 0, GEN_STYLE_CLASSICAL), I("pizzicato", 45, C, 0, GEN_STYLE_CLASSICAL),
	I("harp", 46, C, 0, -1), I("timpani", 47, D, 0, GEN_STYLE_CINEMATIC),
	G("strings", 48, P, 0, -1), I("string section", 48, P, 0, GEN_STYLE_CINEMATIC),
	I("low strings", 48, P, -1, GEN_STYLE_CINEMATIC), G("string", 48, P, 0, -1),
	I("slow strings", 49, P, 0, -1), I("synth strings", 50, P, 0, -1),
	I("choir", 52, P, 0, GEN_STYLE_CINEMATIC), I("voices", 52, P, 0, -1), I("vocal*", 53, P, 0, -1),
	I("ooh*", 53, P, 0, -1), I("aah*", 52, P, 0, -1), I("orchestra hit*", 55, C, 0, -1),
	I("trumpet", 56, L, 0, -1), I("lonely trumpet", 59, L, 0, -1), I("trombone", 57, L, -1, -1),
	I("tuba", 58, B, 0, -1), I("muted trumpet", 59, L, 0, GEN_STYLE_JAZZ), I("french horn", 60, L, -1, GEN_STYLE_CINEMATIC),
	I("horn", 60, L, -1, -1), G("horns", 61, C, 0, -1), G("brass", 61, C, 0, -1), I("heroic brass", 61, L, 0, GEN_STYLE_CINEMATIC),
	I("horn hits", 61, C, 0, GEN_STYLE_FUNK), I("horn section", 61, C, 0, -1), I("brass section", 61, C, 0, -1),
	I("synth brass", 62, C, 0, -1),
	I("soprano sax", 64, L, 0, -1), G("sax", 65, L, 0, GEN_STYLE_JAZZ), G("saxophone", 65, L, 0, GEN_STYLE_JAZZ),
	I("alto sax", 65, L, 0, -1), I("tenor sax", 66, L, -1, GEN_STYLE_JAZZ), I("baritone sax", 67, L, -1, -1),
	I("oboe", 68, L, 0, GEN_STYLE_CLASSICAL), I("english horn", 69, L, 0, -1), I("bassoon", 70, B, 0, -1),
	I("clarinet", 71, L, 0, -1), I("piccolo", 72, L, 0, -1), I("flute", 73, L, 0, -1), I("flutes", 73, L, 0, -1),
	I("recorder", 74, L, 0, -1), I("pan flute", 75, L, 0, -1), I("panpipe*", 75, L, 0, -1),
	I("shakuhachi", 77, L, 0, GEN_STYLE_AMBIENT), I("whistle*", 78, L, 0, -1), I("tin whistle", 78, L, 0, GEN_STYLE_FOLK),
	I("ocarina", 79, L, 0, -1),
	I("square wave", 80, L, 0, GEN_STYLE_CHIPTUNE), I("square lead", 80, L, 0, -1), I("saw lead", 81, L, 0, -1),
	I("sawtooth", 81, L, 0, -1), I("synth lead", 81, L, 0, -1), I("lead synth", 81, L, 0, -1),
	I("supersaw", 81, C, 0, GEN_STYLE_TECHNO), G("synth", 81, L, 0, -1), I("synths", 90, P, 0, -1),
	G("pad", 88, P, 0, -1), G("pads", 88, P, 0, -1), I("warm pad", 89, P, 0, -1), I("warm pads", 89, P, 0, -1),
	I("polysynth", 90, C, 0, -1), I("glassy pads", 92, P, 0, -1), I("sweep", 95, P, 0, -1),
	I("sitar", 104, L, 0, -1), I("banjo", 105, C, 0, GEN_STYLE_FOLK), I("shamisen", 106, L, 0, -1),
	I("koto", 107, L, 0, -1), I("kalimba", 108, L, 0, -1), I("mbira", 108, L, 0, -1), I("thumb piano", 108, L, 0, -1),
	I("bagpipe*", 109, L, 0, GEN_STYLE_FOLK), I("steel drum*", 114, L, 0, GEN_STYLE_LATIN),
	I("steelpan", 114, L, 0, GEN_STYLE_LATIN), I("taiko", 116, D, 0, GEN_STYLE_CINEMATIC),
	I("drums", GEN_GM_KIT + 0, D, 0, -1), I("drum kit", GEN_GM_KIT + 0, D, 0, -1),
	I("big drums", GEN_GM_KIT + 48, D, 0, GEN_STYLE_CINEMATIC), I("brushes", GEN_GM_KIT + 40, D, 0, GEN_STYLE_JAZZ),
	I("brushed drums", GEN_GM_KIT + 40, D, 0, GEN_STYLE_JAZZ), I("drum machine", GEN_GM_KIT + 24, D, 0, -1),
	I("909", GEN_GM_KIT + 24, D, 0, GEN_STYLE_HOUSE), I("707", GEN_GM_KIT + 24, D, 0, -1),
	I("tight drums", GEN_GM_KIT + 8, D, 0, -1), I("live drums", GEN_GM_KIT + 8, D, 0, -1),

	M("dark", GEN_MOOD_DARK, GEN_STYLE_CINEMATIC), M("sad", GEN_MOOD_SAD, GEN_STYLE_PIANO),
	M("melanchol*", GEN_MOOD_SAD, GEN_STYLE_PIANO), M("gloomy", GEN_MOOD_DARK, -1), M("spooky", GEN_MOOD_DARK, -1),
	M("eerie", GEN_MOOD_DARK, GEN_STYLE_AMBIENT), M("ominous", GEN_MOOD_DARK, GEN_STYLE_CINEMATIC),
	M("haunting", GEN_MOOD_DARK, -1), M("mysterious", GEN_MOOD_DARK, -1), M("lonely", GEN_MOOD_SAD, -1),
	M("nostalgic", GEN_MOOD_SAD, -1), M("wistful", GEN_MOOD_SAD, -1), M("tragic", GEN_MOOD_SAD, -1),
	M("happy", GEN_MOOD_HAPPY, GEN_STYLE_POP), M("joyful", GEN_MOOD_HAPPY, -1), M("cheerful", GEN_MOOD_HAPPY, -1),
	M("upbeat", GEN_MOOD_HAPPY, GEN_STYLE_POP), M("sunny", GEN_MOOD_HAPPY, -1), M("uplifting", GEN_MOOD_HAPPY, -1),
	M("bright", GEN_MOOD_HAPPY, -1), M("playful", GEN_MOOD_HAPPY, -1), M("quirky", GEN_MOOD_HAPPY, -1),
	M("euphoric", GEN_MOOD_HAPPY, -1), M("hopeful", GEN_MOOD_HAPPY, -1),
	M("calm", GEN_MOOD_CALM, GEN_STYLE_AMBIENT), M("relaxed", GEN_MOOD_CALM, -1), M("relaxing", GEN_MOOD_CALM, -1),
	M("chill", GEN_MOOD_CALM, GEN_STYLE_LOFI), M("peaceful", GEN_MOOD_CALM, GEN_STYLE_AMBIENT),
	M("gentle", GEN_MOOD_CALM, -1), M("mellow", GEN_MOOD_CALM, -1), M("soft", GEN_MOOD_CALM, -1),
	M("soothing", GEN_MOOD_CALM, -1), M("cozy", GEN_MOOD_CALM, -1), M("dreamy", GEN_MOOD_CALM, -1),
	M("reflective", GEN_MOOD_CALM, -1), M("serene", GEN_MOOD_CALM, -1), M("warm", GEN_MOOD_CALM, -1),
	M("smooth", GEN_MOOD_CALM, -1),
	M("energetic", GEN_MOOD_ENERGETIC, GEN_STYLE_ROCK), M("driving", GEN_MOOD_ENERGETIC, -1),
	M("intense", GEN_MOOD_ENERGETIC, -1), M("aggressive", GEN_MOOD_ENERGETIC, -1), M("heavy", GEN_MOOD_ENERGETIC, -1),
	M("pounding", GEN_MOOD_ENERGETIC, -1), M("powerful", GEN_MOOD_ENERGETIC, -1), M("pumping", GEN_MOOD_ENERGETIC, -1),
	M("hypnotic", GEN_MOOD_ENERGETIC, -1), M("punchy", GEN_MOOD_ENERGETIC, -1), M("fierce", GEN_MOOD_ENERGETIC, -1),

	W("slow", PW_PACE, -1), W("slowly", PW_PACE, -1), W("slowed", PW_PACE, -1), W("downtempo", PW_PACE, -1),
	W("laid back", PW_PACE, -1), W("lazy", PW_PACE, -1), W("fast", PW_PACE, 1), W("uptempo", PW_PACE, 1),
	W("quick", PW_PACE, 1), W("rapid", PW_PACE, 1), W("frantic", PW_PACE, 1), W("up tempo", PW_PACE, 1),
	W("sparse", PW_DENSITY, -1), W("minimal", PW_DENSITY, -1), W("minimalist", PW_DENSITY, -1),
	W("simple", PW_DENSITY, -1), W("dense", PW_DENSITY, 1), W("busy", PW_DENSITY, 1), W("full", PW_DENSITY, 1),
	W("vinyl", PW_CRACKLE, 1), W("crackle", PW_CRACKLE, 1), W("tape", PW_CRACKLE, 1), W("hiss", PW_CRACKLE, 1),
	W("dusty", PW_CRACKLE, 1), W("lo fi texture", PW_CRACKLE, 1),
	W("minor", PW_MODE, 1), W("major", PW_MODE, 0), W("minor key", PW_MODE, 1), W("major key", PW_MODE, 0),
	W("waltz time", PW_METRE, 3), W("triple time", PW_METRE, 3), W("triple meter", PW_METRE, 3),
	W("compound time", PW_METRE, 6),

	/* Words that carry no meaning of their own. */
	W("a", PW_FILLER, 0), W("an", PW_FILLER, 0), W("the", PW_FILLER, 0), W("and", PW_FILLER, 0),
	W("with", PW_FILLER, 0), W("in", PW_FILLER, 0), W("of", PW_FILLER, 0), W("for", PW_FILLER, 0),
	W("to", PW_FILLER, 0), W("on", PW_FILLER, 0), W("at", PW_FILLER, 0), W("by", PW_FILLER, 0),
	W("some", PW_FILLER, 0), W("very", PW_FILLER, 0), W("music", PW_FILLER, 0), W("song", PW_FILLER, 0),
	W("track", PW_FILLER, 0), W("tune", PW_FILLER, 0), W("style", PW_FILLER, 0), W("beat", PW_FILLER, 0),
	W("beats", PW_FILLER, 0), W("feel", PW_FILLER, 0), W("vibe*", PW_FILLER, 0), W("sound*", PW_FILLER, 0),
	W("key", PW_FILLER, 0), W("bpm", PW_FILLER, 0), W("tempo", PW_FILLER, 0), W("like", PW_FILLER, 0),
	W("&", PW_FILLER, 0), W("lead", PW_FILLER, 0), W("chords", PW_FILLER, 0), W("melody", PW_FILLER, 0),
	W("instrumental", PW_FILLER, 0), W("loop", PW_FILLER, 0), W("solo", PW_FILLER, 0), W("n", PW_FILLER, 0),
	W("or", PW_FILLER, 0), W("but", PW_FILLER, 0), W("from", PW_FILLER, 0), W("into", PW_FILLER, 0),
	W("through", PW_FILLER, 0), W("my", PW_FILLER, 0), W("some", PW_FILLER, 0), W("piece", PW_FILLER, 0),
	W("jam", PW_FILLER, 0), W("per minute", PW_FILLER, 0),
};
const size_t gen_prompt_nwords = sizeof gen_prompt_words / sizeof gen_prompt_words[0];

/* General MIDI program names (0-127). */
static const char *const gen_gm_names[128] = {
	"Acoustic Grand Piano", "Bright Acoustic Piano", "Electric Grand Piano", "Honky-tonk Piano",
	"Electric Piano 1", "Electric Piano 2", "Harpsichord", "Clavinet", "Celesta", "Glockenspiel",
	"Music Box", "Vibraphone", "Marimba", "Xylophone", "Tubular Bells", "Dulcimer", "Drawbar Organ",
	"Percussive Organ", "Rock Organ", "Church Organ", "Reed Organ", "Accordion", "Harmonica",
	"Tango Accordion", "Acoustic Guitar (nylon)", "Acoustic Guitar (steel)", "Electric Guitar (jazz)",
	"Electric Guitar (clean)", "Electric Guitar (muted)", "Overdriven Guitar", "Distortion Guitar",
	"Guitar Harmonics", "Acoustic Bass", "Electric Bass (finger)", "Electric Bass (pick)",
	"Fretless Bass", "Slap Bass 1", "Slap Bass 2", "Synth Bass 1", "Synth Bass 2", "Violin", "Viola",
	"Cello", "Contrabass", "Tremolo Strings", "Pizzicato Strings", "Orchestral Harp", "Timpani",
	"String Ensemble 1", "String Ensemble 2", "Synth Strings 1", "Synth Strings 2", "Choir Aahs",
	"Voice Oohs", "Synth Voice", "Orchestra Hit", "Trumpet", "Trombone", "Tuba", "Muted Trumpet",
	"French Horn", "Brass Section", "Synth Brass 1", "Synth Brass 2", "Soprano Sax", "Alto Sax",
	"Tenor Sax", "Baritone Sax", "Oboe", "English Horn", "Bassoon", "Clarinet", "Piccolo", "Flute",
	"Recorder", "Pan Flute", "Blown Bottle", "Shakuhachi", "Whistle", "Ocarina", "Lead 1 (square)",
	"Lead 2 (sawtooth)", "Lead 3 (calliope)", "Lead 4 (chiff)", "Lead 5 (charang)", "Lead 6 (voice)",
	"Lead 7 (fifths)", "Lead 8 (bass + lead)", "Pad 1 (new age)", "Pad 2 (warm)", "Pad 3 (polysynth)",
	"Pad 4 (choir)", "Pad 5 (bowed)", "Pad 6 (metallic)", "Pad 7 (halo)", "Pad 8 (sweep)",
	"FX 1 (rain)", "FX 2 (soundtrack)", "FX 3 (crystal)", "FX 4 (atmosphere)", "FX 5 (brightness)",
	"FX 6 (goblins)", "FX 7 (echoes)", "FX 8 (sci-fi)", "Sitar", "Banjo", "Shamisen", "Koto",
	"Kalimba", "Bagpipe", "Fiddle", "Shanai", "Tinkle Bell", "Agogo", "Steel Drums", "Woodblock",
	"Taiko Drum", "Melodic Tom", "Synth Drum", "Reverse Cymbal", "Guitar Fret Noise", "Breath Noise",
	"Seashore", "Bird Tweet", "Telephone Ring", "Helicopter", "Applause", "Gunshot"
};

/* The General MIDI name of a program or kit. */
const char *gen_prompt_gm_name(int program)
{
	if (program >= 0 && program < 128)
		return gen_gm_names[program];
	switch (program - GEN_GM_KIT) {
	case 0: return "Standard Kit";
	case 8: return "Room Kit";
	case 16: return "Power Kit";
	case 24: return "Electronic Kit";
	case 25: return "TR-808 Kit";
	case 32: return "Jazz Kit";
	case 40: return "Brush Kit";
	case 48: return "Orchestra Kit";
	default: return "Drum Kit";
	}
}

/* synth_style.c: the composer's styles (tempo, instruments, grooves, bass
 * and comping patterns) and its oscillator sounds and drum kits. */
#include "gen/synth_internal.h"

#define K(n) (GEN_GM_KIT + (n))
#define NO (-2)
#define OSC (-1)

/* Drum patterns, SYNTH_PATS per style: kick, snare, closed hat, open hat or
 * ride, and one percussion line. */
static const il_synth_drum_pat dr_lofi[SYNTH_PATS] = {
	{ "x.....x...x.....", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "..............g.", DR_RIM },
	{ "x.....x.x.....o.", "....X.......X..g", "x.xgx.x.x.xgx.x.", "................", "................", DR_RIM },
	{ "x..x......x.....", "....X.......X...", "x.x.x.xxx.x.x.x.", "..............o.", "................", DR_SHAKER },
	{ "x.....x...xx....", "....X..g....X...", "x.x.x.x.x.x.x.x.", "................", "......g.......g.", DR_RIM },
};
static const il_synth_drum_pat dr_house[SYNTH_PATS] = {
	{ "X...X...X...X...", "....x.......x...", "x.x.x.x.x.x.x.x.", "..o...o...o...o.", "................", DR_SHAKER },
	{ "X...X...X...X...", "....X.......X...", "gxgxgxgxgxgxgxgx", "..o...o...o...o.", "...g.......g....", DR_CLAVE },
	{ "X...X...X...X..o", "....x.......x...", "................", "..x...x...x...x.", "g.g.g.g.g.g.g.g.", DR_SHAKER },
	{ "X...X...X...X...", "....x..g....x...", "x.xxx.x.x.xxx.x.", "..o...o...o...o.", "......o.......o.", DR_CONGA },
};
static const il_synth_drum_pat dr_techno[SYNTH_PATS] = {
	{ "X...X...X...X...", "................", "x.x.x.x.x.x.x.x.", "..o...o...o...o.", "....o.......o...", DR_CLAP },
	{ "X...X...X...X...", "....g.......g...", "gxgxgxgxgxgxgxgx", "..x...x...x...x.", "...o..o.......o.", DR_RIM },
	{ "X...X...X...X.x.", "................", "xxxxxxxxxxxxxxxx", "..o...o...o...o.", "....x.......x...", DR_CLAP },
	{ "X..gX...X..gX...", "................", "..x...x...x...x.", "................", "o..o..o..o..o.o.", DR_RIM },
};
static const il_synth_drum_pat dr_jazz[SYNTH_PATS] = {
	{ "x.......x.......", "......g.......g.", "....x.......x...", "x...x.xx..x.x.xx", "................", DR_RIM },
	{ "x.........g.....", "..g.....g...g...", "....x.......x...", "x...x.x.x...x.x.", "................", DR_RIM },
	{ "x.......g.......", "...g......g.g...", "....x.......x...", "x...x.xxx...x.xx", "................", DR_RIM },
	{ "x.....g...x.....", "......g....g....", "....x.......x...", "x...x.x.x...x.x.", "................", DR_RIM },
};
static const il_synth_drum_pat dr_chip[SYNTH_PATS] = {
	{ "x.....x.x.......", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "................", DR_HAT },
	{ "x...x...x...x...", "....X.......X..x", "..x...x...x...x.", "................", "................", DR_HAT },
	{ "x.....x...x.x...", "....X.......X...", "xxxxxxxxxxxxxxxx", "................", "................", DR_HAT },
	{ "x.x...x.x.......", "....X.......XxX.", "x...x...x...x...", "................", "................", DR_HAT },
};
static const il_synth_drum_pat dr_cine[SYNTH_PATS] = {
	{ "X.....x.X.......", "........o.......", "................", "................", "x..x..x.x...x.o.", DR_TOM_L },
	{ "X.......X.....x.", "....o.......o...", "................", "................", "..x...x...x...x.", DR_TOM_H },
	{ "X..x..x.X.......", "............o...", "................", "................", "x.......x..x..x.", DR_TOM_L },
	{ "X.......x.x.....", "....o.......o...", "................", "................", "x...x...x...x.x.", DR_TOM_H },
};
static const il_synth_drum_pat dr_wave[SYNTH_PATS] = {
	{ "X...X...X...X...", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "................", DR_TOM_H },
	{ "X.....x.X.......", "....X.......X...", "xxxxxxxxxxxxxxxx", "................", "................", DR_CLAP },
	{ "X...X...X...X...", "....X.......X...", "..x...x...x...x.", "..............o.", "................", DR_TOM_L },
	{ "X.......X.x.....", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "....g.......g...", DR_CLAP },
};
static const il_synth_drum_pat dr_dnb[SYNTH_PATS] = {
	{ "x.........x.....", "....X..g.g..X..g", "x.x.x.x.x.x.x.x.", "................", "................", DR_SHAKER },
	{ "x.x.......x.....", "....X.......X...", "xxxxxxxxxxxxxxxx", "..............o.", "................", DR_RIM },
	{ "x.........xx....", "....X..g....X.g.", "x.x.x.x.x.x.x.x.", "................", "...g.......g....", DR_RIM },
	{ "x.....x...x.....", "....X.......X..g", "x.xxx.x.x.xxx.x.", "................", "................", DR_SHAKER },
};
static const il_synth_drum_pat dr_bossa[SYNTH_PATS] = {
	{ "x..x....x..x....", "................", "xgxgxgxgxgxgxgxg", "................", "x..x..x...x..x..", DR_RIM },
	{ "x..xx...x..xx...", "................", "x.x.x.x.x.x.x.x.", "................", "x..x...x..x..x..", DR_RIM },
	{ "x..x....x..x....", "................", "gxgxgxgxgxgxgxgx", "................", "..x..x...x..x...", DR_RIM },
	{ "x......xx......x", "................", "x.x.x.x.x.x.x.x.", "................", "x..x..x...x..x..", DR_CLAVE },
};
static const il_synth_drum_pat dr_trap[SYNTH_PATS] = {
	{ "X.........X.....", "........X.......", "x.x.x.x.x.rrx.x.", "................", "................", DR_CLAP },
	{ "X......X..X.....", "........X.......", "x.x.xrx.x.x.xrrr", "................", "................", DR_CLAP },
	{ "X.....X.......x.", "........X.......", "xxx.x.x.rrrrx.x.", "................", "...........g....", DR_RIM },
	{ "X.........X..x..", "........X.......", "x.x.x.x.x.x.rrrr", "................", "................", DR_CLAP },
};
static const il_synth_drum_pat dr_reggae[SYNTH_PATS] = {
	{ "........X.......", "........X.......", "x.x.x.x.x.x.x.x.", "................", "....g.......g...", DR_RIM },
	{ "........X.......", "........X.....g.", "x.xxx.x.x.xxx.x.", "..............o.", "................", DR_RIM },
	{ "X.......X.......", "........X.......", "..x...x...x...x.", "................", "..g...g...g...g.", DR_SHAKER },
	{ "X...X...X...X...", "........X.......", "x.x.x.x.x.x.x.x.", "................", "................", DR_RIM },
};
static const il_synth_drum_pat dr_funk[SYNTH_PATS] = {
	{ "x.....x...x.....", "....X..g.g..X..g", "xxxxxxxxxxxxxxxx", "..............o.", "................", DR_SHAKER },
	{ "x..x..x...x..x..", "....X.......X.g.", "x.x.x.x.x.x.x.x.", "...........o....", "................", DR_CLAP },
	{ "x.x...x..x......", "....X..g.g..X...", "xxxxxxxxxxxxxxxx", "................", "x.......x.......", DR_CONGA },
	{ "X...X...X...X...", "....X.......X...", "x.x.x.x.x.x.x.x.", "..o...o...o...o.", "................", DR_SHAKER },
};
static const il_synth_drum_pat dr_rock[SYNTH_PATS] = {
	{ "X.......X.x.....", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "................", DR_TOM_L },
	{ "X.x.....X.x.....", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "................", DR_TOM_L },
	{ "X.......X.......", "....X.......X...", "................", "x.x.x.x.x.x.x.x.", "................", DR_TOM_L },
	{ "X..x..x.X.......", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "................", DR_TOM_H },
};
static const il_synth_drum_pat dr_pop[SYNTH_PATS] = {
	{ "X.......X.x.....", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "..g...g...g...g.", DR_SHAKER },
	{ "X.....x.X.......", "....X.......X...", "xxx.xxx.xxx.xxx.", "................", "................", DR_CLAP },
	{ "X...X...X...X...", "....X.......X...", "..x...x...x...x.", "................", "g.g.g.g.g.g.g.g.", DR_SHAKER },
	{ "X.......X..x....", "....X.......X...", "x.x.x.x.x.x.x.x.", "..............o.", "................", DR_CLAP },
};
static const il_synth_drum_pat dr_folk[SYNTH_PATS] = {
	{ "x.......x.......", "................", "................", "................", "..x...x...x...x.", DR_SHAKER },
	{ "x.....x.x.......", "....g.......g...", "................", "................", "x.x.x.x.x.x.x.x.", DR_SHAKER },
	{ "x.......x.......", "....o.......o...", "................", "................", "g.x.g.x.g.x.g.x.", DR_SHAKER },
	{ "x..x....x..x....", "................", "................", "................", "..x...x...x...x.", DR_CLAVE },
};
static const il_synth_drum_pat dr_waltz[SYNTH_PATS] = {
	{ "x...........", "....g...g...", "............", "............", "....x...x...", DR_SHAKER },
	{ "x...........", "........g...", "x...x...x...", "............", "............", DR_SHAKER },
	{ "x.....x.....", "............", "............", "............", "..x...x...x.", DR_SHAKER },
	{ "x...........", "....g...g...", "x.x.x.x.x.x.", "............", "............", DR_SHAKER },
};
static const il_synth_drum_pat dr_blues[SYNTH_PATS] = {
	{ "x.......x.......", "....X.......X...", "x.xxx.xxx.xxx.xx", "................", "................", DR_RIM },
	{ "x.....x.x.......", "....X.......X...", "................", "x..xx..xx..xx..x", "................", DR_RIM },
	{ "x.......x..x....", "....X.......X..g", "x.xxx.xxx.xxx.xx", "................", "................", DR_RIM },
	{ "x...x...x...x...", "....X.......X...", "x..xx..xx..xx..x", "................", "................", DR_RIM },
};
static const il_synth_drum_pat dr_latin[SYNTH_PATS] = {
	{ "x..x....x..x....", "............x...", "x.x.x.x.x.x.x.x.", "................", "x..x..x...x.x...", DR_CLAVE },
	{ "x..x....x..x....", "................", "xxxxxxxxxxxxxxxx", "................", "..x.x.x...x.x.xx", DR_CONGA },
	{ "x.......x.......", "...x..x....x..x.", "x.x.x.x.x.x.x.x.", "................", "..x...x.x.x...x.", DR_CONGA },
	{ "x..x....x..x....", "................", "x.x.x.x.x.x.x.x.", "................", "x..x..x...x.x...", DR_CLAVE },
};

static const il_synth_drum_pat dr_metal[SYNTH_PATS] = {
	{ "X.x.X.x.X.x.X.x.", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "................", DR_TOM_L },
	{ "X.xxX.xxX.xxX.xx", "....X.......X...", "................", "x.x.x.x.x.x.x.x.", "................", DR_TOM_L },
	{ "xxxxxxxxxxxxxxxx", "....X.......X...", "................", "x...x...x...x...", "................", DR_TOM_L },
	{ "X..xX.x.X..xX.x.", "....X.......X...", "x.x.x.x.x.x.x.x.", "................", "............x.x.", DR_TOM_H },
};

/* The styles. Programs are General MIDI (K(n): drum kit n); OSC plays the
 * oscillator sound of the same part; NO leaves the part out. */
const il_synth_style synth_styles[GEN_STYLE_COUNT] = {
	[GEN_STYLE_LOFI] = { 70, 90, 60, 4, 0.28f, 0, 1, 62, 67, 84, 35, 0.008f,
		{ OSC, 33, 4, 26, NO }, { KIT_LOFI }, BASS_PAT, COMP_PAT,
		{ "R-----R...5-....", "R-----....R-5-..", "R-------R---5-A-", "R---5---R---3-A-" },
		{ "C---------c-----", "C-------c-------", "C-----c---------", "C-----------c---" },
		dr_lofi, 0.5f, 0.22f, 0.75f, 0.3f, 9000, 0.01f, 0.6f },
	[GEN_STYLE_AMBIENT] = { 60, 80, 50, 4, 0, 0, 1, 62, 67, 91, 15, 0,
		{ NO, OSC, 89, 108, OSC }, { 0, OSC_SUB_BASS, 0, OSC_BELL, OSC_PAD }, BASS_PAT, COMP_HOLD,
		{ "R---------------", "R-------5-------", "R-----------5---", "R-------8-------" },
		{ 0 }, NULL, 0.95f, 0.5f, 1.5f, 0.5f, 0, 0, 0.9f },
	[GEN_STYLE_HOUSE] = { 118, 126, 55, 4, 0.1f, 0, 1, 62, 69, 86, 25, 0,
		{ OSC, OSC, 4, OSC, OSC }, { KIT_HOUSE, OSC_SAW_BASS, 0, OSC_BELL, OSC_PAD }, BASS_PAT, COMP_PAT,
		{ "..R-..R-..R-..8-", "..R...R...R...R.", "R.8...R.5...R.8.", "..R-..5-..R-..A-" },
		{ "...C..C...C..C..", "..C...C...C...C.", "...C.....C...C..", "C..C..C.......C." },
		dr_house, 0.5f, 0.18f, 0.75f, 0.3f, 0, 0, 0.7f },
	[GEN_STYLE_TECHNO] = { 124, 134, 85, 4, 0, 0, 0, 58, 67, 84, 20, 0,
		{ OSC, OSC, OSC, OSC, OSC }, { KIT_TECHNO, OSC_ACID_BASS, OSC_STAB, OSC_SQUARE, OSC_PAD }, BASS_PAT, COMP_PAT,
		{ ".RRR.RRR.RRR.RRR", "..R-..R-..R-..R-", ".R8R.R8R.R8R.R5R", "R.RR.RR.R.RR.R8." },
		{ "...C......C.....", "...C......C...C.", "C.....C.....C...", "...C..C.......C." },
		dr_techno, 0.6f, 0.2f, 0.75f, 0.45f, 0, 0, 0.7f },
	[GEN_STYLE_JAZZ] = { 92, 132, 40, 4, 0, 0.33f, 1, 60, 67, 86, 50, 0.008f,
		{ K(32), 32, 0, 65, NO }, { 0 }, BASS_WALK, COMP_PAT,
		{ "R---3---5---A---", "R---5---6---A---", "R---8---5---A---", "R---6---5---A---" },
		{ "C.....c.........", "...C......c.....", "......C....c....", "C.........C....." },
		dr_jazz, 0.4f, 0.2f, 0, 0, 0, 0, 0.7f },
	[GEN_STYLE_PIANO] = { 64, 84, 45, 4, 0, 0, 0, 55, 67, 86, 45, 0.01f,
		{ NO, NO, 0, 0, NO }, { 0 }, BASS_PAT, COMP_ARP,
		{ 0 }, { "a.a.a.a.a.a.a.a.", "a...a.a.a...a.a.", "a.aaa.a.a.aaa.a.", "a..a..a.a..a..a." },
		NULL, 0.75f, 0.3f, 0, 0, 0, 0, 0.6f },
	[GEN_STYLE_CHIPTUNE] = { 126, 156, 50, 4, 0, 0, 0, 64, 72, 91, 55, 0,
		{ OSC, OSC, OSC, OSC, NO }, { KIT_CHIP, OSC_CHIP_BASS, OSC_PULSE, OSC_SQUARE }, BASS_PAT, COMP_ARP,
		{ "R.8.R.8.R.8.R.8.", "R.R.8.R.R.R.8.R.", "R...R.8.R...5.8.", "R.8.5.8.R.8.5.8." },
		{ "aaaaaaaaaaaaaaaa", "a.a.a.a.a.a.a.a.", "aaa.aaa.aaa.aaa.", "a.aaa.aaa.aaa.aa" },
		dr_chip, 0.2f, 0.05f, 0.5f, 0.2f, 0, 0, 0.5f },
	[GEN_STYLE_CINEMATIC] = { 80, 100, 85, 4, 0, 0, 0, 57, 62, 81, 25, 0,
		{ K(48), 43, 48, 60, 52 }, { 0 }, BASS_PAT, COMP_HOLD,
		{ "R-------R-------", "R-------5-------", "R-----R-R-------", "R---------------" },
		{ 0 }, dr_cine, 0.9f, 0.4f, 0, 0, 0, 0, 0.8f },
	[GEN_STYLE_SYNTHWAVE] = { 92, 112, 70, 4, 0, 0, 0, 60, 67, 86, 35, 0,
		{ OSC, OSC, OSC, OSC, OSC }, { KIT_WAVE, OSC_SAW_BASS, OSC_SUPERSAW, OSC_SAW_LEAD, OSC_PAD }, BASS_PAT, COMP_HOLD,
		{ "R.8.R.8.R.8.R.8.", "R.R.R.R.R.R.R.R.", "R.8.R.8.5.8.R.8.", "RRRRRRRRRRRRRRRR" },
		{ 0 }, dr_wave, 0.8f, 0.3f, 0.75f, 0.4f, 0, 0, 0.8f },
	[GEN_STYLE_DNB] = { 170, 176, 70, 4, 0, 0, 1, 62, 72, 89, 20, 0,
		{ OSC, OSC, 89, OSC, NO }, { KIT_DNB, OSC_REESE, 0, OSC_BELL }, BASS_PAT, COMP_HOLD,
		{ "R-------R-------", "R-------R---5---", "R-----------R---", "R---------8-----" },
		{ 0 }, dr_dnb, 0.8f, 0.3f, 0.75f, 0.35f, 0, 0, 0.8f },
	[GEN_STYLE_BOSSA] = { 100, 132, 45, 4, 0, 0, 1, 60, 67, 86, 40, 0.006f,
		{ K(40), 32, 24, 73, NO }, { 0 }, BASS_PAT, COMP_PAT,
		{ "R.....5-R.....5-", "R..5..5.R..5..5.", "R.....5.5.....R.", "R.....5-R.....A-" },
		{ "C..c..C...c..C..", "C..c..c..C..c...", "..c..C...c..C...", "C...c..C..c..c.." },
		dr_bossa, 0.45f, 0.2f, 0, 0, 0, 0, 0.8f },
	[GEN_STYLE_TRAP] = { 130, 150, 80, 4, 0, 0, 0, 60, 67, 86, 30, 0,
		{ OSC, OSC, OSC, 10, NO }, { KIT_TRAP, OSC_SUB_BASS, OSC_PAD }, BASS_PAT, COMP_HOLD,
		{ "R---------R-----", "R------R--R-----", "R-----R-------8-", "R---------R--5--" },
		{ 0 }, dr_trap, 0.6f, 0.25f, 0.75f, 0.3f, 0, 0, 0.8f },
	[GEN_STYLE_REGGAE] = { 68, 84, 55, 4, 0.12f, 0, 0, 62, 67, 84, 30, 0.008f,
		{ K(0), 33, 27, 22, 16 }, { 0 }, BASS_PAT, COMP_PAT,
		{ "R.....R.5...3...", "..R...R.5.8.....", "R...R.5...3.R...", "R.......5.3.R..." },
		{ "....u.......u...", "....u.......u.u.", "....u..u....u...", "....u.u.....u.u." },
		dr_reggae, 0.55f, 0.25f, 0.75f, 0.45f, 0, 0, 0.8f },
	[GEN_STYLE_FUNK] = { 100, 118, 55, 4, 0.1f, 0, 1, 62, 67, 86, 40, 0.005f,
		{ K(8), 36, 28, 61, NO }, { 0 }, BASS_PAT, COMP_PAT,
		{ "R..R..8.R.R..5.A", "R.8...R.8.R...5.", "R..8.R..R.5..R8.", "R...R.8.5..R.A.." },
		{ "c.cC.c.cc.C.c.cc", "..C...C...C..cC.", "c.c.C.c.c.c.C.c.", ".cC..cC..cC..cC." },
		dr_funk, 0.35f, 0.15f, 0, 0, 0, 0, 0.8f },
	[GEN_STYLE_ROCK] = { 110, 150, 60, 4, 0, 0, 0, 52, 64, 84, 40, 0.004f,
		{ K(16), 34, 30, 29, NO }, { 0 }, BASS_PAT, COMP_PAT,
		{ "R.R.R.R.R.R.R.R.", "R.R.R.R.R.R.5.5.", "R-R.R.R.R-R.R.8.", "R.R.R.R.8.8.5.5." },
		{ "C.C.C.C.C.C.C.C.", "C-C.C.C.C-C.C.C.", "C---C---C---C.C.", "C..C..C.C..C..C." },
		dr_rock, 0.35f, 0.12f, 0, 0, 0, 0, 0.8f },
	[GEN_STYLE_POP] = { 96, 124, 35, 4, 0, 0, 0, 60, 67, 86, 40, 0.005f,
		{ K(0), 33, 0, 81, 89 }, { 0 }, BASS_PAT, COMP_PAT,
		{ "R...R.R.R...5.R.", "R.......R.R.....", "R..R..R.R..R..5.", "R...R...R...R..." },
		{ "C..C..C.C..C..C.", "C...c.c.C...c.c.", "C.c.C.c.C.c.C.c.", "C-----C-C-----C-" },
		dr_pop, 0.5f, 0.2f, 0.75f, 0.2f, 0, 0, 0.8f },
	[GEN_STYLE_FOLK] = { 84, 112, 40, 4, 0, 0, 0, 57, 67, 88, 45, 0.008f,
		{ K(0), 32, 25, 110, NO }, { 0 }, BASS_PAT, COMP_ARP,
		{ "R.......5.......", "R...5...R...5...", "R.......5...R...", "R.....5.R......." },
		{ "a.a.a.a.a.a.a.a.", "aaa.aaa.aaa.aaa.", "a.aaa.aaa.aaa.aa", "a..a..a.a..a..a." },
		dr_folk, 0.45f, 0.2f, 0, 0, 0, 0, 0.8f },
	[GEN_STYLE_CLASSICAL] = { 64, 96, 50, 4, 0, 0, 0, 57, 67, 91, 45, 0.01f,
		{ NO, 42, 41, 40, 48 }, { 0 }, BASS_PAT, COMP_ARP,
		{ "R-------R-------", "R---5---R---5---", "R-------5-------", "R---R---5---R---" },
		{ "a.a.a.a.a.a.a.a.", "a...a...a...a...", "aaa.aaa.aaa.aaa.", "a..a..a.a..a..a." },
		NULL, 0.75f, 0.35f, 0, 0, 0, 0, 0.9f },
	[GEN_STYLE_WALTZ] = { 84, 112, 45, 3, 0, 0, 0, 60, 67, 88, 40, 0.006f,
		{ K(0), 32, 0, 40, NO }, { 0 }, BASS_PAT, COMP_PAT,
		{ "R-----------", "R-------5---", "R-------3---", "R-------8---" },
		{ "....c...c...", "....C...c...", "....c.c.c...", "....c...c.c." },
		dr_waltz, 0.6f, 0.25f, 0, 0, 0, 0, 0.8f },
	[GEN_STYLE_BLUES] = { 70, 100, 40, 4, 0, 0.33f, 1, 60, 64, 84, 45, 0.008f,
		{ K(8), 33, 0, 22, 16 }, { 0 }, BASS_PAT, COMP_PAT,
		{ "R.R.3.3.5.5.6.6.", "R...3...5...6...", "R.R.5.5.6.6.5.5.", "R...5...6...5.A." },
		{ "..c...c...c...c.", "C.....c.....c...", "..C.......C.....", "C...c...C...c..." },
		dr_blues, 0.45f, 0.2f, 0, 0, 0, 0, 0.8f },
	[GEN_STYLE_LATIN] = { 90, 120, 55, 4, 0, 0, 1, 64, 67, 88, 40, 0.005f,
		{ K(0), 33, 0, 56, NO }, { 0 }, BASS_PAT, COMP_ARP,
		{ "......R-...5..R-", "...5..R-...5..R-", "R.....5-R.....5-", "......R-....5.R-" },
		{ "a.aa.aa.a.aa.aa.", "a.a.aa.aa.a.aa.a", "aa.aa.a.aa.aa.a.", "a.a.a.aa.a.a.aa." },
		dr_latin, 0.45f, 0.2f, 0, 0, 0, 0, 0.8f },
	[GEN_STYLE_METAL] = { 120, 170, 95, 4, 0, 0, -1, 47, 59, 83, 55, 0.003f,
		{ K(16), 34, 30, 30, NO }, { 0 }, BASS_PAT, COMP_PAT,
		{ "R.RRR.RRR.RRR.RR", "RRRRRRRRRRRRRRRR", "R-------R---R.R.", "R.R.R.R.R-R-R.R." },
		{ "C.ccC.ccC.ccm.cc", "CcccCcccCcccm.m.", "C-------C---m.c.", "C.c.C.c.C-m-C.c." },
		dr_metal, 0.3f, 0.1f, 0, 0, 0, 0, 0.9f },
};

/* Instruments a style's chords and lead take in turn, one for each clip
 * (seeded), where the style plays General MIDI there and the prompt names
 * no instrument of its own: a station of one prompt changes colour from
 * loop to loop, as a programme of one genre does. */
const il_synth_alts synth_alts[GEN_STYLE_COUNT] = {
	[GEN_STYLE_LOFI] = { { 4, 5 }, 2, { 26, 11, 73 }, 3 },
	[GEN_STYLE_AMBIENT] = { { 0 }, 0, { 108, 46, 11 }, 3 },
	[GEN_STYLE_HOUSE] = { { 4, 0, 5 }, 3, { 0 }, 0 },
	[GEN_STYLE_JAZZ] = { { 0, 4 }, 2, { 65, 66, 56, 11 }, 4 },
	[GEN_STYLE_CINEMATIC] = { { 48, 49 }, 2, { 60, 40, 73 }, 3 },
	[GEN_STYLE_DNB] = { { 89, 88, 91 }, 3, { 0 }, 0 },
	[GEN_STYLE_BOSSA] = { { 24 }, 1, { 73, 66, 11 }, 3 },
	[GEN_STYLE_TRAP] = { { 0 }, 0, { 10, 8, 108 }, 3 },
	[GEN_STYLE_REGGAE] = { { 27, 26 }, 2, { 22, 56, 65 }, 3 },
	[GEN_STYLE_FUNK] = { { 28, 7 }, 2, { 61, 62, 65 }, 3 },
	[GEN_STYLE_ROCK] = { { 30, 29 }, 2, { 29, 30, 27 }, 3 },
	[GEN_STYLE_POP] = { { 0, 4, 24 }, 3, { 81, 80, 11 }, 3 },
	[GEN_STYLE_FOLK] = { { 25, 24 }, 2, { 110, 73, 22 }, 3 },
	[GEN_STYLE_CLASSICAL] = { { 41 }, 1, { 40, 73, 68, 71 }, 4 },
	[GEN_STYLE_WALTZ] = { { 0 }, 1, { 40, 21, 73 }, 3 },
	[GEN_STYLE_BLUES] = { { 0, 4 }, 2, { 22, 27, 65 }, 3 },
	[GEN_STYLE_LATIN] = { { 0 }, 1, { 56, 73, 24, 65 }, 4 },
	[GEN_STYLE_METAL] = { { 30 }, 1, { 30, 29 }, 2 },
};

typedef struct osc_sound {
	const char *name;
	int osc, voices;
	float detune, a, d, s, r, cutoff, fenv, fdecay, reso, vib_rate, vib_depth, rev, dly, gain;
} osc_sound;

static const osc_sound synth_osc_sounds[OSC_COUNT] = {
	[OSC_NONE] = { "none", SV_SINE, 1, 0, 0.005f, 0.3f, 0.8f, 0.2f, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	[OSC_SAW_BASS] = { "saw bass", SV_SAW, 1, 0, 0.005f, 0.3f, 0.8f, 0.08f, 400, 1200, 0.1f, 0.25f, 0, 0, 0, 0, 1 },
	[OSC_ACID_BASS] = { "acid bass", SV_SAW, 1, 0, 0.003f, 0.2f, 0.6f, 0.05f, 240, 1500, 0.07f, 0.6f, 0, 0, 0, 0.1f, 0.8f },
	[OSC_TRI_BASS] = { "triangle bass", SV_TRI, 1, 0, 0.005f, 0.3f, 0.6f, 0.08f, 700, 0, 0, 0, 0, 0, 0, 0, 1 },
	[OSC_SUB_BASS] = { "sub bass", SV_SINE, 1, 0, 0.005f, 1.5f, 0.7f, 0.15f, 0, 0, 0, 0, 0, 0, 0, 0, 1.2f },
	[OSC_REESE] = { "reese bass", SV_SAW, 3, 22, 0.005f, 0.5f, 1.0f, 0.1f, 380, 300, 0.4f, 0.1f, 0, 0, 0, 0, 0.9f },
	[OSC_CHIP_BASS] = { "chip triangle bass", SV_TRI, 1, 0, 0.002f, 0.1f, 1.0f, 0.01f, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	[OSC_STAB] = { "saw stab", SV_SAW, 2, 8, 0.003f, 0.15f, 0.3f, 0.08f, 700, 2600, 0.08f, 0.4f, 0, 0, 0.3f, 0.4f, 0.7f },
	[OSC_SUPERSAW] = { "supersaw", SV_SAW, 5, 18, 0.05f, 0.5f, 0.9f, 0.4f, 3200, 0, 0, 0, 0, 0, 0.4f, 0, 0.5f },
	[OSC_PAD] = { "saw pad", SV_SAW, 5, 12, 0.8f, 1.0f, 1.0f, 1.2f, 1800, 0, 0, 0, 0.3f, 0.05f, 0.7f, 0, 0.35f },
	[OSC_EPIANO] = { "FM electric piano", SV_EPIANO, 1, 0, 0.002f, 1.2f, 0.4f, 0.3f, 0, 0, 0, 0, 0.7f, 0.05f, 0.3f, 0, 1 },
	[OSC_BELL] = { "FM bell", SV_BELL, 1, 0, 0.002f, 1.5f, 0.0f, 0.8f, 0, 0, 0, 0, 0, 0, 0.6f, 0.4f, 0.8f },
	[OSC_PIANO] = { "additive piano", SV_PIANO, 1, 0, 0.002f, 2.0f, 0.5f, 0.4f, 0, 0, 0, 0, 0, 0, 0.35f, 0, 1 },
	[OSC_PULSE] = { "pulse arpeggio", SV_PULSE, 1, 0, 0.001f, 0.1f, 1.0f, 0.01f, 0, 0, 0, 0, 0, 0, 0.1f, 0, 0.5f },
	[OSC_SQUARE] = { "square lead", SV_SQUARE, 1, 0, 0.002f, 0.2f, 0.9f, 0.02f, 3500, 0, 0, 0, 6, 0.12f, 0.2f, 0.3f, 0.6f },
	[OSC_SAW_LEAD] = { "saw lead", SV_SAW, 2, 8, 0.01f, 0.3f, 0.8f, 0.2f, 3200, 800, 0.2f, 0.1f, 5, 0.1f, 0.3f, 0.4f, 0.7f },
	[OSC_TRI_LEAD] = { "triangle lead", SV_TRI, 1, 0, 0.03f, 0.3f, 0.8f, 0.2f, 0, 0, 0, 0, 5, 0.1f, 0.35f, 0.2f, 0.9f },
	[OSC_PLUCK] = { "pluck", SV_SAW, 1, 0, 0.002f, 0.25f, 0.0f, 0.15f, 2500, 2500, 0.1f, 0.1f, 0, 0, 0.3f, 0, 0.8f },
	[OSC_ORGAN] = { "organ", SV_ORGAN, 1, 0, 0.01f, 0.1f, 1.0f, 0.05f, 0, 0, 0, 0, 6, 0.03f, 0.3f, 0, 0.6f },
	[OSC_STRINGS] = { "saw strings", SV_SAW, 5, 14, 0.3f, 0.5f, 0.9f, 0.6f, 2500, 0, 0, 0, 5, 0.04f, 0.5f, 0, 0.4f },
};

/* The name of an oscillator sound. */
const char *synth_osc_name(int osc)
{
	return osc > 0 && osc < OSC_COUNT ? synth_osc_sounds[osc].name : "oscillator";
}

/* An oscillator note of sound osc, its unison voices spread around pan. */
void synth_osc_note(il_synth_ctx *c, int osc, double t, double dur, int midi, float vel, float pan, float spread)
{
	const osc_sound *o = &synth_osc_sounds[osc > 0 && osc < OSC_COUNT ? osc : OSC_TRI_LEAD];
	il_sv_note n = sv_note_make(t, dur, midi, vel * o->gain, o->osc);
	n.voices = o->voices;
	n.detune = o->detune;
	n.a = o->a;
	n.d = o->d;
	n.s = o->s;
	n.r = o->r;
	n.cutoff = o->cutoff;
	n.fenv = o->fenv;
	n.fdecay = o->fdecay > 0 ? o->fdecay : 0.1f;
	n.reso = o->reso;
	n.vib_rate = o->vib_rate;
	n.vib_depth = o->vib_depth;
	n.rev = o->rev;
	n.dly = o->dly;
	n.pan = pan;
	n.spread = spread;
	sv_play(&c->bus, &n);
}

/* The oscillator sound standing in for a GM program (no soundfont). */
int synth_osc_for_program(int program)
{
	static const int family[16] = { OSC_PIANO, OSC_BELL, OSC_ORGAN, OSC_PLUCK, OSC_TRI_BASS, OSC_STRINGS,
					OSC_STRINGS, OSC_SAW_LEAD, OSC_TRI_LEAD, OSC_TRI_LEAD, OSC_SAW_LEAD,
					OSC_PAD, OSC_PAD, OSC_PLUCK, OSC_BELL, OSC_BELL };
	if (program == 4 || program == 5)
		return OSC_EPIANO;
	if (program == 38 || program == 39)
		return OSC_SAW_BASS;
	return program >= 0 && program < 128 ? family[program / 8] : OSC_TRI_LEAD;
}

/* A drum hit with the oscillator kit. */
void synth_osc_drum(il_synth_ctx *c, il_synth_rng *r, int kit, int sound, double t, float vel)
{
	il_synth_bus *b = &c->bus;
	static const float kick_tone[] = { 55, 55, 52, 50, 49, 62, 52, 55, 45 };
	static const float kick_decay[] = { 0.25f, 0.25f, 0.22f, 0.28f, 0.2f, 0.08f, 0.25f, 0.2f, 0.9f };
	static const float kick_click[] = { 0.15f, 0.2f, 0.1f, 0.35f, 0.45f, 0.0f, 0.3f, 0.35f, 0.05f };
	if (!c->drums) /* on the clip's first hit (without one, each hit makes its shape afresh) */
		c->drums = sv_drum_cache_new();
	sv_drum_cache *dc = c->drums;
	int k = kit >= 0 && kit <= KIT_TRAP ? kit : KIT_ACOUSTIC;
	switch (sound) {
	case DR_KICK: sv_kick(b, dc, t, vel, kick_tone[k], kick_decay[k], kick_click[k]); break;
	case DR_SNARE: sv_snare(b, dc, r, t, vel * 0.6f, k == KIT_CHIP ? 240 : 190, k == KIT_WAVE ? 0.2f : 0.13f,
				k == KIT_WAVE ? 0.6f : 0.2f, 0); break;
	case DR_CLAP: sv_snare(b, dc, r, t, vel * 0.5f, 0, 0.12f, 0.3f, 1); break;
	case DR_RIM: sv_snare(b, dc, r, t, vel * 0.25f, 420, 0.03f, 0.1f, 0); break;
	case DR_HAT: sv_hat(b, dc, r, t, vel * 0.35f, k == KIT_CHIP ? 0.015f : 0.035f, 0.25f, 0); break;
	case DR_SHAKER: sv_hat(b, dc, r, t, vel * 0.18f, 0.05f, -0.35f, 0); break;
	case DR_OHAT: sv_hat(b, dc, r, t, vel * 0.3f, 0.18f, 0.2f, 0); break;
	case DR_RIDE: sv_hat(b, dc, r, t, vel * 0.2f, 0.3f, 0.35f, 1); break;
	case DR_CRASH: sv_hat(b, dc, r, t, vel * 0.3f, 0.9f, -0.2f, 1); break;
	case DR_TOM_L: sv_tom(b, dc, t, vel * 0.7f, 90, 0.3f, 0.3f); break;
	case DR_TOM_H: sv_tom(b, dc, t, vel * 0.6f, 140, 0.22f, 0.3f); break;
	case DR_CONGA: sv_tom(b, dc, t, vel * 0.45f, 220, 0.12f, 0.2f); break;
	case DR_CLAVE: sv_tom(b, dc, t, vel * 0.3f, 1800, 0.03f, 0.1f); break;
	default: break;
	}
}

/* SPDX-License-Identifier: MIT */
/* Text utilities: UTF-8 validity, characters and capitals, numbers as
 * Vietnamese write them, reading whole files. */
#ifndef BC_TEXT_H
#define BC_TEXT_H

#include "error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * no NUL); otherwise *bad is the offset of the first bad byte. */
bool bc_utf8_valid(const char *s, size_t len, size_t *bad);
/* The 1-based line holding offset off of s. */
int bc_line_of(const char *s, size_t off);
/* The bytes of a UTF-8 byte order mark at the start of s[0..len): 3 or
 * 0.  Notepad and Excel's "CSV UTF-8" write one; it is no text. */
size_t bc_bom_len(const char *s, size_t len);
/* A file's bytes as text: *s, *len moved past a byte order mark, the
 * rest checked as UTF-8.  False when it is not, with an error in d
 * naming file name, the line and the byte ("not UTF-8 text (byte 12)"),
 * and advice after it when not NULL (in English, marked N_()). */
bool bc_text_begin(const char *name, const char **s, size_t *len,
		   const char *advice, bc_diags *d);

/* The characters (code points) of the UTF-8 string s. */
size_t bc_utf8_len(const char *s);
/* The columns s takes on a terminal: a character one, a combining mark
 * (a tone mark typed apart) none, a wide East Asian character two. */
size_t bc_utf8_width(const char *s);
/* qsort's comparison for an array of strings (char *): byte order, which
 * is SQLite's BINARY collation. */
int bc_str_cmp(const void *a, const void *b);
/* The code point at *p, moving *p past it; a sequence cut short is read
 * as its first byte, so a walk over any bytes ends. */
unsigned bc_utf8_next(const unsigned char **p);
/* True for a control character: C0 (below U+0020, tab and line feed
 * included), DEL and C1 (U+0080–U+009F).  A terminal acts on them (ESC
 * starts its escape codes, CSI U+009B too); no clerk types one. */
bool bc_utf8_control(unsigned c);
/* The first control character of the UTF-8 string s, or 0 for none;
 * where lines (a narrative, a table's text), tab, line feed and carriage
 * return are the text's own and not counted. */
unsigned bc_utf8_first_control(const char *s, bool lines);
/* Text for a terminal, a piece at a time: every control character but
 * the line feed written \u00XX (as JSON writes it, so JSON reads the
 * same).  A C1 control's two bytes may fall in two pieces: the first
 * waits in e.  Zero-initialised is a fresh start. */
typedef struct bc_escaper {
	bool held; /* the last byte was 0xC2, a C1 control's lead */
} bc_escaper;
/* Hands in[0..n) escaped to put, a piece at a time; stops at put's
 * first non-zero return and returns it.  n == 0 ends the text: a byte
 * still held goes out as it was. */
int bc_escape_controls(bc_escaper *e, const char *in, size_t n,
		       int (*put)(void *ud, const char *buf, size_t len),
		       void *ud);
/* True for a capital of Latin-1, Latin Extended-A and Vietnamese. */
bool bc_utf8_capital(unsigned c);
/* s in capitals, as Vietnamese headers and titles are written: Latin-1,
 * Latin Extended-A and the Vietnamese letters (ă đ ĩ ũ ơ ư and those with
 * tone marks); other characters are kept.  Written into out[n], cut at a
 * character boundary. */
void bc_utf8_upper(const char *s, char *out, size_t n);

/* The bytes of a key of bc_text_key, with its NUL. */
#define BC_TEXT_KEY_MAX 256
/* The key by which a reader tells texts apart: s in NFC with its letters
 * case-folded (Unicode's full folding, by libunistring), so that
 * "KẾ HOẠCH", "kế hoạch" with its marks typed apart (NFD) and
 * "Kế hoạch" share one.  Written into key; false when it does not fit
 * or libunistring fails (out of memory). */
bool bc_text_key(const char *s, char key[BC_TEXT_KEY_MAX]);
/* Whether a and b are the same text to a reader: equal keys.  A text
 * too long for a key is the same only as itself, byte for byte. */
bool bc_text_same(const char *a, const char *b);
/* The position of the first of v[0..n) that is the same text as s
 * (bc_text_same), or -1. */
int bc_text_find(const char *s, char *const *v, size_t n);

/* A number as Vietnamese write it: "1 204", "12,5" (two decimals at
 * most), into buf[n]. */
void bc_num_text(double v, char *buf, size_t n);

/* Reads the file at path, at most max bytes, into *buf (NUL-terminated,
 * freed with bc_free).  Over max is BC_ERR_LIMIT; errors name the file. */
bc_err bc_file_read(const char *path, size_t max, char **buf, size_t *len,
		    bc_diags *d);

/* ---- names as people type them ------------------------------------------
 * A person types a unit's name "Xã Kỳ Sơn" in NFC or NFD (the tone mark
 * apart, as some keyboards and macOS file names do) and in any letter
 * case; these compare names so, and find the nearest of many. */

/* True when a and b are the same name: equal once case-folded and
 * normalised (libunistring's canonical caseless match). */
bool bc_text_same_name(const char *a, const char *b);
/* The name s as a key to find it by when mistyped: case-folded, every
 * mark dropped (tones, breves, hooks; đ read as d), any run of
 * characters other than letters and digits one space, none at the ends:
 * "Xã Kỳ Sơn" and "xa-ky-son" both "xa ky son".  Code points, *n of
 * them, freed with bc_free; NULL when out of memory. */
uint32_t *bc_text_name_key(const char *s, size_t *n);
/* The edits (a character put in, left out or replaced) that turn a into
 * b, or, when within, into some run of b's characters ("ky son" is 0
 * within "xa ky son").  SIZE_MAX when out of memory. */
size_t bc_text_distance(const uint32_t *a, size_t na, const uint32_t *b,
			size_t nb, bool within);

#endif

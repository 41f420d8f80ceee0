/* SPDX-License-Identifier: MIT */
#include "text.h"
#include "i18n.h"
#include "mem.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>
#include <unistd.h>

/* The 8 bytes at s are ASCII and none is NUL: no high bit set, and each
 * byte with its high bit forced on stays at or above 0x80 less one. */
static bool ascii8(const unsigned char *s)
{
	const uint64_t hi = 0x8080808080808080u, lo = 0x0101010101010101u;
	uint64_t w;
	memcpy(&w, s, sizeof w);
	return !(w & hi) && (((w | hi) - lo) & hi) == hi;
}

bool bc_utf8_valid(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		uint32_t cp, min;
		/* Eight ASCII bytes, none of them NUL, at a time. */
		if (c && c < 0x80 && len - i >= 8 && ascii8(s + i)) {
			i += 8;
			continue;
		}
		if (c == 0)
			goto fail;
		if (c < 0x80) {
			/* One of the next 8 bytes is not ASCII (or is NUL,
			 * or the text ends): up to it a byte at a time. */
			do
				i++;
			while (i < len && s[i] && s[i] < 0x80);
			continue;
		}
		/* The letters of Vietnamese: well-formed two- and
		 * three-byte sequences, passed without the loop below. */
		size_t left = len - i;
		if (c >= 0xC2 && c < 0xE0 && left > 1 &&
		    (s[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		if ((c & 0xF0) == 0xE0 && left > 2 && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) {
			cp = (c & 0x0F) << 12 | (s[i + 1] & 0x3Fu) << 6 |
			     (s[i + 2] & 0x3Fu);
			if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
				i += 3;
				continue;
			}
		}
		if ((c & 0xE0) == 0xC0)
			n = 1, cp = c & 0x1F, min = 0x80;
		else if ((c & 0xF0) == 0xE0)
			n = 2, cp = c & 0x0F, min = 0x800;
		else if ((c & 0xF8) == 0xF0)
			n = 3, cp = c & 0x07, min = 0x10000;
		else
			goto fail;
		if (n >= len - i)
			goto fail;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto fail;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto fail;
		i += n + 1;
	}
	return true;
fail:
	if (bad)
		*bad = i;
	return false;
}

int bc_line_of(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

size_t bc_bom_len(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

bool bc_text_begin(const char *name, const char **s, size_t *len,
		   const char *advice, bc_diags *d)
{
	size_t bom = bc_bom_len(*s, *len), bad;
	*s += bom;
	*len -= bom;
	if (bc_utf8_valid(*s, *len, &bad))
		return true;
	bc_said why;
	bc_said_make(&why, N_("not UTF-8 text (byte %zu)"), bad + 1);
	if (advice)
		bc_said_cat(&why, "; ", advice);
	bc_diags_add_made(d, BC_ERROR, name, bc_line_of(*s, bad), why.msg,
			  why.text);
	return false;
}

size_t bc_utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

size_t bc_utf8_width(const char *s)
{
	int w = u8_strwidth((const uint8_t *)s, "UTF-8");
	return w > 0 ? (size_t)w : 0;
}

bool bc_text_key(const char *s, char key[BC_TEXT_KEY_MAX])
{
	size_t n = strlen(s), len = BC_TEXT_KEY_MAX - 1;
	if (!n) {
		*key = '\0';
		return true;
	}
	/* Folding and composing shrink a character's bytes by a few times
	 * at most (the Kelvin sign's three to k's one): longer text has no
	 * key, and is not folded onto the heap only to find that out. */
	if (n > 8 * (BC_TEXT_KEY_MAX - 1))
		return false;
	uint8_t *k = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFC,
				 (uint8_t *)key, &len);
	if (k != (uint8_t *)key) {
		free(k); /* libunistring's own, when key was too small */
		return false;
	}
	key[len] = '\0';
	return true;
}

bool bc_text_same(const char *a, const char *b)
{
	char ka[BC_TEXT_KEY_MAX], kb[BC_TEXT_KEY_MAX];
	return !strcmp(a, b) || (bc_text_key(a, ka) && bc_text_key(b, kb) &&
				 !strcmp(ka, kb));
}

int bc_text_find(const char *s, char *const *v, size_t n)
{
	char ks[BC_TEXT_KEY_MAX], kv[BC_TEXT_KEY_MAX];
	bool keyed = bc_text_key(s, ks);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, v[i]) ||
		    (keyed && bc_text_key(v[i], kv) && !strcmp(ks, kv)))
			return (int)i;
	return -1;
}

unsigned bc_utf8_next(const unsigned char **p)
{
	const unsigned char *q = *p;
	unsigned c = *q, len = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (unsigned k = 1; k < len; k++)
		if ((q[k] & 0xC0) != 0x80)
			len = 1;
	if (len > 1)
		c &= 0x3F >> (len - 1);
	for (unsigned k = 1; k < len; k++)
		c = c << 6 | (q[k] & 0x3F);
	*p = q + len;
	return c;
}

static size_t utf8_put(unsigned c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	static const unsigned char lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
	size_t len = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	for (size_t k = len - 1; k > 0; k--, c >>= 6)
		out[k] = (char)(0x80 | (c & 0x3F));
	out[0] = (char)(lead[len] | c);
	return len;
}

/* Pairs of Latin Extended-A and of the Vietnamese letters with tone
 * marks (U+1EA0–U+1EF9): the even code is the capital. */
static bool paired(unsigned c)
{
	return (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) ||
	       (c >= 0x1EA0 && c <= 0x1EF9);
}

static unsigned upper_cp(unsigned c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
		return c - 0x20;
	if (paired(c) || c == 0x1A1)
		return c & ~1u;
	return c == 0x1B0 ? 0x1AF : c;
}

bool bc_utf8_control(unsigned c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

static size_t escaped(unsigned c, char *o)
{
	static const char hex[] = "0123456789abcdef";
	memcpy(o, "\\u00", 4);
	o[4] = hex[c >> 4];
	o[5] = hex[c & 15];
	return 6;
}

/* in[0..n) escaped into out, which has room for 6 * n + 1 bytes. */
static size_t escape_piece(bc_escaper *e, const char *in, size_t n, char *out)
{
	size_t len = 0;
	if (!n && e->held)
		out[len++] = (char)0xC2;
	if (!n)
		e->held = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)in[i];
		if (e->held) {
			e->held = false;
			if (b >= 0x80 && b <= 0x9F) {
				len += escaped(b, out + len);
				continue;
			}
			out[len++] = (char)0xC2;
		}
		if (b == 0xC2)
			e->held = true;
		else if (b < 0x80 && b != '\n' && bc_utf8_control(b))
			len += escaped(b, out + len);
		else
			out[len++] = (char)b;
	}
	return len;
}

int bc_escape_controls(bc_escaper *e, const char *in, size_t n,
		       int (*put)(void *ud, const char *buf, size_t len),
		       void *ud)
{
	enum { PIECE = 1024 };
	char out[6 * PIECE + 1];
	size_t at = 0;
	int rc;
	do {
		size_t k = n - at < PIECE ? n - at : PIECE;
		rc = put(ud, out, escape_piece(e, in + at, k, out));
		at += k;
	} while (!rc && at < n);
	return rc;
}

/* The bytes of the character at p when they need no decoding to be
 * known no control, else 0: printable ASCII, a well-formed two-byte
 * sequence led by C3-DF (U+00C0 on) or three-byte one led by E1-EF
 * (U+1000 on), which every Vietnamese letter is.  Any other lead (C0,
 * C1, E0, F0 and up may spell a control overlong, C2 leads C1) is
 * decoded as bc_utf8_next reads it. */
static size_t plain_char(const unsigned char *p)
{
	unsigned c = p[0];
	if (c >= 0x20 && c < 0x7F)
		return 1;
	if (c >= 0xC3 && c <= 0xDF)
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE1 && c <= 0xEF)
		return (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 ? 3 : 0;
	return 0;
}

unsigned bc_utf8_first_control(const char *s, bool lines)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = plain_char(p);
		if (n) {
			p += n;
			continue;
		}
		unsigned c = bc_utf8_next(&p);
		if (bc_utf8_control(c) &&
		    !(lines && (c == '\t' || c == '\n' || c == '\r')))
			return c;
	}
	return 0;
}

bool bc_utf8_capital(unsigned c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	       (paired(c) && !(c & 1)) || c == 0x1A0 || c == 0x1AF;
}

void bc_utf8_upper(const char *s, char *out, size_t n)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && o + 4 < n)
		o += utf8_put(upper_cp(bc_utf8_next(&p)), out + o);
	out[o] = '\0';
}

bc_err bc_file_read(const char *path, size_t max, char **buf, size_t *len,
		    bc_diags *d)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f) {
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL, "%s",
			     strerror(errno));
		return BC_ERR_IO;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     N_("not a regular file"));
		return BC_ERR_IO;
	}
	if ((uint64_t)st.st_size > max) {
		fclose(f);
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     N_("larger than the limit of %zu bytes"), max);
		return BC_ERR_LIMIT;
	}
	char *b = bc_malloc((size_t)st.st_size + 1);
	if (!b) {
		fclose(f);
		return BC_ERR_NOMEM;
	}
	size_t n = fread(b, 1, (size_t)st.st_size, f);
	bool err = ferror(f);
	fclose(f);
	if (err) {
		bc_free(b);
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL, N_("read error"));
		return BC_ERR_IO;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return BC_OK;
}

int bc_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void bc_num_text(double v, char *buf, size_t n)
{
	char digits[64];
	/* Two decimals at most, rounded before splitting so that 1.999
	 * reads "2", not "1," and a fraction that rounded to 1. */
	double a = round(fabs(v) * 100) / 100;
	bool neg = v < 0 && a > 0;
	double ip = floor(a + 1e-9);
	double frac = a - ip;
	snprintf(digits, sizeof digits, "%.0f", ip);
	size_t len = strlen(digits), o = 0;
	char out[96];
	if (neg)
		out[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < sizeof out; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	if (frac > 0.0049) {
		char f[16];
		snprintf(f, sizeof f, "%.2f", frac);
		size_t fl = strlen(f);
		while (fl > 0 && f[fl - 1] == '0')
			f[--fl] = '\0';
		snprintf(out + o, sizeof out - o, ",%s", f + 2);
	}
	snprintf(buf, n, "%s", out);
}

/* ---- names as people type them ----------------------------------------- */

bool bc_text_same_name(const char *a, const char *b)
{
	int r;
	if (!strcmp(a, b))
		return true;
	/* NFD after folding: U+0345 and the like fold before they compose. */
	return u8_casecmp((const uint8_t *)a, strlen(a), (const uint8_t *)b,
			  strlen(b), NULL, UNINORM_NFD, &r) == 0 &&
	       r == 0;
}

/* A character of a name key: a mark is none (0), đ is d (it has no
 * decomposition to drop a stroke from), anything else but a letter or a
 * digit a space. */
static uint32_t key_char(uint32_t c)
{
	if (uc_is_general_category(c, UC_CATEGORY_M))
		return 0;
	if (c == 0x111)
		return 'd';
	return uc_is_alnum(c) ? c : ' ';
}

uint32_t *bc_text_name_key(const char *s, size_t *n)
{
	size_t len;
	uint8_t *f = u8_casefold((const uint8_t *)s, strlen(s), NULL,
				 UNINORM_NFD, NULL, &len);
	uint32_t *k = f ? bc_malloc((len + 1) * sizeof *k) : NULL;
	*n = 0;
	if (!k) {
		free(f);
		return NULL;
	}
	const uint8_t *p = f, *end = f + len;
	while (p < end) {
		ucs4_t c;
		p += u8_mbtouc(&c, p, (size_t)(end - p));
		uint32_t kc = key_char(c);
		if (kc && (kc != ' ' || (*n && k[*n - 1] != ' ')))
			k[(*n)++] = kc;
	}
	if (*n && k[*n - 1] == ' ')
		(*n)--;
	free(f);
	return k;
}

size_t bc_text_distance(const uint32_t *a, size_t na, const uint32_t *b,
			size_t nb, bool within)
{
	/* One row of the table of edits, a's first i characters against
	 * b's first j; within, b's characters before the run are free. */
	size_t *row = bc_malloc((nb + 1) * sizeof *row);
	if (!row)
		return SIZE_MAX;
	for (size_t j = 0; j <= nb; j++)
		row[j] = within ? 0 : j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	size_t d = row[nb];
	for (size_t j = 0; within && j < nb; j++)
		d = row[j] < d ? row[j] : d;
	bc_free(row);
	return d;
}

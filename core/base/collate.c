/* SPDX-License-Identifier: MIT */
#include "collate.h"
#include "collate_table.h" /* written by collate_table.py */
#include "mem.h"

#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 character; invalid bytes decode as themselves. */
static unsigned next_cp(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	unsigned c = *p++;
	int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (n)
		c &= 0x3F >> n;
	for (; n && (*p & 0xC0) == 0x80; n--)
		c = c << 6 | (*p++ & 0x3F);
	*pp = p;
	return c;
}

static int cmp_letter(const void *k, const void *e)
{
	unsigned cp = *(const unsigned *)k;
	unsigned x = ((const struct vi_letter *)e)->cp;
	return cp < x ? -1 : cp > x;
}

enum { MARK_NONE, MARK_BREVE, MARK_CIRCUMFLEX, MARK_HORN };

/* Combining marks written after a base letter (decomposed text). */
static int combining(unsigned cp, int *tone)
{
	switch (cp) {
	case 0x0300: *tone = 1; return MARK_NONE;
	case 0x0309: *tone = 2; return MARK_NONE;
	case 0x0303: *tone = 3; return MARK_NONE;
	case 0x0301: *tone = 4; return MARK_NONE;
	case 0x0323: *tone = 5; return MARK_NONE;
	case 0x0306: return MARK_BREVE;
	case 0x0302: return MARK_CIRCUMFLEX;
	case 0x031B: return MARK_HORN;
	default: return -1;
	}
}

/* How far a mark moves a base letter in the alphabet: a ă â, e ê,
 * o ô ơ, u ư. */
static int mark_shift(int mark, int rank)
{
	char base = 0;
	for (int i = 0; i < 26; i++)
		if (ascii_rank[i] == rank)
			base = (char)('a' + i);
	switch (mark) {
	case MARK_BREVE:
		return base == 'a';
	case MARK_CIRCUMFLEX:
		return base == 'a' ? 2 : base == 'e' || base == 'o';
	case MARK_HORN:
		return base == 'o' ? 2 : base == 'u';
	default:
		return 0;
	}
}

/*
 * Key layout: primary ranks, 0x01, tones, 0x01, cases.  Letters rank
 * 0x20 + their alphabet rank; digits below them; anything else (spaces,
 * punctuation) lowest, so "Xã A" sorts before "XãA".
 */
char *bc_collate_key(const char *s)
{
	size_t n = strlen(s);
	char *k = bc_malloc(3 * n + 3);
	if (!k)
		return NULL;
	char *tone = k + n + 1, *kase = tone + n + 1;
	size_t np = 0, nt = 0, nc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned cp = next_cp(&p);
		int t = 0, upper = 0, rank, mark;
		const struct vi_letter *l;
		if (cp < 128 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) {
			upper = cp < 'a';
			rank = ascii_rank[(cp | 0x20) - 'a'];
		} else if (cp >= '0' && cp <= '9') {
			rank = -(int)(10 - (cp - '0'));
		} else if ((l = bsearch(&cp, vi_letters,
					sizeof vi_letters / sizeof *vi_letters,
					sizeof *vi_letters, cmp_letter))) {
			rank = l->rank;
			t = l->tone;
			upper = l->upper;
		} else if (np && (mark = combining(cp, &t)) >= 0) {
			/* Amend the letter just written. */
			k[np - 1] = (char)(k[np - 1] +
					   mark_shift(mark, k[np - 1] - 0x20 - 20));
			if (t)
				tone[nt - 1] = (char)(0x02 + t);
			continue;
		} else {
			rank = -20;
		}
		k[np++] = (char)(0x20 + 20 + rank);
		tone[nt++] = (char)(0x02 + t);
		kase[nc++] = (char)(0x02 + upper);
	}
	/* Pack: primary, 0x01, tones, 0x01, cases, NUL. */
	k[np] = 0x01;
	memmove(k + np + 1, tone, nt);
	k[np + 1 + nt] = 0x01;
	memmove(k + np + 2 + nt, kase, nc);
	k[np + 2 + nt + nc] = '\0';
	return k;
}

int bc_collate(const char *a, const char *b)
{
	char *ka = bc_collate_key(a), *kb = bc_collate_key(b);
	int r = ka && kb ? strcmp(ka, kb) : strcmp(a, b);
	bc_free(ka);
	bc_free(kb);
	return r ? r : strcmp(a, b);
}

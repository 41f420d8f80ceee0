/* SPDX-License-Identifier: MIT */
#include "xlsx_nd30.h"
#include "text.h"
#include "wording.h"

#include <stdio.h>
#include <string.h>

/* The frame's parts, each its format. */
enum {
	N_PARENT,     /* the body above: capitals, upright */
	N_BODY,       /* the issuing body: capitals, bold */
	N_RULE,       /* the short line under the issuing body */
	N_NUMBER,     /* "Số: 45/BC-UBND" */
	N_ABOUT,      /* a letter's "V/v …" */
	N_NATION,     /* the national title: capitals, bold */
	N_MOTTO,      /* the motto: bold, a line under it */
	N_PLACE_DATE, /* italic */
	N_TYPE,       /* "BÁO CÁO": capitals, bold */
	N_TITLE,      /* the summary under it: bold */
	N_TO,         /* "Kính gửi:" and the addressees */
	N_SIGNER,     /* authority, title, name: bold */
	N_RECV_HEAD,  /* "Nơi nhận:": bold, italic */
	N_RECV,       /* its lines: smaller, upright */
	N_NOTE,       /* the italic notes under who signs a table */
	N_COUNT
};
_Static_assert(N_COUNT <= BC_XND30_FORMATS, "bc_xbook.nd30 holds them all");

enum {
	BOLD = BC_XF_BOLD, ITALIC = BC_XF_ITALIC, UNDER = BC_XF_UNDER,
	CENTER = BC_XF_CENTER, VCENTER = BC_XF_VCENTER, WRAP = BC_XF_WRAP,
	TOP = BC_XF_TOP
};

/* Nghị định 30's sizes, a point under the document's where a sheet's
 * narrow columns ask for it. */
static const bc_xf_spec SPEC[N_COUNT] = {
	[N_PARENT] = {CENTER | VCENTER | WRAP, 12, NULL},
	[N_BODY] = {BOLD | CENTER | VCENTER | WRAP, 12, NULL},
	[N_RULE] = {CENTER | TOP, 8, NULL},
	[N_NUMBER] = {CENTER | VCENTER, 13, NULL},
	[N_ABOUT] = {CENTER | VCENTER | WRAP, 12, NULL},
	[N_NATION] = {BOLD | CENTER | VCENTER, 12, NULL},
	[N_MOTTO] = {BOLD | CENTER | VCENTER | UNDER, 13, NULL},
	[N_PLACE_DATE] = {ITALIC | CENTER | VCENTER, 13, NULL},
	[N_TYPE] = {BOLD | CENTER | VCENTER, 14, NULL},
	[N_TITLE] = {BOLD | CENTER | VCENTER | WRAP, 14, NULL},
	[N_TO] = {CENTER | VCENTER | WRAP, 13, NULL},
	[N_SIGNER] = {BOLD | CENTER | VCENTER, 13, NULL},
	[N_RECV_HEAD] = {BOLD | ITALIC | VCENTER, 12, NULL},
	[N_RECV] = {VCENTER | WRAP, 11, NULL},
	[N_NOTE] = {ITALIC | CENTER | VCENTER, 12, NULL},
};

void bc_xnd30_formats(bc_xbook *b)
{
	for (size_t i = 0; i < N_COUNT; i++) {
		size_t first = bc_xf_spec_first(SPEC, i);
		if (first < i)
			b->nd30[i] = b->nd30[first];
		else if (!(b->nd30[i] = bc_xlsx_format(bc_xbook_wb(b), BC_XLSX_FONT,
							SPEC[i].fl, SPEC[i].pt,
							NULL, 0)))
			bc_xbook_fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	}
}

/* ---- the two groups of columns ---------------------------------------- */

/* Columns under the issuing body: enough for its name. */
static lxw_col_t left_end(const bc_xsheet *s)
{
	double w = 0;
	lxw_col_t c = 0;
	for (; c + 2 < s->n && (w += s->w[c]) < 34; c++)
		;
	return c;
}

/* Columns under the national title: the right part, enough for it. */
static lxw_col_t right_start(const bc_xsheet *s)
{
	double w = 0;
	lxw_col_t c = s->n - 1, l = left_end(s);
	for (; c > l + 1 && (w += s->w[c]) < 46; c--)
		;
	return c;
}

/* text across c1..c2 of the current row in the frame's part. */
static void merge(bc_xsheet *s, lxw_col_t c1, lxw_col_t c2, const char *text,
		  int part)
{
	bc_xsheet_merge_in(s, c1, c2, text, s->b->nd30[part]);
}

/* A line of a column of the header or the signer block. */
typedef struct line {
	const char *text;
	int part;
} line;

#define LINES_MAX 48
/* How much of the issuing body's longest line its rule is long, in
 * rules of 8 points under letters of 12. */
#define RULE_PART 0.6

/* The lines of l in part at the end of v[*n]. */
static void add(line *v, size_t *n, const bc_doc_lines *l, int part)
{
	for (size_t i = 0; i < l->n && *n < LINES_MAX; i++)
		v[(*n)++] = (line){l->line[i], part};
}

static void add_one(line *v, size_t *n, const char *text, int part)
{
	if (text && *text && *n < LINES_MAX)
		v[(*n)++] = (line){text, part};
}

/* The two columns side by side, a row per line, each row as tall as
 * its taller line needs. */
static void columns(bc_xsheet *s, const line *left, size_t nl,
		    const line *right, size_t nr)
{
	lxw_col_t l = left_end(s), r = right_start(s), last = s->n - 1;
	double lw = bc_xsheet_widths(s, 0, l), rw = bc_xsheet_widths(s, r, last);
	for (size_t i = 0; i < nl || i < nr; i++) {
		const bc_xpart m = BC_XP_NOTE;
		double hl = i < nl ? s->b->lay->fit(s, left[i].text, lw,
						    left[i].part == N_BODY ||
								    left[i].part == N_PARENT
							    ? BC_XP_ORG
							    : m)
				   : 0;
		double hr = i < nr ? s->b->lay->fit(s, right[i].text, rw, m) : 0;
		if (hl > 0 || hr > 0)
			bc_xsheet_height(s, hl > hr ? hl : hr);
		if (i < nl && *left[i].text)
			merge(s, 0, l, left[i].text, left[i].part);
		if (i < nr && *right[i].text)
			merge(s, r, last, right[i].text, right[i].part);
		bc_xsheet_next(s, 1);
	}
}

/* ---- the header block ------------------------------------------------- */

/* The short line under the issuing body, a third to a half of its
 * longest line: a run of box-drawing rules, since a cell's border
 * spans the whole group of columns. */
static void rule(bc_xsheet *s, const bc_doc_lines *body)
{
	char rl[3 * 64 + 1] = "";
	size_t chars = 0;
	for (size_t i = 0; i < body->n; i++) {
		size_t n = bc_utf8_len(body->line[i]);
		chars = n > chars ? n : chars;
	}
	size_t n = chars * RULE_PART;
	for (size_t i = 0; i < n && i < 64; i++)
		strcat(rl, "\u2500");
	bc_xsheet_height(s, 8);
	if (n)
		merge(s, 0, left_end(s), rl, N_RULE);
	bc_xsheet_next(s, 1);
}

void bc_xnd30_header(bc_xsheet *s, const char *code)
{
	const bc_xbook *b = s->b;
	const bc_doc_frame *f = b->frame;
	line left[LINES_MAX], right[LINES_MAX];
	size_t nl = 0, nr = 0;
	if (code) {
		lxw_col_t r = right_start(s), last = s->n - 1;
		bc_xsheet_merge(s, r, last, code, b->lay->style[BC_XP_CODE]);
		bc_xsheet_next(s, 1);
	}
	add_one(left, &nl, f->parent, N_PARENT);
	add(left, &nl, &f->body, N_BODY);
	add_one(right, &nr, f->nation, N_NATION);
	add_one(right, &nr, f->motto, N_MOTTO);
	columns(s, left, nl, right, nr);
	rule(s, &f->body);
	nl = nr = 0;
	if (b->header & BC_XND_NUMBER) {
		add_one(left, &nl, f->number, N_NUMBER);
		add_one(left, &nl, f->about, N_ABOUT);
	}
	if (b->header & BC_XND_DATE)
		add_one(right, &nr, f->place_date, N_PLACE_DATE);
	columns(s, left, nl, right, nr);
	bc_xsheet_next(s, 1);
}

void bc_xnd30_title(bc_xsheet *s)
{
	const bc_doc_frame *f = s->b->frame;
	double w = bc_xsheet_widths(s, 0, s->n - 1);
	line v[LINES_MAX];
	size_t n = 0;
	add_one(v, &n, f->type, N_TYPE);
	add(v, &n, &f->title, N_TITLE);
	add(v, &n, &f->to, N_TO);
	for (size_t i = 0; i < n; i++) {
		bc_xsheet_fit(s, v[i].text, w, BC_XP_TITLE);
		merge(s, 0, s->n - 1, v[i].text, v[i].part);
		bc_xsheet_next(s, 1);
	}
	if (n)
		bc_xsheet_next(s, 1);
}

/* ---- the signer block ------------------------------------------------- */

/* Rows left for the signature and the seal. */
#define SIGN_ROWS 3

void bc_xnd30_signer(bc_xsheet *s, bool recipients)
{
	const bc_doc_frame *f = s->b->frame;
	const bc_ruleset *rs = s->b->rs;
	line left[LINES_MAX], right[LINES_MAX];
	size_t nl = 0, nr = 0;
	if (recipients) {
		add_one(left, &nl, f->recipients_head, N_RECV_HEAD);
		add(left, &nl, &f->recipients, N_RECV);
	} else {
		add_one(left, &nl, bc_word(rs, BC_W_SHEET_DRAWN_BY), N_SIGNER);
		add_one(left, &nl, bc_word(rs, BC_W_SHEET_DRAWN_BY_NOTE), N_NOTE);
	}
	add(right, &nr, &f->authority, N_SIGNER);
	add_one(right, &nr, f->signer_title, N_SIGNER);
	for (int i = 0; i < SIGN_ROWS && nr < LINES_MAX; i++)
		right[nr++] = (line){"", N_SIGNER};
	add_one(right, &nr, f->signer_name, N_SIGNER);
	bc_xsheet_next(s, 1);
	columns(s, left, nl, right, nr);
}

/* ---- a sheet's heading and a table's signatures ----------------------- */

static void across(bc_xsheet *s, const char *text, bc_xpart p)
{
	bc_xsheet_merge(s, 0, s->n - 1, text, s->b->lay->style[p]);
}

void bc_xsheet_heading(bc_xsheet *s, const char *title, const char *sub,
		       const char *code)
{
	bc_xnd30_header(s, code);
	bc_xsheet_titles(s, title, sub);
}

void bc_xsheet_titles(bc_xsheet *s, const char *title, const char *sub)
{
	char up[1024];
	double w = bc_xsheet_widths(s, 0, s->n - 1);
	bc_utf8_upper(title, up, sizeof up);
	bc_xsheet_fit(s, up, w, BC_XP_TITLE);
	across(s, up, BC_XP_TITLE);
	bc_xsheet_next(s, 1);
	if (sub) {
		bc_xsheet_fit(s, sub, w, BC_XP_WINDOW);
		across(s, sub, BC_XP_WINDOW);
		bc_xsheet_next(s, 1);
	}
	across(s, s->b->period, BC_XP_PERIOD);
	bc_xsheet_next(s, 1);
	across(s, s->b->window, BC_XP_WINDOW);
	bc_xsheet_next(s, 2);
}

void bc_xsheet_signature(bc_xsheet *s, const char *date_words)
{
	const bc_ruleset *rs = s->b->rs;
	line left[4] = {{"", N_NOTE}}, right[4];
	size_t nl = 1, nr = 0;
	add_one(left, &nl, bc_word(rs, BC_W_SHEET_DRAWN_BY), N_SIGNER);
	add_one(left, &nl, bc_word(rs, BC_W_SHEET_DRAWN_BY_NOTE), N_NOTE);
	add_one(right, &nr, date_words, N_NOTE);
	add_one(right, &nr, bc_word(rs, BC_W_SHEET_HEAD), N_SIGNER);
	add_one(right, &nr, bc_word(rs, BC_W_SHEET_HEAD_NOTE), N_NOTE);
	bc_xsheet_next(s, 1);
	columns(s, left, nl, right, nr);
}

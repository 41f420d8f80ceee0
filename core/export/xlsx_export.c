/* SPDX-License-Identifier: MIT */
/*
 * The xlsx exporter: the workbook a district office hands its chairman,
 * laid out as Nghị định 30/2020/NĐ-CP lays out administrative documents
 * (Times New Roman, the issuing body at the left, the national title and
 * motto at the right, A4 paper with margins of about 2 cm).
 *
 * Sheets, in reading order: the indicators beside the previous year; who
 * reported and when; one sheet per form with a row per unit, grouped by
 * level with subtotals and a grand total; one list per table field (the
 * 1A/1B appendices of the rules); each unit's rates of the most numerous
 * level, and a chart per form of those rates.
 *
 * Nothing here names a form, field or level: all comes from the model and
 * the ruleset.  Rows are written in order in libxlsxwriter's
 * constant_memory mode, so a national workbook needs little memory; in
 * that mode strings are stored inline, not in a shared-strings part.
 *
 * Two threads (xlsx_write.h, bc_xbook_queue): this one reads the store
 * and lays out the rows; a writer thread makes the calls of
 * libxlsxwriter that bc_xsheet_* queue, in their order.  The rule here
 * and in xlsx_nd30.c: every cell, row height, merge or sheet setting
 * goes through bc_xsheet_*, and libxlsxwriter's objects are reached
 * only through bc_xbook_wb() and bc_xsheet_ws(), which wait for the
 * writer first (a chart is set up right after its workbook_add_chart,
 * with nothing queued between).  So
 *     grep -nE '(\.|->)(ws|wb)\b' xlsx_export.c xlsx_nd30.c
 * finds only the workbook made, before the writer starts.
 *
 * The forms' values come from the model's aggregate, which keeps them in
 * its one pass over the values (xlsx_values.h).
 * A list is sized by what is known before its rows: the units with rows
 * by the table's row count among the form's values, the columns by the
 * aggregate's longest texts (export.c asks for them).
 */
#include "xlsx_export.h"
#include "export_host.h"
#include "feed.h"
#include "jsonset.h"
#include "jsonout.h"
#include "mem.h"
#include "text.h"
#include "status_json.h"
#include "vndoc.h"
#include "xlsx_nd30.h"
#include "xlsx_values.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#define LINE_PT 15.0 /* a line of 12-point text */
#define ROW_PT 16.0  /* a row of one line */

/* Cell styles. */
enum {
	F_CODE, F_TITLE, F_PERIOD, F_WINDOW, F_HEAD,
	F_COLNO, F_UOM, F_STT, F_TEXT, F_ENUM, F_CELL, F_GSTT, F_GNAME,
	F_GCELL, F_MISSING, F_NOTE, F_DATE, F_DATETIME,
	F_LABEL, F_N
};
/* Number styles, plain and bold. */
enum { K_INT, K_MONEY, K_PCT, K_RATE, K_BOOL, K_N };

enum {
	BOLD = BC_XF_BOLD, ITALIC = BC_XF_ITALIC, BORDER = BC_XF_BORDER,
	CENTER = BC_XF_CENTER, WRAP = BC_XF_WRAP, UNDER = BC_XF_UNDER,
	VCENTER = BC_XF_VCENTER, RIGHT = BC_XF_RIGHT, INDENT = BC_XF_INDENT
};

static const bc_xf_spec SPEC[F_N] = {
	[F_CODE] = {BOLD | CENTER | WRAP, 12, NULL},
	[F_TITLE] = {BOLD | CENTER | VCENTER | WRAP, 14, NULL},
	[F_PERIOD] = {BOLD | CENTER, 12, NULL},
	[F_WINDOW] = {ITALIC | CENTER, 12, NULL},
	[F_HEAD] = {BOLD | CENTER | VCENTER | WRAP | BORDER, 12, NULL},
	[F_COLNO] = {ITALIC | CENTER | VCENTER | BORDER, 11, NULL},
	[F_UOM] = {ITALIC | CENTER | VCENTER | WRAP | BORDER, 11, NULL},
	[F_STT] = {CENTER | VCENTER | BORDER, 12, NULL},
	[F_TEXT] = {VCENTER | WRAP | BORDER | INDENT, 12, NULL},
	[F_ENUM] = {CENTER | VCENTER | WRAP | BORDER, 12, NULL},
	[F_CELL] = {VCENTER | BORDER, 12, NULL},
	[F_GSTT] = {BOLD | CENTER | VCENTER | BORDER, 12, NULL},
	[F_GNAME] = {BOLD | VCENTER | WRAP | BORDER | INDENT, 12, NULL},
	[F_GCELL] = {BOLD | VCENTER | BORDER, 12, NULL},
	[F_MISSING] = {ITALIC | CENTER | VCENTER | BORDER, 12, NULL},
	[F_NOTE] = {ITALIC, 11, NULL},
	[F_DATE] = {CENTER | VCENTER | BORDER, 12, "dd/mm/yyyy"},
	[F_DATETIME] = {CENTER | VCENTER | BORDER, 12, "dd/mm/yyyy hh:mm"},
	[F_LABEL] = {VCENTER | WRAP | BORDER | INDENT, 12, NULL},
};

/* A bool reads yes/no (bc_vndoc_bool_format) but stays the number 1/0,
 * so sums count it. */
static const char *const KNUM[K_N] = {"#,##0", "#,##0.00", "0.0", "0.0",
				      NULL};

typedef struct book {
	bc_xbook x; /* first: a sheet's book is its book (book_of) */
	const bc_ruleset *rs;
	bc_host *h;
	json_t *model, *agg, *units; /* borrowed */
	json_t *by_code;   /* unit code → unit */
	json_t *pos;       /* unit code → its place in units */
	json_t *estimated; /* unit code → true */
	bc_xvals_reader *vals; /* the forms' values, a form at a time */
	lxw_format *f[F_N], *k[2][K_N];
} book;

typedef bc_xsheet sheet;

static book *book_of(const sheet *s)
{
	return (book *)s->b;
}

/* The ruleset's word k (wording.h). */
static const char *word(const sheet *s, bc_wkey k)
{
	return bc_word(book_of(s)->rs, k);
}

/* ---- text ------------------------------------------------------------- */

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* Up to max digits (one at least) at *s as *out, *s past them. */
static bool digits(const char **s, int max, int *out)
{
	int n = 0, k = 0;
	for (; k < max && **s >= '0' && **s <= '9'; k++, (*s)++)
		n = n * 10 + (**s - '0');
	*out = n;
	return k > 0;
}

/* "2023-02-28" or "2023-02-28T08:10:00+07:00" as Excel's date-time, read
 * at the offset written; a day with a broken time is no date.  By hand,
 * not sscanf: a national list 1B has ~400,000 dates, and sscanf was a
 * tenth of the work of the thread laying its rows out. */
static bool datetime(const char *s, lxw_datetime *dt)
{
	*dt = (lxw_datetime){0};
	if (!digits(&s, 4, &dt->year) || *s++ != '-' ||
	    !digits(&s, 2, &dt->month) || *s++ != '-' ||
	    !digits(&s, 2, &dt->day))
		return false;
	if (*s++ != 'T' || !digits(&s, 2, &dt->hour))
		return true;
	return *s++ == ':' && digits(&s, 2, &dt->min);
}

/* A date of the model: "YYYY-MM-DD", BC_DATE_NONE for anything else. */
static bc_date model_date(const char *iso)
{
	bc_date d;
	return bc_date_parse(iso, &d) ? d : BC_DATE_NONE;
}

static void roman(int v, char *out, size_t n)
{
	static const struct {
		int v;
		const char *s;
	} R[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
		 {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
		 {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof R / sizeof *R; i++)
		for (; v >= R[i].v && o + 3 < n; v -= R[i].v)
			o += (size_t)snprintf(out + o, n - o, "%s", R[i].s);
}

/* The width of len bytes of text in letters: a capital is wider. */
static double text_w(const char *t, size_t len)
{
	const unsigned char *p = (const unsigned char *)t, *end = p + len;
	double w = 0;
	while (p < end) {
		if (*p < 0x80) { /* most letters: no decoding */
			w += *p >= 'A' && *p <= 'Z' ? 1.5 : 1;
			p++;
		} else {
			w += bc_utf8_capital(bc_utf8_next(&p)) ? 1.5 : 1;
		}
	}
	return w;
}

/* Lines text wraps to in a column width wide.  A width unit is 7 pixels
 * (a digit of Calibri 11, the workbook's default font) plus 5 of
 * padding, less an indent; a letter of Times New Roman 12 about 7
 * pixels, 7.6 in bold, a capital half as much again.  Readers keep the
 * heights written (LibreOffice does not fit rows on opening), so better
 * a line too many. */
static int lines(const char *t, double width, bool bold)
{
	double per = (7 * width - 6) / (bold ? 7.6 : 7.0), cur = 0;
	int n = 1;
	if (per < 1) /* a column with no width: one letter a line, not a hang */
		per = 1;
	/* A letter is at most a byte and 1.5 wide, a run of spaces 1: text
	 * that short fits one line without being measured. */
	if (1.5 * (double)strlen(t) <= per)
		return 1;
	while (*t) {
		size_t len = strcspn(t, " ");
		double wl = text_w(t, len);
		if (cur > 0 && cur + 1 + wl > per) {
			n++;
			cur = 0;
		}
		cur += (cur > 0) + wl;
		for (; cur > per; cur -= per)
			n++;
		t += len;
		t += strspn(t, " ");
	}
	return n;
}

/* ---- the workbook ------------------------------------------------------ */

static lxw_format *style(lxw_workbook *wb, const bc_xf_spec *sp)
{
	return bc_xlsx_format(wb, BC_XLSX_FONT, sp->fl, sp->pt, sp->num, 0);
}

/* One format per kind (bc_xbook_formats), and the numbers' plain and
 * bold. */
static void styles(book *b)
{
	bc_xbook_formats(&b->x, SPEC, F_N, style);
	for (int bold = 0; bold < 2; bold++)
		for (int k = 0; k < K_N; k++)
			b->k[bold][k] = bc_xlsx_format(
				bc_xbook_wb(&b->x), BC_XLSX_FONT,
				(bold ? BOLD : 0) | VCENTER | BORDER |
					(k == K_BOOL ? CENTER : RIGHT | INDENT),
				12, k == K_BOOL ? bc_vndoc_bool_format() : KNUM[k],
				0);
}

/* Points of the sheet's rows a printed page holds: A4 landscape inside
 * the margins (482 × 714 points, 952 pixels wide), the sheet scaled to
 * the page's width; a little less, as readers round. */
static double page_rows_pt(const sheet *s)
{
	double px = 0;
	for (lxw_col_t c = 0; c < s->n; c++)
		px += 7 * s->w[c] + 5;
	return 482 * 0.97 / (px > 952 ? 952 / px : 1);
}

static double rows_pt(const sheet *s, lxw_row_t from, lxw_row_t to)
{
	double h = 0;
	for (lxw_row_t r = from; r < to && r < s->cap_rh; r++)
		h += s->rh[r];
	return h;
}

/* Where printed pages would begin, filled in order with the table's
 * header atop each after the first. */
typedef struct pagination {
	int n;                  /* pages */
	lxw_row_t last, before; /* first rows of the last page and the one
				 * before it */
	int table1, table2;     /* pages of the table's first and last rows */
} pagination;

static void paginate(const sheet *s, double page, double head, pagination *p)
{
	double used = 0;
	*p = (pagination){.n = 1};
	for (lxw_row_t r = 0; r < s->r; r++) {
		if (used + s->rh[r] > page && used > head) {
			p->before = p->last;
			p->last = r;
			used = head;
			p->n++;
		}
		used += s->rh[r];
		if (r == s->head2 + 1)
			p->table1 = p->n;
		if (r + 1 == s->tail)
			p->table2 = p->n;
	}
}

/* A table's header is printed atop every page it runs over, and only
 * then: the closing lines (indicators, notes, signatures) under a header
 * they do not belong to read badly.  When only they would make the last
 * page, the sheet is printed a little smaller to keep them on the page
 * before; else they start a page of their own, with the last rows of a
 * table that runs over pages anyway. */
static void fit_pages(sheet *s)
{
	if (s->cap_rh < s->r || s->head2 < s->head1)
		return;
	double page = page_rows_pt(s);
	double head = rows_pt(s, s->head1, s->head2 + 1);
	pagination p;
	paginate(s, page, head, &p);
	bool one = s->tail && p.table1 == p.table2;
	if (!one)
		bc_xsheet_repeat_rows(s, s->head1, s->head2);
	if (p.n < 2 || !s->tail || p.last < s->tail)
		return;
	double over = ((one ? 0 : head) + rows_pt(s, p.last, s->r)) / page;
	if ((p.n - 1 + over) / (p.n - 1) < 1.3) {
		bc_xsheet_fit_pages(s, 1, (uint16_t)(p.n - 1));
		return;
	}
	lxw_row_t brk[2] = {one ? s->tail : s->tail > 3 ? s->tail - 3 : 0, 0};
	if (brk[0] > p.before && brk[0] > s->head2 + 1 &&
	    (one ? 0 : head) + rows_pt(s, brk[0], s->r) <= page)
		bc_xsheet_breaks(s, brk);
}

static void sheet_close(sheet *s)
{
	if (s->rh)
		fit_pages(s);
	bc_xsheet_close(s);
}

/* A number in a cell.  Excel keeps 15 significant digits: a number
 * with more (99999999999999.99) goes in as its text, aligned as numbers
 * are, never rounded. */
static void dec_cell(sheet *s, lxw_col_t c, bc_dec d, lxw_format *f)
{
	char text[BC_DEC_BUF];
	if (bc_dec_digits(d) <= 15) {
		bc_xsheet_num(s, c, bc_dec_double(d), f);
		return;
	}
	bc_dec_text(d, text);
	bc_xsheet_text(s, c, text, f);
}

/* A column's sum so far, exact; text when a cell or the sum has more
 * digits than Excel keeps (its =SUM() would leave a text cell out). */
typedef struct colsum {
	bc_dec v;
	bool any, text, over;
} colsum;

static void add_cell(colsum *c, const bc_cell *x)
{
	if (x->kind != BC_CELL_BOOL && x->kind != BC_CELL_NUM)
		return;
	c->over |= !bc_dec_add(c->v, x->num, &c->v);
	c->text |= bc_dec_digits(x->num) > 15;
	c->any = true;
}

static void add_sum(colsum *to, const colsum *c)
{
	to->over |= c->over || !bc_dec_add(to->v, c->v, &to->v);
	to->text |= c->text;
	to->any = true;
}

/* A sum: a formula with the value it computes, for readers that do not
 * recalculate, or the exact value as text (dec_cell). */
static void sum(sheet *s, lxw_col_t c, const char *formula, const colsum *v,
		lxw_format *f)
{
	if (v->over)
		bc_xbook_fail(s->b, LXW_ERROR_PARAMETER_VALIDATION,
			      "a sum has more digits than baocao adds exactly "
			      "(18)");
	else if (v->text || bc_dec_digits(v->v) > 15)
		dec_cell(s, c, v->v, f);
	else
		bc_xsheet_formula(s, c, formula, bc_dec_double(v->v), f);
}

/* Room for the most lines a cell of the row wraps to. */
static void fit(sheet *s, int n)
{
	if (n > 1)
		bc_xsheet_height(s, LINE_PT * n + 3);
}

static void datetime_cell(sheet *s, lxw_col_t c, const char *iso, int f)
{
	lxw_datetime dt;
	if (datetime(iso, &dt))
		bc_xsheet_datetime(s, c, &dt, f);
	else
		bc_xsheet_put(s, c, iso, F_TEXT);
}

/* ---- the parts every sheet shares -------------------------------------- */

/* The height a row needs for text in part p (bc_layout.fit). */
static double part_height(const sheet *s, const char *text, double width,
			  bc_xpart p)
{
	if (p == BC_XP_TITLE)
		return 20 * lines(text, width * 0.85, true) + 4;
	int n = lines(text, width, true);
	return n > 1 ? LINE_PT * n + 3 : 0;
}

static const bc_layout LAYOUT = {
	.style = {[BC_XP_CODE] = F_CODE,
		  [BC_XP_TITLE] = F_TITLE,
		  [BC_XP_PERIOD] = F_PERIOD,
		  [BC_XP_WINDOW] = F_WINDOW,
		  [BC_XP_HEAD] = F_HEAD,
		  [BC_XP_COLNO] = F_COLNO},
	.fit = part_height,
	.row_pt = ROW_PT,
};

/* Landscape; head1..head2 are the table's head, repeated on its pages
 * (fit_pages). */
static void page(sheet *s, lxw_row_t head1, lxw_row_t head2)
{
	bc_xsheet_page(s, true);
	s->head1 = head1;
	s->head2 = head2;
}

/* The last row of a table's head, its columns numbered; the head, from
 * row first, repeats atop every page and stays in view. */
static void column_numbers(sheet *s, lxw_row_t first)
{
	bc_xsheet_column_numbers(s, s->n);
	page(s, first, s->r);
	bc_xsheet_freeze(s, s->r + 1, 2);
	bc_xsheet_next(s, 1);
}

/* Header rows of a table: its labels, the units of measure when uom is
 * given, and the column numbers. */
static void table_head(sheet *s, const char *const *label,
		       const char *const *uom)
{
	lxw_row_t first = s->r;
	bc_xsheet_labels(s, label, s->n);
	for (lxw_col_t c = 0; uom && c < s->n; c++)
		bc_xsheet_put(s, c, uom[c] ? uom[c] : "", F_UOM);
	bc_xsheet_next(s, uom != NULL);
	column_numbers(s, first);
}

static void note(sheet *s, const char *text)
{
	bc_xsheet_put(s, 1, text, F_NOTE);
	bc_xsheet_next(s, 1);
}

/* A group's row: its Roman number and its name across the row. */
static void group_row(sheet *s, int no, const char *label)
{
	char r[16];
	roman(no, r, sizeof r);
	fit(s, lines(label, s->w[1], true));
	bc_xsheet_put(s, 0, r, F_GSTT);
	bc_xsheet_put(s, 1, label, F_GNAME);
	for (lxw_col_t c = 2; c < s->n; c++)
		bc_xsheet_blank(s, c, F_GCELL);
}

/* The unit's name, marked when its figures are estimates; the row is
 * made high enough for it or for the lines another cell needs. */
static void name_cell(sheet *s, json_t *u, int other)
{
	book *b = book_of(s);
	char name[600];
	snprintf(name, sizeof name, "%s%s", str(u, "name"),
		 json_object_get(b->estimated, str(u, "code")) ? " (*)" : "");
	int n = lines(name, s->w[1], false);
	fit(s, n > other ? n : other);
	bc_xsheet_put(s, 1, name, F_TEXT);
}

/* ---- the forms --------------------------------------------------------- */

static json_t *form_agg(book *b, const char *form)
{
	return json_object_get(json_object_get(b->agg, "forms"), form);
}

/* A read of the store failed (its diagnostics are the export's): so
 * does the workbook. */
static void unread(book *b)
{
	bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED,
		      "cannot read the store");
}

/* jansson ran out of memory (e, from jsonset.h) while b was made. */
static void jansson(book *b, bc_err e)
{
	if (e != BC_OK)
		bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
}

/* The set of the strings in array a. */
static json_t *set_of(book *b, json_t *a)
{
	bc_err e = BC_OK;
	json_t *set = bc_json_made(&e, json_object()), *v;
	size_t i;
	json_array_foreach(a, i, v) if (json_is_string(v))
		bc_json_set(&e, set, json_string_value(v), json_true());
	jansson(b, e);
	return set;
}

static bool summable(const bc_field *f)
{
	return f->type == BC_T_INT || f->type == BC_T_MONEY ||
	       f->type == BC_T_BOOL;
}

static int kind_of(const bc_field *f)
{
	switch (f->type) {
	case BC_T_MONEY:
		return K_MONEY;
	case BC_T_PCT:
		return K_PCT;
	case BC_T_BOOL:
		return K_BOOL;
	default:
		return K_INT;
	}
}

/* Text as a person reads it: an enum's choice by its label. */
static const char *shown(const bc_field *f, const char *text)
{
	return f->type == BC_T_ENUM ? bc_field_value_label(f, text) : text;
}

/* A unit's value in its column, by the field's type. */
static void value_cell(sheet *s, lxw_col_t c, const bc_field *f,
		       const bc_cell *v)
{
	book *b = book_of(s);
	if (v->kind == BC_CELL_BOOL)
		bc_xsheet_num(s, c, v->x, b->k[0][K_BOOL]);
	else if (v->kind == BC_CELL_NUM)
		dec_cell(s, c, v->num, b->k[0][kind_of(f)]);
	else if (v->kind == BC_CELL_TEXT && f->type == BC_T_DATE)
		datetime_cell(s, c, v->text, F_DATE);
	else if (v->kind == BC_CELL_TEXT)
		bc_xsheet_put(s, c, shown(f, v->text),
			      f->type == BC_T_ENUM ? F_ENUM : F_TEXT);
	else
		bc_xsheet_blank(s, c, F_CELL);
}

/* The text of a cell, "" for a number: what a row is made high for. */
static const char *cell_text(const bc_cell *v)
{
	return v->kind == BC_CELL_TEXT ? v->text : "";
}

/* What a form sheet is made of: the plain fields as columns. */
typedef struct ftab {
	const bc_form *f;
	const bc_field **col; /* the field of column 2 + i */
	size_t n;
	const bc_xvals *vals;
	json_t *missing; /* unit code set */
	size_t *units;   /* a level's units on the sheet, by place */
	colsum *total;
	lxw_row_t *groups; /* rows of the level subtotals */
	size_t n_groups;
} ftab;

/* Units of the level that reported the form or owe it, in list order,
 * into t->units; how many. */
static size_t level_units(book *b, ftab *t, const char *level)
{
	size_t n = 0, i;
	json_t *u;
	json_array_foreach(b->units, i, u) {
		if (!strcmp(str(u, "level"), level) &&
		    (t->vals->has[i] ||
		     json_object_get(t->missing, str(u, "code"))))
			t->units[n++] = i;
	}
	return n;
}

static void unit_row(sheet *s, ftab *t, size_t at, int no)
{
	json_t *u = json_array_get(book_of(s)->units, at);
	bc_xsheet_num(s, 0, no, s->b->f[F_STT]);
	name_cell(s, u, 1);
	if (!t->vals->has[at]) {
		bc_xsheet_merge(s, 2, s->n - 1, word(s, BC_W_EXPORT_NOT_REPORTED),
				F_MISSING);
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		const bc_field *f = t->col[i];
		bc_cell v = bc_xvals_cell(t->vals, at, (size_t)(f - t->f->fields));
		if (bc_field_asked(f, str(u, "level")))
			value_cell(s, (lxw_col_t)(2 + i), f, &v);
		else
			bc_xsheet_blank(s, (lxw_col_t)(2 + i), F_CELL);
	}
	for (lxw_col_t c = (lxw_col_t)(2 + t->n); c < s->n; c++)
		bc_xsheet_blank(s, c, F_CELL);
}

/* The level's row: =SUM() of its n units' rows below, with the value. */
static void subtotal_row(sheet *s, ftab *t, size_t n, int no,
			 const char *label)
{
	lxw_row_t first = s->r + 1, last = s->r + (lxw_row_t)n;
	group_row(s, no, label);
	for (size_t i = 0; i < t->n; i++) {
		const bc_field *f = t->col[i];
		colsum v = {0};
		for (size_t k = 0; k < n; k++) {
			bc_cell c = bc_xvals_cell(t->vals, t->units[k],
					    (size_t)(f - t->f->fields));
			add_cell(&v, &c);
		}
		if (!summable(f) || !v.any)
			continue;
		char range[64], formula[80];
		lxw_rowcol_to_range(range, first, (lxw_col_t)(2 + i), last,
				    (lxw_col_t)(2 + i));
		snprintf(formula, sizeof formula, "=SUM(%s)", range);
		sum(s, (lxw_col_t)(2 + i), formula, &v,
		    book_of(s)->k[1][f->type == BC_T_MONEY ? K_MONEY : K_INT]);
		add_sum(&t->total[i], &v);
	}
}

/* =SUM(C11,C20): the levels' subtotals in column c. */
static char *groups_sum(const ftab *t, lxw_col_t c)
{
	char *f = bc_malloc(16 * t->n_groups + 8);
	if (!f)
		return NULL;
	strcpy(f, "=SUM(");
	for (size_t g = 0; g < t->n_groups; g++) {
		char cell[16];
		lxw_rowcol_to_cell(cell, t->groups[g], c);
		strcat(strcat(f, cell), g + 1 < t->n_groups ? "," : ")");
	}
	return f;
}

static void total_row(sheet *s, ftab *t)
{
	bc_xsheet_blank(s, 0, F_GSTT);
	bc_xsheet_put(s, 1, bc_vndoc_word(BC_VN_TOTAL), F_GNAME);
	for (lxw_col_t c = 2; c < s->n; c++) {
		size_t i = c - 2;
		if (i >= t->n || !t->total[i].any) {
			bc_xsheet_blank(s, c, F_GCELL);
			continue;
		}
		char *formula = groups_sum(t, c);
		if (!formula) {
			bc_xbook_fail(s->b, LXW_ERROR_MEMORY_MALLOC_FAILED,
				      NULL);
			return;
		}
		sum(s, c, formula, &t->total[i],
		    book_of(s)->k[1][t->col[i]->type == BC_T_MONEY ? K_MONEY
								   : K_INT]);
		bc_free(formula);
	}
	bc_xsheet_next(s, 1);
}

static void form_rows(sheet *s, ftab *t)
{
	book *b = book_of(s);
	int no = 0;
	for (size_t l = 0; l < b->rs->n_levels; l++) {
		const bc_level *lv = &b->rs->levels[l];
		size_t n = level_units(b, t, lv->id);
		if (n) {
			t->groups[t->n_groups++] = s->r;
			subtotal_row(s, t, n, ++no, lv->label);
			bc_xsheet_next(s, 1);
			for (size_t i = 0; i < n; i++) {
				unit_row(s, t, t->units[i], (int)i + 1);
				bc_xsheet_next(s, 1);
			}
		}
	}
	if (t->n_groups)
		total_row(s, t);
}

/* The header of a small table by level: STT, what, each level, the
 * total. */
static void level_head(sheet *s, const char *what)
{
	book *b = book_of(s);
	size_t nl = b->rs->n_levels;
	int most = lines(what, s->w[1], true);
	for (size_t l = 0; l <= nl; l++) {
		const char *lb = l < nl ? b->rs->levels[l].label
					: bc_vndoc_word(BC_VN_TOTAL);
		int n = lines(lb, s->w[2 + l], true);
		most = n > most ? n : most;
	}
	fit(s, most);
	bc_xsheet_put(s, 0, bc_vndoc_word(BC_VN_SEQ), F_HEAD);
	bc_xsheet_put(s, 1, what, F_HEAD);
	for (size_t l = 0; l <= nl; l++)
		bc_xsheet_put(s, (lxw_col_t)(2 + l),
			      l < nl ? b->rs->levels[l].label
				     : bc_vndoc_word(BC_VN_TOTAL),
			      F_HEAD);
	bc_xsheet_next(s, 1);
}

/* Each indicator of the form for every level and the district. */
static void indicator_rows(sheet *s, const bc_form *f)
{
	book *b = book_of(s);
	if (!f->n_indicators)
		return;
	json_t *inds = json_object_get(form_agg(b, f->id), "indicators");
	size_t nl = b->rs->n_levels;
	bc_xsheet_next(s, 1);
	level_head(s, word(s, BC_W_EXPORT_INDICATORS));
	for (size_t k = 0; k < f->n_indicators; k++) {
		json_t *o = json_object_get(inds, f->indicators[k].id);
		bc_xsheet_num(s, 0, (double)k + 1, b->f[F_STT]);
		fit(s, lines(f->indicators[k].label, s->w[1], false));
		bc_xsheet_put(s, 1, f->indicators[k].label, F_LABEL);
		for (size_t l = 0; l <= nl; l++) {
			json_t *v = json_object_get(
				o, l < nl ? b->rs->levels[l].id : "total");
			if (json_is_number(v))
				bc_xsheet_num(s, (lxw_col_t)(2 + l),
					      json_number_value(v),
					      b->k[l == nl][K_RATE]);
			else
				bc_xsheet_blank(s, (lxw_col_t)(2 + l), F_CELL);
		}
		bc_xsheet_next(s, 1);
	}
}

static double field_width(const bc_field *f)
{
	switch (f->type) {
	case BC_T_MONEY:
		return 12;
	case BC_T_TEXT:
		return 24;
	case BC_T_DATE:
		return 12;
	case BC_T_ENUM:
		return 13;
	default:
		return 10;
	}
}

static void form_head(sheet *s, ftab *t)
{
	const char **label = bc_calloc(s->n, sizeof *label);
	const char **uom = bc_calloc(s->n, sizeof *uom);
	char yes_no[64];
	snprintf(yes_no, sizeof yes_no, "%s/%s", bc_vndoc_word(BC_VN_YES),
		 bc_vndoc_word(BC_VN_NO));
	if (!label || !uom) {
		bc_xbook_fail(s->b, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	} else {
		label[0] = bc_vndoc_word(BC_VN_SEQ);
		label[1] = word(s, BC_W_EXPORT_UNIT);
		uom[1] = bc_vndoc_word(BC_VN_UOM);
		for (size_t i = 0; i < t->n; i++) {
			const bc_field *f = t->col[i];
			label[2 + i] = f->label;
			uom[2 + i] = f->unit                 ? f->unit
				     : f->type == BC_T_PCT  ? "%"
				     : f->type == BC_T_BOOL ? yes_no
							    : NULL;
		}
		table_head(s, label, uom);
	}
	bc_free(label);
	bc_free(uom);
}

/* Wide enough for the column's total (a bound: the sum of its values),
 * so that wide forms still print legibly on one page. */
static double number_width(const ftab *t, const bc_field *f)
{
	double total = t->vals->abs[f - t->f->fields];
	int digits = total < 10 ? 1 : (int)floor(log10(total)) + 1;
	double w = digits + (digits - 1) / 3 + (f->type == BC_T_MONEY ? 3 : 0) + 3;
	return w < 8 ? 8 : w;
}

static double column_of(const ftab *t, size_t i)
{
	const bc_field *f = t->col[i];
	return summable(f) || f->type == BC_T_PCT ? number_width(t, f)
						  : field_width(f);
}

/* The width of the names of the units in either set (code → anything),
 * or those in[] marks by their place, or of the level's units when level is given:
 * the longest, within reason; longer names wrap. */
static double names_width(book *b, json_t *a, json_t *c, const bool *in,
			  const char *level)
{
	double w = 18;
	size_t i;
	json_t *u;
	json_array_foreach(b->units, i, u) {
		const char *code = str(u, "code");
		double l = (double)bc_utf8_len(str(u, "name")) * 0.9 + 6;
		if ((level ? !strcmp(str(u, "level"), level)
			   : (in && in[i]) || json_object_get(a, code) ||
				     json_object_get(c, code)) &&
		    l > w)
			w = l;
	}
	return w > 32 ? 32 : w;
}

static bool anyone(ftab *t)
{
	return t->vals->n_has || json_object_size(t->missing);
}

static void form_write(book *b, ftab *t)
{
	char name[160];
	sheet s;
	size_t nl = b->rs->n_levels;
	lxw_col_t n = (lxw_col_t)(2 + t->n);
	if (n < 3 + nl)
		n = (lxw_col_t)(3 + nl);
	bc_xlsx_sheet_name(t->f->id, t->f->title, name, sizeof name);
	if (!bc_xsheet_open(&b->x, &s, name, n))
		return;
	bc_xsheet_width(&s, 0, 5);
	bc_xsheet_width(&s, 1, names_width(b, NULL, t->missing, t->vals->has, NULL));
	for (lxw_col_t c = 2; c < n; c++)
		bc_xsheet_width(&s, c,
				(size_t)(c - 2) < t->n ? column_of(t, c - 2)
						       : 10);
	bc_xsheet_heading(&s, t->f->title, NULL, NULL);
	form_head(&s, t);
	form_rows(&s, t);
	s.tail = s.r;
	indicator_rows(&s, t->f);
	if (json_object_size(b->estimated)) {
		bc_xsheet_next(&s, 1);
		note(&s, word(&s, BC_W_EXPORT_ESTIMATED_NOTE));
	}
	bc_xnd30_signer(&s, false);
	sheet_close(&s);
}

/* A sheet of the form's plain fields, if it has any and anyone reported
 * or owes it. */
static void form_sheet(book *b, const bc_form *f, const bc_xvals *vals)
{
	ftab t = {.f = f, .vals = vals};
	t.col = bc_calloc(f->n_fields + 1, sizeof *t.col);
	t.total = bc_calloc(f->n_fields + 1, sizeof *t.total);
	t.groups = bc_calloc(b->rs->n_levels + 1, sizeof *t.groups);
	t.units = bc_calloc(json_array_size(b->units) + 1, sizeof *t.units);
	if (!t.col || !t.total || !t.groups || !t.units) {
		bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	} else {
		for (size_t i = 0; i < f->n_fields; i++)
			if (f->fields[i].type != BC_T_TABLE)
				t.col[t.n++] = &f->fields[i];
		t.missing = set_of(b, json_object_get(
			json_object_get(b->agg, "missing_units"), f->id));
		if (t.n && anyone(&t))
			form_write(b, &t);
		json_decref(t.missing);
	}
	bc_free(t.col);
	bc_free(t.total);
	bc_free(t.groups);
	bc_free(t.units);
}

/* ---- the lists (table fields) ------------------------------------------ */

/* The units that have rows of a table, by their place in the list. */
typedef struct lshape {
	bool *in;
	size_t n_in; /* units with rows, any outside the list too */
} lshape;

/* The units that have rows of table t into sh: those whose row count,
 * the table's own value among vals, is not 0.  A derived period lists
 * no rows (derive.h). */
static void list_units(book *b, const bc_xvals *vals, const bc_field *t,
		       lshape *sh)
{
	size_t nu = json_array_size(b->units);
	size_t k = (size_t)(t - vals->f->fields);
	if (bc_host_period(b->h)->derived)
		return;
	for (size_t i = 0; i < nu; i++) {
		bc_cell c = bc_xvals_cell(vals, i, k);
		if (c.kind == BC_CELL_NUM && c.x > 0) {
			sh->in[i] = true;
			sh->n_in++;
		}
	}
	sh->n_in += vals->outside[k];
}

/* The units that have rows of table t of vals' form into sh, and in w
 * each column's width: as wide as its longest value (the aggregate's
 * "longest"), within reason.  Known before the rows, as the widths come
 * first. */
static void list_scan(book *b, const bc_xvals *vals, const bc_field *t,
		      lshape *sh, double *w)
{
	size_t nu = json_array_size(b->units);
	*sh = (lshape){0};
	sh->in = bc_calloc(nu + 1, sizeof *sh->in);
	if (!sh->in) {
		bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
		return;
	}
	list_units(b, vals, t, sh);
	json_t *longest = json_object_get(
		json_object_get(json_object_get(b->agg, "longest"),
				vals->f->id),
		t->id);
	for (size_t k = 0; k < t->n_columns; k++) {
		const bc_field *c = &t->columns[k];
		int64_t n = json_integer_value(json_object_get(longest, c->id));
		for (size_t v = 0; v < c->n_values; v++) /* shown by label */
			if ((int64_t)bc_utf8_len(c->value_labels[v]) > n)
				n = (int64_t)bc_utf8_len(c->value_labels[v]);
		double l = (double)n * 1.1 + 2;
		if (c->type != BC_T_TEXT && c->type != BC_T_ENUM)
			w[k] = field_width(c);
		else
			w[k] = l < 10 ? 10 : l > 48 ? 48 : l;
	}
}

static void lshape_free(lshape *sh)
{
	bc_free(sh->in);
}

static void list_row(sheet *s, const bc_field *t, json_t *u,
		     const bc_cell *row, int no)
{
	int most = lines(str(u, "name"), s->w[1], false);
	for (size_t k = 0; k < t->n_columns; k++) {
		int n = lines(shown(&t->columns[k], cell_text(&row[k])),
			      s->w[2 + k], false);
		most = n > most ? n : most;
	}
	fit(s, most);
	bc_xsheet_num(s, 0, no, s->b->f[F_STT]);
	bc_xsheet_put(s, 1, str(u, "name"), F_TEXT);
	for (size_t k = 0; k < t->n_columns; k++)
		value_cell(s, (lxw_col_t)(2 + k), &t->columns[k], &row[k]);
	for (lxw_col_t c = (lxw_col_t)(2 + t->n_columns); c < s->n; c++)
		bc_xsheet_blank(s, c, F_CELL);
	bc_xsheet_next(s, 1);
}

/* A list's rows as the store feeds them (feed.h), the sheet's units in
 * their places, a row gathered whole before it is written. */
typedef struct lfeed {
	sheet *s;
	const bc_field *t;
	const char **code; /* per place: the unit's code, */
	size_t *at;        /* its place in the model's list */
	size_t *lv;        /* and its level */
	size_t n;          /* places */
	size_t glv;        /* the level of the group begun last */
	int group, no;     /* groups begun; rows of the current one */
	size_t pos;        /* the place of the row gathered, SIZE_MAX none */
	int row;
	bc_cell *cell; /* its cells by column, */
	char **text;   /* the texts among them, */
	size_t *cap;   /* in buffers this large */
	bool oom;
} lfeed;

/* A level's group row before its first row, the row of place pos: a
 * level whose units have no row (a table reported with rows of no
 * cells) has none. */
static void begin_group(lfeed *lf, size_t pos)
{
	if (lf->group && lf->lv[pos] == lf->glv)
		return;
	lf->glv = lf->lv[pos];
	lf->no = 0;
	group_row(lf->s, ++lf->group,
		  book_of(lf->s)->rs->levels[lf->glv].label);
	bc_xsheet_next(lf->s, 1);
}

static void flush(lfeed *lf)
{
	if (lf->pos == SIZE_MAX)
		return;
	list_row(lf->s, lf->t,
		 json_array_get(book_of(lf->s)->units, lf->at[lf->pos]),
		 lf->cell, ++lf->no);
	for (size_t k = 0; k < lf->t->n_columns; k++)
		lf->cell[k] = (bc_cell){.kind = BC_CELL_NONE};
	lf->pos = SIZE_MAX;
}

static bool take_cell(void *ud, size_t pos, int row, const char *col,
		      const bc_cell *v)
{
	lfeed *lf = ud;
	if (pos != lf->pos || row != lf->row) {
		flush(lf);
		begin_group(lf, pos);
		lf->pos = pos;
		lf->row = row;
	}
	const bc_field *t = lf->t;
	for (size_t k = 0; k < t->n_columns; k++) {
		if (strcmp(t->columns[k].id, col))
			continue;
		size_t len = v->kind == BC_CELL_TEXT ? strlen(v->text) + 1 : 0;
		if (len && bc_grow((void **)&lf->text[k], &lf->cap[k], len, 1)) {
			lf->oom = true;
			return false;
		}
		lf->cell[k] = *v;
		if (len) /* v's text is the store's until the next row */
			lf->cell[k].text = memcpy(lf->text[k], v->text, len);
		return true;
	}
	return true;
}

static void lfeed_free(lfeed *lf)
{
	for (size_t k = 0; lf->text && k < lf->t->n_columns; k++)
		bc_free(lf->text[k]);
	bc_free(lf->text);
	bc_free(lf->cap);
	bc_free(lf->cell);
	bc_free(lf->code);
	bc_free(lf->at);
	bc_free(lf->lv);
}

/* The units in[] marks, by level, units in list order, into their
 * places. */
static void places(book *b, lfeed *lf, const bool *in)
{
	for (size_t l = 0; l < b->rs->n_levels; l++) {
		size_t i;
		json_t *u;
		json_array_foreach(b->units, i, u) {
			if (strcmp(str(u, "level"), b->rs->levels[l].id) ||
			    !in[i])
				continue;
			lf->code[lf->n] = str(u, "code");
			lf->at[lf->n] = i;
			lf->lv[lf->n++] = l;
		}
	}
}

/* The rows of the units in[] marks, grouped by level, units in list
 * order, numbered through; read in one pass in that order. */
static void list_rows(sheet *s, const bc_form *f, const bc_field *t,
		      const bool *in)
{
	book *b = book_of(s);
	size_t nu = json_array_size(b->units), nc = t->n_columns + 1;
	lfeed lf = {.s = s, .t = t, .pos = SIZE_MAX};
	lf.code = bc_calloc(nu + 1, sizeof *lf.code);
	lf.at = bc_calloc(nu + 1, sizeof *lf.at);
	lf.lv = bc_calloc(nu + 1, sizeof *lf.lv);
	lf.cell = bc_calloc(nc, sizeof *lf.cell);
	lf.text = bc_calloc(nc, sizeof *lf.text);
	lf.cap = bc_calloc(nc, sizeof *lf.cap);
	if (!lf.code || !lf.at || !lf.lv || !lf.cell || !lf.text || !lf.cap) {
		bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
		lfeed_free(&lf);
		return;
	}
	places(b, &lf, in);
	/* The rows are read on the forms' reader's connection, its thread
	 * done or stopped, where the revisions in force were found once. */
	if (lf.n) {
		bc_xvals_home(b->vals);
		bc_host_reader_back(b->h);
	}
	if (lf.n && !bc_host_feed_rows(b->h, f->id, t->id, lf.code, lf.n,
				       take_cell, &lf))
		bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED,
			      lf.oom ? NULL : "cannot read the store");
	flush(&lf);
	if (!lf.group) {
		bc_xsheet_merge(s, 0, s->n - 1, word(s, BC_W_EXPORT_NONE),
				F_MISSING);
		bc_xsheet_next(s, 1);
	}
	lfeed_free(&lf);
}

/* The values a column is counted by: those the rules list, else those
 * found. */
static json_t *count_keys(book *b, const bc_field *c, json_t *total)
{
	bc_err e = BC_OK;
	json_t *a = bc_json_made(&e, json_array());
	const char *k;
	json_t *v;
	for (size_t i = 0; i < c->n_values; i++)
		bc_json_push(&e, a, json_string(c->values[i]));
	if (!c->n_values)
		json_object_foreach(total, k, v)
			bc_json_push(&e, a, json_string(k));
	jansson(b, e);
	return a;
}

/* How many rows have each value of the column the table counts by. */
static void count_rows(sheet *s, const bc_field *t, json_t *agg)
{
	book *b = book_of(s);
	if (t->count_by < 0)
		return;
	const bc_field *c = &t->columns[t->count_by];
	size_t nl = b->rs->n_levels;
	json_t *keys = count_keys(b, c, json_object_get(agg, "total")), *key;
	size_t v;
	bc_xsheet_next(s, 1);
	level_head(s, c->label);
	json_array_foreach(keys, v, key) {
		const char *k = json_string_value(key);
		bc_xsheet_num(s, 0, (double)v + 1, b->f[F_STT]);
		fit(s, lines(shown(c, k), s->w[1], false));
		bc_xsheet_put(s, 1, shown(c, k), F_LABEL);
		for (size_t l = 0; l <= nl; l++) {
			json_t *lv = json_object_get(
				agg, l < nl ? b->rs->levels[l].id : "total");
			json_t *x = json_object_get(lv, k);
			if (json_is_object(lv))
				bc_xsheet_num(s, (lxw_col_t)(2 + l),
					      (double)json_integer_value(x),
					      b->k[l == nl][K_INT]);
			else
				bc_xsheet_blank(s, (lxw_col_t)(2 + l), F_CELL);
		}
		bc_xsheet_next(s, 1);
	}
	json_decref(keys);
}

static void list_head(sheet *s, const bc_field *t)
{
	const char **label = bc_calloc(s->n, sizeof *label);
	if (!label) {
		bc_xbook_fail(s->b, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
		return;
	}
	label[0] = bc_vndoc_word(BC_VN_SEQ);
	label[1] = word(s, BC_W_EXPORT_UNIT);
	for (size_t k = 0; k < t->n_columns; k++)
		label[2 + k] = t->columns[k].label;
	table_head(s, label, NULL);
	bc_free(label);
}

/* The list of a table field: every unit's rows, with the unit's name. */
static void list_sheet(book *b, const bc_xvals *vals, const bc_field *t,
		       bool alone)
{
	const bc_form *f = vals->f;
	json_t *agg = json_object_get(
		json_object_get(form_agg(b, f->id), "fields"), t->id);
	json_t *miss = json_object_get(json_object_get(b->agg, "missing_units"),
				       f->id);
	double *cw = bc_calloc(t->n_columns + 1, sizeof *cw);
	lshape sh = {0};
	if (cw)
		list_scan(b, vals, t, &sh, cw);
	else
		bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	const char *title = alone ? f->title : t->label;
	size_t nl = b->rs->n_levels;
	lxw_col_t n = (lxw_col_t)(2 + t->n_columns);
	if (n < 3 + nl)
		n = (lxw_col_t)(3 + nl);
	char name[160];
	sheet s;
	bc_xlsx_sheet_name(f->id, title, name, sizeof name);
	/* no widths to lay the sheet out by, or no one to list */
	if (bc_xbook_failed(&b->x) || (!sh.n_in && !json_array_size(miss)) ||
	    !bc_xsheet_open(&b->x, &s, name, n)) {
		lshape_free(&sh);
		bc_free(cw);
		return;
	}
	bc_xsheet_width(&s, 0, 5);
	bc_xsheet_width(&s, 1, names_width(b, NULL, NULL, sh.in, NULL));
	for (lxw_col_t c = 2; c < n; c++)
		bc_xsheet_width(
			&s, c, (size_t)(c - 2) < t->n_columns ? cw[c - 2] : 10);
	bc_free(cw);
	bc_xsheet_heading(&s, title, NULL, NULL);
	list_head(&s, t);
	list_rows(&s, f, t, sh.in);
	lshape_free(&sh);
	s.tail = s.r;
	count_rows(&s, t, agg);
	if (alone)
		indicator_rows(&s, f);
	bc_xnd30_signer(&s, false);
	sheet_close(&s);
}

/* The lists of the tables of vals' form. */
static void list_sheets(book *b, const bc_xvals *vals)
{
	const bc_form *f = vals->f;
	size_t tables = 0;
	for (size_t i = 0; i < f->n_fields; i++)
		tables += f->fields[i].type == BC_T_TABLE;
	for (size_t i = 0; i < f->n_fields; i++)
		if (f->fields[i].type == BC_T_TABLE)
			list_sheet(b, vals, &f->fields[i],
				   tables == 1 && f->n_fields == 1);
}

/* ---- the indicators beside the previous year --------------------------- */

static void summary_head(sheet *s)
{
	book *b = book_of(s);
	size_t nl = b->rs->n_levels;
	lxw_col_t last = s->n - 1, prev = (lxw_col_t)(3 + nl);
	const char *change = word(s, BC_W_EXPORT_CHANGE);
	const char *seq = bc_vndoc_word(BC_VN_SEQ);
	const char *what = word(s, BC_W_EXPORT_INDICATORS);
	lxw_row_t first = s->r;
	bc_xsheet_height(s, LINE_PT * 2 + 4);
	bc_xsheet_put(s, 0, seq, F_HEAD);
	bc_xsheet_put(s, 1, what, F_HEAD);
	bc_xsheet_merge(s, 2, prev - 1, word(s, BC_W_EXPORT_THIS_PERIOD),
			F_HEAD);
	bc_xsheet_merge(s, prev, last - 1, word(s, BC_W_EXPORT_LAST_YEAR),
			F_HEAD);
	bc_xsheet_put(s, last, change, F_HEAD);
	bc_xsheet_next(s, 1);
	int more = lines(change, s->w[last], true) - 2;
	bc_xsheet_height(s, LINE_PT * (more > 1 ? more : 1) + 4);
	bc_xsheet_merge_up(s, 0, seq, F_HEAD);
	bc_xsheet_merge_up(s, 1, what, F_HEAD);
	bc_xsheet_merge_up(s, last, change, F_HEAD);
	for (size_t l = 0; l <= nl; l++) {
		const char *lb = l < nl ? b->rs->levels[l].label
					: bc_vndoc_word(BC_VN_TOTAL);
		bc_xsheet_put(s, (lxw_col_t)(2 + l), lb, F_HEAD);
		bc_xsheet_put(s, (lxw_col_t)(prev + l), lb, F_HEAD);
	}
	bc_xsheet_next(s, 1);
	column_numbers(s, first);
}

static void rate(sheet *s, lxw_col_t c, json_t *v, bool bold)
{
	if (json_is_number(v))
		bc_xsheet_num(s, c, json_number_value(v),
			      book_of(s)->k[bold][K_RATE]);
	else
		bc_xsheet_blank(s, c, F_CELL);
}

static void summary_row(sheet *s, json_t *o, const char *label, int no)
{
	book *b = book_of(s);
	size_t nl = b->rs->n_levels;
	json_t *prev = json_object_get(o, "previous");
	bc_xsheet_num(s, 0, no, b->f[F_STT]);
	fit(s, lines(label, s->w[1], false));
	bc_xsheet_put(s, 1, label, F_LABEL);
	for (size_t l = 0; l <= nl; l++) {
		const char *id = l < nl ? b->rs->levels[l].id : "total";
		rate(s, (lxw_col_t)(2 + l), json_object_get(o, id), l == nl);
		rate(s, (lxw_col_t)(3 + nl + l), json_object_get(prev, id),
		     l == nl);
	}
	rate(s, s->n - 1,
	     json_object_get(json_object_get(o, "change_pp"), "total"), true);
	bc_xsheet_next(s, 1);
}

static void summary_sheet(book *b)
{
	size_t nl = b->rs->n_levels;
	lxw_col_t n = (lxw_col_t)(2 + 2 * (nl + 1) + 1);
	sheet s;
	if (!bc_xsheet_open(&b->x, &s, bc_word(b->rs, BC_W_EXPORT_INDICATORS_SHEET),
			    n))
		return;
	bc_xsheet_width(&s, 0, 5);
	bc_xsheet_width(&s, 1, 50);
	for (lxw_col_t c = 2; c < n; c++)
		bc_xsheet_width(&s, c, c + 1 < n ? 10 : 14);
	/* The workbook's first sheet opens the document: its type and
	 * title over the sheet's own. */
	bc_xnd30_header(&s, NULL);
	bc_xnd30_title(&s);
	bc_xsheet_titles(&s, word(&s, BC_W_EXPORT_INDICATORS_TITLE), NULL);
	summary_head(&s);
	int group = 0;
	for (size_t i = 0; i < b->rs->n_forms; i++) {
		const bc_form *f = &b->rs->forms[i];
		json_t *inds = json_object_get(form_agg(b, f->id), "indicators");
		if (!f->n_indicators)
			continue;
		group_row(&s, ++group, f->title);
		bc_xsheet_next(&s, 1);
		for (size_t k = 0; k < f->n_indicators; k++)
			summary_row(&s, json_object_get(inds, f->indicators[k].id),
				    f->indicators[k].label, (int)k + 1);
	}
	s.tail = s.r;
	bc_xsheet_next(&s, 1);
	note(&s, word(&s, BC_W_EXPORT_INDICATORS_NOTE));
	bc_xnd30_signer(&s, true);
	sheet_close(&s);
}

/* ---- who reported ------------------------------------------------------ */

static const char *state_label(const sheet *s, const char *state)
{
	static const struct {
		const char *state;
		bc_wkey k;
	} S[] = {{"on_time", BC_W_EXPORT_ON_TIME},
		 {"late", BC_W_EXPORT_LATE},
		 {"partial", BC_W_EXPORT_PARTIAL},
		 {"missing", BC_W_EXPORT_MISSING}};
	for (size_t i = 0; i < sizeof S / sizeof *S; i++)
		if (!strcmp(state, S[i].state))
			return word(s, S[i].k);
	return state;
}

static void status_counts(sheet *s, json_t *sum_)
{
	static const struct {
		const char *key;
		bc_wkey k;
	} C[] = {{"expected", BC_W_EXPORT_COUNT_EXPECTED},
		 {"complete", BC_W_EXPORT_COUNT_COMPLETE},
		 {"on_time", BC_W_EXPORT_COUNT_ON_TIME},
		 {"late", BC_W_EXPORT_COUNT_LATE},
		 {"partial", BC_W_EXPORT_COUNT_PARTIAL},
		 {"missing", BC_W_EXPORT_COUNT_MISSING},
		 {"reporting_rate", BC_W_EXPORT_COUNT_REPORTING_RATE},
		 {"on_time_rate", BC_W_EXPORT_COUNT_ON_TIME_RATE}};
	bc_xsheet_put(s, 0, bc_vndoc_word(BC_VN_SEQ), F_HEAD);
	bc_xsheet_put(s, 1, word(s, BC_W_EXPORT_STATUS_CONTENT), F_HEAD);
	bc_xsheet_put(s, 2, word(s, BC_W_EXPORT_STATUS_COUNT), F_HEAD);
	bc_xsheet_next(s, 1);
	for (size_t i = 0; i < sizeof C / sizeof *C; i++) {
		json_t *v = json_object_get(sum_, C[i].key);
		bc_xsheet_num(s, 0, (double)i + 1, s->b->f[F_STT]);
		bc_xsheet_put(s, 1, word(s, C[i].k), F_LABEL);
		if (json_is_number(v))
			bc_xsheet_num(
				s, 2, json_number_value(v),
				book_of(s)->k[0][i >= 6 ? K_RATE : K_INT]);
		else
			bc_xsheet_blank(s, 2, F_CELL);
		bc_xsheet_next(s, 1);
	}
}

/* A unit's row; where units have deadlines of their own (vary), its
 * deadline stands before the time it sent, and the columns after it
 * move one right.  Read from the status itself, not its JSON: a
 * country's 15,000 rows were a JSON object each, made and read again,
 * on the thread the writer waited for. */
static void status_row(sheet *s, const bc_unit_status *su, int offset,
		       int no, bool vary)
{
	book *b = book_of(s);
	json_t *u = json_object_get(b->by_code, su->unit.code);
	char missing[1024] = "", due[16];
	lxw_col_t c = vary;
	size_t received = 0;
	bc_time last = 0;
	for (size_t i = 0; i < su->owed.n_parts; i++) {
		const bc_part_status *p = &su->parts[i];
		if (p->revision) {
			/* when the unit's report became what it is: the
			 * latest first receipt among the parts received */
			if (!received++ || p->first > last)
				last = p->first;
			continue;
		}
		size_t l = strlen(missing);
		snprintf(missing + l, sizeof missing - l, "%s%s", l ? ", " : "",
			 strcmp(p->part, BC_PART_REPORT)
				 ? bc_ruleset_part_name(b->rs, p->part)
				 : word(s, BC_W_EXPORT_REPORT_PART));
	}
	bc_xsheet_num(s, 0, no, b->f[F_STT]);
	name_cell(s, u, lines(missing, s->w[6 + c], false));
	bc_xsheet_num(s, 2, (double)su->owed.n_parts, b->k[0][K_INT]);
	bc_xsheet_num(s, 3, (double)received, b->k[0][K_INT]);
	if (vary) {
		bc_xlsx_dmy(su->due, due, sizeof due);
		bc_xsheet_put(s, 4, due, F_ENUM);
	}
	char at[BC_TIME_BUF];
	if (received) {
		bc_time_format(last, offset, at);
		datetime_cell(s, 4 + c, at, F_DATETIME);
	} else {
		bc_xsheet_blank(s, 4 + c, F_CELL);
	}
	bc_xsheet_put(s, 5 + c, state_label(s, bc_state_name(su->state)),
		      F_ENUM);
	bc_xsheet_put(s, 6 + c, missing, F_TEXT);
	bc_xsheet_next(s, 1);
}

/* The units that owe something, by level in the order of the unit list;
 * any of no level last, without a heading.  Their status comes from the
 * host (a country's is ~100 MB as JSON). */
static void status_rows(sheet *s)
{
	book *b = book_of(s);
	const bc_status *st = bc_host_status(b->h);
	bc_err e = BC_OK;
	json_t *by = bc_json_made(&e, json_object()), *u;
	size_t i, nl = b->rs->n_levels;
	int group = 0, offset = st->period.rs->directive.utc_offset;
	bool vary = bc_period_dues_vary(&st->period);
	for (i = 0; i < st->n; i++)
		bc_json_set(&e, by, st->units[i].unit.code,
			    json_integer((json_int_t)i));
	jansson(b, e);
	for (size_t l = 0; l <= nl; l++) {
		int no = 0;
		json_array_foreach(b->units, i, u) {
			const char *lv = str(u, "level");
			json_t *k = json_object_get(by, str(u, "code"));
			if (!k || (l < nl ? strcmp(lv, b->rs->levels[l].id) != 0
					  : bc_ruleset_level(b->rs, lv) != NULL))
				continue;
			if (!no++ && l < nl) {
				group_row(s, ++group, b->rs->levels[l].label);
				bc_xsheet_next(s, 1);
			}
			status_row(s, &st->units[json_integer_value(k)], offset,
				   no, vary);
		}
	}
	json_decref(by);
}

static void status_sheet(book *b)
{
	const bc_ruleset *rs = b->rs;
	bool vary = bc_period_dues_vary(&bc_host_status(b->h)->period);
	lxw_col_t n = 7 + vary, c = vary;
	const char *label[8] = {
		bc_vndoc_word(BC_VN_SEQ), bc_word(rs, BC_W_EXPORT_UNIT),
		bc_word(rs, BC_W_EXPORT_STATUS_OWED),
		bc_word(rs, BC_W_EXPORT_STATUS_SENT),
		bc_word(rs, BC_W_EXPORT_STATUS_UNIT_DUE)};
	double w[8] = {5, 0, 10, 10, 12};
	label[4 + c] = bc_word(rs, BC_W_EXPORT_STATUS_AT);
	label[5 + c] = bc_word(rs, BC_W_EXPORT_STATUS_STATE);
	label[6 + c] = bc_word(rs, BC_W_EXPORT_STATUS_MISSING);
	w[4 + c] = 17, w[5 + c] = 12, w[6 + c] = 30;
	json_t *st = json_object_get(b->model, "status");
	char line[256], due[16], asof[16];
	sheet s;
	if (!bc_xsheet_open(&b->x, &s, bc_word(rs, BC_W_EXPORT_STATUS_SHEET), n))
		return;
	for (lxw_col_t k = 0; k < n; k++)
		bc_xsheet_width(&s, k,
				w[k] ? w[k]
				     : names_width(b, b->by_code, NULL, NULL, NULL));
	bc_xsheet_heading(&s, bc_word(rs, BC_W_EXPORT_STATUS_TITLE), NULL, NULL);
	bc_xlsx_dmy(model_date(str(st, "unit_due")), due, sizeof due);
	bc_xlsx_dmy(model_date(str(st, "as_of")), asof, sizeof asof);
	bc_word_fill(rs, vary ? BC_W_EXPORT_STATUS_OWN_DUE
			      : BC_W_EXPORT_STATUS_DUE,
		     line, sizeof line, BC_SLOTS({"due", due}, {"as_of", asof}));
	bc_xsheet_merge(&s, 0, s.n - 1, line, F_WINDOW);
	bc_xsheet_next(&s, 2);
	status_counts(&s, json_object_get(st, "summary"));
	bc_xsheet_next(&s, 1);
	table_head(&s, label, NULL);
	status_rows(&s);
	s.tail = s.r;
	bc_xnd30_signer(&s, false);
	sheet_close(&s);
}

/* ---- each unit's rates, and their charts ------------------------------- */

typedef struct pick {
	const bc_form *f;
	const bc_indicator *x;
	double *rate; /* per unit of the list: its rate, NAN when none */
} pick;

typedef struct eval_ctx {
	const bc_xvals *vals;
	size_t unit;
} eval_ctx;

static bool term_value(void *ud, int ref, bc_dec *v)
{
	eval_ctx *c = ud;
	bc_cell x = bc_xvals_cell(c->vals, c->unit, (size_t)ref);
	*v = x.num;
	return x.kind == BC_CELL_BOOL || x.kind == BC_CELL_NUM;
}

/* The rate of the unit at place unit of the list, as the aggregate
 * computes a level's: 100 × num / den to one decimal, only when every
 * term is reported. */
static bool unit_rate(const bc_xvals *vals, size_t unit, const bc_indicator *x,
		      double *out)
{
	eval_ctx c = {vals, unit};
	bc_dec n, d;
	if (!vals->has[unit] || !bc_expr_eval(&x->num, term_value, &c, &n) ||
	    !bc_expr_eval(&x->den, term_value, &c, &d) || d.v == 0)
		return false;
	*out = round(100.0 * bc_dec_double(n) / bc_dec_double(d) * 10) / 10;
	return true;
}

static bool expr_asked(const bc_expr *e, const bc_form *f, const char *level)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].name &&
		    !bc_field_asked(&f->fields[e->v[i].ref], level))
			return false;
	return true;
}

/* For each form the level reported, its first ratio of numbers the
 * level is asked for and has a value of: the rules list a form's
 * headline rate first, and an empty chart says nothing. */
static size_t choose(book *b, const char *level, pick *out)
{
	size_t n = 0;
	for (size_t i = 0; i < b->rs->n_forms; i++) {
		const bc_form *f = &b->rs->forms[i];
		json_t *units = json_object_get(form_agg(b, f->id), "units");
		if (json_integer_value(json_object_get(units, level)) < 1)
			continue;
		json_t *inds = json_object_get(form_agg(b, f->id), "indicators");
		for (size_t k = 0; k < f->n_indicators; k++) {
			const bc_indicator *x = &f->indicators[k];
			json_t *v = json_object_get(
				json_object_get(inds, x->id), level);
			if (x->rows < 0 && json_is_number(v) &&
			    expr_asked(&x->num, f, level) &&
			    expr_asked(&x->den, f, level)) {
				out[n++] = (pick){.f = f, .x = x};
				break;
			}
		}
	}
	return n;
}

/* The level most units belong to: where a chart has most to compare. */
static const bc_level *chart_level(book *b)
{
	const bc_level *best = NULL;
	size_t most = 1;
	for (size_t l = 0; l < b->rs->n_levels; l++) {
		size_t n = 0, i;
		json_t *u;
		json_array_foreach(b->units, i, u)
			n += !strcmp(str(u, "level"), b->rs->levels[l].id);
		if (n > most) {
			most = n;
			best = &b->rs->levels[l];
		}
	}
	return best;
}

static void rates_head(sheet *s, const pick *p, size_t n)
{
	const char **label = bc_calloc(s->n, sizeof *label);
	if (!label) {
		bc_xbook_fail(s->b, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
		return;
	}
	label[0] = bc_vndoc_word(BC_VN_SEQ);
	label[1] = word(s, BC_W_EXPORT_UNIT);
	for (size_t i = 0; i < n; i++)
		label[2 + i] = p[i].x->label;
	table_head(s, label, NULL);
	bc_free(label);
}

static void rates_level_row(sheet *s, const bc_level *lv, const pick *p,
			    size_t n)
{
	bc_xsheet_blank(s, 0, F_GSTT);
	bc_xsheet_put(s, 1, lv->label, F_GNAME);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object_get(
			json_object_get(form_agg(book_of(s), p[i].f->id),
					"indicators"),
			p[i].x->id);
		rate(s, (lxw_col_t)(2 + i), json_object_get(o, lv->id), true);
	}
	bc_xsheet_next(s, 1);
}

/* Rows of the level's units; returns the first and last data rows. */
static void rates_rows(sheet *s, const bc_level *lv, const pick *p, size_t n,
		       lxw_row_t *first, lxw_row_t *last)
{
	book *b = book_of(s);
	size_t i;
	json_t *u;
	int no = 0;
	*first = s->r;
	json_array_foreach(b->units, i, u) {
		if (strcmp(str(u, "level"), lv->id))
			continue;
		bc_xsheet_num(s, 0, ++no, b->f[F_STT]);
		name_cell(s, u, 1);
		for (size_t k = 0; k < n; k++) {
			if (!isnan(p[k].rate[i]))
				bc_xsheet_num(s, (lxw_col_t)(2 + k),
					      p[k].rate[i], b->k[0][K_RATE]);
			else
				bc_xsheet_blank(s, (lxw_col_t)(2 + k), F_CELL);
		}
		bc_xsheet_next(s, 1);
	}
	*last = s->r - 1;
}

/* The scale's top: 100, or more for a rate above it (revenue beyond the
 * estimate). */
static double rate_top(book *b, const pick *p, const bc_level *lv)
{
	double top = 100;
	size_t i;
	json_t *u;
	json_array_foreach(b->units, i, u) {
		if (!strcmp(str(u, "level"), lv->id) && p->rate[i] > top)
			top = p->rate[i];
	}
	return top;
}

/* A column chart of one rate across the level's units. */
static lxw_chart *rate_chart(book *b, const sheet *data, const pick *p,
			     const bc_level *lv, lxw_col_t col,
			     lxw_row_t first, lxw_row_t last)
{
	lxw_chart *ch = workbook_add_chart(bc_xbook_wb(&b->x), LXW_CHART_COLUMN);
	if (!ch)
		return NULL;
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	if (!se)
		return NULL;
	lxw_chart_font tf = {.name = BC_XLSX_FONT, .size = 12, .bold = 1},
		       af = {.name = BC_XLSX_FONT, .size = 9, .rotation = -45},
		       vf = {.name = BC_XLSX_FONT, .size = 8};
	char title[512], level_v[64] = "";
	json_t *v = json_object_get(
		json_object_get(json_object_get(form_agg(b, p->f->id),
						"indicators"),
				p->x->id),
		lv->id);
	if (json_is_number(v))
		bc_num_text(json_number_value(v), level_v, sizeof level_v);
	snprintf(title, sizeof title, "%s (%%) - %s%s%s", p->x->label,
		 lv->label, *level_v ? ": " : "", level_v);
	chart_series_set_categories(se, data->name, first, 1, last, 1);
	chart_series_set_values(se, data->name, first, col, last, col);
	chart_series_set_labels(se);
	chart_series_set_labels_num_format(se, "0.0");
	chart_series_set_labels_font(se, &vf);
	chart_title_set_name(ch, title);
	chart_title_set_name_font(ch, &tf);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	chart_axis_set_num_font(ch->x_axis, &af);
	chart_axis_set_num_font(ch->y_axis, &vf);
	chart_axis_set_min(ch->y_axis, 0);
	chart_axis_set_max(ch->y_axis, 20 * ceil(rate_top(b, p, lv) / 20));
	chart_axis_set_major_unit(ch->y_axis, 20);
	return ch;
}

/* A chart's height in rows of 15 points: the first page holds the
 * heading and one chart, the next ones two charts each. */
#define CHART_ROWS 14

/* Rows of a fixed height, as charts are anchored to rows: LibreOffice's
 * empty rows are lower than Excel's. */
static void chart_rows(sheet *s, int n)
{
	for (int i = 0; i < n; i++) {
		bc_xsheet_height(s, 15);
		bc_xsheet_next(s, 1);
	}
}

static void chart_sheet(book *b, const sheet *data, const pick *p, size_t n,
			const bc_level *lv, lxw_row_t first, lxw_row_t last)
{
	sheet s;
	if (!bc_xsheet_open(&b->x, &s, bc_word(b->rs, BC_W_EXPORT_CHART_SHEET),
			    10))
		return;
	for (lxw_col_t c = 0; c < 10; c++)
		bc_xsheet_width(&s, c, 12.5);
	bc_xsheet_heading(&s, word(&s, BC_W_EXPORT_CHART_TITLE), NULL, NULL);
	page(&s, 1, 0);
	lxw_row_t *breaks = bc_calloc(n / 2 + 2, sizeof *breaks);
	size_t nb = 0;
	if (!breaks)
		bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	lxw_chart_options opt = {.x_scale = 1.9,
				 .y_scale = CHART_ROWS * 20 / 288.0,
				 .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
	for (size_t i = 0; i < n && breaks; i++) {
		lxw_chart *ch = rate_chart(b, data, &p[i], lv,
					   (lxw_col_t)(2 + i), first, last);
		if (!ch) {
			bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED,
				      NULL);
			break;
		}
		if (i % 2 == 1) {
			breaks[nb++] = s.r;
			chart_rows(&s, 1);
		}
		bc_xsheet_check(&s, worksheet_insert_chart_opt(bc_xsheet_ws(&s),
							       s.r, 0, ch, &opt));
		chart_rows(&s, CHART_ROWS + 1);
	}
	if (nb)
		bc_xsheet_breaks(&s, breaks);
	bc_free(breaks);
	sheet_close(&s);
}

/* The per-unit rates sheet: the level charted, its picks, and each
 * unit's rate of them, filled form by form while the forms' values are
 * read for their own sheets. */
typedef struct rates {
	const bc_level *lv;
	pick *p;
	size_t n;
} rates;

static void rates_plan(book *b, rates *r)
{
	size_t nu = json_array_size(b->units);
	*r = (rates){.lv = chart_level(b)};
	r->p = bc_calloc(b->rs->n_forms + 1, sizeof *r->p);
	if (!r->p)
		bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	r->n = r->lv && r->p ? choose(b, r->lv->id, r->p) : 0;
	for (size_t k = 0; k < r->n; k++) {
		if (!(r->p[k].rate = bc_calloc(nu + 1, sizeof *r->p[k].rate))) {
			bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED,
				      NULL);
			r->n = 0;
			return;
		}
		for (size_t i = 0; i < nu; i++)
			r->p[k].rate[i] = NAN;
	}
}

static void rates_fill(book *b, rates *r, const bc_xvals *vals)
{
	size_t nu = json_array_size(b->units);
	for (size_t k = 0; k < r->n; k++) {
		if (r->p[k].f != vals->f)
			continue;
		for (size_t i = 0; i < nu; i++)
			if (!unit_rate(vals, i, r->p[k].x, &r->p[k].rate[i]))
				r->p[k].rate[i] = NAN;
	}
}

static void rates_free(book *b, rates *r)
{
	for (size_t k = 0; r->p && k < b->rs->n_forms; k++)
		bc_free(r->p[k].rate);
	bc_free(r->p);
}

static void rates_sheet(book *b, rates *r)
{
	const bc_level *lv = r->lv;
	pick *p = r->p;
	size_t n = r->n;
	sheet s;
	char title[256];
	bc_word_fill(b->rs, BC_W_EXPORT_RATES_TITLE, title, sizeof title,
		     BC_SLOTS({"level", lv ? lv->label : ""}));
	if (n && bc_xsheet_open(&b->x, &s, bc_word(b->rs, BC_W_EXPORT_RATES_SHEET),
				(lxw_col_t)(2 + n))) {
		lxw_row_t first, last;
		bc_xsheet_width(&s, 0, 5);
		bc_xsheet_width(&s, 1, names_width(b, NULL, NULL, NULL, lv->id));
		for (lxw_col_t c = 2; c < s.n; c++)
			bc_xsheet_width(&s, c, 14);
		bc_xsheet_heading(&s, title, NULL, NULL);
		rates_head(&s, p, n);
		rates_rows(&s, lv, p, n, &first, &last);
		rates_level_row(&s, lv, p, n);
		s.tail = s.r;
		bc_xsheet_next(&s, 1);
		note(&s, word(&s, BC_W_EXPORT_RATES_NOTE));
		chart_sheet(b, &s, p, n, lv, first, last);
		sheet_close(&s);
	}
}

/* ---- the export -------------------------------------------------------- */

/* The period under each sheet's title. */
static void texts(book *b)
{
	json_t *period = json_object_get(b->model, "period");
	json_t *window = json_object_get(period, "window");
	bc_xbook_period(&b->x, str(period, "label"),
			model_date(str(window, "from")),
			model_date(str(window, "to")));
}

static void index_units(book *b)
{
	size_t i;
	json_t *u;
	bc_err e = BC_OK;
	b->by_code = bc_json_made(&e, json_object());
	b->estimated = set_of(b, json_object_get(b->agg, "estimated_units"));
	b->pos = bc_json_made(&e, json_object());
	json_array_foreach(b->units, i, u) {
		bc_json_set(&e, b->by_code, str(u, "code"), json_incref(u));
		bc_json_set(&e, b->pos, str(u, "code"),
			    json_integer((json_int_t)i));
	}
	jansson(b, e);
}

static void sheets(book *b)
{
	summary_sheet(b);
	status_sheet(b);
	rates r;
	rates_plan(b, &r);
	for (size_t i = 0; i < b->rs->n_forms; i++) {
		const bc_form *f = &b->rs->forms[i];
		bc_host_progress(b->h, i, b->rs->n_forms);
		/* A form's values at a time: the workbook never holds the
		 * country's. */
		bc_xv_got got = BC_XV_NOMEM;
		const bc_xvals *vals = b->vals ? bc_xvals_next(b->vals, &got)
					       : NULL;
		if (got == BC_XV_NOMEM)
			bc_xbook_fail(&b->x, LXW_ERROR_MEMORY_MALLOC_FAILED,
				      NULL);
		if (got == BC_XV_UNREAD)
			unread(b);
		if (vals) {
			form_sheet(b, f, vals);
			rates_fill(b, &r, vals);
			list_sheets(b, vals);
		}
	}
	rates_sheet(b, &r);
	rates_free(b, &r);
}

static int run(bc_host *h, const bc_host_api *api)
{
	/* libxlsxwriter does not check the writes of its scratch files:
	 * beside the output, a full disk shows in the output's writes,
	 * which it checks. */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
				    .tmpdir = (char *)bc_host_scratch(h)};
	book b = {.h = h, .model = bc_host_model(h),
		  .rs = bc_host_period(h)->rs};
	/* The workbook is the district's report: its frame, whole. */
	b.x = (bc_xbook){.lay = &LAYOUT, .rs = b.rs, .f = b.f,
			 .frame = bc_host_frame(h),
			 .header = BC_XND_NUMBER | BC_XND_DATE};
	b.agg = json_object_get(b.model, "aggregate");
	b.units = json_object_get(b.model, "units");
	b.x.wb = workbook_new_opt(bc_host_path(h), &opt);
	if (!b.x.wb) {
		api->error(h, "cannot create the workbook");
		return -1;
	}
	texts(&b);
	index_units(&b);
	/* Read since before the model was made (bc_xlsx_early). */
	b.vals = bc_host_early(h);
	if (b.vals)
		bc_xvals_place(b.vals, b.pos, json_array_size(b.units));
	else
		bc_xbook_fail(&b.x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	char title[768];
	snprintf(title, sizeof title, "%s - %s",
		 str(json_object_get(b.model, "district"), "name"),
		 str(json_object_get(b.model, "period"), "label"));
	lxw_doc_properties props = {
		.title = title,
		.subject = b.rs->directive.title,
		.company = (char *)str(json_object_get(b.model, "district"),
				       "name"),
		.keywords = b.rs->directive.reference,
		.created = (time_t)bc_host_time(h),
	};
	workbook_set_properties(bc_xbook_wb(&b.x), &props);
	styles(&b);
	bc_xbook_queue(&b.x);
	sheets(&b);
	bc_xvals_stop(b.vals);
	bc_xbook_join(&b.x);
	int errnum;
	lxw_error err = bc_xlsx_close(bc_xbook_wb(&b.x), &errnum);
	json_decref(b.by_code);
	json_decref(b.pos);
	json_decref(b.estimated);
	if (b.x.err == LXW_NO_ERROR && bc_xlsx_io_error(err)) {
		bc_host_write_failed(h, errnum);
		return -1;
	}
	if (b.x.err == LXW_NO_ERROR && err != LXW_NO_ERROR)
		bc_xbook_fail(&b.x, err, NULL);
	if (b.x.err == LXW_ERROR_MEMORY_MALLOC_FAILED)
		bc_host_nomem(h); /* the machine's memory, not the exporter */
	if (b.x.err != LXW_NO_ERROR) {
		api->error(h, b.x.why);
		return -1;
	}
	return 0;
}

void *bc_xlsx_early(bc_host *h)
{
	return bc_xvals_start(h, bc_host_period(h)->rs);
}

void bc_xlsx_early_free(void *early)
{
	bc_xvals_free(early);
}

const bc_exporter bc_xlsx_exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "xlsx",
	.description = "the official workbook (Excel)",
	.extension = "xlsx",
	.run = run,
};

/* SPDX-License-Identifier: MIT */
#include "xlsx_write.h"
#include "xlsx_nd30.h"
#include "mem.h"
#include "text.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_CHARS 31
#define CM(x) ((x) / 2.54)

void bc_xlsx_sheet_name(const char *id, const char *title, char *out,
			size_t n)
{
	char full[512];
	snprintf(full, sizeof full, "%s%s%s", id, *title ? " " : "", title);
	for (char *p = full; *p; p++)
		if (strchr("[]:*?/\\'", *p))
			*p = '-';
	size_t chars = 0, cut = 0, space = 0;
	for (size_t i = 0; full[i]; i++) {
		if (((unsigned char)full[i] & 0xC0) == 0x80)
			continue;
		if (++chars > NAME_MAX_CHARS) {
			cut = space ? space : i;
			break;
		}
		if (full[i] == ' ')
			space = i;
	}
	if (cut)
		full[cut] = '\0';
	for (size_t l = strlen(full); l && strchr(" ,;-.", full[l - 1]); l--)
		full[l - 1] = '\0';
	snprintf(out, n, "%s", full);
}

lxw_format *bc_xlsx_format(lxw_workbook *wb, const char *font, unsigned flags,
			   double pt, const char *num, lxw_color_t fill)
{
	lxw_format *f = workbook_add_format(wb);
	if (!f)
		return NULL;
	format_set_font_name(f, font);
	format_set_font_size(f, pt);
	if (flags & BC_XF_BOLD)
		format_set_bold(f);
	if (flags & BC_XF_ITALIC)
		format_set_italic(f);
	if (flags & BC_XF_UNDER)
		format_set_underline(f, LXW_UNDERLINE_SINGLE);
	if (flags & BC_XF_BORDER)
		format_set_border(f, LXW_BORDER_THIN);
	if (flags & BC_XF_CENTER)
		format_set_align(f, LXW_ALIGN_CENTER);
	if (flags & BC_XF_RIGHT)
		format_set_align(f, LXW_ALIGN_RIGHT);
	if (flags & BC_XF_VCENTER)
		format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (flags & BC_XF_TOP)
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (flags & BC_XF_WRAP)
		format_set_text_wrap(f);
	if (flags & BC_XF_INDENT)
		format_set_indent(f, 1);
	if (flags & BC_XF_UNLOCKED)
		format_set_unlocked(f);
	if (fill)
		format_set_bg_color(f, fill);
	if (num)
		format_set_num_format(f, num);
	return f;
}

static bool same_num(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

size_t bc_xf_spec_first(const bc_xf_spec *v, size_t i)
{
	size_t k = 0;
	while (k < i && (v[k].fl != v[i].fl || v[k].pt != v[i].pt ||
			 !same_num(v[k].num, v[i].num)))
		k++;
	return k;
}

/* glibc's stderr is a variable (its manual says so): pointed at a sink
 * for the call, set back at once. */
lxw_error bc_xlsx_close(lxw_workbook *wb, int *errnum)
{
	char *said = NULL;
	size_t n = 0;
	FILE *saved = stderr, *sink = open_memstream(&said, &n);
	if (sink)
		stderr = sink;
	errno = 0;
	lxw_error e = workbook_close(wb);
	*errnum = errno;
	/* A zip step that ran out of memory (zipOpen's, or the parts'
	 * deflate: export/xlsx_zip.c) is the machine's memory, not the
	 * disk's. */
	if (bc_xlsx_io_error(e) && *errnum == ENOMEM)
		e = LXW_ERROR_MEMORY_MALLOC_FAILED;
	stderr = saved;
	if (sink)
		fclose(sink);
	free(said); /* the C library's, not ours */
	return e;
}

bool bc_xlsx_io_error(lxw_error e)
{
	return e >= LXW_ERROR_CREATING_XLSX_FILE && e <= LXW_ERROR_ZIP_CLOSE;
}

/* ---- dates as documents write them --------------------------------- */

void bc_xlsx_dmy(bc_date d, char *out, size_t n)
{
	int y, m, day;
	if (d == BC_DATE_NONE) {
		snprintf(out, n, "…");
		return;
	}
	bc_date_to_ymd(d, &y, &m, &day);
	snprintf(out, n, "%02d/%02d/%04d", day, m, y);
}

/* ---- a workbook ------------------------------------------------------- */

void bc_xbook_fail(bc_xbook *b, lxw_error e, const char *why)
{
	if (b->err != LXW_NO_ERROR)
		return;
	b->err = e;
	b->err_at = bc_xq_count(b->q);
	snprintf(b->why, sizeof b->why, "%s", why ? why : lxw_strerror(e));
}

/* ---- the writer thread ------------------------------------------------ */

/* Sheets' calls wait in the queue: up to BC_XQ_CHUNKS chunks of
 * BC_XQ_CHUNK bytes (4 MB), enough for the writer to go on through the
 * reading of the next form's values. */
void bc_xbook_queue(bc_xbook *b)
{
	if (!b->q)
		b->q = bc_xq_new(BC_XQ_CHUNK, BC_XQ_CHUNKS);
}

/* The writer's first failure comes first when its call was queued
 * before the caller's failure was recorded. */
void bc_xbook_drain(bc_xbook *b)
{
	lxw_error e;
	uint64_t at;
	bc_xq_drain(b->q);
	if (!bc_xq_error(b->q, &e, &at) ||
	    (b->err != LXW_NO_ERROR && b->err_at <= at))
		return;
	b->err = LXW_NO_ERROR;
	bc_xbook_fail(b, e, NULL);
	b->err_at = at;
}

void bc_xbook_join(bc_xbook *b)
{
	bc_xbook_drain(b);
	bc_xq_free(b->q);
	b->q = NULL;
}

bool bc_xbook_failed(bc_xbook *b)
{
	bc_xbook_drain(b);
	return b->err != LXW_NO_ERROR;
}

lxw_workbook *bc_xbook_wb(bc_xbook *b)
{
	bc_xbook_drain(b);
	return b->wb;
}

void bc_xbook_check(bc_xbook *b, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		bc_xbook_fail(b, e, NULL);
}

void bc_xbook_formats(bc_xbook *b, const bc_xf_spec *spec, size_t n,
		      lxw_format *(*make)(lxw_workbook *wb,
					  const bc_xf_spec *spec))
{
	for (size_t i = 0; i < n; i++) {
		size_t first = bc_xf_spec_first(spec, i);
		if (first < i)
			b->f[i] = b->f[first];
		else if (!(b->f[i] = make(b->wb, &spec[i])))
			bc_xbook_fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	}
	bc_xnd30_formats(b);
}

void bc_xbook_period(bc_xbook *b, const char *label, bc_date from,
		     bc_date to)
{
	char f[16], t[16];
	bc_word_fill(b->rs, BC_W_SHEET_PERIOD, b->period, sizeof b->period,
		     BC_SLOTS({"period", label}));
	bc_xlsx_dmy(from, f, sizeof f);
	bc_xlsx_dmy(to, t, sizeof t);
	bc_word_fill(b->rs, BC_W_SHEET_WINDOW, b->window, sizeof b->window,
		     BC_SLOTS({"from", f}, {"to", t}));
}

/* What a clerk may do on a protected sheet: type into unlocked cells,
 * and resize rows and columns to read long text. */
lxw_worksheet *bc_xbook_sheet(bc_xbook *b, const char *name)
{
	static lxw_protection allow = {.format_columns = 1,
				       .format_rows = 1};
	lxw_worksheet *ws = workbook_add_worksheet(bc_xbook_wb(b), name);
	if (!ws) {
		char why[256];
		snprintf(why, sizeof why, "cannot add the sheet '%s'", name);
		bc_xbook_fail(b, LXW_ERROR_PARAMETER_VALIDATION, why);
		return NULL;
	}
	if (b->lay->protect)
		worksheet_protect(ws, NULL, &allow);
	return ws;
}

/* ---- a sheet, row after row ------------------------------------------ */

bool bc_xsheet_open(bc_xbook *b, bc_xsheet *s, const char *name,
		    lxw_col_t n)
{
	*s = (bc_xsheet){.b = b, .n = n, .head1 = 1}; /* no head yet */
	/* A name the rules word may be too long or hold what Excel
	 * refuses. */
	bc_xlsx_sheet_name(name, "", s->name, sizeof s->name);
	if (!(s->w = bc_calloc(n, sizeof *s->w))) {
		bc_xbook_fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
		return false;
	}
	if (!(s->ws = bc_xbook_sheet(b, s->name))) {
		bc_xsheet_close(s);
		return false;
	}
	/* One line is the rule: only taller rows are given a height (a
	 * call into libxlsxwriter per row saved: 7% of a national export). */
	if (b->lay->row_pt)
		worksheet_set_default_row(bc_xsheet_ws(s), b->lay->row_pt,
					  LXW_FALSE);
	return true;
}

void bc_xsheet_close(bc_xsheet *s)
{
	bc_free(s->w);
	bc_free(s->rh);
	s->w = NULL;
	s->rh = NULL;
}

void bc_xsheet_check(bc_xsheet *s, lxw_error e)
{
	bc_xbook_check(s->b, e);
}

lxw_worksheet *bc_xsheet_ws(bc_xsheet *s)
{
	bc_xbook_drain(s->b);
	return s->ws;
}

void bc_xsheet_width(bc_xsheet *s, lxw_col_t c, double w)
{
	s->w[c] = w;
	bc_xsheet_check(s, worksheet_set_column(bc_xsheet_ws(s), c, c, w,
						NULL));
}

double bc_xsheet_widths(const bc_xsheet *s, lxw_col_t c1, lxw_col_t c2)
{
	double w = 0;
	for (lxw_col_t c = c1; c <= c2 && c < s->n; c++)
		w += s->w[c];
	return w;
}

void bc_xsheet_put(bc_xsheet *s, lxw_col_t c, const char *text, int style)
{
	bc_xsheet_text(s, c, text, s->b->f[style]);
}

void bc_xsheet_text(bc_xsheet *s, lxw_col_t c, const char *text,
		    lxw_format *f)
{
	bc_xsheet_check(s, bc_xq_string(s->b->q, s->ws, s->r, c, text, f));
}

void bc_xsheet_num(bc_xsheet *s, lxw_col_t c, double v, lxw_format *f)
{
	bc_xsheet_check(s, bc_xq_number(s->b->q, s->ws, s->r, c, v, f));
}

void bc_xsheet_blank(bc_xsheet *s, lxw_col_t c, int style)
{
	bc_xsheet_check(s, bc_xq_blank(s->b->q, s->ws, s->r, c,
				       s->b->f[style]));
}

void bc_xsheet_formula(bc_xsheet *s, lxw_col_t c, const char *formula,
		       double v, lxw_format *f)
{
	bc_xsheet_check(s, bc_xq_formula_num(s->b->q, s->ws, s->r, c, formula,
					     f, v));
}

void bc_xsheet_datetime(bc_xsheet *s, lxw_col_t c, const lxw_datetime *dt,
			int style)
{
	bc_xsheet_check(s, bc_xq_datetime(s->b->q, s->ws, s->r, c, dt,
					  s->b->f[style]));
}

void bc_xsheet_merge(bc_xsheet *s, lxw_col_t c1, lxw_col_t c2,
		     const char *text, int style)
{
	bc_xsheet_merge_in(s, c1, c2, text, s->b->f[style]);
}

void bc_xsheet_merge_in(bc_xsheet *s, lxw_col_t c1, lxw_col_t c2,
			const char *text, lxw_format *f)
{
	if (c2 <= c1)
		bc_xsheet_text(s, c1, text, f);
	else
		bc_xsheet_check(s, bc_xq_merge(s->b->q, s->ws, s->r, c1, s->r,
					       c2, text, f));
}

void bc_xsheet_merge_up(bc_xsheet *s, lxw_col_t c, const char *text,
			int style)
{
	bc_xq_merge(s->b->q, s->ws, s->r - 1, c, s->r, c, text,
		    s->b->f[style]);
}

void bc_xsheet_height(bc_xsheet *s, double pt)
{
	const bc_layout *lay = s->b->lay;
	if (lay->max_pt && pt > lay->max_pt)
		pt = lay->max_pt;
	if (lay->row_pt) {
		if (bc_grow((void **)&s->rh, &s->cap_rh, s->r + 1,
			    sizeof *s->rh) < 0) {
			bc_xbook_fail(s->b, LXW_ERROR_MEMORY_MALLOC_FAILED,
				      NULL);
			return;
		}
		s->rh[s->r] = pt;
		s->sized = s->r + 1;
		if (pt == lay->row_pt)
			return;
	}
	bc_xsheet_check(s, bc_xq_row(s->b->q, s->ws, s->r, pt, NULL));
}

void bc_xsheet_next(bc_xsheet *s, unsigned n)
{
	for (; n; n--, s->r++)
		if (s->b->lay->row_pt && s->sized != s->r + 1)
			bc_xsheet_height(s, s->b->lay->row_pt);
}

/* ---- the parts every sheet has --------------------------------------- */

static int style_of(const bc_xsheet *s, bc_xpart p)
{
	return s->b->lay->style[p];
}

void bc_xsheet_fit(bc_xsheet *s, const char *text, double width, bc_xpart p)
{
	double pt = s->b->lay->fit(s, text, width, p);
	if (pt > 0)
		bc_xsheet_height(s, pt);
}

/* The writer's part of bc_xsheet_page (bc_xq_fn): arg, the bool
 * landscape. */
static lxw_error page_setup(lxw_worksheet *ws, const void *arg)
{
	if (*(const bool *)arg)
		worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_set_margins(ws, CM(3.0), CM(1.5), CM(2.0), CM(2.0));
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
	return worksheet_set_footer(ws, "&C&\"" BC_XLSX_FONT "\"&11&P/&N");
}

void bc_xsheet_page(bc_xsheet *s, bool landscape)
{
	bc_xsheet_check(s, bc_xq_call(s->b->q, s->ws, page_setup, &landscape,
				      sizeof landscape));
}

/* The writer's parts of the functions below (bc_xq_fn). */
static lxw_error fit_to(lxw_worksheet *ws, const void *arg)
{
	const uint16_t *p = arg;
	worksheet_fit_to_pages(ws, p[0], p[1]);
	return LXW_NO_ERROR;
}

static lxw_error repeat(lxw_worksheet *ws, const void *arg)
{
	const lxw_row_t *r = arg;
	return worksheet_repeat_rows(ws, r[0], r[1]);
}

static lxw_error breaks(lxw_worksheet *ws, const void *arg)
{
	return worksheet_set_h_pagebreaks(ws, (lxw_row_t *)arg);
}

typedef struct cell_at {
	lxw_row_t r;
	lxw_col_t c;
} cell_at;

static lxw_error freeze(lxw_worksheet *ws, const void *arg)
{
	const cell_at *at = arg;
	worksheet_freeze_panes(ws, at->r, at->c);
	return LXW_NO_ERROR;
}

void bc_xsheet_fit_pages(bc_xsheet *s, uint16_t wide, uint16_t tall)
{
	uint16_t p[2] = {wide, tall};
	bc_xsheet_check(s, bc_xq_call(s->b->q, s->ws, fit_to, p, sizeof p));
}

void bc_xsheet_repeat_rows(bc_xsheet *s, lxw_row_t r1, lxw_row_t r2)
{
	lxw_row_t r[2] = {r1, r2};
	bc_xsheet_check(s, bc_xq_call(s->b->q, s->ws, repeat, r, sizeof r));
}

void bc_xsheet_breaks(bc_xsheet *s, const lxw_row_t *brk)
{
	size_t n = 0;
	while (brk[n++])
		;
	bc_xsheet_check(s, bc_xq_call(s->b->q, s->ws, breaks, brk,
				      n * sizeof *brk));
}

void bc_xsheet_freeze(bc_xsheet *s, lxw_row_t r, lxw_col_t c)
{
	cell_at at = {r, c};
	bc_xsheet_check(s, bc_xq_call(s->b->q, s->ws, freeze, &at, sizeof at));
}

void bc_xsheet_labels(bc_xsheet *s, const char *const *label, lxw_col_t n)
{
	double pt = 0;
	for (lxw_col_t c = 0; c < n; c++) {
		double need = label[c] ? s->b->lay->fit(s, label[c], s->w[c],
							BC_XP_HEAD)
				       : 0;
		pt = need > pt ? need : pt;
	}
	if (pt > 0)
		bc_xsheet_height(s, pt);
	for (lxw_col_t c = 0; c < n; c++)
		bc_xsheet_put(s, c, label[c] ? label[c] : "",
			      style_of(s, BC_XP_HEAD));
	bc_xsheet_next(s, 1);
}

void bc_xsheet_column_numbers(bc_xsheet *s, lxw_col_t n)
{
	for (lxw_col_t c = 0; c < n; c++) {
		char no[16];
		snprintf(no, sizeof no, "(%u)", (unsigned)c + 1);
		bc_xsheet_put(s, c, no, style_of(s, BC_XP_COLNO));
	}
}

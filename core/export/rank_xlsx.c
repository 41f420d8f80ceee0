/* SPDX-License-Identifier: MIT */
/*
 * The scores' workbook, on the writer the other workbooks share
 * (xlsx_write.h): its heading, table heads, signatures and page setup.
 * What a cell says comes from the scheme (titles, groups, classes), from
 * vndoc.h (STT, Tổng cộng) and from baocao's own words (gettext).
 */
#include "rank_xlsx.h"
#include "i18n.h"
#include "mem.h"
#include "rank_text.h"
#include "text.h"
#include "vndoc.h"
#include "xlsx_nd30.h"
#include "xlsx_write.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum {
	F_ORG, F_TITLE, F_PERIOD, F_WINDOW, F_HEAD, F_COLNO, F_STT, F_TEXT,
	F_NUM, F_BTEXT, F_BSTT, F_BNUM, F_NOTE, F_N
};

enum {
	BOLD = BC_XF_BOLD, ITALIC = BC_XF_ITALIC, BORDER = BC_XF_BORDER,
	CENTER = BC_XF_CENTER, WRAP = BC_XF_WRAP, UNDER = BC_XF_UNDER,
	VCENTER = BC_XF_VCENTER, RIGHT = BC_XF_RIGHT
};

static const bc_xf_spec SPEC[F_N] = {
	[F_ORG] = {BOLD | CENTER | WRAP, 12, NULL},
	[F_TITLE] = {BOLD | CENTER | VCENTER | WRAP, 14, NULL},
	[F_PERIOD] = {BOLD | CENTER, 12, NULL},
	[F_WINDOW] = {ITALIC | CENTER | WRAP, 12, NULL},
	[F_HEAD] = {BOLD | CENTER | VCENTER | WRAP | BORDER, 12, NULL},
	[F_COLNO] = {ITALIC | CENTER | VCENTER | BORDER, 11, NULL},
	[F_STT] = {CENTER | VCENTER | BORDER, 12, NULL},
	[F_TEXT] = {VCENTER | WRAP | BORDER, 12, NULL},
	[F_NUM] = {VCENTER | BORDER | RIGHT, 12, "0.##"},
	[F_BTEXT] = {BOLD | VCENTER | WRAP | BORDER, 12, NULL},
	[F_BSTT] = {BOLD | CENTER | VCENTER | BORDER, 12, NULL},
	[F_BNUM] = {BOLD | VCENTER | BORDER | RIGHT, 12, "0.##"},
	[F_NOTE] = {ITALIC, 11, NULL},
};

#define LINE_PT 15.0

/* Lines text wraps to in a column width wide: a width unit (7 pixels
 * and the padding) holds a quarter more than a letter of Times New
 * Roman 12 on average, a bold one a little less; a line too many rather
 * than a line cut, as readers keep the heights written. */
static int lines(const char *t, double width, bool bold)
{
	double per = width * (bold ? 1.1 : 1.2);
	size_t n = bc_utf8_width(t);
	if (per < 1)
		per = 1;
	return (int)((double)n / per) + 1;
}

static double part_height(const bc_xsheet *s, const char *text, double width,
			  bc_xpart p)
{
	(void)s;
	if (p == BC_XP_TITLE)
		return 20 * lines(text, width * 0.85, true) + 4;
	int n = lines(text, width, true);
	return n > 1 ? LINE_PT * n + 3 : 0;
}

static const bc_layout LAYOUT = {
	.style = {[BC_XP_CODE] = F_ORG,
		  [BC_XP_TITLE] = F_TITLE,
		  [BC_XP_PERIOD] = F_PERIOD,
		  [BC_XP_WINDOW] = F_WINDOW,
		  [BC_XP_HEAD] = F_HEAD,
		  [BC_XP_COLNO] = F_COLNO},
	.fit = part_height,
	.row_pt = 16.0,
};

typedef struct book {
	bc_xbook x;
	const bc_rank *r;
	lxw_format *f[F_N];
	char date[128]; /* the date line over the signatures */
	char asof[256]; /* as of when, provisional or not */
} book;

static lxw_format *style(lxw_workbook *wb, const bc_xf_spec *sp)
{
	return bc_xlsx_format(wb, BC_XLSX_FONT, sp->fl, sp->pt, sp->num, 0);
}

/* The row's height for the most lines a cell of it wraps to. */
static void fit_row(bc_xsheet *s, const char *text, lxw_col_t c)
{
	int n = lines(text, s->w[c], false);
	if (n > 1)
		bc_xsheet_height(s, LINE_PT * n + 3);
}

static void note_row(bc_xsheet *s, const char *text)
{
	bc_xsheet_merge(s, 0, s->n - 1, text, F_NOTE);
	bc_xsheet_next(s, 1);
}

static void closing(book *b, bc_xsheet *s)
{
	bc_xsheet_next(s, 1);
	note_row(s, b->asof);
	bc_xsheet_signature(s, b->date);
}

/* ---- a group's sheet --------------------------------------------------- */

static void group_head(bc_xsheet *s, const bc_score_group *g)
{
	lxw_col_t n = s->n;
	const char **label = bc_calloc(n, sizeof *label);
	char (*parts)[256] = bc_calloc(g->n_parts + 1, sizeof *parts);
	if (!label || !parts) {
		bc_xbook_fail(s->b, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
	} else {
		label[0] = C_("column", "rank");
		label[1] = C_("column", "unit");
		for (size_t i = 0; i < g->n_parts; i++) {
			char max[64];
			bc_num_text(g->parts[i]->max, max, sizeof max);
			snprintf(parts[i], sizeof *parts, "%s. %s (%s)",
				 g->parts[i]->id, g->parts[i]->title, max);
			label[2 + i] = parts[i];
		}
		label[n - 2] = C_("column", "total");
		label[n - 1] = C_("column", "class");
		bc_xsheet_labels(s, label, n);
		bc_xsheet_column_numbers(s, n);
		s->head1 = s->r - 1;
		s->head2 = s->r;
		bc_xsheet_next(s, 1);
	}
	bc_free(label);
	bc_free(parts);
}

static void group_row(bc_xsheet *s, const bc_rank_unit *u)
{
	bc_xsheet_num(s, 0, u->rank, s->b->f[F_STT]);
	bc_xsheet_put(s, 1, u->unit->name, F_TEXT);
	fit_row(s, u->unit->name, 1);
	for (size_t i = 0; i < u->group->n_parts; i++)
		bc_xsheet_num(s, (lxw_col_t)(2 + i), u->score.parts[i],
			      s->b->f[F_NUM]);
	bc_xsheet_num(s, s->n - 2, u->score.total, s->b->f[F_BNUM]);
	bc_xsheet_put(s, s->n - 1, bc_rank_class_text(u), F_STT);
	bc_xsheet_next(s, 1);
}

static void group_sheet(book *b, const bc_score_group *g)
{
	bc_xsheet s;
	lxw_col_t n = (lxw_col_t)(g->n_parts + 4);
	if (!bc_xsheet_open(&b->x, &s, g->label ? g->label : g->id, n))
		return;
	bc_xsheet_width(&s, 0, 7);
	bc_xsheet_width(&s, 1, 36);
	for (lxw_col_t c = 2; c < n - 2; c++)
		bc_xsheet_width(&s, c, 16);
	bc_xsheet_width(&s, n - 2, 10);
	bc_xsheet_width(&s, n - 1, 14);
	bc_xsheet_page(&s, true);
	bc_xsheet_heading(&s, b->r->scheme->title, g->label, NULL);
	group_head(&s, g);
	for (size_t i = 0; i < b->r->n; i++)
		if (b->r->units[i].group == g)
			group_row(&s, &b->r->units[i]);
	s.tail = s.r;
	if (s.head2 >= s.head1)
		bc_xsheet_check(&s, worksheet_repeat_rows(s.ws, s.head1,
							  s.head2));
	closing(b, &s);
	bc_xsheet_close(&s);
}

/* ---- a unit's sheet ---------------------------------------------------- */

enum { U_ID, U_TITLE, U_DETAIL, U_POINTS, U_MAX, U_N };

static void unit_head(bc_xsheet *s)
{
	const char *label[U_N] = {
		[U_ID] = bc_vndoc_word(BC_VN_SEQ),
		[U_TITLE] = C_("column", "criterion"),
		[U_DETAIL] = C_("column", "what it came from"),
		[U_POINTS] = C_("column", "points"),
		[U_MAX] = C_("column", "at most")};
	bc_xsheet_labels(s, label, U_N);
	bc_xsheet_column_numbers(s, U_N);
	bc_xsheet_next(s, 1);
}

static void part_row(bc_xsheet *s, const bc_score_part *p, double got)
{
	bc_xsheet_put(s, U_ID, p->id, F_BSTT);
	bc_xsheet_merge(s, U_TITLE, U_DETAIL, p->title, F_BTEXT);
	bc_xsheet_num(s, U_POINTS, got, s->b->f[F_BNUM]);
	bc_xsheet_num(s, U_MAX, p->max, s->b->f[F_BNUM]);
	bc_xsheet_next(s, 1);
}

static void criterion_row(book *b, bc_xsheet *s, const bc_rank_unit *u,
			  size_t k)
{
	const bc_crit_score *cs = &u->score.crit[k];
	char detail[BC_RANK_TEXT_MAX];
	bc_rank_detail(b->r, u, k, detail, sizeof detail);
	bc_xsheet_put(s, U_ID, cs->crit->id, F_STT);
	bc_xsheet_put(s, U_TITLE, cs->crit->title, F_TEXT);
	bc_xsheet_put(s, U_DETAIL, detail, F_TEXT);
	int a = lines(cs->crit->title, s->w[U_TITLE], false),
	    c = lines(detail, s->w[U_DETAIL], false);
	if ((a > c ? a : c) > 1)
		bc_xsheet_height(s, LINE_PT * (a > c ? a : c) + 3);
	bc_xsheet_num(s, U_POINTS, cs->points, s->b->f[F_NUM]);
	bc_xsheet_num(s, U_MAX, cs->crit->max, s->b->f[F_NUM]);
	bc_xsheet_next(s, 1);
}

static void total_row(bc_xsheet *s, const bc_rank_unit *u)
{
	char rank[256];
	snprintf(rank, sizeof rank, _("%s; rank %d; class %s"),
		 bc_vndoc_word(BC_VN_TOTAL), u->rank,
		 u->score.cls ? bc_rank_class_text(u) : "—");
	bc_xsheet_merge(s, U_ID, U_DETAIL, rank, F_BTEXT);
	bc_xsheet_num(s, U_POINTS, u->score.total, s->b->f[F_BNUM]);
	bc_xsheet_num(s, U_MAX, u->score.scheme->max, s->b->f[F_BNUM]);
	bc_xsheet_next(s, 1);
}

static void unit_sheet(book *b, const bc_rank_unit *u)
{
	bc_xsheet s;
	char name[160];
	bc_xlsx_sheet_name(u->unit->code, u->unit->name, name, sizeof name);
	if (!bc_xsheet_open(&b->x, &s, name, U_N))
		return;
	static const double W[U_N] = {7, 36, 46, 10, 10};
	for (lxw_col_t c = 0; c < U_N; c++)
		bc_xsheet_width(&s, c, W[c]);
	bc_xsheet_page(&s, true);
	/* A unit's sheet is sent to it: one page, its signatures on it. */
	worksheet_fit_to_pages(s.ws, 1, 1);
	bc_xsheet_heading(&s, b->r->scheme->title, u->unit->name, NULL);
	unit_head(&s);
	for (size_t p = 0; p < u->group->n_parts; p++) {
		part_row(&s, u->group->parts[p], u->score.parts[p]);
		for (size_t k = 0; k < u->group->n_criteria; k++)
			if (u->group->criteria[k]->part == u->group->parts[p])
				criterion_row(b, &s, u, k);
	}
	total_row(&s, u);
	s.tail = s.r;
	closing(b, &s);
	bc_xsheet_close(&s);
}

/* ---- the workbook ------------------------------------------------------ */

/* The year as its periods' heading says it: the period of the scheme's
 * type (the year's report), else the last, and the window they span. */
static void year_texts(book *b, const bc_rank_doc *doc)
{
	const bc_rank *r = b->r;
	const bc_period *year = NULL;
	for (size_t i = 0; i < r->n_periods; i++)
		if (!year || (r->scheme->period &&
			      !strcmp(r->periods[i].period.pt->code,
				      r->scheme->period->code)))
			year = &r->periods[i].period;
	if (year)
		bc_xbook_period(&b->x, year->label, r->periods[0].period.from,
				r->periods[r->n_periods - 1].period.to);
	bc_vndoc_date(doc->date, b->date, sizeof b->date);
	char day[BC_DATE_BUF];
	bc_date_format_dmy(r->as_of, day);
	snprintf(b->asof, sizeof b->asof,
		 r->provisional ? _("Provisional scores, as of %s: more may "
				    "still arrive.")
				: _("Scores as of %s."),
		 day);
}

bc_err bc_rank_xlsx(const bc_rank *r, const bc_rank_doc *doc, bc_diags *d)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
				    .tmpdir = (char *)doc->tmpdir};
	book b = {.r = r};
	b.x = (bc_xbook){.lay = &LAYOUT, .rs = r->rs, .f = b.f,
			 .frame = doc->frame, .header = BC_XND_DATE};
	b.x.wb = workbook_new_opt(doc->path, &opt);
	if (!b.x.wb) {
		bc_diags_add(d, BC_ERROR, doc->path, 0, NULL, NULL,
			     N_("cannot create the workbook"));
		return BC_ERR_IO;
	}
	year_texts(&b, doc);
	bc_xbook_formats(&b.x, SPEC, F_N, style);
	for (size_t g = 0; g < r->scheme->n_groups; g++)
		group_sheet(&b, &r->scheme->groups[g]);
	for (size_t i = 0; i < r->n; i++)
		unit_sheet(&b, &r->units[i]);
	int errnum = 0;
	lxw_error err = bc_xlsx_close(b.x.wb, &errnum);
	if (b.x.err == LXW_NO_ERROR && bc_xlsx_io_error(err)) {
		bc_diags_add(d, BC_ERROR, doc->path, 0, NULL, NULL,
			     N_("cannot write: %s"), strerror(errnum));
		return BC_ERR_IO;
	}
	if (b.x.err == LXW_NO_ERROR && err != LXW_NO_ERROR)
		bc_xbook_fail(&b.x, err, NULL);
	if (b.x.err == LXW_ERROR_MEMORY_MALLOC_FAILED)
		return BC_ERR_NOMEM;
	if (b.x.err != LXW_NO_ERROR) {
		bc_diags_add(d, BC_ERROR, doc->path, 0, NULL, NULL,
			     N_("the workbook cannot be written: %s"),
			     b.x.why);
		return BC_ERR_IO;
	}
	return BC_OK;
}

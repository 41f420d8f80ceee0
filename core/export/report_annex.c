/* SPDX-License-Identifier: MIT */
/*
 * A report's appendices: tables a reader checks the body's sentences
 * against.  The indicators and each form's figures by level, the total
 * and the same period last year with the change; the lists the units
 * gave (table fields), unit by unit; and, in the whole's report, who
 * reported when.  A unit's own report has one column of figures, its
 * own.  Every table's first row is its header, repeated on each page.
 */
#include "aggregate.h"
#include "jsonout.h"
#include "report_int.h"
#include "vndoc.h"
#include "wording.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FIG_BUF BC_VN_NUMBER_MAX

static const char *word(const bc_rep *r, bc_wkey k)
{
	return bc_word(r->rs, k);
}

/* ---- cells ------------------------------------------------------------- */

/* A figure as a table shows it: as a Vietnamese document writes
 * numbers (vndoc.h), a sign before a change when asked; "-" where there
 * is none (no unit reported it, a denominator of 0). */
static const char *figure(const json_t *v, bool sign, char buf[FIG_BUF])
{
	if (!bc_json_is_num(v))
		return "-";
	return bc_vndoc_number(bc_json_num_value(v), json_is_integer(v) ? 0 : 2,
			       BC_VN_TRIM | (sign ? BC_VN_SIGNED : 0), buf,
			       FIG_BUF);
}

static void cell(bc_rep *r, const char *text)
{
	bc_rep_ok(r, bc_doc_table_cell(r->doc, text ? text : ""));
}

static void cell_fig(bc_rep *r, const json_t *v, bool sign)
{
	char buf[FIG_BUF];
	cell(r, figure(v, sign, buf));
}

static void cell_int(bc_rep *r, long long v)
{
	json_t *j = json_integer(v);
	cell_fig(r, j, false);
	json_decref(j);
}

/* A table of as many columns as heads, those its header row. */
static void table(bc_rep *r, const char *const *head, size_t n)
{
	bc_rep_ok(r, bc_doc_table_begin(r->doc, n, 1));
	bc_rep_ok(r, bc_doc_table_row(r->doc, false));
	for (size_t i = 0; i < n; i++)
		cell(r, head[i]);
}

/* Column i's relative width and alignment. */
static void column(bc_rep *r, size_t i, unsigned width, bc_doc_align a)
{
	bc_rep_ok(r, bc_doc_table_col(r->doc, i, width, a));
}

/* A table of fixed columns: head[i] over column i, of relative width
 * w[i] and alignment a[i]. */
static void table_of(bc_rep *r, const char *const *head, const unsigned *w,
		     const bc_doc_align *a, size_t n)
{
	table(r, head, n);
	for (size_t i = 0; i < n; i++)
		column(r, i, w[i], a[i]);
}

/* A row across the whole table: a group's name. */
static void group_row(bc_rep *r, const char *text, size_t cols)
{
	bc_rep_ok(r, bc_doc_table_row(r->doc, false));
	bc_rep_ok(r, bc_doc_table_span(r->doc, text, cols));
}

/* A table's title, centred, bold. */
static void caption(bc_rep *r, const char *text)
{
	bc_rep_ok(r, bc_doc_para_begin(r->doc, BC_DOC_CENTRE));
	bc_rep_ok(r, bc_doc_para_run(r->doc, BC_DOC_BOLD, text));
}

static void form_caption(bc_rep *r, const char *name, const char *title)
{
	char buf[1024];
	bc_word_fill(r->rs, BC_W_REPORT_TABLE_TITLE, buf, sizeof buf,
		     BC_SLOTS({"name", name}, {"title", title}));
	caption(r, buf);
}

/* ---- figures by level -------------------------------------------------- */

/* The heads of the columns of figures: each level and the total in
 * the whole's report, the unit's own figure in its own; then last
 * year's and the change. */
static void figure_heads(const bc_rep *r, const char **h, size_t *n,
			 bc_wkey change)
{
	if (r->own) {
		h[(*n)++] = word(r, BC_W_EXPORT_THIS_PERIOD);
	} else {
		for (size_t i = 0; i < r->rs->n_levels; i++)
			h[(*n)++] = r->rs->levels[i].label;
		h[(*n)++] = bc_vndoc_word(BC_VN_TOTAL);
	}
	h[(*n)++] = word(r, BC_W_EXPORT_LAST_YEAR);
	h[(*n)++] = word(r, change);
}

/* A row of figures: v holds each level, "total", "previous" (the same
 * keys) and the change under change_key. */
static void figure_row(bc_rep *r, const char *no, const char *label,
		       const char *uom, bool with_uom, const json_t *v,
		       const char *change_key)
{
	bc_rep_ok(r, bc_doc_table_row(r->doc, false));
	cell(r, no);
	cell(r, label);
	if (with_uom)
		cell(r, uom);
	for (size_t i = 0; !r->own && i < r->rs->n_levels; i++)
		cell_fig(r, json_object_get(v, r->rs->levels[i].id), false);
	cell_fig(r, json_object_get(v, "total"), false);
	cell_fig(r, json_object_get(json_object_get(v, "previous"), "total"),
		 false);
	cell_fig(r, json_object_get(json_object_get(v, change_key), "total"),
		 true);
}

/* now − then in percent of then, to one decimal; null without both or
 * when then is 0 (as the aggregate's change_pct). */
static json_t *pct_change(const json_t *now, const json_t *then)
{
	if (!bc_json_is_num(now) || !bc_json_is_num(then) ||
	    bc_json_num_value(then) == 0)
		return json_null();
	double b = bc_json_num_value(then);
	return json_real(round((bc_json_num_value(now) - b) / b * 1000) / 10);
}

/* The count of choice in a counted level's object ({choice: n}), or
 * of every choice for NULL; null where the level has no rows. */
static json_t *count_of(const json_t *level, const char *choice)
{
	if (!json_is_object(level))
		return json_null();
	if (choice) {
		json_t *n = json_object_get(level, choice);
		return json_integer(n ? json_integer_value(n) : 0);
	}
	json_int_t sum = 0;
	const char *k;
	json_t *n;
	json_object_foreach((json_t *)level, k, n) sum += json_integer_value(n);
	return json_integer(sum);
}

/* A counted field's figures of one choice (NULL: all), in a row's
 * shape (figure_row). */
static json_t *counted(const bc_rep *r, const json_t *f, const char *choice)
{
	json_t *o = json_object(), *prev = json_object(), *chg = json_object();
	const json_t *was = json_object_get(f, "previous");
	for (size_t i = 0; i <= r->rs->n_levels; i++) {
		const char *k = i < r->rs->n_levels ? r->rs->levels[i].id
						    : "total";
		json_t *now = count_of(json_object_get(f, k), choice);
		json_t *then = count_of(json_object_get(was, k), choice);
		json_object_set_new(chg, k, pct_change(now, then));
		json_object_set_new(o, k, now);
		json_object_set_new(prev, k, then);
	}
	json_object_set_new(o, "previous", prev);
	json_object_set_new(o, "change_pct", chg);
	return o;
}

/* The choices a counted field is counted by, *n of them, with their
 * labels; NULL for a field that is not counted. */
static char **choices(const bc_field *f, char ***labels, size_t *n)
{
	const bc_field *c = f->type == BC_T_TABLE && f->count_by >= 0
				    ? &f->columns[f->count_by]
			    : f->type == BC_T_ENUM ? f
						   : NULL;
	*n = c ? c->n_values : 0;
	*labels = c ? c->value_labels : NULL;
	return c ? c->values : NULL;
}

static const char *uom_of(const bc_rep *r, const bc_field *f)
{
	if (f->unit)
		return f->unit;
	if (f->type == BC_T_MONEY)
		return r->rs->directive.money_unit;
	return f->type == BC_T_BOOL ? word(r, BC_W_HTML_UOM_UNITS) : NULL;
}

/* Whether the table shows field f: a number, or counted; asked of the
 * unit, in a unit's own report. */
static bool shown(const bc_rep *r, const bc_field *f, const json_t *v)
{
	const bc_unit_kind *k = r->own ? bc_ruleset_kind(r->rs, r->own->kind)
				       : NULL;
	if (r->own && !bc_field_asked(f, k ? k->level : NULL))
		return false;
	size_t n;
	char **lb;
	return v && (f->type == BC_T_INT || f->type == BC_T_MONEY ||
		     f->type == BC_T_PCT || f->type == BC_T_BOOL ||
		     choices(f, &lb, &n));
}

/* A field's rows: its figures, and a counted one's each choice below. */
static void field_rows(bc_rep *r, const bc_field *f, const json_t *v,
		       int no)
{
	char stt[16];
	snprintf(stt, sizeof stt, "%d", no);
	size_t n;
	char **lb, **ch = choices(f, &lb, &n);
	if (!ch) {
		figure_row(r, stt, f->label, uom_of(r, f), true, v,
			   "change_pct");
		return;
	}
	json_t *all = counted(r, v, NULL);
	figure_row(r, stt, f->label, uom_of(r, f), true, all, "change_pct");
	json_decref(all);
	for (size_t i = 0; i < n; i++) {
		char label[512];
		snprintf(label, sizeof label, "- %s", lb[i]);
		json_t *one = counted(r, v, ch[i]);
		figure_row(r, "", label, NULL, true, one, "change_pct");
		json_decref(one);
	}
}

/* Whether the report shows form f: every form in the whole's, those the
 * unit owes in a unit's own. */
static bool form_shown(const bc_rep *r, const bc_form *f)
{
	return !r->own || bc_owed_part(&r->owed, f->id);
}

static json_t *form_agg(const bc_rep *r, const bc_form *f)
{
	return json_object_get(json_object_get(r->agg, "forms"), f->id);
}

/* A form's figures: a row per field it shows. */
static bool form_table(bc_rep *r, const bc_form *f)
{
	json_t *fields = json_object_get(form_agg(r, f), "fields");
	size_t rows = 0;
	if (!form_shown(r, f))
		return false;
	for (size_t i = 0; i < f->n_fields; i++)
		rows += shown(r, &f->fields[i],
			      json_object_get(fields, f->fields[i].id));
	if (!rows)
		return false;
	form_caption(r, f->name, f->title);
	const char *h[64];
	size_t n = 0;
	h[n++] = bc_vndoc_word(BC_VN_SEQ);
	h[n++] = word(r, BC_W_HTML_FIELD);
	h[n++] = bc_vndoc_word(BC_VN_UOM);
	figure_heads(r, h, &n, BC_W_HTML_CHANGE_PCT);
	table(r, h, n);
	column(r, 0, 8, BC_DOC_MIDDLE);
	column(r, 1, 40, BC_DOC_LEFT);
	column(r, 2, 10, BC_DOC_MIDDLE);
	for (size_t c = 3; c < n; c++)
		column(r, c, 12, BC_DOC_END);
	int no = 0;
	for (size_t i = 0; r->rc == BC_OK && i < f->n_fields; i++) {
		json_t *v = json_object_get(fields, f->fields[i].id);
		if (shown(r, &f->fields[i], v))
			field_rows(r, &f->fields[i], v, ++no);
	}
	return true;
}

/* Every form's indicators, a form's name over its own. */
static void indicators_table(bc_rep *r)
{
	size_t any = 0;
	for (size_t i = 0; i < r->rs->n_forms; i++)
		any += form_shown(r, &r->rs->forms[i])
			       ? r->rs->forms[i].n_indicators
			       : 0;
	if (!any)
		return;
	caption(r, word(r, BC_W_EXPORT_INDICATORS_TITLE));
	const char *h[64];
	size_t n = 0;
	h[n++] = bc_vndoc_word(BC_VN_SEQ);
	h[n++] = word(r, BC_W_EXPORT_INDICATORS);
	figure_heads(r, h, &n, BC_W_HTML_CHANGE_PP);
	table(r, h, n);
	column(r, 0, 8, BC_DOC_MIDDLE);
	column(r, 1, 45, BC_DOC_LEFT);
	for (size_t c = 2; c < n; c++)
		column(r, c, 12, BC_DOC_END);
	int no = 0;
	for (size_t i = 0; r->rc == BC_OK && i < r->rs->n_forms; i++) {
		const bc_form *f = &r->rs->forms[i];
		json_t *ind = json_object_get(form_agg(r, f), "indicators");
		if (!f->n_indicators || !form_shown(r, f))
			continue;
		char name[1024];
		bc_word_fill(r->rs, BC_W_REPORT_TABLE_TITLE, name, sizeof name,
			     BC_SLOTS({"name", f->name}, {"title", f->title}));
		group_row(r, name, n);
		for (size_t k = 0; k < f->n_indicators; k++) {
			char stt[16];
			snprintf(stt, sizeof stt, "%d", ++no);
			figure_row(r, stt, f->indicators[k].label, NULL, false,
				   json_object_get(ind, f->indicators[k].id),
				   "change_pp");
		}
	}
}

/* ---- the lists --------------------------------------------------------- */

/* A list's cell as people read it: a date dd/mm/yyyy, a choice by its
 * label, a yes/no in words, a number as Vietnamese write it. */
static void list_cell(bc_rep *r, const bc_field *c, const json_t *v)
{
	bc_date day;
	const char *t = json_string_value(v);
	if (bc_json_is_num(v) && c->type == BC_T_BOOL) {
		cell(r, bc_vndoc_word(bc_json_num_value(v) ? BC_VN_YES
							   : BC_VN_NO));
	} else if (bc_json_is_num(v)) {
		cell_fig(r, v, false);
	} else if (t && c->type == BC_T_DATE && bc_date_parse(t, &day)) {
		char dmy[BC_DATE_BUF];
		bc_date_format_dmy(day, dmy);
		cell(r, dmy);
	} else if (t && c->type == BC_T_ENUM) {
		cell(r, bc_field_value_label(c, t));
	} else {
		cell(r, t);
	}
}

/* The rows of table t that unit u gave, numbered on from r->ax.no;
 * how many. */
static size_t unit_rows(bc_rep *r, const bc_form *f, const bc_field *t,
			const bc_unit *u, size_t cols)
{
	json_t *rows = NULL;
	if (!bc_rep_ok(r, bc_aggregate_unit_rows(r->st, r->p, r->until, f->id,
						 t->id, u->code, &rows, r->d)))
		return 0;
	if (!r->own)
		group_row(r, u->name, cols);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		char stt[16];
		snprintf(stt, sizeof stt, "%d", ++r->ax.no);
		bc_rep_ok(r, bc_doc_table_row(r->doc, false));
		cell(r, stt);
		for (size_t c = 0; c < t->n_columns; c++)
			list_cell(r, &t->columns[c],
				  json_object_get(row, t->columns[c].id));
	}
	size_t n = json_array_size(rows);
	json_decref(rows);
	return n;
}

/* The rows a piece of a list holds at most: a country's lists are set a
 * piece at a time (doc.h), a district's in one table. */
#define LIST_PIECE 5000

/* A piece of the list of table field t: its head, then the units that
 * gave rows, from r->ax.unit on, each's rows under its name. */
static void list_piece(bc_rep *r, const bc_form *f, const bc_field *t)
{
	const char *h[64];
	size_t n = 0, rows = 0;
	h[n++] = bc_vndoc_word(BC_VN_SEQ);
	for (size_t c = 0; c < t->n_columns && n < 64; c++)
		h[n++] = t->columns[c].label;
	table(r, h, n);
	column(r, 0, 8, BC_DOC_MIDDLE);
	for (size_t c = 0; c + 1 < n; c++)
		column(r, c + 1,
		       t->columns[c].type == BC_T_TEXT ? 30 : 12,
		       t->columns[c].type == BC_T_TEXT ? BC_DOC_LEFT
						       : BC_DOC_MIDDLE);
	for (; r->rc == BC_OK && r->ax.unit < r->who.n && rows < LIST_PIECE;
	     r->ax.unit++)
		if (json_object_get(r->ax.units, r->who.v[r->ax.unit].code))
			rows += unit_rows(r, f, t, &r->who.v[r->ax.unit], n);
}

/* The start of the list of table field t: its caption, and which units
 * gave rows; false (said so) when none did. */
static bool list_begin(bc_rep *r, const bc_form *f, const bc_field *t)
{
	json_t *longest = NULL;
	if (!bc_rep_ok(r, bc_aggregate_table_shape(r->st, r->p, r->until,
						   f->id, t->id, &r->ax.units,
						   &longest, r->d)))
		return false;
	json_decref(longest);
	r->ax.unit = 0;
	r->ax.no = 0;
	form_caption(r, f->name, t->label);
	/* A unit's own list: its own rows, when it gave any. */
	if (r->own ? json_object_get(r->ax.units, r->own->code) != NULL
		   : json_object_size(r->ax.units) > 0)
		return true;
	bc_rep_ok(r, bc_doc_para(r->doc, BC_DOC_NOTE,
				 word(r, BC_W_REPORT_NO_ROWS)));
	json_decref(r->ax.units);
	r->ax.units = NULL;
	return false;
}

/* The next piece of the lists (table fields), each unit's rows under
 * its name in the units' order; false when they are all set. */
static bool lists_step(bc_rep *r)
{
	for (; r->ax.form < r->rs->n_forms; r->ax.form++, r->ax.field = 0) {
		const bc_form *f = &r->rs->forms[r->ax.form];
		for (; r->ax.field < f->n_fields; r->ax.field++) {
			const bc_field *t = &f->fields[r->ax.field];
			if (t->type != BC_T_TABLE || !form_shown(r, f))
				continue;
			if (!r->ax.units && !list_begin(r, f, t)) {
				r->ax.field++;
				return true;
			}
			list_piece(r, f, t);
			if (r->ax.unit >= r->who.n) {
				json_decref(r->ax.units);
				r->ax.units = NULL;
				r->ax.field++;
			}
			return true;
		}
	}
	return false;
}

/* ---- who reported ------------------------------------------------------ */

static const char *state_word(const bc_rep *r, bc_state s)
{
	static const bc_wkey k[] = {
		[BC_STATE_ON_TIME] = BC_W_EXPORT_ON_TIME,
		[BC_STATE_LATE] = BC_W_EXPORT_LATE,
		[BC_STATE_PARTIAL] = BC_W_EXPORT_PARTIAL,
		[BC_STATE_MISSING] = BC_W_EXPORT_MISSING,
	};
	return word(r, k[s]);
}

/* How many units are in each state, and the rates. */
static void status_counts(bc_rep *r)
{
	const bc_status *s = &r->status;
	const char *h[] = {bc_vndoc_word(BC_VN_SEQ),
			   word(r, BC_W_EXPORT_STATUS_CONTENT),
			   word(r, BC_W_EXPORT_STATUS_COUNT)};
	table_of(r, h, (const unsigned[]){8, 40, 12},
		 (const bc_doc_align[]){BC_DOC_MIDDLE, BC_DOC_LEFT, BC_DOC_END},
		 3);
	const struct {
		bc_wkey k;
		size_t v;
	} row[] = {{BC_W_EXPORT_COUNT_EXPECTED, s->n},
		   {BC_W_EXPORT_COUNT_COMPLETE, s->complete},
		   {BC_W_EXPORT_COUNT_ON_TIME, s->on_time},
		   {BC_W_EXPORT_COUNT_LATE, s->late},
		   {BC_W_EXPORT_COUNT_PARTIAL, s->partial},
		   {BC_W_EXPORT_COUNT_MISSING, s->missing}};
	int no = 0;
	for (size_t i = 0; i < sizeof row / sizeof *row; i++) {
		char stt[16] = "";
		if (row[i].k != BC_W_EXPORT_COUNT_ON_TIME &&
		    row[i].k != BC_W_EXPORT_COUNT_LATE)
			snprintf(stt, sizeof stt, "%d", ++no);
		bc_rep_ok(r, bc_doc_table_row(r->doc, false));
		cell(r, stt);
		cell(r, word(r, row[i].k));
		cell_int(r, (long long)row[i].v);
	}
	const struct {
		bc_wkey k;
		size_t v;
	} rate[] = {{BC_W_EXPORT_COUNT_REPORTING_RATE, s->complete},
		    {BC_W_EXPORT_COUNT_ON_TIME_RATE, s->on_time}};
	for (size_t i = 0; i < 2; i++) {
		char stt[16];
		snprintf(stt, sizeof stt, "%d", ++no);
		json_t *v = s->n ? json_real(round(rate[i].v * 1000.0 / s->n) / 10)
				 : json_null();
		bc_rep_ok(r, bc_doc_table_row(r->doc, false));
		cell(r, stt);
		cell(r, word(r, rate[i].k));
		cell_fig(r, v, false);
		json_decref(v);
	}
}

/* When u's parts came (the latest first receipt among those received),
 * and which it still lacks, by their names. */
static void unit_status_cells(bc_rep *r, const bc_unit_status *u)
{
	bc_time last = 0;
	char lacks[1024] = "";
	size_t o = 0;
	for (size_t i = 0; i < u->owed.n_parts; i++) {
		const bc_part_status *p = &u->parts[i];
		if (p->revision && p->first > last)
			last = p->first;
		if (!p->revision && o < sizeof lacks)
			o += (size_t)snprintf(lacks + o, sizeof lacks - o,
					      "%s%s", o ? ", " : "",
					      bc_ruleset_part_name(r->rs,
								   p->part));
	}
	char at[BC_TIME_DMY_BUF] = "";
	if (last)
		bc_time_format_dmy(last, r->rs->directive.utc_offset, at);
	cell(r, at);
	cell(r, lacks);
}

/* Every unit that owes something, grouped by its state. */
static void status_units(bc_rep *r)
{
	const char *h[] = {bc_vndoc_word(BC_VN_SEQ), word(r, BC_W_EXPORT_UNIT),
			   word(r, BC_W_EXPORT_STATUS_AT),
			   word(r, BC_W_EXPORT_STATUS_MISSING)};
	table_of(r, h, (const unsigned[]){8, 35, 15, 30},
		 (const bc_doc_align[]){BC_DOC_MIDDLE, BC_DOC_LEFT,
					BC_DOC_MIDDLE, BC_DOC_LEFT},
		 4);
	int no = 0;
	for (int st = BC_STATE_ON_TIME; st <= BC_STATE_MISSING; st++) {
		size_t count = 0;
		for (size_t i = 0; i < r->status.n; i++)
			count += r->status.units[i].state == (bc_state)st;
		if (!count)
			continue;
		char head[256];
		snprintf(head, sizeof head, "%s (%zu)", state_word(r, st), count);
		group_row(r, head, 4);
		for (size_t i = 0; i < r->status.n; i++) {
			const bc_unit_status *u = &r->status.units[i];
			if (u->state != (bc_state)st)
				continue;
			char stt[16];
			snprintf(stt, sizeof stt, "%d", ++no);
			bc_rep_ok(r, bc_doc_table_row(r->doc, false));
			cell(r, stt);
			cell(r, u->unit.name);
			unit_status_cells(r, u);
		}
	}
}

static void status_tables(bc_rep *r)
{
	char due[BC_DATE_BUF], as_of[BC_DATE_BUF], buf[1024];
	bc_date_format_dmy(r->p->unit_due, due);
	bc_date_format_dmy(r->date, as_of);
	caption(r, word(r, BC_W_EXPORT_STATUS_TITLE));
	bc_word_fill(r->rs, BC_W_EXPORT_STATUS_DUE, buf, sizeof buf,
		     BC_SLOTS({"due", due}, {"as_of", as_of}));
	bc_rep_ok(r, bc_doc_para(r->doc, BC_DOC_CENTRE, buf));
	status_counts(r);
	if (r->status.n)
		status_units(r);
}

/* The appendices' head, and the indicators. */
static void annex_head(bc_rep *r)
{
	char date[BC_DATE_BUF], buf[1024];
	bc_date_format_dmy(r->date, date);
	bc_rep_ok(r, bc_doc_section(r->doc, BC_DOC_LANDSCAPE));
	bc_rep_ok(r, bc_doc_heading(r->doc, 1, "", word(r, BC_W_REPORT_ANNEX)));
	bc_word_fill(r->rs, BC_W_REPORT_FIGURES, buf, sizeof buf,
		     BC_SLOTS({"period", r->period_words}, {"date", date}));
	bc_rep_ok(r, bc_doc_para(r->doc, BC_DOC_CENTRE, buf));
	indicators_table(r);
}

enum { AX_HEAD, AX_FORMS, AX_LISTS, AX_STATUS, AX_DONE };

bool bc_rep_annex_step(bc_rep *r)
{
	bc_rep_annex_at *ax = &r->ax;
	switch (ax->part) {
	case AX_HEAD:
		annex_head(r);
		ax->part = AX_FORMS;
		return true;
	case AX_FORMS:
		while (ax->form < r->rs->n_forms)
			if (form_table(r, &r->rs->forms[ax->form++]))
				return true;
		ax->part = AX_LISTS;
		ax->form = ax->field = 0;
		/* fall through */
	case AX_LISTS:
		if (lists_step(r))
			return true;
		ax->part = AX_STATUS;
		/* fall through */
	case AX_STATUS:
		ax->part = AX_DONE;
		if (r->own)
			return false;
		status_tables(r);
		return true;
	default:
		return false;
	}
}

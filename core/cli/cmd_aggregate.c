/* SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "cli.h"
#include "date.h"
#include "derived.h"
#include "i18n.h"
#include "jsonout.h"
#include "mem.h"
#include "strmap.h"
#include "text.h"
#include "twins.h"
#include "unit.h"

#include <string.h>

static const char *const usage = N_(
	"usage: baocao aggregate PERIOD [--compare] [--by KIND] [--rows]\n\n"
	"District figures for PERIOD from the revision in force of each\n"
	"unit's forms: every field per level and in total by its method\n"
	"(sum, snap, count_true, count_by), every indicator per level from\n"
	"summed numerators and denominators, the units contributing and\n"
	"missing per form, the units whose figures are estimates.\n\n"
	"  --compare   add the same period of the previous year and the\n"
	"              change (percent for fields, points for indicators):\n"
	"              two more lines under each figure\n"
	"  --by KIND   also per ancestor unit of that kind (district, ...):\n"
	"              the same tables again for each of them\n"
	"  --rows      list the rows of table forms (1A, 1B) with their unit,\n"
	"              under the table's line\n");

#define NAME_W 44 /* the column of fields' and indicators' names */
#define HEAD_W 16 /* a rows table's heading, when its cells are narrower */
#define NUM_W 12  /* a figure's column */

/* What the text shows beside the figures. */
typedef struct view {
	const bc_ruleset *rs;
	bool compare, rows;
	/* The ruleset of the period compared with, when not rs: a figure
	 * it has no counterpart of says so. */
	const char *then;
} view;

/* A figure right-aligned in its column: integers as they are, other
 * numbers with decimals places (2 when 0), "—" for none; an amount with
 * every digit it has (12345678901234.56). */
static void figure(json_t *v, int decimals)
{
	char buf[BC_DEC_BUF] = "—";
	bc_dec d;
	if (json_is_integer(v) && !decimals)
		snprintf(buf, sizeof buf, "%lld",
			 (long long)json_integer_value(v));
	else if (bc_json_get_dec(v, &d))
		bc_dec_text_fixed(d, decimals ? decimals : 2, buf);
	cli_decimal_sign(buf, sizeof buf);
	putchar(' ');
	cli_col(stdout, buf, NUM_W, true);
}

/* A line's name, indented by indent, cut to the name column. */
static void name_col(int indent, const char *name)
{
	char cut[256];
	cli_cut(name, NAME_W + 2 - indent, cut, sizeof cut);
	printf("%*s", indent, "");
	cli_col(stdout, cut, NAME_W + 2 - indent, false);
}

/* One line: a name indented by indent, then o's level and total figures
 * (o[key] of each when key is not NULL: the counts of one value). */
static void line(const view *w, int indent, const char *name, json_t *o,
		 const char *key, int decimals, const char *after)
{
	name_col(indent, name);
	for (size_t l = 0; l <= w->rs->n_levels; l++) {
		json_t *v = json_object_get(o, l < w->rs->n_levels
						       ? w->rs->levels[l].id
						       : "total");
		figure(key ? json_object_get(v, key) : v, decimals);
	}
	printf("%s\n", after);
}

/* Under a figure, with --compare: last year's, and the change. */
static void compared(const view *w, json_t *o, bool indicator)
{
	json_t *prev = json_object_get(o, "previous");
	if (w->compare && w->then && json_is_null(prev))
		printf(_("    previous year: no such figure under %s\n"),
		       w->then);
	if (!w->compare || !json_is_object(prev))
		return;
	line(w, 4, _("previous year"), prev, NULL, indicator,
	     indicator ? "  %" : "");
	line(w, 4, indicator ? _("change") : _("change %"),
	     json_object_get(o, indicator ? "change_pp" : "change_pct"), NULL,
	     1, indicator ? _("  points") : "  %");
}

/* A field as its template names it: "[9] Tổng số hồ sơ tiếp nhận", the
 * number the template prints when every level's template prints the
 * same (none for a table); the id of a field the rules no longer have.
 * Into buf[n]. */
static void field_name(const view *w, const bc_form *fm, const char *id,
		       char *buf, size_t n)
{
	int k = fm ? bc_field_index(fm->fields, fm->n_fields, id) : -1;
	if (k < 0) {
		snprintf(buf, n, "%s", id);
		return;
	}
	const bc_ruleset *rs = w->rs;
	int no = rs->n_levels ? 0 : bc_field_number(fm, (size_t)k, NULL);
	for (size_t l = 0; l < rs->n_levels && no >= 0; l++) {
		/* 0: not asked of that level; two numbers: -1, none */
		int at = bc_field_number(fm, (size_t)k, rs->levels[l].id);
		no = !at || !no || at == no ? (at ? at : no) : -1;
	}
	if (no > 0)
		snprintf(buf, n, "[%d] %s", no, fm->fields[k].label);
	else
		snprintf(buf, n, "%s", fm->fields[k].label);
}

/* A count_by field: a line per value counted, by its label, in the
 * order of its total. */
static void counts(const view *w, const bc_field *f, const char *name,
		   json_t *o)
{
	const char *by = json_string_value(json_object_get(o, "by")), *value;
	int c = f && by ? bc_field_index(f->columns, f->n_columns, by) : -1;
	const bc_field *col = c >= 0 ? &f->columns[c] : NULL;
	json_t *n;
	printf(_("  %s (count by %s)\n"), name, col ? col->label : by);
	json_object_foreach(json_object_get(o, "total"), value, n)
		line(w, 4, col ? bc_field_value_label(col, value) : value, o,
		     value, 0, "");
}

/* The text of a table cell of column col (NULL: the unit, the row's
 * number): a choice by its label, a date dd/mm/yyyy, a number with the
 * reader's decimal sign. */
static void cell_text(const bc_field *col, json_t *v, char *buf, size_t n)
{
	const char *s = json_string_value(v);
	bc_date d;
	if (bc_json_num_text(v, buf, n))
		cli_decimal_sign(buf, n);
	else if (s && col && col->type == BC_T_ENUM)
		snprintf(buf, n, "%s", bc_field_value_label(col, s));
	else if (s && col && col->type == BC_T_DATE && bc_date_parse(s, &d)) {
		char dmy[BC_DATE_BUF];
		bc_date_format_dmy(d, dmy);
		snprintf(buf, n, "%s", dmy);
	} else if (s)
		snprintf(buf, n, "%s", s);
	else
		snprintf(buf, n, "—");
}

/* Column k of the rows table: the unit, the row's number, then the
 * table's columns; its key in a row and its heading. */
static const char *rows_key(const bc_field *f, size_t k)
{
	return k == 0 ? "unit" : k == 1 ? "row" : f->columns[k - 2].id;
}

static const bc_field *rows_col(const bc_field *f, size_t k)
{
	return k < 2 ? NULL : &f->columns[k - 2];
}

static const char *rows_head(const bc_field *f, size_t k)
{
	return k == 0 ? C_("column", "Unit")
	       : k == 1 ? C_("column", "#")
			: f->columns[k - 2].label;
}

/* The widest of column k's cells, and of its heading up to HEAD_W. */
static int rows_width(const bc_field *f, json_t *rows, size_t k)
{
	size_t most = bc_utf8_width(rows_head(f, k)), i, cells = 0;
	json_t *r;
	char buf[1024];
	json_array_foreach(rows, i, r) {
		cell_text(rows_col(f, k), json_object_get(r, rows_key(f, k)),
			  buf, sizeof buf);
		size_t wd = bc_utf8_width(buf);
		cells = wd > cells ? wd : cells;
	}
	most = most > HEAD_W ? HEAD_W : most;
	return (int)(cells > most ? cells : most);
}

/* One line of the rows table: a row's cells, or the headings when r is
 * NULL; the row's number right-aligned, the last column unpadded. */
static void rows_line(const bc_field *f, json_t *r, const int *wd, size_t nk)
{
	char buf[1024];
	for (size_t k = 0; k < nk; k++) {
		if (r)
			cell_text(rows_col(f, k),
				  json_object_get(r, rows_key(f, k)), buf,
				  sizeof buf);
		else
			cli_cut(rows_head(f, k), wd[k], buf, sizeof buf);
		fputs(k ? "  " : "      ", stdout);
		cli_col(stdout, buf, k + 1 < nk ? wd[k] : 0, k == 1);
	}
	putchar('\n');
}

/* With --rows: a table field's rows, a column per column of the table. */
static void rows_table(const bc_field *f, json_t *rows)
{
	size_t nk = f->n_columns + 2, i;
	int *wd = json_array_size(rows) ? bc_calloc(nk, sizeof *wd) : NULL;
	json_t *r;
	if (!wd)
		return;
	for (size_t k = 0; k < nk; k++)
		wd[k] = rows_width(f, rows, k);
	rows_line(f, NULL, wd, nk);
	json_array_foreach(rows, i, r)
		rows_line(f, r, wd, nk);
	bc_free(wd);
}

static void form_print(const view *w, const char *form, json_t *f)
{
	const bc_form *fm = bc_ruleset_form(w->rs, form);
	printf("\n%s — %s\n%*s", fm ? fm->name : form, fm ? fm->title : "",
	       NAME_W + 2, "");
	for (size_t l = 0; l <= w->rs->n_levels; l++) {
		putchar(' ');
		cli_col(stdout,
			l < w->rs->n_levels ? w->rs->levels[l].label
					    : C_("column", "Total"),
			NUM_W, true);
	}
	putchar('\n');
	const char *id;
	json_t *o;
	char name[512];
	json_object_foreach(json_object_get(f, "fields"), id, o) {
		int k = fm ? bc_field_index(fm->fields, fm->n_fields, id) : -1;
		field_name(w, fm, id, name, sizeof name);
		if (json_is_object(json_object_get(o, "total")))
			counts(w, k >= 0 ? &fm->fields[k] : NULL, name, o);
		else {
			line(w, 2, name, o, NULL, 0, "");
			compared(w, o, false);
		}
		if (w->rows && k >= 0)
			rows_table(&fm->fields[k], json_object_get(o, "rows"));
	}
	json_object_foreach(json_object_get(f, "indicators"), id, o) {
		const bc_indicator *in = NULL;
		for (size_t i = 0; fm && i < fm->n_indicators; i++)
			if (!strcmp(fm->indicators[i].id, id))
				in = &fm->indicators[i];
		line(w, 2, in ? in->label : id, o, NULL, 1, "  %");
		compared(w, o, true);
	}
}

static void forms_print(const view *w, json_t *a)
{
	const char *form;
	json_t *f;
	json_object_foreach(json_object_get(a, "forms"), form, f)
		form_print(w, form, f);
}

/* With --by: the same tables for each unit of the kind, under its
 * name, a unit at a time. */
static bc_err groups_print(const view *w, bc_agg_groups *by,
			   const bc_unit_list *ul)
{
	const char *code;
	json_t *g;
	/* Each group's name by its code: a nation's 705 districts looked
	 * up among 14,891 units one by one were 10 million comparisons. */
	bc_strmap names = BC_STRMAP_INIT;
	bc_err rc = BC_OK;
	for (size_t i = 0; i < ul->n && rc == BC_OK; i++)
		if (bc_strmap_add(&names, ul->v[i].code, i, NULL) < 0)
			rc = BC_ERR_NOMEM;
	while (rc == BC_OK &&
	       (rc = bc_agg_groups_next(by, &code, &g)) == BC_OK && g) {
		size_t i;
		const char *name =
			bc_strmap_get(&names, code, &i) ? ul->v[i].name : "";
		printf("\n== %s — %s ==\n", code, name);
		forms_print(w, g);
		json_decref(g);
	}
	bc_strmap_free(&names);
	return rc;
}

/* A unit's name as of day, or its code. */
static void unit_name(bc_cli *c, const char *code, bc_date day, char *buf,
		      size_t n)
{
	bc_unit u;
	if (bc_unit_get_as_of(c->st, code, day, &u, &c->diags) == BC_OK) {
		snprintf(buf, n, "%s", u.name);
		bc_unit_free(&u);
	} else {
		snprintf(buf, n, "%s", code);
	}
}

/* One unit of "lineage": whose figures it continues, by name, and its
 * figures beside the sum of theirs. */
static void lineage_print(bc_cli *c, const view *w, const bc_period *p,
			  bc_date then, const char *code, json_t *e)
{
	char name[256], from[1024] = "", one[256];
	size_t i, o = 0;
	json_t *x;
	unit_name(c, code, p->to, name, sizeof name);
	json_array_foreach(json_object_get(e, "from"), i, x) {
		unit_name(c, json_string_value(x), then, one, sizeof one);
		if (o < sizeof from) /* never a pointer past the buffer */
			o += (size_t)snprintf(from + o, sizeof from - o,
					      "%s%s", i ? ", " : "", one);
	}
	if (json_is_true(json_object_get(e, "split"))) {
		printf(_("  %s (%s): not compared: %s was split among several "
			 "units, its figures cannot be laid on one\n"),
		       name, code, from);
		return;
	}
	printf(_("  %s (%s): last year's figures are those of %s, added\n"),
	       name, code, from);
	const char *form, *id;
	json_t *fv, *v;
	char label[512];
	json_object_foreach(json_object_get(e, "forms"), form, fv) {
		const bc_form *fm = bc_ruleset_form(w->rs, form);
		printf("    %s\n", fm ? fm->name : form);
		json_object_foreach(fv, id, v) {
			field_name(w, fm, id, label, sizeof label);
			name_col(6, label);
			figure(json_object_get(v, "value"), 0);
			figure(json_object_get(v, "previous"), 0);
			figure(json_object_get(v, "change_pct"), 1);
			fputs("  %\n", stdout);
		}
	}
}

/* With --compare: the units that continue others (merged, or split
 * from another), each compared with the units it continues. */
static void lineages_print(bc_cli *c, const view *w, json_t *a,
			   const bc_period *p)
{
	json_t *lin = json_object_get(a, "lineage");
	const char *code;
	json_t *e;
	bc_period pp;
	if (!json_object_size(lin) ||
	    bc_period_get(c->st, c->rb,
			  json_string_value(json_object_get(
				  json_object_get(a, "compared"), "period")),
			  &pp, &c->diags) != BC_OK)
		return;
	printf(_("\nUnits that continue others: this year, last year (the "
		 "sum of the units they continue), change\n"));
	json_object_foreach(lin, code, e)
		lineage_print(c, w, p, pp.to, code, e);
	bc_period_free(&pp);
}

/* What a derived period is computed from, and the units missing there
 * for want of a part period (info: the aggregate's "derived"). */
static void derived_print(const bc_period *p, json_t *info, bool head)
{
	char parts[256];
	bc_period_parts_text(p, parts, sizeof parts);
	if (head) {
		printf(_("computed as %s: sums by that arithmetic, stocks "
			 "(snap) as of %s, indicators from those figures; "
			 "texts and tables are not derived\n"),
		       parts, p->parts[p->latest].period.code);
		return;
	}
	const char *form, *unit;
	json_t *units, *codes;
	bool first = true;
	json_object_foreach(json_object_get(info, "lacking"), form, units)
		json_object_foreach(units, unit, codes) {
			if (first)
				printf("\n%s\n", _("Missing for want of a part "
						    "period:"));
			first = false;
			printf("  %s: %s (", unit,
			       bc_ruleset_part_name(p->rs, form));
			for (size_t i = 0; i < json_array_size(codes); i++)
				printf("%s%s", i ? ", " : "",
				       json_string_value(
					       json_array_get(codes, i)));
			printf(")\n");
		}
}

static bc_err aggregate_print(bc_cli *c, json_t *a, bc_agg_groups *by,
			      const bc_period *p, const bc_agg_opts *o)
{
	view w = {.rs = p->rs, .compare = o->compare, .rows = o->rows};
	printf("%s — %s — %s\n", p->code, p->label, p->rs->id);
	if (p->derived)
		derived_print(p, json_object_get(a, "derived"), true);
	if (o->compare && p->adhoc_no)
		fputs(_("an ad-hoc period has no previous year to compare\n"),
		      stdout);
	else if (o->compare)
		printf(_("compared with %04d-%s, the same period a year "
			 "before\n"),
		       p->year - 1, p->type);
	const char *then = json_string_value(
		json_object_get(json_object_get(a, "compared"), "ruleset"));
	if (then && strcmp(then, p->rs->id)) {
		w.then = then;
		printf(_("its figures are under ruleset %s, read as %s renames "
			 "its forms, fields and levels\n"),
		       then, p->rs->id);
	}
	forms_print(&w, a);
	if (o->compare)
		lineages_print(c, &w, a, p);
	if (p->derived)
		derived_print(p, json_object_get(a, "derived"), false);
	bc_unit_list ul;
	bc_err rc = BC_OK;
	if (o->by &&
	    bc_units_as_of(c->st, p->to, &ul, &c->diags) == BC_OK) {
		rc = groups_print(&w, by, &ul);
		bc_unit_list_free(&ul);
	}
	return rc;
}

/* "by"'s members, a group at a time. */
static bc_err by_json(bc_jw *w, bc_agg_groups *by)
{
	const char *code;
	json_t *g;
	bc_err rc = BC_OK;
	bc_jw_object(w);
	while (!bc_jw_error(w) &&
	       (rc = bc_agg_groups_next(by, &code, &g)) == BC_OK && g) {
		bc_jw_key(w, code);
		bc_jw_value(w, g);
		json_decref(g);
	}
	if (bc_jw_error(w))
		return BC_OK; /* said once, at the end: textout.c */
	if (rc == BC_OK)
		bc_jw_object_end(w);
	return rc;
}

/* What cli_print_json prints of the aggregate with its "by" whole, a
 * group at a time: a country's districts are ~100 MB as one tree.  A
 * failed write stops it, and is said once, at the end (textout.c); a
 * document cut short otherwise is left unclosed. */
static bc_err print_json(json_t *a, bc_agg_groups *by)
{
	const char *key;
	json_t *v;
	bc_err rc = BC_OK;
	bc_jw w;
	bc_jw_init_file(&w, CLI_JSON_FLAGS, stdout);
	bc_jw_object(&w);
	json_object_foreach(a, key, v) {
		bc_jw_key(&w, key);
		if (!strcmp(key, "by"))
			rc = by_json(&w, by);
		else
			bc_jw_value(&w, v);
		if (rc != BC_OK)
			break;
	}
	if (rc == BC_OK)
		bc_jw_object_end(&w);
	bc_jw_finish(&w, rc == BC_OK);
	return rc;
}

int cmd_aggregate(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--compare"},
			  {.name = "--by", .takes_arg = true},
			  {.name = "--rows"},
			  {.name = NULL}};
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 1, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1)
		return cli_usage_error(usage, _("aggregate: which period?"));
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	if (opts[1].set && !bc_rulebook_kind(c->rb, opts[1].value))
		return cli_usage_error(usage, _("--by: no unit kind '%s'"),
				       opts[1].value);
	/* One snapshot for all that is read, and a twin of it on which the
	 * aggregate reads half the values on a thread of its own. */
	bc_store *twin = NULL;
	size_t got = 0;
	rc = bc_twins_begin_read(c->st, &twin, 1, &got, &c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_agg_opts o = {.compare = opts[0].set, .by = opts[1].value,
			 .rows = opts[2].set, .twin = got ? twin : NULL};
	json_t *a = NULL;
	bc_agg_groups *by = NULL;
	rc = bc_aggregate_open(c->st, c->rb, pos[0], &o, &a, &by, &c->diags);
	bc_store_close(o.twin);
	if (rc == BC_OK && c->json) {
		rc = print_json(a, by);
	} else if (rc == BC_OK) {
		bc_period p;
		if (bc_period_get(c->st, c->rb, pos[0], &p, &c->diags) == BC_OK) {
			rc = aggregate_print(c, a, by, &p, &o);
			bc_period_free(&p);
		}
	}
	bc_agg_groups_free(by);
	json_decref(a);
	bc_store_rollback(c->st);
	return cli_finish(c, rc);
}

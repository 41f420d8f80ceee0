/* SPDX-License-Identifier: MIT */
#include "period.h"
#include "derived.h"
#include "mem.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bc_err bc_period_code_parse(const char *code, int *year, char *token,
			    size_t token_size)
{
	if (!code || strlen(code) < 6 || strlen(code) >= BC_PERIOD_CODE_MAX)
		return BC_ERR_SYNTAX;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)code[i]))
			return BC_ERR_SYNTAX;
	if (code[4] != '-' || !isalpha((unsigned char)code[5]))
		return BC_ERR_SYNTAX;
	const char *t = code + 5;
	bool seen_digit = false;
	for (const char *p = t; *p; p++) {
		if (isdigit((unsigned char)*p))
			seen_digit = true;
		else if (!isalpha((unsigned char)*p) || seen_digit)
			return BC_ERR_SYNTAX;
	}
	if (strlen(t) >= token_size)
		return BC_ERR_SYNTAX;
	*year = atoi(code);
	if (*year < 1900)
		return BC_ERR_SYNTAX;
	/* Officers type "2023-q1" as often as "2023-Q1": one period. */
	for (size_t i = 0; t[i]; i++)
		token[i] = (char)toupper((unsigned char)t[i]);
	token[strlen(t)] = '\0';
	return BC_OK;
}

bc_err bc_period_code_canon(const char *code, char out[BC_PERIOD_CODE_MAX])
{
	int year;
	char token[BC_PERIOD_CODE_MAX];
	bc_err rc = bc_period_code_parse(code, &year, token, sizeof token);
	size_t i = 0;
	for (; rc == BC_OK && code[i]; i++) /* parsed: it fits */
		out[i] = (char)toupper((unsigned char)code[i]);
	out[i] = '\0';
	return rc;
}

/* The label template with {year} and {n} filled in. */
static char *make_label(const char *tmpl, int year, int n)
{
	char buf[512];
	size_t o = 0;
	for (const char *p = tmpl; *p && o + 16 < sizeof buf; p++) {
		if (strncmp(p, "{year}", 6) == 0) {
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%d", year);
			p += 5;
		} else if (strncmp(p, "{n}", 3) == 0) {
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%d", n);
			p += 2;
		} else {
			buf[o++] = *p;
		}
	}
	buf[o] = '\0';
	return bc_strdup(buf);
}

void bc_period_free(bc_period *p)
{
	bc_free(p->dues);
	for (size_t i = 0; i < p->n_parts; i++)
		bc_period_free(&p->parts[i].period);
	bc_free(p->parts);
	bc_free(p->label);
	bc_free(p->advanced_doc);
	bc_free(p->forms);
	bc_free(p->doc);
	*p = (bc_period){0};
}

bc_time bc_period_day_end(const bc_period *p, bc_date day)
{
	return bc_date_start(day + 1, p->rs->directive.utc_offset) - 1;
}

void bc_period_list_free(bc_period *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bc_period_free(&v[i]);
	bc_free(v);
}

/* The day deadline rule of p falls on, into *out; an error naming the
 * year or the holiday that keeps working days from being counted. */
static bc_err due_date(const bc_period *p, const bc_due *rule, bc_date *out,
		       bc_diags *d)
{
	bc_date at;
	bc_daykind k = bc_due_date(p->rs, rule, p->year, p->to, &at);
	if (k == BC_DAY_WORKING) {
		*out = at;
		return BC_OK;
	}
	char text[BC_DUE_BUF], day[BC_DATE_BUF];
	const char *label;
	int y, m, dd;
	bc_due_text(rule, text);
	bc_date_to_ymd(at, &y, &m, &dd);
	bc_date_format_dmy(at, day);
	bc_workcal_day(&p->rs->cal, at, &label);
	if (k == BC_DAY_UNKNOWN)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: deadline \"%s\" counts working days "
				"into %d, a year whose holidays ruleset %s does "
				"not register (holiday{}): it cannot be "
				"counted"),
			     p->code, text, y, p->rs->id);
	else
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: deadline \"%s\" counts working days "
				"through %s, in %s, a holiday whose days are "
				"not yet decided"),
			     p->code, text, day, label);
	return BC_ERR_RULES; /* the rules lack what the count needs */
}

/* The kinds' and levels' own unit deadlines of p, from its type. */
static bc_err dues_of(bc_period *p, bc_diags *d)
{
	const bc_period_type *pt = p->pt;
	if (!pt || !pt->n_unit_due_for)
		return BC_OK;
	p->dues = bc_calloc(pt->n_unit_due_for, sizeof *p->dues);
	if (!p->dues)
		return BC_ERR_NOMEM;
	for (size_t i = 0; i < pt->n_unit_due_for; i++) {
		p->dues[i].of = &pt->unit_due_for[i];
		bc_err rc = due_date(p, &pt->unit_due_for[i].due,
				     &p->dues[i].rules_due, d);
		if (rc != BC_OK)
			return rc;
		p->n_dues++;
	}
	return BC_OK;
}

static bc_err compute(const bc_ruleset *rs, const bc_period_type *pt,
		      const char *code, int year, bc_period *out, bc_diags *d)
{
	*out = (bc_period){.advanced_due = BC_DATE_NONE};
	snprintf(out->code, sizeof out->code, "%s", code);
	snprintf(out->type, sizeof out->type, "%s", pt->code);
	out->year = year;
	out->rs = rs;
	out->pt = pt;
	out->from = bc_dayrule_date(pt->from, year);
	out->to = bc_dayrule_date(pt->to, year);
	bc_err rc = due_date(out, &pt->unit_due, &out->rules_unit_due, d);
	out->unit_due = out->rules_unit_due;
	if (rc == BC_OK)
		rc = due_date(out, &pt->compile_due, &out->compile_due, d);
	if (rc == BC_OK)
		rc = dues_of(out, d);
	if (rc == BC_OK && !(out->label = make_label(pt->label, year, 0)))
		rc = BC_ERR_NOMEM;
	if (rc != BC_OK)
		bc_period_free(out);
	return rc;
}

bc_date bc_period_due_in_force(const bc_period *p, bc_date due,
			       const char **doc)
{
	bool moved = p->advanced_doc && p->advanced_due < due;
	if (doc)
		*doc = moved ? p->advanced_doc : NULL;
	return moved ? p->advanced_due : due;
}

bc_date bc_period_unit_due(const bc_period *p, const char *kind,
			   const char **advanced_by)
{
	bc_date due = p->rules_unit_due;
	const bc_due *rule = p->pt && p->n_dues
				     ? bc_period_type_unit_due(p->rs, p->pt, kind)
				     : NULL;
	for (size_t i = 0; rule && i < p->n_dues; i++)
		if (&p->dues[i].of->due == rule)
			due = p->dues[i].rules_due;
	return bc_period_due_in_force(p, due, advanced_by);
}

bool bc_period_dues_vary(const bc_period *p)
{
	return p->n_dues > 0;
}

bc_err bc_period_due_runs(const bc_period *p, const bc_due *rule, bc_date due,
			  bc_dayrun **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return rule->workdays ? bc_workcal_runs(&p->rs->cal, p->to, due, out, n)
			      : BC_OK;
}

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? bc_strdup((const char *)t) : NULL;
}

static bc_date col_date(sqlite3_stmt *s, int i)
{
	bc_date d = BC_DATE_NONE;
	const unsigned char *t = sqlite3_column_text(s, i);
	if (t)
		bc_date_parse((const char *)t, &d);
	return d;
}

/* The ruleset version a recorded period names, adopting it from the
 * database when the rules directory holds another version. */
static bc_err recorded_ruleset(bc_store *st, bc_rulebook *rb, const char *id,
			       const char *hash, const bc_ruleset **out,
			       bc_diags *d)
{
	*out = bc_rulebook_version(rb, id, hash);
	if (*out)
		return BC_OK;
	bc_srcset src = BC_SRCSET_INIT;
	bc_err rc = bc_store_ruleset_sources(st, id, hash, &src, d);
	bc_ruleset *rs = NULL;
	if (rc == BC_OK)
		rc = bc_ruleset_load(id, &src, &rb->limits, &rs, d);
	bc_srcset_free(&src);
	/* The sources kept must be those the period was recorded with. */
	if (rc == BC_OK && strcmp(rs->hash, hash) != 0) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("the sources of ruleset %s kept in the database "
				"do not match their recorded hash %.12s…"),
			     id, hash);
		bc_ruleset_free(rs);
		rc = BC_ERR_DB;
	}
	if (rc == BC_OK && (rc = bc_rulebook_adopt(rb, rs)) != BC_OK)
		bc_ruleset_free(rs);
	if (rc == BC_OK)
		*out = rs;
	return rc;
}

#define PERIOD_SELECT                                                         \
	"SELECT p.id, p.code, p.type, p.year, p.adhoc_no, p.label,"          \
	" p.window_from, p.window_to, p.unit_due, p.compile_due, p.forms,"   \
	" p.doc, r.code, r.hash,"                                             \
	" (SELECT o.unit_due FROM deadline_override o WHERE o.period_id ="   \
	" p.id ORDER BY o.id DESC LIMIT 1),"                                  \
	" (SELECT o.doc FROM deadline_override o WHERE o.period_id = p.id"   \
	"  ORDER BY o.id DESC LIMIT 1)"                                       \
	" FROM period p JOIN ruleset r ON r.id = p.ruleset_id"

/* An advance made under rules the period has since left (period rules)
 * holds while it is earlier than some deadline of the rules now; one that
 * moves none of them is no longer in force, and says so by its absence. */
static void drop_spent_advance(bc_period *p)
{
	if (!p->advanced_doc)
		return;
	bool moves = p->advanced_due < p->rules_unit_due;
	for (size_t i = 0; i < p->n_dues && !moves; i++)
		moves = p->advanced_due < p->dues[i].rules_due;
	if (moves)
		return;
	bc_free(p->advanced_doc);
	p->advanced_doc = NULL;
	p->advanced_due = BC_DATE_NONE;
	p->unit_due = p->rules_unit_due;
}

static bc_err from_row(bc_store *st, bc_rulebook *rb, sqlite3_stmt *s,
		       bc_period *p, bc_diags *d)
{
	*p = (bc_period){0};
	p->id = sqlite3_column_int64(s, 0);
	snprintf(p->code, sizeof p->code, "%s", sqlite3_column_text(s, 1));
	snprintf(p->type, sizeof p->type, "%s", sqlite3_column_text(s, 2));
	p->year = sqlite3_column_int(s, 3);
	p->adhoc_no = sqlite3_column_int(s, 4);
	p->label = col_dup(s, 5);
	p->from = col_date(s, 6);
	p->to = col_date(s, 7);
	p->unit_due = p->rules_unit_due = col_date(s, 8);
	p->compile_due = col_date(s, 9);
	p->forms = col_dup(s, 10);
	p->doc = col_dup(s, 11);
	p->advanced_due = BC_DATE_NONE;
	if (sqlite3_column_type(s, 14) != SQLITE_NULL) {
		p->advanced_due = col_date(s, 14);
		p->advanced_doc = col_dup(s, 15);
		p->unit_due = bc_period_due_in_force(p, p->rules_unit_due, NULL);
	}
	const char *rid = (const char *)sqlite3_column_text(s, 12);
	const char *hash = (const char *)sqlite3_column_text(s, 13);
	const bc_ruleset *cur = bc_rulebook_find(rb, rid);
	p->rules_changed = cur && strcmp(cur->hash, hash) != 0;
	if (!p->label)
		return BC_ERR_NOMEM;
	bc_err rc = recorded_ruleset(st, rb, rid, hash, &p->rs, d);
	int n;
	if (rc == BC_OK && !p->adhoc_no)
		p->pt = bc_ruleset_period_type(p->rs, p->type, &n);
	if (rc == BC_OK && (rc = dues_of(p, d)) == BC_OK)
		drop_spent_advance(p);
	return rc;
}

/* Looks the period up in the database; BC_ERR_NOT_FOUND if not there. */
static bc_err load_recorded(bc_store *st, bc_rulebook *rb, const char *code,
			    bc_period *out, bc_diags *d)
{
	/* From the statement cache (run for every submission imported):
	 * while it steps, from_row reads ruleset sources through statements
	 * of their own, never through this one. */
	static const char sql[] = PERIOD_SELECT " WHERE p.code = ?";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return bc_store_fail(st, d, N_("period"));
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	bc_err rc = BC_ERR_NOT_FOUND;
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		rc = from_row(st, rb, s, out, d);
		if (rc != BC_OK)
			bc_period_free(out);
	} else if (r != SQLITE_DONE) { /* not "not recorded" */
		rc = bc_store_fail(st, d, N_("period"));
	}
	sqlite3_reset(s);
	return rc;
}

static void list_types(const bc_rulebook *rb, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < rb->n; i++)
		for (size_t j = 0; j < rb->v[i]->n_ptypes; j++) {
			const bc_period_type *pt = &rb->v[i]->ptypes[j];
			if (strstr(buf, pt->code))
				continue;
			o += (size_t)snprintf(buf + o, n > o ? n - o : 0,
					      "%s%s%s", o ? ", " : "",
					      pt->code, pt->adhoc ? "<n>" : "");
		}
}

bc_err bc_period_get(bc_store *st, bc_rulebook *rb, const char *code,
		     bc_period *out, bc_diags *d)
{
	int year;
	char token[16], canon[BC_PERIOD_CODE_MAX];
	*out = (bc_period){0};
	if (bc_period_code_parse(code, &year, token, sizeof token) != BC_OK) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("'%s' is not a period code (YYYY-TYPE, such as "
			        "2023-Q1)"),
			     code ? code : "");
		return BC_ERR_SYNTAX;
	}
	bc_period_code_canon(code, canon);
	code = canon;
	bc_err rc = st ? load_recorded(st, rb, code, out, d) : BC_ERR_NOT_FOUND;
	if (rc != BC_ERR_NOT_FOUND)
		return rc;
	const bc_ruleset *rs = bc_rulebook_govern(rb, token, year, BC_DATE_NONE);
	int n = 0;
	const bc_period_type *pt = rs ? bc_ruleset_period_type(rs, token, &n)
				      : NULL;
	if (!pt) {
		char types[256];
		list_types(rb, types, sizeof types);
		/* An ad-hoc code is unknown until created; say so. */
		for (size_t i = 0; i < rb->n && !pt; i++)
			if ((pt = bc_ruleset_period_type(rb->v[i], token, &n)) &&
			    !pt->adhoc)
				pt = NULL;
		if (pt)
			bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
				     N_("%s: no such ad-hoc period (create it "
				        "with 'period add-adhoc')"),
				     code);
		else
			bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
				     N_("%s: no ruleset in force then has a "
				        "period type %s (types: %s)"),
				     code, token, types);
		return BC_ERR_NOT_FOUND;
	}
	rc = compute(rs, pt, code, year, out, d);
	if (rc == BC_OK && pt->derived)
		rc = bc_period_derive(st, rb, pt, out, d);
	if (rc != BC_OK)
		bc_period_free(out);
	return rc;
}

/* A period's dates as its row keeps them. */
typedef struct row_dates {
	char from[BC_DATE_BUF], to[BC_DATE_BUF], due[BC_DATE_BUF],
		comp[BC_DATE_BUF];
} row_dates;

static void dates_of(const bc_period *p, row_dates *t)
{
	bc_date_format(p->from, t->from);
	bc_date_format(p->to, t->to);
	bc_date_format(p->rules_unit_due, t->due);
	bc_date_format(p->compile_due, t->comp);
}

/* Binds window_from, window_to, unit_due and compile_due from column
 * at on. */
static void bind_dates(sqlite3_stmt *s, int at, const row_dates *t)
{
	sqlite3_bind_text(s, at, t->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, at + 1, t->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, at + 2, t->due, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, at + 3, t->comp, -1, SQLITE_STATIC);
}

/* The row of a period already recorded (by another submission of the
 * same import, say) into *id, or 0. */
static bc_err recorded_id(bc_store *st, const char *code, int64_t *id,
			  bc_diags *d)
{
	static const char sql[] = "SELECT id FROM period WHERE code = ?";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return bc_store_fail(st, d, N_("period"));
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("period"));
	if (r == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc;
}

bc_err bc_period_record(bc_store *st, bc_period *p, bc_diags *d)
{
	bc_err rc = bc_period_sent(p, d);
	if (rc == BC_OK && !p->id)
		rc = recorded_id(st, p->code, &p->id, d);
	if (rc != BC_OK || p->id)
		return rc;
	int64_t rsid;
	rc = bc_store_record_ruleset(st, p->rs, &rsid, d);
	if (rc != BC_OK)
		return rc;
	row_dates t;
	dates_of(p, &t);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "INSERT INTO period (code, type, year, adhoc_no,"
			       " ruleset_id, label, window_from, window_to,"
			       " unit_due, compile_due, forms, doc,"
			       " recorded_at)"
			       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("period"));
	sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->type, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, p->year);
	if (p->adhoc_no)
		sqlite3_bind_int(s, 4, p->adhoc_no);
	sqlite3_bind_int64(s, 5, rsid);
	sqlite3_bind_text(s, 6, p->label, -1, SQLITE_STATIC);
	bind_dates(s, 7, &t);
	sqlite3_bind_text(s, 11, p->forms, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, p->doc, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 13, bc_store_now(st));
	int r = sqlite3_step(s);
	sqlite3_finalize(s);
	if (r != SQLITE_DONE)
		return bc_store_fail(st, d, N_("period"));
	p->id = sqlite3_last_insert_rowid(bc_store_db(st));
	char *detail = bc_sprintf("ruleset %s %s", p->rs->id, p->rs->hash);
	rc = detail ? bc_store_audit(st, "period.record", p->code, detail, d)
		    : BC_ERR_NOMEM;
	bc_free(detail);
	return rc;
}

static bc_err insert_override(bc_store *st, bc_period *p, bc_date due,
			      const char *doc, bc_diags *d)
{
	char day[BC_DATE_BUF];
	bc_date_format(due, day);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "INSERT INTO deadline_override (period_id,"
			       " unit_due, doc, recorded_at) VALUES (?,?,?,?)",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("advance"));
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, doc, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, bc_store_now(st));
	int r = sqlite3_step(s);
	sqlite3_finalize(s);
	if (r != SQLITE_DONE)
		return bc_store_fail(st, d, N_("advance"));
	char *detail = bc_sprintf("unit_due %s by %s", day, doc);
	bc_err rc = detail ? bc_store_audit(st, "period.advance", p->code,
					    detail, d)
			   : BC_ERR_NOMEM;
	bc_free(detail);
	return rc;
}

/* Reads one row of s into item (of a list being collected), every
 * field set even when memory runs out, so that the list frees whole. */
typedef bc_err (*read_row)(sqlite3_stmt *s, void *item, const void *ud);

/* Runs sql (with id, when not 0, bound to its ?1), each row read by fn
 * into a new item of *v (size bytes each, *n of them).  On an error
 * the caller frees the items read. */
static bc_err collect(bc_store *st, const char *sql, int64_t id, size_t size,
		      read_row fn, const void *ud, void **v, size_t *n,
		      const char *doing, bc_diags *d)
{
	sqlite3_stmt *s;
	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(bc_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, doing);
	if (id)
		sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow(v, &cap, *n + 1, size) < 0)
			rc = BC_ERR_NOMEM;
		else
			rc = fn(s, (char *)*v + (*n)++ * size, ud);
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(st, d, doing);
	sqlite3_finalize(s);
	return rc;
}

static bc_err advance_from_row(sqlite3_stmt *s, void *item, const void *ud)
{
	bc_advance *a = item;
	(void)ud;
	*a = (bc_advance){.unit_due = col_date(s, 0), .doc = col_dup(s, 1),
			  .recorded_at = sqlite3_column_int64(s, 2)};
	return a->doc ? BC_OK : BC_ERR_NOMEM;
}

bc_err bc_period_advances(bc_store *st, const bc_period *p, bc_advance **out,
			  size_t *n, bc_diags *d)
{
	bc_err rc = p->id ? collect(st,
				    "SELECT unit_due, doc, recorded_at FROM"
				    " deadline_override WHERE period_id = ?"
				    " ORDER BY id",
				    p->id, sizeof **out, advance_from_row, NULL,
				    (void **)out, n, N_("advances"), d)
			  : (*out = NULL, *n = 0, BC_OK);
	if (rc != BC_OK) {
		bc_period_advances_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void bc_period_advances_free(bc_advance *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bc_free(v[i].doc);
	bc_free(v);
}

bc_err bc_period_advance(bc_store *st, bc_rulebook *rb, const char *code,
			 bc_date due, const char *doc, bc_diags *d)
{
	bc_period p;
	bc_err rc = bc_period_get(st, rb, code, &p, d);
	if (rc != BC_OK)
		return rc;
	int n;
	const bc_period_type *pt = bc_ruleset_period_type(p.rs, p.type, &n);
	char rules_due[BC_DATE_BUF], from[BC_DATE_BUF];
	/* An advance that moves no unit's deadline is none. */
	bc_date latest = p.rules_unit_due;
	for (size_t i = 0; i < p.n_dues; i++)
		if (p.dues[i].rules_due > latest)
			latest = p.dues[i].rules_due;
	bc_date_format(latest, rules_due);
	bc_date_format(p.from, from);
	if (!doc || !*doc) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: an advance needs the reference of the "
			        "document that sets it (--doc)"),
			     code);
		rc = BC_ERR_REFUSED;
	} else if (p.derived) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s is computed from %s and has no deadline of "
				"its own: advance those of its parts"),
			     code, p.derived);
		rc = BC_ERR_REFUSED;
	} else if (!pt || pt->adhoc || !pt->advance) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: ruleset %s does not allow the deadline of "
			        "%s reports to be advanced"),
			     code, p.rs->id, p.type);
		rc = BC_ERR_REFUSED;
	} else if (due >= latest) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: an advance must be earlier than the rules' "
				"deadline %s"),
			     code, rules_due);
		rc = BC_ERR_REFUSED;
	} else if (due < p.from) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: the deadline cannot fall before the data "
			        "window opens (%s)"),
			     code, from);
		rc = BC_ERR_REFUSED;
	}
	/* The same document setting the same day again is already on
	 * record: nothing to add. */
	bool again = rc == BC_OK && p.advanced_doc && p.advanced_due == due &&
		     !strcmp(p.advanced_doc, doc);
	if (rc == BC_OK && !again)
		rc = bc_store_begin(st, d);
	if (rc == BC_OK && !again) {
		rc = bc_period_record(st, &p, d);
		if (rc == BC_OK)
			rc = insert_override(st, &p, due, doc, d);
		rc = rc == BC_OK ? bc_store_commit(st, d)
				 : (bc_store_rollback(st), rc);
	}
	bc_period_free(&p);
	return rc;
}

static bool forms_list_ok(const char *forms)
{
	if (!forms)
		return true;
	if (!*forms)
		return false;
	for (const char *p = forms; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      *p == '_' || (*p == ',' && p[1] && p[1] != ',' &&
				    p != forms)))
			return false;
	return true;
}

static bc_err adhoc_check(const bc_adhoc *a, const char *code, bc_diags *d)
{
	size_t before = d->errors;
	if (a->from == BC_DATE_NONE || a->to == BC_DATE_NONE ||
	    a->unit_due == BC_DATE_NONE)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: --from, --to and --due are required"), code);
	else if (a->to < a->from)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: the window ends before it starts"), code);
	else if (a->unit_due < a->from)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: the deadline falls before the window opens"),
			     code);
	if (a->compile_due != BC_DATE_NONE && a->compile_due < a->unit_due)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: compilation is due before the units are"),
			     code);
	if (!a->doc || !*a->doc)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: the document asking for the report is "
			        "required (--doc)"),
			     code);
	if (!forms_list_ok(a->forms))
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: --forms takes form ids separated by commas"),
			     code);
	return d->errors > before ? BC_ERR_INVALID : BC_OK;
}

/* Every id of an ad-hoc period's forms must be a part of its ruleset: a
 * period asking for "bm9" is owed by nobody. */
static bc_err adhoc_forms_known(const bc_ruleset *rs, const char *code,
				const char *forms, bc_diags *d)
{
	char unknown[256] = "", id[64];
	size_t o = 0, n_unknown = 0;
	for (const char *f = forms; f && *f;) {
		size_t len = strcspn(f, ",");
		snprintf(id, sizeof id, "%.*s", (int)len, f);
		if (!bc_ruleset_part(rs, id) && o < sizeof unknown)
			o += (size_t)snprintf(unknown + o, sizeof unknown - o,
					      "%s%s", n_unknown++ ? ", " : "",
					      id);
		f += len + (f[len] == ',');
	}
	if (!n_unknown)
		return BC_OK;
	char *parts = bc_ruleset_parts_text(rs);
	if (n_unknown > 1)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: --forms: %s are no forms of ruleset %s; "
				"its forms are %s"),
			     code, unknown, rs->id, parts ? parts : "");
	else
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: --forms: %s is no form of ruleset %s; its "
				"forms are %s"),
			     code, unknown, rs->id, parts ? parts : "");
	bc_free(parts);
	return BC_ERR_SYNTAX;
}

bc_err bc_period_add_adhoc(bc_store *st, bc_rulebook *rb, const bc_adhoc *a,
			   bc_diags *d)
{
	int year, n;
	char token[16], code[BC_PERIOD_CODE_MAX];
	if (bc_period_code_parse(a->code, &year, token, sizeof token)) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("'%s' is not a period code"), a->code);
		return BC_ERR_SYNTAX;
	}
	bc_period_code_canon(a->code, code);
	bc_err rc = adhoc_check(a, code, d);
	if (rc != BC_OK)
		return rc;
	const bc_ruleset *rs = bc_rulebook_govern(rb, token, year, a->to);
	const bc_period_type *pt = rs ? bc_ruleset_period_type(rs, token, &n)
				      : NULL;
	if (!pt || !pt->adhoc) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: no ruleset in force on the window's last "
				"day has an ad-hoc type for %s"),
			     code, token);
		return BC_ERR_SYNTAX;
	}
	rc = adhoc_forms_known(rs, code, a->forms, d);
	if (rc != BC_OK)
		return rc;
	bc_period p;
	if (load_recorded(st, rb, code, &p, d) == BC_OK) {
		bc_period_free(&p);
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s already exists"), code);
		return BC_ERR_INVALID;
	}
	p = (bc_period){.year = year, .adhoc_no = n, .rs = rs,
			.advanced_due = BC_DATE_NONE,
			.from = a->from, .to = a->to, .unit_due = a->unit_due,
			.rules_unit_due = a->unit_due,
			.compile_due = a->compile_due != BC_DATE_NONE
					       ? a->compile_due
					       : a->unit_due};
	snprintf(p.code, sizeof p.code, "%s", code);
	snprintf(p.type, sizeof p.type, "%s", pt->code);
	p.label = make_label(pt->label, year, n);
	p.doc = bc_strdup(a->doc);
	p.forms = bc_strdup(a->forms);
	rc = (!p.label || !p.doc || (a->forms && !p.forms)) ? BC_ERR_NOMEM
							     : bc_store_begin(st, d);
	if (rc == BC_OK) {
		rc = bc_period_record(st, &p, d);
		rc = rc == BC_OK ? bc_store_commit(st, d)
				 : (bc_store_rollback(st), rc);
	}
	bc_period_free(&p);
	return rc;
}

static int cmp_due(const void *a, const void *b)
{
	const bc_period *x = a, *y = b;
	if (x->unit_due != y->unit_due)
		return x->unit_due < y->unit_due ? -1 : 1;
	return strcmp(x->code, y->code);
}

static bc_err push_period(bc_period **v, size_t *n, size_t *cap,
			  bc_period *p)
{
	if (bc_grow((void **)v, cap, *n + 1, sizeof **v) < 0) {
		bc_period_free(p);
		return BC_ERR_NOMEM;
	}
	(*v)[(*n)++] = *p;
	return BC_OK;
}

static bool listed(const bc_period *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return true;
	return false;
}

/* Recorded ad-hoc periods of the year. */
static bc_err adhoc_of_year(bc_store *st, bc_rulebook *rb, int year,
			    bc_period **v, size_t *n, size_t *cap,
			    bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       PERIOD_SELECT
			       " WHERE p.year = ? AND p.adhoc_no IS NOT NULL",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("calendar"));
	sqlite3_bind_int(s, 1, year);
	bc_err rc = BC_OK;
	while (rc == BC_OK && sqlite3_step(s) == SQLITE_ROW) {
		bc_period p;
		rc = from_row(st, rb, s, &p, d);
		rc = rc == BC_OK ? push_period(v, n, cap, &p)
				 : (bc_period_free(&p), rc);
	}
	sqlite3_finalize(s);
	return rc;
}

bc_err bc_period_calendar(bc_store *st, bc_rulebook *rb, int year,
			  bc_period **out, size_t *n, bc_diags *d)
{
	bc_period *v = NULL;
	size_t cnt = 0, cap = 0;
	bc_err rc = BC_OK, uncounted = BC_OK;
	for (size_t i = 0; rc == BC_OK && i < rb->n; i++)
		for (size_t j = 0; rc == BC_OK && j < rb->v[i]->n_ptypes; j++) {
			const bc_period_type *pt = &rb->v[i]->ptypes[j];
			char code[BC_PERIOD_CODE_MAX];
			snprintf(code, sizeof code, "%04d-%s", year, pt->code);
			if (pt->adhoc || listed(v, cnt, code) ||
			    bc_rulebook_govern(rb, pt->code, year,
					       BC_DATE_NONE) != rb->v[i])
				continue;
			bc_period p;
			rc = bc_period_get(st, rb, code, &p, d);
			if (rc == BC_OK)
				rc = push_period(&v, &cnt, &cap, &p);
			/* A deadline that cannot be counted is said; the
			 * other periods are still listed. */
			if (rc == BC_ERR_RULES)
				uncounted = rc, rc = BC_OK;
		}
	if (rc == BC_OK && st)
		rc = adhoc_of_year(st, rb, year, &v, &cnt, &cap, d);
	if (rc != BC_OK) {
		bc_period_list_free(v, cnt);
		return rc;
	}
	if (cnt > 1)
		qsort(v, cnt, sizeof *v, cmp_due);
	*out = v;
	*n = cnt;
	return uncounted;
}

/* ---- the rules a recorded period follows ------------------------------ */

/* The current ruleset for the period of this code and type: a regular
 * one's type and year decide, an ad-hoc one's the last day of its own
 * window. */
static const bc_ruleset *govern_now(const bc_rulebook *rb, const char *code,
				    const char *type, int year, bool adhoc,
				    bc_date to)
{
	return adhoc ? bc_rulebook_govern(rb, code + 5, year, to)
		     : bc_rulebook_govern(rb, type, year, BC_DATE_NONE);
}

const bc_ruleset *bc_period_rules_now(const bc_rulebook *rb,
				      const bc_period *p)
{
	return govern_now(rb, p->code, p->type, p->year, p->adhoc_no != 0,
			  p->to);
}

/* p as ruleset to gives it, into *out: a regular period's window,
 * deadlines and label are to's; an ad-hoc one keeps its own window,
 * deadlines, forms and document, each form one to knows. */
static bc_err moved_period(const bc_period *p, const bc_ruleset *to,
			   bc_period *out, bc_diags *d)
{
	int n;
	char token[BC_PERIOD_CODE_MAX];
	snprintf(token, sizeof token, "%s", p->code + 5);
	const bc_period_type *pt = bc_ruleset_period_type(to, token, &n);
	*out = (bc_period){0};
	if (!pt) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: ruleset %s has no period type %s"),
			     p->code, to->id, p->type);
		return BC_ERR_REFUSED;
	}
	if (!pt->adhoc)
		return compute(to, pt, p->code, p->year, out, d);
	for (const char *f = p->forms; f && *f;) {
		size_t len = strcspn(f, ",");
		char id[64];
		snprintf(id, sizeof id, "%.*s", (int)len, f);
		if (!bc_ruleset_part(to, id)) {
			bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
				     N_("%s asks for %s, which is no form of "
					"ruleset %s"),
				     p->code, id, to->id);
			return BC_ERR_REFUSED;
		}
		f += len + (f[len] == ',');
	}
	*out = *p;
	out->rs = to;
	out->advanced_doc = out->forms = out->doc = NULL;
	out->label = make_label(pt->label, p->year, p->adhoc_no);
	return out->label ? BC_OK : BC_ERR_NOMEM;
}

/* The period's row takes what its new rules give it. */
static bc_err update_row(bc_store *st, const bc_period *np, int64_t rsid,
			 bc_diags *d)
{
	row_dates t;
	dates_of(np, &t);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "UPDATE period SET ruleset_id = ?, label = ?,"
			       " window_from = ?, window_to = ?, unit_due = ?,"
			       " compile_due = ? WHERE id = ?",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("period"));
	sqlite3_bind_int64(s, 1, rsid);
	sqlite3_bind_text(s, 2, np->label, -1, SQLITE_STATIC);
	bind_dates(s, 3, &t);
	sqlite3_bind_int64(s, 7, np->id);
	int r = sqlite3_step(s);
	sqlite3_finalize(s);
	return r == SQLITE_DONE ? BC_OK : bc_store_fail(st, d, N_("period"));
}

static bc_err insert_move(bc_store *st, const bc_period *p, int64_t from,
			  int64_t to, const char *doc, int failing,
			  const char *actor, int64_t *move, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "INSERT INTO period_move (period_id,"
			       " from_ruleset, to_ruleset, doc, actor, failing,"
			       " moved_at) VALUES (?,?,?,?,?,?,?)",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("period"));
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	sqlite3_bind_text(s, 4, doc, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, failing);
	sqlite3_bind_int64(s, 7, bc_store_now(st));
	int r = sqlite3_step(s);
	sqlite3_finalize(s);
	if (r != SQLITE_DONE)
		return bc_store_fail(st, d, N_("period"));
	*move = sqlite3_last_insert_rowid(bc_store_db(st));
	return BC_OK;
}

static bc_err audit_move(bc_store *st, const bc_period *p,
			 const bc_ruleset *to, const char *doc, int failing,
			 bc_diags *d)
{
	char *detail = bc_sprintf("ruleset %s %s -> %s %s by %s; %d "
				  "submission(s) in force failing",
				  p->rs->id, p->rs->hash, to->id, to->hash, doc,
				  failing);
	bc_err rc = detail ? bc_store_audit(st, "period.rules", p->code,
					    detail, d)
			   : BC_ERR_NOMEM;
	bc_free(detail);
	return rc;
}

bc_err bc_period_move(bc_store *st, const bc_period *p, const bc_ruleset *to,
		      bc_diags *d)
{
	bc_period np;
	int64_t to_id = 0;
	bc_err rc = moved_period(p, to, &np, d);
	if (rc == BC_OK)
		rc = bc_store_record_ruleset(st, to, &to_id, d);
	np.id = p->id;
	if (rc == BC_OK)
		rc = update_row(st, &np, to_id, d);
	bc_free(np.label);
	return rc;
}

bc_err bc_period_move_log(bc_store *st, const bc_period *p,
			  const bc_ruleset *to, const char *doc, int failing,
			  int64_t *move, bc_diags *d)
{
	int64_t from_id = 0, to_id = 0;
	bc_err rc = bc_store_record_ruleset(st, p->rs, &from_id, d);
	if (rc == BC_OK)
		rc = bc_store_record_ruleset(st, to, &to_id, d);
	if (rc == BC_OK)
		rc = audit_move(st, p, to, doc, failing, d);
	if (rc == BC_OK)
		rc = insert_move(st, p, from_id, to_id, doc, failing,
				 bc_store_actor(st), move, d);
	return rc;
}

void bc_period_moves_free(bc_move *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bc_free(v[i].from);
		bc_free(v[i].from_hash);
		bc_free(v[i].to);
		bc_free(v[i].to_hash);
		bc_free(v[i].doc);
		bc_free(v[i].actor);
	}
	bc_free(v);
}

static bc_err move_from_row(sqlite3_stmt *s, void *item, const void *ud)
{
	bc_move *m = item;
	(void)ud;
	*m = (bc_move){.from = col_dup(s, 0), .from_hash = col_dup(s, 1),
		       .to = col_dup(s, 2), .to_hash = col_dup(s, 3),
		       .doc = col_dup(s, 4), .actor = col_dup(s, 5),
		       .failing = sqlite3_column_int(s, 6),
		       .moved_at = sqlite3_column_int64(s, 7)};
	return m->from && m->from_hash && m->to && m->to_hash && m->doc &&
			       m->actor
		       ? BC_OK
		       : BC_ERR_NOMEM;
}

bc_err bc_period_moves(bc_store *st, const bc_period *p, bc_move **out,
		       size_t *n, bc_diags *d)
{
	bc_err rc = p->id ? collect(st,
				    "SELECT a.code, a.hash, b.code, b.hash,"
				    " m.doc, m.actor, m.failing, m.moved_at"
				    " FROM period_move m"
				    " JOIN ruleset a ON a.id = m.from_ruleset"
				    " JOIN ruleset b ON b.id = m.to_ruleset"
				    " WHERE m.period_id = ? ORDER BY m.id",
				    p->id, sizeof **out, move_from_row, NULL,
				    (void **)out, n, N_("period"), d)
			  : (*out = NULL, *n = 0, BC_OK);
	if (rc != BC_OK) {
		bc_period_moves_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static void stale_free_one(bc_stale *x)
{
	bc_free(x->ruleset);
	bc_free(x->hash);
}

void bc_period_stale_free(bc_stale *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		stale_free_one(&v[i]);
	bc_free(v);
}

/* A recorded period with its ruleset as recorded and the one in force
 * for it now, stale or not. */
static bc_err stale_from_row(sqlite3_stmt *s, void *item, const void *ud)
{
	bc_stale *x = item;
	const char *code = (const char *)sqlite3_column_text(s, 0);
	*x = (bc_stale){.ruleset = col_dup(s, 4), .hash = col_dup(s, 5),
			.now = govern_now(
				ud, code, (const char *)sqlite3_column_text(s, 1),
				sqlite3_column_int(s, 2),
				sqlite3_column_type(s, 3) != SQLITE_NULL,
				col_date(s, 6))};
	snprintf(x->code, sizeof x->code, "%s", code);
	return x->ruleset && x->hash ? BC_OK : BC_ERR_NOMEM;
}

static bool is_stale(const bc_stale *x)
{
	return x->now &&
	       (strcmp(x->now->id, x->ruleset) || strcmp(x->now->hash, x->hash));
}

bc_err bc_period_stale(bc_store *st, const bc_rulebook *rb, bc_stale **out,
		       size_t *n, bc_diags *d)
{
	bc_err rc = collect(st,
			    "SELECT p.code, p.type, p.year, p.adhoc_no,"
			    " r.code, r.hash, p.window_to FROM period p"
			    " JOIN ruleset r ON r.id = p.ruleset_id"
			    " ORDER BY p.code",
			    0, sizeof **out, stale_from_row, rb, (void **)out,
			    n, N_("period"), d);
	size_t kept = 0;
	for (size_t i = 0; rc == BC_OK && i < *n; i++)
		if (is_stale(&(*out)[i]))
			(*out)[kept++] = (*out)[i];
		else
			stale_free_one(&(*out)[i]);
	if (rc == BC_OK)
		*n = kept;
	else {
		bc_period_stale_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * The submission exporter.  To the level above, the district is one unit
 * among others: what it sends is its figures as the aggregate computes
 * them, in the JSON every unit sends (docs/formats.md).
 *
 * A number that adds up across units (int, money) is the aggregate's
 * total; a table is every unit's rows, unit by unit as the aggregate
 * lists them.  Any other field (text, date, choice, yes/no, percentage)
 * has no sum that is the district's answer: it is the district's own
 * answer when the district reported as a unit itself, and otherwise it
 * is left out, with a warning.  The file is one unit's, so it is built
 * whole and written at once.
 */
#include "submission_export.h"
#include "date.h"
#include "export_host.h"
#include "i18n.h"
#include "jsonout.h"
#include "jsonset.h"
#include "mem.h"
#include "submission.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Units a message lists before it stops with "…". */
#define LISTED 5

typedef struct sx {
	bc_host *h;
	const bc_export_sender *who;
	const char *period;
	json_t *agg;  /* the model's aggregate (borrowed) */
	json_t *own;  /* the sender's own values: {form: {field: value}} */
	json_t *from; /* units whose figures the file holds: {code: true} */
	bc_err e;     /* jansson's */
	bool failed;  /* said why, or the host did */
	char list[512]; /* units or a day in a message (listed, last_day) */
} sx;

static void say(sx *x, bc_severity sev, const bc_form *f,
		const bc_field *fl, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void say(sx *x, bc_severity sev, const bc_form *f,
		const bc_field *fl, const char *fmt, ...)
{
	bc_where w = {.form = f ? f->id : NULL,
		      .form_name = f ? f->name : NULL,
		      .field = fl ? fl->id : NULL,
		      .label = fl ? fl->label : NULL};
	bc_said s;
	va_list ap;
	va_start(ap, fmt);
	bc_said_vmake(&s, fmt, ap);
	va_end(ap);
	bc_diags_put(bc_host_diags(x->h), sev, &w, s.msg, s.text);
	if (sev == BC_ERROR)
		x->failed = true;
}

/* Up to LISTED codes of the array a, then "…", in x->list. */
static const char *listed(sx *x, json_t *a)
{
	size_t i, o = 0, n = sizeof x->list;
	json_t *c;
	x->list[0] = '\0';
	json_array_foreach(a, i, c) {
		const char *s = i < LISTED ? json_string_value(c) : "…";
		int k = snprintf(x->list + o, n - o, "%s%s", i ? ", " : "", s);
		if (k < 0 || (size_t)k >= n - o || i == LISTED)
			break;
		o += (size_t)k;
	}
	return x->list;
}

/* The day the period's units are those of (dd/mm/yyyy, in x->list). */
static const char *last_day(sx *x)
{
	char day[BC_DATE_BUF];
	bc_date_format_dmy(bc_host_period(x->h)->to, day);
	snprintf(x->list, sizeof x->list, "%s", day);
	return x->list;
}

/* The code the submission is sent as: the sender's, else the one unit
 * without a parent; NULL, said why, when there is none or several. */
static const char *sender_code(sx *x)
{
	json_t *units = json_object_get(bc_host_model(x->h), "units"), *u;
	json_t *roots = bc_json_made(&x->e, json_array());
	const char *code = x->who->unit;
	size_t i;
	json_array_foreach(units, i, u) {
		if (!json_is_string(json_object_get(u, "parent")))
			bc_json_push(&x->e, roots,
				     json_incref(json_object_get(u, "code")));
	}
	if (!code && json_array_size(roots) == 1)
		code = json_string_value(json_array_get(roots, 0));
	else if (!code && json_array_size(roots) == 0)
		say(x, BC_ERROR, NULL, NULL,
		    N_("%s: no unit exists on %s, the last day of its data, "
		       "so there is no district to send the figures as: import "
		       "the units first"),
		    x->period, last_day(x));
	else if (!code)
		say(x, BC_ERROR, NULL, NULL,
		    N_("%s: the units have several roots (%s): say with --unit "
		       "which one the submission is sent as"),
		    x->period, listed(x, roots));
	json_decref(roots);
	return code;
}

/* Whether the sender asked for form id (every form when it named none). */
static bool asked(const char *forms, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = forms; p && *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, id, n))
			return true;
		p += len + (p[len] == ',');
	}
	return !forms;
}

/* Whether some unit has form f in force: its units, per level. */
static bool received(sx *x, const bc_form *f)
{
	json_t *units = json_object_get(
		json_object_get(json_object_get(x->agg, "forms"), f->id),
		"units");
	const char *level;
	json_t *n;
	json_object_foreach(units, level, n) {
		if (json_integer_value(n) > 0)
			return true;
	}
	return false;
}

/* A figure that is the sum of the units' (a count, an amount); the
 * others have none that means the district's. */
static bool adds_up(const bc_field *fl)
{
	return fl->type == BC_T_INT || fl->type == BC_T_MONEY;
}

/* The codes of the units (keys of values) that reported field (NULL:
 * every key), in byte order (the aggregate's order of units): a new
 * array of borrowed strings, *n of them; NULL when memory runs out. */
static const char **reporting(sx *x, json_t *values, const char *field,
			      size_t *n)
{
	const char **v = bc_calloc(json_object_size(values) + 1, sizeof *v);
	const char *code;
	json_t *u;
	*n = 0;
	if (!v) {
		x->e = BC_ERR_NOMEM;
		return NULL;
	}
	json_object_foreach(values, code, u) {
		json_t *f = field ? json_object_get(u, field) : u;
		if (f && !json_is_null(f))
			v[(*n)++] = code;
	}
	qsort(v, *n, sizeof *v, bc_str_cmp);
	return v;
}

/* One row of a unit's table as the submission writes it: its columns
 * in the rules' order, without the unit and row number the aggregate
 * adds (the submission is one unit's). */
static json_t *row_json(sx *x, const bc_field *t, json_t *row)
{
	json_t *o = bc_json_made(&x->e, json_object());
	for (size_t c = 0; o && c < t->n_columns; c++) {
		json_t *v = json_object_get(row, t->columns[c].id);
		if (v && !json_is_null(v))
			bc_json_set(&x->e, o, t->columns[c].id, json_incref(v));
	}
	return o;
}

/* Every unit's rows of table t in force, unit by unit; NULL when no
 * unit reported the table (an empty array when they all had none). */
static json_t *table_json(sx *x, const bc_form *f, const bc_field *t,
			  json_t *values)
{
	size_t n;
	const char **codes = reporting(x, values, t->id, &n);
	json_t *rows = codes && n ? bc_json_made(&x->e, json_array()) : NULL;
	for (size_t i = 0; rows && !x->failed && i < n; i++) {
		if (json_integer_value(json_object_get(
			    json_object_get(values, codes[i]), t->id)) == 0)
			continue;
		json_t *r = bc_host_unit_rows(x->h, f->id, t->id, codes[i]), *row;
		size_t k;
		x->failed |= !r;
		json_array_foreach(r, k, row)
			bc_json_push(&x->e, rows, row_json(x, t, row));
		json_decref(r);
	}
	bc_free(codes);
	if (json_array_size(rows) > BC_TABLE_MAX_ROWS)
		say(x, BC_ERROR, f, t,
		    N_("%zu rows, more than a submission may hold (%d): the "
		       "level above would refuse the file"),
		    json_array_size(rows), BC_TABLE_MAX_ROWS);
	return rows;
}

/* A field whose units' answers do not add up: the sender's own answer,
 * or NULL (said so when some unit answered). */
static json_t *own_json(sx *x, const bc_form *f, const bc_field *fl,
			json_t *values)
{
	json_t *v = json_object_get(json_object_get(x->own, f->id), fl->id);
	if (v && !json_is_null(v))
		return json_incref(v);
	size_t n;
	const char **codes = reporting(x, values, fl->id, &n);
	if (codes && n)
		say(x, BC_WARNING, f, fl,
		    N_("left out of the submission: the units' answers do "
		       "not add up to the district's, and the district gave "
		       "none of its own"));
	bc_free(codes);
	return NULL;
}

/* Form f as the district sends it. */
static json_t *form_json(sx *x, const bc_form *f)
{
	json_t *values = bc_host_form_values(x->h, f->id);
	json_t *totals = json_object_get(
		json_object_get(json_object_get(x->agg, "forms"), f->id),
		"fields");
	json_t *o = bc_json_made(&x->e, json_object()), *u;
	const char *code;
	x->failed |= !values;
	json_object_foreach(values, code, u)
		bc_json_set(&x->e, x->from, code, json_true());
	for (size_t k = 0; values && o && k < f->n_fields; k++) {
		const bc_field *fl = &f->fields[k];
		json_t *v = json_object_get(json_object_get(totals, fl->id),
					    "total");
		if (fl->type == BC_T_TABLE)
			v = table_json(x, f, fl, values);
		else if (adds_up(fl))
			v = bc_json_is_num(v) ? json_incref(v) : NULL;
		else
			v = own_json(x, f, fl, values);
		if (v)
			bc_json_set(&x->e, o, fl->id, v);
	}
	json_decref(values);
	return o;
}

/* What the figures lack: the units that owe a form of the file and
 * have none of it in force, said once. */
static void lacking(sx *x, json_t *forms)
{
	json_t *missing = json_object_get(x->agg, "missing_units");
	json_t *set = bc_json_made(&x->e, json_object()), *codes, *c;
	const char *form;
	size_t i, n;
	json_object_foreach(forms, form, codes) {
		json_array_foreach(json_object_get(missing, form), i, c)
			bc_json_set(&x->e, set, json_string_value(c), json_true());
	}
	const char **v = reporting(x, set, NULL, &n);
	json_t *list = bc_json_made(&x->e, json_array());
	for (i = 0; v && i < n; i++)
		bc_json_push(&x->e, list, json_string(v[i]));
	/* English has a singular; the catalogue translates both. */
	if (n && x->e == BC_OK)
		say(x, BC_WARNING, NULL, NULL,
		    n == 1 ? N_("%s: the figures leave out %zu unit that has "
				"not sent every form of the file it owes (%s): "
				"'baocao status %s' lists what it lacks")
			   : N_("%s: the figures leave out %zu units that have "
				"not sent every form of the file they owe (%s): "
				"'baocao status %s' lists what each lacks"),
		    x->period, n, listed(x, list), x->period);
	bc_free(v);
	json_decref(list);
	json_decref(set);
}

/* The forms the district sends: each the sender asked for that some
 * unit sent. */
static json_t *forms_json(sx *x, const bc_ruleset *rs)
{
	json_t *all = bc_json_made(&x->e, json_object());
	for (size_t i = 0; all && !x->failed && i < rs->n_forms; i++) {
		const bc_form *f = &rs->forms[i];
		bc_host_progress(x->h, i, rs->n_forms);
		if (!asked(x->who->forms, f->id) || !received(x, f))
			continue;
		bc_json_set(&x->e, all, f->id, form_json(x, f));
	}
	if (all && !x->failed)
		lacking(x, all);
	if (!all || x->failed || json_object_size(all))
		return all;
	if (x->who->forms)
		say(x, BC_ERROR, NULL, NULL,
		    N_("%s: no unit has sent any of the forms asked (%s), so "
		       "the district has no figures of them to send"),
		    x->period, x->who->forms);
	else
		say(x, BC_ERROR, NULL, NULL,
		    N_("%s: no unit has sent any form, so the district has "
		       "no figures to send"),
		    x->period);
	return all;
}

/* Whether a unit whose figures the file holds sent estimates. */
static bool estimated(sx *x)
{
	size_t i;
	json_t *c;
	json_t *units = json_object_get(x->agg, "estimated_units");
	json_t *some = bc_json_made(&x->e, json_array());
	json_array_foreach(units, i, c) {
		if (json_object_get(x->from, json_string_value(c)))
			bc_json_push(&x->e, some, json_incref(c));
	}
	bool any = json_array_size(some) > 0;
	if (any)
		say(x, BC_WARNING, NULL, NULL,
		    N_("%s: the figures of %s are estimates: the submission "
		       "is marked estimated"),
		    x->period, listed(x, some));
	json_decref(some);
	return any;
}

static json_t *signer_json(sx *x)
{
	const bc_export_sender *who = x->who;
	return bc_json_made(
		&x->e, json_pack("{s:s, s:s, s:o}", "name", who->signer_name,
				 "title", who->signer_title, "date",
				 bc_date_json(bc_host_date(x->h))));
}

/* The submission, whole; NULL when it cannot be made (said why). */
static json_t *submission(sx *x)
{
	const bc_ruleset *rs = bc_host_period(x->h)->rs;
	const char *code = sender_code(x);
	if (!x->who->signer_name || !*x->who->signer_name ||
	    !x->who->signer_title || !*x->who->signer_title)
		say(x, BC_ERROR, NULL, NULL,
		    N_("%s: a submission names who signs it, the name and "
		       "the title (--signer, --signer-title): the level above "
		       "refuses one without"),
		    x->period);
	if (x->failed || x->e != BC_OK)
		return NULL;
	x->own = bc_host_unit_values(x->h, code);
	x->failed |= !x->own;
	json_t *forms = x->failed ? NULL : forms_json(x, rs);
	json_t *doc = NULL;
	if (forms && !x->failed && x->e == BC_OK)
		doc = bc_json_made(
			&x->e, json_pack("{s:s, s:s, s:o, s:b, s:O}", "unit",
					 code, "period", x->period, "signed_by",
					 signer_json(x), "estimated",
					 estimated(x), "forms", forms));
	json_decref(forms);
	return doc;
}

static int run(bc_host *h, const bc_host_api *api)
{
	json_t *model = bc_host_model(h);
	sx x = {.h = h, .who = bc_host_sender(h),
		.period = bc_host_period(h)->code,
		.agg = json_object_get(model, "aggregate"),
		.from = json_object()};
	if (!x.from)
		x.e = BC_ERR_NOMEM;
	json_t *doc = x.e == BC_OK ? submission(&x) : NULL;
	char *text = doc && x.e == BC_OK
			     ? bc_json_dumps(doc, JSON_INDENT(2) |
							  JSON_PRESERVE_ORDER)
			     : NULL;
	if (doc && x.e == BC_OK && !text)
		x.e = BC_ERR_NOMEM;
	if (x.e != BC_OK)
		bc_host_nomem(h);
	int rc = text && !x.failed ? api->write(h, text, strlen(text)) : -1;
	if (rc == 0)
		rc = api->write(h, "\n", 1);
	bc_free(text);
	json_decref(doc);
	json_decref(x.own);
	json_decref(x.from);
	return rc;
}

const bc_exporter bc_submission_exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "submission",
	.description = "the district's figures as its own submission to the "
		       "level above (JSON)",
	.extension = "json",
	.run = run,
};

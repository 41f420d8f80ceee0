/* SPDX-License-Identifier: MIT */
/* The json exporter: the aggregate object of docs/cli.md, with the previous
 * year beside each figure and each unit's values.
 *
 * It takes the lean model (export.c) and writes the aggregate as jansson
 * would dump it whole (JSON_INDENT(1), keys in the model's order), but
 * streams the two parts that grow with the country from the store: the
 * tables' "rows", unit by unit, and "values", a form at a time, through
 * the one JSON writer (jsonout.h), so the text is the same as one dump of
 * the whole. */
#include "json_export.h"
#include "export_host.h"
#include "jsonset.h"
#include "jsonout.h"
#include "mem.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define DUMP (JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

typedef struct jw {
	bc_host *h;
	const bc_host_api *api;
	int rc;
	bc_jw out;
} jw;

/* The writer's sink: the host's file. */
static int host_write(const char *s, size_t n, void *ud)
{
	jw *w = ud;
	return w->api->write(w->h, s, n) ? -1 : 0;
}

/* Whether the export goes on: nothing failed, reading or writing. */
static bool going(const jw *w)
{
	return !w->rc && !bc_jw_error(&w->out);
}

/* v, read from the store; NULL (the store failed) stops the export. */
static json_t *fetched(jw *w, json_t *v)
{
	if (!v)
		w->rc = -1;
	return v;
}

/* The keys of o in byte order (the order SQLite listed units and forms
 * in): a new array of borrowed strings; NULL when memory runs out, which
 * stops the export. */
static const char **sorted_keys(jw *w, json_t *o, size_t *n)
{
	const char **v = bc_calloc(json_object_size(o) + 1, sizeof *v);
	const char *k;
	json_t *x;
	*n = 0;
	if (!v) {
		if (!w->rc)
			w->api->error(w->h, N_("out of memory"));
		bc_host_nomem(w->h);
		w->rc = -1;
		return NULL;
	}
	json_object_foreach(o, k, x) v[(*n)++] = k;
	qsort(v, *n, sizeof *v, bc_str_cmp);
	return v;
}

/* "rows": every unit's rows of the table, units by code. */
static void rows(jw *w, const char *form, const char *table, json_t *units)
{
	size_t n;
	const char **codes = sorted_keys(w, units, &n);
	bc_jw_key(&w->out, "rows");
	bc_jw_array(&w->out);
	for (size_t i = 0; codes && going(w) && i < n; i++) {
		json_t *r = fetched(w, bc_host_unit_rows(w->h, form, table,
							 codes[i])),
		       *row;
		size_t k;
		json_array_foreach(r, k, row) bc_jw_value(&w->out, row);
		json_decref(r);
	}
	bc_free(codes);
	bc_jw_array_end(&w->out);
}

/* A table field's figures with its rows where the whole model has them:
 * after what the aggregate computes, before the previous year. */
static void table_field(jw *w, const char *form, const char *table,
			json_t *o)
{
	json_t *units = NULL, *longest = NULL, *v;
	if (!bc_host_table_shape(w->h, form, table, &units, &longest))
		w->rc = -1;
	json_decref(longest);
	bool pending = json_object_size(units) > 0;
	const char *k;
	bc_jw_object(&w->out);
	json_object_foreach(o, k, v) {
		if (pending && !strcmp(k, "previous")) {
			rows(w, form, table, units);
			pending = false;
		}
		bc_jw_key(&w->out, k);
		bc_jw_value(&w->out, v);
	}
	if (pending)
		rows(w, form, table, units);
	json_decref(units);
	bc_jw_object_end(&w->out);
}

static void form_fields(jw *w, const bc_form *f, json_t *fields)
{
	const char *k;
	json_t *v;
	bc_jw_object(&w->out);
	json_object_foreach(fields, k, v) {
		int i = f ? bc_field_index(f->fields, f->n_fields, k) : -1;
		bc_jw_key(&w->out, k);
		if (i >= 0 && f->fields[i].type == BC_T_TABLE)
			table_field(w, f->id, k, v);
		else
			bc_jw_value(&w->out, v);
	}
	bc_jw_object_end(&w->out);
}

static void forms(jw *w, json_t *all)
{
	const bc_ruleset *rs = bc_host_period(w->h)->rs;
	const char *id, *k;
	json_t *form, *v;
	bc_jw_object(&w->out);
	json_object_foreach(all, id, form) {
		bc_jw_key(&w->out, id);
		bc_jw_object(&w->out);
		json_object_foreach(form, k, v) {
			bc_jw_key(&w->out, k);
			if (!strcmp(k, "fields"))
				form_fields(w, bc_ruleset_form(rs, id), v);
			else
				bc_jw_value(&w->out, v);
		}
		bc_jw_object_end(&w->out);
	}
	bc_jw_object_end(&w->out);
}

/* "values": {form: {unit: {field: value}}}, forms and units in byte
 * order, a form at a time. */
static void values(jw *w)
{
	const bc_ruleset *rs = bc_host_period(w->h)->rs;
	bc_err e = BC_OK;
	json_t *ids = bc_json_made(&e, json_object());
	size_t n, nf;
	for (size_t i = 0; i < rs->n_forms; i++)
		bc_json_set(&e, ids, rs->forms[i].id, json_true());
	if (e != BC_OK) {
		bc_host_nomem(w->h);
		w->rc = -1;
	}
	const char **order = sorted_keys(w, ids, &nf);
	bc_jw_key(&w->out, "values");
	bc_jw_object(&w->out);
	for (size_t i = 0; order && going(w) && i < nf; i++) {
		bc_host_progress(w->h, i, nf);
		json_t *all = fetched(w, bc_host_form_values(w->h, order[i]));
		const char **units = json_object_size(all)
					     ? sorted_keys(w, all, &n)
					     : NULL;
		if (units) {
			bc_jw_key(&w->out, order[i]);
			bc_jw_object(&w->out);
			for (size_t u = 0; u < n; u++) {
				bc_jw_key(&w->out, units[u]);
				bc_jw_value(&w->out,
					    json_object_get(all, units[u]));
			}
			bc_jw_object_end(&w->out);
		}
		bc_free(units);
		json_decref(all);
	}
	bc_free(order);
	json_decref(ids);
	bc_jw_object_end(&w->out);
}

static int run(bc_host *h, const bc_host_api *api)
{
	json_t *agg = json_object_get(bc_host_model(h), "aggregate");
	jw w = {.h = h, .api = api};
	const char *k;
	json_t *v;
	bc_jw_init(&w.out, DUMP, host_write, &w);
	bc_jw_object(&w.out);
	json_object_foreach(agg, k, v) {
		bc_jw_key(&w.out, k);
		if (!strcmp(k, "forms"))
			forms(&w, v);
		else
			bc_jw_value(&w.out, v);
	}
	values(&w);
	bc_jw_object_end(&w.out);
	return bc_jw_finish(&w.out, true) || w.rc ? -1 : 0;
}

const bc_exporter bc_json_exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "json",
	.description = "the aggregate with each unit's values (JSON)",
	.extension = "json",
	.run = run,
};

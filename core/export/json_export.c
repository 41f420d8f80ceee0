/* SPDX-License-Identifier: MIT */
/* The json exporter: the aggregate object of docs/cli.md, with the previous
 * year beside each figure and each unit's values.
 *
 * It takes the lean model (export.c) and writes the aggregate as jansson
 * would dump it whole (JSON_INDENT(1), keys in the model's order), but
 * streams the two parts that grow with the country from the store: the
 * tables' "rows", unit by unit, and "values", a form at a time.  Each
 * piece is dumped by jansson and indented to its depth, so the text is
 * the same as one dump of the whole. */
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
} jw;

static void put(jw *w, const char *s, size_t n)
{
	if (!w->rc && n)
		w->rc = w->api->write(w->h, s, n);
}

static void indent(jw *w, int depth)
{
	static const char spaces[] = "                ";
	for (; depth > 0; depth -= 16)
		put(w, spaces, depth < 16 ? (size_t)depth : 16);
}

/* v dumped as part of a document at depth: every line after the first
 * indented by depth more spaces. */
static void value(jw *w, json_t *v, int depth)
{
	char *s = bc_json_dumps(v, DUMP | JSON_ENCODE_ANY);
	if (!s) {
		bc_host_nomem(w->h);
		w->api->error(w->h, N_("out of memory"));
		w->rc = -1;
		return;
	}
	for (char *p = s, *nl; !w->rc && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		put(w, p, nl ? (size_t)(nl - p + 1) : strlen(p));
		if (!nl)
			break;
		indent(w, depth);
	}
	bc_free(s);
}

/* The separator and key of a member at depth (1 for the top object's). */
static void key(jw *w, const char *k, int depth, bool first)
{
	json_t *s = json_string(k);
	put(w, first ? "\n" : ",\n", first ? 1 : 2);
	indent(w, depth);
	value(w, s, depth);
	put(w, ": ", 2);
	json_decref(s);
}

static void close_obj(jw *w, int depth, bool empty, char c)
{
	if (!empty) {
		put(w, "\n", 1);
		indent(w, depth);
	}
	put(w, &c, 1);
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
static void rows(jw *w, const char *form, const char *table, json_t *units,
		 int depth)
{
	size_t n;
	const char **codes = sorted_keys(w, units, &n);
	bool first = true;
	key(w, "rows", depth, false);
	put(w, "[", 1);
	for (size_t i = 0; codes && !w->rc && i < n; i++) {
		json_t *r = fetched(w, bc_host_unit_rows(w->h, form, table,
							 codes[i])),
		       *row;
		size_t k;
		json_array_foreach(r, k, row) {
			put(w, first ? "\n" : ",\n", first ? 1 : 2);
			indent(w, depth + 1);
			value(w, row, depth + 1);
			first = false;
		}
		json_decref(r);
	}
	bc_free(codes);
	close_obj(w, depth, first, ']');
}

/* A table field's figures with its rows where the whole model has them:
 * after what the aggregate computes, before the previous year. */
static void table_field(jw *w, const char *form, const char *table,
			json_t *o, int depth)
{
	json_t *units = NULL, *longest = NULL, *v;
	if (!bc_host_table_shape(w->h, form, table, &units, &longest))
		w->rc = -1;
	json_decref(longest);
	bool pending = json_object_size(units) > 0, first = true;
	const char *k;
	put(w, "{", 1);
	json_object_foreach(o, k, v) {
		if (pending && !strcmp(k, "previous")) {
			rows(w, form, table, units, depth + 1);
			pending = false;
		}
		key(w, k, depth + 1, first);
		first = false;
		value(w, v, depth + 1);
	}
	if (pending)
		rows(w, form, table, units, depth + 1);
	json_decref(units);
	close_obj(w, depth, !json_object_size(o), '}');
}

static void form_fields(jw *w, const bc_form *f, json_t *fields, int depth)
{
	const char *k;
	json_t *v;
	bool first = true;
	put(w, "{", 1);
	json_object_foreach(fields, k, v) {
		int i = f ? bc_field_index(f->fields, f->n_fields, k) : -1;
		key(w, k, depth + 1, first);
		first = false;
		if (i >= 0 && f->fields[i].type == BC_T_TABLE)
			table_field(w, f->id, k, v, depth + 1);
		else
			value(w, v, depth + 1);
	}
	close_obj(w, depth, first, '}');
}

static void forms(jw *w, json_t *all, int depth)
{
	const bc_ruleset *rs = bc_host_period(w->h)->rs;
	const char *id, *k;
	json_t *form, *v;
	bool first = true;
	put(w, "{", 1);
	json_object_foreach(all, id, form) {
		bool first_key = true;
		key(w, id, depth + 1, first);
		first = false;
		put(w, "{", 1);
		json_object_foreach(form, k, v) {
			key(w, k, depth + 2, first_key);
			first_key = false;
			if (!strcmp(k, "fields"))
				form_fields(w, bc_ruleset_form(rs, id), v, depth + 2);
			else
				value(w, v, depth + 2);
		}
		close_obj(w, depth + 1, first_key, '}');
	}
	close_obj(w, depth, first, '}');
}

/* "values": {form: {unit: {field: value}}}, forms and units in byte
 * order, a form at a time. */
static void values(jw *w, int depth)
{
	const bc_ruleset *rs = bc_host_period(w->h)->rs;
	bc_err e = BC_OK;
	json_t *ids = bc_json_made(&e, json_object());
	size_t n, nf;
	bool first = true;
	for (size_t i = 0; i < rs->n_forms; i++)
		bc_json_set(&e, ids, rs->forms[i].id, json_true());
	if (e != BC_OK) {
		bc_host_nomem(w->h);
		w->rc = -1;
	}
	const char **order = sorted_keys(w, ids, &nf);
	key(w, "values", depth, false);
	put(w, "{", 1);
	for (size_t i = 0; order && !w->rc && i < nf; i++) {
		bc_host_progress(w->h, i, nf);
		json_t *all = fetched(w, bc_host_form_values(w->h, order[i]));
		const char **units = json_object_size(all)
					     ? sorted_keys(w, all, &n)
					     : NULL;
		if (units) {
			key(w, order[i], depth + 1, first);
			first = false;
			put(w, "{", 1);
			for (size_t u = 0; u < n; u++) {
				key(w, units[u], depth + 2, u == 0);
				value(w, json_object_get(all, units[u]), depth + 2);
			}
			close_obj(w, depth + 1, false, '}');
		}
		bc_free(units);
		json_decref(all);
	}
	bc_free(order);
	json_decref(ids);
	close_obj(w, depth, first, '}');
}

static int run(bc_host *h, const bc_host_api *api)
{
	json_t *agg = json_object_get(bc_host_model(h), "aggregate");
	jw w = {h, api, 0};
	const char *k;
	json_t *v;
	bool first = true;
	put(&w, "{", 1);
	json_object_foreach(agg, k, v) {
		key(&w, k, 1, first);
		first = false;
		if (!strcmp(k, "forms"))
			forms(&w, v, 1);
		else
			value(&w, v, 1);
	}
	values(&w, 1);
	close_obj(&w, 0, false, '}');
	put(&w, "\n", 1);
	return w.rc ? -1 : 0;
}

const bc_exporter bc_json_exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "json",
	.description = "the aggregate with each unit's values (JSON)",
	.extension = "json",
	.run = run,
};

/* SPDX-License-Identifier: MIT */
/*
 * The csv exporter: every value in force in the long import format
 * (unit,period,form,field,value), then the aggregate as rows whose unit
 * is "_" and a level ("_huyen", "_xa") or "_total".  UTF-8 with a BOM,
 * CRLF line ends: what Excel opens as it is.
 */
#include "csv_export.h"
#include "csv_cell.h"
#include "export_host.h"
#include "jsonout.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

typedef struct out {
	bc_host *h;
	const bc_host_api *api;
	const char *period;
	int rc;
} out;

/* RFC 4180: quote a field holding a comma, a quote or a line break;
 * an apostrophe before text a spreadsheet would run as a formula
 * (csv_cell.h). */
static void field(out *o, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		o->rc |= o->api->write(o->h, "\"", 1);
	if (bc_csv_cell_guarded(s))
		o->rc |= o->api->write(o->h, "'", 1);
	for (const char *p = s; *p; p++) {
		const char *q = strchr(p, '"');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		o->rc |= o->api->write(o->h, p, n);
		p += n;
		if (!q)
			break;
		o->rc |= o->api->write(o->h, "\"\"", 2);
	}
	if (quote)
		o->rc |= o->api->write(o->h, "\"", 1);
	o->rc |= o->api->write(o->h, last ? "\r\n" : ",", last ? 2 : 1);
}

/* A value as the import reads it: a number with its digits
 * (12345678901234.56), true or false, text whole (numbers fit buf). */
static const char *value_text(json_t *v, char *buf, size_t n)
{
	if (bc_json_num_text(v, buf, n))
		return buf;
	if (json_is_string(v))
		return json_string_value(v);
	snprintf(buf, n, "%s", json_is_true(v)    ? "true"
			       : json_is_false(v) ? "false"
						  : "");
	return buf;
}

static void row(out *o, const char *unit, const char *form, const char *f,
		json_t *v)
{
	char text[64];
	field(o, unit, false);
	field(o, o->period, false);
	field(o, form, false);
	field(o, f, false);
	field(o, value_text(v, text, sizeof text), true);
}

/* A table: its rows for this unit, or "[]" when it has none. */
static void table_rows(out *o, const char *form, const char *table,
		       const char *unit, json_int_t count)
{
	if (count == 0) {
		json_t *empty = json_string("[]");
		if (!empty) {
			bc_host_nomem(o->h);
			o->rc = -1;
			return;
		}
		row(o, unit, form, table, empty);
		json_decref(empty);
		return;
	}
	json_t *rows = bc_host_unit_rows(o->h, form, table, unit);
	if (!rows)
		o->rc = -1;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		long long n = (long long)json_integer_value(
			json_object_get(r, "row"));
		const char *col;
		json_t *v;
		json_object_foreach(r, col, v) {
			if (!strcmp(col, "unit") || !strcmp(col, "row"))
				continue;
			char name[512];
			snprintf(name, sizeof name, "%s[%lld].%s", table, n, col);
			row(o, unit, form, name, v);
		}
	}
	json_decref(rows);
}

static void unit_values(out *o, json_t *model)
{
	json_t *forms = json_object_get(model, "forms");
	size_t i, k, f;
	json_t *u, *form, *fld;
	json_t *units = json_object_get(model, "units");
	json_array_foreach(units, i, u) {
		const char *unit = json_string_value(json_object_get(u, "code"));
		bc_host_progress(o->h, i, json_array_size(units));
		/* The model is lean (export.c): a unit's values and rows
		 * come from the store a unit at a time. */
		json_t *values = bc_host_unit_values(o->h, unit);
		if (!values)
			o->rc = -1;
		json_array_foreach(forms, k, form) {
			const char *id = json_string_value(json_object_get(form, "id"));
			json_t *mine = json_object_get(values, id);
			json_array_foreach(json_object_get(form, "fields"), f,
					   fld) {
				const char *fid = json_string_value(
					json_object_get(fld, "id"));
				json_t *v = json_object_get(mine, fid);
				if (!v)
					continue;
				if (!strcmp(json_string_value(json_object_get(fld, "type")),
					    "table"))
					table_rows(o, id, fid, unit,
						   json_integer_value(v));
				else
					row(o, unit, id, fid, v);
			}
		}
		json_decref(values);
		if (o->rc)
			return;
	}
}

/* The aggregate: one row per level (and total) of each field and
 * indicator with a number there. */
static void aggregate_rows(out *o, json_t *model)
{
	json_t *agg = json_object_get(model, "aggregate");
	json_t *levels = json_object_get(model, "levels");
	const char *form;
	json_t *f;
	json_object_foreach(json_object_get(agg, "forms"), form, f) {
		static const char *const kinds[] = {"fields", "indicators"};
		for (int k = 0; k < 2; k++) {
			const char *id;
			json_t *v;
			json_object_foreach(json_object_get(f, kinds[k]), id, v) {
				size_t i;
				json_t *l;
				char unit[96];
				json_array_foreach(levels, i, l) {
					const char *lv = json_string_value(
						json_object_get(l, "id"));
					json_t *x = json_object_get(v, lv);
					snprintf(unit, sizeof unit, "_%s", lv);
					if (bc_json_is_num(x))
						row(o, unit, form, id, x);
				}
				if (bc_json_is_num(json_object_get(v, "total")))
					row(o, "_total", form, id,
					    json_object_get(v, "total"));
			}
		}
	}
}

static int run(bc_host *h, const bc_host_api *api)
{
	json_t *model = bc_host_model(h);
	out o = {h, api, bc_host_period(h)->code, 0};
	/* A UTF-8 BOM: without it, Excel on Windows opens the file
	 * double-clicked in the system's code page and mangles every
	 * Vietnamese letter.  The import skips it. */
	o.rc |= api->write(h, "\xEF\xBB\xBF", 3);
	field(&o, "unit", false);
	field(&o, "period", false);
	field(&o, "form", false);
	field(&o, "field", false);
	field(&o, "value", true);
	unit_values(&o, model);
	aggregate_rows(&o, model);
	return o.rc;
}

const bc_exporter bc_csv_exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "csv",
	.description = "every value in force in the import format, then the "
		       "aggregate (CSV)",
	.extension = "csv",
	.run = run,
};

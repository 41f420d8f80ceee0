/* SPDX-License-Identifier: MIT */
/*
 * stream: a test exporter of ABI 1.3 writing, one line "path=value" each,
 * what grows with the country as it reads it through the host's cursors,
 * under the path the whole model gives it (aggregate.values.<form>.<unit>
 * .<field>, status.units[i]…, units[i]…) so that tests/e2e/plugins.py
 * compares it with what dump (ABI 1.2, the whole model) writes; each
 * table's rows, of every unit in one pass and of each unit alone; and
 * whether the model it got is lean.  It leaves a pass open and stops
 * another early, which the host must clean up after.
 */
#include <baocao/plugin.h>

#include <stdio.h>
#include <string.h>

typedef struct out {
	bc_host *h;
	const bc_host_api *api;
	int failed;
} out;

static void put(out *o, const char *s)
{
	if (!o->failed && o->api->write(o->h, s, strlen(s)) != 0)
		o->failed = 1;
}

/* The item of c at path and everything below it, each line under the
 * name the model gives it: at, then path past its first skip bytes (the
 * part of the item the model has no name for, "values"). */
static void walk(out *o, bc_cursor *c, const char *at, size_t skip,
		 char *path, size_t len, size_t size)
{
	size_t n = o->api->item_count(c, path);
	int object = n && o->api->item_key(c, path, 0);
	if (!n) {
		const char *v = o->api->item_get(c, path);
		put(o, at);
		put(o, path + skip + (path[skip] == '.'));
		put(o, "=");
		put(o, v ? v : "(none)");
		put(o, "\n");
		return;
	}
	for (size_t i = 0; i < n && !o->failed; i++) {
		const char *k = object ? o->api->item_key(c, path, i) : NULL;
		int w = object ? snprintf(path + len, size - len, "%s%s",
					  len ? "." : "", k ? k : "?")
			       : snprintf(path + len, size - len, "[%zu]", i);
		if (w < 0 || (size_t)w >= size - len) {
			o->api->error(o->h, "a path too long");
			o->failed = 1;
			return;
		}
		walk(o, c, at, skip, path, len + (size_t)w, size);
		path[len] = '\0';
	}
}

/* Every item of c, the i-th under prefix[i], or under prefix.<its
 * value at key>; of each, what is at sub. */
static void pass(out *o, bc_cursor *c, const char *prefix, const char *key,
		 const char *sub)
{
	char at[512], path[512];
	int r;
	size_t i = 0;
	if (!c) {
		o->failed = 1;
		return;
	}
	while ((r = o->api->next(c)) == 1 && !o->failed) {
		const char *k = key ? o->api->item_get(c, key) : NULL;
		if (key)
			snprintf(at, sizeof at, "%s.%s.", prefix, k ? k : "?");
		else
			snprintf(at, sizeof at, "%s[%zu].", prefix, i);
		snprintf(path, sizeof path, "%s", sub);
		walk(o, c, at, strlen(sub), path, strlen(path), sizeof path);
		i++;
	}
	if (r < 0)
		o->failed = 1;
	o->api->close(c);
}

/* Each unit's rows of a table alone, under unit_rows.<form>.<table>:
 * the same rows as the one pass gives. */
static void rows_by_unit(out *o, const char *form, const char *table)
{
	char p[256];
	bc_cursor *u = o->api->open_units(o->h);
	while (u && o->api->next(u) == 1 && !o->failed) {
		const char *code = o->api->item_get(u, "code");
		snprintf(p, sizeof p, "unit_rows.%s.%s.%s", form, table,
			 code ? code : "?");
		pass(o, o->api->open_rows(o->h, form, table, code), p, NULL,
		     "");
	}
	o->api->close(u);
}

static void forms(out *o)
{
	char f[64], p[128];
	for (size_t i = 0; i < o->api->count(o->h, "forms"); i++) {
		snprintf(f, sizeof f, "forms[%zu].id", i);
		const char *form = o->api->get(o->h, f);
		snprintf(p, sizeof p, "aggregate.values.%s", form ? form : "?");
		pass(o, o->api->open_values(o->h, form), p, "unit", "values");
		snprintf(f, sizeof f, "forms[%zu].fields", i);
		for (size_t j = 0; form && j < o->api->count(o->h, f); j++) {
			snprintf(p, sizeof p, "forms[%zu].fields[%zu].type", i, j);
			const char *type = o->api->get(o->h, p);
			snprintf(p, sizeof p, "forms[%zu].fields[%zu].id", i, j);
			const char *table = o->api->get(o->h, p);
			if (!type || strcmp(type, "table") || !table)
				continue;
			snprintf(p, sizeof p, "aggregate.forms.%s.fields.%s.rows", form,
				 table);
			pass(o, o->api->open_rows(o->h, form, table, NULL), p,
			     NULL, "");
			rows_by_unit(o, form, table);
		}
	}
}

static int run(bc_host *h, const bc_host_api *api)
{
	out o = {h, api, 0};
	if (api->size < sizeof *api) {
		api->error(h, "a host older than ABI 1.3");
		return 1;
	}
	char n[64];
	snprintf(n, sizeof n, "lean=%zu/%zu\n",
		 api->count(h, "aggregate.values"), api->count(h, "status.units"));
	put(&o, n);
	pass(&o, api->open_units(h), "units", NULL, "");
	pass(&o, api->open_status(h), "status.units", NULL, "");
	forms(&o);
	/* Stopped early, and left open: the host frees both. */
	bc_cursor *early = api->open_status(h);
	if (!early || api->next(early) != 1)
		o.failed = 1;
	api->open_values(h, "bm3");
	return o.failed;
}

static const bc_exporter exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "stream",
	.description = "test: what the cursors give, path=value",
	.extension = "txt",
	.run = run,
};

const bc_exporter *baocao_exporter(void)
{
	return &exporter;
}

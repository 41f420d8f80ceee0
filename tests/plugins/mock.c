/* SPDX-License-Identifier: MIT */
/*
 * mock: a test exporter writing a known text from a few paths of the
 * model, one line each, so that tests/e2e/plugins.py can compare it
 * exactly.  It uses every reading function of the host API (get,
 * get_number, count, key) and host memory, as a real plugin would, and
 * the paths of ABI 1.1 (an enum's value_labels).
 */
#include <baocao/plugin.h>

#include <stdio.h>
#include <string.h>

static int line(bc_host *h, const bc_host_api *api, const char *k,
		const char *v)
{
	return api->write(h, k, strlen(k)) || api->write(h, "=", 1) ||
	       api->write(h, v ? v : "(none)", strlen(v ? v : "(none)")) ||
	       api->write(h, "\n", 1);
}

/* "form.field.id=label" for the first choice of the enum at path (a
 * field or a table's column of form), into buf; 0 when it is no enum. */
static int choice(bc_host *h, const bc_host_api *api, const char *path,
		  const char *form, char *buf, size_t n)
{
	char p[256];
	snprintf(p, sizeof p, "%s.values[0]", path);
	const char *id = api->get(h, p);
	snprintf(p, sizeof p, "%s.id", path);
	const char *field = api->get(h, p);
	if (!id || !field)
		return 0;
	snprintf(p, sizeof p, "%s.value_labels.%s", path, id);
	const char *label = api->get(h, p);
	snprintf(buf, n, "%s.%s.%s=%s", form, field, id,
		 label ? label : "(none)");
	return 1;
}

/* The first choice of the catalogue's first enum, by choice(). */
static int first_choice(bc_host *h, const bc_host_api *api, char *buf,
			size_t n)
{
	char f[128], c[192];
	for (size_t i = 0; i < api->count(h, "forms"); i++) {
		snprintf(f, sizeof f, "forms[%zu].id", i);
		const char *form = api->get(h, f);
		snprintf(f, sizeof f, "forms[%zu].fields", i);
		for (size_t j = 0; form && j < api->count(h, f); j++) {
			snprintf(c, sizeof c, "%s[%zu]", f, j);
			if (choice(h, api, c, form, buf, n))
				return 1;
			snprintf(c, sizeof c, "%s[%zu].columns", f, j);
			for (size_t k = 0; k < api->count(h, c); k++) {
				char col[256];
				snprintf(col, sizeof col, "%s[%zu]", c, k);
				if (choice(h, api, col, form, buf, n))
					return 1;
			}
		}
	}
	return 0;
}

static int run(bc_host *h, const bc_host_api *api)
{
	double total = 0;
	char *buf = api->alloc(h, 64);
	if (!buf) {
		api->error(h, "no memory");
		return 1;
	}
	int have = api->get_number(h,
				   "aggregate.forms.bm3.fields.hs_tiep_nhan.total",
				   &total) == 0;
	snprintf(buf, 64, "%zu", api->count(h, "levels"));
	int rc = line(h, api, "period", api->get(h, "period.period")) ||
		 line(h, api, "label", api->get(h, "period.label")) ||
		 line(h, api, "district", api->get(h, "district.name")) ||
		 line(h, api, "levels", buf) ||
		 line(h, api, "level0", api->get(h, "levels[0].id")) ||
		 line(h, api, "first_form_key",
		      api->key(h, "aggregate.forms", 0));
	snprintf(buf, 64, "%.0f", total);
	rc = rc || line(h, api, "bm3.hs_tiep_nhan.total", have ? buf : NULL);
	api->free(h, buf);
	char first[512];
	return rc || line(h, api, "choice",
			  first_choice(h, api, first, sizeof first) ? first
								    : NULL);
}

static const bc_exporter exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "mock",
	.description = "test: a known text from a few paths",
	.extension = "txt",
	.run = run,
};

const bc_exporter *baocao_exporter(void)
{
	return &exporter;
}

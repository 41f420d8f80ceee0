/* SPDX-License-Identifier: MIT */
/*
 * mock: a test exporter writing a known text from a few paths of the
 * model, one line each, so that tests/e2e/plugins.py can compare it
 * exactly.  It uses every reading function of the host API (get,
 * get_number, count, key) and host memory, as a real plugin would.
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
	return rc;
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

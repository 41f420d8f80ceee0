/* SPDX-License-Identifier: MIT */
/* The json exporter: the aggregate object of cli.md, with the previous
 * year beside each figure and each unit's values. */
#include "export_host.h"

static int write_cb(const char *buf, size_t len, void *data)
{
	void **ctx = data;
	const bc_host_api *api = ctx[1];
	return api->write(ctx[0], buf, len);
}

static int run(bc_host *h, const bc_host_api *api)
{
	json_t *agg = json_object_get(bc_host_model(h), "aggregate");
	void *ctx[2] = {h, (void *)api};
	if (json_dump_callback(agg, write_cb, ctx,
			       JSON_INDENT(1) | JSON_PRESERVE_ORDER |
				       JSON_REAL_PRECISION(15)) != 0)
		return -1;
	return api->write(h, "\n", 1);
}

const bc_exporter bc_json_exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "json",
	.description = "the aggregate with each unit's values (JSON)",
	.extension = "json",
	.run = run,
};

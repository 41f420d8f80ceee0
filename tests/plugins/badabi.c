/* SPDX-License-Identifier: MIT */
/* badabi: a test exporter that says it was built for the next major ABI,
 * as a plugin left over from another baocao would: it must be refused
 * before its run() is ever called. */
#include <baocao/plugin.h>

static int run(bc_host *h, const bc_host_api *api)
{
	return api->write(h, "must not run\n", 13);
}

static const bc_exporter exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR + 1,
	.abi_minor = 0,
	.name = "badabi",
	.description = "test: built for another ABI",
	.extension = "txt",
	.run = run,
};

const bc_exporter *baocao_exporter(void)
{
	return &exporter;
}

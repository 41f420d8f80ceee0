/* SPDX-License-Identifier: MIT */
/* fails: a test exporter that writes part of its output, then fails, so
 * that the test sees the host leave neither the output file nor its
 * temporary file behind. */
#include <baocao/plugin.h>

static int run(bc_host *h, const bc_host_api *api)
{
	static const char part[] = "a first part of the output\n";
	if (api->write(h, part, sizeof part - 1) != 0)
		return 1;
	api->error(h, "deliberate failure after writing");
	return 1;
}

static const bc_exporter exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "fails",
	.description = "test: fails after writing",
	.extension = "txt",
	.run = run,
};

const bc_exporter *baocao_exporter(void)
{
	return &exporter;
}

/* SPDX-License-Identifier: MIT */
/* A test exporter that says it was built for an ABI this baocao does not
 * have, as a plugin left over from another baocao would: it must be
 * refused before its run() is ever called.  Built twice (meson.build):
 * badabi, for the next major ABI; newminor, for the next minor of this
 * major, as if built against a newer baocao whose host API (grown at its
 * end) this one lacks. */
#include <baocao/plugin.h>

#ifndef NAME
#define NAME "badabi"
#define ABI_MAJOR (BC_PLUGIN_ABI_MAJOR + 1)
#define ABI_MINOR 0
#endif

static int run(bc_host *h, const bc_host_api *api)
{
	return api->write(h, "must not run\n", 13);
}

static const bc_exporter exporter = {
	.abi_major = ABI_MAJOR,
	.abi_minor = ABI_MINOR,
	.name = NAME,
	.description = "test: built for another ABI",
	.extension = "txt",
	.run = run,
};

const bc_exporter *baocao_exporter(void)
{
	return &exporter;
}

/* SPDX-License-Identifier: MIT */
/*
 * dump: a test exporter writing every value of the model, one line
 * "path=value" each, read through the host API alone: what the
 * allocation-failure sweep (tests/test_nomem.c) compares, so that a
 * value the host lost shows in the output.
 */
#include <baocao/plugin.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int put(bc_host *h, const bc_host_api *api, const char *s)
{
	return api->write(h, s, strlen(s));
}

/* Writes the value at path and everything below it. */
static int walk(bc_host *h, const bc_host_api *api, char *path, size_t len,
		size_t size)
{
	size_t n = api->count(h, path);
	bool object = n && api->key(h, path, 0);
	if (!n) {
		const char *v = api->get(h, path);
		return put(h, api, path) || put(h, api, "=") ||
		       put(h, api, v ? v : "(none)") || put(h, api, "\n");
	}
	for (size_t i = 0; i < n; i++) {
		const char *k = object ? api->key(h, path, i) : NULL;
		int w = object ? snprintf(path + len, size - len, "%s%s",
					  len ? "." : "", k ? k : "?")
			       : snprintf(path + len, size - len, "[%zu]", i);
		if (w < 0 || (size_t)w >= size - len) {
			api->error(h, "a path too long");
			return -1;
		}
		if (walk(h, api, path, len + (size_t)w, size))
			return -1;
		path[len] = '\0';
	}
	return 0;
}

static int run(bc_host *h, const bc_host_api *api)
{
	char path[1024] = "";
	return walk(h, api, path, 0, sizeof path);
}

/* Built as a plugin of ABI 1.2 is, which reads the whole model by path:
 * the host must go on giving such a plugin everything (the values, the
 * rows, the units' status) whatever its own minor. */
static const bc_exporter exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = 2,
	.name = "dump",
	.description = "test: every value of the model, path=value",
	.extension = "txt",
	.run = run,
};

const bc_exporter *baocao_exporter(void)
{
	return &exporter;
}

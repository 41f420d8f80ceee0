/* SPDX-License-Identifier: MIT */
/*
 * Finding and running exporter plugins: NAME.so (a C shared object
 * exporting baocao_exporter) or NAME.lua (an exporter{} in the rules'
 * sandbox), looked for in each directory of a colon-separated path.  A
 * shared object without the entry symbol falls back to a Lua exporter of
 * the same name.
 */
#ifndef BC_PLUGIN_LOAD_H
#define BC_PLUGIN_LOAD_H

#include "baocao/plugin.h"
#include "error.h"

typedef struct bc_lua_exporter bc_lua_exporter;

typedef struct bc_plugin {
	void *handle;             /* dlopen handle, or NULL */
	const bc_exporter *desc;  /* of a C plugin */
	char *lua;                /* path of a Lua exporter, or NULL */
	char *name;
	bc_lua_exporter *lx;      /* the Lua exporter, once loaded */
} bc_plugin;

/* Finds and loads the plugin for format name.  BC_ERR_NOT_FOUND when no
 * directory has it; BC_ERR_RULES when it is there but cannot be used
 * (does not load, wrong ABI: "rebuild against this baocao"). */
bc_err bc_plugin_find(const char *path, const char *name, bc_plugin *out,
		      bc_diags *d);
/* Whether it reads what grows with the country through the cursors of
 * ABI 1.3 and so takes the lean model: a C plugin built for ABI 1.3 or
 * later, a Lua exporter declared with stream = true.  A Lua exporter is
 * loaded and declared here, for the export h (what its declaration
 * writes is output, as before); a failure to is said when it runs. */
bool bc_plugin_lean(bc_plugin *p, bc_host *h, const bc_host_api *api);
/* Runs it; 0 on success as bc_exporter.run. */
int bc_plugin_run(bc_plugin *p, bc_host *h, const bc_host_api *api,
		  bc_diags *d);
void bc_plugin_close(bc_plugin *p);

/* Appends the names of every plugin in path not already in *names. */
bc_err bc_plugin_list(const char *path, char ***names, size_t *n,
		      size_t *cap);

#endif

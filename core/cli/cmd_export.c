/* SPDX-License-Identifier: MIT */
#include "bc_config.h"
#include "cli.h"
#include "export.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: baocao export PERIOD --format FMT -o OUT [--plugins DIR]\n"
	"                     [--fixed-time TS]\n\n"
	"Writes the period's figures.  Built-in formats: xlsx (the official\n"
	"workbook), csv (every value in force in the import format, then\n"
	"the aggregate), json (the aggregate with each unit's values).  Any\n"
	"other FMT names an exporter plugin, FMT.so or FMT.lua, looked for in\n"
	"--plugins DIR, then $BAOCAO_PLUGIN_PATH, then the plugins shipped\n"
	"with baocao.  OUT is written only when the export succeeds.\n\n"
	"  --fixed-time TS  the timestamp written into the file (for\n"
	"                   byte-identical output)\n";

/* --plugins, $BAOCAO_PLUGIN_PATH, the build tree's plugins when run
 * from it (only then: an installed program must not load what a build
 * directory holds), the installed plugin directory. */
static char *plugin_path(const char *opt)
{
	const char *env = getenv("BAOCAO_PLUGIN_PATH");
	bool built = cli_in_build_tree();
	return bc_sprintf("%s%s%s%s%s%s%s", opt ? opt : "", opt ? ":" : "",
			  env && *env ? env : "", env && *env ? ":" : "",
			  built ? BC_BUILD_ROOT "/plugins" : "",
			  built ? ":" : "", BC_PLUGIN_DIR);
}

static int unknown_format(const char *fmt, const char *path)
{
	char **names;
	size_t n;
	fprintf(stderr, "baocao: no export format '%s'; formats available:",
		fmt);
	if (bc_export_formats(path, &names, &n) == BC_OK)
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, " %s", names[i]);
	fputc('\n', stderr);
	bc_export_formats_free(names, n);
	return EXIT_USAGE;
}

int cmd_export(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--format", .takes_arg = true},
			  {.name = "-o", .takes_arg = true},
			  {.name = "--plugins", .takes_arg = true},
			  {.name = "--fixed-time", .takes_arg = true},
			  {.name = NULL}};
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 1, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1 || !opts[0].set || !opts[1].set)
		return cli_usage_error(usage, "export needs PERIOD, --format "
					      "and -o");
	bc_export_opts o = {.format = opts[0].value, .out = opts[1].value,
			    .tz_offset = c->tz_offset};
	if (opts[3].set &&
	    !bc_time_parse(opts[3].value, c->tz_offset, &o.fixed_time, NULL))
		return cli_usage_error(usage, "--fixed-time takes a timestamp");
	char *path = plugin_path(opts[2].value);
	if (!path)
		return cli_finish(c, BC_ERR_NOMEM);
	o.plugin_path = path;
	bc_err rc = cli_open(c, false);
	if (rc == BC_OK)
		rc = bc_export(c->st, c->rb, pos[0], &o, &c->diags);
	int code;
	if (rc == BC_ERR_NOT_FOUND && c->diags.errors == 0) {
		code = unknown_format(o.format, path);
	} else {
		/* A plugin that cannot be used is an environment error. */
		code = cli_finish(c, rc);
		if (rc == BC_OK)
			fprintf(stderr, "%s: written (%s)\n", o.out, o.format);
	}
	bc_free(path);
	return code;
}

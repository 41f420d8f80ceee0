/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "mem.h"
#include "period.h"
#include "progress.h"
#include "outfile.h"
#include "template.h"

#include <string.h>

static const char *const usage = N_(
	"usage: baocao template --unit CODE --period P [-o FILE]\n"
	"                       [--fixed-time TS]\n"
	"       baocao template --all --period P --dir DIR [--fixed-time TS]\n\n"
	"Writes the Excel workbook a unit fills in for a period: a cover\n"
	"(period, deadline, how to send, who signs), one sheet per form it\n"
	"owes, its tables with room for rows, and its narrative report, one\n"
	"cell per outline section.  The hidden sheets _fields and _meta map\n"
	"every input cell to its form and field, for 'import'.  A file is\n"
	"written only once complete: a link is followed and its target\n"
	"written, an existing file keeps its mode, a FIFO or a device is\n"
	"written into, never replaced.\n\n"
	"  --unit CODE      the unit; FILE defaults to CODE-P.xlsx here, '-'\n"
	"                   is standard output\n"
	"  --all            every unit that owes something, as DIR/CODE.xlsx\n"
	"                   (a unit whose code is not a-z, 0-9, '-' is skipped,\n"
	"                   with a warning)\n"
	"  --fixed-time TS  the timestamp written into the files (for\n"
	"                   byte-identical output)\n");

enum { O_UNIT, O_PERIOD, O_OUT, O_ALL, O_DIR, O_FIXED };

static int one(bc_cli *c, cli_opt *opts, bc_time fixed)
{
	const char *period = opts[O_PERIOD].value;
	bc_unit u;
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	int r = cli_unit_arg(c, opts[O_UNIT].value, &u);
	if (r != EXIT_OK)
		return r;
	const char *unit = u.code;
	char *path = opts[O_OUT].set ? bc_strdup(opts[O_OUT].value)
				     : bc_sprintf("%s-%s.xlsx", unit, period);
	rc = path ? bc_template_write(c->st, c->rb, unit, period, path, fixed,
				      &c->diags)
		  : BC_ERR_NOMEM;
	if (rc == BC_OK && c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s}", "unit", unit,
					 "period", period, "file", path));
	else if (rc == BC_OK) {
		char who[512];
		fprintf(stderr, _("%s: template of %s for %s written\n"),
			bc_outfile_name(path),
			cli_unit_text(c, unit, who, sizeof who), period);
	}
	bc_free(path);
	bc_unit_free(&u);
	return cli_finish(c, rc);
}

static int all(bc_cli *c, cli_opt *opts, bc_time fixed)
{
	const char *period = opts[O_PERIOD].value, *dir = opts[O_DIR].value;
	char **files = NULL;
	size_t n = 0;
	bc_err rc = cli_open(c, false);
	cli_progress pr;
	cli_progress_begin(&pr, c->json, CLI_PROGRESS_UNITS, 0);
	bc_progress cb = {cli_progress_cb, &pr};
	if (rc == BC_OK)
		rc = bc_template_write_all(c->st, c->rb, period, dir, fixed,
					   &cb, &files, &n, &c->diags);
	cli_progress_end(&pr);
	if (rc == BC_OK && c->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_string(files[i]));
		cli_print_json(json_pack("{s:s, s:o}", "period", period,
					 "files", a));
	} else if (rc == BC_OK) {
		fprintf(stderr,
			P_("%s: %zu template for %s written\n",
			   "%s: %zu templates for %s written\n", n),
			dir, n, period);
	}
	bc_template_files_free(files, n);
	return cli_finish(c, rc);
}

int cmd_template(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {[O_UNIT] = {.name = "--unit", .takes_arg = true},
			  [O_PERIOD] = {.name = "--period", .takes_arg = true},
			  [O_OUT] = {.name = "-o", .takes_arg = true},
			  [O_ALL] = {.name = "--all"},
			  [O_DIR] = {.name = "--dir", .takes_arg = true},
			  [O_FIXED] = {.name = "--fixed-time", .takes_arg = true},
			  {.name = NULL}};
	int npos, r = cli_parse(c, argc, argv, opts, NULL, 0, &npos, usage);
	bc_time fixed = 0;
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (!opts[O_PERIOD].set)
		return cli_usage_error(usage, _("template needs --period"));
	if (opts[O_ALL].set == opts[O_UNIT].set)
		return cli_usage_error(usage, _("give either --unit or --all"));
	if (opts[O_ALL].set && (!opts[O_DIR].set || opts[O_OUT].set))
		return cli_usage_error(usage, _("--all writes into --dir DIR, "
						"not -o"));
	if (opts[O_UNIT].set && opts[O_DIR].set)
		return cli_usage_error(usage,
				       _("--dir goes with --all; use -o"));
	if (opts[O_ALL].set && !strcmp(opts[O_DIR].value, "-"))
		return cli_usage_error(usage, _("--all writes many workbooks: "
						"--dir takes a directory, not "
						"'-'"));
	if (opts[O_OUT].set && !strcmp(opts[O_OUT].value, "-") && c->json)
		return cli_usage_error(usage, _("-o - writes the workbook on "
						"standard output, where --json "
						"would print too"));
	if (opts[O_FIXED].set &&
	    !bc_time_parse_any(opts[O_FIXED].value, c->tz_offset, &fixed, NULL))
		return cli_usage_error(usage,
				       _("--fixed-time takes a timestamp"));
	/* Named as the program writes it: 2023-q1 makes CODE-2023-Q1.xlsx. */
	char canon[BC_PERIOD_CODE_MAX];
	if (bc_period_code_canon(opts[O_PERIOD].value, canon) == BC_OK)
		opts[O_PERIOD].value = canon;
	return opts[O_ALL].set ? all(c, opts, fixed) : one(c, opts, fixed);
}

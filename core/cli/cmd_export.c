/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "export.h"
#include "mem.h"
#include "period.h"
#include "outfile.h"
#include "progress.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const usage = N_(
	"usage: baocao export PERIOD -o OUT [--format FMT] [--as-of DATE]\n"
	"           [--date DATE] [--plugins DIR] [--fixed-time TS]\n"
	"       baocao export PERIOD --format submission -o OUT --signer NAME\n"
	"           --signer-title TITLE [--unit UNIT] [--forms a,b]\n"
	"           [--as-of DATE] [--date DATE]\n\n"
	"Writes the period's figures.  Built-in formats: xlsx (the official\n"
	"workbook), csv (every value in force in the import format, then\n"
	"the aggregate; UTF-8 with a BOM, so that Excel opens it with its\n"
	"diacritics; text a spreadsheet would run as a formula gets an\n"
	"apostrophe before it, which import takes off again), json (the\n"
	"aggregate with each unit's values), submission (the district's\n"
	"figures as its own submission to the level above: the JSON a unit\n"
	"sends, which the level above imports).  Any other FMT names an\n"
	"exporter plugin, FMT.so or FMT.lua, looked for in\n"
	"--plugins DIR, then $BAOCAO_PLUGIN_PATH, then the plugins shipped\n"
	"with baocao (html, md).  Without --format, the extension of OUT\n"
	"names the format (q1.xlsx, q1.csv, q1.html, ...).  OUT is written\n"
	"only when the export succeeds; '-' is standard output.  A link is\n"
	"followed and its target written; an existing file keeps its mode;\n"
	"a FIFO or a device (/dev/null) is written into, never replaced.\n\n"
	"  --format FMT     the format, whatever OUT's extension\n"
	"  --as-of DATE     count what was received up to the end of\n"
	"                   DATE (dd/mm/yyyy or YYYY-MM-DD): the units'\n"
	"                   status (the report's \"as of\" day), the\n"
	"                   revision in force of each form, the figures.\n"
	"                   Default: today (not after --date).  For a\n"
	"                   past period's report as it stood when due,\n"
	"                   give its compile deadline (04/03/2023 for\n"
	"                   2023-Q1)\n"
	"  --date DATE      the date the document bears under its title\n"
	"                   (day, month, year); default: the as-of day.\n"
	"                   Not before --as-of (a submission's: the day\n"
	"                   it is signed)\n"
	"  --fixed-time TS  the time written into the file as when it was\n"
	"                   made, and \"today\" (for byte-identical output)\n\n"
	"With --format submission only:\n"
	"  --signer NAME    who signs the submission (required)\n"
	"  --signer-title TITLE\n"
	"                   the signer's title (required)\n"
	"  --unit UNIT      the unit it is sent as, by its code or its name;\n"
	"                   default: the root of the units (the district)\n"
	"  --forms a,b      the forms it holds (ids of the period's rules);\n"
	"                   default: every form some unit sent\n");

/* Says why, then lists the formats available; a usage error. */
static int no_format(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int no_format(const char *path, const char *fmt, ...)
{
	char **names;
	size_t n;
	va_list ap;
	fputs("baocao: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(_("; formats available:"), stderr);
	if (bc_export_formats(path, &names, &n) == BC_OK)
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, " %s", names[i]);
	fputc('\n', stderr);
	bc_export_formats_free(names, n);
	return EXIT_USAGE;
}

/* The format out's extension names, in any case (Q1.XLSX), into
 * fmt[n]; false when it names none of those available. */
static bool format_of(const char *out, const char *path, char *fmt, size_t n)
{
	const char *base = strrchr(out, '/');
	const char *dot = strrchr(base ? base + 1 : out, '.');
	char **names;
	size_t k;
	bool found = false;
	if (!dot || !dot[1] || bc_export_formats(path, &names, &k) != BC_OK)
		return false;
	for (size_t i = 0; i < k && !found; i++)
		if ((found = !strcasecmp(names[i], dot + 1)))
			snprintf(fmt, n, "%s", names[i]);
	bc_export_formats_free(names, k);
	return found;
}

/* An export made by default after the period's compile deadline counts
 * what came since and bears today's date: say how to have the report as
 * it stood when due. */
static void past_due_note(bc_cli *c, const char *period, bc_date as_of)
{
	bc_period p;
	bc_diags ignore = BC_DIAGS_INIT;
	if (bc_period_get(c->st, c->rb, period, &p, &ignore) == BC_OK &&
	    as_of > p.compile_due) {
		char due[BC_DATE_BUF];
		bc_date_format_dmy(p.compile_due, due);
		fprintf(stderr,
			_("note: %s was to be compiled by %s; --as-of %s "
			  "gives the report as it stood then, dated so\n"),
			p.code, due, due);
	}
	bc_period_free(&p);
	bc_diags_free(&ignore);
}

enum {
	O_FORMAT,
	O_OUT,
	O_PLUGINS,
	O_FIXED,
	O_AS_OF,
	O_DATE,
	O_UNIT,
	O_SIGNER,
	O_TITLE,
	O_FORMS,
};

/* The options into o; a usage error printed (false) when one is bad. */
static bool read_opts(bc_cli *c, cli_opt *opts, bc_export_opts *o)
{
	o->as_of = o->date = BC_DATE_NONE;
	if (opts[O_FIXED].set && !bc_time_parse_any(opts[O_FIXED].value,
						c->tz_offset, &o->fixed_time,
						NULL)) {
		cli_usage_error(usage, _("--fixed-time takes a timestamp"));
		return false;
	}
	if ((opts[O_AS_OF].set && !cli_date_arg(usage, "--as-of",
						opts[O_AS_OF].value,
						&o->as_of)) ||
	    (opts[O_DATE].set && !cli_date_arg(usage, "--date",
					       opts[O_DATE].value, &o->date)))
		return false;
	/* A document cannot speak of receipts after its own date. */
	if (o->as_of != BC_DATE_NONE && o->date != BC_DATE_NONE &&
	    o->date < o->as_of) {
		cli_usage_error(usage,
				_("--date %s is before --as-of %s: a report "
				  "is dated on or after the day its figures "
				  "are counted to"),
				opts[O_DATE].value, opts[O_AS_OF].value);
		return false;
	}
	return true;
}

/* The options of a submission into o->sender; a usage error printed
 * (false) when they do not go with the format or one is missing. */
static bool sender_opts(cli_opt *opts, bc_export_opts *o)
{
	bool sub = !strcmp(o->format, "submission");
	for (int i = O_UNIT; !sub && i <= O_FORMS; i++)
		if (opts[i].set) {
			cli_usage_error(usage,
					_("%s goes with --format submission "
					  "only"),
					opts[i].name);
			return false;
		}
	if (sub && (!opts[O_SIGNER].set || !*opts[O_SIGNER].value ||
		    !opts[O_TITLE].set || !*opts[O_TITLE].value)) {
		cli_usage_error(usage,
				_("--format submission needs --signer and "
				  "--signer-title: the level above refuses a "
				  "submission nobody signed"));
		return false;
	}
	o->sender = (bc_export_sender){
		.signer_name = opts[O_SIGNER].value,
		.signer_title = opts[O_TITLE].value,
		.forms = opts[O_FORMS].value};
	return true;
}

/* The ids of --forms that name no form of the period's rules, said as
 * a usage error (period's own errors are bc_export's to say). */
static int forms_known(bc_cli *c, const char *period, const char *forms)
{
	bc_period p;
	bc_diags ignore = BC_DIAGS_INIT;
	char unknown[256] = "", id[64];
	size_t o = 0;
	size_t len = strlen(forms);
	bool empty = !len || forms[len - 1] == ',';
	if (bc_period_get(c->st, c->rb, period, &p, &ignore) != BC_OK) {
		bc_diags_free(&ignore);
		return EXIT_OK;
	}
	for (const char *f = forms; *f;) {
		len = strcspn(f, ",");
		snprintf(id, sizeof id, "%.*s", (int)len, f);
		empty |= len == 0;
		if (len && !bc_ruleset_form(p.rs, id) && o < sizeof unknown)
			o += (size_t)snprintf(unknown + o, sizeof unknown - o,
					      "%s%s", o ? ", " : "", id);
		f += len + (f[len] == ',');
	}
	char known[1024] = "";
	for (size_t i = 0, k = 0; i < p.rs->n_forms && k < sizeof known; i++)
		k += (size_t)snprintf(known + k, sizeof known - k, "%s%s",
				      i ? ", " : "", p.rs->forms[i].id);
	int r = EXIT_OK;
	if (empty)
		r = cli_usage_error(usage, _("--forms takes form ids separated "
					     "by commas"));
	else if (o)
		r = cli_usage_error(usage,
				    _("--forms: %s: no such form in ruleset %s, "
				      "whose forms are %s"),
				    unknown, p.rs->id, known);
	bc_period_free(&p);
	bc_diags_free(&ignore);
	return r;
}

/* The unit and forms of a submission checked against the database and
 * rules; *u holds the unit named, which o->sender borrows. */
static int sender_known(bc_cli *c, const char *period, cli_opt *opts,
			bc_export_opts *o, bc_unit *u)
{
	int r = opts[O_UNIT].set ? cli_unit_arg(c, opts[O_UNIT].value, u)
				 : EXIT_OK;
	if (r == EXIT_OK && opts[O_UNIT].set)
		o->sender.unit = u->code;
	if (r == EXIT_OK && opts[O_FORMS].set)
		r = forms_known(c, period, opts[O_FORMS].value);
	return r;
}

int cmd_export(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--format", .takes_arg = true},
			  {.name = "-o", .takes_arg = true},
			  {.name = "--plugins", .takes_arg = true},
			  {.name = "--fixed-time", .takes_arg = true},
			  {.name = "--as-of", .takes_arg = true},
			  {.name = "--date", .takes_arg = true},
			  {.name = "--unit", .takes_arg = true},
			  {.name = "--signer", .takes_arg = true},
			  {.name = "--signer-title", .takes_arg = true},
			  {.name = "--forms", .takes_arg = true},
			  {.name = NULL}};
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 1, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1 || !opts[O_OUT].set)
		return cli_usage_error(usage, _("export needs PERIOD and -o"));
	bc_export_opts o = {.out = opts[O_OUT].value,
			    .tz_offset = c->tz_offset};
	if (!read_opts(c, opts, &o))
		return EXIT_USAGE;
	char *path = cli_plugin_path(opts[O_PLUGINS].value);
	if (!path)
		return cli_finish(c, BC_ERR_NOMEM);
	o.plugin_path = path;
	char fmt[256];
	o.format = opts[O_FORMAT].set ? opts[O_FORMAT].value
		   : format_of(o.out, path, fmt, sizeof fmt) ? fmt
							     : NULL;
	if (!o.format) {
		r = no_format(path,
			      _("-o %s: its extension names no export format; "
				"give one with --format"),
			      o.out);
		bc_free(path);
		return r;
	}
	if (!sender_opts(opts, &o)) {
		bc_free(path);
		return EXIT_USAGE;
	}
	bc_unit u = {0};
	bc_err rc = cli_open(c, false);
	if (rc == BC_OK && (r = sender_known(c, pos[0], opts, &o, &u))) {
		bc_unit_free(&u);
		bc_free(path);
		return r;
	}
	cli_progress pr;
	cli_progress_begin(&pr, c->json, CLI_PROGRESS_PARTS, 0);
	o.progress = (bc_progress){cli_progress_cb, &pr};
	if (rc == BC_OK)
		rc = bc_export(c->st, c->rb, pos[0], &o, &c->diags);
	cli_progress_end(&pr);
	bc_unit_free(&u);
	int code;
	if (rc == BC_ERR_NOT_FOUND && c->diags.errors == 0) {
		code = no_format(path, _("no export format '%s'"), o.format);
	} else {
		/* A plugin that cannot be used is an environment error. */
		code = cli_finish(c, rc);
		char as_of[BC_DATE_BUF], date[BC_DATE_BUF];
		if (rc == BC_OK) {
			bc_date_format_dmy(o.as_of, as_of);
			bc_date_format_dmy(o.date, date);
			fprintf(stderr,
				_("%s: written (%s), as of %s, dated %s\n"),
				bc_outfile_name(o.out), o.format, as_of,
				date);
			if (!opts[O_AS_OF].set && !opts[O_DATE].set)
				past_due_note(c, pos[0], o.as_of);
		}
	}
	bc_free(path);
	return code;
}

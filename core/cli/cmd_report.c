/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "docx.h"
#include "i18n.h"
#include "outfile.h"
#include "report.h"

#include <string.h>

static const char *const usage = N_(
	"usage: baocao report PERIOD -o FILE.docx [--unit UNIT] [--number N]\n"
	"           [--date DATE] [--signer NAME]\n\n"
	"Writes the report of PERIOD as a Word document laid out as Decree\n"
	"30/2020 lays out an official document: the header with the\n"
	"issuing body, number, national motto, place and date; the title;\n"
	"the body along the outline of the period's rules, each section\n"
	"with the sentences its rules write around the figures and then the\n"
	"units' own texts of that section under their names; the signer\n"
	"and the recipients; then the appendices: the indicators, each form's\n"
	"figures by level beside the same period last year, the lists the\n"
	"units gave and who reported when.  What was received up to the end\n"
	"of the document's date counts.  FILE is written only when the\n"
	"report is; a link is followed, a FIFO or a device written into.\n\n"
	"  --unit UNIT    a unit's own report to the body above, from its own\n"
	"                 submission (its figures, its texts, its header),\n"
	"                 by its code or its name; default: the district's\n"
	"  --number N     the document's number: 45 goes into the rules'\n"
	"                 pattern (45/BC-UBND), 45/BC-UBND is taken whole;\n"
	"                 default: a space the clerk writes it in\n"
	"  --date DATE    the document's date (dd/mm/yyyy or YYYY-MM-DD);\n"
	"                 default: today\n"
	"  --signer NAME  the signer's name under the signature; default:\n"
	"                 with --unit, who signed the unit's submission;\n"
	"                 else none, written by hand\n");

enum { O_OUT, O_UNIT, O_NUMBER, O_DATE, O_SIGNER };

/* What --json prints of a report written. */
static void written_json(const char *period, const char *out,
			 const bc_report_opts *o)
{
	json_t *j = json_object();
	json_object_set_new(j, "period", json_string(period));
	json_object_set_new(j, "unit", cli_json_str(o->unit));
	json_object_set_new(j, "date", bc_date_json(o->date));
	json_object_set_new(j, "written", json_string(out));
	cli_print_json(j);
}

int cmd_report(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "-o", .takes_arg = true},
			  {.name = "--unit", .takes_arg = true},
			  {.name = "--number", .takes_arg = true},
			  {.name = "--date", .takes_arg = true},
			  {.name = "--signer", .takes_arg = true},
			  {.name = NULL}};
	const char *pos[1];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 1, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1 || !opts[O_OUT].set || !*opts[O_OUT].value)
		return cli_usage_error(usage, _("report needs PERIOD and -o"));
	bc_report_opts o = {.date = BC_DATE_NONE, .tz_offset = c->tz_offset,
			    .number = opts[O_NUMBER].value,
			    .signer = opts[O_SIGNER].value};
	if (opts[O_DATE].set &&
	    !cli_date_arg(usage, "--date", opts[O_DATE].value, &o.date))
		return EXIT_USAGE;
	bc_err rc = cli_open(c, false);
	bc_unit u = {0};
	if (rc == BC_OK && opts[O_UNIT].set) {
		if ((r = cli_unit_arg(c, opts[O_UNIT].value, &u)) != EXIT_OK)
			return r;
		o.unit = u.code;
	}
	bc_report *rep = NULL;
	if (rc == BC_OK)
		rc = bc_report_open(c->st, c->rb, pos[0], &o, &rep, &c->diags);
	/* The document is built as it is written (report.h). */
	if (rc == BC_OK)
		rc = bc_docx_write(bc_report_doc(rep), opts[O_OUT].value,
				   &c->diags);
	bc_report_close(rep);
	int code = cli_finish(c, rc);
	if (rc == BC_OK) {
		char date[BC_DATE_BUF];
		bc_date_format_dmy(o.date, date);
		if (c->json)
			written_json(pos[0], opts[O_OUT].value, &o);
		else
			fprintf(stderr, _("%s: written, the report of %s dated %s\n"),
				bc_outfile_name(opts[O_OUT].value), pos[0], date);
	}
	bc_unit_free(&u);
	return code;
}

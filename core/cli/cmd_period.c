/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "derived.h"
#include "i18n.h"
#include "period.h"
#include "period_json.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage = N_(
	"usage: baocao period show PERIOD\n"
	"       baocao period calendar YEAR\n"
	"       baocao period advance PERIOD --due DATE --doc REF\n"
	"       baocao period add-adhoc CODE --from DATE --to DATE --due DATE "
	"--doc REF\n"
	"                               [--compile-due DATE] [--forms a,b]\n\n"
	"PERIOD is YYYY-TYPE with a type of the ruleset in force (2023-Q1),\n"
	"or YYYY-<ad-hoc prefix><n> for an ad-hoc report (2023-DX1).\n"
	"Period codes are read in either case (2023-q1 is 2023-Q1).\n"
	"DATE is dd/mm/yyyy (or YYYY-MM-DD).\n\n"
	"advance    moves the unit deadline earlier than the rules' date,\n"
	"           by the document REF, where the rules allow it.  Each\n"
	"           advance is kept with its document; the last recorded is\n"
	"           in force, even one setting a later day than the one\n"
	"           before (a new document giving back some days), never\n"
	"           the rules' date or later.  show --json gives it as\n"
	"           advanced_by, those it replaced as superseded_advances.\n"
	"add-adhoc  creates an ad-hoc report with its own window and\n"
	"           deadline; --forms names the forms it asks for (ids of\n"
	"           the ruleset's forms, or report), all when not given\n");

/* The advances the one in force superseded (all of v but the last),
 * oldest first. */
static json_t *superseded_json(const bc_cli *c, const bc_advance *v,
			       size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i + 1 < n; i++) {
		char at[BC_TIME_BUF];
		bc_time_format(v[i].recorded_at, c->tz_offset, at);
		json_array_append_new(
			a, json_pack("{s:s, s:o, s:s}", "doc", v[i].doc,
				     "unit_due", bc_date_json(v[i].unit_due),
				     "recorded_at", at));
	}
	return a;
}

static void period_print(const bc_period *p, const bc_advance *v, size_t n)
{
	char from[BC_DATE_BUF], to[BC_DATE_BUF], due[BC_DATE_BUF],
		comp[BC_DATE_BUF];
	bc_date_format_dmy(p->from, from);
	bc_date_format_dmy(p->to, to);
	bc_date_format_dmy(p->unit_due, due);
	bc_date_format_dmy(p->compile_due, comp);
	cli_col(stdout, p->code, 10, false);
	printf(_(" %s → %s  units due %s  compiled by %s  %s  [%s]"), from,
	       to, due, comp, p->label, p->rs->id);
	if (p->advanced_doc)
		printf(_("  (advanced by %s)"), p->advanced_doc);
	for (size_t i = 0; i + 1 < n; i++) {
		bc_date_format_dmy(v[i].unit_due, due);
		printf("%s%s → %s%s", i ? "; " : _("  (superseding "),
		       v[i].doc, due, i + 2 == n ? ")" : "");
	}
	if (p->doc)
		printf(_("  (asked by %s)"), p->doc);
	char parts[256];
	bc_period_parts_text(p, parts, sizeof parts);
	if (p->derived)
		printf(_("  (computed: %s; nothing is sent for it)"), parts);
	printf("\n");
}

/* The period as --json shows it into *json (the object of docs/cli.md, with
 * "superseded_advances" when an advance replaced others), or printed as
 * a line of text when json is NULL. */
static bc_err period_out(bc_cli *c, const bc_period *p, json_t **json)
{
	bc_advance *v;
	size_t n;
	bc_err rc = bc_period_advances(c->st, p, &v, &n, &c->diags);
	if (rc != BC_OK)
		return rc;
	if (json && (*json = bc_period_json(p)) && n > 1)
		json_object_set_new(*json, "superseded_advances",
				    superseded_json(c, v, n));
	else if (json && !*json)
		rc = BC_ERR_NOMEM;
	else if (!json)
		period_print(p, v, n);
	bc_period_advances_free(v, n);
	return rc;
}

static int period_show(bc_cli *c, const char *code)
{
	bc_period p;
	json_t *j = NULL;
	bc_err rc = cli_open(c, false);
	if (rc == BC_OK)
		rc = bc_period_get(c->st, c->rb, code, &p, &c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	if (p.rules_changed)
		fprintf(stderr,
			_("note: %s keeps the version of %s it was recorded "
			  "with; the rules directory now holds another\n"),
			p.code, p.rs->id);
	rc = period_out(c, &p, c->json ? &j : NULL);
	if (rc == BC_OK && j)
		cli_print_json(j);
	bc_period_free(&p);
	return cli_finish(c, rc);
}

static int period_calendar(bc_cli *c, const char *year_s)
{
	char *end;
	long year = strtol(year_s, &end, 10);
	if (*end || end == year_s || year < 1900 || year > 9999)
		return cli_usage_error(usage, _("'%s' is not a year"), year_s);
	bc_period *v;
	size_t n;
	bc_err rc = cli_open(c, false);
	if (rc == BC_OK)
		rc = bc_period_calendar(c->st, c->rb, (int)year, &v, &n,
					&c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	json_t *arr = c->json ? json_array() : NULL;
	for (size_t i = 0; rc == BC_OK && i < n; i++) {
		json_t *j = NULL;
		rc = period_out(c, &v[i], arr ? &j : NULL);
		if (j)
			json_array_append_new(arr, j);
	}
	if (rc == BC_OK && arr)
		cli_print_json(json_pack("{s:i, s:o}", "year", (int)year,
					 "periods", arr));
	else
		json_decref(arr);
	bc_period_list_free(v, n);
	return cli_finish(c, rc);
}

static int period_advance(bc_cli *c, const char *code, cli_opt *o)
{
	bc_date due;
	if (!o[0].set || !o[1].set)
		return cli_usage_error(usage,
				       _("advance needs --due and --doc"));
	if (!cli_date_arg(usage, "--due", o[0].value, &due))
		return EXIT_USAGE;
	bc_err rc = cli_open(c, false);
	if (rc == BC_OK)
		rc = bc_period_advance(c->st, c->rb, code, due, o[1].value,
				       &c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	char canon[BC_PERIOD_CODE_MAX], day[BC_DATE_BUF];
	bc_period_code_canon(code, canon);
	bc_date_format_dmy(due, day);
	fprintf(stderr, _("%s: units now due %s, by %s\n"), canon, day,
		o[1].value);
	return period_show(c, canon);
}

/* o is cmd_period's options: due, doc, from, to, forms, compile-due. */
static int period_adhoc(bc_cli *c, const char *code, cli_opt *o)
{
	bc_adhoc a = {.code = code, .compile_due = BC_DATE_NONE};
	if (!o[0].set || !o[1].set || !o[2].set || !o[3].set)
		return cli_usage_error(usage, _("add-adhoc needs --from, --to, "
						"--due and --doc"));
	if (!cli_date_arg(usage, "--due", o[0].value, &a.unit_due) ||
	    !cli_date_arg(usage, "--from", o[2].value, &a.from) ||
	    !cli_date_arg(usage, "--to", o[3].value, &a.to) ||
	    (o[5].set &&
	     !cli_date_arg(usage, "--compile-due", o[5].value, &a.compile_due)))
		return EXIT_USAGE;
	a.doc = o[1].value;
	a.forms = o[4].set ? o[4].value : NULL;
	bc_err rc = cli_open(c, false);
	if (rc == BC_OK)
		rc = bc_period_add_adhoc(c->st, c->rb, &a, &c->diags);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	return period_show(c, code);
}

int cmd_period(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {
		{.name = "--due", .takes_arg = true},
		{.name = "--doc", .takes_arg = true},
		{.name = "--from", .takes_arg = true},
		{.name = "--to", .takes_arg = true},
		{.name = "--forms", .takes_arg = true},
		{.name = "--compile-due", .takes_arg = true},
		{.name = NULL},
	};
	const char *pos[2];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 2, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	const char *sub = npos ? pos[0] : "";
	if (npos == 2 && strcmp(sub, "show") == 0)
		return period_show(c, pos[1]);
	if (npos == 2 && strcmp(sub, "calendar") == 0)
		return period_calendar(c, pos[1]);
	if (npos == 2 && strcmp(sub, "advance") == 0)
		return period_advance(c, pos[1], opts);
	if (npos == 2 && strcmp(sub, "add-adhoc") == 0)
		return period_adhoc(c, pos[1], opts);
	return cli_usage_error(usage, _("period: say show, calendar, advance "
					"or add-adhoc"));
}

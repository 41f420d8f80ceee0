/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "derived.h"
#include "i18n.h"
#include "period.h"
#include "period_json.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage = N_(
	"usage: baocao period show PERIOD\n"
	"       baocao period calendar YEAR\n"
	"       baocao period advance PERIOD --due DATE --doc REF\n"
	"       baocao period add-adhoc CODE --from DATE --to DATE --due DATE "
	"--doc REF\n"
	"                               [--compile-due DATE] [--forms a,b]\n"
	"       baocao period rules PERIOD [--doc REF] [--apply [--force]]\n\n"
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
	"           the ruleset's forms, or report), all when not given\n"
	"rules      moves a recorded period to the ruleset in force for it\n"
	"           now, by the document REF, after checking its submissions\n"
	"           again ('baocao period rules --help')\n");

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

/* A run of days as a count of working days met it, on a line. */
static void run_print(const bc_dayrun *r)
{
	char from[BC_DATE_BUF], to[BC_DATE_BUF], days[40];
	bc_date_format_dmy(r->from, from);
	bc_date_format_dmy(r->to, to);
	if (r->from == r->to)
		snprintf(days, sizeof days, "%s", from);
	else
		snprintf(days, sizeof days, "%s – %s", from, to);
	fputs("             ", stdout);
	cli_col(stdout, days, 23, false);
	putchar(' ');
	bool one = r->first == r->last;
	if (r->kind == BC_DAY_WORKING && one)
		printf(_("working day %d"), r->first);
	else if (r->kind == BC_DAY_WORKING)
		printf(_("working days %d–%d"), r->first, r->last);
	else if (r->kind == BC_DAY_MAKEUP && one)
		printf(_("worked (%s): working day %d"), r->label, r->first);
	else if (r->kind == BC_DAY_MAKEUP)
		printf(_("worked (%s): working days %d–%d"), r->label,
		       r->first, r->last);
	else if (r->kind == BC_DAY_HOLIDAY)
		printf(_("day off: %s"), r->label);
	else
		fputs(_("weekend"), stdout);
	putchar('\n');
}

/* The end of a line saying a deadline of p: how rule counted its
 * working days to due, a line a run of days, when it does. */
static bc_err count_print(const bc_period *p, const bc_due *rule, bc_date due)
{
	bc_dayrun *r;
	size_t n;
	char after[BC_DATE_BUF];
	if (!rule->workdays) {
		putchar('\n');
		return BC_OK;
	}
	bc_date_format_dmy(p->to, after);
	printf(P_(", %d working day after %s:\n",
		  ", %d working days after %s:\n", rule->workdays),
	       rule->workdays, after);
	bc_err rc = bc_period_due_runs(p, rule, due, &r, &n);
	for (size_t i = 0; rc == BC_OK && i < n; i++)
		run_print(&r[i]);
	bc_free(r);
	return rc;
}

/* A kind's or level's own unit deadline of p, and how it was counted
 * (when an advance moved it, the advance instead). */
static bc_err due_for_print(const bc_period *p, const bc_period_due *x)
{
	const bc_due_for *f = x->of;
	const char *doc, *label;
	char day[BC_DATE_BUF];
	bc_date due = bc_period_due_in_force(p, x->rules_due, &doc);
	const bc_unit_kind *k = f->kind ? bc_ruleset_kind(p->rs, f->kind) : NULL;
	const bc_level *l = f->level ? bc_ruleset_level(p->rs, f->level) : NULL;
	label = k ? k->label : l ? l->label : f->kind ? f->kind : f->level;
	bc_date_format_dmy(due, day);
	fputs("           ", stdout);
	if (f->kind)
		printf(_("units of kind %s (%s) due %s"), label, f->kind, day);
	else
		printf(_("units of level %s (%s) due %s"), label, f->level, day);
	if (!doc)
		return count_print(p, &f->due, x->rules_due);
	printf(_(" (advanced by %s)\n"), doc);
	return BC_OK;
}

/* The deadlines of p counted in working days, or of kinds and levels
 * of their own: a line each, and how each was counted. */
static bc_err dues_print(const bc_period *p)
{
	const bc_period_type *pt = p->pt;
	char day[BC_DATE_BUF];
	bc_err rc = BC_OK;
	if (pt && pt->unit_due.workdays) {
		bc_date_format_dmy(p->rules_unit_due, day);
		fputs("           ", stdout);
		printf(p->advanced_doc ? _("the rules' unit deadline %s")
				       : _("units due %s"),
		       day);
		rc = count_print(p, &pt->unit_due, p->rules_unit_due);
	}
	for (size_t i = 0; rc == BC_OK && i < p->n_dues; i++)
		rc = due_for_print(p, &p->dues[i]);
	if (rc == BC_OK && pt && pt->compile_due.workdays) {
		bc_date_format_dmy(p->compile_due, day);
		fputs("           ", stdout);
		printf(_("compiled by %s"), day);
		rc = count_print(p, &pt->compile_due, p->compile_due);
	}
	return rc;
}

static bc_err period_print(const bc_period *p, const bc_advance *v, size_t n)
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
	return dues_print(p);
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
		rc = period_print(p, v, n);
	bc_period_advances_free(v, n);
	if (rc == BC_OK)
		rc = cli_rules_moves(c, p, json ? *json : NULL);
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
	cli_rules_note(c, &p);
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
	if (rc != BC_OK)
		return cli_finish(c, rc);
	rc = bc_period_calendar(c->st, c->rb, (int)year, &v, &n, &c->diags);
	/* Periods whose deadline cannot be counted are said on stderr; the
	 * others are listed, and the exit says some were not. */
	bc_err uncounted = rc == BC_ERR_RULES ? rc : BC_OK;
	if (uncounted)
		rc = BC_OK;
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
	return cli_finish(c, rc == BC_OK ? uncounted : rc);
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
	/* period rules has options of its own. */
	for (int i = 0; i < argc; i++)
		if (argv[i][0] != '-') {
			if (!strcmp(argv[i], "rules"))
				return cli_period_rules(c, argc, argv);
			break;
		}
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
	return cli_usage_error(usage, _("period: say show, calendar, advance, "
					"add-adhoc or rules"));
}

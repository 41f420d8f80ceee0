/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "receipt.h"
#include "review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage = N_(
	"usage: baocao revision correct-time UNIT PERIOD PART [--revision N]\n"
	"                --received-at TS --reason TEXT [--by NAME]\n"
	"       baocao revision correct-time UNIT PERIOD --file SHA256\n"
	"                --received-at TS --reason TEXT [--by NAME]\n\n"
	"Corrects the receipt time of a stored submission: the file that made\n"
	"PART's revision in force (or revision N of PART), or the file whose\n"
	"SHA-256 begins with SHA256 ('baocao history' shows both).  Every\n"
	"revision that file made takes the new time.  Nothing is overwritten:\n"
	"the correction is appended, with its reason, and the audit says who\n"
	"made it; status, history, the revision in force, aggregates and\n"
	"exports follow it, and history shows the time as imported beside it.\n"
	"A later correction of the same file replaces an earlier one.\n\n"
	"  --received-at TS  the right time (ISO 8601; +07:00 when no offset\n"
	"                    is given); not later than now, not before the\n"
	"                    period began\n"
	"  --reason TEXT     why (the document or message giving the time)\n"
	"Exit 0 when corrected, 1 when the time or reason is refused, 2 when\n"
	"no such revision or file.\n\n"
	"       baocao revision void UNIT PERIOD PART [--revision N]\n"
	"                --reason TEXT [--by NAME]\n\n"
	"Withdraws a revision imported by mistake (the wrong unit's file, a\n"
	"test file): PART's latest revision, or revision N.  It stays stored,\n"
	"marked void with who, when and why; status, aggregates, exports and\n"
	"history use the revision in force without it (the one before, or\n"
	"none: the part is missing again).  A void is never undone: the\n"
	"file imported again is a new revision.  --by NAME says who corrects\n"
	"or voids (default: the user running baocao).  Exit 0 when voided,\n"
	"1 when refused (no reason, a part never sent, a revision void\n"
	"already), nothing recorded; 2 for an unknown unit, period, part or\n"
	"revision.\n");

static void say(bc_cli *c, const bc_receipt_fix *f, const bc_receipt_done *r)
{
	char was[BC_TIME_BUF], now[BC_TIME_BUF];
	if (c->json) {
		bc_time_format(r->was, r->was_offset, was);
		bc_time_format(f->received_at, f->offset, now);
		cli_print_json(json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "unit", f->unit,
			"period", f->period, "revisions", r->revisions,
			"sha256", r->sha256, "received_at", now, "was", was,
			"reason", f->reason));
		return;
	}
	/* A person reads both in the district's time, whatever offset
	 * either was written with. */
	bc_time_format_dmy(r->was, c->tz_offset, was);
	bc_time_format_dmy(f->received_at, c->tz_offset, now);
	char who[512];
	fprintf(stderr, "%s %s", cli_unit_text(c, f->unit, who, sizeof who),
		f->period);
	cli_parts_print(c, f->period, r->revisions);
	fprintf(stderr, _(" (sha256 %.12s…): received %s, not %s\n"),
		r->sha256, now, was);
}

static int correct_time(bc_cli *c, const char **pos, int npos,
			const cli_opt *opts)
{
	bc_receipt_fix f = {.unit = pos[1], .period = pos[2],
			    .part = npos == 4 ? pos[3] : NULL,
			    .number = opts[0].value ? atoi(opts[0].value) : 0,
			    .sha = opts[1].value, .reason = opts[3].value};
	if ((npos == 4) == (f.sha != NULL) || (opts[0].set && !f.part) ||
	    (opts[0].set && f.number < 1))
		return cli_usage_error(usage, _("revision correct-time: name "
						"PART [--revision N] or --file "
						"SHA256"));
	if (!opts[2].value || !opts[3].value)
		return cli_usage_error(usage, _("revision correct-time: "
						"--received-at and --reason "
						"are required"));
	if (f.sha && (strlen(f.sha) < 8 ||
		      strspn(f.sha, "0123456789abcdefABCDEF") != strlen(f.sha)))
		return cli_usage_error(usage, _("--file takes 8 or more hex "
						"digits of the file's "
						"SHA-256"));
	if (!bc_time_parse_any(opts[2].value, c->tz_offset, &f.received_at,
			       &f.offset))
		return cli_usage_error(usage, _("--received-at takes a date or "
						"a timestamp (26/02/2023 09:30 "
						"or 2023-02-26T09:30)"));
	bc_receipt_done r;
	bc_unit u;
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	int x = cli_unit_arg(c, f.unit, &u);
	if (x != EXIT_OK)
		return x;
	f.unit = u.code;
	rc = bc_receipt_correct(c->st, c->rb, &f, &r, &c->diags);
	if (rc == BC_OK)
		say(c, &f, &r);
	bc_receipt_done_free(&r);
	bc_unit_free(&u);
	return cli_finish(c, rc);
}

static void say_void(bc_cli *c, const bc_void_req *q, int number)
{
	if (c->json) {
		cli_print_json(json_pack("{s:s, s:s, s:s, s:i, s:s, s:s}",
					 "unit", q->unit, "period", q->period,
					 "part", q->part, "revision", number,
					 "reason", q->reason, "by", c->actor));
		return;
	}
	char who[512], part[96];
	snprintf(part, sizeof part, "%s r%d", q->part, number);
	fprintf(stderr, "%s %s", cli_unit_text(c, q->unit, who, sizeof who),
		q->period);
	cli_parts_print(c, q->period, part);
	fprintf(stderr, _(": void, by %s: %s\n"), c->actor, q->reason);
}

/* revision void UNIT PERIOD PART [--revision N] --reason TEXT */
static int void_revision(bc_cli *c, const char **pos, int npos,
			 const cli_opt *opts)
{
	if (npos != 4 || opts[1].set || opts[2].set ||
	    (opts[0].set && atoi(opts[0].value) < 1))
		return cli_usage_error(usage, _("revision void: name UNIT "
						"PERIOD PART [--revision N] "
						"--reason TEXT"));
	if (!opts[3].set)
		return cli_usage_error(usage, _("revision void: --reason is "
						"required"));
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_unit u;
	int x = cli_unit_arg(c, pos[1], &u);
	if (x != EXIT_OK)
		return x;
	bc_void_req q = {.unit = u.code, .period = pos[2], .part = pos[3],
			 .number = opts[0].set ? atoi(opts[0].value) : 0,
			 .reason = opts[3].value};
	int number;
	rc = bc_revision_void(c->st, c->rb, &q, &number, &c->diags);
	if (rc == BC_OK)
		say_void(c, &q, number);
	bc_unit_free(&u);
	return cli_finish(c, rc);
}

int cmd_revision(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {
		{.name = "--revision", .takes_arg = true},
		{.name = "--file", .takes_arg = true},
		{.name = "--received-at", .takes_arg = true},
		{.name = "--reason", .takes_arg = true},
		{.name = "--by", .takes_arg = true},
		{.name = NULL},
	};
	const char *pos[4];
	int npos, r = cli_parse(c, argc, argv, opts, pos, 4, &npos, usage);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos >= 1 && !strcmp(pos[0], "void"))
		return void_revision(c, pos, npos, opts);
	if (opts[4].set && !opts[4].value[strspn(opts[4].value, " \t")])
		return cli_usage_error(usage, _("--by: whose name?"));
	if (opts[4].set)
		c->actor = opts[4].value;
	if (npos >= 3 && !strcmp(pos[0], "correct-time"))
		return correct_time(c, pos, npos, opts);
	return cli_usage_error(usage, _("revision: say correct-time or void, "
					"then UNIT PERIOD …"));
}

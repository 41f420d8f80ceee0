/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "mem.h"
#include "review.h"

#include <string.h>

static const char *const usage = N_(
	"usage: baocao review return UNIT PERIOD [PART…] --reason TEXT\n"
	"                [--by NAME]\n"
	"       baocao review accept UNIT PERIOD [PART…] [--reason TEXT]\n"
	"                [--by NAME]\n\n"
	"The district's word on what a unit sent.  'return' sends parts back\n"
	"to the unit: each stops counting as received (status shows it\n"
	"returned, with the reason and date; aggregates and exports leave\n"
	"its figures out) until the unit sends a new revision.  'accept'\n"
	"marks parts as checked by the district; an acceptance after a\n"
	"return takes the return back.  Each acts on the revision in force\n"
	"of every PART named (a form such as bm3, or report), or, with none\n"
	"named, of every part the unit sent that it changes.  Nothing is\n"
	"overwritten: the review is appended, with who made it and when,\n"
	"and shows in status --json, history and the audit.  UNIT is the\n"
	"unit's code or its name.\n\n"
	"  --reason TEXT  why (required to return: what the unit is to\n"
	"                 check or correct)\n"
	"  --by NAME      who reviews (default: the user running baocao)\n"
	"Exit 0 when recorded; 1 when refused (a part never sent, already\n"
	"returned or accepted, no reason), nothing recorded; 2 for an\n"
	"unknown unit, period or part.\n");

static void say(bc_cli *c, const bc_review_req *q, const bc_acted_list *l)
{
	if (c->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l->n; i++)
			json_array_append_new(
				a, json_pack("{s:s, s:i}", "part", l->v[i].part,
					     "revision", l->v[i].number));
		cli_print_json(json_pack(
			"{s:s, s:s, s:s, s:o, s:s, s:s}", "unit", q->unit,
			"period", q->period, "verdict",
			bc_verdict_id(q->verdict), "revisions", a, "reason",
			q->reason ? q->reason : "", "by", c->actor));
		return;
	}
	char who[512], *parts = bc_acted_text(l);
	fprintf(stderr, "%s %s", cli_unit_text(c, q->unit, who, sizeof who),
		q->period);
	cli_parts_print(c, q->period, parts ? parts : "");
	bc_free(parts);
	if (q->verdict == BC_VERDICT_RETURN)
		fprintf(stderr, _(": returned to the unit by %s: %s\n"),
			c->actor, q->reason);
	else
		fprintf(stderr, _(": accepted by %s\n"), c->actor);
}

int cmd_review(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {
		{.name = "--reason", .takes_arg = true},
		{.name = "--by", .takes_arg = true},
		{.name = NULL},
	};
	const char *pos[64];
	const char *use = _(usage);
	int npos, r = cli_parse(c, argc, argv, opts, pos, 64, &npos, use);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	bool ret = npos > 0 && !strcmp(pos[0], "return");
	if (npos < 3 || (!ret && strcmp(pos[0], "accept")))
		return cli_usage_error(use, _("review: say return or accept, "
					      "then UNIT PERIOD [PART…]"));
	if (opts[1].set && !opts[1].value[strspn(opts[1].value, " \t")])
		return cli_usage_error(use, _("--by: whose name?"));
	if (opts[1].set)
		c->actor = opts[1].value;
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_unit u;
	r = cli_unit_arg(c, pos[1], &u);
	if (r != EXIT_OK)
		return r;
	bc_review_req q = {.unit = u.code, .period = pos[2],
			   .parts = pos + 3, .n_parts = (size_t)npos - 3,
			   .verdict = ret ? BC_VERDICT_RETURN : BC_VERDICT_ACCEPT,
			   .reason = opts[0].value};
	bc_acted_list done;
	rc = bc_review_record(c->st, c->rb, &q, &done, &c->diags);
	if (rc == BC_OK)
		say(c, &q, &done);
	bc_acted_list_free(&done);
	bc_unit_free(&u);
	return cli_finish(c, rc);
}

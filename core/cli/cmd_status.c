/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "derived.h"
#include "i18n.h"
#include "jsonout.h"
#include "text.h"
#include "status.h"
#include "status_json.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage = N_(
	"usage: baocao status PERIOD [--as-of DATE] [--since DATE]\n\n"
	"Who has reported for PERIOD, counting what was received up to the\n"
	"end of DATE in Vietnam time (default: today): for every unit that\n"
	"owes something, the parts received (revision in force, first\n"
	"receipt, on time or not) and missing, and its state: on time,\n"
	"late, partial or not sent (on_time, late, partial, missing in\n"
	"--json).  Timeliness is judged on each part's first receipt\n"
	"against the unit's deadline in force now (its kind's or level's\n"
	"own, where the rules give one: a column then shows it).  DATE is\n"
	"dd/mm/yyyy or YYYY-MM-DD.\n\n"
	"A part the district returned to the unit ('baocao review return')\n"
	"is missing again, shown with the date and reason, until the unit\n"
	"sends a new revision; a void revision is as if never received.\n\n"
	"  --since DATE  also list what happened from the start of DATE to\n"
	"                the end of the as-of day: every revision received,\n"
	"                returned, accepted or voided, with who and why\n");

/* s in a column of width, and at least one space after it. */
static void print_padded(const char *s, int width)
{
	cli_col(stdout, s, width, false);
	putchar(' ');
}

static int widest(int w, const char *s)
{
	int n = (int)bc_utf8_width(s);
	return n > w ? n : w;
}

/* The columns' widths: each header and everything under it fit, but
 * for a name longer than this, which is printed whole past its column
 * rather than push every other line's state across the screen. */
#define NAME_WIDTH_MAX 48

typedef struct columns {
	int code, name, state, got;
} columns;

static columns widths(const bc_status *s)
{
	columns w = {widest(0, C_("column", "code")),
		     widest(0, C_("column", "unit")),
		     widest(0, C_("column", "state")), widest(5, _("received"))};
	for (int k = BC_STATE_ON_TIME; k <= BC_STATE_MISSING; k++)
		w.state = widest(w.state, cli_state_text((bc_state)k));
	for (size_t i = 0; i < s->n; i++) {
		w.code = widest(w.code, s->units[i].unit.code);
		w.name = widest(w.name, s->units[i].unit.name);
	}
	w.name = w.name < NAME_WIDTH_MAX ? w.name : NAME_WIDTH_MAX;
	return w;
}

/* A part returned to the unit: when, and why. */
static void returned_print(const bc_part_status *p, int offset)
{
	if (!p->returned)
		return;
	char at[BC_DATE_BUF];
	bc_date_format_dmy(bc_time_date(p->reviewed_at, offset), at);
	printf(_(" (returned %s: %s)"), at, p->review_reason);
}

/* The parts received of those owed, then what the unit still owes,
 * each part as people call it. */
static void print_parts(const bc_status *s, const bc_unit_status *u,
			int width)
{
	size_t got = 0;
	for (size_t k = 0; k < u->owed.n_parts; k++)
		got += u->parts[k].revision > 0;
	char n[48];
	snprintf(n, sizeof n, "%zu/%zu", got, u->owed.n_parts);
	if (got == u->owed.n_parts) {
		printf("%s\n", n);
		return;
	}
	print_padded(n, width);
	bool first = true;
	for (size_t k = 0; k < u->owed.n_parts; k++) {
		if (u->parts[k].revision)
			continue;
		printf("%s%s", first ? "" : ", ",
		       bc_ruleset_part_name(s->period.rs, u->parts[k].part));
		first = false;
		returned_print(&u->parts[k], s->period.rs->directive.utc_offset);
		char codes[256];
		bc_period_parts_named(&s->period, u->parts[k].lacking, codes,
				      sizeof codes);
		if (*codes) /* a derived period's: the parts without it */
			printf(_(" (not in %s)"), codes);
	}
	putchar('\n');
}

/* part / whole as a percentage in tenths, rounded: 914 for 91.4%. */
static unsigned tenths(size_t part, size_t whole)
{
	return whole ? (unsigned)((1000.0 * (double)part / (double)whole) + 0.5)
		     : 0;
}

static void status_print(const bc_status *s)
{
	char due[BC_DATE_BUF], asof[BC_DATE_BUF];
	bool vary = bc_period_dues_vary(&s->period);
	bc_date_format_dmy(s->period.unit_due, due);
	bc_date_format_dmy(s->as_of, asof);
	char parts[256];
	bc_period_parts_text(&s->period, parts, sizeof parts);
	if (s->period.derived)
		printf(_("%s — %s: computed as %s, as of %s; a unit has a form "
			 "when every one of those periods has it\n\n"),
		       s->period.code, s->period.label, parts, asof);
	else if (vary)
		printf(_("%s — %s: each unit by its own deadline, as of %s\n\n"),
		       s->period.code, s->period.label, asof);
	else
		printf(_("%s — %s: due %s, as of %s\n\n"), s->period.code,
		       s->period.label, due, asof);
	columns w = widths(s);
	int w_due = widest(BC_DATE_BUF - 1, C_("column", "due"));
	print_padded(C_("column", "code"), w.code);
	print_padded(C_("column", "unit"), w.name);
	if (vary)
		print_padded(C_("column", "due"), w_due);
	print_padded(C_("column", "state"), w.state);
	print_padded(_("received"), w.got);
	printf("%s\n", _("missing"));
	for (size_t i = 0; i < s->n; i++) {
		const bc_unit_status *u = &s->units[i];
		print_padded(u->unit.code, w.code);
		print_padded(u->unit.name, w.name);
		bc_date_format_dmy(u->due, due);
		if (vary)
			print_padded(due, w_due);
		print_padded(cli_state_text(u->state), w.state);
		print_parts(s, u, w.got);
	}
	size_t n = s->n;
	printf(P_("\n%zu unit expected: %zu complete (%zu on time, %zu late), "
		  "%zu partial, %zu not sent",
		  "\n%zu units expected: %zu complete (%zu on time, %zu late), "
		  "%zu partial, %zu not sent",
		  n),
	       n, s->complete, s->on_time, s->late, s->partial, s->missing);
	/* Whole and tenths apart: the translation puts its own decimal
	 * sign between them (91,4% in Vietnamese). */
	unsigned r = tenths(s->complete, n), t = tenths(s->on_time, n);
	if (n)
		printf(_("; reporting rate %u.%u%%, on-time rate %u.%u%%"),
		       r / 10, r % 10, t / 10, t % 10);
	printf("\n");
}

/* The unit coded code as people read it: its name, else the code. */
static const char *unit_name(const bc_status *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->units[i].unit.code, code))
			return s->units[i].unit.name;
	return code;
}

static void event_print(const bc_status *s, const bc_event *e, int offset)
{
	char at[BC_TIME_DMY_BUF];
	bc_time_format_dmy(e->at, offset, at);
	printf("  %s  %s (%s): %s r%d ", at, unit_name(s, e->unit), e->unit,
	       bc_ruleset_part_name(s->period.rs, e->part), e->number);
	switch (e->kind) {
	case BC_EVENT_RECEIVED:
		printf(_("received (imported by %s)\n"), e->actor);
		break;
	case BC_EVENT_RETURNED:
		printf(_("returned to the unit by %s: %s\n"), e->actor,
		       e->reason);
		break;
	case BC_EVENT_ACCEPTED:
		printf(*e->reason ? _("accepted by %s: %s\n")
				  : _("accepted by %s\n"),
		       e->actor, e->reason);
		break;
	case BC_EVENT_VOIDED:
		printf(_("voided by %s: %s\n"), e->actor, e->reason);
		break;
	}
}

static void events_print(const bc_status *s, const bc_events *e,
			 bc_date since)
{
	char day[BC_DATE_BUF];
	bc_date_format_dmy(since, day);
	printf(_("\nSince %s:\n"), day);
	if (!e->n)
		printf(_("  nothing received, returned, accepted or voided\n"));
	for (size_t i = 0; i < e->n; i++)
		event_print(s, &e->v[i], s->period.rs->directive.utc_offset);
}

/* What cli_print_json prints of bc_status_json(s, true), a unit at a
 * time: "units" is its last member, and a country's units are ~100 MB
 * as one JSON tree.  With events, "since" and "events" come before it.
 * A failed write stops it, and is said once, at the end (textout.c);
 * BC_ERR_NOMEM when a unit's tree could not be built. */
static bc_err print_json(const bc_status *s, const bc_events *ev,
			 bc_date since)
{
	json_t *head = bc_status_json(s, false);
	if (head && ev &&
	    (json_object_set_new(head, "since", bc_date_json(since)) ||
	     json_object_set_new(head, "events",
				 bc_events_json(ev, s->period.rs->directive
							    .utc_offset)))) {
		json_decref(head);
		head = NULL;
	}
	if (!head)
		return BC_ERR_NOMEM;
	bc_jw w;
	bc_err rc = BC_OK;
	bc_jw_init_file(&w, CLI_JSON_FLAGS, stdout);
	bc_jw_object_then_list(&w, head, "units");
	for (size_t i = 0; rc == BC_OK && !bc_jw_error(&w) && i < s->n; i++) {
		json_t *u = bc_status_unit_json(s, i);
		if (bc_jw_value(&w, u) && !u)
			rc = BC_ERR_NOMEM;
		json_decref(u);
	}
	/* A document cut short is left unclosed: no reader takes it whole. */
	if (rc == BC_OK) {
		bc_jw_array_end(&w);
		bc_jw_object_end(&w);
	}
	bc_jw_finish(&w, rc == BC_OK);
	return rc;
}

int cmd_status(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--as-of", .takes_arg = true},
			  {.name = "--since", .takes_arg = true},
			  {.name = NULL}};
	const char *pos[1];
	const char *use = _(usage);
	int npos, r = cli_parse(c, argc, argv, opts, pos, 1, &npos, use);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 1)
		return cli_usage_error(use, _("status: which period?"));
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_date as_of = bc_time_date(c->clock ? c->clock : bc_store_now(c->st),
				     c->tz_offset);
	if (opts[0].set && !cli_date_arg(use, "--as-of", opts[0].value, &as_of))
		return EXIT_USAGE;
	bc_date since = as_of;
	if (opts[1].set && !cli_date_arg(use, "--since", opts[1].value, &since))
		return EXIT_USAGE;
	if (since > as_of)
		return cli_usage_error(use, _("--since: a day after the as-of "
					      "day"));
	bc_status s;
	bc_events ev = {0};
	rc = bc_status_get(c->st, c->rb, pos[0], as_of, &s, &c->diags);
	if (rc == BC_OK && opts[1].set)
		rc = bc_status_since(c->st, &s, since, &ev, &c->diags);
	if (rc == BC_OK && c->json)
		rc = print_json(&s, opts[1].set ? &ev : NULL, since);
	else if (rc == BC_OK)
		status_print(&s);
	if (rc == BC_OK && !c->json && opts[1].set)
		events_print(&s, &ev, since);
	bc_events_free(&ev);
	bc_status_free(&s);
	return cli_finish(c, rc);
}

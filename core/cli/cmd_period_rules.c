/* SPDX-License-Identifier: MIT */
/*
 * baocao period rules: a recorded period moved to the ruleset in force
 * for it now (a directive that arrived late), checked first; and what
 * period show and rules list say of a period whose recorded rules are no
 * longer those in force for it.
 */
#include "cli.h"
#include "i18n.h"
#include "mem.h"
#include "repoint.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage = N_(
	"usage: baocao period rules PERIOD [--doc REF] [--apply [--force]]\n\n"
	"A recorded period keeps the ruleset it was recorded under: a\n"
	"directive issued afterwards governs it only when this command moves\n"
	"it there, by the document REF that decided so.  It checks every\n"
	"submission's revisions in force again under the ruleset in force\n"
	"for PERIOD now, as import checks a file (a form no longer asked and\n"
	"a section no longer in the outline are set aside), and lists what\n"
	"the new rules would refuse and what would change: the window and\n"
	"deadlines, forms no longer asked, forms asked now and not sent, and\n"
	"each unit whose state changes.  Without --apply nothing is stored.\n\n"
	"  --doc REF  the document that decided the move (needed to apply)\n"
	"  --apply    move it: its window, deadlines, forms and checks become\n"
	"             the new rules'; the audit says who, when, the document\n"
	"             and both versions; the version it leaves stays stored\n"
	"             and 'period show' lists the move\n"
	"  --force    with --apply, move it although submissions fail the new\n"
	"             rules: they stay as received and count as before (they\n"
	"             were checked under the rules in force when they came);\n"
	"             ask their units for a corrected revision\n"
	"Exit 0 after a dry run, a move, or when the period already follows\n"
	"the ruleset in force for it; 1 when the move is refused (submissions\n"
	"fail and no --force, no --doc, or no ruleset in force now knows the\n"
	"period's type), nothing moved.\n");

/* The period's status before the move and, seen inside it, after. */
typedef struct view {
	bc_date as_of;
	bc_status before, after;
	bool seen;
} view;

static bc_err look(bc_store *st, bc_rulebook *rb, const char *period,
		   void *ud, bc_diags *d)
{
	view *v = ud;
	v->seen = true;
	return bc_status_get(st, rb, period, v->as_of, &v->after, d);
}

/* ---- what changes, as JSON (the text is printed from it) ---------------- */

static json_t *ruleset_json(const bc_ruleset *rs)
{
	return json_pack("{s:s, s:s}", "ruleset", rs->id, "version", rs->hash);
}

static json_t *was_now(json_t *was, json_t *now)
{
	return json_pack("{s:o, s:o}", "was", was, "now", now);
}

static json_t *window_json(const bc_period *p)
{
	return json_pack("{s:o, s:o}", "from", bc_date_json(p->from), "to",
			 bc_date_json(p->to));
}

/* The entry of part in list a ({"part": …, "units": […]}, and
 * "received" when with_received), made when missing. */
static json_t *part_entry(json_t *a, const char *part, bool with_received)
{
	size_t i;
	json_t *e;
	json_array_foreach(a, i, e)
		if (!strcmp(json_string_value(json_object_get(e, "part")), part))
			return e;
	e = json_pack("{s:s, s:[]}", "part", part, "units");
	if (e && with_received)
		json_object_set_new(e, "received", json_array());
	json_array_append_new(a, e);
	return e;
}

static void add_unit(json_t *e, const char *key, const char *unit)
{
	json_array_append_new(json_object_get(e, key), json_string(unit));
}

/* The parts u owed (of the status before) that w (after, or NULL) does
 * not, into no_longer with whether u had sent them. */
static void parts_dropped(const bc_unit_status *u, const bc_unit_status *w,
			  json_t *no_longer)
{
	for (size_t k = 0; k < u->owed.n_parts; k++) {
		const char *part = u->owed.parts[k];
		if (w && bc_owed_part(&w->owed, part))
			continue;
		json_t *e = part_entry(no_longer, part, true);
		add_unit(e, "units", u->unit.code);
		if (u->parts[k].revision)
			add_unit(e, "received", u->unit.code);
	}
}

static json_t *state_change(const char *unit, const bc_unit_status *was,
			    const bc_unit_status *now)
{
	return json_pack("{s:s, s:o, s:o}", "unit", unit, "was",
			 cli_json_str(was ? bc_state_name(was->state) : NULL),
			 "now",
			 cli_json_str(now ? bc_state_name(now->state) : NULL));
}

/* The unit of each code in s, by its place. */
static bc_err index_units(const bc_status *s, bc_strmap *m)
{
	for (size_t i = 0; i < s->n; i++)
		if (bc_strmap_add(m, s->units[i].unit.code, i, NULL) < 0)
			return BC_ERR_NOMEM;
	return BC_OK;
}

static const bc_unit_status *unit_in(const bc_status *s, const bc_strmap *m,
				     const char *code)
{
	size_t i;
	return bc_strmap_get(m, code, &i) ? &s->units[i] : NULL;
}

/* Each unit's parts and state after against before. */
static json_t *units_changed(const view *v)
{
	const bc_status *b = &v->before, *a = &v->after;
	bc_strmap mb = {0}, ma = {0};
	json_t *no_longer = json_array(), *asked = json_array(),
	       *states = json_array();
	if (index_units(b, &mb) != BC_OK || index_units(a, &ma) != BC_OK) {
		bc_strmap_free(&mb);
		bc_strmap_free(&ma);
		return NULL;
	}
	for (size_t i = 0; i < a->n; i++) {
		const bc_unit_status *u = &a->units[i],
				     *w = unit_in(b, &mb, u->unit.code);
		for (size_t k = 0; k < u->owed.n_parts; k++)
			if (!w || !bc_owed_part(&w->owed, u->owed.parts[k]))
				add_unit(part_entry(asked, u->owed.parts[k],
						    false),
					 "units", u->unit.code);
		if (!w || w->state != u->state)
			json_array_append_new(
				states, state_change(u->unit.code, w, u));
	}
	for (size_t i = 0; i < b->n; i++) {
		const bc_unit_status *u = &b->units[i],
				     *w = unit_in(a, &ma, u->unit.code);
		parts_dropped(u, w, no_longer);
		if (!w)
			json_array_append_new(
				states, state_change(u->unit.code, u, NULL));
	}
	bc_strmap_free(&mb);
	bc_strmap_free(&ma);
	return json_pack("{s:o, s:o, s:o}", "no_longer_asked", no_longer,
			 "now_asked", asked, "states", states);
}

static json_t *changes_json(const view *v)
{
	const bc_period *was = &v->before.period, *now = &v->after.period;
	json_t *o = units_changed(v);
	if (o)
		json_object_update_new(
			o, json_pack("{s:o, s:o, s:o}", "window",
				     was_now(window_json(was),
					     window_json(now)),
				     "unit_due",
				     was_now(bc_date_json(was->unit_due),
					     bc_date_json(now->unit_due)),
				     "compile_due",
				     was_now(bc_date_json(was->compile_due),
					     bc_date_json(now->compile_due))));
	return o;
}

static json_t *failing_json(const bc_repoint *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->n_failing; i++) {
		const bc_recheck *f = &r->failing[i];
		json_array_append_new(
			a, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "unit",
				     f->unit, "file", f->file, "sha256",
				     f->sha256, "revisions", f->parts,
				     "errors",
				     cli_diags_json(&f->problems, BC_ERROR),
				     "problems",
				     cli_problems_json(&f->problems)));
	}
	return a;
}

static json_t *result_json(const bc_repoint *r, const char *doc,
			   json_t *changes)
{
	json_t *o = json_pack("{s:s, s:b, s:o, s:o, s:b, s:o, s:b, s:I, s:o}",
			      "period", r->code, "recorded", r->recorded,
			      "from", ruleset_json(r->from), "to",
			      ruleset_json(r->to), "in_force",
			      r->from == r->to, "doc", cli_json_str(doc),
			      "applied", r->applied, "checked",
			      (json_int_t)r->checked, "failing",
			      failing_json(r));
	if (o)
		json_object_set(o, "changes", changes ? changes : json_null());
	return o;
}

/* ---- the same, for a person ---------------------------------------------- */

/* How many units of a list a line names before "and N more". */
#define UNITS_SHOWN 8

static void units_print(bc_cli *c, const json_t *units)
{
	size_t i, n = json_array_size(units);
	const json_t *u;
	json_array_foreach(units, i, u) {
		char who[512];
		if (i == UNITS_SHOWN) {
			printf(_(" and %zu more"), n - i);
			break;
		}
		printf("%s%s", i ? ", " : " ",
		       cli_unit_text(c, json_string_value(u), who, sizeof who));
	}
	putchar('\n');
}

static void dates_print(const char *what, const json_t *was_now)
{
	const char *was = json_string_value(json_object_get(was_now, "was"));
	const char *now = json_string_value(json_object_get(was_now, "now"));
	bc_date a, b;
	char x[BC_DATE_BUF], y[BC_DATE_BUF];
	if (!was || !now || !strcmp(was, now) || !bc_date_parse(was, &a) ||
	    !bc_date_parse(now, &b))
		return;
	bc_date_format_dmy(a, x);
	bc_date_format_dmy(b, y);
	printf("  %s: %s → %s\n", what, x, y);
}

static void parts_print(bc_cli *c, const json_t *list, const bc_ruleset *rs,
			const char *what)
{
	size_t i;
	const json_t *e;
	json_array_foreach(list, i, e) {
		printf("  %s: %s:", what,
		       bc_ruleset_part_name(
			       rs, json_string_value(json_object_get(e, "part"))));
		units_print(c, json_object_get(e, "units"));
		const json_t *got = json_object_get(e, "received");
		if (json_array_size(got)) {
			printf("    %s:", _("sent before by"));
			units_print(c, got);
		}
	}
}

static const char *state_or_none(const json_t *s)
{
	const char *id = json_string_value(s);
	for (int k = BC_STATE_ON_TIME; id && k <= BC_STATE_MISSING; k++)
		if (!strcmp(id, bc_state_name((bc_state)k)))
			return cli_state_text((bc_state)k);
	return _("owes nothing");
}

static void changes_print(bc_cli *c, const bc_repoint *r, const json_t *ch)
{
	const json_t *w = json_object_get(ch, "window");
	printf(_("\nWhat changes under %s:\n"), r->to->id);
	json_t *from = json_pack("{s:O, s:O}", "was",
				 json_object_get(json_object_get(w, "was"),
						 "from"),
				 "now",
				 json_object_get(json_object_get(w, "now"),
						 "from")),
	       *to = json_pack("{s:O, s:O}", "was",
			       json_object_get(json_object_get(w, "was"), "to"),
			       "now",
			       json_object_get(json_object_get(w, "now"), "to"));
	dates_print(_("window opens"), from);
	dates_print(_("window closes"), to);
	json_decref(from);
	json_decref(to);
	dates_print(_("units due"), json_object_get(ch, "unit_due"));
	dates_print(_("compiled by"), json_object_get(ch, "compile_due"));
	parts_print(c, json_object_get(ch, "no_longer_asked"), r->from,
		    _("no longer asked"));
	parts_print(c, json_object_get(ch, "now_asked"), r->to,
		    _("asked now, not sent"));
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(ch, "states"), i, s) {
		char who[512];
		const char *unit =
			json_string_value(json_object_get(s, "unit"));
		printf("  %s: %s → %s\n", cli_unit_text(c, unit, who, sizeof who),
		       state_or_none(json_object_get(s, "was")),
		       state_or_none(json_object_get(s, "now")));
	}
}

static void failing_print(bc_cli *c, bc_repoint *r)
{
	printf(P_("\nChecked again under %s: %zu submission in force, ",
		  "\nChecked again under %s: %zu submissions in force, ",
		  r->checked),
	       r->to->id, r->checked);
	printf(P_("%zu refused\n", "%zu refused\n", r->n_failing),
	       r->n_failing);
	for (size_t i = 0; i < r->n_failing; i++) {
		bc_recheck *f = &r->failing[i];
		char who[512];
		printf("  %s: %s", cli_unit_text(c, f->unit, who, sizeof who),
		       f->file);
		cli_parts_write(stdout, r->to, f->parts);
		putchar('\n');
		bc_diags_fold(&f->problems);
		for (size_t k = 0; k < f->problems.n; k++) {
			char *line = bc_diag_format(&f->problems.v[k]);
			printf("    %s\n", line ? line : "");
			bc_free(line);
		}
	}
}

static void rules_line(const char *what, const bc_ruleset *rs)
{
	printf("  %s: %s (%s, %s %.12s)\n", what, rs->id,
	       rs->directive.reference, _("version"), rs->hash);
}

static void result_print(bc_cli *c, bc_repoint *r, const char *doc,
			 const view *v, const json_t *changes)
{
	printf("%s %s\n", r->code, v->before.period.label);
	rules_line(_("follows"), r->from);
	if (r->from == r->to) {
		printf(_("  the ruleset in force for it: nothing to move\n"));
		return;
	}
	rules_line(_("in force for it now"), r->to);
	if (doc)
		printf("  %s: %s\n", _("document"), doc);
	failing_print(c, r);
	if (changes)
		changes_print(c, r, changes);
}

/* The last line, on stderr: what became of the period. */
static void verdict(const bc_repoint *r, const char *doc, bool apply)
{
	if (r->applied)
		fprintf(stderr, _("%s: now governed by %s (version %.12s), by "
				  "%s\n"),
			r->code, r->to->id, r->to->hash, doc);
	else if (!apply && r->from != r->to)
		fprintf(stderr,
			_("%s: dry run, nothing moved; 'baocao period rules %s "
			  "--doc REF --apply' moves it\n"),
			r->code, r->code);
}

int cli_period_rules(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--doc", .takes_arg = true},
			  {.name = "--apply"},
			  {.name = "--force"},
			  {.name = NULL}};
	const char *pos[2];
	const char *use = _(usage);
	int npos, r = cli_parse(c, argc, argv, opts, pos, 2, &npos, use);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	if (npos != 2)
		return cli_usage_error(use, _("period rules: which period?"));
	if (opts[2].set && !opts[1].set)
		return cli_usage_error(use, _("--force goes with --apply"));
	if (opts[1].set && !opts[0].set)
		return cli_usage_error(use, _("--apply needs --doc: the "
					      "document that decided the move"));
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	view v = {.as_of = bc_time_date(c->clock ? c->clock
						 : bc_store_now(c->st),
					c->tz_offset)};
	bc_repoint_opts o = {.doc = opts[0].value, .apply = opts[1].set,
			     .force = opts[2].set, .look = look, .ud = &v};
	bc_repoint res = {0};
	rc = bc_status_get(c->st, c->rb, pos[1], v.as_of, &v.before,
			   &c->diags);
	if (rc == BC_OK)
		rc = bc_repoint_period(c->st, c->rb, pos[1], &o, &res,
				       &c->diags);
	if (res.from && (rc == BC_OK || rc == BC_ERR_INVALID)) {
		json_t *changes = v.seen ? changes_json(&v) : NULL;
		if (c->json)
			cli_print_json(result_json(&res, o.doc, changes));
		else
			result_print(c, &res, o.doc, &v, changes);
		json_decref(changes);
		verdict(&res, o.doc, o.apply);
	}
	bc_repoint_free(&res);
	bc_status_free(&v.before);
	if (v.seen)
		bc_status_free(&v.after);
	return cli_finish(c, rc);
}

/* ---- a period whose rules are no longer those in force ------------------- */

/* The warning of a period recorded under rid (version hash) whose
 * rules in force are now's. */
static void say_stale(const char *code, const char *rid, const char *hash,
		      const bc_ruleset *now)
{
	fprintf(stderr,
		_("warning: %s follows %s (version %.12s), the ruleset it was "
		  "recorded under; the one in force for it now is %s (version "
		  "%.12s): 'baocao period rules %s' shows what moving it "
		  "changes, and moves it with --doc REF --apply\n"),
		code, rid, hash, now->id, now->hash, code);
}

void cli_rules_note(bc_cli *c, const bc_period *p)
{
	const bc_ruleset *now = p->id ? bc_period_rules_now(c->rb, p) : NULL;
	if (now && now != p->rs)
		say_stale(p->code, p->rs->id, p->rs->hash, now);
}

static json_t *move_json(const bc_move *m, int tz_offset)
{
	char at[BC_TIME_BUF];
	bc_time_format(m->moved_at, tz_offset, at);
	return json_pack("{s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:s, s:s, s:i}",
			 "from", "ruleset", m->from, "version", m->from_hash,
			 "to", "ruleset", m->to, "version", m->to_hash, "doc",
			 m->doc, "by", m->actor, "moved_at", at, "failing",
			 m->failing);
}

static void move_print(const bc_move *m, int tz_offset)
{
	char at[BC_TIME_DMY_BUF];
	bc_time_format_dmy(m->moved_at, tz_offset, at);
	fputs("           ", stdout);
	printf(_("rules moved %s from %s (version %.12s) to %s (version "
		 "%.12s) by %s (%s)"),
	       at, m->from, m->from_hash, m->to, m->to_hash, m->doc, m->actor);
	if (m->failing)
		printf(P_(", %d submission failing", ", %d submissions failing",
			  m->failing),
		       m->failing);
	putchar('\n');
}

bc_err cli_rules_moves(bc_cli *c, const bc_period *p, json_t *j)
{
	bc_move *v;
	size_t n;
	bc_err rc = bc_period_moves(c->st, p, &v, &n, &c->diags);
	if (rc != BC_OK)
		return rc;
	json_t *a = j && n ? json_array() : NULL;
	for (size_t i = 0; i < n; i++)
		if (a)
			json_array_append_new(a, move_json(&v[i], c->tz_offset));
		else if (!j)
			move_print(&v[i], c->tz_offset);
	if (a)
		json_object_set_new(j, "ruleset_moves", a);
	const bc_ruleset *now = p->id ? bc_period_rules_now(c->rb, p) : NULL;
	if (j && now && now != p->rs)
		json_object_set_new(j, "ruleset_in_force", ruleset_json(now));
	bc_period_moves_free(v, n);
	return BC_OK;
}

json_t *cli_rules_stale(bc_cli *c)
{
	json_t *a = json_array();
	bc_store *st = NULL;
	bc_diags quiet = BC_DIAGS_INIT;
	bc_stale *v = NULL;
	size_t n = 0;
	/* The list needs no database: one that cannot be read says
	 * nothing here. */
	if (bc_store_open(c->db_path, BC_OPEN_READ, &st, &quiet) == BC_OK)
		bc_period_stale(st, c->rb, &v, &n, &quiet);
	for (size_t i = 0; i < n; i++) {
		const bc_stale *x = &v[i];
		json_array_append_new(
			a, json_pack("{s:s, s:s, s:s, s:o}", "period", x->code,
				     "ruleset", x->ruleset, "version", x->hash,
				     "in_force", ruleset_json(x->now)));
		if (!c->json)
			say_stale(x->code, x->ruleset, x->hash, x->now);
	}
	bc_period_stale_free(v, n);
	bc_store_close(st);
	bc_diags_free(&quiet);
	return a;
}

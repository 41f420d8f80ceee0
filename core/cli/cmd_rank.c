/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "assessment.h"
#include "frame_build.h"
#include "i18n.h"
#include "mem.h"
#include "outfile.h"
#include "rank.h"
#include "rank_csv.h"
#include "rank_json.h"
#include "rank_text.h"
#include "rank_xlsx.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage = N_(
	"usage: baocao rank YEAR [--unit UNIT] [--as-of DATE]\n"
	"           [--format text|json|csv|xlsx] [-o OUT]\n"
	"       baocao rank import YEAR FILE.csv [--by NAME]\n"
	"       baocao rank assessments YEAR [--as-of DATE]\n\n"
	"Scores every unit on the criteria of YEAR's scoring scheme (the\n"
	"rules'), part by part, and ranks the units of each group (ties\n"
	"share a rank), with each unit's class.  Reporting discipline counts\n"
	"the year's periods a unit owed, by its state in each; a unit that\n"
	"did not exist for the whole year is scored on the periods it\n"
	"existed for.  Figures come from the report of the period the\n"
	"criterion names (the year's), else the widest period the unit has\n"
	"sent so far.  Points the council gives come from 'rank import'.\n\n"
	"  --unit UNIT     explain one unit's score criterion by criterion,\n"
	"                  with the numbers (its code or its name)\n"
	"  --as-of DATE    what was received and imported by the end of DATE\n"
	"                  (dd/mm/yyyy or YYYY-MM-DD; default: today); a\n"
	"                  period not yet due then is left out.  The scores\n"
	"                  are then provisional, as they are before the\n"
	"                  year's last deadline\n"
	"  --format FMT    text (default), json (as --json), csv (a row per\n"
	"                  unit and criterion) or xlsx (a sheet per group,\n"
	"                  then one per unit, laid out as decree 30/2020\n"
	"                  lays out documents); csv and xlsx need -o\n"
	"  -o OUT          the file written, whole or not at all ('-':\n"
	"                  standard output)\n\n"
	"import       stores the council's points for YEAR from a CSV with\n"
	"             the header unit,criterion,points,note (UTF-8, a BOM\n"
	"             is accepted; points as 1.5 or \"1,5\"; note optional)\n"
	"             as a new batch; the latest batch naming a unit and\n"
	"             criterion is in force, earlier ones are kept.  All or\n"
	"             nothing: every bad line is reported (a unit or\n"
	"             criterion unknown, points above the criterion's\n"
	"             maximum, …) and then nothing is stored.  --by: who\n"
	"             assessed (default: the user)\n"
	"assessments  the batches of YEAR and the points in force\n");

enum { O_UNIT, O_AS_OF, O_FORMAT, O_OUT, O_BY };

/* "2023" as a year, or 0. */
static int year_arg(const char *s)
{
	char *end;
	long y = strtol(s, &end, 10);
	return *s && !*end && strlen(s) == 4 && y >= 1900 && y <= 9999
		       ? (int)y
		       : 0;
}

static bc_date today(bc_cli *c)
{
	return bc_time_date(c->clock ? c->clock : bc_store_now(c->st),
			    c->tz_offset);
}

/* ---- import and assessments ------------------------------------------- */

/* The criteria of the year's scheme as the import checks entries. */
static bc_err criteria_of(const bc_scheme *s, bc_assess_criterion **out,
			  size_t *n)
{
	size_t total = 0, k = 0;
	for (size_t g = 0; g < s->n_groups; g++)
		total += s->groups[g].n_criteria;
	*out = bc_calloc(total + 1, sizeof **out);
	if (!*out)
		return BC_ERR_NOMEM;
	for (size_t g = 0; g < s->n_groups; g++)
		for (size_t i = 0; i < s->groups[g].n_criteria; i++) {
			const bc_criterion *c = s->groups[g].criteria[i];
			(*out)[k++] = (bc_assess_criterion){
				.id = c->id,
				.kinds = s->groups[g].kinds,
				.n_kinds = s->groups[g].n_kinds,
				.max = (int64_t)llround(c->max * 100),
				.assessable = c->kind == BC_CRIT_ASSESSED ||
					      c->kind == BC_CRIT_SELF};
		}
	*n = k;
	return BC_OK;
}

static void batch_print(const bc_assess_batch *b, int tz)
{
	char at[BC_TIME_DMY_BUF];
	bc_time_format_dmy(b->imported_at, tz, at);
	printf(P_("batch %d, %s: %zu entry from %s, assessed by %s\n",
		  "batch %d, %s: %zu entries from %s, assessed by %s\n",
		  b->entries),
	       b->number, at, b->entries, b->file, b->by);
}

static int rank_import(bc_cli *c, int year, const char *file, const char *by)
{
	bc_err rc = cli_open(c, false);
	const bc_ruleset *rs;
	const bc_scheme *s =
		rc == BC_OK ? bc_rank_scheme(c->st, c->rb, year, &rs, &c->diags)
			    : NULL;
	if (rc == BC_OK && !s)
		return cli_finish(c, BC_ERR_NOT_FOUND);
	bc_assess_criterion *crit = NULL;
	size_t n = 0;
	if (rc == BC_OK)
		rc = criteria_of(s, &crit, &n);
	bc_assess_batch b = {0};
	bc_assess_import in = {.year = year, .path = file, .by = by,
			       .criteria = crit, .n_criteria = n};
	if (rc == BC_OK)
		rc = bc_assess_import_file(c->st, &in, &b, &c->diags);
	bc_free(crit);
	if (rc == BC_ERR_INVALID)
		fprintf(stderr, _("%s: rejected, nothing stored\n"), file);
	int code = cli_finish(c, rc);
	if (rc == BC_OK && c->json)
		cli_print_json(json_pack("{s:s, s:i, s:i, s:I, s:s}", "file",
					 file, "year", year, "batch", b.number,
					 "entries", (json_int_t)b.entries, "by",
					 b.by));
	else if (rc == BC_OK)
		fprintf(stderr,
			P_("%s: accepted as batch %d of %d, %zu entry\n",
			   "%s: accepted as batch %d of %d, %zu entries\n",
			   b.entries),
			file, b.number, year, b.entries);
	bc_assess_batch_free(&b);
	return code;
}

static json_t *assessments_json(const bc_assessments *a, int year)
{
	json_t *o = json_pack("{s:i, s:[], s:[]}", "year", year, "batches",
			      "entries");
	json_t *bs = json_object_get(o, "batches");
	json_t *es = json_object_get(o, "entries");
	for (size_t i = 0; i < a->n_batches; i++)
		json_array_append_new(
			bs, json_pack("{s:i, s:s, s:s, s:s, s:I}", "number",
				      a->batches[i].number, "file",
				      a->batches[i].file, "by", a->batches[i].by,
				      "imported_by", a->batches[i].actor,
				      "entries",
				      (json_int_t)a->batches[i].entries));
	for (size_t i = 0; i < a->n; i++)
		json_array_append_new(
			es, json_pack("{s:s, s:s, s:f, s:s, s:i, s:i}", "unit",
				      a->v[i].unit, "criterion",
				      a->v[i].criterion, "value",
				      (double)a->v[i].points / 100.0, "note",
				      a->v[i].note, "batch", a->v[i].batch,
				      "line", a->v[i].line));
	return o;
}

static int rank_assessments(bc_cli *c, int year, const cli_opt *asof)
{
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_date day = today(c);
	if (asof->set && !cli_date_arg(_(usage), "--as-of", asof->value, &day))
		return EXIT_USAGE;
	bc_assessments a;
	bc_time until = bc_date_start(day + 1, c->tz_offset) - 1;
	rc = bc_assessments_get(c->st, year, until, &a, &c->diags);
	if (rc == BC_OK && c->json) {
		cli_print_json(assessments_json(&a, year));
	} else if (rc == BC_OK) {
		for (size_t i = 0; i < a.n_batches; i++)
			batch_print(&a.batches[i], c->tz_offset);
		if (!a.n_batches)
			printf(_("no assessment imported for %d\n"), year);
		for (size_t i = 0; i < a.n; i++) {
			char pts[64];
			bc_num_text((double)a.v[i].points / 100.0, pts,
				    sizeof pts);
			printf(_("%s, criterion %s: %s (batch %d, line %d)%s%s\n"),
			       a.v[i].unit, a.v[i].criterion, pts, a.v[i].batch,
			       a.v[i].line, *a.v[i].note ? " — " : "",
			       a.v[i].note);
		}
	}
	bc_assessments_free(&a);
	return cli_finish(c, rc);
}

/* ---- the scores as text ------------------------------------------------ */

static void points_cell(double v, int width)
{
	char buf[64];
	bc_num_text(v, buf, sizeof buf);
	cli_col(stdout, buf, width, true);
	putchar(' ');
}

static void heading(const bc_rank *r)
{
	char day[BC_DATE_BUF];
	bc_date_format_dmy(r->as_of, day);
	printf(_("%d — %s: as of %s"), r->year, r->scheme->title, day);
	if (r->provisional)
		printf(" %s", _("(provisional: more may still arrive)"));
	printf("\n");
	for (size_t p = 0; p < r->n_periods; p++)
		printf("%s%s", p ? ", " : _("periods: "),
		       r->periods[p].period.code);
	printf("\n");
}

#define NAME_W 40
#define NUM_W 7

/* A column of points: wide enough for its head. */
static int num_width(const char *head)
{
	int w = (int)bc_utf8_width(head);
	return w > NUM_W ? w : NUM_W;
}

static void group_head(const bc_score_group *g, int name_w)
{
	printf("\n%s\n", g->label ? g->label : g->id);
	cli_col(stdout, C_("column", "rank"), 5, false);
	putchar(' ');
	cli_col(stdout, C_("column", "unit"), name_w, false);
	putchar(' ');
	for (size_t i = 0; i < g->n_parts; i++) {
		cli_col(stdout, g->parts[i]->id, num_width(g->parts[i]->id),
			true);
		putchar(' ');
	}
	cli_col(stdout, C_("column", "total"),
		num_width(C_("column", "total")), true);
	printf(" %s\n", C_("column", "class"));
}

static void group_legend(const bc_score_group *g)
{
	for (size_t i = 0; i < g->n_parts; i++) {
		char max[64];
		bc_num_text(g->parts[i]->max, max, sizeof max);
		printf(_("  %s: %s (at most %s)\n"), g->parts[i]->id,
		       g->parts[i]->title, max);
	}
}

static void unit_row(const bc_rank_unit *u, int name_w)
{
	char rank[16], name[256];
	snprintf(rank, sizeof rank, "%d", u->rank);
	cli_col(stdout, rank, 5, false);
	putchar(' ');
	cli_cut(u->unit->name, name_w, name, sizeof name);
	cli_col(stdout, name, name_w, false);
	putchar(' ');
	for (size_t i = 0; i < u->group->n_parts; i++)
		points_cell(u->score.parts[i],
			    num_width(u->group->parts[i]->id));
	points_cell(u->score.total, num_width(C_("column", "total")));
	printf("%s\n", bc_rank_class_text(u));
}

static int name_width(const bc_rank *r)
{
	int w = (int)bc_utf8_width(C_("column", "unit"));
	for (size_t i = 0; i < r->n; i++) {
		int n = (int)bc_utf8_width(r->units[i].unit->name);
		w = n > w ? n : w;
	}
	return w < NAME_W ? w : NAME_W;
}

static void rank_print(const bc_rank *r)
{
	heading(r);
	int name_w = name_width(r);
	for (size_t g = 0; g < r->scheme->n_groups; g++) {
		const bc_score_group *grp = &r->scheme->groups[g];
		group_head(grp, name_w);
		for (size_t i = 0; i < r->n; i++)
			if (r->units[i].group == grp)
				unit_row(&r->units[i], name_w);
		group_legend(grp);
	}
}

/* Units of u's group, for "rank 3 of 22". */
static size_t group_size(const bc_rank *r, const bc_score_group *g)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += r->units[i].group == g;
	return n;
}

static void unit_explain(const bc_rank *r, const bc_rank_unit *u)
{
	char total[64], max[64], text[BC_RANK_TEXT_MAX];
	heading(r);
	bc_num_text(u->score.total, total, sizeof total);
	bc_num_text(r->scheme->max, max, sizeof max);
	printf("\n%s (%s) — %s\n", u->unit->name, u->unit->code,
	       u->group->label ? u->group->label : u->group->id);
	printf(_("rank %d of %zu, %s / %s points"), u->rank,
	       group_size(r, u->group), total, max);
	if (u->score.cls)
		printf(_(", class %s"), bc_rank_class_text(u));
	printf("\n");
	for (size_t p = 0; p < u->group->n_parts; p++) {
		const bc_score_part *part = u->group->parts[p];
		char got[64], of[64];
		bc_num_text(u->score.parts[p], got, sizeof got);
		bc_num_text(part->max, of, sizeof of);
		printf("\n%s. %s: %s / %s\n", part->id, part->title, got, of);
		for (size_t k = 0; k < u->group->n_criteria; k++) {
			if (u->group->criteria[k]->part != part)
				continue;
			bc_rank_explain(r, u, k, text, sizeof text);
			printf("  %s %s\n", u->group->criteria[k]->id, text);
		}
	}
}

/* ---- the command ------------------------------------------------------- */

/* The workbook's frame: the district's report's header block, issued by
 * the root of the units the year's last period sees, dated d.  *out is
 * the caller's to free (bc_doc_frame_free), also after a failure. */
static bc_err year_frame(bc_cli *c, const bc_rank *r, bc_date d,
			 bc_doc_frame *out)
{
	bc_unit_list l = {0};
	memset(out, 0, sizeof *out);
	if (!r->n_periods)
		return BC_OK;
	const bc_period *p = &r->periods[r->n_periods - 1].period;
	bc_err rc = bc_units_as_of(c->st, p->to, &l, &c->diags);
	const bc_unit *issuer = rc == BC_OK ? bc_doc_issuer(&l) : NULL;
	bc_doc_overrides o = BC_DOC_OVERRIDES_NONE;
	o.date = d;
	if (issuer)
		rc = bc_doc_frame_build(r->rs, BC_DOC_REPORT, issuer,
					bc_doc_parent(&l, issuer), p, &o, out,
					&c->diags);
	bc_unit_list_free(&l);
	return rc;
}

static int write_file(bc_cli *c, const bc_rank *r, const char *fmt,
		      const char *out)
{
	bc_doc_frame frame;
	bc_date day = today(c);
	bc_err rc = year_frame(c, r, day, &frame);
	bc_outfile *o = NULL;
	if (rc == BC_OK)
		rc = bc_outfile_open(out, &o, &c->diags);
	if (rc != BC_OK) {
		bc_doc_frame_free(&frame);
		return cli_finish(c, rc);
	}
	bc_rank_doc doc = {.frame = &frame, .date = day,
			   .path = bc_outfile_tmp(o),
			   .tmpdir = bc_outfile_dir(o)};
	if (strcmp(fmt, "csv") == 0)
		rc = bc_rank_csv(r, doc.path, &c->diags);
	else
		rc = bc_rank_xlsx(r, &doc, &c->diags);
	rc = bc_outfile_close(o, rc, &c->diags);
	bc_doc_frame_free(&frame);
	if (rc == BC_OK)
		fprintf(stderr, _("%s: written (%s)%s\n"), bc_outfile_name(out),
			fmt, r->provisional ? _(", provisional") : "");
	return cli_finish(c, rc);
}

static int print_unit(bc_cli *c, const bc_rank *r, const char *arg)
{
	bc_unit u;
	int code = cli_unit_arg(c, arg, &u);
	if (code != EXIT_OK)
		return code;
	const bc_rank_unit *ru = bc_rank_find(r, u.code);
	if (!ru) {
		fprintf(stderr, _("baocao: %s (%s) is not scored in %d: it "
				  "owed no report that year, or its kind is in "
				  "no group of the scheme\n"),
			u.code, u.name, r->year);
		bc_unit_free(&u);
		return EXIT_USAGE;
	}
	bc_unit_free(&u);
	if (c->json)
		cli_print_json(bc_rank_unit_json(r, ru));
	else
		unit_explain(r, ru);
	return EXIT_OK;
}

static int show(bc_cli *c, const bc_rank *r, cli_opt *opts, const char *fmt)
{
	if (opts[O_UNIT].set)
		return print_unit(c, r, opts[O_UNIT].value);
	if (strcmp(fmt, "csv") == 0 || strcmp(fmt, "xlsx") == 0)
		return write_file(c, r, fmt, opts[O_OUT].value);
	if (strcmp(fmt, "json") == 0) {
		bc_jw w;
		bc_jw_init_file(&w, CLI_JSON_FLAGS, stdout);
		bc_err rc = bc_rank_write(&w, r);
		bc_jw_finish(&w, rc == BC_OK);
		if (rc != BC_OK)
			return cli_finish(c, rc);
	} else {
		rank_print(r);
	}
	return EXIT_OK;
}

static int rank_year(bc_cli *c, int year, cli_opt *opts)
{
	const char *use = _(usage);
	const char *fmt = opts[O_FORMAT].set ? opts[O_FORMAT].value
			  : c->json	     ? "json"
					     : "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "csv") &&
	    strcmp(fmt, "xlsx"))
		return cli_usage_error(use, _("rank: no format '%s' (text, "
					      "json, csv, xlsx)"),
				       fmt);
	bool file = !strcmp(fmt, "csv") || !strcmp(fmt, "xlsx");
	if (file && !opts[O_OUT].set && !opts[O_UNIT].set)
		return cli_usage_error(use, _("rank: --format %s needs -o"),
				       fmt);
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK)
		return cli_finish(c, rc);
	bc_date as_of = today(c);
	if (opts[O_AS_OF].set &&
	    !cli_date_arg(use, "--as-of", opts[O_AS_OF].value, &as_of))
		return EXIT_USAGE;
	bc_rank r;
	rc = bc_rank_year(c->st, c->rb, year, as_of, opts[O_AS_OF].set, &r,
			  &c->diags);
	int code = rc == BC_OK ? show(c, &r, opts, fmt) : cli_finish(c, rc);
	bc_rank_free(&r);
	return code;
}

int cmd_rank(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {{.name = "--unit", .takes_arg = true},
			  {.name = "--as-of", .takes_arg = true},
			  {.name = "--format", .takes_arg = true},
			  {.name = "-o", .takes_arg = true},
			  {.name = "--by", .takes_arg = true},
			  {.name = NULL}};
	const char *pos[3];
	const char *use = _(usage);
	int npos, r = cli_parse(c, argc, argv, opts, pos, 3, &npos, use);
	if (r)
		return r < 0 ? EXIT_USAGE : EXIT_OK;
	int year = npos >= 1 ? year_arg(pos[npos == 1 ? 0 : 1]) : 0;
	if (npos == 3 && strcmp(pos[0], "import") == 0 && year)
		return rank_import(c, year, pos[2], opts[O_BY].value);
	if (npos == 2 && strcmp(pos[0], "assessments") == 0 && year)
		return rank_assessments(c, year, &opts[O_AS_OF]);
	if (npos == 1 && year)
		return rank_year(c, year, opts);
	return cli_usage_error(use, _("rank: which year? (rank YEAR, rank "
				      "import YEAR FILE.csv, rank assessments "
				      "YEAR)"));
}

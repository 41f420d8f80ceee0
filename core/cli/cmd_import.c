/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "i18n.h"
#include "import.h"
#include "mem.h"
#include "period.h"
#include "progress.h"
#include "readahead.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage = N_(
	"usage: baocao import FILE... [--received-at TS] [--channel C] "
	"[--dry-run]\n\n"
	"Reads submission files: a unit's filled workbook (.xlsx, made by\n"
	"'baocao template'), JSON or long-form CSV (UTF-8, a BOM accepted),\n"
	"told apart by their content.  Each file is checked whole and stored\n"
	"whole, or refused whole with every problem listed as\n"
	"FILE:LINE: form.field: message.\n"
	"Every form received becomes a new revision; earlier ones are kept.\n"
	"A form with no value in it is not received (a warning says so).\n"
	"A file already imported for the same unit and period stores\n"
	"nothing.  An .xls, .ods, Word or PDF file is refused with what to\n"
	"send instead.\n\n"
	"  --received-at TS  when the files arrived (ISO 8601; +07:00 when no\n"
	"                    offset is given); overrides the file's own.\n"
	"                    Without it, a file with no receipt time (a\n"
	"                    workbook has none) counts as received at the\n"
	"                    time of import, and the output says so.  A\n"
	"                    receipt time later than now (past 5 minutes)\n"
	"                    or before the period began is refused; one\n"
	"                    stored wrong is corrected with 'baocao revision\n"
	"                    correct-time'\n"
	"  --channel C       how they arrived (ioffice, email, zalo, file)\n"
	"  --dry-run         check only, store nothing\n"
	"Every file is tried, whatever became of those before it; a last\n"
	"line names each file not imported and why.  Exit 0 when every\n"
	"file was accepted, 3 when any could not be read or stored (missing,\n"
	"unreadable, the database locked by another program for more than\n"
	"30 s) or the rules failed (a column's pattern too costly for a\n"
	"cell: named at the rules' file and line), else 1 when any was\n"
	"refused.\n");

static json_t *result_json(const char *file, const bc_import_result *r,
			   const bc_diags *d, int tz_offset)
{
	json_t *subs = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const bc_import_item *it = &r->items[i];
		char when[BC_TIME_BUF];
		bc_time_format(it->received_at, tz_offset, when);
		json_array_append_new(
			subs, json_pack("{s:s?, s:s?, s:s?, s:s?, s:b, s:b, "
					"s:s, s:b}",
					"unit", it->unit, "period", it->period,
					"revisions", it->parts, "duplicate",
					it->duplicate, "late", it->late,
					"estimated", it->estimated,
					"received_at", when,
					"received_at_import",
					it->received_default));
	}
	return json_pack("{s:s, s:b, s:s?, s:o, s:o, s:o, s:o}", "file", file,
			 "accepted", r->accepted, "format", r->format,
			 "submissions", subs, "errors",
			 cli_diags_json(d, BC_ERROR), "warnings",
			 cli_diags_json(d, BC_WARNING), "problems",
			 cli_problems_json(d));
}

/* Which time a submission was taken as received at, when neither the
 * file nor --received-at said; "" otherwise. */
static const char *received_note(const bc_import_item *it, int tz_offset,
				 char *buf, size_t n)
{
	char when[BC_TIME_DMY_BUF];
	buf[0] = '\0';
	if (it->received_default) {
		bc_time_format_dmy(it->received_at, tz_offset, when);
		snprintf(buf, n, _("; received at import, %s (no --received-at)"),
			 when);
	}
	return buf;
}

static void summary_to(FILE *f, bc_cli *c, const char *file,
		       const bc_import_result *r, bool dry_run, size_t errors)
{
	if (!r->accepted) {
		fprintf(f,
			P_("%s: rejected, nothing stored (%zu problem)\n",
			   "%s: rejected, nothing stored (%zu problems)\n",
			   errors),
			file, errors);
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		const bc_import_item *it = &r->items[i];
		char note[BC_TIME_DMY_BUF + 256], unit[512];
		cli_unit_text(c, it->unit, unit, sizeof unit);
		if (it->duplicate)
			fprintf(f,
				_("%s: %s %s already imported as revision %s; "
				  "nothing stored\n"),
				file, unit, it->period, it->duplicate);
		else {
			fprintf(f, "%s: %s: %s %s", file,
				dry_run ? _("would be accepted")
					: _("accepted"),
				unit, it->period);
			if (it->parts)
				cli_parts_fprint(c, f, it->period, it->parts);
			fprintf(f, "%s%s\n", it->late ? _(" (late)") : "",
				received_note(it, c->tz_offset, note,
					      sizeof note));
		}
	}
}

/* A file's lines written out at once: stderr is unbuffered, and a line
 * written a piece at a time was a dozen system calls. */
static void summary(bc_cli *c, const char *file, const bc_import_result *r,
		    bool dry_run, size_t errors)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	summary_to(f ? f : stderr, c, file, r, dry_run, errors);
	if (f) {
		fclose(f);
		if (text)
			fwrite(text, 1, len, stderr);
	}
	free(text); /* open_memstream's, from malloc */
}

/* A file not imported and why: its first error, or what went wrong. */
static json_t *not_imported(const char *file, bc_err rc, const bc_diags *d)
{
	const char *why = bc_strerror(rc);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity == BC_ERROR && d->v[i].msg) {
			why = d->v[i].msg;
			break;
		}
	return json_pack("{s:s, s:s, s:s}", "file", file, "reason",
			 rc == BC_ERR_INVALID ? "refused" : "unreadable",
			 "message", why);
}

static void say_missed(const json_t *missed, int n)
{
	size_t i;
	const json_t *m;
	fprintf(stderr,
		P_("import: %zu of %d file not imported:",
		   "import: %zu of %d files not imported:", n),
		json_array_size(missed), n);
	json_array_foreach(missed, i, m)
		fprintf(stderr, "%s %s (%s)", i ? ";" : "",
			json_string_value(json_object_get(m, "file")),
			strcmp(json_string_value(json_object_get(m, "reason")),
			       "refused")
				? json_string_value(json_object_get(m, "message"))
				: _("refused"));
	fputc('\n', stderr);
}

/* Imports one file, read as r, and says what became of it (the progress
 * line cleared first); a file not imported joins missed.  Whatever
 * happened, the caller goes on to the next. */
static bc_err import_one(bc_cli *c, const char *file, bc_import_read *r,
			 const bc_import_opts *o, bool dry_run, json_t *all,
			 json_t *missed, cli_progress *pr)
{
	bc_import_result res;
	size_t before = c->diags.errors;
	bc_err rc = bc_import_finish(c->st, c->rb, file, r, o, dry_run, &res,
				     &c->diags);
	size_t errors = c->diags.errors - before;
	cli_sort_diags(c);
	bc_diags_fold(&c->diags);
	if (c->json)
		json_array_append_new(all, result_json(file, &res, &c->diags,
						       c->tz_offset));
	/* A refused file's warnings would bury its errors. */
	if (rc != BC_OK) {
		cli_drop_warnings(c);
		json_array_append_new(missed, not_imported(file, rc, &c->diags));
	}
	cli_progress_hide(pr);
	cli_flush_diags(c);
	if (rc == BC_OK || rc == BC_ERR_INVALID) {
		/* Its lines name each unit and part from the store: one read
		 * lock for them all, not one per query (a tenth of a CSV of
		 * 60,000 units). */
		bool read = bc_store_begin_read(c->st, NULL) == BC_OK;
		summary(c, file, &res, dry_run, errors);
		if (read)
			bc_store_rollback(c->st);
	} else
		fprintf(stderr,
			_("%s: not imported (%s); the other files go on\n"),
			file, bc_strerror(rc));
	bc_import_result_free(&res);
	return rc;
}

/* Files said accepted whose batch was lost after (bc_store_batch): the
 * last of kept[0..n_kept).  Each is said not stored, and joins missed;
 * its entry in all is no longer accepted.  How many there were. */
static int lost_files(bc_cli *c, const char *const *files, const int *kept,
		      int n_kept, json_t *all, json_t *missed)
{
	size_t lost = bc_store_batch_lost(c->st);
	if (lost > (size_t)n_kept)
		lost = (size_t)n_kept;
	for (int k = n_kept - (int)lost; k < n_kept; k++) {
		const char *file = files[kept[k]];
		fprintf(stderr, _("%s: not stored after all: the transaction "
				  "holding it was lost; import it again\n"),
			file);
		json_t *entry = json_array_get(all, (size_t)kept[k]);
		if (entry)
			json_object_set_new(entry, "accepted", json_false());
		json_array_append_new(
			missed, json_pack("{s:s, s:s, s:s}", "file", file,
					  "reason", "unreadable", "message",
					  bc_strerror(BC_ERR_DB)));
	}
	return (int)lost;
}

int cmd_import(bc_cli *c, int argc, char **argv)
{
	cli_opt opts[] = {
		{.name = "--received-at", .takes_arg = true},
		{.name = "--channel", .takes_arg = true},
		{.name = "--dry-run"},
		{.name = NULL},
	};
	enum { MAX_FILES = 100000 };
	const char **files = bc_calloc(MAX_FILES, sizeof *files);
	if (!files)
		return cli_finish(c, BC_ERR_NOMEM);
	int n, r = cli_parse(c, argc, argv, opts, files, MAX_FILES, &n, usage);
	if (r || n == 0) {
		bc_free(files);
		return r > 0 ? EXIT_OK
			     : r < 0 ? EXIT_USAGE
				     : cli_usage_error(usage,
						       _("import: no file"));
	}
	bc_import_opts o = {.received_at = opts[0].value,
			    .channel = opts[1].value,
			    .tz_offset = c->tz_offset};
	bc_err rc = cli_open(c, false);
	if (rc != BC_OK) {
		bc_free(files);
		return cli_finish(c, rc);
	}
	/* Options are checked once, as usage: not once per file; a time
	 * typed day first goes on as ISO, which the import reads. */
	bc_time t;
	int off;
	char iso[BC_TIME_BUF];
	if (o.received_at &&
	    bc_time_parse_any(o.received_at, c->tz_offset, &t, &off) &&
	    !bc_time_parse(o.received_at, c->tz_offset, &t, NULL)) {
		bc_time_format(t, off, iso);
		o.received_at = iso;
	}
	if (o.received_at &&
	    !bc_time_parse(o.received_at, c->tz_offset, &t, NULL)) {
		bc_free(files);
		return cli_usage_error(usage, _("--received-at takes a date or "
						"a timestamp (26/02/2023 09:30 "
						"or 2023-02-26T09:30)"));
	}
	if (o.channel && strcmp(o.channel, BC_CHANNEL_FILE) &&
	    !bc_rulebook_channel(c->rb, o.channel)) {
		bc_free(files);
		return cli_usage_error(usage, _("--channel: no channel '%s'"),
				       o.channel);
	}
	json_t *all = json_array(), *missed = json_array();
	bool refused = false, unreadable = false;
	/* One file needs no count of files. */
	cli_progress pr;
	cli_progress_begin(&pr, c->json || n < 2, CLI_PROGRESS_FILES, (size_t)n);
	/* The files stored, in order, for naming those a lost batch held. */
	int *kept = bc_calloc((size_t)n, sizeof *kept), n_kept = 0;
	/* The next files are read on a second thread while this one checks
	 * and stores each (readahead.h): the reading thread touches only
	 * the files and the reads it hands over; the store, the rules and
	 * all output stay this thread's. */
	bc_readahead *ra = NULL;
	rc = !kept ? BC_ERR_NOMEM
		   : bc_readahead_start(files, (size_t)n, NULL, &ra);
	if (rc == BC_OK)
		rc = bc_store_batch(c->st, !opts[2].set, &c->diags);
	if (rc != BC_OK) {
		bc_readahead_free(ra);
		json_decref(all);
		json_decref(missed);
		bc_free(kept);
		bc_free(files);
		return cli_finish(c, rc);
	}
	for (int i = 0; i < n; i++) {
		cli_progress_step(&pr, (size_t)i, (size_t)n);
		rc = import_one(c, files[i], bc_readahead_next(ra), &o,
				opts[2].set, all, missed, &pr);
		int lost = lost_files(c, files, kept, n_kept, all, missed);
		n_kept -= lost;
		unreadable |= lost > 0;
		if (rc == BC_OK && !opts[2].set)
			kept[n_kept++] = i;
		refused |= rc == BC_ERR_INVALID;
		unreadable |= rc != BC_OK && rc != BC_ERR_INVALID;
	}
	bc_readahead_free(ra);
	/* What the last batch holds is stored only now. */
	if (bc_store_batch(c->st, false, &c->diags) != BC_OK) {
		cli_progress_hide(&pr);
		cli_flush_diags(c);
		unreadable = true;
	}
	lost_files(c, files, kept, n_kept, all, missed);
	bc_free(kept);
	cli_progress_end(&pr);
	/* One line naming every file left out, after their messages. */
	if (n > 1 && json_array_size(missed))
		say_missed(missed, n);
	int exit_code = unreadable ? EXIT_ENV
			: refused  ? EXIT_REJECTED
				   : EXIT_OK;
	if (c->json)
		cli_print_json(json_pack("{s:o, s:o}", "files", all,
					 "not_imported", missed));
	else {
		json_decref(all);
		json_decref(missed);
	}
	bc_free(files);
	return exit_code;
}

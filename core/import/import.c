/* SPDX-License-Identifier: MIT */
#include "import.h"
#include "csv_read.h"
#include "digest.h"
#include "json_read.h"
#include "mem.h"
#include "text.h"
#include "validate.h"
#include "xlsx_read.h"

#include <stdio.h>
#include <string.h>

void bc_import_result_free(bc_import_result *res)
{
	for (size_t i = 0; i < res->n; i++) {
		bc_free(res->items[i].unit);
		bc_free(res->items[i].period);
		bc_free(res->items[i].parts);
		bc_free(res->items[i].duplicate);
	}
	bc_free(res->items);
	*res = (bc_import_result){0};
}

static bool holds(const char *buf, size_t len, const char *s, size_t n)
{
	for (size_t i = 0; i + n <= len; i++)
		if (buf[i] == s[0] && !memcmp(buf + i, s, n))
			return true;
	return false;
}

/* What a file is when its first bytes say it cannot be a submission,
 * with what to do about it; NULL otherwise.  A zip is left to the
 * workbook reader, which looks inside. */
static const char *foreign(const char *buf, size_t len)
{
	/* The stream every Word 97-2003 file has, named in UTF-16. */
	static const char word[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t";
	if (!len)
		return N_("the file is empty (0 bytes): nothing to import");
	if (len >= 8 && !memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return holds(buf, len, word, sizeof word)
			       ? N_("a Word 97-2003 document (.doc), not a "
				    "submission: the unit's figures and report "
				    "come in its filled workbook (.xlsx, from "
				    "'baocao template'), or as JSON or CSV")
			       : N_("an Excel 97-2003 workbook (.xls), which "
				    "baocao does not read: open it in Excel or "
				    "LibreOffice Calc, save it as an Excel "
				    "workbook (.xlsx) and import that");
	if (len >= 5 && !memcmp(buf, "%PDF-", 5))
		return N_("a PDF document, not a submission: the unit's figures "
			  "and report come in its filled workbook (.xlsx, from "
			  "'baocao template'), or as JSON or CSV");
	if (len >= 2 &&
	    (!memcmp(buf, "\xFF\xFE", 2) || !memcmp(buf, "\xFE\xFF", 2)))
		return N_("UTF-16 text (as Excel's \"Unicode Text\" saves it): "
			  "save it as UTF-8 (from a sheet, \"CSV UTF-8\") and "
			  "import that");
	return NULL;
}

/* JSON starts with '{' (after a BOM and white space); a zip (an Excel
 * workbook, whatever its name) with "PK"; anything else is read as
 * CSV. */
static const char *sniff(const char *buf, size_t len)
{
	size_t i = bc_bom_len(buf, len);
	while (i < len && strchr(" \t\r\n", buf[i]))
		i++;
	if (i < len && buf[i] == '{')
		return "json";
	if (len >= 4 && !memcmp(buf, "PK\x03\x04", 4))
		return "xlsx";
	return "csv";
}

static bc_err read_file(const char *path, const char *buf, size_t len,
			const char *format, bc_submissions *subs, bc_diags *d)
{
	if (!strcmp(format, "json"))
		return bc_json_read(path, buf, len, subs, d);
	if (!strcmp(format, "csv"))
		return bc_csv_read_submissions(path, buf, len, subs, d);
	return bc_xlsx_read(path, buf, len, subs, d);
}

static char *parts_text(const bc_checked *c)
{
	char buf[1024];
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < c->n_parts && o < sizeof buf; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s r%d",
				      i ? ", " : "", c->parts[i].part,
				      c->parts[i].number);
	return bc_strdup(buf);
}

static bc_err store_one(bc_store *st, bc_checked *c, const char *path,
			const char *sha, const char *format,
			bc_import_item *item, bc_diags *d)
{
	bool dup;
	char what[512];
	bc_err rc = bc_period_record(st, &c->period, d);
	if (rc == BC_OK)
		rc = bc_revision_duplicate(st, c->unit.id, c->period.id, sha,
					   &dup, what, sizeof what, d);
	if (rc != BC_OK)
		return rc;
	if (dup) {
		item->duplicate = bc_strdup(what);
		return item->duplicate ? BC_OK : BC_ERR_NOMEM;
	}
	bc_receipt r = {
		.unit_id = c->unit.id, .period_id = c->period.id, .file = path,
		.sha256 = sha, .format = format, .received_at = c->received_at,
		.offset = c->offset, .channel = c->channel,
		.signer_name = c->signer_name, .signer_title = c->signer_title,
		.signed_date = c->signed_date, .estimated = c->estimated,
	};
	rc = bc_revision_store(st, &r, c->parts, c->n_parts, d);
	if (rc != BC_OK)
		return rc;
	item->parts = parts_text(c);
	if (!item->parts)
		return BC_ERR_NOMEM;
	char *detail = bc_sprintf("%s %s: %s (sha256 %s)", c->unit.code,
				  c->period.code, item->parts, sha);
	rc = detail ? bc_store_audit(st, "import", path, detail, d)
		    : BC_ERR_NOMEM;
	bc_free(detail);
	return rc;
}

/* Checks one submission, and whether the same bytes were imported for
 * its unit and period before: then its warnings were said then, and are
 * not said again. */
static bc_err check_one(bc_store *st, bc_rulebook *rb, const bc_submission *s,
			const bc_import_opts *o, const char *sha,
			bc_checked *c, bc_import_item *item, bc_diags *d)
{
	bc_diags own = BC_DIAGS_INIT;
	bool dup = false;
	char what[512];
	bc_err rc = bc_validate(st, rb, s, o, c, &own);
	if (rc == BC_OK)
		rc = bc_revision_duplicate(st, c->unit.id, c->period.id, sha,
					   &dup, what, sizeof what, &own);
	if (rc == BC_OK && dup) {
		bc_diags_drop_warnings(&own);
		if (!(item->duplicate = bc_strdup(what)))
			rc = BC_ERR_NOMEM;
	}
	bc_diags_move(d, &own);
	return rc;
}

/* The checks read the store a dozen times per submission (unit, period,
 * last year's values …): one read transaction around them all, not one
 * per query.  The write lock is taken only to store, as before. */
static bc_err checked_all(bc_store *st, bc_rulebook *rb,
			  const bc_submissions *subs, const bc_import_opts *o,
			  const char *sha, bc_checked *checked,
			  bc_import_item *items, bc_diags *d)
{
	bc_err rc = bc_store_begin_read(st, d);
	if (rc != BC_OK)
		return rc;
	for (size_t i = 0; i < subs->n; i++) {
		bc_err r = check_one(st, rb, &subs->v[i], o, sha, &checked[i],
				     &items[i], d);
		if (r == BC_ERR_INVALID && rc == BC_OK)
			rc = r;
		else if (r != BC_OK && r != BC_ERR_INVALID) {
			rc = r;
			break;
		}
	}
	bc_store_rollback(st);
	return rc;
}

static bc_err store_all(bc_store *st, const char *path, const char *sha,
			bc_checked *checked, bc_import_result *res,
			bc_diags *d)
{
	bc_err rc = bc_store_begin(st, d);
	for (size_t i = 0; rc == BC_OK && i < res->n; i++)
		if (!res->items[i].duplicate)
			rc = store_one(st, &checked[i], path, sha, res->format,
				       &res->items[i], d);
	if (rc == BC_OK)
		return bc_store_commit(st, d);
	bc_store_rollback(st);
	return rc;
}

void bc_import_read_free(bc_import_read *r)
{
	bc_submissions_free(&r->subs);
	bc_diags_free(&r->diags);
	*r = (bc_import_read){0};
}

/* The file's bytes, read whole, are freed as soon as they are parsed: a
 * read held ahead (readahead.h) keeps its submissions alone. */
bc_err bc_import_read_file(const char *path, bc_import_read *r)
{
	char *buf;
	size_t len;
	*r = (bc_import_read){0};
	bc_err rc = bc_file_read(path, BC_IMPORT_MAX_FILE, &buf, &len,
				 &r->diags);
	if (rc != BC_OK)
		return r->rc = rc == BC_ERR_LIMIT ? BC_ERR_INVALID : rc;
	bc_sha256_buf(buf, len, r->sha);
	const char *what = foreign(buf, len);
	if (what) {
		bc_diags_add_made(&r->diags, BC_ERROR, path, 0, what, _(what));
		bc_free(buf);
		return r->rc = BC_ERR_INVALID;
	}
	r->format = sniff(buf, len);
	rc = read_file(path, buf, len, r->format, &r->subs, &r->diags);
	bc_free(buf);
	if (rc == BC_OK && !r->subs.n) {
		bc_diags_add(&r->diags, BC_ERROR, path, 0, NULL, NULL,
			     N_("no submission in this file"));
		rc = BC_ERR_INVALID;
	}
	return r->rc = rc;
}

bc_err bc_import_finish(bc_store *st, bc_rulebook *rb, const char *path,
			bc_import_read *r, const bc_import_opts *o,
			bool dry_run, bc_import_result *res, bc_diags *d)
{
	*res = (bc_import_result){.format = r->format};
	bc_diags_move(d, &r->diags);
	bc_err rc = r->rc;
	const bc_submissions *subs = &r->subs;
	bc_checked *checked = NULL;
	if (rc == BC_OK) {
		checked = bc_calloc(subs->n, sizeof *checked);
		res->items = bc_calloc(subs->n, sizeof *res->items);
		rc = checked && res->items ? BC_OK : BC_ERR_NOMEM;
	}
	if (rc == BC_OK) {
		res->n = subs->n;
		rc = checked_all(st, rb, subs, o, r->sha, checked, res->items,
				 d);
	}
	for (size_t i = 0; rc == BC_OK && i < res->n; i++) {
		res->items[i].unit = bc_strdup(checked[i].unit.code);
		res->items[i].period = bc_strdup(checked[i].period.code);
		res->items[i].late = checked[i].late;
		res->items[i].estimated = checked[i].estimated;
		res->items[i].received_at = checked[i].received_at;
		res->items[i].received_default = checked[i].received_default;
		if (!res->items[i].unit || !res->items[i].period)
			rc = BC_ERR_NOMEM;
	}
	if (rc == BC_OK && !dry_run)
		rc = store_all(st, path, r->sha, checked, res, d);
	res->accepted = rc == BC_OK;
	for (size_t i = 0; checked && i < subs->n; i++)
		bc_checked_free(&checked[i]);
	bc_free(checked);
	return rc;
}

bc_err bc_import_file(bc_store *st, bc_rulebook *rb, const char *path,
		      const bc_import_opts *o, bool dry_run,
		      bc_import_result *res, bc_diags *d)
{
	bc_import_read r;
	bc_import_read_file(path, &r);
	bc_err rc = bc_import_finish(st, rb, path, &r, o, dry_run, res, d);
	bc_import_read_free(&r);
	return rc;
}

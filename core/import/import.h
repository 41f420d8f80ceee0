/* SPDX-License-Identifier: MIT */
/*
 * Importing submission files: each file is read (JSON, long CSV or a
 * filled workbook, recognised by content), every submission in it
 * checked, and then all of it stored in one transaction, or none of it.
 * A file that is none of these (an .xls, a PDF, a Word document, an
 * empty file) is refused with what it is and what to send instead.  A
 * submission already imported from the same bytes stores nothing, and
 * its warnings are not said again.
 */
#ifndef BC_IMPORT_H
#define BC_IMPORT_H

#include "digest.h"
#include "rulebook.h"
#include "store.h"
#include "submission.h"

/* What the command line says of the files of one import, over what they
 * say themselves. */
typedef struct bc_import_opts {
	const char *received_at; /* overrides the file's; NULL */
	const char *channel;     /* overrides the file's; NULL */
	int tz_offset;           /* for times written without an offset */
} bc_import_opts;

/* The default channel when neither file nor command line gives one. */
#define BC_CHANNEL_FILE "file"

/* Files larger than this are refused before reading.  With the readers'
 * own limits (BC_READ_MAX_VALUES, BC_READ_MAX_SUBMISSIONS) it keeps an
 * import under 200 MB of memory whatever the file holds. */
#define BC_IMPORT_MAX_FILE (32u << 20)

/* What became of one submission of a file. */
typedef struct bc_import_item {
	char *unit, *period;
	char *parts;    /* "bm1 r2, bm3 r1, report r1" */
	char *duplicate; /* already imported: the revisions it made, or NULL */
	bool late, estimated;
	bc_time received_at;
	bool received_default; /* no time given: the time of import */
} bc_import_item;

typedef struct bc_import_result {
	bool accepted;
	const char *format; /* "json", "csv", "xlsx" */
	bc_import_item *items;
	size_t n;
} bc_import_result;

/* Imports the file at path.  BC_ERR_INVALID when it is refused (nothing
 * stored; every problem in d); with dry_run, checks and stores nothing.
 * Free res with bc_import_result_free. */
bc_err bc_import_file(bc_store *st, bc_rulebook *rb, const char *path,
		      const bc_import_opts *o, bool dry_run,
		      bc_import_result *res, bc_diags *d);
void bc_import_result_free(bc_import_result *res);

/*
 * bc_import_file in two steps, for a caller that reads the next file
 * while it checks and stores this one (readahead.h).
 *
 * The first, bc_import_read_file, does what needs neither the store nor
 * the rules: the file read whole, hashed, told apart (refused when it is
 * no submission) and parsed.  It touches nothing shared (no store, no
 * Lua, no rulebook, no global), so it may run on another thread than
 * the second; what it makes is the read's own.
 *
 * The second, bc_import_finish, checks what was read and stores it, on
 * the thread that owns the store and the rules.  The reading's problems
 * come first in d, before the checks', as bc_import_file gives them.
 */
typedef struct bc_import_read {
	bc_err rc;          /* BC_OK, or what ended the file's reading */
	const char *format; /* "json", "csv", "xlsx"; NULL when not told */
	char sha[BC_SHA256_HEX];    /* of the file's bytes */
	bc_submissions subs;        /* as read; none unless rc is BC_OK */
	bc_diags diags;             /* the reading's problems */
} bc_import_read;

/* Reads the file at path into *r, which it initialises; returns r->rc.
 * Free r with bc_import_read_free whatever it returns. */
bc_err bc_import_read_file(const char *path, bc_import_read *r);
/* Imports r, read from path by bc_import_read_file: what bc_import_file
 * returns, in res and d, had it read the file itself.  r's diagnostics
 * move to d; the rest of r stays its own (free it after). */
bc_err bc_import_finish(bc_store *st, bc_rulebook *rb, const char *path,
			bc_import_read *r, const bc_import_opts *o,
			bool dry_run, bc_import_result *res, bc_diags *d);
void bc_import_read_free(bc_import_read *r);

#endif

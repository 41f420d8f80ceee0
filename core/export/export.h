/* SPDX-License-Identifier: MIT */
/*
 * Exports: one host for every exporter, built in (xlsx, csv, json) or a
 * plugin (a C shared object or a Lua script, see include/baocao/plugin.h).
 * The host builds the report model of a period once, gives it to the
 * exporter, and writes its output to a temporary file renamed over the
 * target only on success.
 */
#ifndef BC_EXPORT_H
#define BC_EXPORT_H

#include "progress_cb.h"
#include "rulebook.h"
#include "sandbox.h"
#include "store.h"

/* Who sends the district's figures to the level above, and which of
 * them (the format "submission" only; the others ignore it). */
typedef struct bc_export_sender {
	/* The unit code the submission is sent as; NULL for the root of
	 * the units (refused when there is none, or several). */
	const char *unit;
	/* Who signs it, on the document's date: both required, as the
	 * level above refuses a submission without them. */
	const char *signer_name, *signer_title;
	/* The forms it holds, ids separated by commas; NULL for every
	 * form of the period's rules. */
	const char *forms;
} bc_export_sender;

typedef struct bc_export_opts {
	const char *format;
	const char *out;
	/* Where plugins are looked for, in order ("dir1:dir2"); NULL for
	 * none. */
	const char *plugin_path;
	bc_time fixed_time; /* the export's timestamp; 0 for now */
	int tz_offset;      /* for showing times */
	/* The day the export is "as of": its status, and the values and
	 * figures in force among the revisions received by the end of it;
	 * and the document's own date.  BC_DATE_NONE for the defaults, which
	 * bc_export sets to what it used: as_of is today (as for status),
	 * but not after date; date is as_of. */
	bc_date as_of, date;
	/* How far a built-in exporter has come, in pieces of its own (a
	 * form's sheets, a unit's values); a plugin reports nothing. */
	bc_progress progress;
	bc_export_sender sender;
	/* No second thread, neither making the model while the exporter
	 * reads nor reading half the aggregate's values (test_nomem's
	 * sweep needs the allocations in one order). */
	bool one_thread;
} bc_export_opts;

/* Exports period.  BC_ERR_NOT_FOUND for an unknown format; BC_ERR_RULES
 * (exit 3) for a plugin that fails to load; BC_ERR_INVALID when the
 * exporter fails (nothing written), or the store's or memory's error
 * when that is why it failed. */
bc_err bc_export(bc_store *st, bc_rulebook *rb, const char *period,
		 bc_export_opts *o, bc_diags *d);

/* Every format available: built-ins, then plugins found in path, each
 * once, as "name" strings.  Free with bc_export_formats_free. */
bc_err bc_export_formats(const char *plugin_path, char ***names, size_t *n);
void bc_export_formats_free(char **names, size_t n);

#endif

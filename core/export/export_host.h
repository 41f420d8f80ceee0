/* SPDX-License-Identifier: MIT */
/* Private to the exporters built into baocao: what they may reach
 * beyond the plugin API (they live in the same program). */
#ifndef BC_EXPORT_HOST_H
#define BC_EXPORT_HOST_H

#include <jansson.h>

#include "baocao/plugin.h"
#include "export.h"
#include "feed.h"
#include "formvals.h"
#include "frame.h"
#include "period.h"
#include "status.h"

/* The report model (borrowed). */
json_t *bc_host_model(bc_host *h);
/* What the exporter started before the model was made (export.c's
 * struct builtin); the host frees it after run (or when the model could
 * not be made).  Borrowed. */
void *bc_host_early(bc_host *h);
/* The period and its ruleset (borrowed). */
const bc_period *bc_host_period(bc_host *h);
/* What a lean model leaves out ("aggregate.values", the tables' "rows",
 * the units' status), read from the store within the export's snapshot
 * a piece at a time; aggregate.h says what each holds.  A new reference,
 * or NULL when the store fails: its diagnostics are then the export's,
 * and the exporter should fail. */
json_t *bc_host_form_values(bc_host *h, const char *form);
json_t *bc_host_unit_values(bc_host *h, const char *unit);
json_t *bc_host_unit_rows(bc_host *h, const char *form, const char *table,
			  const char *unit);
/* Both new references; false (nothing set) when the store fails. */
bool bc_host_table_shape(bc_host *h, const char *form, const char *table,
			 json_t **units, json_t **longest);
/* The same, a value at a time straight from the store's rows (feed.h),
 * for a writer that keeps no JSON of them; a derived period's from its
 * aggregate.  false when the store fails or fn stops the read (its
 * diagnostics, or memory, then fail the export). */
bool bc_host_feed_form(bc_host *h, const char *form, bc_feed_value_fn fn,
		       void *ud);
/* For a thread of the exporter's own, started early (export.c's struct
 * builtin): a connection of the export's snapshot that no other thread
 * uses, or NULL when there is none (one thread asked, no twin could be
 * had, a derived period, whose values are not the store's).  The host
 * closes it after the exporter's early_free, which joins that thread. */
typedef struct bc_host_reader bc_host_reader;
bc_host_reader *bc_host_reader_take(bc_host *h);
/* bc_host_feed_form's read on r, from the one thread that uses r: it
 * touches nothing of the host's.  What it says goes into d and its
 * failure is returned, both for bc_host_fed on the exporter's thread. */
bc_err bc_host_reader_feed_form(bc_host_reader *r, const char *form,
				bc_feed_value_fn fn, void *ud, bc_diags *d);
/* Finds the revisions in force on r, for the feeds that read on it once
 * it is given back (bc_host_reader_back), from the one thread that uses
 * r.  A failure is left for that read to find and say again. */
void bc_host_reader_ready(bc_host_reader *r, bc_diags *d);
/* Whether the model's aggregate keeps each form's own values for the
 * exporter (the workbook's, for a period not derived): known before the
 * model is made. */
bool bc_host_keeps(bc_host *h);
/* Form form's values (its index in the period's ruleset) as the
 * aggregate kept them, moved into *out (freed first) for the caller to
 * free; false, *out untouched, when none were kept.  After the model is
 * made, on the exporter's thread. */
bool bc_host_kept(bc_host *h, size_t form, bc_fvrows *out);
/* The exporter's thread on the reader is joined: the host's own feeds
 * (bc_host_feed_*) read on it from now on, the revisions in force it
 * found kept rather than found again on the export's connection. */
void bc_host_reader_back(bc_host *h);
/* On the exporter's thread: says what such a read said (d, emptied) and
 * fails the export with rc as bc_host_feed_form would; false when rc
 * is a failure. */
bool bc_host_fed(bc_host *h, bc_err rc, bc_diags *d);
/* A derived period lists no table's rows: fn is never called. */
bool bc_host_feed_rows(bc_host *h, const char *form, const char *table,
		       const char *const *codes, size_t n, bc_feed_cell_fn fn,
		       void *ud);
/* The status of every unit, which a lean model's "status" leaves out of
 * its "units" (bc_status_unit_json gives each). */
const bc_status *bc_host_status(bc_host *h);
/* The passes a plugin has open (host_cursor.h), closed at the end. */
bc_cursor **bc_host_cursors(bc_host *h);
/* What the API's path readers give of v = bc_host_at(root, path): the
 * value at a path such as "forms[2].fields[0].id" (borrowed, NULL when
 * absent); its text as get() (borrowed from v, or num for a number);
 * its number (0, or -1 when not a number); its elements or keys; the
 * i-th key of an object (borrowed). */
enum { BC_HOST_NUM = 64 };
json_t *bc_host_at(json_t *v, const char *path);
const char *bc_host_text(json_t *v, char num[BC_HOST_NUM]);
int bc_host_number(json_t *v, double *out);
size_t bc_host_count(json_t *v);
const char *bc_host_key(json_t *v, size_t i);
/* The temporary file the output goes to, for writers that must open it
 * themselves (libxlsxwriter). */
const char *bc_host_path(bc_host *h);
/* Its directory, for such a writer's own scratch files. */
const char *bc_host_scratch(bc_host *h);
/* Such a writer's write failed with errnum: the export fails with one
 * message naming the output (exit 3), whatever the exporter says next. */
void bc_host_write_failed(bc_host *h, int errnum);
/* The exporter ran out of memory: the export fails with BC_ERR_NOMEM
 * (exit 3), not as an exporter that failed (the host's own functions
 * say so themselves when theirs runs out). */
void bc_host_nomem(bc_host *h);
/* Who sends a submission to the level above (export.h; borrowed). */
const bc_export_sender *bc_host_sender(bc_host *h);
/* The export's messages, where an exporter built in adds its warnings
 * (what it leaves out, what the figures lack); an error added there
 * fails the export as api->error does.  Borrowed. */
bc_diags *bc_host_diags(bc_host *h);
/* The export's timestamp. */
bc_time bc_host_time(bc_host *h);
/* The document's date (--date, by default the as-of day). */
bc_date bc_host_date(bc_host *h);
/* The frame of the document the export is, the district's report of
 * the period (frame.h; the model's document.frame).  Borrowed. */
const bc_doc_frame *bc_host_frame(bc_host *h);
/* The exporter has done done of its total pieces (export.h's progress). */
void bc_host_progress(bc_host *h, size_t done, size_t total);

#endif

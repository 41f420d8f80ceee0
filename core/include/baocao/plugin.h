/* SPDX-License-Identifier: MIT */
/*
 * baocao exporter plugins: the only header a plugin sees.
 *
 * A plugin is a shared object exporting one function,
 *
 *     const bc_exporter *baocao_exporter(void);
 *
 * returning a descriptor that lives as long as the plugin is loaded.
 * baocao calls its run() once per export with a host handle and the host
 * API: a table of functions that only ever grows at its end, so a plugin
 * built against ABI 1.N runs on any host 1.M with M >= N.
 *
 * The plugin reads the report model through the host (the period, the
 * units, the catalogue of forms, the aggregate with each unit's values,
 * the status) by path, writes its output through the host, and reports
 * errors through the host.  Memory that crosses the boundary belongs to
 * the host: strings it returns stay valid until the export ends, and a
 * plugin that needs memory may take it from host->alloc.
 *
 * The host writes the output to a temporary file and puts it in place
 * only when run() returns 0, so a failed export leaves no partial file.
 * After a failed write (a full disk) the host has said so, naming the
 * file: write() returns -1 from then on, and the plugin just returns.
 *
 * Build one outside baocao's tree with:
 *
 *     cc -fPIC -shared $(pkg-config --cflags baocao-plugin) \
 *         -o myformat.so myformat.c
 */
#ifndef BAOCAO_PLUGIN_H
#define BAOCAO_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BC_PLUGIN_ABI_MAJOR 1
#define BC_PLUGIN_ABI_MINOR 3

/* The symbol baocao looks up. */
#define BC_PLUGIN_ENTRY "baocao_exporter"

typedef struct bc_host bc_host; /* opaque: one export in progress */
typedef struct bc_cursor bc_cursor; /* opaque: one pass in progress (1.3) */

/*
 * Paths name a value of the report model, JSON-like, with '.' between
 * keys and [i] for array elements:
 *
 *   period.period (the code), period.label, period.window.from,
 *   period.unit_due
 *   district.name                    the unit at the top of the tree
 *   units[i].code, .name, .kind, .level, .parent
 *   forms[i].id, .title, .fields[j].id, .label, .unit, .type, .agg
 *   forms[i].fields[j].values[k]     an enum's choices (its ids), and
 *   forms[i].fields[j].value_labels.<id>
 *                                    the label people read (ABI 1.1);
 *                                    a table's .columns[k] the same
 *   forms[i].indicators[j].id, .label
 *   aggregate.forms.bm3.fields.hs_tiep_nhan.total
 *   aggregate.forms.bm3.indicators.ty_le_dung_han.xa
 *   aggregate.forms.bm3.fields.hs_tiep_nhan.previous.total
 *   aggregate.values.bm3.<unit code>.hs_tiep_nhan
 *                                    (whole model only: ABI 1.3 below)
 *   status.summary.on_time_rate, status.units[i].state
 *                                    (status.units whole model only)
 *   levels[i].id, .label             the levels of the ruleset
 *   status.as_of                     the day the export counts to
 *   wording.<group>.<key>            the ruleset's words for documents,
 *                                    every key (ABI 1.1)
 *   document.nation, .motto, .yes, .no, .seq, .uom, .total, .date,
 *   document.time                    the words of Vietnamese documents
 *                                    (ABI 1.1)
 *   document.frame.body[i], .number, .place_date, .type, .title[i],
 *   .authority[i], .signer_title, .signer_name, .recipients[i] …
 *                                    the frame of the district's
 *                                    report, finished text (ABI 1.2)
 *   date                             the date the document bears
 *   generated_at                     when the export was made
 */
typedef struct bc_host_api {
	uint32_t abi_major, abi_minor;
	size_t size; /* sizeof the host's struct: fields past it are absent */

	/* The value at path as text (numbers written plainly, "12.5"),
	 * or NULL when absent or null.  Host-owned. */
	const char *(*get)(bc_host *h, const char *path);
	/* The number at path in *out; 0 on success, -1 if not a number. */
	int (*get_number)(bc_host *h, const char *path, double *out);
	/* Elements of the array, or keys of the object, at path; 0 when
	 * neither. */
	size_t (*count)(bc_host *h, const char *path);
	/* The i-th key of the object at path (in the model's order), or
	 * NULL.  Host-owned. */
	const char *(*key)(bc_host *h, const char *path, size_t i);

	/* Appends len bytes to the output; 0, or -1 on a write error. */
	int (*write)(bc_host *h, const void *buf, size_t len);
	/* Reports an error (shown to the user with the plugin's name);
	 * run() should then return non-zero. */
	void (*error)(bc_host *h, const char *msg);

	/* Memory from the host, freed when the export ends (or earlier with
	 * free).  NULL when out of memory. */
	void *(*alloc)(bc_host *h, size_t n);
	void (*free)(bc_host *h, void *p);

	/* ---- ABI 1.3: passes over what grows with the country ----------
	 *
	 * A plugin built for ABI 1.3 or later gets a lean model: it has no
	 * aggregate.values, no tables' "rows" in aggregate.forms and no
	 * status.units (the rest is as above).  It reads those a unit at a
	 * time through a cursor instead, so its memory stays flat however
	 * many units report.  A plugin built for 1.2 or earlier gets the
	 * whole model, as before, and these are there all the same.
	 *
	 * Each open_* returns a cursor before its first item, or NULL when
	 * the host could not start the pass (a read of the store failed or
	 * memory ran out: the host has said so, run() should return
	 * non-zero).  next() moves to the next item: 1, or 0 after the last,
	 * or -1 when reading failed (said by the host; return non-zero).
	 * The item is read with item_get/item_number/item_count/item_key,
	 * by path as the model is ("" is the item itself); what they
	 * return is host-owned and stays valid until the next call of
	 * next() or close() on that cursor.  close() ends the pass and frees
	 * everything it holds, after the last item or at any point before
	 * (a plugin that stops early); close(NULL) does nothing.  A cursor
	 * not closed is freed when the export ends.  Several cursors may be
	 * open at once.
	 *
	 * The items:
	 *   open_units      every unit, in the tree's order, as units[i]
	 *   open_values     every unit that sent form, in order of code:
	 *                   {"unit": code, "values": {field: value}} as
	 *                   aggregate.values.<form>.<unit> holds them
	 *   open_rows       the rows of table `table` of form, in order,
	 *                   {"unit", "row", column: value}: of one unit, or
	 *                   with unit NULL of every unit in one pass ordered
	 *                   by unit code
	 *   open_status     every unit's status, as status.units[i]
	 */
	bc_cursor *(*open_units)(bc_host *h);
	bc_cursor *(*open_values)(bc_host *h, const char *form);
	bc_cursor *(*open_rows)(bc_host *h, const char *form,
				const char *table, const char *unit);
	bc_cursor *(*open_status)(bc_host *h);
	int (*next)(bc_cursor *c);
	const char *(*item_get)(bc_cursor *c, const char *path);
	int (*item_number)(bc_cursor *c, const char *path, double *out);
	size_t (*item_count)(bc_cursor *c, const char *path);
	const char *(*item_key)(bc_cursor *c, const char *path, size_t i);
	void (*close)(bc_cursor *c);
} bc_host_api;

typedef struct bc_exporter {
	uint32_t abi_major, abi_minor; /* BC_PLUGIN_ABI_* built against */
	const char *name;              /* the format, as in --format NAME */
	const char *description;
	const char *extension; /* of the files it writes, without the dot */
	/* Writes the export; 0 on success. */
	int (*run)(bc_host *h, const bc_host_api *api);
	void *reserved[4]; /* zero: room to grow without breaking ABI 1 */
} bc_exporter;

/* What a plugin defines. */
const bc_exporter *baocao_exporter(void);

#ifdef __cplusplus
}
#endif

#endif

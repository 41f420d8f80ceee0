/* SPDX-License-Identifier: MIT */
/*
 * The forms' values for the workbook's form sheets (xlsx_export.c), a
 * form at a time, each unit's at its place in the model's list, held
 * small: a national form is ~15,000 units by up to ~50 fields.
 *
 * They are given in the forms' order.  When the model's aggregate kept
 * them (bc_host_kept) they are taken from there: the country's values are
 * then read once.  Otherwise, when the host has a reader (a twin of the
 * store, bc_host_reader_take), a thread of their own reads them from
 * when the model's thread starts, up to three forms ahead of the sheets;
 * else each form is read when asked, on the caller's thread.  Either way
 * the values, and what a failed read says, are the same.  With kept
 * values the reader's thread only finds the revisions in force on its
 * twin, for the lists' rows (bc_host_feed_rows).
 */
#ifndef BC_XLSX_VALUES_H
#define BC_XLSX_VALUES_H

#include <jansson.h>
#include <stdint.h>

#include "export_host.h"
#include "formvals.h"

/* The values of one form, by place of the model's list (has, and
 * bc_xvals_cell), as read (rows). */
typedef struct bc_xvals {
	const bc_form *f;
	bool *has;        /* per place: its unit has values of the form */
	size_t n_has;     /* units with values, any outside the list too */
	double *abs;      /* per field: the sum of its values' sizes */
	size_t *outside;  /* per field: units outside the list whose value
			   * is a number above 0 (a table's: units with
			   * rows) */
	size_t *row_of;   /* per place: its unit's row of rows, or SIZE_MAX */
	bc_fvrows rows;   /* a row per unit read */
} bc_xvals;

/* The value of field (its index in the form's fields) of the unit at
 * place unit; a text borrowed from fv. */
bc_cell bc_xvals_cell(const bc_xvals *fv, size_t unit, size_t field);

typedef struct bc_xvals_reader bc_xvals_reader;

/* Starts reading the values of rs's forms, in their order, on h's reader
 * when it has one (or, when the model keeps them, readying the reader
 * for the lists' rows).  NULL when memory runs out.  Freed with
 * bc_xvals_free. */
bc_xvals_reader *bc_xvals_start(bc_host *h, const bc_ruleset *rs);

/* The model's list, before the first bc_xvals_next: its n places, which
 * pos gives (unit code → integer; read on the caller's thread). */
void bc_xvals_place(bc_xvals_reader *r, const json_t *pos, size_t n);

typedef enum bc_xv_got {
	BC_XV_READ,   /* the form's values */
	BC_XV_UNREAD, /* the store failed: none (the host has said why and
		       * fails the export) */
	BC_XV_NOMEM,  /* no memory to hold them: NULL */
} bc_xv_got;

/* The next form's values, on the thread that started r, as *got says;
 * borrowed until the next call or bc_xvals_stop. */
const bc_xvals *bc_xvals_next(bc_xvals_reader *r, bc_xv_got *got);

/* Stops the reading thread once it has read the form it is on: the
 * forms it read are kept for bc_xvals_next, the rest read when asked on
 * the caller's thread, on the reader's connection, which the caller may
 * read on too from now on (bc_host_reader_back).  NULL is nothing; so
 * is a second call. */
void bc_xvals_home(bc_xvals_reader *r);

/* Stops the reading thread and frees the values r holds; r stays for
 * bc_xvals_free.  NULL is nothing; so is a second call. */
void bc_xvals_stop(bc_xvals_reader *r);
/* Stops r and frees it (a bc_xvals_reader *, as the host's early_free
 * takes it). */
void bc_xvals_free(void *r);

#endif

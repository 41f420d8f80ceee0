/* SPDX-License-Identifier: MIT */
/*
 * Each form's own values in force of a period, by unit, small: what a
 * writer of a sheet per form reads (the workbook's form sheets).  The
 * aggregate's one pass over the values keeps them as it tallies them
 * when asked (bc_agg_opts.keep), so that the workbook does not read the
 * country's values a second time; a feed (feed.h) fills them the same
 * way a form at a time.  Either way a form's rows hold the same cells.
 */
#ifndef BC_FORMVALS_H
#define BC_FORMVALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "mem.h"
#include "ruleset.h"

/* A unit's value of a field, small. */
typedef struct bc_fvcell {
	union {
		int64_t v;        /* a number's digits */
		const char *text; /* in the rows' text */
	} u;
	int32_t scale;
	uint8_t kind; /* bc_cell_kind */
} bc_fvcell;

/* The units' values of one form, a row per unit in the order they came:
 * zero-initialised with f set is empty; freed with bc_fvrows_free. */
typedef struct bc_fvrows {
	const bc_form *f;
	bc_fvcell *v;       /* [row × f->n_fields] */
	const char **code;  /* per row: the unit's code */
	size_t n, cap, cap_code;
	bc_arena text;      /* the text values and the codes */
} bc_fvrows;

/* Keeps v, the value of field (its index in r->f's fields) of unit: a
 * unit's values come together, a new row when the unit changes.  v's
 * text is copied.  false when memory runs out (r keeps what it had). */
bool bc_fvrows_keep(bc_fvrows *r, const char *unit, size_t field,
		    const bc_cell *v);
/* The cell of row and field as the feed gave it (a text borrowed from
 * r). */
bc_cell bc_fvrows_cell(const bc_fvrows *r, size_t row, size_t field);
/* from's rows moved after to's (from left empty); false when memory
 * runs out, nothing moved. */
bool bc_fvrows_append(bc_fvrows *to, bc_fvrows *from);
void bc_fvrows_free(bc_fvrows *r);

/* Every form's rows, by the form's index in its ruleset. */
typedef struct bc_formvals {
	bc_fvrows *form; /* [n] */
	size_t n;
} bc_formvals;

/* Empty rows for each of rs's forms; false when memory runs out. */
bool bc_formvals_init(bc_formvals *fv, const bc_ruleset *rs);
/* from's rows after to's, form by form, from emptied; false when memory
 * runs out (the rows then split between the two, both still to free). */
bool bc_formvals_append(bc_formvals *to, bc_formvals *from);
void bc_formvals_free(bc_formvals *fv);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * A year's scores as a workbook laid out as the other workbooks are
 * (Nghị định 30: the issuing body and the national motto above, the
 * scheme's title, the signatures below; xlsx_write.h): a sheet per group
 * of units, their points part by part, total, rank and class; then a
 * sheet per unit explaining its points criterion by criterion with the
 * numbers they came from.
 */
#ifndef BC_RANK_XLSX_H
#define BC_RANK_XLSX_H

#include "frame.h"
#include "rank.h"

typedef struct bc_rank_doc {
	/* The document the workbook is (borrowed): its header block heads
	 * every sheet (xlsx_nd30.h). */
	const bc_doc_frame *frame;
	bc_date date;     /* the day the document bears */
	const char *path; /* the file written */
	const char *tmpdir; /* libxlsxwriter's scratch files */
} bc_rank_doc;

/* Writes r as the workbook doc->path; BC_ERR_IO (said in d) when it
 * cannot be written, BC_ERR_NOMEM when memory ran out. */
bc_err bc_rank_xlsx(const bc_rank *r, const bc_rank_doc *doc, bc_diags *d);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The report of a period as a document (doc.h), in no file format: what
 * the district sends up, compiled from what its units sent, or a unit's
 * own report to the district from its own submission.
 *
 * Its frame is Nghị định 30's (frame.h), in the words of the rules and
 * of the command line; its body follows the outline the rules declare,
 * section by section in their order, each with its number and title,
 * the summary the rules write around the figures (rules/summary.h), and
 * then the units' own texts of that section, each under its unit's
 * name in the units' order; its appendices are tables: the indicators,
 * each form's figures by level beside the same period last year, the
 * lists the units gave (table fields), and who reported when.
 */
#ifndef BC_REPORT_H
#define BC_REPORT_H

#include "doc.h"
#include "rulebook.h"
#include "store.h"

typedef struct bc_report_opts {
	/* The unit whose own report it is (its code); NULL for the report
	 * of the whole, which the root of the units issues. */
	const char *unit;
	/* The document's date, and the day whose end its figures and
	 * status are counted to; BC_DATE_NONE for today, which
	 * bc_report_build then sets. */
	bc_date date;
	/* What the command line puts in place of the rules' words: the
	 * document's number ("45/BC-UBND") and the signer's name; NULL for
	 * the rules' (a number left for the clerk, no name). */
	const char *number, *signer;
	/* Minutes east of UTC "today" is taken at. */
	int tz_offset;
} bc_report_opts;

typedef struct bc_rep bc_report;

/*
 * The report of period, begun: what it is built from read in one
 * snapshot of the store (kept until bc_report_close), its frame and
 * first lines in the document (bc_report_doc).  The rest of the
 * document is built a piece at a time as its writer asks for it
 * (doc.h, bc_doc_stream), so that a country's report is never held
 * whole.  A unit that the period does not see (no such code on the last
 * day of its window) is BC_ERR_NOT_FOUND, saying so in d; a period
 * nobody reported still has a report, saying so under each section.
 * d must outlive the report.  *out is freed with bc_report_close.
 */
bc_err bc_report_open(bc_store *st, bc_rulebook *rb, const char *period,
		      bc_report_opts *o, bc_report **out, bc_diags *d);
/* The document, owned by the report. */
bc_doc *bc_report_doc(bc_report *r);
/* Ends the report: its document and snapshot released.  NULL is fine. */
void bc_report_close(bc_report *r);

#endif

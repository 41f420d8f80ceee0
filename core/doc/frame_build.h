/* SPDX-License-Identifier: MIT */
/*
 * Builds the frame of an official document (frame.h) from the rules'
 * document words (rules/docwords.h), the issuing unit as the period sees
 * it and what the command line overrides.  Nghị định 30's own words (the
 * national title and motto, "Số:", the place and date, "Kính gửi:",
 * "Nơi nhận:") are base/vndoc.h's; the elements the decree sets in
 * capitals (the bodies, the type, the signer's authority and title) are
 * put in capitals here, so that every writer prints the same text.
 */
#ifndef BC_FRAME_BUILD_H
#define BC_FRAME_BUILD_H

#include "date.h"
#include "docwords.h"
#include "error.h"
#include "frame.h"

struct bc_ruleset;
struct bc_unit;
struct bc_unit_list;
struct bc_period;

/* What the command line says over the rules' words. */
typedef struct bc_doc_overrides {
	/* The document's number: "45" goes into the rules' pattern ("Số:
	 * 45/BC-UBND"; below 10 with a leading 0), "45/BC-UBND" (with a
	 * '/') is the whole; NULL leaves the space for the clerk. */
	const char *number;
	bc_date date; /* BC_DATE_NONE: dots for the clerk */
	/* The signer's name (NULL: none, signed by hand) and title (NULL:
	 * the rules'). */
	const char *signer_name, *signer_title;
} bc_doc_overrides;

#define BC_DOC_OVERRIDES_NONE ((bc_doc_overrides){NULL, BC_DATE_NONE, NULL, NULL})

/*
 * The frame of document kind issued by issuer (its version as of the
 * period), whose parent is parent (NULL for none), for period p (NULL
 * for a document of no period), into *out, which the caller frees with
 * bc_doc_frame_free (also after a failure; *out is zeroed first).  o
 * may be NULL.  BC_ERR_NOMEM when out of memory, BC_ERR_USAGE (said in
 * d) for a number override that is not one.
 */
bc_err bc_doc_frame_build(const struct bc_ruleset *rs, bc_dockind kind,
			  const struct bc_unit *issuer,
			  const struct bc_unit *parent,
			  const struct bc_period *p, const bc_doc_overrides *o,
			  bc_doc_frame *out, bc_diags *d);

/* The place a unit is in as its header's date names it ("Tân Kỳ"): its
 * name past a prefix the rules give its kind, else its parent's so
 * found, else none; into out[n], "" for none. */
void bc_doc_place(const struct bc_ruleset *rs, const struct bc_unit *u,
		  const struct bc_unit *parent, char *out, size_t n);

/* The unit that issues the district's documents among units (a list in
 * bc_units_as_of's order): the first root that has units under it, else
 * the first root; NULL for an empty list.  Borrowed from units. */
const struct bc_unit *bc_doc_issuer(const struct bc_unit_list *units);
/* u's parent in units, or NULL. */
const struct bc_unit *bc_doc_parent(const struct bc_unit_list *units,
				    const struct bc_unit *u);

#endif

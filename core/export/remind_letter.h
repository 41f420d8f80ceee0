/* SPDX-License-Identifier: MIT */
/*
 * The reminder letter of a period (Công văn đôn đốc): a letter in
 * Nghị định 30's layout from the district's issuing body to its units,
 * its frame built from the rules' document words for a reminder
 * (doc/frame_build.h: number "…/UBND-NV", the "V/v đôn đốc …" line,
 * "Kính gửi:", signer, "Nơi nhận:"), its body from the rules' remind
 * wording: the deadline passed, a line for each unit that still owes
 * with what it owes, the request.  Units that sent everything, even
 * late, are not in it.
 */
#ifndef BC_REMIND_LETTER_H
#define BC_REMIND_LETTER_H

#include "frame_build.h"
#include "remind.h"

/* Writes the letter of rm to path (.docx, whole or not at all), the
 * number, date and signer as o says (NULL: left for the clerk).  The
 * issuing body is the district's (bc_doc_issuer) among the units the
 * period sees.  BC_ERR_REFUSED, said in d, when no unit owes anything:
 * there is no one to write to. */
bc_err bc_remind_letter(bc_store *st, const bc_remind *rm,
			const bc_doc_overrides *o, const char *path,
			bc_diags *d);

#endif

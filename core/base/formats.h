/* SPDX-License-Identifier: MIT */
/*
 * The names the file formats fix (docs/formats.md), which the readers, the
 * rules and the writers share: a part of a submission is a form the
 * rules declare or the narrative report, and a submission's own
 * attributes travel as a pseudo-form.
 */
#ifndef BC_FORMATS_H
#define BC_FORMATS_H

/* The part that is the narrative report, beside the forms: its key in a
 * submission, its form in long CSV and in a template's map, its name in
 * the rules' responsibilities. */
#define BC_PART_REPORT "report"
/* The pseudo-form of the signer, receipt and estimate in long CSV and in
 * a template's map. */
#define BC_FORM_META "_meta"

#endif

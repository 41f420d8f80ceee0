/* SPDX-License-Identifier: MIT */
/*
 * A section's summary filled with a period's figures: the sentences the
 * rules wrote (rules/summary.h), each placeholder replaced by a figure of
 * the aggregate the caller already holds (bc_aggregate's JSON; made with
 * bc_agg_opts.compare for last year's figures), numbers written as a
 * Vietnamese document writes them (base/vndoc.h: "1.234", "97,2 %").
 *
 * Rendering walks the parsed pieces; it looks up no name in the rules
 * and parses nothing.  What each placeholder gives:
 *
 *   {f.x}          the district total (x a field: its figure; an
 *                  indicator: its percentage, recomputed from the
 *                  levels' summed parts, "97,2 %")
 *   {f.x@lv}       level lv's figure instead of the total
 *   {f.t[v]}       a counted table's rows whose column is v
 *   {f.x:last}     last year's figure of the same period
 *   {f.x:diff}     this minus last, signed ("+12", "-3", "0")
 *   {f.x:pct}      the change in percent, signed ("+15,4 %")
 *   {f.x:change}   the change in the rules' words (wording summary.*):
 *                  up, down, the same, or no figure last year
 *   {f:units}      the units whose figures of f are counted
 *   {f:missing}    the units that owe f and have sent none
 *
 * A figure that cannot be given (no unit reported it, a denominator of
 * 0, no figure last year for :last, :diff, :pct) is "-": never "nan".
 */
#ifndef BC_SUMMARY_RENDER_H
#define BC_SUMMARY_RENDER_H

#include <jansson.h>

#include "error.h"
#include "ruleset.h"

/*
 * Sentence t (resolved against rs, as every summary of a loaded ruleset
 * is) filled from agg, the JSON of bc_aggregate for a period governed by
 * rs.  *out is a new string the caller frees with bc_free.  BC_ERR_NOMEM
 * when memory runs out (*out NULL).
 */
bc_err bc_summary_render(const bc_ruleset *rs, const bc_summary *t,
			 const json_t *agg, char **out);

/*
 * Every sentence of section s's summary filled from agg, joined by a
 * space into one paragraph, in *out (bc_free).  A sentence none of whose
 * figures is there (nobody reported them: every one would be "-") is
 * left out; *out is NULL when s has no summary or every sentence was
 * left out (a period nobody reported for).  Counts of units (:units,
 * :missing) are always there.  BC_ERR_NOMEM as bc_summary_render.
 */
bc_err bc_section_summary(const bc_ruleset *rs, const bc_section *s,
			  const json_t *agg, char **out);

/*
 * The same of s's unit_summary, for a unit's own report: agg is then
 * the aggregate of that unit alone (bc_agg_opts.unit), so a total is
 * the unit's own figure.  *out is NULL when s has no unit_summary: a
 * unit's report never borrows the district's sentences.
 */
bc_err bc_section_unit_summary(const bc_ruleset *rs, const bc_section *s,
			       const json_t *agg, char **out);

#endif

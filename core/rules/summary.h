/* SPDX-License-Identifier: MIT */
/*
 * The summaries of a report's sections: sentences the rules write around
 * the district's figures (section{ summary = "… {bm1.vb_chi_dao} văn bản
 * …" }, docs/rules.md "Summaries").
 *
 * A text template is parsed once, when the rules load, into pieces: runs
 * of text and placeholders.  Every placeholder is then resolved against
 * the catalogue (its form, field or indicator, counted choice and level
 * become positions), so that `rules check` names a dangling one with its
 * file:line, and a report fills a sentence by walking its pieces, with
 * no searching of strings at export time.
 *
 * A placeholder is {form.item[choice]@level:modifier}, all but the form
 * optional: item a field or an indicator of the form, choice one value
 * of a counted table's column, level one of the ruleset's levels (the
 * district total without), modifier what is said of the figure.  "{{"
 * and "}}" write a brace.
 */
#ifndef BC_SUMMARY_H
#define BC_SUMMARY_H

#include "mem.h"

#include <stdbool.h>
#include <stddef.h>

struct bc_ruleset;

typedef enum bc_sum_what {
	BC_SUM_TEXT,      /* text as written */
	BC_SUM_FIELD,     /* a field of a form */
	BC_SUM_INDICATOR, /* an indicator of a form */
	BC_SUM_FORM,      /* the form itself: its units */
} bc_sum_what;

/* What a placeholder says of its figure. */
typedef enum bc_sum_mod {
	BC_SUM_VALUE,   /* (none) this period's figure */
	BC_SUM_LAST,    /* :last the same period last year */
	BC_SUM_CHANGE,  /* :change the change, in the rules' words */
	BC_SUM_DIFF,    /* :diff this minus last, signed */
	BC_SUM_PCT,     /* :pct the change in percent, signed */
	BC_SUM_UNITS,   /* :units units whose figures are counted (forms) */
	BC_SUM_MISSING, /* :missing units that owe it and sent none (forms) */
	BC_SUM_MOD_N
} bc_sum_mod;

/* One piece.  Names are as written (NULL when not given); the positions
 * are -1 until bc_summary_resolve finds them. */
typedef struct bc_sum_piece {
	bc_sum_what what;
	bc_sum_mod mod;
	char *text; /* BC_SUM_TEXT: the text, braces unescaped; otherwise
		     * the placeholder as written, braces included */
	char *form, *item, *choice, *level;
	int form_ix, item_ix, choice_ix, level_ix;
} bc_sum_piece;

/* One sentence: its pieces in order. */
typedef struct bc_summary {
	bc_sum_piece *v;
	size_t n;
} bc_summary;

/* The name of m as written after ':' ("change"; "" for BC_SUM_VALUE). */
const char *bc_sum_mod_name(bc_sum_mod m);

/*
 * Parses text into *out, every piece and name allocated in a (freed with
 * it).  False with a message in err (the placeholder and what is wrong
 * with it), or with err empty when memory ran out; *out is then empty.
 * Placeholders are parsed, not resolved: a name is looked up by
 * bc_summary_resolve.
 */
bool bc_summary_parse(const char *text, bc_arena *a, bc_summary *out,
		      char *err, size_t errn);
/* The most bytes bc_summary_parse takes from its arena for text, for a
 * caller that accounts for memory before it is taken. */
size_t bc_summary_parse_max(const char *text);

/*
 * Resolves every placeholder of s against rs: the form, its field or
 * indicator, the choice (a value of the column a table counts by), the
 * level (one of rs's, and one the field is asked of), and whether the
 * modifier says something of it.  Each placeholder that does not
 * resolve is told to bad (the placeholder and what is wrong with it, in
 * the reader's language); returns how many.  A summary with problems
 * must not be rendered.
 */
typedef void (*bc_summary_bad_fn)(void *ud, const char *msg);
size_t bc_summary_resolve(bc_summary *s, const struct bc_ruleset *rs,
			  bc_summary_bad_fn bad, void *ud);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Conditions between fields: "hs_tiep_nhan = hs_ky_truoc + hs_truc_tuyen",
 * "<= nv_ke_hoach".  Two sums of names and numbers and a comparison.
 *
 * A small language of its own rather than Lua functions: a condition is
 * then data, so `rules check` resolves every name without running
 * anything, a submission is checked in C without moving values into Lua,
 * and a failed check can show the numbers on both sides.
 */
#ifndef BC_COND_H
#define BC_COND_H

#include "decimal.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct bc_term {
	char *name; /* NULL for a number */
	bc_dec k;   /* the number */
	int sign;   /* +1 or -1 */
	int ref;    /* index the name resolved to, -1 before resolving */
} bc_term;

typedef struct bc_expr {
	bc_term *v;
	size_t n;
} bc_expr;

typedef enum bc_relop { BC_EQ, BC_NE, BC_LE, BC_LT, BC_GE, BC_GT } bc_relop;

typedef struct bc_cond {
	bc_expr lhs, rhs;
	bc_relop op;
} bc_cond;

/* Parses "a + b - 2"; false with a message in err, or with err empty
 * when memory ran out. */
bool bc_expr_parse(const char *text, bc_expr *out, char *err, size_t errn);
/* Parses "a + b <= c", or "<= c" with self as the left side; false as
 * bc_expr_parse. */
bool bc_cond_parse(const char *text, const char *self, bc_cond *out,
		   char *err, size_t errn);
void bc_expr_free(bc_expr *e);
void bc_cond_free(bc_cond *c);

/* The most bytes parsing a text of len bytes allocates (a condition or a
 * sum: its terms and names), for a caller that accounts for memory
 * before it is taken; and the bytes a parsed one holds. */
size_t bc_cond_parse_max(size_t len);
size_t bc_cond_bytes(const bc_cond *c);
size_t bc_expr_bytes(const bc_expr *e);

/* Resolves every name through fn (which returns the index or -1); the
 * first unknown name in *bad.  True when all resolve. */
typedef int (*bc_resolve_fn)(void *ud, const char *name);
bool bc_expr_resolve(bc_expr *e, bc_resolve_fn fn, void *ud,
		     const char **bad);
bool bc_cond_resolve(bc_cond *c, bc_resolve_fn fn, void *ud,
		     const char **bad);

/* A resolved name's value; false when it was not reported. */
typedef bool (*bc_value_fn)(void *ud, int ref, bc_dec *v);
/* The sum, exactly; false when some term is not reported or the sum
 * does not fit a bc_dec (18 digits). */
bool bc_expr_eval(const bc_expr *e, bc_value_fn fn, void *ud, bc_dec *out);
/* 1 when the condition holds, 0 when it fails, -1 when a value it needs
 * is not reported.  Exact: 0.1 + 0.2 = 0.3 holds, and amounts compare
 * to the hundredth at any size.  (Only sums too long for 18 digits,
 * which no form's values make, are compared as doubles.) */
int bc_cond_eval(const bc_cond *c, bc_value_fn fn, void *ud);

/* Writes the value of a resolved name as it should read (a date, say);
 * false to have it written as a number. */
typedef bool (*bc_show_fn)(void *ud, int ref, bc_dec v, char *buf, size_t n);
/* Writes a resolved name as a person finds it on the form ("[6]");
 * false to have it written as the rules name it. */
typedef bool (*bc_name_fn)(void *ud, int ref, char *buf, size_t n);

/* How bc_cond_explain tells a failed condition. */
typedef struct bc_explain {
	bc_value_fn value;
	bc_show_fn show; /* may be NULL */
	bc_name_fn name; /* may be NULL */
	void *ud;        /* passed to each */
	/* A name the message already gives, as the field the condition is
	 * attached to: a side that is only it reads "= 390".  -1: none. */
	int self;
	bool local; /* the words in the reader's language, else English */
} bc_explain;

/* Why c fails, with its numbers: "hs_da_giai_quyet = 1 204, but
 * hs_truoc_han + hs_dung_han = 1 211 (1 180 + 31)", or with how->name
 * and how->self "= 1 204, but [5] + [6] = 1 211 (1 180 + 31)"; under a
 * Vietnamese locale and how->local "…, nhưng …".  Caller frees with
 * bc_free. */
char *bc_cond_explain(const bc_cond *c, const bc_explain *how);
/* The text of e ("a + b"), into buf. */
void bc_expr_text(const bc_expr *e, char *buf, size_t n);

#endif

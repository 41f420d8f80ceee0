/* SPDX-License-Identifier: MIT */
#include "derivation.h"
#include "ruleset.h"
#include "ruleset_lua.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the expression ------------------------------------------------------ */

static const char MINUS[] = "\xe2\x88\x92"; /* U+2212, as documents write it */

/* The sign at *p (+1, -1) past it, or 0. */
static int read_sign(const char **p)
{
	if (**p == '+' || **p == '-')
		return *(*p)++ == '+' ? 1 : -1;
	if (!strncmp(*p, MINUS, sizeof MINUS - 1)) {
		*p += sizeof MINUS - 1;
		return -1;
	}
	return 0;
}

static bool code_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

bc_dparse bc_derivation_parse(const char *text, bc_dcode code[BC_DERIVED_MAX],
			      int sign[BC_DERIVED_MAX], size_t *n, size_t *at)
{
	const char *p = skip_space(text);
	*n = 0;
	bc_dparse rc = BC_DPARSE_OK;
	for (int s = 1; rc == BC_DPARSE_OK; p = skip_space(p)) {
		const char *was = p;
		if (!*p) {
			rc = !*n ? BC_DPARSE_EMPTY : s ? BC_DPARSE_SIGN_LAST
						       : BC_DPARSE_OK;
			break;
		}
		int got = read_sign(&p);
		size_t len = 0;
		while (code_char(p[len]))
			len++;
		if (got && !*n)
			rc = BC_DPARSE_SIGN_FIRST;
		else if (got && !s)
			s = got;
		else if (got)
			rc = BC_DPARSE_SIGN_LAST; /* "H1 - - Q1" */
		else if (!len)
			rc = BC_DPARSE_CHAR;
		else if (!s)
			rc = BC_DPARSE_NO_SIGN;
		else if (len >= sizeof(bc_dcode))
			rc = BC_DPARSE_LONG;
		else if (*n == BC_DERIVED_MAX)
			rc = BC_DPARSE_TOO_MANY;
		else {
			memcpy(code[*n], p, len);
			code[*n][len] = '\0';
			sign[(*n)++] = s;
			s = 0;
			p += len;
		}
		if (rc != BC_DPARSE_OK)
			p = was;
	}
	*at = (size_t)(p - text);
	return rc;
}

/* ---- the periods it is computed from ------------------------------------- */

typedef struct expander {
	const bc_ruleset *rs;
	const bc_period_type *path[BC_DERIVED_MAX]; /* the types being expanded */
	size_t depth;
	bc_dpart *out;
	size_t n;
	const char *culprit;
} expander;

/* Adds coef of q to the parts, q's place kept where it came first. */
static bc_dexpand add_part(expander *e, const bc_period_type *q, int coef)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->out[i].type == q) {
			e->out[i].coef += coef;
			return BC_DEXPAND_OK;
		}
	if (e->n == BC_DERIVED_MAX) {
		e->culprit = q->code;
		return BC_DEXPAND_TOO_MANY;
	}
	e->out[e->n++] = (bc_dpart){q, coef};
	return BC_DEXPAND_OK;
}

static bc_dexpand expand(expander *e, const bc_period_type *pt, int sign)
{
	bc_dexpand rc = BC_DEXPAND_OK;
	for (size_t i = 0; rc == BC_DEXPAND_OK && i < pt->n_terms; i++) {
		const bc_dterm *t = &pt->terms[i];
		const bc_period_type *q =
			bc_ruleset_find(e->rs, BC_REG_PERIOD_TYPE, t->type);
		e->culprit = t->type;
		if (!q)
			return BC_DEXPAND_UNKNOWN;
		if (q->adhoc)
			return BC_DEXPAND_ADHOC;
		if (!q->derived) {
			rc = add_part(e, q, sign * t->sign);
			continue;
		}
		for (size_t k = 0; k < e->depth; k++)
			if (e->path[k] == q)
				return BC_DEXPAND_CYCLE;
		if (e->depth == BC_DERIVED_MAX)
			return BC_DEXPAND_TOO_MANY;
		e->path[e->depth++] = q;
		rc = expand(e, q, sign * t->sign);
		e->depth--;
	}
	return rc;
}

bc_dexpand bc_derivation_expand(const bc_ruleset *rs, const bc_period_type *pt,
				bc_dpart out[BC_DERIVED_MAX], size_t *n,
				const char **culprit)
{
	expander e = {.rs = rs, .path = {pt}, .depth = 1, .out = out};
	bc_dexpand rc = expand(&e, pt, 1);
	*n = 0;
	for (size_t i = 0; rc == BC_DEXPAND_OK && i < e.n; i++)
		if (out[i].coef)
			out[(*n)++] = out[i];
	if (rc == BC_DEXPAND_OK && !*n)
		rc = BC_DEXPAND_NOTHING;
	*culprit = rc == BC_DEXPAND_OK ? NULL : e.culprit;
	return rc;
}

/* ---- windows --------------------------------------------------------------- */

/*
 * Each window is the stretch between two cut-offs, (a, to]: a is its
 * first day when consecutive windows share their cut-off day, the day
 * before when they abut.  The cut-offs of all the windows cut the
 * line into stretches, each counted the sum of the coefficients of the
 * windows over it.
 */

static int cmp_date(const void *a, const void *b)
{
	bc_date x = *(const bc_date *)a, y = *(const bc_date *)b;
	return (x > y) - (x < y);
}

/* Stretch (cut[j], cut[j + 1]] as the windows read it. */
static bc_dspan stretch(const bc_date *cut, size_t j, bool abut, int coef)
{
	return (bc_dspan){cut[j] + abut, cut[j + 1], coef};
}

static int counted(const bc_dspan *v, size_t n, bool abut, bc_date lo,
		   bc_date hi)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].from - abut <= lo && hi <= v[i].to)
			c += v[i].coef;
	return c;
}

bool bc_derivation_window(const bc_dspan *v, size_t n, bool abut,
			  bc_date *from, bc_date *to, bc_dspan *bad)
{
	bc_date cut[2 * BC_DERIVED_MAX];
	size_t m = 0, first = SIZE_MAX, last = 0;
	for (size_t i = 0; i < n && i < BC_DERIVED_MAX; i++) {
		cut[m++] = v[i].from - abut;
		cut[m++] = v[i].to;
	}
	qsort(cut, m, sizeof *cut, cmp_date);
	for (size_t j = 0; j + 1 < m; j++) {
		if (cut[j] == cut[j + 1])
			continue;
		int c = counted(v, n, abut, cut[j], cut[j + 1]);
		if (c != 0 && c != 1) {
			*bad = stretch(cut, j, abut, c);
			return false;
		}
		if (c && first == SIZE_MAX)
			first = j;
		if (c)
			last = j;
	}
	if (first == SIZE_MAX) {
		*bad = (bc_dspan){m ? cut[0] + abut : BC_DATE_NONE,
				  m ? cut[m - 1] : BC_DATE_NONE, 0};
		return false;
	}
	for (size_t j = first; j < last; j++)
		if (cut[j] != cut[j + 1] &&
		    !counted(v, n, abut, cut[j], cut[j + 1])) {
			*bad = stretch(cut, j, abut, 0);
			return false;
		}
	*from = cut[first] + abut;
	*to = cut[last + 1];
	return true;
}

/* The year the rules' windows are laid on to compare them: any year
 * does, but for a window ending on 29/02, so a leap year is tried too. */
#define YEAR_A 2023
#define YEAR_B 2024

static bool regular(const bc_period_type *p)
{
	return !p->adhoc && !p->derived;
}

bool bc_derivation_abut(const bc_ruleset *rs)
{
	bool abut = false, share = false;
	for (size_t i = 0; i < rs->n_ptypes; i++)
		for (size_t j = 0; j < rs->n_ptypes; j++) {
			const bc_period_type *a = &rs->ptypes[i], *b = &rs->ptypes[j];
			if (i == j || !regular(a) || !regular(b))
				continue;
			bc_date end = bc_dayrule_date(b->to, YEAR_A);
			/* The next window may be of the next year (Y, then Q1). */
			for (int y = YEAR_A; y <= YEAR_A + 1; y++) {
				bc_date start = bc_dayrule_date(a->from, y);
				share |= start == end;
				abut |= start == end + 1;
			}
		}
	return abut && !share;
}

/* ---- at load ------------------------------------------------------------- */

/* Raises what a parse failure of text says, at the rules' line; past
 * is the text from where reading stopped. */
static void parse_error(lua_State *L, bc_dparse rc, const char *text,
			const char *past)
{
	switch (rc) {
	case BC_DPARSE_EMPTY:
		bc_sandbox_error(L, N_("period_type{}: derived = \"%s\" names "
				       "no period: write the periods it is "
				       "computed from, such as \"H1 - Q1\""),
				 text);
		break;
	case BC_DPARSE_SIGN_FIRST:
		bc_sandbox_error(L, N_("period_type{}: derived = \"%s\" begins "
				       "with a sign: the first period counts "
				       "as written, such as \"H1 - Q1\""),
				 text);
		break;
	case BC_DPARSE_SIGN_LAST:
		bc_sandbox_error(L, N_("period_type{}: derived = \"%s\": a "
				       "sign with no period after it (at "
				       "'%s')"),
				 text, past);
		break;
	case BC_DPARSE_NO_SIGN:
		bc_sandbox_error(L, N_("period_type{}: derived = \"%s\": no + "
				       "or - before '%s'"),
				 text, past);
		break;
	case BC_DPARSE_LONG:
		bc_sandbox_error(L, N_("period_type{}: derived = \"%s\": '%s' "
				       "is longer than a period type's code"),
				 text, past);
		break;
	case BC_DPARSE_TOO_MANY:
		bc_sandbox_error(L, N_("period_type{}: derived = \"%s\" names "
				       "more than %d periods"),
				 text, BC_DERIVED_MAX);
		break;
	default:
		bc_sandbox_error(L, N_("period_type{}: derived = \"%s\": '%s' "
				       "is no period type, + or -"),
				 text, past);
	}
}

void bc_derivation_read(lua_State *L, bc_period_type *p)
{
	static const char *const alone[] = {"adhoc", "advance", "window",
					    "unit_due", "compile_due", NULL};
	for (const char *const *k = alone; *k; k++) {
		bool given = lua_getfield(L, 1, *k) != LUA_TNIL;
		lua_pop(L, 1);
		if (given)
			bc_sandbox_error(L, N_("period_type{}: a derived type "
					       "takes its window and deadlines "
					       "from the periods it is computed "
					       "from: '%s' is not given with "
					       "'derived'"),
					 *k);
	}
	p->derived = bc_rl_get_str(L, 1, "period_type", "derived", true);
	bc_dcode code[BC_DERIVED_MAX];
	int sign[BC_DERIVED_MAX];
	size_t n, at;
	bc_dparse rc = bc_derivation_parse(p->derived, code, sign, &n, &at);
	if (rc != BC_DPARSE_OK)
		parse_error(L, rc, p->derived, p->derived + at);
	for (size_t i = 0; i < n; i++) {
		bc_dterm *t = bc_rl_push_item(L, (void **)&p->terms,
					      &p->n_terms, sizeof *t);
		t->type = bc_rl_dup(L, code[i]);
		t->sign = sign[i];
	}
}

static void expand_problem(bc_rl_loader *ld, const bc_period_type *p,
			   bc_dexpand rc, const char *culprit)
{
	const bc_origin *at = &p->at;
	switch (rc) {
	case BC_DEXPAND_UNKNOWN:
		bc_rl_problem(ld, at, N_("period type %s: derived = \"%s\" "
					 "names %s, which is no period type of "
					 "this ruleset"),
			      p->code, p->derived, culprit);
		break;
	case BC_DEXPAND_ADHOC:
		bc_rl_problem(ld, at, N_("period type %s: derived = \"%s\" "
					 "names the ad-hoc type %s, which has "
					 "no window of its own in a year"),
			      p->code, p->derived, culprit);
		break;
	case BC_DEXPAND_CYCLE:
		bc_rl_problem(ld, at, N_("period type %s: derived = \"%s\" "
					 "comes back to %s: a type cannot be "
					 "computed from itself"),
			      p->code, p->derived, culprit);
		break;
	case BC_DEXPAND_TOO_MANY:
		bc_rl_problem(ld, at, N_("period type %s: derived = \"%s\" is "
					 "computed from more than %d periods"),
			      p->code, p->derived, BC_DERIVED_MAX);
		break;
	default:
		bc_rl_problem(ld, at, N_("period type %s: the terms of derived "
					 "= \"%s\" cancel out: nothing is left "
					 "to compute"),
			      p->code, p->derived);
	}
}

static void window_problem(bc_rl_loader *ld, const bc_period_type *p,
			   const bc_dspan *bad)
{
	char from[BC_DATE_BUF], to[BC_DATE_BUF];
	bc_date_format_dmy(bad->from, from);
	bc_date_format_dmy(bad->to, to);
	if (bad->coef)
		bc_rl_problem(ld, &p->at, N_("period type %s: the windows of "
					     "derived = \"%s\" do not make one "
					     "window: %s – %s is counted %d "
					     "times"),
			      p->code, p->derived, from, to, bad->coef);
	else
		bc_rl_problem(ld, &p->at, N_("period type %s: the windows of "
					     "derived = \"%s\" do not make one "
					     "window: %s – %s is left out "
					     "between them"),
			      p->code, p->derived, from, to);
}

/* d as a day rule of a period of year. */
static bc_dayrule day_of(bc_date d, int year)
{
	int y, m, day;
	bc_date_to_ymd(d, &y, &m, &day);
	return (bc_dayrule){day, m, y - year};
}

/* The windows of the parts in year, and the one they make; false (the
 * problem reported) when they make none. */
static bool window_in(bc_rl_loader *ld, bc_period_type *p,
		      const bc_dpart *v, size_t n, bool abut, int year,
		      size_t *latest)
{
	bc_dspan span[BC_DERIVED_MAX], bad;
	bc_date from, to;
	for (size_t i = 0; i < n; i++) {
		span[i] = (bc_dspan){bc_dayrule_date(v[i].type->from, year),
				     bc_dayrule_date(v[i].type->to, year),
				     v[i].coef};
		if (v[i].coef > 0 &&
		    (*latest == SIZE_MAX || span[i].to > span[*latest].to))
			*latest = i;
	}
	if (!bc_derivation_window(span, n, abut, &from, &to, &bad)) {
		window_problem(ld, p, &bad);
		return false;
	}
	p->from = day_of(from, year);
	return true;
}

void bc_derivation_check(bc_rl_loader *ld)
{
	bc_ruleset *rs = ld->rs;
	bool abut = bc_derivation_abut(rs);
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		bc_period_type *p = &rs->ptypes[i];
		bc_dpart v[BC_DERIVED_MAX];
		size_t n, latest = SIZE_MAX;
		const char *culprit;
		if (!p->derived)
			continue;
		bc_dexpand rc = bc_derivation_expand(rs, p, v, &n, &culprit);
		if (rc != BC_DEXPAND_OK) {
			expand_problem(ld, p, rc, culprit);
			continue;
		}
		/* The latest part's day rules are the type's: the last day
		 * of its window picks the ruleset, as for any period. */
		if (!window_in(ld, p, v, n, abut, YEAR_A, &latest) ||
		    !window_in(ld, p, v, n, abut, YEAR_B, &latest))
			continue;
		p->to = v[latest].type->to;
		p->unit_due = v[latest].type->unit_due;
		p->compile_due = v[latest].type->compile_due;
	}
}

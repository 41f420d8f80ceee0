/* SPDX-License-Identifier: MIT */
#include "summary.h"
#include "i18n.h"
#include "ruleset.h"

#include <stdio.h>
#include <string.h>

static const char *const MODS[BC_SUM_MOD_N] = {
	[BC_SUM_VALUE] = "",          [BC_SUM_LAST] = "last",
	[BC_SUM_CHANGE] = "change",   [BC_SUM_DIFF] = "diff",
	[BC_SUM_PCT] = "pct",         [BC_SUM_UNITS] = "units",
	[BC_SUM_MISSING] = "missing",
};

const char *bc_sum_mod_name(bc_sum_mod m)
{
	return m < BC_SUM_MOD_N ? MODS[m] : "";
}

/* ---- parsing ------------------------------------------------------------ */

/* A placeholder holds at most this much: "{form.item[choice]@level:mod}"
 * of ids of 32 bytes each. */
#define PH_MAX 160

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* The name at *p, moved past; NULL (err set) when there is none or when
 * memory runs out (err empty). */
static char *take_name(const char **p, bc_arena *a, const char *what,
		       const char *ph, char *err, size_t errn)
{
	const char *s = *p;
	while (name_char(**p))
		(*p)++;
	if (*p == s) {
		snprintf(err, errn, _("placeholder %s: %s expected"), ph, what);
		return NULL;
	}
	char *n = bc_arena_strndup(a, s, (size_t)(*p - s));
	if (!n)
		*err = '\0';
	return n;
}

static bool take_mod(const char *name, bc_sum_piece *pc, char *err,
		     size_t errn)
{
	for (int m = 1; m < BC_SUM_MOD_N; m++)
		if (!strcmp(name, MODS[m])) {
			pc->mod = (bc_sum_mod)m;
			return true;
		}
	snprintf(err, errn,
		 _("placeholder %s: no modifier ':%s' (there are :last, "
		   ":change, :diff, :pct, :units, :missing)"),
		 pc->text, name);
	return false;
}

/* Parses the inside of a placeholder, body (its braces stripped), into
 * pc; pc->text is the whole placeholder for messages. */
static bool parse_placeholder(const char *body, bc_arena *a, bc_sum_piece *pc,
			      char *err, size_t errn)
{
	const char *p = body, *ph = pc->text;
	pc->what = BC_SUM_FORM;
	if (!(pc->form = take_name(&p, a, _("a form"), ph, err, errn)))
		return false;
	if (*p == '.') {
		p++;
		pc->what = BC_SUM_FIELD; /* or an indicator: resolving says */
		if (!(pc->item = take_name(&p, a, _("a field or an indicator"),
					   ph, err, errn)))
			return false;
		if (*p == '[') {
			p++;
			if (!(pc->choice = take_name(&p, a, _("a value"), ph,
						     err, errn)))
				return false;
			if (*p++ != ']') {
				snprintf(err, errn, _("placeholder %s: ']' "
						      "expected"), ph);
				return false;
			}
		}
	}
	if (*p == '@') {
		p++;
		if (!(pc->level = take_name(&p, a, _("a level"), ph, err, errn)))
			return false;
	}
	if (*p == ':') {
		p++;
		char *m = take_name(&p, a, _("a modifier"), ph, err, errn);
		if (!m || !take_mod(m, pc, err, errn))
			return false;
	}
	if (*p) {
		snprintf(err, errn, _("placeholder %s: unexpected '%c'"), ph, *p);
		return false;
	}
	return true;
}

/* How many bytes of p a message quotes: at most 40, ending between two
 * characters (a cut Vietnamese letter would be no text at all). */
static int quoted(const char *p)
{
	size_t n = strnlen(p, 40);
	while (n > 0 && n < strlen(p) && ((unsigned char)p[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static bc_sum_piece *add_piece(bc_summary *s, size_t cap)
{
	if (s->n >= cap)
		return NULL;
	bc_sum_piece *pc = &s->v[s->n++];
	*pc = (bc_sum_piece){.form_ix = -1, .item_ix = -1, .choice_ix = -1,
			     .level_ix = -1};
	return pc;
}

/* The text from *p up to the next placeholder, braces unescaped, as a
 * piece; *p moved to the '{' that opens it or to the end. */
static bool parse_text(const char **p, bc_arena *a, bc_summary *s, size_t cap,
		       char *err, size_t errn)
{
	const char *q = *p;
	for (; *q && (*q != '{' || q[1] == '{'); q++) {
		if (*q == '}' && q[1] != '}') {
			snprintf(err, errn, _("a '}' that closes no placeholder "
					      "(write '}}' for a brace)"));
			return false;
		}
		if (*q == '{' || *q == '}')
			q++;
	}
	char *t = bc_arena_alloc(a, (size_t)(q - *p) + 1), *o = t;
	if (!t) {
		*err = '\0';
		return false;
	}
	for (const char *r = *p; r < q; r++) {
		*o++ = *r;
		if (*r == '{' || *r == '}')
			r++;
	}
	*o = '\0';
	*p = q;
	bc_sum_piece *pc = add_piece(s, cap);
	pc->what = BC_SUM_TEXT;
	pc->text = t;
	return true;
}

/* Pieces alternate between text and placeholders: at most two for each
 * '{' and one more. */
static size_t pieces_max(const char *text)
{
	size_t n = 1;
	for (const char *p = text; (p = strchr(p, '{')); p++)
		n += 2;
	return n;
}

size_t bc_summary_parse_max(const char *text)
{
	/* The pieces, then every byte of the text at most once in a piece
	 * or a name, each of the at most six allocations a piece makes
	 * rounded up to the arena's alignment with its NUL. */
	size_t n = pieces_max(text);
	return n * sizeof(bc_sum_piece) + strlen(text) + n * 6 * 17;
}

bool bc_summary_parse(const char *text, bc_arena *a, bc_summary *out,
		      char *err, size_t errn)
{
	size_t cap = pieces_max(text);
	*out = (bc_summary){0};
	bc_summary s = {bc_arena_alloc(a, cap * sizeof *s.v), 0};
	if (!s.v) {
		*err = '\0';
		return false;
	}
	const char *p = text;
	while (*p) {
		if (*p != '{' || p[1] == '{') {
			if (!parse_text(&p, a, &s, cap, err, errn))
				return false;
			continue;
		}
		const char *end = strchr(p, '}');
		const char *open = memchr(p + 1, '{', end ? (size_t)(end - p) : 0);
		if (!end || open) {
			snprintf(err, errn, _("a '{' with no '}' to close it "
					      "(write '{{' for a brace): %.*s"),
				 quoted(p), p);
			return false;
		}
		size_t n = (size_t)(end - p) + 1;
		if (n > PH_MAX) {
			snprintf(err, errn, _("placeholder %.*s…: too long"),
				 quoted(p), p);
			return false;
		}
		bc_sum_piece *pc = add_piece(&s, cap);
		char body[PH_MAX];
		memcpy(body, p + 1, n - 2);
		body[n - 2] = '\0';
		if (!(pc->text = bc_arena_strndup(a, p, n))) {
			*err = '\0';
			return false;
		}
		if (!parse_placeholder(body, a, pc, err, errn))
			return false;
		p = end + 1;
	}
	*out = s;
	return true;
}

/* ---- resolving ---------------------------------------------------------- */

static int find_field(const bc_form *f, const char *id)
{
	return bc_field_index(f->fields, f->n_fields, id);
}

static int find_indicator(const bc_form *f, const char *id)
{
	for (size_t i = 0; i < f->n_indicators; i++)
		if (!strcmp(f->indicators[i].id, id))
			return (int)i;
	return -1;
}

static int find_level(const bc_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n_levels; i++)
		if (!strcmp(rs->levels[i].id, id))
			return (int)i;
	return -1;
}

/* A field a sentence can give a figure of: a number, a count of yeses,
 * or a table whose rows are counted by a column. */
static bool field_has_figure(const bc_field *f)
{
	if (f->type == BC_T_TABLE)
		return f->count_by >= 0;
	return f->type == BC_T_INT || f->type == BC_T_MONEY ||
	       f->type == BC_T_PCT || f->type == BC_T_BOOL;
}

static bool resolve_choice(bc_sum_piece *pc, const bc_form *f, char *err,
			   size_t errn)
{
	const bc_field *fd = &f->fields[pc->item_ix];
	if (pc->what != BC_SUM_FIELD || fd->type != BC_T_TABLE) {
		snprintf(err, errn, _("placeholder %s: only a table counted by "
				      "a column takes [value]"),
			 pc->text);
		return false;
	}
	const bc_field *col = &fd->columns[fd->count_by];
	for (size_t i = 0; i < col->n_values; i++)
		if (!strcmp(col->values[i], pc->choice)) {
			pc->choice_ix = (int)i;
			return true;
		}
	snprintf(err, errn, _("placeholder %s: column %s of table %s has no "
			      "value '%s'"),
		 pc->text, col->id, fd->id, pc->choice);
	return false;
}

static bool resolve_item(bc_sum_piece *pc, const bc_form *f, char *err,
			 size_t errn)
{
	if ((pc->item_ix = find_field(f, pc->item)) >= 0) {
		if (!field_has_figure(&f->fields[pc->item_ix])) {
			snprintf(err, errn, _("placeholder %s: field %s of form "
					      "%s has no figure to write (it "
					      "is %s)"),
				 pc->text, pc->item, f->id,
				 bc_ftype_name(f->fields[pc->item_ix].type));
			return false;
		}
	} else if ((pc->item_ix = find_indicator(f, pc->item)) >= 0) {
		pc->what = BC_SUM_INDICATOR;
	} else {
		snprintf(err, errn, _("placeholder %s: form %s has no field or "
				      "indicator '%s'"),
			 pc->text, f->id, pc->item);
		return false;
	}
	return !pc->choice || resolve_choice(pc, f, err, errn);
}

/* Whether pc's modifier says something of what it names. */
static bool mod_fits(const bc_sum_piece *pc, char *err, size_t errn)
{
	bool form_mod = pc->mod == BC_SUM_UNITS || pc->mod == BC_SUM_MISSING;
	if (pc->what == BC_SUM_FORM && !form_mod) {
		snprintf(err, errn, _("placeholder %s: a form alone has no "
				      "figure; name a field or an indicator "
				      "({%s.name}), or count its units "
				      "(:units, :missing)"),
			 pc->text, pc->form);
		return false;
	}
	if (pc->what != BC_SUM_FORM && form_mod) {
		snprintf(err, errn, _("placeholder %s: :%s counts the units of a "
				      "form ({%s:%s})"),
			 pc->text, MODS[pc->mod], pc->form, MODS[pc->mod]);
		return false;
	}
	if (pc->what == BC_SUM_INDICATOR && pc->mod == BC_SUM_PCT) {
		snprintf(err, errn, _("placeholder %s: an indicator is a "
				      "percentage; its change is in points "
				      "(:diff, :change)"),
			 pc->text);
		return false;
	}
	if (pc->mod == BC_SUM_MISSING && pc->level) {
		snprintf(err, errn, _("placeholder %s: :missing counts the "
				      "units of every level"),
			 pc->text);
		return false;
	}
	return true;
}

static bool resolve_level(bc_sum_piece *pc, const bc_ruleset *rs,
			  const bc_form *f, char *err, size_t errn)
{
	if ((pc->level_ix = find_level(rs, pc->level)) < 0) {
		snprintf(err, errn, _("placeholder %s: no level '%s' declared"),
			 pc->text, pc->level);
		return false;
	}
	if (pc->what != BC_SUM_FIELD)
		return true;
	const bc_field *fd = &f->fields[pc->item_ix];
	if (bc_field_asked(fd, pc->level))
		return true;
	snprintf(err, errn, _("placeholder %s: field %s is asked only of "
			      "level %s"),
		 pc->text, fd->id, fd->level);
	return false;
}

static bool resolve_piece(bc_sum_piece *pc, const bc_ruleset *rs, char *err,
			  size_t errn)
{
	const bc_form *f = bc_ruleset_form(rs, pc->form);
	if (!f) {
		snprintf(err, errn, _("placeholder %s: no form '%s'"), pc->text,
			 pc->form);
		return false;
	}
	pc->form_ix = (int)(f - rs->forms);
	if (pc->item && !resolve_item(pc, f, err, errn))
		return false;
	if (!mod_fits(pc, err, errn))
		return false;
	return !pc->level || resolve_level(pc, rs, f, err, errn);
}

size_t bc_summary_resolve(bc_summary *s, const bc_ruleset *rs,
			  bc_summary_bad_fn bad, void *ud)
{
	size_t n = 0;
	char err[512];
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].what != BC_SUM_TEXT &&
		    !resolve_piece(&s->v[i], rs, err, sizeof err)) {
			n++;
			bad(ud, err);
		}
	return n;
}

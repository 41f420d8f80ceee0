/* SPDX-License-Identifier: MIT */
/*
 * The template workbook (template.h), laid out like the official forms
 * and the xlsx export: Times New Roman, the issuing body at the left (the
 * unit, under its parent), the national title and motto at the right.
 *
 * Sheets, in order: the cover (who, which period, until when, how to
 * send, who signs); one sheet per part the unit owes, in the order the
 * responsibilities declare them: a form's plain fields as rows of STT,
 * label, unit of measure, input cell and the checks the figure must pass,
 * then its tables with BC_TEMPLATE_TABLE_ROWS empty rows; the narrative
 * report as one input cell per outline section the unit may write, its
 * guidance beside it.  Then the hidden map: `_fields`, `_meta`, and
 * `_lists` when an enum's choices do not fit an in-cell list.
 *
 * Only input cells are unlocked and every sheet is protected without a
 * password, so a clerk types into the yellow cells and nowhere else, and
 * cannot move a cell away from the address `_fields` gives for it.
 *
 * Nothing here names a form, field or section: all comes from the
 * ruleset, and so do the words around them, the cover's and the
 * instructions (wording.h, the keys template.*); the words every
 * Vietnamese document shares are vndoc.h's.
 */
#include "template.h"
#include "derived.h"
#include "duty.h"
#include "frame_build.h"
#include "mem.h"
#include "outfile.h"
#include "period.h"
#include "ruleset.h"
#include "text.h"
#include "unit.h"
#include "vndoc.h"
#include "xlsx_nd30.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#define LINE_PT 16.0     /* a line of 12-point text */
#define SMALL_PT 14.5    /* a line of 11-point text */
#define MAX_ROW_PT 409.0 /* Excel's tallest row */
#define INPUT_FILL 0xFFF2CC /* light yellow: the cells to fill */
#define HEAD_FILL 0xF2F2F2
/* Excel's limits on a validation's texts, in characters. */
#define TITLE_MAX 32
#define MESSAGE_MAX 255
#define LIST_MAX 255
/* Excel's most characters in a cell. */
#define CELL_MAX 32767

#define LISTS_SHEET "_lists"

/* Cell styles; I_* are the unlocked input cells. */
enum {
	F_CODE, F_TITLE, F_PERIOD,
	F_WINDOW, F_HEAD, F_COLNO, F_STT, F_LABEL, F_UOM, F_CHECK, F_GUIDE,
	F_SECTION, F_SEC_TITLE, F_SEC_TITLE_B, F_H2, F_KEY, F_VALUE, F_NOTE,
	F_PLAIN,
	I_TEXT, I_LONG, I_INT, I_MONEY, I_PCT, I_DATE, I_CHOICE, F_N
};

enum {
	BOLD = BC_XF_BOLD, ITALIC = BC_XF_ITALIC, BORDER = BC_XF_BORDER,
	CENTER = BC_XF_CENTER, WRAP = BC_XF_WRAP, UNDER = BC_XF_UNDER,
	VCENTER = BC_XF_VCENTER, RIGHT = BC_XF_RIGHT, TOP = BC_XF_TOP,
	INPUT = BC_XF_OWN,     /* a cell to fill: unlocked, yellow */
	SHADE = BC_XF_OWN << 1 /* a head cell: grey */
};

static const bc_xf_spec SPEC[F_N] = {
	[F_CODE] = {ITALIC | RIGHT, 11, NULL},
	[F_TITLE] = {BOLD | CENTER | VCENTER | WRAP, 14, NULL},
	[F_PERIOD] = {BOLD | CENTER, 12, NULL},
	[F_WINDOW] = {ITALIC | CENTER | VCENTER | WRAP, 12, NULL},
	[F_HEAD] = {BOLD | CENTER | VCENTER | WRAP | BORDER | SHADE, 12, NULL},
	[F_COLNO] = {ITALIC | CENTER | VCENTER | BORDER, 11, NULL},
	[F_STT] = {CENTER | VCENTER | BORDER, 12, NULL},
	[F_LABEL] = {VCENTER | WRAP | BORDER, 12, NULL},
	[F_UOM] = {CENTER | VCENTER | WRAP | BORDER, 12, NULL},
	[F_CHECK] = {ITALIC | VCENTER | WRAP | BORDER, 11, NULL},
	[F_GUIDE] = {ITALIC | TOP | WRAP | BORDER, 11, NULL},
	[F_SECTION] = {TOP | BORDER, 12, NULL},
	[F_SEC_TITLE] = {TOP | WRAP | BORDER, 12, NULL},
	[F_SEC_TITLE_B] = {BOLD | TOP | WRAP | BORDER, 12, NULL},
	[F_H2] = {BOLD | VCENTER, 12, NULL},
	[F_KEY] = {BOLD | VCENTER | WRAP, 12, NULL},
	[F_VALUE] = {VCENTER | WRAP, 12, NULL},
	[F_NOTE] = {ITALIC | VCENTER | WRAP, 11, NULL},
	[F_PLAIN] = {0, 11, NULL},
	/* Text as text: "12/3" must not turn into a date. */
	[I_TEXT] = {INPUT | VCENTER | WRAP | BORDER, 12, "@"},
	[I_LONG] = {INPUT | TOP | WRAP | BORDER, 12, "@"},
	[I_INT] = {INPUT | VCENTER | BORDER, 12, "#,##0"},
	[I_MONEY] = {INPUT | VCENTER | BORDER, 12, "#,##0.00"},
	[I_PCT] = {INPUT | VCENTER | BORDER, 12, NULL},
	[I_DATE] = {INPUT | CENTER | VCENTER | BORDER, 12, "dd/mm/yyyy"},
	[I_CHOICE] = {INPUT | CENTER | VCENTER | WRAP | BORDER, 12, "@"},
};

/* One row of `_fields`. */
typedef struct entry {
	const char *form; /* borrowed from the ruleset, or a literal */
	char *field;
	size_t sheet;
	char cell[LXW_MAX_CELL_NAME_LENGTH];
} entry;

/* The choices of an enum written to `_lists`, one column each. */
typedef struct choices {
	char **values;
	size_t n;
} choices;

typedef struct tpl {
	bc_xbook b; /* first: a sheet's book is its tpl (tpl_of) */
	const bc_ruleset *rs;
	const bc_period *p;
	const bc_unit *u;
	const char *parent; /* the parent unit's name, or NULL */
	const char *level;  /* the unit's level, or NULL */
	const bc_owed *owed;
	lxw_format *f[F_N];
	char dated[64]; /* where the unit dates its report */
	char **sheets; /* names of the sheets the map points into */
	size_t n_sheets, cap_sheets;
	entry *map;
	size_t n_map, cap_map;
	choices *lists;
	size_t n_lists, cap_lists;
} tpl;

typedef bc_xsheet sheet;

static tpl *tpl_of(const sheet *s)
{
	return (tpl *)s->b;
}

/* The ruleset's word k (wording.h). */
static const char *word(const sheet *s, bc_wkey k)
{
	return bc_word(tpl_of(s)->rs, k);
}

/* What an input cell takes. */
typedef struct input {
	bc_ftype type;
	const char *label; /* its input message */
	const char *unit, *example;
	char **values; /* enum */
	size_t n_values;
	bool required;
	int style; /* I_* */
} input;

/* ---- text ------------------------------------------------------------- */

/* s cut to at most max characters, "…" marking a cut. */
static void clip(const char *s, size_t max, char *out, size_t n)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (++chars > max)
			break;
	}
	if (!s[i]) {
		snprintf(out, n, "%s", s);
		return;
	}
	/* Back one character for the ellipsis. */
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	snprintf(out, n, "%.*s…", (int)i, s);
}

/* The characters of t[0..len) as Excel counts them in a cell: one
 * past U+FFFF is two. */
static size_t cell_chars(const char *t, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t[i];
		n += ((c & 0xC0) != 0x80) + (c >= 0xF0);
	}
	return n;
}

/* The word at t, before end: its bytes, its characters in *chars. */
static size_t word_at(const char *t, const char *end, double *chars)
{
	size_t w = strcspn(t, " ");
	if (t + w > end)
		w = (size_t)(end - t);
	*chars = 0;
	for (size_t i = 0; i < w; i++)
		*chars += ((unsigned char)t[i] & 0xC0) != 0x80;
	return w;
}

/* A word of wl characters set after *cur characters of line *n, in
 * lines of per characters: a word longer than a line runs on. */
static void wrap(double per, double wl, int *n, double *cur)
{
	if (*cur > 0 && *cur + 1 + wl > per) {
		(*n)++;
		*cur = 0;
	}
	*cur += (*cur > 0) + wl;
	for (; *cur > per; *cur -= per)
		(*n)++;
}

/* Past the spaces at t, before end. */
static const char *past_spaces(const char *t, const char *end)
{
	while (t < end && *t == ' ')
		t++;
	return t;
}

/* Lines one paragraph wraps to in a column width wide (Excel's unit, the
 * width of a digit; Times New Roman letters run a little wider). */
static int para_lines(const char *t, size_t len, double width)
{
	double cur = 0, wl;
	int n = 1;
	const char *end = t + len;
	while (t < end) {
		t += word_at(t, end, &wl);
		wrap(width * 1.1, wl, &n, &cur);
		t = past_spaces(t, end);
	}
	return n;
}

/* Lines text takes in a column width wide, each '\n' starting a line. */
static int lines(const char *t, double width)
{
	int n = 0;
	for (;;) {
		size_t len = strcspn(t, "\n");
		n += para_lines(t, len, width);
		if (!t[len])
			return n;
		t += len + 1;
	}
}

/* ---- a guidance over rows ------------------------------------------------ */

/* Lines of 11-point guidance Excel's tallest row shows. */
#define GUIDE_LINES ((int)((MAX_ROW_PT - 6) / SMALL_PT))

/* The start of paragraph t[0..len) that max lines of a column width
 * wide show and a cell holds: whole words, else (a word longer than
 * that) as many characters as fit; one character at least. */
static size_t words_fit(const char *t, size_t len, double width, int max)
{
	const char *end = t + len, *p = t;
	double cur = 0, wl;
	size_t fit = 0, chars = 0;
	int n = 1;
	while (p < end) {
		double c = cur;
		int m = n;
		size_t w = word_at(p, end, &wl);
		size_t upto = chars + cell_chars(t + fit,
						 (size_t)(p + w - (t + fit)));
		wrap(width * 1.1, wl, &m, &c);
		if (m > max || upto > CELL_MAX)
			break;
		n = m, cur = c, chars = upto, fit = (size_t)(p + w - t);
		p = past_spaces(p + w, end);
	}
	if (fit)
		return fit;
	size_t most = (size_t)(width * 1.1 * max), i = 0;
	if (most > CELL_MAX / 2)
		most = CELL_MAX / 2; /* each may count two */
	for (size_t k = 0; i < len && (k < most || !k); k++)
		do
			i++;
		while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80);
	return i;
}

/* The bytes of guidance g one row shows whole: the paragraphs that fit
 * its height and a cell, else the start of the first. */
static size_t guide_piece(const char *g, double width)
{
	size_t end = 0, chars = 0;
	int used = 0;
	for (const char *p = g;;) {
		size_t len = strcspn(p, "\n");
		int n = para_lines(p, len, width);
		size_t c = chars + cell_chars(g + end, (size_t)(p + len - g) - end);
		if (used + n > GUIDE_LINES || c > CELL_MAX)
			break;
		used += n, chars = c, end = (size_t)(p + len - g);
		if (!p[len])
			return end;
		p += len + 1;
	}
	return end ? end : words_fit(g, strcspn(g, "\n"), width, GUIDE_LINES);
}

/* A piece of a text: its start and its bytes. */
typedef struct piece {
	size_t at, len;
} piece;

/* Guidance g cut into what one row each shows, *n pieces (allocated;
 * NULL when memory ran out); the line break or spaces at a cut are
 * left out.  So that no guidance is too long for a template: a cell
 * holds 32,767 characters, and a row is at most 409 points tall. */
static piece *guide_pieces(const char *g, double width, size_t *n)
{
	piece *v = NULL;
	size_t cap = 0, at = 0;
	*n = 0;
	do {
		size_t len = guide_piece(g + at, width);
		if (bc_grow((void **)&v, &cap, *n + 1, sizeof *v) < 0) {
			bc_free(v);
			return NULL;
		}
		v[(*n)++] = (piece){at, len};
		at += len;
		at += g[at] == '\n' ? 1 : strspn(g + at, " ");
	} while (g[at]);
	return v;
}

/* ---- what no cell holds -------------------------------------------------- */

/* The characters of text, when more than a cell holds; 0 otherwise. */
static size_t too_long(const char *text)
{
	size_t n = text ? cell_chars(text, strlen(text)) : 0;
	return n > CELL_MAX ? n : 0;
}

/* The labels of fields (or of a table's columns) of form f. */
static void labels_lint(const bc_form *f, const bc_field *table,
			const bc_field *v, size_t n, bc_diags *d)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = too_long(v[i].label);
		if (len && table)
			bc_diags_add(d, BC_ERROR, v[i].at.file, v[i].at.line,
				     f->id, table->id,
				     N_("column %s: its label is %zu characters, "
					"more than a cell of Excel holds (%d): "
					"no template can be written"),
				     v[i].id, len, CELL_MAX);
		else if (len)
			bc_diags_add(d, BC_ERROR, v[i].at.file, v[i].at.line,
				     f->id, v[i].id,
				     N_("its label is %zu characters, more than "
					"a cell of Excel holds (%d): no "
					"template can be written"),
				     len, CELL_MAX);
		if (!table)
			labels_lint(f, &v[i], v[i].columns, v[i].n_columns, d);
	}
}

static void sections_lint(const bc_ruleset *rs, bc_diags *d)
{
	for (size_t i = 0; i < rs->n_sections; i++) {
		const bc_section *x = &rs->sections[i];
		size_t len = too_long(x->title);
		if (len)
			bc_diags_add(d, BC_ERROR, x->at.file, x->at.line, NULL,
				     NULL,
				     N_("section %s: its title is %zu "
					"characters, more than a cell of Excel "
					"holds (%d): no template can be "
					"written"),
				     x->id, len, CELL_MAX);
		if ((len = too_long(x->guidance)))
			bc_diags_add(d, BC_WARNING, x->at.file, x->at.line,
				     NULL, NULL,
				     N_("section %s: its guidance is %zu "
					"characters, more than a cell of Excel "
					"holds (%d): templates write it over "
					"several rows"),
				     x->id, len, CELL_MAX);
	}
}

void bc_template_lint(const bc_ruleset *rs, bc_diags *d)
{
	const bc_directive *dir = &rs->directive;
	size_t len;
	if ((len = too_long(dir->reading)))
		bc_diags_add(d, BC_ERROR, dir->at.file, dir->at.line, NULL,
			     NULL,
			     N_("directive{}: reading is %zu characters, more "
				"than a cell of Excel holds (%d): no template "
				"can be written"),
			     len, CELL_MAX);
	for (size_t i = 0; i < rs->n_forms; i++)
		labels_lint(&rs->forms[i], NULL, rs->forms[i].fields,
			    rs->forms[i].n_fields, d);
	sections_lint(rs, d);
	/* What the rules word has no line of its own: the ruleset and the
	 * key say where. */
	for (size_t k = 0; k < BC_W_N; k++)
		if ((len = too_long(rs->wording.text[k])))
			bc_diags_add(d, BC_ERROR, rs->id, 0, NULL, NULL,
				     N_("wording %s is %zu characters, more "
					"than a cell of Excel holds (%d): no "
					"template can be written"),
				     bc_wkey_name((bc_wkey)k), len, CELL_MAX);
}

/* ---- the workbook ------------------------------------------------------ */

static lxw_format *style(lxw_workbook *wb, const bc_xf_spec *sp)
{
	unsigned fl = sp->fl;
	lxw_color_t fill = fl & INPUT ? INPUT_FILL : fl & SHADE ? HEAD_FILL : 0;
	return bc_xlsx_format(wb, BC_XLSX_FONT,
			      fl & INPUT ? fl | BC_XF_UNLOCKED : fl, sp->pt,
			      sp->num, fill);
}

static void no_memory(tpl *t)
{
	bc_xbook_fail(&t->b, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL);
}

/* A sheet the map points into: its name kept for `_fields`. */
static bool sheet_open(tpl *t, sheet *s, const char *name, lxw_col_t n)
{
	if (bc_grow((void **)&t->sheets, &t->cap_sheets, t->n_sheets + 1,
		    sizeof *t->sheets) < 0) {
		no_memory(t);
		return false;
	}
	if (!bc_xsheet_open(&t->b, s, name, n))
		return false;
	char *copy = bc_strdup(s->name);
	if (!copy) {
		bc_xsheet_close(s);
		no_memory(t);
		return false;
	}
	t->sheets[t->n_sheets++] = copy;
	return true;
}

/* A line of text across columns c1..c2, the row as tall as it needs. */
static void line(sheet *s, lxw_col_t c1, lxw_col_t c2, const char *text,
		 int f)
{
	int n = lines(text, bc_xsheet_widths(s, c1, c2) *
				    (f == F_NOTE ? 12.0 / 11 : 1));
	if (n > 1)
		bc_xsheet_height(s, (f == F_NOTE ? SMALL_PT : LINE_PT) * n + 4);
	bc_xsheet_merge(s, c1, c2, text, f);
	s->r++;
}

/* ---- the map ----------------------------------------------------------- */

static void map_add(sheet *s, lxw_col_t c, const char *form,
		    const char *field)
{
	tpl *t = tpl_of(s);
	char *copy = bc_strdup(field);
	if (!copy || bc_grow((void **)&t->map, &t->cap_map, t->n_map + 1,
			     sizeof *t->map) < 0) {
		bc_free(copy);
		no_memory(t);
		return;
	}
	entry *e = &t->map[t->n_map++];
	/* The sheet being written is the last the map may point into. */
	*e = (entry){.form = form, .field = copy, .sheet = t->n_sheets - 1};
	lxw_rowcol_to_cell(e->cell, s->r, c);
}

/* The column of `_lists` holding these choices, added when new. */
static lxw_col_t list_column(tpl *t, char **values, size_t n)
{
	for (size_t i = 0; i < t->n_lists; i++)
		if (t->lists[i].values == values)
			return (lxw_col_t)i;
	if (bc_grow((void **)&t->lists, &t->cap_lists, t->n_lists + 1,
		    sizeof *t->lists) < 0) {
		no_memory(t);
		return 0;
	}
	t->lists[t->n_lists] = (choices){values, n};
	return (lxw_col_t)t->n_lists++;
}

/* ---- input cells -------------------------------------------------------- */

static input input_of(const bc_field *f)
{
	static const int by_type[] = {
		[BC_T_INT] = I_INT,   [BC_T_MONEY] = I_MONEY,
		[BC_T_PCT] = I_PCT,   [BC_T_TEXT] = I_TEXT,
		[BC_T_DATE] = I_DATE, [BC_T_BOOL] = I_CHOICE,
		[BC_T_ENUM] = I_CHOICE, [BC_T_TABLE] = I_TEXT,
	};
	/* A person picks a label; import takes it for its id. */
	return (input){.type = f->type, .label = f->label, .unit = f->unit,
		       .example = f->example, .values = f->value_labels,
		       .n_values = f->n_values, .required = f->required,
		       .style = by_type[f->type]};
}

/* Appends the sentence of key k, filled, to out[n] at *o. */
static void sentence(const sheet *s, bc_wkey k, const bc_slot *slot,
		     size_t n_slot, char *out, size_t n, size_t *o)
{
	if (*o && *o + 1 < n)
		out[(*o)++] = ' ';
	if (*o + 1 >= n)
		return;
	bc_word_fill(tpl_of(s)->rs, k, out + *o, n - *o, slot, n_slot);
	*o += strlen(out + *o);
}

/* What the cell takes, in a few words of the input message. */
static void hint(const sheet *s, const input *in, char *out, size_t n)
{
	static const bc_wkey what[] = {
		[BC_T_INT] = BC_W_TEMPLATE_HINT_INT,
		[BC_T_MONEY] = BC_W_TEMPLATE_HINT_MONEY,
		[BC_T_PCT] = BC_W_TEMPLATE_HINT_PCT,
		[BC_T_TEXT] = BC_W_N,
		[BC_T_DATE] = BC_W_TEMPLATE_HINT_DATE,
		[BC_T_BOOL] = BC_W_TEMPLATE_HINT_BOOL,
		[BC_T_ENUM] = BC_W_TEMPLATE_HINT_ENUM,
		[BC_T_TABLE] = BC_W_N,
	};
	size_t o = 0;
	out[0] = '\0';
	if (what[in->type] != BC_W_N)
		sentence(s, what[in->type],
			 BC_SLOTS({"yes", bc_vndoc_word(BC_VN_YES)},
				  {"no", bc_vndoc_word(BC_VN_NO)}),
			 out, n, &o);
	if (in->unit && in->type != BC_T_PCT)
		sentence(s, BC_W_TEMPLATE_HINT_UNIT,
			 BC_SLOTS({"unit", in->unit}), out, n, &o);
	if (in->example)
		sentence(s, BC_W_TEMPLATE_HINT_EXAMPLE,
			 BC_SLOTS({"example", in->example}), out, n, &o);
	if (in->required)
		sentence(s, BC_W_TEMPLATE_HINT_REQUIRED, NULL, 0, out, n, &o);
}

/* The choices as an in-cell list (a NULL-ended copy of the choices,
 * freed by the caller), or a range of `_lists` when they do not fit one
 * (over 255 characters, or a comma in a choice). */
static void list_rule(sheet *s, const input *in, lxw_data_validation *v,
		      char *formula, size_t n)
{
	size_t chars = in->n_values ? in->n_values - 1 : 0;
	bool comma = false;
	for (size_t i = 0; i < in->n_values; i++) {
		chars += bc_utf8_len(in->values[i]);
		comma |= strchr(in->values[i], ',') != NULL;
	}
	if (chars <= LIST_MAX && !comma) {
		v->validate = LXW_VALIDATION_TYPE_LIST;
		v->value_list = bc_calloc(in->n_values + 1, sizeof *v->value_list);
		if (!v->value_list)
			no_memory(tpl_of(s));
		else
			memcpy(v->value_list, in->values,
			       in->n_values * sizeof *in->values);
		return;
	}
	lxw_col_t c = list_column(tpl_of(s), in->values, in->n_values);
	char range[LXW_MAX_CELL_RANGE_LENGTH];
	lxw_rowcol_to_range_abs(range, 0, c, (lxw_row_t)in->n_values - 1, c);
	snprintf(formula, n, "=" LISTS_SHEET "!%s", range);
	v->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
	v->value_formula = formula;
}

/* The rule of a type, as close as Excel gets to what import accepts. */
static void rule(sheet *s, const input *in, const char *cell,
		 lxw_data_validation *v, char *formula, size_t n)
{
	switch (in->type) {
	case BC_T_INT:
		v->validate = LXW_VALIDATION_TYPE_INTEGER;
		v->criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		break;
	case BC_T_MONEY:
		/* A decimal rule cannot limit the decimals; import refuses
		 * a third one rather than round it, so Excel should too. */
		snprintf(formula, n, "=AND(ISNUMBER(%s),%s>=0,ROUND(%s,2)=%s)",
			 cell, cell, cell, cell);
		v->validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
		v->value_formula = formula;
		break;
	case BC_T_PCT:
		v->validate = LXW_VALIDATION_TYPE_DECIMAL;
		v->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		v->maximum_number = 100;
		break;
	case BC_T_DATE:
		v->validate = LXW_VALIDATION_TYPE_DATE;
		v->criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		v->value_datetime = (lxw_datetime){.year = 1900, .month = 1,
						   .day = 1};
		break;
	case BC_T_BOOL:
		v->validate = LXW_VALIDATION_TYPE_LIST;
		v->value_list = (char **)bc_vndoc_yes_no();
		break;
	case BC_T_ENUM:
		list_rule(s, in, v, formula, n);
		break;
	default:
		v->validate = LXW_VALIDATION_TYPE_ANY; /* for the message */
		break;
	}
}

static void validation(sheet *s, lxw_col_t c, const input *in)
{
	char cell[LXW_MAX_CELL_NAME_LENGTH], formula[160], title[160],
		invalid[160], full[512], what[512], label[1024], msg[1600];
	lxw_data_validation v = {0};
	lxw_rowcol_to_cell(cell, s->r, c);
	rule(s, in, cell, &v, formula, sizeof formula);
	hint(s, in, full, sizeof full);
	clip(full, MESSAGE_MAX / 2, what, sizeof what);
	size_t room = MESSAGE_MAX - bc_utf8_len(what) - (*what ? 1 : 0);
	clip(in->label, room, label, sizeof label);
	snprintf(msg, sizeof msg, "%s%s%s", label, *what ? "\n" : "", what);
	clip(in->label, TITLE_MAX, title, sizeof title);
	v.input_title = title;
	v.input_message = msg;
	if (*what) {
		clip(word(s, BC_W_TEMPLATE_INVALID), TITLE_MAX, invalid,
		     sizeof invalid);
		v.error_title = invalid;
		v.error_message = what;
	}
	if (v.validate != LXW_VALIDATION_TYPE_LIST || v.value_list)
		bc_xsheet_check(
			s, worksheet_data_validation_cell(s->ws, s->r, c, &v));
	if (in->type == BC_T_ENUM)
		bc_free(v.value_list);
}

/* An empty input cell of the current row, with its rule and its line
 * of `_fields`. */
static void input_cell(sheet *s, lxw_col_t c, const input *in,
		       const char *form, const char *field)
{
	bc_xsheet_check(s, worksheet_write_blank(s->ws, s->r, c,
						 tpl_of(s)->f[in->style]));
	validation(s, c, in);
	map_add(s, c, form, field);
}

/* ---- the parts every sheet shares -------------------------------------- */

/* Capitals run wider than the letters lines() counts with. */
static int caps_lines(const char *t, double width)
{
	return lines(t, width / 1.3);
}

/* The height a row needs for text in part p (bc_layout.fit). */
static double part_height(const sheet *s, const char *text, double width,
			  bc_xpart p)
{
	int n;
	switch (p) {
	case BC_XP_TITLE:
		return 20 * caps_lines(text, width / 1.1) + 4;
	case BC_XP_ORG:
		n = caps_lines(text, width);
		return n > 1 ? LINE_PT * n + 2 : 0;
	case BC_XP_HEAD:
		return LINE_PT * lines(text, width) + 6;
	default:
		n = lines(text, width);
		return n > 1 ? LINE_PT * n + 4 : 0;
	}
}

static const bc_layout LAYOUT = {
	.style = {[BC_XP_CODE] = F_CODE,
		  [BC_XP_TITLE] = F_TITLE,
		  [BC_XP_PERIOD] = F_PERIOD,
		  [BC_XP_WINDOW] = F_WINDOW,
		  [BC_XP_HEAD] = F_HEAD,
		  [BC_XP_COLNO] = F_COLNO},
	.fit = part_height,
	.max_pt = MAX_ROW_PT,
	.protect = true,
};

/* Header rows of a table: its labels and the column numbers; repeated
 * on every printed page if repeat. */
static void table_head(sheet *s, const char *const *label, lxw_col_t n,
		       bool repeat)
{
	lxw_row_t first = s->r;
	bc_xsheet_labels(s, label, n);
	bc_xsheet_column_numbers(s, n);
	if (repeat)
		bc_xsheet_check(s, worksheet_repeat_rows(s->ws, first, s->r));
	s->r++;
}

/* ---- the cover --------------------------------------------------------- */

static void key_value(sheet *s, const char *key, const char *value)
{
	bc_xsheet_height(s, LINE_PT * lines(value, s->w[2]) + 4);
	bc_xsheet_put(s, 1, key, F_KEY);
	bc_xsheet_put(s, 2, value, F_VALUE);
	s->r++;
}

static void cover_due(sheet *s)
{
	const bc_period *p = tpl_of(s)->p;
	const bc_directive *dir = &tpl_of(s)->rs->directive;
	const char *doc;
	char due[16], text[512];
	/* The unit's own: its kind's or level's where the rules give one. */
	bc_xlsx_dmy(bc_period_unit_due(p, tpl_of(s)->u->kind, &doc), due,
		    sizeof due);
	bc_word_fill(tpl_of(s)->rs,
		     doc ? BC_W_TEMPLATE_DUE_ADVANCED : BC_W_TEMPLATE_DUE,
		     text, sizeof text, BC_SLOTS({"date", due}, {"doc", doc}));
	key_value(s, word(s, BC_W_TEMPLATE_DUE_KEY), text);
	if (dir->reading)
		line(s, 2, 2, dir->reading, F_NOTE);
}

/* The ways a report may be sent, as the rules list them. */
static void cover_send(sheet *s)
{
	const bc_ruleset *rs = tpl_of(s)->rs;
	char list[900] = "", text[1024];
	size_t o = 0;
	for (size_t i = 0; i < rs->n_channels && o < sizeof list; i++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
				      i ? "; " : "", rs->channels[i].label);
	bc_word_fill(rs,
		     rs->n_channels ? BC_W_TEMPLATE_SEND_VIA : BC_W_TEMPLATE_SEND,
		     text, sizeof text, BC_SLOTS({"channels", list}));
	key_value(s, word(s, BC_W_TEMPLATE_SEND_KEY), text);
}

static void cover_facts(sheet *s)
{
	tpl *t = tpl_of(s);
	char text[1024], from[16], to[16];
	bc_word_fill(t->rs, BC_W_TEMPLATE_CODED, text, sizeof text,
		     BC_SLOTS({"name", t->u->name}, {"code", t->u->code}));
	key_value(s, word(s, BC_W_TEMPLATE_UNIT_KEY), text);
	bc_word_fill(t->rs, BC_W_TEMPLATE_CODED, text, sizeof text,
		     BC_SLOTS({"name", t->p->label}, {"code", t->p->code}));
	key_value(s, word(s, BC_W_TEMPLATE_PERIOD_KEY), text);
	bc_xlsx_dmy(t->p->from, from, sizeof from);
	bc_xlsx_dmy(t->p->to, to, sizeof to);
	bc_word_fill(t->rs, BC_W_TEMPLATE_WINDOW, text, sizeof text,
		     BC_SLOTS({"from", from}, {"to", to}));
	key_value(s, word(s, BC_W_TEMPLATE_WINDOW_KEY), text);
	cover_due(s);
	if (t->parent)
		key_value(s, word(s, BC_W_TEMPLATE_RECIPIENT_KEY), t->parent);
	cover_send(s);
}

/* The sheet a part is on: made the same way as when it is written. */
static void part_sheet_name(const bc_form *f, char *out, size_t n)
{
	bc_xlsx_sheet_name(f->id, f->title, out, n);
}

static void report_summary(const sheet *s, char *out, size_t n)
{
	const bc_owed *o = tpl_of(s)->owed;
	char list[900] = "";
	size_t k = 0;
	for (size_t i = 0; i < o->n_sections && k < sizeof list; i++)
		k += (size_t)snprintf(list + k, sizeof list - k, "%s%s",
				      i ? ", " : "", o->sections[i]);
	bc_word_fill(tpl_of(s)->rs,
		     o->n_sections ? BC_W_TEMPLATE_PART_REPORT_REQUIRED
				   : BC_W_TEMPLATE_PART_REPORT,
		     out, n, BC_SLOTS({"sections", list}));
}

static void cover_part(sheet *s, const char *part, int no)
{
	tpl *t = tpl_of(s);
	const bc_form *f = bc_ruleset_form(t->rs, part);
	char name[160], what[1024];
	if (!strcmp(part, BC_PART_REPORT)) {
		bc_xlsx_sheet_name(word(s, BC_W_TEMPLATE_REPORT_SHEET), "", name,
				   sizeof name);
		report_summary(s, what, sizeof what);
	} else if (f) {
		part_sheet_name(f, name, sizeof name);
		bc_word_fill(t->rs, BC_W_TEMPLATE_PART_FORM, what, sizeof what,
			     BC_SLOTS({"title", f->title}, {"id", f->id},
				      {"name", f->name}));
	} else {
		return;
	}
	int n = lines(what, s->w[2]);
	if (lines(name, s->w[1]) > n)
		n = lines(name, s->w[1]);
	bc_xsheet_height(s, LINE_PT * n + 6);
	bc_xsheet_num(s, 0, no, s->b->f[F_STT]);
	bc_xsheet_put(s, 1, name, F_LABEL);
	bc_xsheet_put(s, 2, what, F_LABEL);
	s->r++;
}

static void cover_parts(sheet *s)
{
	const char *const label[] = {bc_vndoc_word(BC_VN_SEQ),
				     word(s, BC_W_TEMPLATE_PARTS_SHEET),
				     word(s, BC_W_TEMPLATE_PARTS_CONTENT)};
	bc_xsheet_merge(s, 0, 2, word(s, BC_W_TEMPLATE_PARTS_HEAD), F_H2);
	s->r++;
	table_head(s, label, 3, false);
	for (size_t i = 0; i < tpl_of(s)->owed->n_parts; i++)
		cover_part(s, tpl_of(s)->owed->parts[i], (int)i + 1);
	s->r++;
}

static void cover_signer(sheet *s)
{
	static const bc_wkey key[] = {
		BC_W_TEMPLATE_SIGNER_NAME_KEY, BC_W_TEMPLATE_SIGNER_TITLE_KEY,
		BC_W_TEMPLATE_SIGNED_DATE_KEY, BC_W_TEMPLATE_ESTIMATED_KEY};
	static const char *const field[] = {"signer_name", "signer_title",
					    "signed_date", "estimated"};
	/* Deadlines may fall before a window ends: the last days are then
	 * estimated, and the report says so. */
	static const bc_wkey what[] = {
		BC_W_TEMPLATE_SIGNER_NAME, BC_W_TEMPLATE_SIGNER_TITLE,
		BC_W_TEMPLATE_SIGNED_DATE, BC_W_TEMPLATE_ESTIMATED};
	static const bc_ftype type[] = {BC_T_TEXT, BC_T_TEXT, BC_T_DATE,
					BC_T_BOOL};
	static const int style[] = {I_TEXT, I_TEXT, I_DATE, I_CHOICE};
	bc_xsheet_merge(s, 0, 2, word(s, BC_W_TEMPLATE_SIGNER_HEAD), F_H2);
	s->r++;
	for (int i = 0; i < 4; i++) {
		char label[512];
		bc_word_fill(tpl_of(s)->rs, what[i], label, sizeof label,
			     BC_SLOTS({"yes", bc_vndoc_word(BC_VN_YES)}));
		input in = {.type = type[i], .label = label,
			    .required = i < 2, .style = style[i]};
		bc_xsheet_height(s, LINE_PT + 8);
		bc_xsheet_put(s, 1, word(s, key[i]), F_KEY);
		input_cell(s, 2, &in, BC_FORM_META, field[i]);
		s->r++;
	}
	s->r++;
}

/* How to fill the workbook in: a line per instruction. */
static void cover_howto(sheet *s)
{
	const char *how = word(s, BC_W_TEMPLATE_HOWTO);
	bc_xsheet_merge(s, 0, 2, word(s, BC_W_TEMPLATE_HOWTO_HEAD), F_H2);
	s->r++;
	while (*how) {
		size_t len = strcspn(how, "\n");
		char one[2048];
		snprintf(one, sizeof one, "%.*s", (int)len, how);
		line(s, 0, 2, one, F_NOTE);
		how += len + (how[len] == '\n');
	}
}

/* "(Theo <title> - <reference> ngày <issued> của <issuer>)", each part
 * there when the directive gives it. */
static void cover_subtitle(const tpl *t, char *out, size_t n)
{
	const bc_directive *dir = &t->rs->directive;
	char a[1024], b[1024], issued[16];
	snprintf(a, sizeof a, "%s", dir->title ? dir->title : "");
	if (dir->reference) {
		bc_word_fill(t->rs, BC_W_TEMPLATE_DIRECTIVE_REFERENCE, b,
			     sizeof b,
			     BC_SLOTS({"title", a}, {"reference", dir->reference}));
		snprintf(a, sizeof a, "%s", b);
	}
	if (dir->issued != BC_DATE_NONE) {
		bc_xlsx_dmy(dir->issued, issued, sizeof issued);
		bc_word_fill(t->rs, BC_W_TEMPLATE_DIRECTIVE_ISSUED, b, sizeof b,
			     BC_SLOTS({"directive", a}, {"date", issued}));
		snprintf(a, sizeof a, "%s", b);
	}
	if (dir->issuer) {
		bc_word_fill(t->rs, BC_W_TEMPLATE_DIRECTIVE_ISSUER, b, sizeof b,
			     BC_SLOTS({"directive", a}, {"issuer", dir->issuer}));
		snprintf(a, sizeof a, "%s", b);
	}
	bc_word_fill(t->rs, BC_W_TEMPLATE_SUBTITLE, out, n,
		     BC_SLOTS({"directive", a}));
}

static void cover(tpl *t)
{
	char sub[1024];
	sheet s;
	if (!sheet_open(t, &s, bc_word(t->rs, BC_W_TEMPLATE_COVER_SHEET), 3))
		return;
	bc_xsheet_width(&s, 0, 6);
	bc_xsheet_width(&s, 1, 30);
	bc_xsheet_width(&s, 2, 62);
	cover_subtitle(t, sub, sizeof sub);
	bc_xsheet_heading(&s, bc_word(t->rs, BC_W_TEMPLATE_TITLE), sub, NULL);
	cover_facts(&s);
	s.r++;
	cover_parts(&s);
	cover_signer(&s);
	cover_howto(&s);
	bc_xsheet_page(&s, false);
	worksheet_activate(s.ws);
	bc_xsheet_close(&s);
}

/* ---- the forms --------------------------------------------------------- */

static const char *const OPS[] = {[BC_EQ] = "=", [BC_NE] = "≠",
				  [BC_LE] = "≤", [BC_LT] = "<",
				  [BC_GE] = "≥", [BC_GT] = ">"};

/* "[6] + [7] - 2": each field as [its STT]; false when a field is not on
 * the sheet (asked of the other level). */
static bool expr_text(const bc_expr *e, const int *stt, char *out, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < e->n && o < n; i++) {
		const bc_term *tm = &e->v[i];
		char v[64];
		if (tm->name && (tm->ref < 0 || !stt[tm->ref]))
			return false;
		if (tm->name)
			snprintf(v, sizeof v, "[%d]", stt[tm->ref]);
		else
			bc_dec_local(tm->k, v);
		const char *op = tm->sign < 0 ? (i ? " - " : "-")
					      : (i ? " + " : "");
		o += (size_t)snprintf(out + o, n - o, "%s%s", op, v);
	}
	return true;
}

static bool check_text(const bc_ruleset *rs, const bc_check *c,
		       const int *stt, char *out, size_t n)
{
	char l[256], r[256], text[600];
	if (!expr_text(&c->cond.lhs, stt, l, sizeof l) ||
	    !expr_text(&c->cond.rhs, stt, r, sizeof r))
		return false;
	snprintf(text, sizeof text, "%s %s %s", l, OPS[c->cond.op], r);
	if (c->severity == BC_WARNING)
		bc_word_fill(rs, BC_W_TEMPLATE_WARNING, out, n,
			     BC_SLOTS({"check", text}));
	else
		snprintf(out, n, "%s", text);
	return true;
}

/* The checks of one field (field_id) or of the whole form (NULL). */
static void checks_text(const bc_ruleset *rs, const bc_form *f,
			const char *field_id, const int *stt, char *out,
			size_t n)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < f->n_checks && o < n; i++) {
		const bc_check *c = &f->checks[i];
		char one[600];
		if ((field_id ? !c->field || strcmp(c->field, field_id)
			      : c->field != NULL) ||
		    !check_text(rs, c, stt, one, sizeof one))
			continue;
		o += (size_t)snprintf(out + o, n - o, "%s%s", o ? "\n" : "", one);
	}
}

/* The unit of measure shown beside a field, into out[n]. */
static void uom(const bc_field *f, char *out, size_t n)
{
	if (f->unit)
		snprintf(out, n, "%s", f->unit);
	else if (f->type == BC_T_BOOL)
		snprintf(out, n, "%s/%s", bc_vndoc_word(BC_VN_YES),
			 bc_vndoc_word(BC_VN_NO));
	else
		snprintf(out, n, "%s",
			 f->type == BC_T_DATE ? bc_vndoc_word(BC_VN_DATE) : "");
}

static void field_row(sheet *s, const bc_form *f, const bc_field *fd,
		      const int *stt, int no)
{
	char checks[2048], unit[256];
	input in = input_of(fd);
	checks_text(tpl_of(s)->rs, f, fd->id, stt, checks, sizeof checks);
	uom(fd, unit, sizeof unit);
	int n = lines(fd->label, s->w[1]);
	if (lines(checks, s->w[4] * 12 / 11) > n)
		n = lines(checks, s->w[4] * 12 / 11);
	bc_xsheet_height(s, LINE_PT * n + 6);
	bc_xsheet_num(s, 0, no, s->b->f[F_STT]);
	bc_xsheet_put(s, 1, fd->label, F_LABEL);
	bc_xsheet_put(s, 2, unit, F_UOM);
	input_cell(s, 3, &in, f->id, fd->id);
	bc_xsheet_put(s, 4, checks, F_CHECK);
	s->r++;
}

/* The plain fields as rows; stt receives each one's STT (0: none). */
static void plain_rows(sheet *s, const bc_form *f, int *stt)
{
	const char *const label[] = {
		bc_vndoc_word(BC_VN_SEQ), word(s, BC_W_TEMPLATE_CONTENT),
		bc_vndoc_word(BC_VN_UOM), word(s, BC_W_TEMPLATE_VALUE),
		word(s, BC_W_TEMPLATE_CHECK)};
	int no = 0;
	for (size_t i = 0; i < f->n_fields; i++)
		if ((stt[i] = bc_field_number(f, i, tpl_of(s)->level)))
			no = stt[i];
	if (!no)
		return;
	table_head(s, label, 5, true);
	worksheet_freeze_panes(s->ws, s->r, 0);
	for (size_t i = 0; i < f->n_fields; i++)
		if (stt[i])
			field_row(s, f, &f->fields[i], stt, stt[i]);
	char all[2048];
	checks_text(tpl_of(s)->rs, f, NULL, stt, all, sizeof all);
	if (*all) {
		char text[2600];
		snprintf(text, sizeof text, "%s\n%s",
			 word(s, BC_W_TEMPLATE_CROSS_CHECKS), all);
		s->r++;
		line(s, 0, s->n - 1, text, F_NOTE);
	}
}

static void table_row(sheet *s, const bc_form *f, const bc_field *tf,
		      int row)
{
	bc_xsheet_height(s, LINE_PT + 6);
	bc_xsheet_num(s, 0, row, s->b->f[F_STT]);
	for (size_t c = 0; c < tf->n_columns; c++) {
		const bc_field *col = &tf->columns[c];
		input in = input_of(col);
		char field[256];
		snprintf(field, sizeof field, "%s[%d].%s", tf->id, row, col->id);
		input_cell(s, (lxw_col_t)(bc_column_number(c) - 1), &in, f->id,
			   field);
	}
	s->r++;
}

/* A table field: its header, then rows to fill. */
static void table_block(sheet *s, const bc_form *f, const bc_field *tf,
			bool titled, bool freeze)
{
	const char **label = bc_calloc(tf->n_columns + 1, sizeof *label);
	char (*text)[512] = bc_calloc(tf->n_columns, sizeof *text);
	if (!label || !text) {
		no_memory(tpl_of(s));
	} else {
		if (titled) {
			s->r++;
			line(s, 0, s->n - 1, tf->label, F_H2);
		}
		label[0] = bc_vndoc_word(BC_VN_SEQ);
		for (size_t c = 0; c < tf->n_columns; c++) {
			snprintf(text[c], sizeof text[c], "%s%s",
				 tf->columns[c].label,
				 tf->columns[c].required ? " (*)" : "");
			label[c + 1] = text[c];
		}
		table_head(s, label, (lxw_col_t)(tf->n_columns + 1), freeze);
		if (freeze)
			worksheet_freeze_panes(s->ws, s->r, 0);
		for (int r = 1; r <= BC_TEMPLATE_TABLE_ROWS; r++)
			table_row(s, f, tf, r);
		line(s, 0, s->n - 1, word(s, BC_W_TEMPLATE_REQUIRED_NOTE),
		     F_NOTE);
	}
	bc_free(label);
	bc_free(text);
}

/* A column's width for its type; codes (fields with an example) are
 * short texts. */
static double column_width(const bc_field *c)
{
	double w;
	switch (c->type) {
	case BC_T_TEXT:
		w = c->example ? 18 : 36;
		break;
	case BC_T_DATE:
		w = 13;
		break;
	case BC_T_ENUM:
		w = 16;
		break;
	case BC_T_MONEY:
		w = 14;
		break;
	default:
		w = 11;
		break;
	}
	/* The label in at most three lines. */
	double need = (double)bc_utf8_len(c->label) / 3 + 4;
	return need > w ? need : w;
}

/* The sheet's columns: STT, label, unit, input, checks for the plain
 * fields; STT and one per column for the tables; the widest of both. */
static lxw_col_t form_columns(const tpl *t, const bc_form *f, double *w,
			      lxw_col_t max, bool *plain, bool *wide)
{
	static const double plain_w[] = {6, 50, 12, 16, 24};
	lxw_col_t n = 0;
	*plain = false;
	for (size_t i = 0; i < f->n_fields; i++) {
		const bc_field *fd = &f->fields[i];
		if (!bc_field_asked(fd, t->level))
			continue;
		if (fd->type != BC_T_TABLE) {
			*plain = true;
			continue;
		}
		w[0] = w[0] > 6 ? w[0] : 6;
		for (size_t c = 0; c < fd->n_columns && c + 1 < max; c++) {
			double cw = column_width(&fd->columns[c]);
			w[c + 1] = w[c + 1] > cw ? w[c + 1] : cw;
			n = n > c + 2 ? n : (lxw_col_t)(c + 2);
		}
	}
	for (lxw_col_t c = 0; *plain && c < 5; c++)
		w[c] = w[c] > plain_w[c] ? w[c] : plain_w[c];
	n = *plain && n < 5 ? 5 : n;
	double total = 0;
	for (lxw_col_t c = 0; c < n; c++)
		total += w[c];
	*wide = total > 110;
	return n;
}

static void form_tables(sheet *s, const bc_form *f, bool plain)
{
	size_t tables = 0;
	for (size_t i = 0; i < f->n_fields; i++)
		tables += f->fields[i].type == BC_T_TABLE &&
			  bc_field_asked(&f->fields[i], tpl_of(s)->level);
	for (size_t i = 0; i < f->n_fields; i++) {
		const bc_field *fd = &f->fields[i];
		if (fd->type == BC_T_TABLE &&
		    bc_field_asked(fd, tpl_of(s)->level))
			table_block(s, f, fd, plain || tables > 1,
				    !plain && tables == 1);
	}
}

static void form_sheet(tpl *t, const bc_form *f)
{
	enum { MAX_COLS = 64 };
	double w[MAX_COLS] = {0};
	bool plain, wide;
	char name[160], code[128];
	lxw_col_t n = form_columns(t, f, w, MAX_COLS, &plain, &wide);
	int *stt = bc_calloc(f->n_fields + 1, sizeof *stt);
	sheet s;
	if (!stt) {
		no_memory(t);
		return;
	}
	part_sheet_name(f, name, sizeof name);
	if (n >= 3 && sheet_open(t, &s, name, n)) {
		for (lxw_col_t c = 0; c < n; c++)
			bc_xsheet_width(&s, c, w[c]);
		bc_word_fill(t->rs, BC_W_TEMPLATE_FORM_CODE, code, sizeof code,
			     BC_SLOTS({"id", f->id}, {"name", f->name}));
		bc_xsheet_heading(&s, f->title, NULL, code);
		if (plain)
			plain_rows(&s, f, stt);
		form_tables(&s, f, plain);
		bc_xsheet_signature(&s, t->dated);
		bc_xsheet_page(&s, wide);
		bc_xsheet_close(&s);
	}
	bc_free(stt);
}

/* ---- the narrative report ---------------------------------------------- */

static int depth(const char *id)
{
	int d = 0;
	for (; *id; id++)
		d += *id == '.';
	return d;
}

static bool has_children(const bc_ruleset *rs, size_t i)
{
	for (size_t k = i + 1; k < rs->n_sections; k++)
		if (rs->sections[k].parent == (int)i)
			return true;
	return false;
}

static bool owed_section(const bc_owed *o, const char *id)
{
	for (size_t i = 0; i < o->n_sections; i++)
		if (!strcmp(o->sections[i], id))
			return true;
	return false;
}

/* text in column c of rows r..last, as one cell when they are more. */
static void down(sheet *s, lxw_row_t last, lxw_col_t c, const char *text,
		 int style)
{
	if (last == s->r)
		bc_xsheet_put(s, c, text, style);
	else
		bc_xsheet_check(s, worksheet_merge_range(s->ws, s->r, c, last,
							 c, text,
							 s->b->f[style]));
}

/* The guidance's pieces g[0..n), a row each from the current one; the
 * first row at least pt tall. */
static void guide_rows(sheet *s, const char *g, const piece *pc, size_t n,
		       double pt)
{
	for (size_t k = 0; k < n; k++, s->r++) {
		char *text = bc_strndup(g + pc[k].at, pc[k].len);
		if (!text) {
			no_memory(tpl_of(s));
			return;
		}
		double h = SMALL_PT * lines(text, s->w[3] * 12 / 11);
		bc_xsheet_height(s, (k || h > pt ? h : pt) + 6);
		bc_xsheet_put(s, 3, text, F_GUIDE);
		bc_free(text);
	}
}

/* A section: its id, title and input cell beside its guidance, over as
 * many rows as the guidance takes. */
static void section_row(sheet *s, size_t i)
{
	const bc_section *sec = &tpl_of(s)->rs->sections[i];
	bool owed = owed_section(tpl_of(s)->owed, sec->id);
	const char *guide = sec->guidance ? sec->guidance : "";
	char *title = bc_sprintf("%s%s", sec->title, owed ? " (*)" : "");
	char *label = bc_sprintf("%s. %s", sec->id, sec->title);
	size_t n = 0;
	piece *pc = guide_pieces(guide, s->w[3] * 12 / 11, &n);
	if (title && label && pc) {
		lxw_row_t last = s->r + (lxw_row_t)n - 1;
		double pt = has_children(tpl_of(s)->rs, i) ? 2 * LINE_PT
							   : 5 * LINE_PT;
		double h = LINE_PT * lines(title, s->w[1]);
		input in = {.type = BC_T_TEXT, .label = label, .style = I_LONG};
		down(s, last, 0, sec->id, F_SECTION);
		down(s, last, 1, title,
		     depth(sec->id) <= 1 ? F_SEC_TITLE_B : F_SEC_TITLE);
		if (last > s->r)
			down(s, last, 2, "", I_LONG);
		input_cell(s, 2, &in, BC_PART_REPORT, sec->id);
		guide_rows(s, guide, pc, n, pt > h ? pt : h);
	} else {
		no_memory(tpl_of(s));
	}
	bc_free(title);
	bc_free(label);
	bc_free(pc);
}

static void report_sheet(tpl *t)
{
	const char *const label[] = {bc_word(t->rs, BC_W_TEMPLATE_SECTION),
				     bc_word(t->rs, BC_W_TEMPLATE_HEADING),
				     bc_word(t->rs, BC_W_TEMPLATE_TEXT),
				     bc_word(t->rs, BC_W_TEMPLATE_GUIDANCE)};
	static const double w[] = {8, 30, 60, 70};
	sheet s;
	if (!sheet_open(t, &s, bc_word(t->rs, BC_W_TEMPLATE_REPORT_SHEET), 4))
		return;
	for (lxw_col_t c = 0; c < 4; c++)
		bc_xsheet_width(&s, c, w[c]);
	bc_xsheet_heading(&s, bc_word(t->rs, BC_W_TEMPLATE_REPORT_TITLE), NULL,
			  NULL);
	line(&s, 0, 3, bc_word(t->rs, BC_W_TEMPLATE_REPORT_HOWTO), F_NOTE);
	s.r++;
	table_head(&s, label, 4, true);
	worksheet_freeze_panes(s.ws, s.r, 0);
	for (size_t i = 0; i < t->rs->n_sections; i++)
		if (bc_owed_may_write(t->owed, t->rs->sections[i].id))
			section_row(&s, i);
	bc_xsheet_page(&s, true);
	bc_xsheet_close(&s);
}

/* ---- the hidden map ---------------------------------------------------- */

static lxw_worksheet *hidden_sheet(tpl *t, const char *name)
{
	lxw_worksheet *ws = bc_xbook_sheet(&t->b, name);
	if (ws)
		worksheet_hide(ws);
	return ws;
}

static void fields_sheet(tpl *t)
{
	static const char *const head[] = BC_MAP_HEADS;
	lxw_worksheet *ws = hidden_sheet(t, BC_MAP_FIELDS_SHEET);
	lxw_format *f = t->f[F_PLAIN];
	if (!ws)
		return;
	bc_xbook_check(&t->b, worksheet_set_column(ws, 0, 3, 24, NULL));
	for (lxw_col_t c = 0; c < 4; c++)
		bc_xbook_check(&t->b,
			       worksheet_write_string(ws, 0, c, head[c], f));
	for (size_t i = 0; i < t->n_map; i++) {
		const entry *e = &t->map[i];
		const char *v[] = {e->form, e->field, t->sheets[e->sheet],
				   e->cell};
		for (lxw_col_t c = 0; c < 4; c++)
			bc_xbook_check(&t->b, worksheet_write_string(
						      ws, (lxw_row_t)i + 1, c,
						      v[c], f));
	}
}

static void meta_sheet(tpl *t)
{
	const char *const kv[][2] = {{BC_MAP_UNIT, t->u->code},
				     {BC_MAP_PERIOD, t->p->code},
				     {BC_MAP_RULESET, t->rs->id},
				     {BC_MAP_HASH, t->rs->hash}};
	lxw_worksheet *ws = hidden_sheet(t, BC_MAP_META_SHEET);
	lxw_format *f = t->f[F_PLAIN];
	if (!ws)
		return;
	bc_xbook_check(&t->b, worksheet_set_column(ws, 0, 1, 24, NULL));
	lxw_row_t r = 0;
	for (; r < sizeof kv / sizeof *kv; r++) {
		bc_xbook_check(&t->b,
			       worksheet_write_string(ws, r, 0, kv[r][0], f));
		bc_xbook_check(&t->b,
			       worksheet_write_string(ws, r, 1, kv[r][1], f));
	}
	bc_xbook_check(&t->b,
		       worksheet_write_string(ws, r, 0, BC_MAP_VERSION, f));
	bc_xbook_check(&t->b, worksheet_write_number(ws, r, 1,
						     BC_TEMPLATE_VERSION, f));
}

static void lists_sheet(tpl *t)
{
	lxw_worksheet *ws = t->n_lists ? hidden_sheet(t, LISTS_SHEET) : NULL;
	for (size_t c = 0; ws && c < t->n_lists; c++)
		for (size_t r = 0; r < t->lists[c].n; r++)
			bc_xbook_check(&t->b,
				       worksheet_write_string(
					       ws, (lxw_row_t)r, (lxw_col_t)c,
					       t->lists[c].values[r],
					       t->f[F_PLAIN]));
}

/* ---- one workbook ------------------------------------------------------ */

/* The period; the day the unit signs is left for its hand. */
static void texts(tpl *t)
{
	bc_xbook_period(&t->b, t->p->label, t->p->from, t->p->to);
	bc_vndoc_date(BC_DATE_NONE, t->dated, sizeof t->dated);
}

static void properties(tpl *t, bc_time now)
{
	char title[768];
	snprintf(title, sizeof title, "%s - %s", t->u->name, t->p->label);
	lxw_doc_properties props = {
		.title = title,
		.subject = t->rs->directive.title,
		.company = t->u->name,
		.keywords = t->rs->directive.reference,
		.created = (time_t)now,
	};
	workbook_set_properties(t->b.wb, &props);
}

static void sheets(tpl *t)
{
	cover(t);
	for (size_t i = 0; i < t->owed->n_parts; i++) {
		const char *part = t->owed->parts[i];
		const bc_form *f = bc_ruleset_form(t->rs, part);
		if (!strcmp(part, BC_PART_REPORT))
			report_sheet(t);
		else if (f)
			form_sheet(t, f);
	}
	fields_sheet(t);
	meta_sheet(t);
	lists_sheet(t);
}

static void tpl_release(tpl *t)
{
	for (size_t i = 0; i < t->n_sheets; i++)
		bc_free(t->sheets[i]);
	for (size_t i = 0; i < t->n_map; i++)
		bc_free(t->map[i].field);
	bc_free(t->sheets);
	bc_free(t->map);
	bc_free(t->lists);
}

/* Writes the workbook into of's temporary file; path names it in
 * messages. */
static bc_err build(tpl *t, bc_outfile *of, const char *path, bc_time now,
		    bc_diags *d)
{
	/* Its scratch files beside the output: libxlsxwriter does not
	 * check their writes, but checks the output's. */
	lxw_workbook_options opt = {.tmpdir = (char *)bc_outfile_dir(of)};
	t->b.wb = workbook_new_opt(bc_outfile_tmp(of), &opt);
	if (!t->b.wb) {
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     "cannot create the workbook");
		return BC_ERR_IO;
	}
	texts(t);
	properties(t, now);
	bc_xbook_formats(&t->b, SPEC, F_N, style);
	if (t->b.err == LXW_NO_ERROR)
		sheets(t);
	int errnum;
	lxw_error e = bc_xlsx_close(t->b.wb, &errnum);
	tpl_release(t);
	if (t->b.err == LXW_NO_ERROR && bc_xlsx_io_error(e)) {
		bc_outfile_fail(of, errnum, d);
		return BC_ERR_IO;
	}
	if (t->b.err == LXW_NO_ERROR && e != LXW_NO_ERROR)
		bc_xbook_fail(&t->b, e, NULL);
	if (t->b.err == LXW_NO_ERROR)
		return BC_OK;
	bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL, "%s", t->b.why);
	return t->b.err == LXW_ERROR_MEMORY_MALLOC_FAILED ? BC_ERR_NOMEM
							  : BC_ERR_IO;
}

/* Builds into a temporary file, put at path only once complete
 * (outfile.h): a failure never leaves half a workbook. */
static bc_err write_file(tpl *t, const char *path, bc_time now,
			 bc_diags *d)
{
	bc_outfile *of;
	bc_err rc = bc_outfile_open(path, &of, d);
	if (rc != BC_OK)
		return rc;
	return bc_outfile_close(of, build(t, of, path, now, d), d);
}

/* The template of u, who owes o, for p. */
static bc_err write_unit(bc_store *st, const bc_period *p, const bc_unit *u,
			 const bc_owed *o, const char *path, bc_time now,
			 bc_diags *d)
{
	const bc_unit_kind *k = bc_ruleset_kind(p->rs, u->kind);
	tpl t = {.rs = p->rs, .p = p, .u = u, .owed = o,
		 .level = k ? k->level : NULL};
	bc_doc_frame frame = {0};
	/* The unit's own report: its header block is its own frame's. */
	t.b = (bc_xbook){.lay = &LAYOUT, .rs = p->rs, .f = t.f,
			 .frame = &frame};
	bc_unit parent = {0};
	bc_err rc = u->parent ? bc_unit_get_as_of(st, u->parent, p->to, &parent,
						  d)
			      : BC_OK;
	if (rc == BC_ERR_NOT_FOUND) /* a parent gone: the unit alone */
		rc = BC_OK;
	if (rc == BC_OK)
		rc = bc_doc_frame_build(p->rs, BC_DOC_UNIT_REPORT, u,
					parent.code ? &parent : NULL, p, NULL,
					&frame, d);
	if (rc == BC_OK) {
		t.parent = parent.name;
		rc = write_file(&t, path, now, d);
	}
	bc_doc_frame_free(&frame);
	bc_unit_free(&parent);
	return rc;
}

bc_err bc_template_write(bc_store *st, bc_rulebook *rb, const char *unit,
			 const char *period, const char *path, bc_time fixed,
			 bc_diags *d)
{
	bc_unit u = {0};
	bc_period p;
	bc_owed o = {0};
	bc_err rc = bc_period_get(st, rb, period, &p, d);
	if (rc == BC_OK)
		rc = bc_period_sent(&p, d);
	/* The unit as the period sees it: one that does not exist then
	 * gets no template, and is told when it existed. */
	if (rc == BC_OK &&
	    (rc = bc_unit_get_as_of(st, unit, p.to, &u, d)) == BC_ERR_NOT_FOUND) {
		bc_said why = {0};
		bc_err known = bc_unit_absent(st, unit, p.code, p.to, &why, d);
		if (known == BC_OK || known == BC_ERR_NOT_FOUND)
			bc_diags_add_made(d, BC_ERROR, NULL, 0, why.msg,
					  why.text);
		else
			rc = known;
	}
	if (rc == BC_OK)
		rc = bc_owed_for(&p, u.kind, u.roles, u.n_roles, &o);
	if (rc == BC_OK && !o.n_parts) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     "%s owes nothing for %s: a unit of kind %s is "
			     "not expected to report then",
			     unit, p.code, u.kind);
		rc = BC_ERR_NOT_FOUND;
	}
	if (rc == BC_OK)
		rc = write_unit(st, &p, &u, &o, path,
				fixed ? fixed : bc_store_now(st), d);
	bc_owed_free(&o);
	bc_unit_free(&u);
	bc_period_free(&p);
	return rc;
}

/* ---- every unit -------------------------------------------------------- */

void bc_template_files_free(char **files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bc_free(files[i]);
	bc_free(files);
}

/* One directory, made if missing (0 or errno). */
static int make_one(const char *dir)
{
	struct stat sb;
	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno != EEXIST)
		return errno;
	return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) ? 0 : ENOTDIR;
}

/* dir and its missing parents, as mkdir -p: the officer names
 * templates/2023-Q1 before templates/ exists. */
static bc_err make_dir(const char *dir, bc_diags *d)
{
	char *path = bc_strdup(dir);
	if (!path)
		return BC_ERR_NOMEM;
	int err = 0;
	for (char *q = path + 1; !err && *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		err = make_one(path);
		*q = '/';
	}
	if (!err)
		err = make_one(path);
	bc_free(path);
	if (!err)
		return BC_OK;
	bc_diags_add(d, BC_ERROR, dir, 0, NULL, NULL, "%s",
		     err == ENOTDIR ? "not a directory" : strerror(err));
	return BC_ERR_IO;
}

/* Writes u's template into dir if u owes anything; adds its path. */
static bc_err unit_in_dir(bc_store *st, const bc_period *p, const bc_unit *u,
			  const char *dir, bc_time now, char ***files,
			  size_t *n, size_t *cap, bc_diags *d)
{
	bc_owed o;
	bc_err rc = bc_owed_for(p, u->kind, u->roles, u->n_roles, &o);
	if (rc != BC_OK || !o.n_parts) {
		bc_owed_free(&o);
		return rc;
	}
	char *path = bc_sprintf("%s/%s.xlsx", dir, u->code);
	if (!path || bc_grow((void **)files, cap, *n + 1, sizeof **files) < 0)
		rc = BC_ERR_NOMEM;
	if (rc == BC_OK)
		rc = write_unit(st, p, u, &o, path, now, d);
	if (rc == BC_OK)
		(*files)[(*n)++] = path;
	else
		bc_free(path);
	bc_owed_free(&o);
	return rc;
}

bc_err bc_template_write_all(bc_store *st, bc_rulebook *rb,
			     const char *period, const char *dir,
			     bc_time fixed, const bc_progress *progress,
			     char ***files, size_t *n, bc_diags *d)
{
	bc_period p;
	bc_unit_list ul = {0};
	size_t cap = 0;
	bc_time now = fixed ? fixed : bc_store_now(st);
	*files = NULL;
	*n = 0;
	bc_err rc = bc_period_get(st, rb, period, &p, d);
	if (rc == BC_OK)
		rc = bc_period_sent(&p, d);
	if (rc == BC_OK)
		rc = bc_units_as_of(st, p.to, &ul, d);
	if (rc == BC_OK)
		rc = make_dir(dir, d);
	for (size_t i = 0; rc == BC_OK && i < ul.n; i++) {
		bc_progress_report(progress, i, ul.n);
		/* A file is named after the code only if it is one 'units
		 * import' accepts: the database is not trusted to name
		 * files (no '/', no '..', nothing outside dir). */
		if (!bc_unit_code_ok(ul.v[i].code)) {
			bc_diags_add(d, BC_WARNING, NULL, 0, NULL, NULL,
				     "unit '%s' skipped: its code is not one "
				     "'units import' accepts (a-z, 0-9, '-'), "
				     "so no file is named after it; see "
				     "'baocao check'",
				     ul.v[i].code);
			continue;
		}
		rc = unit_in_dir(st, &p, &ul.v[i], dir, now, files, n, &cap, d);
	}
	bc_unit_list_free(&ul);
	bc_period_free(&p);
	return rc;
}

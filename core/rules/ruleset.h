/* SPDX-License-Identifier: MIT */
/*
 * One ruleset: the Lua rules of one directive, loaded in a sandbox into a
 * plain catalogue.
 *
 * A ruleset's files only register things, each kind with its struct
 * below: directive{…}, period_type{…}, unit_kind{…}, level{…}, role{…},
 * form{…}, section{…}, responsibility{…}, channel{…}, wording{…},
 * document{…}, holiday{…} and working_day{…} (bc_reg_kind).
 * Each registration is checked as it runs (unknown keys, wrong types,
 * duplicates are errors at the caller's file:line) and copied into the
 * ruleset's arena, which the rest of the program reads and never
 * changes.  A kind is described once, in ruleset.c's table of them: its
 * struct, the function that reads one, where its items go, how one is
 * found by its id and shown as JSON (docs/architecture.md).
 */
#ifndef BC_RULESET_H
#define BC_RULESET_H

#include "cond.h"
#include "date.h"
#include "derivation.h"
#include "digest.h"
#include "docwords.h"
#include "error.h"
#include "formats.h"
#include "mem.h"
#include "sandbox.h"
#include "srcset.h"
#include "strmap.h"
#include "summary.h"
#include "wording.h"
#include "workday.h"

#include <stdbool.h>

/* A day of the year relative to a period's year: "28/02/Y", "10/12/Y-1". */
typedef struct bc_dayrule {
	int day, month, year_offset;
} bc_dayrule;

/* When a deadline falls: a day of the period's year, or the
 * workdays-th working day after the last day of the period's data
 * window ("+5wd after window"), counted on the ruleset's calendar. */
typedef struct bc_due {
	bc_dayrule day; /* when workdays is 0 */
	int workdays;
} bc_due;

#define BC_DUE_MAX_WORKDAYS 250 /* about a year of working days */
#define BC_DUE_BUF 32          /* "+250wd after window", "28/02/Y-1" */

/* The unit deadline of the units of one kind, or of one level. */
typedef struct bc_due_for {
	char *kind, *level; /* one of them; the other NULL */
	bc_due due;
} bc_due_for;

/* Where a registration was made, for messages. */
typedef struct bc_origin {
	char *file;
	int line;
} bc_origin;

typedef struct bc_directive {
	char *title, *reference, *issuer, *replaces, *supersedes, *reading;
	/* What people call the narrative report, the part "report" ("Báo
	 * cáo bằng văn bản"); "report" when the rules give none.  Never
	 * NULL. */
	char *report_name;
	char *money_unit; /* of a money field that names none, or NULL */
	bc_date issued;
	bc_date in_force_from, in_force_to; /* to: BC_DATE_NONE when open */
	bool deadline_inclusive; /* due date counts as on time */
	int utc_offset;          /* minutes east of UTC deadlines are read in */
	bc_origin at;
} bc_directive;

typedef struct bc_period_type {
	char *code;  /* "Q1"; for ad-hoc types the prefix ("DX") */
	char *label; /* "Quý I năm {year}", "… số {n} năm {year}" */
	bool adhoc;  /* window, deadlines and forms given at creation */
	bool advance; /* unit deadline may be moved earlier by a document */
	bc_dayrule from, to;
	/* unit_due: of the units no unit_due_for names (and the period's
	 * own deadline, bc_period.unit_due) */
	bc_due unit_due, compile_due;
	/* Kinds' and levels' own unit deadlines: kinds first, each list in
	 * id order.  A unit's kind's comes before its level's. */
	bc_due_for *unit_due_for;
	size_t n_unit_due_for;
	/* A derived type (derived = "H1 - Q1"): computed from the terms,
	 * reported by no one.  Its day rules are its latest part's, but
	 * from, the first day of the window its parts make. */
	char *derived; /* the expression as written; NULL for a type that
			* is reported */
	bc_dterm *terms;
	size_t n_terms;
	bc_origin at;
} bc_period_type;

/* holiday{…}: days off, from and to included. */
typedef struct bc_day_off {
	bc_date from, to;
	char *label;
	bool undecided; /* its days are not yet set: counting stops there */
	bc_origin at;
} bc_day_off;

/* working_day{…}: a Saturday or Sunday worked in exchange. */
typedef struct bc_day_worked {
	bc_date day;
	char *label;
	bc_origin at;
} bc_day_worked;

/* What has only an id and a label: a level, a role, a channel. */
typedef struct bc_named {
	char *id, *label;
	bc_origin at;
} bc_named;

/* A level, and the levels of the rules before it that it lays over
 * (was = { … }, rename.h). */
typedef struct bc_level {
	char *id, *label;
	char **was;
	size_t n_was;
	bc_origin at;
} bc_level;

typedef struct bc_unit_kind {
	char *id, *label;
	char *level; /* NULL: a unit of this kind collects, it does not report */
	bc_origin at;
} bc_unit_kind;

typedef bc_named bc_role;
typedef bc_named bc_channel;

typedef enum bc_ftype {
	BC_T_INT,   /* whole number >= 0 */
	BC_T_MONEY, /* >= 0, at most 2 decimals */
	BC_T_PCT,   /* 0-100 */
	BC_T_TEXT,
	BC_T_DATE,
	BC_T_BOOL,
	BC_T_ENUM,
	BC_T_TABLE,
} bc_ftype;

typedef enum bc_agg {
	BC_AGG_NONE, /* table columns */
	BC_AGG_SUM,
	BC_AGG_SNAP,
	BC_AGG_COUNT_TRUE,
	BC_AGG_LIST,
	BC_AGG_COUNT_BY,
} bc_agg;

/* column = one of values (an AND of these selects rows). */
typedef struct bc_when {
	int col;
	char **values;
	size_t n_values;
} bc_when;

typedef struct bc_whens {
	bc_when *v;
	size_t n;
} bc_whens;

/* A condition with its severity and where it was declared. */
typedef struct bc_check {
	bc_cond cond;
	char *text;    /* as written, for messages */
	char *message; /* the rules' own opening words, or NULL */
	char *field;   /* the field it is attached to, or NULL */
	bc_severity severity;
	bc_whens when; /* row checks: rows it applies to */
	bc_origin at;
} bc_check;

typedef struct bc_field {
	char *id, *label, *unit;
	bc_ftype type;
	bc_agg agg;
	char *level; /* asked only of this level; NULL for every level */
	/* An enum's choices: values are the ids stored and sent by
	 * machines, value_labels (as many) what people read and may type;
	 * a choice the rules gave no label has its id for one. */
	char **values, **value_labels;
	size_t n_values;
	/* table columns */
	bool required;
	bc_whens required_when;
	char *pattern, *example;
	bool in_window_warn;
	/* tables */
	struct bc_field *columns;
	size_t n_columns;
	int count_by; /* column index, -1 */
	bc_check *row_checks;
	size_t n_row_checks;
	/* The ids it had under earlier rules (renamed_from, rename.h). */
	char **renamed_from;
	size_t n_renamed_from;
	bc_origin at;
	bc_strmap column_ids; /* a table's columns by id (bc_form_index) */
} bc_field;

typedef struct bc_indicator {
	char *id, *label;
	bc_expr num, den; /* ratio of sums x 100 */
	int rows;         /* or: a table field's rows matching where */
	bc_whens where;
	bc_origin at;
} bc_indicator;

/* A value that should equal another field of the previous report. */
typedef struct bc_carry {
	int field, from;
	bc_origin at;
} bc_carry;

typedef struct bc_form {
	/* name: what people call the form ("Biểu số 03" in the rules);
	 * the id when the rules give none.  Never NULL. */
	char *id, *name, *title, *section, *owner;
	bc_field *fields;
	size_t n_fields;
	bc_check *checks; /* the fields' check/expect, then checks{} */
	size_t n_checks;
	bc_indicator *indicators;
	size_t n_indicators;
	bc_carry *carries;
	size_t n_carries;
	/* The ids it had under earlier rules (renamed_from, rename.h). */
	char **renamed_from;
	size_t n_renamed_from;
	bc_origin at;
	bc_strmap field_ids; /* its fields by id (bc_form_index) */
} bc_form;

typedef struct bc_section {
	char *id, *title, *guidance;
	char **forms;
	size_t n_forms;
	/* The sentences of its summary as written (summary.h), and each
	 * parsed and resolved: as many of both.  A sentence that does not
	 * parse is an error of the rules, which then do not load. */
	char **summary;
	bc_summary *summaries;
	size_t n_summary;
	/* The same for a unit's own report (unit_summary): as the unit
	 * writes of itself, from its own figures.  A unit's report says no
	 * summary of a section without one. */
	char **unit_summary;
	bc_summary *unit_summaries;
	size_t n_unit_summary;
	int parent; /* index, -1 for a top section */
	bc_origin at;
} bc_section;

/* Units of these kinds, or with this role, owe these parts. */
typedef struct bc_duty {
	char **kinds;
	size_t n_kinds;
	char *role;
	char **parts;
	size_t n_parts;
	char **sections;
	size_t n_sections;
	bc_origin at;
} bc_duty;

typedef struct bc_ruleset {
	char *id; /* the directory name, equal to directive{id=…} */
	char hash[BC_SHA256_HEX];
	bc_directive directive;
	bc_period_type *ptypes;
	size_t n_ptypes;
	bc_level *levels;
	size_t n_levels;
	bc_unit_kind *kinds;
	size_t n_kinds;
	bc_role *roles;
	size_t n_roles;
	bc_channel *channels;
	size_t n_channels;
	bc_form *forms;
	size_t n_forms;
	bc_section *sections;
	size_t n_sections;
	bc_duty *duties;
	size_t n_duties;
	bc_day_off *holidays; /* as registered */
	size_t n_holidays;
	bc_day_worked *working_days;
	size_t n_working_days;
	bc_workcal cal; /* of both, once loaded: working days are counted */
	bc_wording wording; /* the words of its documents (wording.h) */
	bc_docwords docwords; /* its official documents' (docwords.h) */
	/* Every form, field and level that names what it was called
	 * before, in the order declared (rename.h). */
	struct bc_rename *renames;
	size_t n_renames;
	/* scheme{}, part{}, criterion{}: its scoring schemes (scheme.h). */
	struct bc_scheme *schemes;
	size_t n_schemes;
	struct bc_score_part *score_parts;
	size_t n_score_parts;
	struct bc_criterion *criteria;
	size_t n_criteria;
	bc_arena mem;      /* every item above, freed at once */
	bc_srcset src;     /* the files it was loaded from */
	bc_sandbox *lua;   /* kept for the patterns rules declare */
	struct bc_rl_index *index; /* private: the items by id */
} bc_ruleset;

/* The kinds of registration, in the order `rules show --json` lists
 * them. */
typedef enum bc_reg_kind {
	BC_REG_DIRECTIVE,
	BC_REG_PERIOD_TYPE,
	BC_REG_UNIT_KIND,
	BC_REG_LEVEL,
	BC_REG_ROLE,
	BC_REG_FORM,
	BC_REG_SECTION,
	BC_REG_RESPONSIBILITY,
	BC_REG_CHANNEL,
	BC_REG_WORDING,
	BC_REG_DOCUMENT,
	BC_REG_HOLIDAY,
	BC_REG_WORKING_DAY,
	BC_REG_SCHEME,     /* scheme.h */
	BC_REG_SCORE_PART,
	BC_REG_CRITERION,
	BC_REG_N
} bc_reg_kind;

/*
 * Loads the ruleset id from src, which it takes over (src is left empty,
 * also on failure).  Every problem is reported in d with file:line.
 * On success *out is freed with bc_ruleset_free.
 */
bc_err bc_ruleset_load(const char *id, bc_srcset *src, const bc_limits *lim,
		       bc_ruleset **out, bc_diags *d);
/* Reads directory dir (named id inside a rules directory) and loads it,
 * with the rules directory's shared files (its _common/, which the
 * rules include as "_common/NAME.lua"): those it includes become part
 * of the ruleset's files, its hash and what the database keeps of it. */
bc_err bc_ruleset_load_dir(const char *id, const char *dir,
			   const bc_limits *lim, bc_ruleset **out,
			   bc_diags *d);
void bc_ruleset_free(bc_ruleset *rs);

/* The period type for a type token of a period code: "Q1" itself, or
 * "DX3" for an ad-hoc type "DX" with *adhoc_no = 3.  NULL when none. */
const bc_period_type *bc_ruleset_period_type(const bc_ruleset *rs,
					     const char *token, int *adhoc_no);
/* The items of kind k (none for the directive, which is one of its
 * own), *n of them. */
const void *bc_ruleset_items(const bc_ruleset *rs, bc_reg_kind k, size_t *n);
/* The item of kind k with this id (a period type's code), or NULL, for
 * the kinds found by id: all but the directive and responsibilities. */
const void *bc_ruleset_find(const bc_ruleset *rs, bc_reg_kind k,
			    const char *id);
/* The same, typed. */
const bc_unit_kind *bc_ruleset_kind(const bc_ruleset *rs, const char *id);
const bc_role *bc_ruleset_role(const bc_ruleset *rs, const char *id);
const bc_level *bc_ruleset_level(const bc_ruleset *rs, const char *id);
const bc_channel *bc_ruleset_channel(const bc_ruleset *rs, const char *id);
const bc_form *bc_ruleset_form(const bc_ruleset *rs, const char *id);
const bc_section *bc_ruleset_section(const bc_ruleset *rs, const char *id);
/* Whether field f is asked of a unit of level (NULL: a unit that
 * reports at no level): a field of no level is asked of every unit. */
bool bc_field_asked(const bc_field *f, const char *level);
/* The number a unit's template prints for form f's field i: a plain
 * field's STT, the plain fields asked of level counted in order (the
 * [9] of the template's checks); 0 for a table or a field not asked of
 * level.  Templates and messages number fields with this alone, so
 * that a message never names a number the unit's sheet does not show. */
int bc_field_number(const bc_form *f, size_t i, const char *level);
/* The number a template prints above a table's column c: (1) is the
 * rows' STT, the columns follow from (2).  In a sheet whose first
 * column is 0 it stands above column bc_column_number(c) - 1. */
int bc_column_number(size_t c);
/* Index of the field or column id in an array of n fields, or -1. */
int bc_field_index(const bc_field *v, size_t n, const char *id);
/* Maps form f's field ids, and each of its tables' column ids, to their
 * positions, for bc_form_field and bc_table_column to find one in a
 * step instead of a walk (an import looks up every value's field).
 * The maps borrow the ids: f must not change after.  BC_ERR_NOMEM when
 * memory ran out (the maps made so far are kept, and still right). */
bc_err bc_form_index(bc_form *f);
/* Frees what bc_form_index made. */
void bc_form_index_free(bc_form *f);
/* What bc_field_index finds for a field of form f, or a column of table
 * t: by their map when bc_form_index made it whole, else by a walk. */
int bc_form_field(const bc_form *f, const char *id);
int bc_table_column(const bc_field *t, const char *id);
/* The label of value, a choice of the enum f; value itself when it is
 * none of them (a value stored under other rules). */
const char *bc_field_value_label(const bc_field *f, const char *value);
/* The choice of the enum f that text names: its id, or its label as a
 * person may type it (bc_text_same: in NFC or NFD, in any letter case);
 * -1 when none. */
int bc_field_choice(const bc_field *f, const char *text);
/* "int", "money", … */
const char *bc_ftype_name(bc_ftype t);
const char *bc_agg_name(bc_agg a);
/* True when id is a part a unit can owe and send: a form of rs, or the
 * report when rs has an outline. */
bool bc_ruleset_part(const bc_ruleset *rs, const char *id);
/* What people call part (a form's name, the report's name), or part
 * itself when rs has no such part. */
const char *bc_ruleset_part_name(const bc_ruleset *rs, const char *part);
/* The parts of rs for a message, "pl1a, bm1, …, report"; the caller
 * frees it with bc_free (NULL when out of memory). */
char *bc_ruleset_parts_text(const bc_ruleset *rs);

/* The date rule r falls on in year (a day past the month's end, such as
 * 29/02 in a common year, is the month's last day). */
bc_date bc_dayrule_date(bc_dayrule r, int year);
/* "28/02/Y", "10/12/Y-1" into r; false when malformed. */
bool bc_dayrule_parse(const char *s, bc_dayrule *r);
/* A day rule, or "+5wd after window", into d; false when malformed. */
bool bc_due_parse(const char *s, bc_due *d);
/* d as the rules write it, into buf[BC_DUE_BUF]. */
void bc_due_text(const bc_due *d, char buf[BC_DUE_BUF]);
/*
 * The day d falls on for a period of year whose data window ends on
 * `to`: BC_DAY_WORKING, the day in *out.  When counting working days
 * stops at a day of a year the calendar of rs does not know
 * (BC_DAY_UNKNOWN) or of a holiday not yet decided (BC_DAY_UNDECIDED),
 * that kind, the day in *out.
 */
bc_daykind bc_due_date(const bc_ruleset *rs, const bc_due *d, int year,
		       bc_date to, bc_date *out);
/* The unit deadline of pt for the units of kind (a kind of rs, or NULL):
 * its own, else its level's, else pt's own unit_due. */
const bc_due *bc_period_type_unit_due(const bc_ruleset *rs,
				      const bc_period_type *pt,
				      const char *kind);

/* Whether text matches the pattern of table column col, run in the
 * ruleset's sandbox under *b (zero-initialised for a fresh budget: one
 * for the patterns of one submission).  When the rules fail (the pattern
 * is refused, the budget or the memory runs out) an error naming the
 * column's file:line goes to d: BC_ERR_RULES or BC_ERR_LIMIT. */
bc_err bc_ruleset_match(const bc_ruleset *rs, const bc_field *col,
			const char *text, bc_budget *b, bool *match,
			bc_diags *d);

/* Findings that do not stop the rules from loading (a unit deadline
 * before its window's end, …), added to d as warnings. */
void bc_ruleset_lint(const bc_ruleset *rs, bc_diags *d);

#endif

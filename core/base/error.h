/* SPDX-License-Identifier: MIT */
/*
 * Error codes and diagnostics.
 *
 * A function that can fail returns a bc_err.  What went wrong with the
 * user's input is data, not an error code: a list of diagnostics, each
 * naming the file, line (or cell), form and field, that the CLI prints.
 */
#ifndef BC_ERROR_H
#define BC_ERROR_H

#include "i18n.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* The single source of truth for error codes and their text. */
#define BC_ERRORS(X)                                                          \
	X(BC_OK, N_("success"))                                               \
	X(BC_ERR_NOMEM, N_("out of memory"))                                  \
	X(BC_ERR_SYNTAX, N_("malformed argument"))                            \
	X(BC_ERR_NOT_FOUND, N_("not found"))                                  \
	X(BC_ERR_INVALID, N_("input rejected"))                               \
	X(BC_ERR_REFUSED, N_("not allowed by the rules"))                     \
	X(BC_ERR_IO, N_("input/output error"))                                \
	X(BC_ERR_DB, N_("database error"))                                    \
	X(BC_ERR_NO_DB, N_("database missing"))                               \
	X(BC_ERR_SCHEMA, N_("database written by a newer baocao"))            \
	X(BC_ERR_RULES, N_("rules failed to load"))                           \
	X(BC_ERR_LIMIT, N_("resource limit exceeded"))                        \
	X(BC_ERR_DAMAGED, N_("the database is damaged"))

typedef enum bc_err {
#define BC_ERR_ENUM(code, text) code,
	BC_ERRORS(BC_ERR_ENUM)
#undef BC_ERR_ENUM
} bc_err;

/* A static string describing err, in the reader's language; never
 * NULL. */
const char *bc_strerror(bc_err err);

typedef enum bc_severity { BC_ERROR, BC_WARNING } bc_severity;

/* One problem found in an input.  Every string is owned by the list.
 * A problem of a form's value names it twice: by ids (form, field, row,
 * col: what --json and scripts read) and by what a person reads on the
 * form (form_name, label, number, col_label, col_number). */
typedef struct bc_diag {
	bc_severity severity;
	char *file;  /* file name as the user gave it, or NULL */
	int line;    /* 1-based line, 0 when none */
	char *loc;   /* a place that is not a line: a workbook's cell
			("bm3!E14", said as the cell) or another ("--channel") */
	char *form;  /* form id, or NULL */
	char *field; /* field id (a table's, for one of its cells), or NULL */
	char *msg;   /* in English, the language of JSON and of what is kept */
	char *text;  /* msg in the reader's language, or NULL: msg */
	char *form_name; /* what people call the form ("Biểu số 03"), or NULL */
	char *label;     /* the field's label, or NULL */
	int number;      /* the field's number on the template ([9]), or 0 */
	int row;         /* a table's row, from 1; 0 when none */
	char *col;       /* a table's column id, or NULL */
	char *col_label; /* its label, or NULL */
	int col_number;  /* its number on the template ((4)), or 0 */
	char *check;     /* a failed check as the rules write it, or NULL */
	size_t more; /* diagnostics like this one, folded into it */
} bc_diag;

/* Where a problem is, and what names it: the bc_diag fields of the same
 * names, every one optional (NULL or 0). */
typedef struct bc_where {
	const char *file;
	int line;
	const char *loc;
	const char *form, *form_name;
	const char *field, *label;
	int number;
	int row;
	const char *col, *col_label;
	int col_number;
	const char *check;
} bc_where;

typedef struct bc_diags {
	bc_diag *v;
	size_t n, cap;
	size_t errors, warnings;
	bool oom; /* a diagnostic was lost for lack of memory */
	/* Each kind's first diagnostic and count (see BC_DIAGS_ALIKE), by
	 * hash: a hint, checked on every use, as the list may be sorted. */
	struct bc_diag_kind *kinds;
	size_t kinds_mask, n_kinds;
} bc_diags;

/* Diagnostics are alike when they differ only in where they were found
 * and in the numbers of their message ("row 12: …", "row 13: …"): the
 * same problem at another line.  Past this many of a kind, a list keeps
 * only the count (in the first one's more), so that a file repeating
 * one mistake a million times costs neither memory nor a million
 * lines. */
#define BC_DIAGS_ALIKE 5

#define BC_DIAGS_INIT {0}

/* Adds a diagnostic; every string argument may be NULL and is copied.
 * fmt is in English, marked N_() for the catalogue: the diagnostic keeps
 * it so (msg) and translated (text), each formatted with the same
 * arguments. */
void bc_diags_add(bc_diags *d, bc_severity sev, const char *file, int line,
		  const char *form, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Same, with a non-line location such as a spreadsheet cell. */
void bc_diags_add_at(bc_diags *d, bc_severity sev, const char *file,
		     const char *loc, const char *form, const char *field,
		     const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Adds a diagnostic at w: msg in English, text the same in the reader's
 * language (NULL: msg).  Every string is copied. */
void bc_diags_put(bc_diags *d, bc_severity sev, const bc_where *w,
		  const char *msg, const char *text);
/* Same, formatted from fmt, an English message marked with N_(): msg
 * with fmt itself, text with its translation (i18n.h). */
void bc_diags_say(bc_diags *d, bc_severity sev, const bc_where *w,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Same, from a va_list: for a function that reports through its own
 * fmt (line > 0 or loc may be given, not both). */
void bc_diags_vadd(bc_diags *d, bc_severity sev, const char *file, int line,
		   const char *loc, const char *form, const char *field,
		   const char *fmt, va_list ap)
	__attribute__((format(printf, 8, 0)));
/* Adds a message made already, in English (msg) and in the reader's
 * language (text, or NULL when it is msg). */
void bc_diags_add_made(bc_diags *d, bc_severity sev, const char *file,
		       int line, const char *msg, const char *text);
/* A message made at once in English (msg) and in the reader's language
 * (text) from one format marked N_(), for a message built in pieces
 * before it becomes a diagnostic (bc_diags_add_made). */
typedef struct bc_said {
	char msg[1024], text[1024];
} bc_said;
/* Formats fmt into s->msg and its translation into s->text; false when
 * either was cut short. */
bool bc_said_make(bc_said *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool bc_said_vmake(bc_said *s, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends sep, then piece (in English, marked N_()) in each language;
 * a bc_said that starts as {0} is empty. */
void bc_said_cat(bc_said *s, const char *sep, const char *piece);
/* Appends fmt formatted, in each language. */
void bc_said_catf(bc_said *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The message alone of dg as a person reads it: its text, else its
 * msg. */
const char *bc_diag_message(const bc_diag *dg);
/* Moves every diagnostic of src to the end of dst; src is left empty. */
void bc_diags_move(bc_diags *dst, bc_diags *src);
/* Frees the warnings of d, keeping its errors in order. */
void bc_diags_drop_warnings(bc_diags *d);
/* Folds every kind of which there are more than BC_DIAGS_ALIKE into its
 * first diagnostic (in the list's present order), whose more counts the
 * others; fewer are kept one by one.  For a list about to be shown. */
void bc_diags_fold(bc_diags *d);
/* Frees the diagnostics; the list may be reused afterwards. */
void bc_diags_free(bc_diags *d);

/* Formats one diagnostic for a person, in the reader's language:
 * "FILE:LINE: " (or "FILE: " and, for a place that is not a cell,
 * "LOC: "), the ids "form.field: " (docs/cli.md's contract), "warning: "
 * for a warning, what it is about as the unit reads it on its form, the
 * message, " — cell bm3!H14" for a workbook's cell, and " (and N more
 * lines like it)" for one that has others folded into it.  What it is
 * about is, for a form's value whose form has a name, the form by its
 * name, the field by its number and label, a table's row and column
 * ("Biểu số 03, column [9] "Tổng số hồ sơ tiếp nhận""); otherwise a
 * table's row and column by their ids.  Parts that are absent are left
 * out.  Returns a string the caller frees with bc_free, or NULL. */
char *bc_diag_format(const bc_diag *dg);
/* The same in English whatever the locale (msg): for --json and what is
 * kept, which read the same in every language. */
char *bc_diag_format_neutral(const bc_diag *dg);

#endif

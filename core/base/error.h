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

/* One problem found in an input.  Every string is owned by the list. */
typedef struct bc_diag {
	bc_severity severity;
	char *file;  /* file name as the user gave it, or NULL */
	int line;    /* 1-based line, 0 when none */
	char *loc;   /* a place that is not a line ("bm3!E14"), or NULL */
	char *form;  /* form id, or NULL */
	char *field; /* field id, or NULL */
	char *msg;   /* in English, whatever the locale: for --json and the
		      * database, which read the same in every language */
	char *text;  /* msg in the reader's language, or NULL when that is
		      * msg itself (bc_diag_text) */
	size_t more; /* diagnostics like this one, folded into it */
} bc_diag;

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
/* The message of dg as a person reads it: its text, else its msg. */
const char *bc_diag_text(const bc_diag *dg);
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

/* Formats one diagnostic as "FILE:LINE: form.field: message" (parts that
 * are absent are left out) with "warning: " before the message for a
 * warning, and " (and N more lines like it)" after one that has others
 * folded into it, in the reader's language.  Returns a string the caller
 * frees with bc_free, or NULL. */
char *bc_diag_format(const bc_diag *dg);
/* Same, in English whatever the locale (msg): for --json. */
char *bc_diag_format_neutral(const bc_diag *dg);

#endif

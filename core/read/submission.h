/* SPDX-License-Identifier: MIT */
/*
 * A submission as read: what one unit sent for one period, before any
 * check.  Every reader (json_read.c, csv_read.c, xlsx_read.c) produces
 * these, each value carrying where it came from, so that validation and
 * storage exist once.
 */
#ifndef BC_SUBMISSION_H
#define BC_SUBMISSION_H

#include "error.h"
#include "formats.h"
#include "mem.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most one file may hold: each value read costs some hundred bytes
 * until it is checked and stored, each submission some two kilobytes
 * (its unit, period, duties, parts), so that together they stay under
 * 200 MB.  A district's file holds a few thousand values; a file over
 * either limit is refused as soon as it is seen, with what to do. */
#define BC_READ_MAX_VALUES 400000
#define BC_READ_MAX_SUBMISSIONS 80000
/* Forms in one submission: rules have a few dozen; thousands of made-up
 * names are no submission, and each would be looked up among the
 * others. */
#define BC_READ_MAX_FORMS 1000
#define BC_READ_TOO_MANY_FORMS                                                \
	"more than 1000 forms in one submission: no rules have so many"

typedef enum bc_rawkind {
	BC_RAW_TEXT,  /* a string */
	BC_RAW_NUM,   /* a number as written ("12.50") */
	BC_RAW_BOOL,  /* "true" or "false" */
	BC_RAW_NULL,  /* an explicit null: not reported */
	BC_RAW_EMPTY, /* a table with no rows ([]) */
} bc_rawkind;

/* One value as read (its strings owned by the submission). */
typedef struct bc_raw {
	char *form;  /* form id, or BC_PART_REPORT for a report section */
	char *field; /* field id, table id, or section id */
	int row;     /* table row from 1; 0 for a plain field */
	char *col;   /* table column, or NULL */
	char *text;  /* as written; NULL for BC_RAW_NULL */
	bc_rawkind kind;
	int line;  /* where it was read: a line, */
	char *loc; /* or a place such as "bm3!E14" */
	/* Typed into a spreadsheet: dates may be serial numbers in this
	 * system (1900 or 1904) and text may carry local conventions
	 * (10/02/2023, 1.204, 12,5).  0 for JSON and CSV. */
	int sheet_dates;
} bc_raw;

/* A top-level attribute (unit, signer, …) and where it was read. */
typedef struct bc_attr {
	char *text; /* NULL when absent */
	int line;
	char *loc;
} bc_attr;

typedef struct bc_submission {
	char *file; /* as named to the import */
	int line;   /* where the submission begins */
	bc_attr unit, period, signer_name, signer_title, signed_date,
		received_at, channel, estimated;
	/* The rules a template was made from: its ruleset and content
	 * hash (NULL for JSON and CSV). */
	bc_attr ruleset, ruleset_hash;
	char **forms; /* forms present in the file, even with no values */
	int *form_lines;
	size_t n_forms;
	bc_raw *v;
	size_t n, cap;
	bc_arena strings; /* the strings of v */
} bc_submission;

typedef struct bc_submissions {
	bc_submission *v;
	size_t n, cap;
} bc_submissions;

/* The most rows a table of a submission may have: validation refuses a
 * row past it, and no reader reads a row number beyond it (a map or a
 * file naming row 2147483647 is hostile, and would be looped over). */
#define BC_TABLE_MAX_ROWS 10000

/* What a field name read from a file addresses.  A table's cell is
 * written table[row].column, rows from 1 (docs/formats.md). */
typedef enum bc_address {
	BC_ADDR_FIELD, /* a plain field: no '[' */
	BC_ADDR_CELL,  /* a table's cell */
	BC_ADDR_BAD,   /* has a '[' but is not table[row].column */
	BC_ADDR_ROWS,  /* a cell of a row past BC_TABLE_MAX_ROWS */
} bc_address;
/* Reads field: for a cell, its table into table[n] and its row and
 * column (*col points into field); *row 0 and *col NULL otherwise. */
bc_address bc_cell_address(const char *field, char *table, size_t n,
			   int *row, const char **col);

/* A new, empty submission at the end of list; NULL on OOM. */
bc_submission *bc_submission_add(bc_submissions *list, const char *file,
				 int line);
/* Appends a value (strings copied; text may be NULL). */
bc_err bc_submission_value(bc_submission *s, const char *form,
			   const char *field, int row, const char *col,
			   const char *text, bc_rawkind kind, int line,
			   const char *loc);
/* Notes that form appears in the file (once); BC_ERR_LIMIT past
 * BC_READ_MAX_FORMS forms, for the reader to say so. */
bc_err bc_submission_form(bc_submission *s, const char *form, int line);
/* Sets an attribute (copied). */
bc_err bc_attr_set(bc_attr *a, const char *text, int line, const char *loc);
void bc_submissions_free(bc_submissions *list);

/* FNV-1a over the string s (NULL hashes as ""), continuing from h: the
 * hash of the keys readers and checks look values up by.  Start from
 * BC_HASH_SEED. */
#define BC_HASH_SEED UINT64_C(0xcbf29ce484222325)
uint64_t bc_hash_text(uint64_t h, const char *s);

#endif

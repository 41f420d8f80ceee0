/* SPDX-License-Identifier: MIT */
/*
 * The words of a directive's official documents, registered with
 * document{…} (rules/<id>/document.lua; docs/rules.md, "Document
 * words"): per kind of document (the district's report of a period, a
 * unit's own report, a reminder letter) its type, number, title or
 * summary line, addressees, signer and recipients; how a unit's name
 * becomes the issuing body's lines (per unit kind); and how running text
 * names a period ("quý I năm 2023").  Which body issues a document and
 * where it sits are the units' data; how a document is laid out is
 * Nghị định 30's (doc/frame_build.h builds the frame from these words).
 *
 * A word the rules leave out is said in baocao's own words (English,
 * translated through gettext).  A text may hold placeholders, {name},
 * filled when the frame is built; the loader refuses any a word does
 * not take, at the rule's file:line.
 */
#ifndef BC_DOCWORDS_H
#define BC_DOCWORDS_H

#include <stdbool.h>
#include <stddef.h>

struct bc_ruleset;
struct json_t;

/* The documents baocao writes, as the rules name them. */
typedef enum bc_dockind {
	BC_DOC_REPORT,      /* "report": the district's report of a period */
	BC_DOC_UNIT_REPORT, /* "unit_report": a unit's own, to the body above */
	BC_DOC_REMINDER,    /* "reminder": a letter urging units to report */
	BC_DOC_N
} bc_dockind;

/* The words of one document. */
typedef enum bc_dword {
	BC_DW_TYPE,       /* "BÁO CÁO"; none for a letter */
	BC_DW_NUMBER,     /* "{number}/BC-UBND" */
	BC_DW_TITLE,      /* lines under the type */
	BC_DW_ABOUT,      /* a letter's "V/v …" under the number */
	BC_DW_TO,         /* addressees, a line each */
	BC_DW_AUTHORITY,  /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" */
	BC_DW_SIGNER,     /* the signer's title, "PHÓ CHỦ TỊCH" */
	BC_DW_RECIPIENTS, /* the lines of "Nơi nhận" */
	BC_DW_N
} bc_dword;

/* A document's words: each text (lines joined by '\n'; "" for a word
 * worded as nothing, an empty list), NULL when not worded. */
typedef struct bc_docset {
	char *text[BC_DW_N];
} bc_docset;

/* A document's words for the issuers of one unit kind, over its own. */
typedef struct bc_docset_for {
	char *kind;
	bc_docset w;
} bc_docset_for;

typedef struct bc_docwords_of {
	bc_docset all;
	bc_docset_for *by_kind;
	size_t n_by_kind;
} bc_docwords_of;

/* How a unit of one kind is named in a header: the place is its name
 * past one of prefix (compared as people type names); a kind without
 * prefix, or a name that starts with none, has its parent's place.
 * body: its lines, {name} and {place}; above: the line that names it
 * over a body under it ({name}, {place}); NULL for the defaults (the
 * unit's name).  parent_line: its header names the body above it first
 * (a department's "UBND HUYỆN TÂN KỲ"); a local government's does not. */
typedef struct bc_doc_naming {
	char *kind;
	char **prefix;
	size_t n_prefix;
	char *body, *above;
	bool parent_line;
} bc_doc_naming;

/* How running text names the periods of one type: "quý I năm {year}"
 * ({year}, and {n} for an ad-hoc one). */
typedef struct bc_doc_period {
	char *type, *name;
} bc_doc_period;

/* Where a name of document{} was given, for what is checked once the
 * whole has loaded. */
typedef struct bc_docwords_ref {
	char *name;
	bool kind; /* a unit kind; else a period type */
	char *file;
	int line;
} bc_docwords_ref;

typedef struct bc_docwords {
	bool registered;
	bc_docwords_of doc[BC_DOC_N];
	bc_doc_naming *issuers;
	size_t n_issuers;
	bc_doc_period *periods;
	size_t n_periods;
	bc_docwords_ref *refs;
	size_t n_refs;
} bc_docwords;

/* "report", "unit_report", "reminder". */
const char *bc_dockind_name(bc_dockind k);
/* "type", "number", … */
const char *bc_dword_name(bc_dword w);

/* Word w of document k issued by a unit of kind unit_kind (NULL: any):
 * the rules' words for that kind, else theirs for the document, else
 * baocao's own in the reader's language; "" for none.  Valid while rs
 * is. */
const char *bc_docword(const struct bc_ruleset *rs, bc_dockind k,
		       const char *unit_kind, bc_dword w);
/* Word w as the rules give it for a unit of kind unit_kind (NULL:
 * any), else for the document; NULL when they give none (baocao's own
 * word is not looked at).  Valid while rs is. */
const char *bc_docword_ruled(const struct bc_ruleset *rs, bc_dockind k,
			     const char *unit_kind, bc_dword w);
/* The naming of unit kind kind, or NULL. */
const bc_doc_naming *bc_doc_naming_of(const struct bc_ruleset *rs,
				      const char *kind);
/* How running text names periods of type (its code), or NULL. */
const char *bc_doc_period_name(const struct bc_ruleset *rs,
			       const char *type);

/* document{} as the rules gave it, for `rules show --json`; a new
 * reference, an empty object when the rules gave none, NULL when out of
 * memory. */
struct json_t *bc_docwords_json(const struct bc_ruleset *rs);

#endif

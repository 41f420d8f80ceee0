/* SPDX-License-Identifier: MIT */
/*
 * A document as a list of blocks, in no file format: what the district's
 * report and a letter are built as, and what each writer (docx.h, …)
 * sets on paper.  The frame (frame.h: header block, title, "Kính gửi",
 * signer, "Nơi nhận") surrounds the body; the body is headings,
 * paragraphs, units' quoted texts, tables, page breaks and switches
 * between portrait and landscape pages.  How each kind looks (fonts,
 * sizes, indents, numbering of pages from the second) is the writer's,
 * after Nghị định 30; the model holds words and their order only.
 *
 * Every text is copied in, made safe on the way: invalid UTF-8 becomes
 * U+FFFD, CR LF and CR become a newline, control characters other than
 * tab and newline are dropped.  A newline in a text starts a new
 * paragraph of the same kind (a new line in a table's cell).  Length is
 * not limited.
 *
 * Building: each bc_doc_* call appends to the end of the document.  A
 * call that fails (memory, or a call out of place: a cell outside a
 * table) returns its error and the document remembers the first one
 * (bc_doc_error); later calls then do nothing and return it again, so a
 * builder may check once at the end.  Writers refuse a document with an
 * error.
 */
#ifndef BC_DOC_DOC_H
#define BC_DOC_DOC_H

#include "error.h"
#include "frame.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum bc_doc_kind {
	BC_DOC_HEADING,
	BC_DOC_PARA,
	BC_DOC_QUOTE,
	BC_DOC_TABLE,
	BC_DOC_PAGE_BREAK,
	BC_DOC_SECTION, /* pages from here on are portrait or landscape */
	BC_DOC_SIGNATURE, /* the frame's signer and "Nơi nhận" go here */
} bc_doc_kind;

/* A paragraph's kind. */
typedef enum bc_doc_style {
	BC_DOC_BODY,   /* justified, first line indented: the body's text */
	BC_DOC_PLAIN,  /* left, no indent */
	BC_DOC_CENTRE, /* centred: a table's caption, a line set apart */
	BC_DOC_RIGHT,  /* right: "Đơn vị tính: …" over a table */
	BC_DOC_NOTE,   /* an italic remark ("no unit reported on this") */
} bc_doc_style;

/* A run's emphasis, or-ed. */
enum { BC_DOC_BOLD = 1, BC_DOC_ITALIC = 2 };

typedef enum bc_doc_align {
	BC_DOC_LEFT,
	BC_DOC_MIDDLE, /* centred */
	BC_DOC_END,    /* right: numbers */
} bc_doc_align;

typedef enum bc_doc_orient { BC_DOC_PORTRAIT, BC_DOC_LANDSCAPE } bc_doc_orient;

typedef struct bc_doc_run {
	char *text;
	unsigned flags; /* BC_DOC_BOLD | BC_DOC_ITALIC */
} bc_doc_run;

typedef struct bc_doc_cell {
	char *text;
	size_t span; /* columns it covers, from 1 */
	/* The cell goes on the one above it (same column, same span):
	 * merged down, its text "" (bc_doc_table_down). */
	bool down;
} bc_doc_cell;

typedef struct bc_doc_row {
	bc_doc_cell *cell;
	size_t n;   /* the spans add up to at most the table's columns; a
		       short row is padded with empty cells */
	bool total; /* a total row, set in bold */
} bc_doc_row;

typedef struct bc_doc_table {
	size_t cols;
	unsigned *width;     /* relative widths, cols of them */
	bc_doc_align *align; /* of the body rows' cells; header rows are
				centred */
	size_t header_rows;  /* the first rows, repeated on every page */
	bc_doc_row *row;
	size_t n_rows;
} bc_doc_table;

typedef struct bc_doc_block {
	bc_doc_kind kind;
	union {
		/* level 1 is the outline's top ("A.", "I."), then 2, 3, …;
		 * number may be "" (a heading without one). */
		struct {
			int level;
			char *number, *title;
		} heading;
		struct {
			bc_doc_style style;
			bc_doc_run *run;
			size_t n;
		} para;
		/* A unit's own text: its name as a small heading, then the
		 * text, each line a paragraph. */
		struct {
			char *name, *text;
		} quote;
		bc_doc_table table;
		bc_doc_orient orient;
	};
} bc_doc_block;

typedef struct bc_doc {
	/* The frame, owned by the document (bc_doc_free frees it): fill it
	 * in place, or move one in with bc_doc_set_frame. */
	bc_doc_frame frame;
	bc_doc_block *block;
	size_t n, cap;
	/* When the document was made, for the file's properties; 0 leaves
	 * the date out (a file that is the same byte for byte on every
	 * run). */
	time_t created;
	bc_err err; /* the first failed call's error, or BC_OK */
} bc_doc;

/* An empty document with an empty frame; NULL when out of memory.  The
 * caller frees it with bc_doc_free (NULL is fine). */
bc_doc *bc_doc_new(void);
void bc_doc_free(bc_doc *doc);
/* The first error of a call on doc, or BC_OK. */
bc_err bc_doc_error(const bc_doc *doc);

/* A copy of s made safe as every text of the model is (NULL: ""), for
 * a writer's text that does not come through the model (the frame's);
 * the caller frees it with bc_free.  NULL when out of memory. */
char *bc_doc_clean(const char *s);

/* Moves *f's strings into the document's frame (the old frame freed);
 * *f is left empty, the struct itself the caller's. */
void bc_doc_set_frame(bc_doc *doc, bc_doc_frame *f);

/* A heading of the outline: level from 1, its number ("I.", "1.", "",
 * NULL for none) and title apart. */
bc_err bc_doc_heading(bc_doc *doc, int level, const char *number,
		      const char *title);

/* A paragraph of one plain run: bc_doc_para_begin then bc_doc_para_run. */
bc_err bc_doc_para(bc_doc *doc, bc_doc_style style, const char *text);
/* Starts a paragraph that bc_doc_para_run fills run by run. */
bc_err bc_doc_para_begin(bc_doc *doc, bc_doc_style style);
/* Appends text with emphasis flags to the paragraph just begun
 * (BC_ERR_INVALID when the last block is not a paragraph). */
bc_err bc_doc_para_run(bc_doc *doc, unsigned flags, const char *text);

/* A unit's own text under its name. */
bc_err bc_doc_quote(bc_doc *doc, const char *name, const char *text);

/* Starts a table of cols columns (at least 1), equal widths, cells to
 * the left, the first header_rows rows headers.  bc_doc_table_col sets a
 * column's relative width and alignment; bc_doc_table_row starts a row,
 * bc_doc_table_cell and bc_doc_table_span fill it from the left.  The
 * table ends with the next block that is not one of these calls.  A
 * cell past the last column, or these calls with no table just begun:
 * BC_ERR_INVALID. */
bc_err bc_doc_table_begin(bc_doc *doc, size_t cols, size_t header_rows);
bc_err bc_doc_table_col(bc_doc *doc, size_t col, unsigned width,
			bc_doc_align align);
/* total: the row is a total row (bold). */
bc_err bc_doc_table_row(bc_doc *doc, bool total);
bc_err bc_doc_table_cell(bc_doc *doc, const char *text);
/* A cell merged across span columns (a header over several). */
bc_err bc_doc_table_span(bc_doc *doc, const char *text, size_t span);

/* A cell that goes on the cell above it, merged into it (a header over
 * two header rows: "STT" beside the columns that "Số hồ sơ" spans).
 * span is the cell above's, its column the same; BC_ERR_INVALID when
 * no cell above starts at this column with this span. */
bc_err bc_doc_table_down(bc_doc *doc, size_t span);

/* The cell of r that starts at column col (from 0), or NULL (col is
 * inside a wider cell, or past the row's end). */
const bc_doc_cell *bc_doc_cell_at(const bc_doc_row *r, size_t col);

/* The next block starts a new page. */
bc_err bc_doc_page_break(bc_doc *doc);
/* Pages from here on are turned (landscape, for a wide table) or upright
 * again; a new page begins.  The document starts portrait. */
bc_err bc_doc_section(bc_doc *doc, bc_doc_orient orient);

/* The frame's signer block and "Nơi nhận" are set here, the appendices
 * that follow after the signature; without this call they end the
 * document.  Once only (BC_ERR_INVALID the second time). */
bc_err bc_doc_signature(bc_doc *doc);

#endif

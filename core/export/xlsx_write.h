/* SPDX-License-Identifier: MIT */
/*
 * Writing a workbook laid out as Nghị định 30/2020/NĐ-CP lays out
 * documents, what the export (xlsx_export.c) and the templates
 * (template.c) share below their layouts: Excel's rules for a sheet's
 * name, cell formats built from a few flags, a sheet written row after
 * row (its columns' widths, cells, merges and row heights), the parts
 * every sheet has (a table's head, the print setup), dates as tables
 * write them, and closing the workbook without libxlsxwriter's messages
 * on stderr.  The frame of the document around the tables (the header
 * block, the signer) is xlsx_nd30.h's.
 *
 * Each writer keeps its own layout (bc_layout): its styles for the
 * shared parts, and how tall a row its text needs.
 */
#ifndef BC_XLSX_WRITE_H
#define BC_XLSX_WRITE_H

#include "date.h"
#include "frame.h"
#include "ruleset.h"
#include "xlsx_queue.h"

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* The font of administrative documents. */
#define BC_XLSX_FONT "Times New Roman"

/* Cell format flags; bits from BC_XF_OWN up are left to a writer's own
 * meanings (bc_xlsx_format ignores them). */
enum {
	BC_XF_BOLD = 1 << 0,
	BC_XF_ITALIC = 1 << 1,
	BC_XF_UNDER = 1 << 2,
	BC_XF_BORDER = 1 << 3,
	BC_XF_CENTER = 1 << 4,
	BC_XF_RIGHT = 1 << 5,
	BC_XF_VCENTER = 1 << 6,
	BC_XF_TOP = 1 << 7,
	BC_XF_WRAP = 1 << 8,
	BC_XF_INDENT = 1 << 9,
	BC_XF_UNLOCKED = 1 << 10,
	BC_XF_OWN = 1 << 16
};

/* The sheet name for a form: the id, then as much of the title as fits in
 * Excel's 31 characters, cut between words, with the characters Excel
 * refuses ([]:*?/\) and the apostrophe (so that a formula can name the
 * sheet without quoting it, and it never ends the name) written as '-'.
 * Written into out[n]. */
void bc_xlsx_sheet_name(const char *id, const char *title, char *out,
			size_t n);

/* A cell format as a writer declares its formats: flags, size, number
 * format (or NULL). */
typedef struct bc_xf_spec {
	unsigned fl;
	double pt;
	const char *num;
} bc_xf_spec;

/* The first of v[0..i] equal to v[i]: a writer makes one format per kind
 * and shares it among twins, because libxlsxwriter caches the index of
 * only the first format of a kind — a twin costs a hash lookup and a
 * malloc on every cell written with it. */
size_t bc_xf_spec_first(const bc_xf_spec *v, size_t i);

/* A new format of wb: font at pt points, the flags, the number format
 * num (or none) and the background fill (0 for none).  Owned by wb;
 * NULL when out of memory. */
lxw_format *bc_xlsx_format(lxw_workbook *wb, const char *font, unsigned flags,
			   double pt, const char *num, lxw_color_t fill);

/* workbook_close, with what libxlsxwriter would print on stderr kept
 * off it (only the CLI speaks there): *errnum is the errno of a failed
 * write, for the caller's one message.  A zip step that failed for
 * want of memory is LXW_ERROR_MEMORY_MALLOC_FAILED. */
lxw_error bc_xlsx_close(lxw_workbook *wb, int *errnum);
/* True for the errors of writing the file (a full disk, an I/O error),
 * which are the environment's, not the workbook's. */
bool bc_xlsx_io_error(lxw_error e);

/* ---- dates as documents write them --------------------------------- */

/* "28/02/2023"; "…" for BC_DATE_NONE.  Into out[n]. */
void bc_xlsx_dmy(bc_date d, char *out, size_t n);
/* Where a document is dated is bc_vndoc_date's (vndoc.h). */

/* ---- a workbook and its sheets --------------------------------------- */

/* The parts every sheet has, each in a style of the writer's. */
typedef enum bc_xpart {
	BC_XP_CODE,      /* the form's code at the top right */
	BC_XP_ORG,       /* a line of the header block, in capitals: only
			  * measured, its style is the frame's (xlsx_nd30.h) */
	BC_XP_TITLE,     /* the sheet's title, in capitals */
	BC_XP_PERIOD,    /* the period */
	BC_XP_WINDOW,    /* its data window; a line under the title */
	BC_XP_HEAD,      /* a table's head */
	BC_XP_COLNO,     /* its column numbers (1), (2) … */
	BC_XP_NOTE,      /* a line of the signer block: only measured */
	BC_XP_N
} bc_xpart;

typedef struct bc_xsheet bc_xsheet;

/* How a writer lays its workbook out. */
typedef struct bc_layout {
	int style[BC_XP_N]; /* the writer's style (bc_xbook.f) of each part */
	/* The height a row needs for text in part p, in a column width wide
	 * (Excel's unit); 0 when its default will do.  Each writer measures
	 * text its own way. */
	double (*fit)(const bc_xsheet *s, const char *text, double width,
		      bc_xpart p);
	/* The height of a row of one line.  When not 0 every row is given
	 * its height, kept for printing (LibreOffice ignores a sheet's
	 * default height, and pages should break alike in every reader);
	 * when 0, rows are left as they are unless made taller. */
	double row_pt;
	double max_pt; /* the tallest a row is made; 0: no bound */
	bool protect;  /* sheets take input in their unlocked cells only */
} bc_layout;

/* The formats of the frame's parts (xlsx_nd30.c's). */
#define BC_XND30_FORMATS 16

/* A workbook being written: its formats, the document it is and the
 * texts every sheet's heading shows, and the first thing that went
 * wrong. */
typedef struct bc_xbook {
	lxw_workbook *wb;
	const bc_layout *lay;
	const bc_ruleset *rs; /* whose wording the sheets' parts take */
	lxw_format **f; /* the writer's formats, by its style numbers */
	lxw_format *nd30[BC_XND30_FORMATS]; /* the frame's (xlsx_nd30.c) */
	/* The document the workbook is (borrowed), and what its sheets'
	 * header blocks show of it (xlsx_nd30.h's BC_XND_*). */
	const bc_doc_frame *frame;
	unsigned header;
	/* The period and its data window as the heading says them
	 * (bc_xbook_period). */
	char period[512], window[160];
	lxw_error err; /* the first failure; LXW_NO_ERROR while none */
	char why[256];
	/* With a writer thread (bc_xbook_queue): its queue, and the calls
	 * queued before err (the writer's first failure, if before,
	 * replaces it at the next bc_xbook_drain). */
	bc_xq *q;
	uint64_t err_at;
} bc_xbook;

/* Records e (and why, or libxlsxwriter's words for e) unless something
 * failed already: the workbook then fails with its first error. */
void bc_xbook_fail(bc_xbook *b, lxw_error e, const char *why);
/* Records e when it is an error. */
void bc_xbook_check(bc_xbook *b, lxw_error e);
/* b->f[0..n), made from spec by make, twins sharing one format
 * (bc_xf_spec_first), and the frame's formats. */
void bc_xbook_formats(bc_xbook *b, const bc_xf_spec *spec, size_t n,
		      lxw_format *(*make)(lxw_workbook *wb,
					  const bc_xf_spec *spec));
/* b's period and window, as the rules word them (sheet.period,
 * sheet.window). */
void bc_xbook_period(bc_xbook *b, const char *label, bc_date from,
		     bc_date to);
/* A new worksheet named name, protected when the layout says so; NULL
 * (the failure recorded) when it cannot be added. */
lxw_worksheet *bc_xbook_sheet(bc_xbook *b, const char *name);

/* ---- the writer thread -------------------------------------------------
 *
 * bc_xbook_queue starts a thread that makes the sheets' calls of
 * libxlsxwriter (xlsx_queue.h) while the caller goes on: every
 * bc_xsheet_* function below queues its calls.  The caller must then
 * touch b->wb and a sheet's ws only through bc_xbook_wb and
 * bc_xsheet_ws, which wait for the writer first, and make no call of
 * libxlsxwriter between that and its next bc_xsheet_* call.  Failures
 * are kept in the order the calls were made, whichever thread made
 * them.  A book without the thread (none started, or none could be)
 * writes each call at once, byte for byte the same workbook. */

/* Starts b's writer, after its formats are made (bc_xbook_formats);
 * without one (no memory, no thread) b goes on writing at once. */
void bc_xbook_queue(bc_xbook *b);
/* Waits until the writer has made every call queued, its failure (if
 * first) now b's. */
void bc_xbook_drain(bc_xbook *b);
/* Drains and stops the writer: on every path before the workbook is
 * closed (or dropped). */
void bc_xbook_join(bc_xbook *b);
/* Whether the workbook failed, once drained. */
bool bc_xbook_failed(bc_xbook *b);
/* b->wb after a drain, for a call of libxlsxwriter made at once. */
lxw_workbook *bc_xbook_wb(bc_xbook *b);

/* A worksheet being written, row after row. */
struct bc_xsheet {
	bc_xbook *b;
	lxw_worksheet *ws;
	char name[160];
	lxw_row_t r; /* the row being written */
	lxw_col_t n; /* the columns in use */
	double *w;   /* their widths */
	double *rh;  /* with a layout's row_pt, each row's height in points */
	size_t cap_rh;
	lxw_row_t sized;        /* the last row given a height, plus one */
	lxw_row_t head1, head2; /* a table's head, printed atop its pages;
				 * none while head2 < head1 */
	lxw_row_t tail;         /* the first row after the table, 0 if none */
};

/* Adds the sheet name of n columns to b and begins it, the name made one
 * Excel takes (bc_xlsx_sheet_name: s->name); false (the failure
 * recorded) when it cannot.  Close it with bc_xsheet_close. */
bool bc_xsheet_open(bc_xbook *b, bc_xsheet *s, const char *name,
		    lxw_col_t n);
void bc_xsheet_close(bc_xsheet *s);
/* Records e when it is an error. */
void bc_xsheet_check(bc_xsheet *s, lxw_error e);
/* s->ws after a drain (bc_xbook_wb). */
lxw_worksheet *bc_xsheet_ws(bc_xsheet *s);
void bc_xsheet_width(bc_xsheet *s, lxw_col_t c, double w);
/* The widths of columns c1..c2 together. */
double bc_xsheet_widths(const bc_xsheet *s, lxw_col_t c1, lxw_col_t c2);
/* Cells of the current row, in the writer's style number style, or in
 * format f. */
void bc_xsheet_put(bc_xsheet *s, lxw_col_t c, const char *text, int style);
void bc_xsheet_text(bc_xsheet *s, lxw_col_t c, const char *text,
		    lxw_format *f);
void bc_xsheet_num(bc_xsheet *s, lxw_col_t c, double v, lxw_format *f);
void bc_xsheet_blank(bc_xsheet *s, lxw_col_t c, int style);
/* A formula with the value it computes. */
void bc_xsheet_formula(bc_xsheet *s, lxw_col_t c, const char *formula,
		       double v, lxw_format *f);
void bc_xsheet_datetime(bc_xsheet *s, lxw_col_t c, const lxw_datetime *dt,
			int style);
/* text across columns c1..c2 of the current row (one cell when c2 <= c1). */
void bc_xsheet_merge(bc_xsheet *s, lxw_col_t c1, lxw_col_t c2,
		     const char *text, int style);
void bc_xsheet_merge_in(bc_xsheet *s, lxw_col_t c1, lxw_col_t c2,
			const char *text, lxw_format *f);
/* Cell c of the row above merged with the current row's, text in it:
 * the text must already be there, as a streamed row cannot be written
 * again (the merge's failure to is no error). */
void bc_xsheet_merge_up(bc_xsheet *s, lxw_col_t c, const char *text,
			int style);
/* The current row's height. */
void bc_xsheet_height(bc_xsheet *s, double pt);
/* The current row made as tall as text needs in part p, width wide
 * (the layout's fit). */
void bc_xsheet_fit(bc_xsheet *s, const char *text, double width, bc_xpart p);
/* Moves n rows down (with a layout's row_pt, giving the rows left a
 * height of their own). */
void bc_xsheet_next(bc_xsheet *s, unsigned n);

/* A4 one page wide (landscape or not), the margins of Nghị định 30
 * (left 3 cm for binding, about 2 cm elsewhere), pages numbered. */
void bc_xsheet_page(bc_xsheet *s, bool landscape);
/* Printed wide pages across, at most tall down (0: as many as it
 * takes). */
void bc_xsheet_fit_pages(bc_xsheet *s, uint16_t wide, uint16_t tall);
/* Rows r1..r2 printed atop every page. */
void bc_xsheet_repeat_rows(bc_xsheet *s, lxw_row_t r1, lxw_row_t r2);
/* Pages broken before rows brk[], up to its 0. */
void bc_xsheet_breaks(bc_xsheet *s, const lxw_row_t *brk);
/* Rows above r and columns left of c kept in view. */
void bc_xsheet_freeze(bc_xsheet *s, lxw_row_t r, lxw_col_t c);
/* A table's head: its labels (NULL for an empty cell) across columns
 * 0..n-1, the row as tall as the tallest needs; then moves down. */
void bc_xsheet_labels(bc_xsheet *s, const char *const *label, lxw_col_t n);
/* The last row of a table's head: (1), (2) … in columns 0..n-1, as
 * official tables number their columns.  Does not move down. */
void bc_xsheet_column_numbers(bc_xsheet *s, lxw_col_t n);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * libxlsxwriter's calls on a thread of their own: while the writer
 * formats a sheet's cells as XML (libxlsxwriter's fprintf of every
 * cell), the thread that made the queue reads the store and lays out
 * the next rows.
 *
 * The thread that makes the queue (the caller) queues calls; the writer
 * thread, which the queue starts and owns, makes them in the order
 * queued, each as the caller would have made it.  Who may touch what:
 *   - the caller, the queue's functions below and nothing of
 *     libxlsxwriter's (workbook, sheets, formats, charts) while calls are
 *     queued;
 *   - the writer, the objects the queued calls name and the strings
 *     copied with them.
 * A call of libxlsxwriter that is not queued (adding a sheet or a chart,
 * closing the workbook) is made after bc_xq_drain, which returns once
 * the writer has made every queued call and waits for more.  A
 * worksheet or format a queued call names must live until then.
 *
 * Every function takes a NULL queue too: the call is then made at once
 * and its error returned, so one code path writes with a queue or
 * without.  Queued, a call returns LXW_NO_ERROR and the writer keeps
 * the first error of the calls it made, with the call's number
 * (bc_xq_error).
 */
#ifndef BC_XLSX_QUEUE_H
#define BC_XLSX_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xlsxwriter.h>

typedef struct bc_xq bc_xq;

/* Calls are handed to the writer a chunk at a time, under a mutex: at
 * most n chunks of chunk bytes are queued (the rest waits), so memory
 * stays bounded whatever the workbook. */
#define BC_XQ_CHUNK (64 * 1024)
#define BC_XQ_CHUNKS 64

/* A queue of n chunks of chunk bytes (chunk ≥ 256, n ≥ 2) and its
 * writer, started; NULL when memory or a thread cannot be had (the
 * caller then writes at once, with a NULL queue).  Free it with
 * bc_xq_free. */
bc_xq *bc_xq_new(size_t chunk, size_t n);
/* Makes every call queued, joins the writer and frees q (NULL: none).
 * The error kept is lost: read it first (bc_xq_drain, bc_xq_error). */
void bc_xq_free(bc_xq *q);

/* Returns once the writer has made every call queued. */
void bc_xq_drain(bc_xq *q);
/* Calls queued so far: the number the next one will have. */
uint64_t bc_xq_count(const bc_xq *q);
/* After bc_xq_drain: true, with the first error of the queued calls and
 * that call's number (from 0, in the order queued), when one failed. */
bool bc_xq_error(bc_xq *q, lxw_error *e, uint64_t *at);

/* libxlsxwriter's calls of the same names; strings are copied. */
lxw_error bc_xq_string(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
		       lxw_col_t c, const char *text, lxw_format *f);
lxw_error bc_xq_number(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
		       lxw_col_t c, double v, lxw_format *f);
lxw_error bc_xq_blank(bc_xq *q, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		      lxw_format *f);
lxw_error bc_xq_formula_num(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
			    lxw_col_t c, const char *formula, lxw_format *f,
			    double v);
lxw_error bc_xq_datetime(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
			 lxw_col_t c, const lxw_datetime *dt, lxw_format *f);
/* worksheet_set_row. */
lxw_error bc_xq_row(bc_xq *q, lxw_worksheet *ws, lxw_row_t r, double pt,
		    lxw_format *f);
lxw_error bc_xq_merge(bc_xq *q, lxw_worksheet *ws, lxw_row_t r1,
		      lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
		      const char *text, lxw_format *f);

/* Anything else done to a sheet: fn(ws, a copy of arg[0..n)), called by
 * the writer.  fn touches ws and the copy only. */
typedef lxw_error (*bc_xq_fn)(lxw_worksheet *ws, const void *arg);
lxw_error bc_xq_call(bc_xq *q, lxw_worksheet *ws, bc_xq_fn fn,
		     const void *arg, size_t n);

#endif

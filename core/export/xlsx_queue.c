/* SPDX-License-Identifier: MIT */
#include "xlsx_queue.h"
#include "mem.h"
#include "sync.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

enum { OP_SHEET, OP_STRING, OP_NUMBER, OP_BLANK, OP_FORMULA, OP_DATETIME,
       OP_ROW, OP_MERGE, OP_CALL };

/* A queued call, on the sheet the last OP_SHEET named: what it needs
 * besides follows it (at HEAD: a number, a string, an argument).  Kept
 * small, as a national workbook queues ~4 million (a number's call is
 * 32 bytes, a short string's about as many). */
typedef struct op {
	union {
		lxw_format *f;     /* a cell's format */
		lxw_worksheet *ws; /* OP_SHEET's sheet */
		bc_xq_fn fn;       /* OP_CALL's function */
	} u;
	uint32_t size; /* bytes of the call with what follows it */
	lxw_row_t r;
	lxw_col_t c;
	uint8_t kind;
	bool none; /* the string (or date) was NULL */
} op;

/* What follows a call is aligned for a double or a pointer. */
#define ALIGN 8
#define ROUND(n) (((n) + ALIGN - 1) & ~(size_t)(ALIGN - 1))
#define HEAD ROUND(sizeof(op))

/* A merge's last cell, before its text. */
typedef struct corner {
	lxw_row_t r;
	lxw_col_t c;
} corner;

struct bc_xq {
	pthread_t writer;
	pthread_mutex_t mu;
	pthread_cond_t work, done; /* a chunk handed over; one made */
	size_t chunk, n;
	unsigned char **buf; /* the chunks, a ring */
	size_t *used;        /* bytes of calls in each */
	/* The caller's: the chunk it fills, calls queued, the sheet of
	 * the last. */
	size_t fill;
	uint64_t queued;
	lxw_worksheet *last;
	/* Under mu: chunks handed over and not yet made (fill, and the
	 * pending - 1 before it), whether the writer is to stop when they
	 * are, and the first error of the calls made. */
	size_t pending;
	bool stop, failed;
	lxw_error err;
	uint64_t err_at;
	/* The writer's: the chunk it makes next, calls made, the sheet
	 * they are on. */
	size_t run;
	uint64_t made;
	lxw_worksheet *ws;
};

static void *arg_of(op *o)
{
	return (unsigned char *)o + HEAD;
}

/* What follows o: a number, then n bytes (a string: NULL when o's was). */
static double num_of(op *o)
{
	double x;
	memcpy(&x, arg_of(o), sizeof x);
	return x;
}

static char *text_at(op *o, size_t n)
{
	return o->none ? NULL : (char *)arg_of(o) + n;
}

static lxw_error make(lxw_worksheet *ws, op *o)
{
	switch (o->kind) {
	case OP_STRING:
		return worksheet_write_string(ws, o->r, o->c, text_at(o, 0),
					      o->u.f);
	case OP_NUMBER:
		return worksheet_write_number(ws, o->r, o->c, num_of(o), o->u.f);
	case OP_BLANK:
		return worksheet_write_blank(ws, o->r, o->c, o->u.f);
	case OP_FORMULA:
		return worksheet_write_formula_num(ws, o->r, o->c,
						   text_at(o, sizeof(double)),
						   o->u.f, num_of(o));
	case OP_DATETIME:
		return worksheet_write_datetime(ws, o->r, o->c,
						(lxw_datetime *)text_at(o, 0),
						o->u.f);
	case OP_ROW:
		return worksheet_set_row(ws, o->r, num_of(o), o->u.f);
	case OP_MERGE: {
		corner *to = arg_of(o);
		return worksheet_merge_range(ws, o->r, o->c, to->r, to->c,
					     text_at(o, sizeof *to), o->u.f);
	}
	default:
		return o->u.fn(ws, arg_of(o));
	}
}

/* Makes the calls of the chunk at run; its first error and that call's
 * number into *first and *at. */
static void make_chunk(bc_xq *q, lxw_error *first, uint64_t *at)
{
	unsigned char *p = q->buf[q->run], *end = p + q->used[q->run];
	for (; p < end; p += ((op *)p)->size) {
		op *o = (op *)p;
		if (o->kind == OP_SHEET) {
			q->ws = o->u.ws;
			continue;
		}
		lxw_error e = make(q->ws, o);
		if (e != LXW_NO_ERROR && *first == LXW_NO_ERROR) {
			*first = e;
			*at = q->made;
		}
		q->made++;
	}
	q->run = (q->run + 1) % q->n;
}

/* The writer: chunk after chunk as they are handed over, until told to
 * stop with none left.  It touches the chunk it makes, the objects its
 * calls name, and (under mu) pending, stop and the error. */
static void *writer(void *arg)
{
	bc_xq *q = arg;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->pending && !q->stop)
			pthread_cond_wait(&q->work, &q->mu);
		if (!q->pending)
			break;
		pthread_mutex_unlock(&q->mu);
		lxw_error first = LXW_NO_ERROR;
		uint64_t at = 0;
		make_chunk(q, &first, &at);
		pthread_mutex_lock(&q->mu);
		if (first != LXW_NO_ERROR && !q->failed) {
			q->failed = true;
			q->err = first;
			q->err_at = at;
		}
		q->pending--;
		pthread_cond_signal(&q->done);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

static void release(bc_xq *q)
{
	for (size_t i = 0; q->buf && i < q->n; i++)
		bc_free(q->buf[i]);
	bc_free(q->buf);
	bc_free(q->used);
	bc_free(q);
}

/* The mutex and conditions of q's hand-overs, and its writer. */
static bool sync_start(bc_xq *q)
{
	pthread_cond_t *const cv[] = {&q->work, &q->done};
	return bc_sync_start(&q->mu, cv, 2, &q->writer, writer, q);
}

static void sync_free(bc_xq *q)
{
	pthread_cond_t *const cv[] = {&q->work, &q->done};
	bc_sync_end(&q->mu, cv, 2);
}

bc_xq *bc_xq_new(size_t chunk, size_t n)
{
	bc_xq *q = bc_calloc(1, sizeof *q);
	if (!q)
		return NULL;
	q->chunk = chunk < 256 ? 256 : chunk;
	q->n = n < 2 ? 2 : n;
	q->buf = bc_calloc(q->n, sizeof *q->buf);
	q->used = bc_calloc(q->n, sizeof *q->used);
	bool ok = q->buf && q->used;
	for (size_t i = 0; ok && i < q->n; i++)
		ok = (q->buf[i] = bc_malloc(q->chunk)) != NULL;
	if (!ok || !sync_start(q)) {
		release(q);
		return NULL;
	}
	return q;
}

/* Hands the chunk filled to the writer and takes the next, once the
 * writer has made what it held. */
static void hand_over(bc_xq *q)
{
	pthread_mutex_lock(&q->mu);
	q->pending++;
	pthread_cond_signal(&q->work);
	while (q->pending == q->n)
		pthread_cond_wait(&q->done, &q->mu);
	pthread_mutex_unlock(&q->mu);
	q->fill = (q->fill + 1) % q->n;
	q->used[q->fill] = 0;
}

void bc_xq_drain(bc_xq *q)
{
	if (!q)
		return;
	if (q->used[q->fill])
		hand_over(q);
	pthread_mutex_lock(&q->mu);
	while (q->pending)
		pthread_cond_wait(&q->done, &q->mu);
	pthread_mutex_unlock(&q->mu);
}

void bc_xq_free(bc_xq *q)
{
	if (!q)
		return;
	bc_xq_drain(q);
	pthread_mutex_lock(&q->mu);
	q->stop = true;
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->writer, NULL);
	sync_free(q);
	release(q);
}

uint64_t bc_xq_count(const bc_xq *q)
{
	return q ? q->queued : 0;
}

bool bc_xq_error(bc_xq *q, lxw_error *e, uint64_t *at)
{
	if (!q)
		return false;
	pthread_mutex_lock(&q->mu);
	bool failed = q->failed;
	*e = q->err;
	*at = q->err_at;
	pthread_mutex_unlock(&q->mu);
	return failed;
}

/* Room for n bytes in the chunk being filled or the next. */
static op *room(bc_xq *q, size_t n)
{
	if (q->used[q->fill] + n > q->chunk)
		hand_over(q);
	op *o = (op *)(q->buf[q->fill] + q->used[q->fill]);
	q->used[q->fill] += n;
	return o;
}

/* A call on ws with n bytes after it, kind and format set; NULL for a
 * call larger than a chunk, which the caller makes itself once the
 * writer has made the rest. */
static op *queue(bc_xq *q, int kind, lxw_worksheet *ws, lxw_row_t r,
		 lxw_col_t c, lxw_format *f, size_t n)
{
	size_t need = HEAD + ROUND(n);
	if (need + HEAD > q->chunk) {
		bc_xq_drain(q);
		return NULL;
	}
	if (ws != q->last) {
		op *s = room(q, HEAD);
		*s = (op){.u.ws = ws, .size = HEAD, .kind = OP_SHEET};
		q->last = ws;
	}
	op *o = room(q, need);
	*o = (op){.u.f = f, .size = (uint32_t)need, .r = r, .c = c,
		  .kind = (uint8_t)kind};
	q->queued++;
	return o;
}

static size_t text_size(const char *text)
{
	return text ? strlen(text) + 1 : 0;
}

/* text (its n bytes, NULL for none) after the first at bytes of o's
 * argument. */
static void put_text(op *o, size_t at, const char *text, size_t n)
{
	o->none = !text;
	if (text)
		memcpy((char *)arg_of(o) + at, text, n);
}

static void put_num(op *o, double x)
{
	memcpy(arg_of(o), &x, sizeof x);
}

lxw_error bc_xq_string(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
		       lxw_col_t c, const char *text, lxw_format *f)
{
	size_t n = text_size(text);
	op *o = q ? queue(q, OP_STRING, ws, r, c, f, n) : NULL;
	if (!o)
		return worksheet_write_string(ws, r, c, text, f);
	put_text(o, 0, text, n);
	return LXW_NO_ERROR;
}

lxw_error bc_xq_number(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
		       lxw_col_t c, double v, lxw_format *f)
{
	op *o = q ? queue(q, OP_NUMBER, ws, r, c, f, sizeof v) : NULL;
	if (!o)
		return worksheet_write_number(ws, r, c, v, f);
	put_num(o, v);
	return LXW_NO_ERROR;
}

lxw_error bc_xq_blank(bc_xq *q, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		      lxw_format *f)
{
	if (q && queue(q, OP_BLANK, ws, r, c, f, 0))
		return LXW_NO_ERROR;
	return worksheet_write_blank(ws, r, c, f);
}

lxw_error bc_xq_formula_num(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
			    lxw_col_t c, const char *formula, lxw_format *f,
			    double v)
{
	size_t n = text_size(formula);
	op *o = q ? queue(q, OP_FORMULA, ws, r, c, f, sizeof v + n) : NULL;
	if (!o)
		return worksheet_write_formula_num(ws, r, c, formula, f, v);
	put_num(o, v);
	put_text(o, sizeof v, formula, n);
	return LXW_NO_ERROR;
}

lxw_error bc_xq_datetime(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
			 lxw_col_t c, const lxw_datetime *dt, lxw_format *f)
{
	size_t n = dt ? sizeof *dt : 0;
	op *o = q ? queue(q, OP_DATETIME, ws, r, c, f, n) : NULL;
	if (!o)
		return worksheet_write_datetime(ws, r, c, (lxw_datetime *)dt,
						f);
	put_text(o, 0, (const char *)dt, n);
	return LXW_NO_ERROR;
}

lxw_error bc_xq_row(bc_xq *q, lxw_worksheet *ws, lxw_row_t r, double pt,
		    lxw_format *f)
{
	op *o = q ? queue(q, OP_ROW, ws, r, 0, f, sizeof pt) : NULL;
	if (!o)
		return worksheet_set_row(ws, r, pt, f);
	put_num(o, pt);
	return LXW_NO_ERROR;
}

lxw_error bc_xq_merge(bc_xq *q, lxw_worksheet *ws, lxw_row_t r1,
		      lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
		      const char *text, lxw_format *f)
{
	size_t n = text_size(text);
	corner to = {r2, c2};
	op *o = q ? queue(q, OP_MERGE, ws, r1, c1, f, sizeof to + n) : NULL;
	if (!o)
		return worksheet_merge_range(ws, r1, c1, r2, c2, text, f);
	memcpy(arg_of(o), &to, sizeof to);
	put_text(o, sizeof to, text, n);
	return LXW_NO_ERROR;
}

lxw_error bc_xq_call(bc_xq *q, lxw_worksheet *ws, bc_xq_fn fn,
		     const void *arg, size_t n)
{
	op *o = q ? queue(q, OP_CALL, ws, 0, 0, NULL, n) : NULL;
	if (!o)
		return fn(ws, arg);
	o->u.fn = fn;
	if (n)
		memcpy(arg_of(o), arg, n);
	return LXW_NO_ERROR;
}

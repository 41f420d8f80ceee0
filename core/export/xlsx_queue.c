/* SPDX-License-Identifier: MIT */
#include "xlsx_queue.h"
#include "mem.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

enum { OP_STRING, OP_NUMBER, OP_BLANK, OP_FORMULA, OP_DATETIME, OP_ROW,
       OP_MERGE, OP_CALL };

/* A queued call; its string or argument follows it (at HEAD). */
typedef struct op {
	lxw_worksheet *ws;
	union {
		lxw_format *f;
		bc_xq_fn fn;
	} u;
	double x;
	lxw_row_t r1, r2;
	uint32_t size; /* bytes of the call with what follows it */
	lxw_col_t c1, c2;
	uint8_t kind;
	bool none; /* the string (or date) was NULL */
} op;

#define ALIGN _Alignof(max_align_t)
#define ROUND(n) (((n) + ALIGN - 1) & ~(size_t)(ALIGN - 1))
#define HEAD ROUND(sizeof(op))

struct bc_xq {
	pthread_t writer;
	pthread_mutex_t mu;
	pthread_cond_t work, done; /* a chunk handed over; one made */
	size_t chunk, n;
	unsigned char **buf; /* the chunks, a ring */
	size_t *used;        /* bytes of calls in each */
	/* The caller's: the chunk it fills, calls queued. */
	size_t fill;
	uint64_t queued;
	/* Under mu: chunks handed over and not yet made (fill, and the
	 * pending - 1 before it), whether the writer is to stop when they
	 * are, and the first error of the calls made. */
	size_t pending;
	bool stop, failed;
	lxw_error err;
	uint64_t err_at;
	/* The writer's: the chunk it makes next, calls made. */
	size_t run;
	uint64_t made;
};

static void *arg_of(op *o)
{
	return (unsigned char *)o + HEAD;
}

static lxw_error make(op *o)
{
	char *t = o->none ? NULL : arg_of(o);
	switch (o->kind) {
	case OP_STRING:
		return worksheet_write_string(o->ws, o->r1, o->c1, t, o->u.f);
	case OP_NUMBER:
		return worksheet_write_number(o->ws, o->r1, o->c1, o->x,
					      o->u.f);
	case OP_BLANK:
		return worksheet_write_blank(o->ws, o->r1, o->c1, o->u.f);
	case OP_FORMULA:
		return worksheet_write_formula_num(o->ws, o->r1, o->c1, t,
						   o->u.f, o->x);
	case OP_DATETIME:
		return worksheet_write_datetime(o->ws, o->r1, o->c1,
						(lxw_datetime *)t, o->u.f);
	case OP_ROW:
		return worksheet_set_row(o->ws, o->r1, o->x, o->u.f);
	case OP_MERGE:
		return worksheet_merge_range(o->ws, o->r1, o->c1, o->r2, o->c2,
					     t, o->u.f);
	default:
		return o->u.fn(o->ws, arg_of(o));
	}
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
		unsigned char *p = q->buf[q->run], *end = p + q->used[q->run];
		for (; p < end; p += ((op *)p)->size, q->made++) {
			lxw_error e = make((op *)p);
			if (e != LXW_NO_ERROR && first == LXW_NO_ERROR) {
				first = e;
				at = q->made;
			}
		}
		q->run = (q->run + 1) % q->n;
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

/* The mutex and conditions, each undone when a later one fails. */
static bool sync_init(bc_xq *q)
{
	if (pthread_mutex_init(&q->mu, NULL))
		return false;
	if (pthread_cond_init(&q->work, NULL)) {
		pthread_mutex_destroy(&q->mu);
		return false;
	}
	if (pthread_cond_init(&q->done, NULL)) {
		pthread_cond_destroy(&q->work);
		pthread_mutex_destroy(&q->mu);
		return false;
	}
	return true;
}

static void sync_free(bc_xq *q)
{
	pthread_cond_destroy(&q->done);
	pthread_cond_destroy(&q->work);
	pthread_mutex_destroy(&q->mu);
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
	if (!ok || !sync_init(q)) {
		release(q);
		return NULL;
	}
	if (pthread_create(&q->writer, NULL, writer, q)) {
		sync_free(q);
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

/* Room for a call with n bytes after it, in the chunk being filled or
 * the next; NULL for a call larger than a chunk, which the caller makes
 * itself once the writer has made the rest. */
static op *room(bc_xq *q, int kind, lxw_worksheet *ws, size_t n)
{
	size_t need = HEAD + ROUND(n);
	if (need > q->chunk) {
		bc_xq_drain(q);
		return NULL;
	}
	if (q->used[q->fill] + need > q->chunk)
		hand_over(q);
	op *o = (op *)(q->buf[q->fill] + q->used[q->fill]);
	q->used[q->fill] += need;
	q->queued++;
	*o = (op){.ws = ws, .size = (uint32_t)need, .kind = (uint8_t)kind};
	return o;
}

/* A call with data[0..n) after it (NULL data: none). */
static op *queue(bc_xq *q, int kind, lxw_worksheet *ws, lxw_row_t r,
		 lxw_col_t c, lxw_format *f, const void *data, size_t n)
{
	op *o = room(q, kind, ws, n);
	if (o) {
		o->r1 = r;
		o->c1 = c;
		o->u.f = f;
		o->none = !data;
		if (data)
			memcpy(arg_of(o), data, n);
	}
	return o;
}

static size_t text_size(const char *text)
{
	return text ? strlen(text) + 1 : 0;
}

lxw_error bc_xq_string(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
		       lxw_col_t c, const char *text, lxw_format *f)
{
	if (q && queue(q, OP_STRING, ws, r, c, f, text, text_size(text)))
		return LXW_NO_ERROR;
	return worksheet_write_string(ws, r, c, text, f);
}

lxw_error bc_xq_number(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
		       lxw_col_t c, double v, lxw_format *f)
{
	op *o = q ? queue(q, OP_NUMBER, ws, r, c, f, NULL, 0) : NULL;
	if (!o)
		return worksheet_write_number(ws, r, c, v, f);
	o->x = v;
	return LXW_NO_ERROR;
}

lxw_error bc_xq_blank(bc_xq *q, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		      lxw_format *f)
{
	if (q && queue(q, OP_BLANK, ws, r, c, f, NULL, 0))
		return LXW_NO_ERROR;
	return worksheet_write_blank(ws, r, c, f);
}

lxw_error bc_xq_formula_num(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
			    lxw_col_t c, const char *formula, lxw_format *f,
			    double v)
{
	op *o = q ? queue(q, OP_FORMULA, ws, r, c, f, formula,
			  text_size(formula))
		  : NULL;
	if (!o)
		return worksheet_write_formula_num(ws, r, c, formula, f, v);
	o->x = v;
	return LXW_NO_ERROR;
}

lxw_error bc_xq_datetime(bc_xq *q, lxw_worksheet *ws, lxw_row_t r,
			 lxw_col_t c, const lxw_datetime *dt, lxw_format *f)
{
	if (q && queue(q, OP_DATETIME, ws, r, c, f, dt, dt ? sizeof *dt : 0))
		return LXW_NO_ERROR;
	return worksheet_write_datetime(ws, r, c, (lxw_datetime *)dt, f);
}

lxw_error bc_xq_row(bc_xq *q, lxw_worksheet *ws, lxw_row_t r, double pt,
		    lxw_format *f)
{
	op *o = q ? queue(q, OP_ROW, ws, r, 0, f, NULL, 0) : NULL;
	if (!o)
		return worksheet_set_row(ws, r, pt, f);
	o->x = pt;
	return LXW_NO_ERROR;
}

lxw_error bc_xq_merge(bc_xq *q, lxw_worksheet *ws, lxw_row_t r1,
		      lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
		      const char *text, lxw_format *f)
{
	op *o = q ? queue(q, OP_MERGE, ws, r1, c1, f, text, text_size(text))
		  : NULL;
	if (!o)
		return worksheet_merge_range(ws, r1, c1, r2, c2, text, f);
	o->r2 = r2;
	o->c2 = c2;
	return LXW_NO_ERROR;
}

lxw_error bc_xq_call(bc_xq *q, lxw_worksheet *ws, bc_xq_fn fn,
		     const void *arg, size_t n)
{
	op *o = q ? room(q, OP_CALL, ws, n) : NULL;
	if (!o)
		return fn(ws, arg);
	o->u.fn = fn;
	if (n)
		memcpy(arg_of(o), arg, n);
	return LXW_NO_ERROR;
}

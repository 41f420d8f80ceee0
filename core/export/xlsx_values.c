/* SPDX-License-Identifier: MIT */
#include "xlsx_values.h"
#include "sync.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

/* Forms read ahead of the sheets, at most: the reader runs ahead while
 * the model is made, and a national form is up to ~10 MB. */
#define SLOTS 3

bc_cell bc_xvals_cell(const bc_xvals *fv, size_t unit, size_t field)
{
	size_t r = fv->row_of[unit];
	return r == SIZE_MAX ? (bc_cell){.kind = BC_CELL_NONE}
			     : bc_fvrows_cell(&fv->rows, r, field);
}

/* A value fed (feed.h): a unit's values come together, into its row. */
static bool keep_value(void *ud, const char *unit, size_t field,
		       const bc_cell *c)
{
	bc_xvals *fv = ud;
	return bc_fvrows_keep(&fv->rows, unit, field, c);
}

static void vals_free(bc_xvals *fv)
{
	bc_free(fv->has);
	bc_free(fv->abs);
	bc_free(fv->outside);
	bc_free(fv->row_of);
	bc_fvrows_free(&fv->rows);
	*fv = (bc_xvals){0};
}

/* Room for f's values, none yet; false when memory runs out. */
static bool vals_alloc(bc_xvals *fv, const bc_form *f)
{
	*fv = (bc_xvals){.f = f, .rows.f = f};
	fv->abs = bc_calloc(f->n_fields + 1, sizeof *fv->abs);
	fv->outside = bc_calloc(f->n_fields + 1, sizeof *fv->outside);
	if (fv->abs && fv->outside)
		return true;
	vals_free(fv);
	return false;
}

/* Adds the sizes of row r's values to fv->abs. */
static void add_sizes(bc_xvals *fv, size_t r)
{
	for (size_t k = 0; k < fv->f->n_fields; k++) {
		bc_cell c = bc_fvrows_cell(&fv->rows, r, k);
		fv->abs[k] += fabs(c.x);
	}
}

/* The rows read into the n places of pos; false when memory runs
 * out. */
static bool vals_place(bc_xvals *fv, const json_t *pos, size_t n)
{
	size_t nf = fv->f->n_fields;
	fv->has = bc_calloc(n + 1, sizeof *fv->has);
	fv->row_of = bc_malloc((n + 1) * sizeof *fv->row_of);
	if (!fv->has || !fv->row_of)
		return false;
	for (size_t i = 0; i < n; i++)
		fv->row_of[i] = SIZE_MAX;
	const bc_fvrows *rows = &fv->rows;
	for (size_t r = 0; r < rows->n; r++) {
		json_t *at = json_object_get(pos, rows->code[r]);
		size_t i = at ? (size_t)json_integer_value(at) : SIZE_MAX;
		if (i < n) {
			fv->has[i] = true;
			fv->row_of[i] = r;
			continue;
		}
		for (size_t k = 0; k < nf; k++) {
			const bc_fvcell *c = &rows->v[r * nf + k];
			fv->outside[k] += c->kind == BC_CELL_NUM && c->u.v > 0;
		}
	}
	/* The sizes summed in the list's order, then the units outside it:
	 * the same sums however the rows came (kept by two threads, or
	 * fed in the store's order). */
	for (size_t i = 0; i < n; i++)
		if (fv->row_of[i] != SIZE_MAX)
			add_sizes(fv, fv->row_of[i]);
	for (size_t r = 0; r < rows->n; r++) {
		json_t *at = json_object_get(pos, rows->code[r]);
		if (!at || (size_t)json_integer_value(at) >= n)
			add_sizes(fv, r);
	}
	fv->n_has = rows->n;
	return true;
}

/* A form's values as read, and what the read said: the reading thread's
 * until ready, then the caller's until it asks for the next. */
typedef struct slot {
	bc_xvals v;
	bool nomem; /* no room for v */
	bool told;  /* read on the caller's thread: the host has heard */
	bool ok;    /* so, whether it read */
	bc_err rc;  /* else how the read on the reader ended, */
	bc_diags d; /* and what it said */
	bool ready;
} slot;

struct bc_xvals_reader {
	bc_host *h;
	bc_host_reader *twin; /* the reader's connection, or NULL */
	const bc_ruleset *rs;
	const json_t *pos;
	size_t n;      /* places */
	size_t next;   /* the form bc_xvals_next gives next */
	bool kept;     /* the model's aggregate keeps them (bc_host_kept):
			* the thread only readies the twin */
	slot s[SLOTS]; /* form k's in s[k % SLOTS] */
	bool running;  /* the reading thread is, until joined: only the
			* caller's thread reads it */
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t t;
};

/* Form k's values into sl, on the reader's connection when there is
 * one (by the reading thread, or by the caller's once it is joined),
 * else on the host's. */
static void fill(bc_xvals_reader *r, slot *sl, size_t k)
{
	const bc_form *f = &r->rs->forms[k];
	sl->d = (bc_diags)BC_DIAGS_INIT;
	if ((sl->nomem = !vals_alloc(&sl->v, f)))
		return;
	if (r->kept) {
		/* Taken from the model, else (none kept for it) read on the
		 * host's own connection: the twin may still be readied. */
		sl->told = true;
		sl->ok = bc_host_kept(r->h, k, &sl->v.rows) ||
			 bc_host_feed_form(r->h, f->id, keep_value, &sl->v);
	} else if (r->twin) {
		sl->rc = bc_host_reader_feed_form(r->twin, f->id, keep_value,
						  &sl->v, &sl->d);
	} else {
		sl->told = true;
		sl->ok = bc_host_feed_form(r->h, f->id, keep_value, &sl->v);
	}
}

/* The revisions in force found on the twin for the lists' rows, while
 * the model is made.  A failure is not said here: the rows' read finds
 * them again, and says it. */
static void *readying(void *arg)
{
	bc_xvals_reader *r = arg;
	bc_diags d = BC_DIAGS_INIT;
	bc_host_reader_ready(r->twin, &d);
	bc_diags_free(&d);
	return NULL;
}

static void *reading(void *arg)
{
	bc_xvals_reader *r = arg;
	for (size_t k = 0; k < r->rs->n_forms; k++) {
		slot *sl = &r->s[k % SLOTS];
		pthread_mutex_lock(&r->mu);
		while (sl->ready && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		bool stop = r->stop;
		pthread_mutex_unlock(&r->mu);
		if (stop)
			break;
		fill(r, sl, k);
		pthread_mutex_lock(&r->mu);
		sl->ready = true;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
	return NULL;
}

bc_xvals_reader *bc_xvals_start(bc_host *h, const bc_ruleset *rs)
{
	bc_xvals_reader *r = bc_calloc(1, sizeof *r);
	if (!r)
		return NULL;
	*r = (bc_xvals_reader){.h = h, .rs = rs, .kept = bc_host_keeps(h)};
	r->twin = bc_host_reader_take(h);
	pthread_cond_t *const cv[] = {&r->cv};
	/* Without a thread the twin is read on the caller's. */
	r->running = r->twin && bc_sync_start(&r->mu, cv, 1, &r->t,
					       r->kept ? readying : reading, r);
	return r;
}

void bc_xvals_place(bc_xvals_reader *r, const json_t *pos, size_t n)
{
	r->pos = pos;
	r->n = n;
}

/* Gives sl back to the reader, emptied. */
static void release(bc_xvals_reader *r, slot *sl)
{
	vals_free(&sl->v);
	bc_diags_free(&sl->d);
	if (!r->running) {
		*sl = (slot){0};
		return;
	}
	pthread_mutex_lock(&r->mu);
	*sl = (slot){0};
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

const bc_xvals *bc_xvals_next(bc_xvals_reader *r, bc_xv_got *got)
{
	if (r->next)
		release(r, &r->s[(r->next - 1) % SLOTS]);
	slot *sl = &r->s[r->next % SLOTS];
	if (r->running && !r->kept) {
		pthread_mutex_lock(&r->mu);
		while (!sl->ready)
			pthread_cond_wait(&r->cv, &r->mu);
		pthread_mutex_unlock(&r->mu);
	} else if (!sl->ready) {
		fill(r, sl, r->next);
	}
	r->next++;
	/* What was read on the reader's thread is said here, in the
	 * forms' order, as the host's own read would have said it. */
	bool ok = sl->told ? sl->ok
			   : sl->nomem || bc_host_fed(r->h, sl->rc, &sl->d);
	*got = BC_XV_NOMEM;
	if (sl->nomem || !vals_place(&sl->v, r->pos, r->n))
		return NULL;
	*got = BC_XV_READ;
	if (!ok) {
		*got = BC_XV_UNREAD;
		memset(sl->v.has, 0, r->n * sizeof *sl->v.has);
		for (size_t i = 0; i < r->n; i++)
			sl->v.row_of[i] = SIZE_MAX;
		memset(sl->v.outside, 0,
		       sl->v.f->n_fields * sizeof *sl->v.outside);
		sl->v.n_has = 0;
	}
	return &sl->v;
}

void bc_xvals_home(bc_xvals_reader *r)
{
	if (!r || !r->running)
		return;
	pthread_cond_t *const cv[] = {&r->cv};
	bc_sync_stop(&r->mu, cv, 1, r->t, &r->stop);
	r->running = false;
}

void bc_xvals_stop(bc_xvals_reader *r)
{
	if (!r)
		return;
	bc_xvals_home(r);
	for (size_t i = 0; i < SLOTS; i++) {
		vals_free(&r->s[i].v);
		bc_diags_free(&r->s[i].d);
		r->s[i] = (slot){0};
	}
}

void bc_xvals_free(void *r)
{
	bc_xvals_stop(r);
	bc_free(r);
}

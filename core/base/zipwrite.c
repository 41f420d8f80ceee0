/* SPDX-License-Identifier: MIT */
#include "zipwrite.h"

#include "mem.h"
#include "sync.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

/* Deflate's largest window: what primes a block with the data before
 * it. */
#define WINDOW (32 * 1024)
/* Each thread holds two blocks in and out (~4 MB). */
#define MAX_THREADS 8
/* The 32-bit fields' limit: from it on ZIP64 would be needed. */
#define ZIP32_MAX 0xfffffffeu

enum job_state { FREE, FILLING, PENDING, RUNNING, DONE };

/* One block of one member: the window before it and its data, then what
 * they deflate to.  Its state changes under the writer's mutex; a
 * PENDING job's input and a RUNNING job's output are its runner's. */
typedef struct job {
	enum job_state state;
	size_t member; /* index in the writer's entries */
	bool first, last;
	bool text; /* zlib took the data for text (a first block's) */
	int level, window_bits, mem_level, strategy;
	unsigned char *in; /* WINDOW + BC_ZIPW_BLOCK bytes */
	size_t window, len; /* window bytes at in, then len of data */
	unsigned char *out;
	size_t out_cap, out_len;
	uint32_t crc; /* of the data */
	bc_err err;
} job;

/* A member, for its two headers. */
typedef struct entry {
	bc_zipw_member m; /* m.name is name */
	char *name;
	size_t room; /* that a block's output may need */
	uint64_t offset; /* of its local header */
	uint32_t crc;
	uint64_t csize, usize;
} entry;

/* A thread's deflate stream, made at its first block and made again
 * when a block asks for other parameters. */
typedef struct deflater {
	z_stream s;
	bool ready;
	int level, window_bits, mem_level, strategy;
} deflater;

struct bc_zipw {
	FILE *f;
	uint64_t pos; /* bytes written to f */
	bc_err err;
	int errnum; /* errno of err */
	entry *e;
	size_t n_e, cap_e;
	bool open;       /* e[n_e - 1] takes data */
	size_t blocks;   /* of the member open, handed over */
	job *cur;        /* the block being filled, or NULL */
	unsigned char window[WINDOW]; /* the member's last bytes handed over */
	size_t window_len;
	/* The ring of blocks, oldest (next to write) at head; used of
	 * n_slot taken.  Under mu with the states. */
	job *slot;
	size_t n_slot, head, used;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	pthread_t *t;
	size_t n_t;
	bool stop;
	deflater own; /* the caller's */
};

static void fail(bc_zipw *z, bc_err err)
{
	if (z->err)
		return;
	z->err = err;
	z->errnum = err == BC_ERR_IO      ? errno
		    : err == BC_ERR_NOMEM ? ENOMEM
		    : err == BC_ERR_LIMIT ? EFBIG
					  : EINVAL;
}

/* z's error, with errno saying it again for the caller's message. */
static bc_err said(const bc_zipw *z)
{
	if (z->err)
		errno = z->errnum;
	return z->err;
}

static void deflater_end(deflater *d)
{
	if (d->ready)
		deflateEnd(&d->s);
	d->ready = false;
}

static bool deflater_fit(deflater *d, int level, int window_bits,
			 int mem_level, int strategy)
{
	if (d->ready && d->level == level && d->window_bits == window_bits &&
	    d->mem_level == mem_level && d->strategy == strategy)
		return deflateReset(&d->s) == Z_OK;
	deflater_end(d);
	memset(&d->s, 0, sizeof d->s);
	if (deflateInit2(&d->s, level, Z_DEFLATED, window_bits, mem_level,
			 strategy) != Z_OK)
		return false;
	d->ready = true;
	d->level = level;
	d->window_bits = window_bits;
	d->mem_level = mem_level;
	d->strategy = strategy;
	return true;
}

/* Deflates j's data after its window: to the end of the stream for a
 * member's last block, else to a byte boundary with the stream open
 * (a sync flush), so the next block's bytes follow on. */
static bc_err deflate_job(deflater *d, job *j)
{
	if (!deflater_fit(d, j->level, j->window_bits, j->mem_level,
			  j->strategy))
		return BC_ERR_NOMEM;
	/* A window smaller than the block before's 32 KB primes with its
	 * last bytes only. */
	size_t most = (size_t)1 << -j->window_bits,
	       w = j->window < most ? j->window : most;
	if (w && deflateSetDictionary(&d->s, j->in + j->window - w,
				      (uInt)w) != Z_OK)
		return BC_ERR_NOMEM;
	int flush = j->last ? Z_FINISH : Z_SYNC_FLUSH;
	d->s.next_in = j->in + j->window;
	d->s.avail_in = (uInt)j->len;
	d->s.next_out = j->out;
	d->s.avail_out = (uInt)j->out_cap;
	int r = deflate(&d->s, flush);
	/* The room is deflate's bound for a whole stream and a sync flush
	 * adds at most five bytes: one call does it, or something is
	 * wrong. */
	if (r == Z_STREAM_ERROR || d->s.avail_in ||
	    (j->last ? r != Z_STREAM_END : !d->s.avail_out))
		return BC_ERR_NOMEM;
	j->out_len = j->out_cap - d->s.avail_out;
	j->text = d->s.data_type == Z_TEXT;
	j->crc = (uint32_t)crc32(0, j->in + j->window, (uInt)j->len);
	return BC_OK;
}

/* The oldest block waiting for a thread, or NULL.  Under mu. */
static job *pending(bc_zipw *z)
{
	for (size_t i = 0; i < z->used; i++) {
		job *j = &z->slot[(z->head + i) % z->n_slot];
		if (j->state == PENDING)
			return j;
	}
	return NULL;
}

/* Deflates j on the calling thread.  Under mu, which it lets go
 * meanwhile. */
static void run(bc_zipw *z, job *j, deflater *d)
{
	j->state = RUNNING;
	pthread_mutex_unlock(&z->mu);
	j->err = deflate_job(d, j);
	pthread_mutex_lock(&z->mu);
	j->state = DONE;
	pthread_cond_signal(&z->done);
}

static void *worker(void *arg)
{
	bc_zipw *z = arg;
	deflater d = {.ready = false};
	pthread_mutex_lock(&z->mu);
	while (!z->stop) {
		job *j = pending(z);
		if (j)
			run(z, j, &d);
		else
			pthread_cond_wait(&z->work, &z->mu);
	}
	pthread_mutex_unlock(&z->mu);
	deflater_end(&d);
	return NULL;
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static void put(bc_zipw *z, const void *p, size_t n)
{
	if (z->err)
		return;
	if (n && fwrite(p, 1, n, z->f) != n)
		fail(z, BC_ERR_IO);
	z->pos += n;
}

static void local_header(bc_zipw *z, entry *e)
{
	unsigned char h[30] = {0};
	size_t name = strlen(e->name);
	if (z->pos > ZIP32_MAX) {
		fail(z, BC_ERR_LIMIT);
		return;
	}
	e->offset = z->pos;
	put32(h, 0x04034b50);
	put16(h + 4, 20); /* version needed: deflate */
	put16(h + 6, e->m.flags);
	put16(h + 8, Z_DEFLATED);
	put16(h + 10, e->m.dos_time);
	put16(h + 12, e->m.dos_date);
	/* CRC and sizes at 14: once the last block is written. */
	put16(h + 26, (unsigned)name);
	put(z, h, sizeof h);
	put(z, e->name, name);
}

/* Fills in the CRC and sizes of e's local header, now known. */
static void local_sizes(bc_zipw *z, const entry *e)
{
	unsigned char h[12];
	if (z->err)
		return;
	if (e->csize > ZIP32_MAX || e->usize > ZIP32_MAX) {
		fail(z, BC_ERR_LIMIT);
		return;
	}
	put32(h, e->crc);
	put32(h + 4, (uint32_t)e->csize);
	put32(h + 8, (uint32_t)e->usize);
	if (fseeko(z->f, (off_t)(e->offset + 14), SEEK_SET) ||
	    fwrite(h, 1, sizeof h, z->f) != sizeof h ||
	    fseeko(z->f, (off_t)z->pos, SEEK_SET))
		fail(z, BC_ERR_IO);
}

/* Writes a finished block in its place. */
static void write_job(bc_zipw *z, job *j)
{
	entry *e = &z->e[j->member];
	if (j->err)
		fail(z, j->err);
	if (j->first) {
		local_header(z, e);
		/* The internal attribute's "text", as minizip sets it from
		 * zlib's guess on the member's first deflate block. */
		if (j->text)
			e->m.internal_attr |= 1;
	}
	put(z, j->out, j->out_len);
	e->crc = (uint32_t)crc32_combine(e->crc, j->crc, (z_off_t)j->len);
	e->csize += j->out_len;
	e->usize += j->len;
	if (j->last)
		local_sizes(z, e);
}

/* Writes the finished blocks at the head of the ring, in order. */
static void write_done(bc_zipw *z)
{
	pthread_mutex_lock(&z->mu);
	while (z->used && z->slot[z->head].state == DONE) {
		job *j = &z->slot[z->head];
		pthread_mutex_unlock(&z->mu);
		write_job(z, j);
		pthread_mutex_lock(&z->mu);
		j->state = FREE;
		z->head = (z->head + 1) % z->n_slot;
		z->used--;
	}
	pthread_mutex_unlock(&z->mu);
}

/* Moves the ring on when the head's block is not finished: deflates a
 * waiting block here rather than wait, or waits for one to finish. */
static void help(bc_zipw *z)
{
	pthread_mutex_lock(&z->mu);
	job *j = pending(z);
	if (j)
		run(z, j, &z->own);
	else if (z->used && z->slot[z->head].state != DONE)
		pthread_cond_wait(&z->done, &z->mu);
	pthread_mutex_unlock(&z->mu);
}

/* A free slot for a block of e, taken to fill, with room for its input
 * and output; NULL when memory runs out (z's error then set).  The
 * room is made on the caller's thread, for the unit tests' allocator
 * keeps each thread's blocks apart (cmocka's list is thread-local):
 * a deflating thread allocates nothing. */
static job *take(bc_zipw *z, const entry *e)
{
	for (;;) {
		write_done(z);
		pthread_mutex_lock(&z->mu);
		if (z->used < z->n_slot) {
			job *j = &z->slot[(z->head + z->used++) % z->n_slot];
			j->state = FILLING;
			pthread_mutex_unlock(&z->mu);
			if (!j->in)
				j->in = bc_malloc(WINDOW + BC_ZIPW_BLOCK);
			if (e->room > j->out_cap) {
				bc_free(j->out);
				j->out = bc_malloc(e->room);
				j->out_cap = j->out ? e->room : 0;
			}
			if (j->in && j->out)
				return j;
			/* Handed over empty: it is written as nothing. */
			j->err = BC_ERR_NOMEM;
			j->member = z->n_e - 1;
			j->len = j->out_len = 0;
			j->first = j->last = false;
			pthread_mutex_lock(&z->mu);
			j->state = DONE;
			pthread_mutex_unlock(&z->mu);
			fail(z, BC_ERR_NOMEM);
			return NULL;
		}
		pthread_mutex_unlock(&z->mu);
		help(z);
	}
}

/* Starts a block of the member open, primed with its last bytes. */
static job *start_block(bc_zipw *z)
{
	const entry *e = &z->e[z->n_e - 1];
	job *j = take(z, e);
	if (!j)
		return NULL;
	j->member = z->n_e - 1;
	j->first = !z->blocks;
	j->last = false;
	j->level = e->m.level;
	j->window_bits = e->m.window_bits;
	j->mem_level = e->m.mem_level;
	j->strategy = e->m.strategy;
	memcpy(j->in, z->window, z->window_len);
	j->window = z->window_len;
	j->len = j->out_len = 0;
	j->err = BC_OK;
	return j;
}

/* Hands the block being filled to the threads, keeping its last bytes
 * to prime the next. */
static void hand_over(bc_zipw *z, bool last)
{
	job *j = z->cur;
	unsigned char *end = j->in + j->window + j->len;
	size_t keep = j->window + j->len < WINDOW ? j->window + j->len
						  : WINDOW;
	memmove(z->window, end - keep, keep);
	z->window_len = keep;
	j->last = last;
	z->blocks++;
	z->cur = NULL;
	pthread_mutex_lock(&z->mu);
	j->state = PENDING;
	pthread_cond_signal(&z->work);
	pthread_mutex_unlock(&z->mu);
}

static bool member_fits(const bc_zipw_member *m)
{
	return m->name && strlen(m->name) <= 0xffff && m->level >= -1 &&
	       m->level <= 9 && m->window_bits >= -15 &&
	       m->window_bits <= -9 && m->mem_level >= 1 &&
	       m->mem_level <= 9 && m->strategy >= Z_DEFAULT_STRATEGY &&
	       m->strategy <= Z_FIXED &&
	       !(m->flags & 0x9); /* encrypted, data descriptor */
}

bc_err bc_zipw_begin(bc_zipw *z, const bc_zipw_member *m)
{
	bc_err err = bc_zipw_end(z);
	if (err)
		return err;
	if (!member_fits(m))
		return BC_ERR_SYNTAX;
	/* 0xffff members in the end record would say ZIP64. */
	if (z->n_e >= 0xfffe) {
		errno = EFBIG;
		return BC_ERR_LIMIT;
	}
	/* deflate's bound for a whole stream of a block with these
	 * parameters, and a sync flush's five bytes. */
	if (!deflater_fit(&z->own, m->level, m->window_bits, m->mem_level,
			  m->strategy)) {
		errno = ENOMEM;
		return BC_ERR_NOMEM;
	}
	size_t room = deflateBound(&z->own.s, BC_ZIPW_BLOCK) + 16;
	char *name = bc_strdup(m->name);
	if (!name ||
	    bc_grow((void **)&z->e, &z->cap_e, z->n_e + 1, sizeof *z->e) < 0) {
		bc_free(name);
		errno = ENOMEM;
		return BC_ERR_NOMEM;
	}
	entry *e = &z->e[z->n_e++];
	*e = (entry){.m = *m, .name = name, .room = room};
	e->m.name = name;
	z->open = true;
	z->blocks = 0;
	z->window_len = 0;
	return BC_OK;
}

bc_err bc_zipw_write(bc_zipw *z, const void *data, size_t n)
{
	const unsigned char *p = data;
	if (z->err)
		return said(z);
	if (!z->open)
		return BC_ERR_SYNTAX;
	while (n) {
		/* A full block goes once more data shows it is not the
		 * last. */
		if (z->cur && z->cur->len == BC_ZIPW_BLOCK)
			hand_over(z, false);
		if (!z->cur && !(z->cur = start_block(z)))
			return said(z);
		/* Writing the blocks before may have failed. */
		if (z->err)
			return said(z);
		job *j = z->cur;
		size_t k = BC_ZIPW_BLOCK - j->len < n ? BC_ZIPW_BLOCK - j->len
						       : n;
		memcpy(j->in + j->window + j->len, p, k);
		j->len += k;
		p += k;
		n -= k;
	}
	return BC_OK;
}

bc_err bc_zipw_end(bc_zipw *z)
{
	if (z->err || !z->open)
		return said(z);
	if (!z->cur && !(z->cur = start_block(z)))
		return said(z);
	hand_over(z, true);
	z->open = false;
	write_done(z);
	return said(z);
}

bc_err bc_zipw_error(const bc_zipw *z)
{
	return z->err;
}

static void central_entry(bc_zipw *z, const entry *e)
{
	unsigned char h[46] = {0};
	size_t name = strlen(e->name);
	put32(h, 0x02014b50);
	put16(h + 4, e->m.made_by);
	put16(h + 6, 20);
	put16(h + 8, e->m.flags);
	put16(h + 10, Z_DEFLATED);
	put16(h + 12, e->m.dos_time);
	put16(h + 14, e->m.dos_date);
	put32(h + 16, e->crc);
	put32(h + 20, (uint32_t)e->csize);
	put32(h + 24, (uint32_t)e->usize);
	put16(h + 28, (unsigned)name);
	put16(h + 36, e->m.internal_attr);
	put32(h + 38, e->m.external_attr);
	put32(h + 42, (uint32_t)e->offset);
	put(z, h, sizeof h);
	put(z, e->name, name);
}

static void central_directory(bc_zipw *z, const char *comment)
{
	size_t clen = comment ? strlen(comment) : 0;
	uint64_t start = z->pos;
	for (size_t i = 0; i < z->n_e; i++)
		central_entry(z, &z->e[i]);
	if (z->pos > ZIP32_MAX || clen > 0xffff) {
		fail(z, BC_ERR_LIMIT);
		return;
	}
	unsigned char h[22] = {0};
	put32(h, 0x06054b50);
	put16(h + 8, (unsigned)z->n_e);
	put16(h + 10, (unsigned)z->n_e);
	put32(h + 12, (uint32_t)(z->pos - start));
	put32(h + 16, (uint32_t)start);
	put16(h + 20, (unsigned)clen);
	put(z, h, sizeof h);
	put(z, comment, clen);
}

/* Stops and joins the threads, closes the file and frees z. */
static bc_err finish(bc_zipw *z)
{
	pthread_mutex_lock(&z->mu);
	z->stop = true;
	pthread_cond_broadcast(&z->work);
	pthread_mutex_unlock(&z->mu);
	for (size_t i = 0; i < z->n_t; i++)
		pthread_join(z->t[i], NULL);
	bc_sync_end(&z->mu, (pthread_cond_t *[]){&z->work, &z->done}, 2);
	deflater_end(&z->own);
	if (fclose(z->f))
		fail(z, BC_ERR_IO);
	bc_err err = z->err;
	int errnum = z->errnum;
	for (size_t i = 0; i < z->n_slot; i++) {
		bc_free(z->slot[i].in);
		bc_free(z->slot[i].out);
	}
	for (size_t i = 0; i < z->n_e; i++)
		bc_free(z->e[i].name);
	bc_free(z->e);
	bc_free(z->slot);
	bc_free(z->t);
	bc_free(z);
	if (err)
		errno = errnum;
	return err;
}

bc_err bc_zipw_close(bc_zipw *z, const char *comment)
{
	if (!z)
		return BC_OK;
	/* Failed, the member open may keep its block: nothing more is
	 * written, and the threads stop after the block they are on. */
	if (bc_zipw_end(z))
		return finish(z);
	while (z->used) {
		write_done(z);
		if (z->used)
			help(z);
	}
	central_directory(z, comment);
	if (!z->err && fflush(z->f))
		fail(z, BC_ERR_IO);
	return finish(z);
}

void bc_zipw_abandon(bc_zipw *z)
{
	if (z)
		finish(z);
}

/* Starts up to n threads; fewer when the system refuses one. */
static void start_threads(bc_zipw *z, size_t n)
{
	if (!n || !(z->t = bc_calloc(n, sizeof *z->t)))
		return;
	while (z->n_t < n &&
	       !pthread_create(&z->t[z->n_t], NULL, worker, z))
		z->n_t++;
}

bc_zipw *bc_zipw_open(const char *path, unsigned threads, bc_err *err)
{
	size_t n = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS
							   : threads;
	bc_zipw *z = bc_calloc(1, sizeof *z);
	/* Two blocks a thread keep every thread busy while the caller
	 * writes and fills; one more is the caller's to fill. */
	if (!z || !(z->slot = bc_calloc(2 * n + 1, sizeof *z->slot))) {
		bc_free(z);
		*err = BC_ERR_NOMEM;
		errno = ENOMEM;
		return NULL;
	}
	z->n_slot = 2 * n + 1;
	pthread_cond_t *cv[] = {&z->work, &z->done};
	if (!bc_sync_init(&z->mu, cv, 2)) {
		bc_free(z->slot);
		bc_free(z);
		*err = BC_ERR_NOMEM;
		errno = ENOMEM;
		return NULL;
	}
	if (!(z->f = fopen(path, "wb"))) {
		int e = errno;
		bc_sync_end(&z->mu, cv, 2);
		bc_free(z->slot);
		bc_free(z);
		errno = e;
		*err = BC_ERR_IO;
		return NULL;
	}
	start_threads(z, n - 1);
	return z;
}

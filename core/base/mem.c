/* SPDX-License-Identifier: MIT */
#include "mem.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

char *bc_strndup(const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = bc_malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *bc_strdup(const char *s)
{
	return s ? bc_strndup(s, strlen(s)) : NULL;
}

char *bc_sprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = bc_malloc((size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int bc_grow_to(void **v, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t ncap = *cap ? *cap : 2;
	while (ncap < need)
		ncap *= 2;
	void *p = bc_realloc(*v, ncap * elem);
	if (!p)
		return -1;
	*v = p;
	*cap = ncap;
	return 0;
}

/* A chunk's bytes start at base, the first address of data aligned for
 * any type; offsets (used, cap) count from there.  So where malloc put
 * a chunk changes nothing of how the arena fills it: the allocations an
 * arena makes depend on what it was asked alone, and a run repeats (the
 * out-of-memory tests refuse the n-th allocation of a run, which must be
 * the same one each time; cmocka's allocator aligns to 8 bytes only). */
struct bc_arena_chunk {
	struct bc_arena_chunk *next;
	size_t used, cap;
	char *base;
	char data[];
};

#define ARENA_ALIGN _Alignof(max_align_t)

/* Chunks double from 64 bytes to 64 kB: a small submission (a CSV may
 * hold tens of thousands of one-value units) wastes little, a
 * large one takes few. */
#define ARENA_FIRST 64u
#define ARENA_MOST 65536u

static struct bc_arena_chunk *arena_chunk(bc_arena *a, size_t need)
{
	size_t cap = a->head ? a->head->cap * 2 : ARENA_FIRST;
	if (cap > ARENA_MOST)
		cap = ARENA_MOST;
	if (cap < need)
		cap = need;
	struct bc_arena_chunk *c = bc_malloc(sizeof *c + cap + ARENA_ALIGN - 1);
	if (!c)
		return NULL;
	uintptr_t p = (uintptr_t)c->data;
	*c = (struct bc_arena_chunk){
		.next = a->head,
		.cap = cap,
		.base = c->data + (ARENA_ALIGN - p % ARENA_ALIGN) % ARENA_ALIGN};
	a->head = c;
	return c;
}

/* n bytes from the newest chunk, aligned to align (a power of two no
 * more than ARENA_ALIGN); from a new chunk when they do not fit. */
static void *arena_take(bc_arena *a, size_t n, size_t align)
{
	struct bc_arena_chunk *c = a->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || at > c->cap || c->cap - at < n) {
		if (!(c = arena_chunk(a, n)))
			return NULL;
		at = 0;
	}
	c->used = at + n;
	return c->base + at;
}

void *bc_arena_alloc(bc_arena *a, size_t n)
{
	return arena_take(a, n, _Alignof(max_align_t));
}

char *bc_arena_strndup(bc_arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = arena_take(a, n + 1, 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *bc_arena_strdup(bc_arena *a, const char *s)
{
	return s ? bc_arena_strndup(a, s, strlen(s)) : NULL;
}

void bc_arena_adopt(bc_arena *a, bc_arena *from)
{
	struct bc_arena_chunk *tail = from->head;
	if (!tail)
		return;
	while (tail->next)
		tail = tail->next;
	/* Behind a's head, which keeps the room it has left. */
	if (a->head) {
		tail->next = a->head->next;
		a->head->next = from->head;
	} else {
		a->head = from->head;
	}
	from->head = NULL;
}

void bc_arena_free(bc_arena *a)
{
	while (a->head) {
		struct bc_arena_chunk *c = a->head;
		a->head = c->next;
		bc_free(c);
	}
}

#ifdef BC_UNIT_TESTING
#include <pthread.h>

void *_test_malloc(size_t size, const char *file, int line);
void *_test_calloc(size_t n, size_t size, const char *file, int line);
void *_test_realloc(void *p, size_t size, const char *file, int line);
void _test_free(void *p, const char *file, int line);

/*
 * The failure hook of the allocation sweep (tests/test_nomem.c).  Its
 * state is global, which the library otherwise never is: it must reach
 * every allocation, the Lua states', libcsv's and SQLite's included,
 * without a context passed down every call that may allocate.  It is
 * compiled only into the unit tests' build of the core, never into
 * libbaocao.  An import reads ahead on a second thread (readahead.h):
 * each allocation and free, with the hook's counts and cmocka's list of
 * blocks, is made under a lock, the observer's call included.  The
 * functions that read the counts take none: they are for a test's
 * thread when no other runs, or for the observer.
 */
static struct {
	long fail_at; /* the allocation to refuse, 0 none */
	bool every;   /* and each after it */
	long asked, refused;
	char at[128];
	long live;
	bool (*observe)(void *ud);
	void *ud;
	const char *file; /* of the allocation being asked */
	int line;
} hook;

/* Recursive: a failed check of cmocka's (a block's guard bytes) jumps
 * out of _test_free with the lock held, and the test's thread still
 * allocates to report it and go on to the next test. */
static pthread_mutex_t hook_lock;
static pthread_once_t hook_once = PTHREAD_ONCE_INIT;

static void hook_init(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&hook_lock, &a);
	pthread_mutexattr_destroy(&a);
}

static void lock(void)
{
	pthread_once(&hook_once, hook_init);
	pthread_mutex_lock(&hook_lock);
}

static void unlock(void)
{
	pthread_mutex_unlock(&hook_lock);
}

void bc_mem_fail(long n, bool every)
{
	lock();
	hook.fail_at = n;
	hook.every = every;
	hook.asked = hook.refused = 0;
	hook.at[0] = '\0';
	unlock();
}

long bc_mem_asked(void)
{
	return hook.asked;
}

long bc_mem_refused(void)
{
	return hook.refused;
}

long bc_mem_live(void)
{
	return hook.live;
}

const char *bc_mem_refused_at(void)
{
	return hook.at[0] ? hook.at : NULL;
}

void bc_mem_observe(bool (*fn)(void *ud), void *ud)
{
	lock();
	hook.observe = fn;
	hook.ud = ud;
	unlock();
}

void bc_mem_asking(const char **file, int *line)
{
	*file = hook.file;
	*line = hook.line;
}

static bool refuse(const char *file, int line)
{
	hook.asked++;
	hook.file = file;
	hook.line = line;
	if (hook.observe && hook.observe(hook.ud) && !hook.fail_at)
		hook.fail_at = hook.asked;
	if (!hook.fail_at || hook.asked < hook.fail_at ||
	    (hook.asked > hook.fail_at && !hook.every))
		return false;
	if (!hook.refused++)
		snprintf(hook.at, sizeof hook.at, "%s:%d", file, line);
	errno = ENOMEM; /* as malloc(3) says it */
	return true;
}

/* p, the result of an allocation, counted when it is a block. */
static void *counted(void *p)
{
	hook.live += p != NULL;
	return p;
}

void *bc_test_malloc(size_t size, const char *file, int line)
{
	lock();
	void *p = refuse(file, line) ? NULL
				     : counted(_test_malloc(size, file, line));
	unlock();
	return p;
}

void *bc_test_calloc(size_t n, size_t size, const char *file, int line)
{
	lock();
	void *p = refuse(file, line)
			  ? NULL
			  : counted(_test_calloc(n, size, file, line));
	unlock();
	return p;
}

/* A realloc to size 0 frees: never refused. */
void *bc_test_realloc(void *p, size_t size, const char *file, int line)
{
	void *q = NULL;
	lock();
	if (!size || !refuse(file, line)) {
		q = _test_realloc(p, size, file, line);
		hook.live += (!p && q) - (p && !size);
	}
	unlock();
	return q;
}

void bc_test_free(void *p, const char *file, int line)
{
	lock();
	hook.live -= p != NULL;
	_test_free(p, file, line);
	unlock();
}
#endif

/* SPDX-License-Identifier: MIT */
/*
 * Allocation for the whole library.  Every allocation goes through these
 * macros so that unit tests (built with BC_UNIT_TESTING) route them to
 * cmocka's checking allocator and every test is also a leak test.  No
 * global allocator hook: the choice is made at compile time.
 */
#ifndef BC_MEM_H
#define BC_MEM_H

#include <stddef.h>
#include <stdlib.h>

#ifdef BC_UNIT_TESTING
#include <stdbool.h>
/* cmocka's, behind the failure hook below. */
void *bc_test_malloc(size_t size, const char *file, int line);
void *bc_test_calloc(size_t n, size_t size, const char *file, int line);
void *bc_test_realloc(void *p, size_t size, const char *file, int line);
void bc_test_free(void *p, const char *file, int line);
#define bc_malloc(n) bc_test_malloc((n), __FILE__, __LINE__)
#define bc_calloc(n, s) bc_test_calloc((n), (s), __FILE__, __LINE__)
#define bc_realloc(p, n) bc_test_realloc((p), (n), __FILE__, __LINE__)
#define bc_free(p) bc_test_free((p), __FILE__, __LINE__)

/* The unit-test build only (tests/test_nomem.c): counting from now, the
 * nth allocation (1 the next) returns NULL, and with every each one
 * after it too; n = 0 refuses none. */
void bc_mem_fail(long n, bool every);
/* Allocations asked for since the last bc_mem_fail, and how many of
 * them were refused. */
long bc_mem_asked(void);
long bc_mem_refused(void);
/* Blocks allocated and not yet freed, counted since the program began:
 * equal before and after a call that keeps nothing. */
long bc_mem_live(void);
/* Where the first refused allocation was asked for ("core/x.c:12"), or
 * NULL. */
const char *bc_mem_refused_at(void);
/* Calls fn(ud) at every allocation asked for from now on (fn NULL:
 * none), before it is made or refused: the sweep learns where each one
 * is asked.  When fn returns true and bc_mem_fail named none, this
 * allocation is the one refused (and with every, each after it): the
 * sweep aims at a place, not at a count. */
void bc_mem_observe(bool (*fn)(void *ud), void *ud);
/* Where the allocation being asked is asked from ("core/x.c", 12):
 * valid in the observer. */
void bc_mem_asking(const char **file, int *line);
#else
#define bc_malloc(n) malloc(n)
#define bc_calloc(n, s) calloc((n), (s))
#define bc_realloc(p, n) realloc((p), (n))
#define bc_free(p) free(p)
#endif

/* Returns a copy of s (NULL for NULL) that the caller frees with bc_free,
 * or NULL when memory runs out. */
char *bc_strdup(const char *s);
char *bc_strndup(const char *s, size_t n);
/* printf into a fresh string the caller frees with bc_free; NULL on OOM. */
char *bc_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows a dynamic array *v of *cap elements of size elem so that it holds
 * at least need elements.  Returns 0, or -1 on OOM (the array is kept). */
int bc_grow_to(void **v, size_t *cap, size_t need, size_t elem);
/* Inline: most calls (a field, a value) find room and return at once. */
static inline int bc_grow(void **v, size_t *cap, size_t need, size_t elem)
{
	return need <= *cap ? 0 : bc_grow_to(v, cap, need, elem);
}

/* An arena: many small pieces freed at once.  A submission keeps the
 * strings of its values (five per value as read) in one, instead of one
 * malloc each; a ruleset keeps its whole catalogue in one.
 * Zero-initialised is empty; free with bc_arena_free. */
typedef struct bc_arena {
	struct bc_arena_chunk *head; /* the newest chunk, allocated from */
} bc_arena;

/* n bytes owned by a, aligned for any object; NULL when memory runs
 * out. */
void *bc_arena_alloc(bc_arena *a, size_t n);
/* A copy of the n bytes at s, NUL-terminated, owned by a (NULL for NULL,
 * or when memory runs out). */
char *bc_arena_strndup(bc_arena *a, const char *s, size_t n);
char *bc_arena_strdup(bc_arena *a, const char *s);
/* What from holds, now a's (from is left empty): pointers into it stay
 * good.  a goes on allocating from its own newest chunk. */
void bc_arena_adopt(bc_arena *a, bc_arena *from);
void bc_arena_free(bc_arena *a);

#endif

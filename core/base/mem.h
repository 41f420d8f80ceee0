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
void *_test_malloc(size_t size, const char *file, int line);
void *_test_calloc(size_t n, size_t size, const char *file, int line);
void *_test_realloc(void *p, size_t size, const char *file, int line);
void _test_free(void *p, const char *file, int line);
#define bc_malloc(n) _test_malloc((n), __FILE__, __LINE__)
#define bc_calloc(n, s) _test_calloc((n), (s), __FILE__, __LINE__)
#define bc_realloc(p, n) _test_realloc((p), (n), __FILE__, __LINE__)
#define bc_free(p) _test_free((p), __FILE__, __LINE__)
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
int bc_grow(void **v, size_t *cap, size_t need, size_t elem);

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
void bc_arena_free(bc_arena *a);

#endif

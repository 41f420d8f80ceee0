/* SPDX-License-Identifier: MIT */
#include "mem.h"

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

int bc_grow(void **v, size_t *cap, size_t need, size_t elem)
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

struct bc_arena_chunk {
	struct bc_arena_chunk *next;
	size_t used, cap;
	char data[];
};

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
	struct bc_arena_chunk *c = bc_malloc(sizeof *c + cap);
	if (!c)
		return NULL;
	*c = (struct bc_arena_chunk){.next = a->head, .cap = cap};
	a->head = c;
	return c;
}

/* used, moved up so that the chunk's data there is aligned to align. */
static size_t aligned(const struct bc_arena_chunk *c, size_t used,
		      size_t align)
{
	uintptr_t p = (uintptr_t)(c->data + used);
	return used + (align - p % align) % align;
}

/* n bytes from the newest chunk, aligned to align; from a new chunk when
 * they do not fit. */
static void *arena_take(bc_arena *a, size_t n, size_t align)
{
	struct bc_arena_chunk *c = a->head;
	size_t at = c ? aligned(c, c->used, align) : 0;
	if (!c || at > c->cap || c->cap - at < n) {
		if (!(c = arena_chunk(a, n + align - 1)))
			return NULL;
		at = aligned(c, 0, align);
	}
	c->used = at + n;
	return c->data + at;
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

void bc_arena_free(bc_arena *a)
{
	while (a->head) {
		struct bc_arena_chunk *c = a->head;
		a->head = c->next;
		bc_free(c);
	}
}

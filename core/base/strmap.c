/* SPDX-License-Identifier: MIT */
#include "strmap.h"
#include "mem.h"

#include <stdint.h>
#include <string.h>

struct bc_strmap_slot {
	const char *key; /* NULL for a free slot */
	size_t val;
	uint64_t hash;
};

#define FIRST_CAP 16

/* FNV-1a over len bytes. */
static uint64_t hash_of(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot holding the key of len bytes, or the free slot it would go to. */
static struct bc_strmap_slot *slot_of(const bc_strmap *m, const char *key,
				      size_t len, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct bc_strmap_slot *s = &m->v[i];
		if (!s->key || (s->hash == h && !strncmp(s->key, key, len) &&
				!s->key[len]))
			return s;
	}
}

size_t bc_strmap_growth(const bc_strmap *m)
{
	if (2 * (m->n + 1) <= m->cap)
		return 0;
	return (m->cap ? 2 * m->cap : FIRST_CAP) * sizeof *m->v;
}

static bool grow(bc_strmap *m)
{
	size_t cap = m->cap ? 2 * m->cap : FIRST_CAP;
	bc_strmap bigger = {bc_calloc(cap, sizeof *m->v), m->n, cap};
	if (!bigger.v)
		return false;
	for (size_t i = 0; i < m->cap; i++)
		if (m->v[i].key)
			*slot_of(&bigger, m->v[i].key, strlen(m->v[i].key),
				 m->v[i].hash) = m->v[i];
	bc_free(m->v);
	*m = bigger;
	return true;
}

int bc_strmap_add(bc_strmap *m, const char *key, size_t val, size_t *old)
{
	size_t len = strlen(key);
	uint64_t h = hash_of(key, len);
	if (m->cap) {
		struct bc_strmap_slot *s = slot_of(m, key, len, h);
		if (s->key) {
			if (old)
				*old = s->val;
			return 0;
		}
	}
	if (bc_strmap_growth(m) && !grow(m))
		return -1;
	*slot_of(m, key, len, h) = (struct bc_strmap_slot){key, val, h};
	m->n++;
	return 1;
}

bool bc_strmap_getn(const bc_strmap *m, const char *key, size_t len,
		    size_t *val)
{
	if (!m->cap)
		return false;
	const struct bc_strmap_slot *s = slot_of(m, key, len, hash_of(key, len));
	if (s->key)
		*val = s->val;
	return s->key != NULL;
}

bool bc_strmap_get(const bc_strmap *m, const char *key, size_t *val)
{
	return bc_strmap_getn(m, key, strlen(key), val);
}

size_t bc_strmap_bytes(const bc_strmap *m)
{
	return m->cap * sizeof *m->v;
}

void bc_strmap_free(bc_strmap *m)
{
	bc_free(m->v);
	*m = (bc_strmap)BC_STRMAP_INIT;
}

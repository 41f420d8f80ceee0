/* SPDX-License-Identifier: MIT */
/*
 * A map from names to positions in an array: finding one of many items by
 * its id without scanning them all, so that registering n items is linear,
 * not quadratic.  The keys are borrowed (the strings the items own, which
 * must outlive the map unchanged); the map holds pointers and positions.
 * Open addressing over a power-of-two table kept at most half full.
 */
#ifndef BC_STRMAP_H
#define BC_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bc_strmap {
	struct bc_strmap_slot *v;
	size_t n, cap;
} bc_strmap;

#define BC_STRMAP_INIT {0}

/* Bytes the next bc_strmap_add allocates: 0 unless it grows the table.
 * A caller that accounts for memory charges this first. */
size_t bc_strmap_growth(const bc_strmap *m);
/* Maps key to val.  1 when added; 0 when key was there already (the map
 * unchanged, *old its value when old is not NULL); -1 when memory ran
 * out (the map unchanged). */
int bc_strmap_add(bc_strmap *m, const char *key, size_t val, size_t *old);
/* The value of key into *val; false when absent. */
bool bc_strmap_get(const bc_strmap *m, const char *key, size_t *val);
/* The same for the key made of key's first len bytes. */
bool bc_strmap_getn(const bc_strmap *m, const char *key, size_t len,
		    size_t *val);
/* Bytes the map holds. */
size_t bc_strmap_bytes(const bc_strmap *m);
void bc_strmap_free(bc_strmap *m);

#endif

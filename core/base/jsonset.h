/* SPDX-License-Identifier: MIT */
/*
 * Building JSON with jansson without losing a value in silence.  jansson
 * fails only for lack of memory, and then quietly: a constructor returns
 * NULL, a setter leaves the key out (releasing the value).  Every value a
 * builder makes or stores goes through these, which note the failure in
 * *err (BC_ERR_NOMEM, the first error kept); the builder then fails as a
 * whole instead of giving a result with a figure missing.
 */
#ifndef BC_JSONSET_H
#define BC_JSONSET_H

#include "error.h"

#include <jansson.h>

/* v, a value just made; its absence noted. */
static inline json_t *bc_json_made(bc_err *err, json_t *v)
{
	if (!v && *err == BC_OK)
		*err = BC_ERR_NOMEM;
	return v;
}

/* o[k] = v, taking v (a NULL o or v is a failure too).  Returns v,
 * borrowed from o, or NULL when it failed: jansson has then released v,
 * which must not be used. */
static inline json_t *bc_json_set(bc_err *err, json_t *o, const char *k,
				  json_t *v)
{
	if (!json_object_set_new(o, k, v))
		return v;
	if (*err == BC_OK)
		*err = BC_ERR_NOMEM;
	return NULL;
}

/* As bc_json_set, for a key known to be UTF-8 (jansson does not look):
 * what a loop over a country's values sets. */
static inline json_t *bc_json_set_nocheck(bc_err *err, json_t *o,
					  const char *k, json_t *v)
{
	if (!json_object_set_new_nocheck(o, k, v))
		return v;
	if (*err == BC_OK)
		*err = BC_ERR_NOMEM;
	return NULL;
}

/* Appends v to the array a, as bc_json_set. */
static inline json_t *bc_json_push(bc_err *err, json_t *a, json_t *v)
{
	if (!json_array_append_new(a, v))
		return v;
	if (*err == BC_OK)
		*err = BC_ERR_NOMEM;
	return NULL;
}

/* o when nothing of it failed (e), else NULL, o released: a builder's
 * result is whole or absent. */
static inline json_t *bc_json_whole(json_t *o, bc_err e)
{
	if (e == BC_OK)
		return o;
	json_decref(o);
	return NULL;
}

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Private to the rules: the kinds of registration, each described once
 * (ruleset.c's bc_registry): what the rules call, the function that
 * reads one (and adds its id, bc_rl_add_id, for a kind found by id),
 * where its items go in bc_ruleset, and how one is shown as JSON
 * (ruleset_json.c).  A new kind is a
 * struct in ruleset.h, a reader and a line of the table; the loading,
 * the lookups, the rulebook's and the JSON follow from the line.
 */
#ifndef BC_REGISTRY_H
#define BC_REGISTRY_H

#include "ruleset.h"

#include <stddef.h>

struct lua_State;
struct json_t;

/* How a member of an item is shown in JSON. */
typedef enum bc_show {
	BC_SHOW_TEXT,         /* a string */
	BC_SHOW_TEXT_OR_NULL, /* a string, null when absent */
	BC_SHOW_TEXT_IF_SET,  /* a string, left out when absent */
	BC_SHOW_LIST,         /* a list of strings (char **, and its count) */
	BC_SHOW_LIST_IF_ANY,  /* the same, left out when empty */
} bc_show;

/* A member of an item as JSON shows it: its key, and where it is. */
typedef struct bc_shown {
	const char *key;
	bc_show how;
	size_t at, n_at; /* offsetof the member (and of a list's count) */
} bc_shown;

typedef struct bc_reg {
	const char *name; /* the rules call name{…} */
	/* Reads one registration from the table at index 1 (bc_rl_item
	 * gives it its item); raises a Lua error for a malformed one. */
	int (*read)(struct lua_State *L);
	/* Its items in bc_ruleset, an array and its count (both 0 for the
	 * directive, which is one of its own), and the size of one. */
	size_t items, count, size;
	const char *json; /* its key in `rules show --json`; NULL: apart */
	bool catalogue;   /* part of the catalogue exporters read */
	/* An item as JSON: its members in order, NULL-ended, or a function
	 * of its own. */
	const bc_shown *shown;
	struct json_t *(*show)(const void *item);
} bc_reg;

extern const bc_reg bc_registry[BC_REG_N];

/* Those shown their own way (ruleset_json.c). */
struct json_t *bc_period_type_json(const void *item);
struct json_t *bc_form_json(const void *item);
struct json_t *bc_holiday_json(const void *item);
struct json_t *bc_working_day_json(const void *item);
struct json_t *bc_scheme_json(const void *item); /* scheme.c */

#endif

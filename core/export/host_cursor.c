/* SPDX-License-Identifier: MIT */
/*
 * A cursor walks what a lean model leaves out a unit at a time: it holds
 * one unit's worth (or one form's values, which bc_host_form_values reads
 * whole) and the item it last gave, never the country.  Every open cursor
 * is linked into its host, which closes what a plugin left open.
 */
#include "host_cursor.h"
#include "export_host.h"
#include "mem.h"
#include "status_json.h"

#include <stdlib.h>
#include <string.h>

struct bc_cursor {
	bc_host *h;
	bc_cursor *prev, *next_open; /* the host's open cursors */
	/* Sets item to the next one: 1, 0 after the last, -1 failed. */
	int (*step)(bc_cursor *c);
	json_t *src;   /* what the pass walks (own reference) */
	void *it;      /* an object's iterator in src */
	size_t i;      /* or the index in src (or in the status) */
	json_t *rows;  /* every unit's rows: the current unit's */
	size_t j;      /* and the next of them */
	const char **codes; /* every unit's rows: the units, by code */
	char *form, *table;
	json_t *item;  /* the current item (own reference) */
	char **strs;   /* numbers as text handed out for the item */
	size_t n_strs, cap_strs;
};

static void drop_item(bc_cursor *c)
{
	json_decref(c->item);
	c->item = NULL;
	for (size_t i = 0; i < c->n_strs; i++)
		bc_free(c->strs[i]);
	c->n_strs = 0;
}

void bc_cursor_close(bc_cursor *c)
{
	if (!c)
		return;
	drop_item(c);
	if (c->prev)
		c->prev->next_open = c->next_open;
	else
		*bc_host_cursors(c->h) = c->next_open;
	if (c->next_open)
		c->next_open->prev = c->prev;
	bc_free(c->strs);
	json_decref(c->src);
	json_decref(c->rows);
	bc_free(c->codes);
	bc_free(c->form);
	bc_free(c->table);
	bc_free(c);
}

/* A new cursor over src (taken) stepped by step, linked into h; NULL
 * (src released, the host told) when src or memory is missing. */
static bc_cursor *open_pass(bc_host *h, json_t *src, int (*step)(bc_cursor *))
{
	bc_cursor *c = src ? bc_calloc(1, sizeof *c) : NULL;
	if (!c) {
		json_decref(src);
		bc_host_nomem(h);
		return NULL;
	}
	*c = (bc_cursor){.h = h, .src = src, .step = step};
	bc_cursor **head = bc_host_cursors(h);
	c->next_open = *head;
	if (*head)
		(*head)->prev = c;
	*head = c;
	return c;
}

/* The item made for the cursor, or -1 when memory ran out making it. */
static int made(bc_cursor *c, json_t *item)
{
	if (!item) {
		bc_host_nomem(c->h);
		return -1;
	}
	c->item = item;
	return 1;
}

static int step_array(bc_cursor *c)
{
	if (c->i >= json_array_size(c->src))
		return 0;
	return made(c, json_incref(json_array_get(c->src, c->i++)));
}

bc_cursor *bc_cursor_units(bc_host *h)
{
	json_t *units = json_object_get(bc_host_model(h), "units");
	return open_pass(h, json_incref(units ? units : json_array()),
			 step_array);
}

static int step_values(bc_cursor *c)
{
	c->it = c->i++ ? json_object_iter_next(c->src, c->it)
		       : json_object_iter(c->src);
	if (!c->it)
		return 0;
	return made(c, json_pack("{s:s, s:O}", "unit",
				 json_object_iter_key(c->it), "values",
				 json_object_iter_value(c->it)));
}

bc_cursor *bc_cursor_values(bc_host *h, const char *form)
{
	/* bc_host_form_values has told the host when it returns NULL. */
	json_t *v = form ? bc_host_form_values(h, form) : json_object();
	if (!v)
		return NULL;
	return open_pass(h, v, step_values);
}

static int step_status(bc_cursor *c)
{
	const bc_status *s = bc_host_status(c->h);
	if (c->i >= s->n)
		return 0;
	return made(c, bc_status_unit_json(s, c->i++));
}

bc_cursor *bc_cursor_status(bc_host *h)
{
	return open_pass(h, json_null(), step_status);
}

static int by_code(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every unit's rows: the next row of the current unit, else the first of
 * the next unit that has one, a unit's rows read when it comes. */
static int step_all_rows(bc_cursor *c)
{
	while (!c->rows || c->j >= json_array_size(c->rows)) {
		if (c->i >= json_object_size(c->src))
			return 0;
		json_decref(c->rows);
		c->rows = bc_host_unit_rows(c->h, c->form, c->table,
					    c->codes[c->i++]);
		c->j = 0;
		if (!c->rows)
			return -1;
	}
	return made(c, json_incref(json_array_get(c->rows, c->j++)));
}

/* The units that have rows, by code, for step_all_rows. */
static bc_cursor *all_rows(bc_host *h, const char *form, const char *table)
{
	json_t *units = NULL, *longest = NULL;
	if (!bc_host_table_shape(h, form, table, &units, &longest))
		return NULL;
	json_decref(longest);
	bc_cursor *c = open_pass(h, units, step_all_rows);
	size_t n = c ? json_object_size(units) : 0, k = 0;
	if (c && !(c->codes = bc_calloc(n + 1, sizeof *c->codes))) {
		bc_cursor_close(c);
		bc_host_nomem(h);
		return NULL;
	}
	const char *code;
	json_t *v;
	if (c)
		json_object_foreach(units, code, v)
			c->codes[k++] = code;
	if (c)
		qsort(c->codes, n, sizeof *c->codes, by_code);
	return c;
}

bc_cursor *bc_cursor_rows(bc_host *h, const char *form, const char *table,
			  const char *unit)
{
	if (!form || !table)
		return open_pass(h, json_array(), step_array);
	if (unit)
		return open_pass(h, bc_host_unit_rows(h, form, table, unit),
				 step_array);
	bc_cursor *c = all_rows(h, form, table);
	if (c && (!(c->form = bc_strdup(form)) ||
		  !(c->table = bc_strdup(table)))) {
		bc_cursor_close(c);
		bc_host_nomem(h);
		return NULL;
	}
	return c;
}

int bc_cursor_next(bc_cursor *c)
{
	if (!c)
		return -1;
	drop_item(c);
	return c->step(c);
}

const char *bc_cursor_get(bc_cursor *c, const char *path)
{
	char num[BC_HOST_NUM];
	const char *t = c ? bc_host_text(bc_host_at(c->item, path), num) : NULL;
	if (t != num)
		return t;
	char *s = bc_strdup(num);
	if (!s || bc_grow((void **)&c->strs, &c->cap_strs, c->n_strs + 1,
			  sizeof *c->strs) < 0) {
		bc_free(s);
		bc_host_nomem(c->h);
		return NULL;
	}
	return c->strs[c->n_strs++] = s;
}

json_t *bc_cursor_item(bc_cursor *c)
{
	return c ? c->item : NULL;
}

int bc_cursor_number(bc_cursor *c, const char *path, double *out)
{
	return c ? bc_host_number(bc_host_at(c->item, path), out) : -1;
}

size_t bc_cursor_count(bc_cursor *c, const char *path)
{
	return c ? bc_host_count(bc_host_at(c->item, path)) : 0;
}

const char *bc_cursor_key(bc_cursor *c, const char *path, size_t i)
{
	return c ? bc_host_key(bc_host_at(c->item, path), i) : NULL;
}

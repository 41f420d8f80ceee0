/* SPDX-License-Identifier: MIT */
#include "submission.h"
#include "mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

bc_submission *bc_submission_add(bc_submissions *list, const char *file,
				 int line)
{
	if (bc_grow((void **)&list->v, &list->cap, list->n + 1,
		    sizeof *list->v) < 0)
		return NULL;
	bc_submission *s = &list->v[list->n];
	*s = (bc_submission){.line = line};
	if (!(s->file = bc_strdup(file)))
		return NULL;
	list->n++;
	return s;
}

bc_err bc_attr_set(bc_attr *a, const char *text, int line, const char *loc)
{
	bc_free(a->text);
	bc_free(a->loc);
	a->text = bc_strdup(text);
	a->loc = bc_strdup(loc);
	a->line = line;
	return (text && !a->text) || (loc && !a->loc) ? BC_ERR_NOMEM : BC_OK;
}

bc_err bc_submission_form(bc_submission *s, const char *form, int line)
{
	for (size_t i = 0; i < s->n_forms; i++)
		if (strcmp(s->forms[i], form) == 0)
			return BC_OK;
	if (s->n_forms == BC_READ_MAX_FORMS)
		return BC_ERR_LIMIT;
	char **f = bc_realloc(s->forms, (s->n_forms + 1) * sizeof *f);
	if (!f)
		return BC_ERR_NOMEM;
	s->forms = f;
	int *l = bc_realloc(s->form_lines, (s->n_forms + 1) * sizeof *l);
	if (!l)
		return BC_ERR_NOMEM;
	s->form_lines = l;
	if (!(s->forms[s->n_forms] = bc_strdup(form)))
		return BC_ERR_NOMEM;
	s->form_lines[s->n_forms++] = line;
	return BC_OK;
}

bc_err bc_submission_value(bc_submission *s, const char *form,
			   const char *field, int row, const char *col,
			   const char *text, bc_rawkind kind, int line,
			   const char *loc)
{
	if (bc_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v) < 0)
		return BC_ERR_NOMEM;
	bc_raw *r = &s->v[s->n];
	*r = (bc_raw){.row = row, .kind = kind, .line = line};
	r->form = bc_arena_strdup(&s->strings, form);
	r->field = bc_arena_strdup(&s->strings, field);
	r->col = bc_arena_strdup(&s->strings, col);
	r->text = bc_arena_strdup(&s->strings, text);
	r->loc = bc_arena_strdup(&s->strings, loc);
	s->n++;
	if (!r->form || !r->field || (col && !r->col) || (text && !r->text) ||
	    (loc && !r->loc))
		return BC_ERR_NOMEM;
	return BC_OK;
}

static void attr_free(bc_attr *a)
{
	bc_free(a->text);
	bc_free(a->loc);
}

void bc_submissions_free(bc_submissions *list)
{
	for (size_t i = 0; i < list->n; i++) {
		bc_submission *s = &list->v[i];
		bc_attr *attrs[] = {&s->unit,        &s->period,
				    &s->signer_name, &s->signer_title,
				    &s->signed_date, &s->received_at,
				    &s->channel,     &s->estimated,
				    &s->ruleset,     &s->ruleset_hash};
		for (size_t k = 0; k < sizeof attrs / sizeof *attrs; k++)
			attr_free(attrs[k]);
		bc_arena_free(&s->strings);
		for (size_t k = 0; k < s->n_forms; k++)
			bc_free(s->forms[k]);
		bc_free(s->forms);
		bc_free(s->form_lines);
		bc_free(s->v);
		bc_free(s->file);
	}
	bc_free(list->v);
	*list = (bc_submissions){0};
}

uint64_t bc_hash_text(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return (h ^ 0xff) * 0x100000001b3u; /* ends the string */
}

bc_address bc_cell_address(const char *field, char *table, size_t n,
			   int *row, const char **col)
{
	*row = 0;
	*col = NULL;
	const char *b = strchr(field, '[');
	if (!b)
		return BC_ADDR_FIELD;
	char *end;
	long i = strtol(b + 1, &end, 10);
	if ((size_t)(b - field) >= n || b == field || end == b + 1 ||
	    *end != ']' || end[1] != '.' || !end[2] || i < 1 ||
	    !isdigit((unsigned char)b[1]))
		return BC_ADDR_BAD;
	memcpy(table, field, (size_t)(b - field));
	table[b - field] = '\0';
	if (i > BC_TABLE_MAX_ROWS)
		return BC_ADDR_ROWS;
	*row = (int)i;
	*col = end + 2;
	return BC_ADDR_CELL;
}

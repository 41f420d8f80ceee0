// SPDX-License-Identifier: MIT
#include "frame.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void lines_free(bc_doc_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	l->line = NULL;
	l->n = 0;
}

bool bc_doc_lines_add(bc_doc_lines *l, const char *s)
{
	char *c = strdup(s ? s : "");
	char **g = c ? realloc(l->line, (l->n + 1) * sizeof *g) : NULL;
	if (!g) {
		free(c);
		return false;
	}
	g[l->n++] = c;
	l->line = g;
	return true;
}

void bc_doc_frame_free(bc_doc_frame *f)
{
	if (!f)
		return;
	char **s[] = {&f->parent, &f->number, &f->about, &f->nation,
		      &f->motto, &f->place_date, &f->type, &f->signer_title,
		      &f->signer_name, &f->recipients_head};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		free(*s[i]);
	bc_doc_lines *l[] = {&f->body, &f->title, &f->to, &f->authority,
			     &f->recipients};
	for (size_t i = 0; i < sizeof l / sizeof l[0]; i++)
		lines_free(l[i]);
	memset(f, 0, sizeof *f);
}

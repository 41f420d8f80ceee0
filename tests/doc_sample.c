// SPDX-License-Identifier: MIT
/*
 * Builds the document a fixture describes (tests/data/doc/sample.txt:
 * one element a line, "kind|field|…") through doc.h and writes it with
 * the writer that the output's extension names, for the end-to-end test
 * (tests/e2e/docx.py) and for looking at the pages.
 *
 *     doc_sample FIXTURE OUT.docx
 *
 * Two kinds are made here rather than read: "controls", a paragraph of
 * control characters and bytes that are not UTF-8, and "long|N|name", a
 * unit's text of N characters.
 */
#include "doc.h"
#include "docx.h"
#include "mem.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 16

/* Splits line at '|' into f (at most MAX_FIELDS), "\n" made a newline
 * in place; returns the count. */
static size_t split(char *line, char *f[MAX_FIELDS])
{
	size_t n = 0;
	for (char *s = line; n < MAX_FIELDS; s++) {
		f[n++] = s;
		s = strchr(s, '|');
		if (!s)
			break;
		*s = '\0';
	}
	for (size_t i = 0; i < n; i++) {
		char *o = f[i];
		for (char *p = f[i]; *p; p++) {
			if (p[0] == '\\' && p[1] == 'n') {
				*o++ = '\n';
				p++;
			} else {
				*o++ = *p;
			}
		}
		*o = '\0';
	}
	return n;
}

static bc_doc_style style_of(const char *s)
{
	static const char *const names[] = {"body", "plain", "centre", "right",
					    "note"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i]))
			return (bc_doc_style)i;
	return BC_DOC_BODY;
}

static bc_doc_align align_of(const char *s, size_t n)
{
	return !strncmp(s, "end", n) ? BC_DOC_END
	       : !strncmp(s, "middle", n) ? BC_DOC_MIDDLE
					  : BC_DOC_LEFT;
}

static void frame_field(bc_doc_frame *f, char **v, size_t n)
{
	struct {
		const char *key;
		char **s;
	} one[] = {{"parent", &f->parent}, {"number", &f->number},
		   {"about", &f->about}, {"nation", &f->nation},
		   {"motto", &f->motto}, {"place_date", &f->place_date},
		   {"type", &f->type}, {"signer_title", &f->signer_title},
		   {"signer_name", &f->signer_name},
		   {"recipients_head", &f->recipients_head}};
	struct {
		const char *key;
		bc_doc_lines *l;
	} many[] = {{"body", &f->body}, {"title", &f->title}, {"to", &f->to},
		    {"authority", &f->authority},
		    {"recipient", &f->recipients}};
	for (size_t i = 0; n > 1 && i < sizeof one / sizeof one[0]; i++)
		if (!strcmp(v[0], one[i].key)) {
			free(*one[i].s);
			*one[i].s = strdup(v[1]);
		}
	for (size_t i = 0; n > 1 && i < sizeof many / sizeof many[0]; i++)
		if (!strcmp(v[0], many[i].key))
			bc_doc_lines_add(many[i].l, v[1]);
}

/* "table|cols|header rows|w,w,…|align,align,…" */
static void table(bc_doc *doc, char **v, size_t n)
{
	size_t cols = n > 1 ? strtoul(v[1], NULL, 10) : 0;
	bc_doc_table_begin(doc, cols, n > 2 ? strtoul(v[2], NULL, 10) : 0);
	const char *w = n > 3 ? v[3] : "", *a = n > 4 ? v[4] : "";
	for (size_t c = 0; c < cols; c++) {
		size_t al = strcspn(a, ",");
		bc_doc_table_col(doc, c, (unsigned)strtoul(w, NULL, 10),
				 align_of(a, al));
		w += strcspn(w, ",");
		w += *w == ',';
		a += al + (a[al] == ',');
	}
}

/* "row|cell|cell@span|^|…", "total|…": "^" goes on the cell above. */
static void row(bc_doc *doc, char **v, size_t n, bool total)
{
	bc_doc_table_row(doc, total);
	for (size_t i = 1; i < n; i++) {
		char *at = strrchr(v[i], '@');
		if (at)
			*at = '\0';
		size_t span = at ? strtoul(at + 1, NULL, 10) : 1;
		if (!strcmp(v[i], "^"))
			bc_doc_table_down(doc, span);
		else
			bc_doc_table_span(doc, v[i], span);
	}
}

/* "many|N|name|cell…": N rows numbered, the name numbered too. */
static void many(bc_doc *doc, char **v, size_t n)
{
	long rows = n > 1 ? strtol(v[1], NULL, 10) : 0;
	for (long r = 1; r <= rows; r++) {
		char num[24], *name = bc_sprintf("%s %ld", n > 2 ? v[2] : "", r);
		snprintf(num, sizeof num, "%ld", r);
		bc_doc_table_row(doc, false);
		bc_doc_table_cell(doc, num);
		bc_doc_table_cell(doc, name);
		for (size_t i = 3; i < n; i++)
			bc_doc_table_cell(doc, v[i]);
		bc_free(name);
	}
}

/* "long|N|name": a unit's text of N characters in sentences. */
static void long_text(bc_doc *doc, char **v, size_t n)
{
	static const char words[] = "Lorem ipsum dolor sit amet, consectetur "
				    "adipiscing elit. ";
	size_t len = n > 1 ? strtoul(v[1], NULL, 10) : 0;
	char *s = bc_malloc(len + 1);
	if (!s)
		return;
	for (size_t i = 0; i < len; i++)
		s[i] = words[i % (sizeof words - 1)];
	s[len] = '\0';
	bc_doc_quote(doc, n > 2 ? v[2] : "", s);
	bc_free(s);
}

static void runs(bc_doc *doc, char **v, size_t n)
{
	bc_doc_para_begin(doc, style_of(n > 1 ? v[1] : ""));
	for (size_t i = 2; i + 1 < n; i += 2)
		bc_doc_para_run(doc, (unsigned)strtoul(v[i + 1], NULL, 10),
				v[i]);
}

static void element(bc_doc *doc, char **v, size_t n)
{
	const char *k = v[0];
	if (!strcmp(k, "para") && n > 2)
		bc_doc_para(doc, style_of(v[1]), v[2]);
	else if (!strcmp(k, "note") && n > 1)
		bc_doc_para(doc, BC_DOC_NOTE, v[1]);
	else if (!strcmp(k, "runs"))
		runs(doc, v, n);
	else if (!strcmp(k, "heading") && n > 3)
		bc_doc_heading(doc, atoi(v[1]), v[2], v[3]);
	else if (!strcmp(k, "quote") && n > 2)
		bc_doc_quote(doc, v[1], v[2]);
	else if (!strcmp(k, "table"))
		table(doc, v, n);
	else if (!strcmp(k, "row") || !strcmp(k, "total"))
		row(doc, v, n, k[0] == 't');
	else if (!strcmp(k, "many"))
		many(doc, v, n);
	else if (!strcmp(k, "controls"))
		bc_doc_para(doc, BC_DOC_BODY,
			    "Controls:\x01 gone\x1b[0m, DEL\x7f gone, C1\xc2\x85"
			    " gone;\r\nCR LF kept as a new paragraph; bad "
			    "bytes \xff\xc3( replaced.");
	else if (!strcmp(k, "long"))
		long_text(doc, v, n);
	else if (!strcmp(k, "pagebreak"))
		bc_doc_page_break(doc);
	else if (!strcmp(k, "section") && n > 1)
		bc_doc_section(doc, strcmp(v[1], "landscape") ? BC_DOC_PORTRAIT
							     : BC_DOC_LANDSCAPE);
	else if (!strcmp(k, "signature"))
		bc_doc_signature(doc);
	else
		frame_field(&doc->frame, v, n);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: doc_sample FIXTURE OUT.docx\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	bc_doc *doc = bc_doc_new();
	if (!in || !doc) {
		perror(argv[1]);
		return 1;
	}
	char *line = NULL, *v[MAX_FIELDS];
	size_t cap = 0;
	for (ssize_t len; (len = getline(&line, &cap, in)) > 0;) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] && line[0] != '#')
			element(doc, v, split(line, v));
	}
	free(line);
	fclose(in);
	bc_diags d = BC_DIAGS_INIT;
	bc_err rc = bc_docx_write(doc, argv[2], &d);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.v[i].msg);
	if (rc != BC_OK)
		fprintf(stderr, "doc_sample: %s\n", bc_strerror(rc));
	bc_diags_free(&d);
	bc_doc_free(doc);
	return rc == BC_OK ? 0 : 1;
}

// SPDX-License-Identifier: MIT
#include "doc.h"

#include "mem.h"

#include <string.h>

/* The code point of the well-formed sequence at s[0..n), its length in
 * *len; 0xFFFD with *len 1 for a byte that starts none (a stray
 * continuation, an overlong, a surrogate, a sequence cut short). */
static unsigned decode(const unsigned char *s, size_t n, size_t *len)
{
	static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
	unsigned c = s[0];
	size_t l = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3
		   : c < 0xF5 ? 4 : 0;
	*len = 1;
	if (l <= 1 || l > n)
		return l == 1 ? c : 0xFFFD;
	c &= 0x7F >> l;
	for (size_t k = 1; k < l; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0xFFFD;
		c = c << 6 | (s[k] & 0x3F);
	}
	if (c < min[l] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0xFFFD;
	*len = l;
	return c;
}

/* What XML 1.0 cannot carry and no clerk types: the controls but tab
 * and newline, and the two non-characters U+FFFE and U+FFFF. */
static bool dropped(unsigned c)
{
	return (c < 0x20 && c != '\t' && c != '\n') ||
	       (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
}

char *bc_doc_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), o = 0;
	/* A bad byte becomes three (U+FFFD). */
	char *out = bc_malloc(3 * n + 1);
	if (!out)
		return NULL;
	for (size_t i = 0, len; i < n; i += len) {
		unsigned c = decode(p + i, n - i, &len);
		if (c == '\r') {
			if (i + 1 >= n || p[i + 1] != '\n')
				out[o++] = '\n';
			continue;
		}
		if (dropped(c))
			continue;
		if (c == 0xFFFD && len == 1) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(out + o, p + i, len);
			o += len;
		}
	}
	out[o] = '\0';
	/* The bound may be three times the text: give back what is not
	 * used of a long one. */
	char *fit = o + 4096 < 3 * n ? bc_realloc(out, o + 1) : NULL;
	return fit ? fit : out;
}

bc_doc *bc_doc_new(void)
{
	return bc_calloc(1, sizeof(bc_doc));
}

static void table_free(bc_doc_table *t)
{
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t c = 0; c < t->row[r].n; c++)
			bc_free(t->row[r].cell[c].text);
		bc_free(t->row[r].cell);
	}
	bc_free(t->row);
	bc_free(t->width);
	bc_free(t->align);
}

static void block_free(bc_doc_block *b)
{
	switch (b->kind) {
	case BC_DOC_HEADING:
		bc_free(b->heading.number);
		bc_free(b->heading.title);
		break;
	case BC_DOC_PARA:
		for (size_t i = 0; i < b->para.n; i++)
			bc_free(b->para.run[i].text);
		bc_free(b->para.run);
		break;
	case BC_DOC_QUOTE:
		bc_free(b->quote.name);
		bc_free(b->quote.text);
		break;
	case BC_DOC_TABLE:
		table_free(&b->table);
		break;
	case BC_DOC_PAGE_BREAK:
	case BC_DOC_SECTION:
	case BC_DOC_SIGNATURE:
		break;
	}
}

void bc_doc_free(bc_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->n; i++)
		block_free(&doc->block[i]);
	bc_free(doc->block);
	bc_doc_frame_free(&doc->frame);
	bc_free(doc);
}

bc_err bc_doc_error(const bc_doc *doc)
{
	return doc->err;
}

void bc_doc_set_frame(bc_doc *doc, bc_doc_frame *f)
{
	bc_doc_frame_free(&doc->frame);
	doc->frame = *f;
	memset(f, 0, sizeof *f);
}

/* Makes room for element n + 1 of the array *v of n: the lists of
 * runs, rows and cells keep no capacity, which is the power of two
 * bc_grow reached from nothing. */
static int grow(void **v, size_t n, size_t elem)
{
	size_t cap = n == 0 ? 0 : 2;
	while (cap < n)
		cap *= 2;
	return bc_grow(v, &cap, n + 1, elem);
}

/* Remembers the first error of a call on doc; returns err. */
static bc_err fail(bc_doc *doc, bc_err err)
{
	if (doc->err == BC_OK)
		doc->err = err;
	return err;
}

/* A new block of kind at the end, zeroed; NULL (the error remembered)
 * when out of memory or after an error. */
static bc_doc_block *add(bc_doc *doc, bc_doc_kind kind)
{
	if (doc->err != BC_OK)
		return NULL;
	if (bc_grow((void **)&doc->block, &doc->cap, doc->n + 1,
		    sizeof *doc->block) != 0) {
		fail(doc, BC_ERR_NOMEM);
		return NULL;
	}
	bc_doc_block *b = &doc->block[doc->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* The last block when it is of kind; NULL (BC_ERR_INVALID remembered)
 * when it is not, NULL after an error. */
static bc_doc_block *last(bc_doc *doc, bc_doc_kind kind)
{
	if (doc->err != BC_OK)
		return NULL;
	if (doc->n == 0 || doc->block[doc->n - 1].kind != kind) {
		fail(doc, BC_ERR_INVALID);
		return NULL;
	}
	return &doc->block[doc->n - 1];
}

/* Copies each of n texts made safe into *dst[i]; false (nothing kept,
 * BC_ERR_NOMEM remembered) when out of memory. */
static bool copy(bc_doc *doc, char **dst[], const char *const src[],
		 size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!(*dst[i] = bc_doc_clean(src[i]))) {
			while (i-- > 0) {
				bc_free(*dst[i]);
				*dst[i] = NULL;
			}
			fail(doc, BC_ERR_NOMEM);
			return false;
		}
	return true;
}

bc_err bc_doc_heading(bc_doc *doc, int level, const char *number,
		      const char *title)
{
	bc_doc_block *b = add(doc, BC_DOC_HEADING);
	if (!b)
		return doc->err;
	b->heading.level = level < 1 ? 1 : level;
	if (!copy(doc, (char **[]){&b->heading.number, &b->heading.title},
		  (const char *[]){number, title}, 2))
		doc->n--;
	return doc->err;
}

bc_err bc_doc_para_begin(bc_doc *doc, bc_doc_style style)
{
	bc_doc_block *b = add(doc, BC_DOC_PARA);
	if (b)
		b->para.style = style;
	return doc->err;
}

bc_err bc_doc_para_run(bc_doc *doc, unsigned flags, const char *text)
{
	bc_doc_block *b = last(doc, BC_DOC_PARA);
	if (!b)
		return doc->err;
	char *t = NULL;
	if (!copy(doc, (char **[]){&t}, (const char *[]){text}, 1))
		return doc->err;
	if (grow((void **)&b->para.run, b->para.n, sizeof *b->para.run)) {
		bc_free(t);
		return fail(doc, BC_ERR_NOMEM);
	}
	b->para.run[b->para.n++] = (bc_doc_run){.text = t, .flags = flags};
	return BC_OK;
}

bc_err bc_doc_para(bc_doc *doc, bc_doc_style style, const char *text)
{
	if (bc_doc_para_begin(doc, style) != BC_OK)
		return doc->err;
	return bc_doc_para_run(doc, 0, text);
}

bc_err bc_doc_quote(bc_doc *doc, const char *name, const char *text)
{
	bc_doc_block *b = add(doc, BC_DOC_QUOTE);
	if (!b)
		return doc->err;
	if (!copy(doc, (char **[]){&b->quote.name, &b->quote.text},
		  (const char *[]){name, text}, 2))
		doc->n--;
	return doc->err;
}

bc_err bc_doc_table_begin(bc_doc *doc, size_t cols, size_t header_rows)
{
	if (doc->err == BC_OK && cols == 0)
		return fail(doc, BC_ERR_INVALID);
	bc_doc_block *b = add(doc, BC_DOC_TABLE);
	if (!b)
		return doc->err;
	bc_doc_table *t = &b->table;
	t->cols = cols;
	t->header_rows = header_rows;
	t->width = bc_calloc(cols, sizeof *t->width);
	t->align = bc_calloc(cols, sizeof *t->align);
	if (!t->width || !t->align) {
		table_free(t);
		doc->n--;
		return fail(doc, BC_ERR_NOMEM);
	}
	for (size_t c = 0; c < cols; c++)
		t->width[c] = 1;
	return BC_OK;
}

bc_err bc_doc_table_col(bc_doc *doc, size_t col, unsigned width,
			bc_doc_align align)
{
	bc_doc_block *b = last(doc, BC_DOC_TABLE);
	if (!b)
		return doc->err;
	if (col >= b->table.cols)
		return fail(doc, BC_ERR_INVALID);
	b->table.width[col] = width ? width : 1;
	b->table.align[col] = align;
	return BC_OK;
}

bc_err bc_doc_table_row(bc_doc *doc, bool total)
{
	bc_doc_block *b = last(doc, BC_DOC_TABLE);
	if (!b)
		return doc->err;
	bc_doc_table *t = &b->table;
	if (grow((void **)&t->row, t->n_rows, sizeof *t->row))
		return fail(doc, BC_ERR_NOMEM);
	t->row[t->n_rows++] = (bc_doc_row){.total = total};
	return BC_OK;
}

/* The columns the cells of row r cover. */
static size_t row_span(const bc_doc_row *r)
{
	size_t n = 0;
	for (size_t c = 0; c < r->n; c++)
		n += r->cell[c].span;
	return n;
}

bc_err bc_doc_table_span(bc_doc *doc, const char *text, size_t span)
{
	bc_doc_block *b = last(doc, BC_DOC_TABLE);
	if (!b)
		return doc->err;
	bc_doc_table *t = &b->table;
	if (t->n_rows == 0 || span == 0 ||
	    row_span(&t->row[t->n_rows - 1]) + span > t->cols)
		return fail(doc, BC_ERR_INVALID);
	bc_doc_row *r = &t->row[t->n_rows - 1];
	char *s = NULL;
	if (!copy(doc, (char **[]){&s}, (const char *[]){text}, 1))
		return doc->err;
	if (grow((void **)&r->cell, r->n, sizeof *r->cell)) {
		bc_free(s);
		return fail(doc, BC_ERR_NOMEM);
	}
	r->cell[r->n++] = (bc_doc_cell){.text = s, .span = span};
	return BC_OK;
}

const bc_doc_cell *bc_doc_cell_at(const bc_doc_row *r, size_t col)
{
	size_t at = 0;
	for (size_t c = 0; c < r->n && at <= col; at += r->cell[c++].span)
		if (at == col)
			return &r->cell[c];
	return NULL;
}

bc_err bc_doc_table_down(bc_doc *doc, size_t span)
{
	bc_doc_block *b = last(doc, BC_DOC_TABLE);
	if (!b)
		return doc->err;
	bc_doc_table *t = &b->table;
	const bc_doc_cell *up =
		t->n_rows < 2 ? NULL
			      : bc_doc_cell_at(&t->row[t->n_rows - 2],
					row_span(&t->row[t->n_rows - 1]));
	if (!up || up->span != span)
		return fail(doc, BC_ERR_INVALID);
	if (bc_doc_table_span(doc, "", span) == BC_OK) {
		bc_doc_row *r = &t->row[t->n_rows - 1];
		r->cell[r->n - 1].down = true;
	}
	return doc->err;
}

bc_err bc_doc_table_cell(bc_doc *doc, const char *text)
{
	return bc_doc_table_span(doc, text, 1);
}

bc_err bc_doc_page_break(bc_doc *doc)
{
	add(doc, BC_DOC_PAGE_BREAK);
	return doc->err;
}

bc_err bc_doc_section(bc_doc *doc, bc_doc_orient orient)
{
	bc_doc_block *b = add(doc, BC_DOC_SECTION);
	if (b)
		b->orient = orient;
	return doc->err;
}

bc_err bc_doc_signature(bc_doc *doc)
{
	for (size_t i = 0; i < doc->n && doc->err == BC_OK; i++)
		if (doc->block[i].kind == BC_DOC_SIGNATURE)
			return fail(doc, BC_ERR_INVALID);
	add(doc, BC_DOC_SIGNATURE);
	return doc->err;
}

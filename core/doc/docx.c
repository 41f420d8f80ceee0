// SPDX-License-Identifier: MIT
#include "docx.h"

#include "mem.h"
#include "xmlpart.h"

#include <stdio.h>
#include <string.h>


/* <name/>, or <name w:val="v"/>. */
static void el(bc_xw *x, const char *name, const char *v)
{
	bc_xw_open(x, name);
	if (v)
		bc_xw_attr(x, "w:val", v);
	bc_xw_close(x);
}

static void el_n(bc_xw *x, const char *name, long v)
{
	bc_xw_open(x, name);
	bc_xw_attr_n(x, "w:val", v);
	bc_xw_close(x);
}

/* <name w:w="w" w:type="dxa"/>: a width in twips. */
static void el_dxa(bc_xw *x, const char *name, long w)
{
	bc_xw_open(x, name);
	bc_xw_attr_n(x, "w:w", w);
	bc_xw_attr(x, "w:type", "dxa");
	bc_xw_close(x);
}

/* A border: a solid black line, width eighths of a point, space points
 * from the text. */
static void line(bc_xw *x, const char *side, long width, long space)
{
	bc_xw_open(x, side);
	bc_xw_attr(x, "w:val", "single");
	bc_xw_attr_n(x, "w:sz", width);
	bc_xw_attr_n(x, "w:space", space);
	bc_xw_attr(x, "w:color", "auto");
	bc_xw_close(x);
}

static bool has(const char *s)
{
	return s && *s;
}

/* --- package parts: content types and relationships --------------- */

#define NS_PKG "http://schemas.openxmlformats.org/package/2006/"
#define NS_DOC "http://schemas.openxmlformats.org/officeDocument/2006/"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MIME_W "application/vnd.openxmlformats-officedocument.wordprocessingml."

static void content_types(bc_xw *x, const bc_doc *doc)
{
	static const char *const over[][2] = {
		{"/word/document.xml", MIME_W "document.main+xml"},
		{"/word/styles.xml", MIME_W "styles+xml"},
		{"/word/settings.xml", MIME_W "settings+xml"},
		{"/word/fontTable.xml", MIME_W "fontTable+xml"},
		{"/word/header1.xml", MIME_W "header+xml"},
		{"/word/header2.xml", MIME_W "header+xml"},
		{"/docProps/core.xml",
		 "application/vnd.openxmlformats-package.core-properties+xml"},
		{"/docProps/app.xml", "application/vnd.openxmlformats-"
				      "officedocument.extended-properties+xml"},
	};
	bc_xw_open(x, "Types");
	bc_xw_attr(x, "xmlns", NS_PKG "content-types");
	bc_xw_open(x, "Default");
	bc_xw_attr(x, "Extension", "rels");
	bc_xw_attr(x, "ContentType",
	     "application/vnd.openxmlformats-package.relationships+xml");
	bc_xw_close(x);
	bc_xw_open(x, "Default");
	bc_xw_attr(x, "Extension", "xml");
	bc_xw_attr(x, "ContentType", "application/xml");
	bc_xw_close(x);
	for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
		bc_xw_open(x, "Override");
		bc_xw_attr(x, "PartName", over[i][0]);
		bc_xw_attr(x, "ContentType", over[i][1]);
		bc_xw_close(x);
	}
	bc_xw_close(x);
}

/* A relationships part: n of {id, type, target}. */
static void rels(bc_xw *x, const char *const (*r)[3], size_t n)
{
	bc_xw_open(x, "Relationships");
	bc_xw_attr(x, "xmlns", NS_PKG "relationships");
	for (size_t i = 0; i < n; i++) {
		bc_xw_open(x, "Relationship");
		bc_xw_attr(x, "Id", r[i][0]);
		bc_xw_attr(x, "Type", r[i][1]);
		bc_xw_attr(x, "Target", r[i][2]);
		bc_xw_close(x);
	}
	bc_xw_close(x);
}

static void package_rels(bc_xw *x, const bc_doc *doc)
{
	static const char *const r[][3] = {
		{"rId1", NS_DOC "relationships/officeDocument",
		 "word/document.xml"},
		{"rId2", NS_PKG "relationships/metadata/core-properties",
		 "docProps/core.xml"},
		{"rId3", NS_DOC "relationships/extended-properties",
		 "docProps/app.xml"},
	};
	rels(x, r, sizeof r / sizeof r[0]);
}

/* rId3 and rId4 are the headers sectPr names. */
static void document_rels(bc_xw *x, const bc_doc *doc)
{
	static const char *const r[][3] = {
		{"rId1", NS_DOC "relationships/styles", "styles.xml"},
		{"rId2", NS_DOC "relationships/settings", "settings.xml"},
		{"rId3", NS_DOC "relationships/header", "header1.xml"},
		{"rId4", NS_DOC "relationships/header", "header2.xml"},
		{"rId5", NS_DOC "relationships/fontTable", "fontTable.xml"},
	};
	rels(x, r, sizeof r / sizeof r[0]);
}

/* --- document properties ----------------------------------------- */

/* The lines of l joined with a space (allocated; NULL on OOM). */
static char *joined(const bc_doc_lines *l, const char *first)
{
	size_t n = has(first) ? strlen(first) + 1 : 1;
	for (size_t i = 0; i < l->n; i++)
		n += strlen(l->line[i]) + 1;
	char *s = bc_malloc(n), *o = s;
	if (!s)
		return NULL;
	*o = '\0';
	if (has(first))
		o += sprintf(o, "%s", first);
	for (size_t i = 0; i < l->n; i++)
		o += sprintf(o, "%s%s", o > s ? " " : "", l->line[i]);
	return s;
}

static void core_props(bc_xw *x, const bc_doc *doc)
{
	const bc_doc_frame *f = &doc->frame;
	bc_xw_open(x, "cp:coreProperties");
	bc_xw_attr(x, "xmlns:cp", NS_PKG "metadata/core-properties");
	bc_xw_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	bc_xw_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
	bc_xw_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	char *title = has(f->about) ? NULL : joined(&f->title, f->type);
	char *creator = joined(&f->body, NULL);
	if (!creator || (!title && !has(f->about)))
		x->bad = true;
	bc_xw_el_text(x, "dc:title",
		      title ? title : has(f->about) ? f->about : "");
	bc_xw_el_text(x, "dc:creator", creator ? creator : "");
	bc_free(title);
	bc_free(creator);
	struct tm tm;
	char when[32];
	if (doc->created && gmtime_r(&doc->created, &tm) &&
	    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		bc_xw_open(x, "dcterms:created");
		bc_xw_attr(x, "xsi:type", "dcterms:W3CDTF");
		bc_xw_text(x, when);
		bc_xw_close(x);
	}
	bc_xw_close(x);
}

static void app_props(bc_xw *x, const bc_doc *doc)
{
	bc_xw_open(x, "Properties");
	bc_xw_attr(x, "xmlns", NS_DOC "extended-properties");
	bc_xw_el_text(x, "Application", "baocao");
	bc_xw_close(x);
}

static void settings(bc_xw *x, const bc_doc *doc)
{
	bc_xw_open(x, "w:settings");
	bc_xw_attr(x, "xmlns:w", NS_W);
	bc_xw_open(x, "w:zoom");
	bc_xw_attr(x, "w:percent", "100");
	bc_xw_close(x);
	el_n(x, "w:defaultTabStop", BC_TW_INDENT);
	el(x, "w:characterSpacingControl", "doNotCompress");
	bc_xw_open(x, "w:compat");
	bc_xw_open(x, "w:compatSetting");
	bc_xw_attr(x, "w:name", "compatibilityMode");
	bc_xw_attr(x, "w:uri", "http://schemas.microsoft.com/office/word");
	bc_xw_attr(x, "w:val", "15");
	bc_xw_close(x);
	bc_xw_close(x);
	bc_xw_close(x);
}

#define FONT "Times New Roman"

static void font_table(bc_xw *x, const bc_doc *doc)
{
	bc_xw_open(x, "w:fonts");
	bc_xw_attr(x, "xmlns:w", NS_W);
	bc_xw_open(x, "w:font");
	bc_xw_attr(x, "w:name", FONT);
	el(x, "w:panose1", "02020603050405020304");
	el(x, "w:charset", "00");
	el(x, "w:family", "roman");
	el(x, "w:pitch", "variable");
	bc_xw_close(x);
	bc_xw_close(x);
}

/* --- styles ------------------------------------------------------- */

static void run_props(bc_xw *x, unsigned emph, int size)
{
	bc_xw_open(x, "w:rPr");
	if (emph & BC_DOC_BOLD) {
		el(x, "w:b", NULL);
		el(x, "w:bCs", NULL);
	}
	if (emph & BC_DOC_ITALIC) {
		el(x, "w:i", NULL);
		el(x, "w:iCs", NULL);
	}
	if (size) {
		el_n(x, "w:sz", size);
		el_n(x, "w:szCs", size);
	}
	bc_xw_close(x);
}

static void style_p(bc_xw *x, const bc_pstyle *s)
{
	bc_xw_open(x, "w:style");
	bc_xw_attr(x, "w:type", "paragraph");
	bc_xw_attr(x, "w:styleId", s->id);
	el(x, "w:name", s->name);
	el(x, "w:basedOn", "Normal");
	el(x, "w:qFormat", NULL);
	bc_xw_open(x, "w:pPr");
	if (s->keep)
		el(x, "w:keepNext", NULL);
	bc_xw_open(x, "w:spacing");
	bc_xw_attr_n(x, "w:before", s->before);
	bc_xw_attr_n(x, "w:after", s->after);
	bc_xw_close(x);
	bc_xw_open(x, "w:ind");
	bc_xw_attr_n(x, "w:left", s->left);
	bc_xw_attr_n(x, "w:firstLine", s->first);
	bc_xw_close(x);
	el(x, "w:jc", s->jc);
	if (s->outline)
		el_n(x, "w:outlineLvl", s->outline - 1);
	bc_xw_close(x);
	run_props(x, s->emph, s->size);
	bc_xw_close(x);
}

/* The defaults every style builds on: Times New Roman 14 pt,
 * Vietnamese, single spacing a little opened (1.15). */
static void doc_defaults(bc_xw *x)
{
	bc_xw_open(x, "w:docDefaults");
	bc_xw_open(x, "w:rPrDefault");
	bc_xw_open(x, "w:rPr");
	bc_xw_open(x, "w:rFonts");
	for (const char *const *a = (const char *const[]){
		     "w:ascii", "w:hAnsi", "w:eastAsia", "w:cs", NULL};
	     *a; a++)
		bc_xw_attr(x, *a, FONT);
	bc_xw_close(x);
	el_n(x, "w:sz", 28);
	el_n(x, "w:szCs", 28);
	bc_xw_open(x, "w:lang");
	bc_xw_attr(x, "w:val", "vi-VN");
	bc_xw_attr(x, "w:eastAsia", "en-US");
	bc_xw_attr(x, "w:bidi", "ar-SA");
	bc_xw_close(x);
	bc_xw_close(x);
	bc_xw_close(x);
	bc_xw_open(x, "w:pPrDefault");
	bc_xw_open(x, "w:pPr");
	bc_xw_open(x, "w:spacing");
	bc_xw_attr(x, "w:after", "0");
	bc_xw_attr(x, "w:line", "276");
	bc_xw_attr(x, "w:lineRule", "auto");
	bc_xw_close(x);
	bc_xw_close(x);
	bc_xw_close(x);
	bc_xw_close(x);
}

/* A table style: borders (all single lines, or none) and cell
 * margins. */
static void style_table(bc_xw *x, const char *id, const char *name,
			bool lines, bool is_default)
{
	bc_xw_open(x, "w:style");
	bc_xw_attr(x, "w:type", "table");
	if (is_default)
		bc_xw_attr(x, "w:default", "1");
	bc_xw_attr(x, "w:styleId", id);
	el(x, "w:name", name);
	bc_xw_open(x, "w:tblPr");
	el_dxa(x, "w:tblInd", 0);
	if (lines) {
		bc_xw_open(x, "w:tblBorders");
		for (const char *const *b = (const char *const[]){
			     "w:top", "w:left", "w:bottom", "w:right",
			     "w:insideH", "w:insideV", NULL};
		     *b; b++) {
			line(x, *b, 4, 0);
		}
		bc_xw_close(x);
	}
	bc_xw_open(x, "w:tblCellMar");
	static const struct {
		const char *side;
		long w;
	} mar[] = {{"w:top", 0},
		   {"w:left", BC_TW_CELL_MARGIN},
		   {"w:bottom", 0},
		   {"w:right", BC_TW_CELL_MARGIN}};
	for (size_t i = 0; i < sizeof mar / sizeof mar[0]; i++)
		el_dxa(x, mar[i].side, mar[i].w);
	bc_xw_close(x);
	bc_xw_close(x);
	bc_xw_close(x);
}

static void styles(bc_xw *x, const bc_doc *doc)
{
	bc_xw_open(x, "w:styles");
	bc_xw_attr(x, "xmlns:w", NS_W);
	doc_defaults(x);
	bc_xw_open(x, "w:style");
	bc_xw_attr(x, "w:type", "paragraph");
	bc_xw_attr(x, "w:default", "1");
	bc_xw_attr(x, "w:styleId", "Normal");
	el(x, "w:name", "Normal");
	el(x, "w:qFormat", NULL);
	bc_xw_close(x);
	for (size_t i = 0; i < bc_n_pstyles; i++)
		style_p(x, &bc_pstyles[i]);
	style_table(x, "TableNormal", "Normal Table", false, true);
	style_table(x, "bcGrid", "Table Grid", true, false);
	bc_xw_close(x);
}

/* A header part: the page's number centred, or nothing. */
static void header(bc_xw *x, bool number)
{
	bc_xw_open(x, "w:hdr");
	bc_xw_attr(x, "xmlns:w", NS_W);
	bc_xw_open(x, "w:p");
	bc_xw_open(x, "w:pPr");
	el(x, "w:pStyle", "Header");
	bc_xw_close(x);
	if (number) {
		bc_xw_open(x, "w:fldSimple");
		bc_xw_attr(x, "w:instr", " PAGE ");
		bc_xw_open(x, "w:r");
		bc_xw_el_text(x, "w:t", "2");
		bc_xw_close(x);
		bc_xw_close(x);
	}
	bc_xw_close(x);
	bc_xw_close(x);
}

static void header_page(bc_xw *x, const bc_doc *doc)
{
	header(x, true);
}

/* The first page's: none. */
static void header_none(bc_xw *x, const bc_doc *doc)
{
	header(x, false);
}

/* --- paragraphs --------------------------------------------------- */

static void p_start(bc_xw *x, const char *style, const char *jc)
{
	bc_xw_open(x, "w:p");
	bc_xw_open(x, "w:pPr");
	el(x, "w:pStyle", style);
	if (jc)
		el(x, "w:jc", jc);
	bc_xw_close(x);
}

/* A run of s[0..n), tabs as Word's tab characters. */
static void run(bc_xw *x, unsigned emph, const char *s, size_t n)
{
	bc_xw_open(x, "w:r");
	if (emph)
		run_props(x, emph, 0);
	while (n > 0) {
		const char *tab = memchr(s, '\t', n);
		size_t k = tab ? (size_t)(tab - s) : n;
		if (k) {
			bc_xw_open(x, "w:t");
			bc_xw_attr(x, "xml:space", "preserve");
			bc_xw_text_n(x, s, k);
			bc_xw_close(x);
		}
		if (tab) {
			el(x, "w:tab", NULL);
			k++;
		}
		s += k;
		n -= k;
	}
	bc_xw_close(x);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* The runs r[0..n) as paragraphs of style: a newline starts the next,
 * a blank line makes none (the style's spacing parts paragraphs), and
 * runs with no text still make one, empty. */
static void paras(bc_xw *x, const char *style, const char *jc,
		  const bc_doc_run *r, size_t n)
{
	bool open = false, any = false;
	for (size_t i = 0; i < n; i++)
		for (const char *s = r[i].text, *nl;; s = nl + 1) {
			nl = strchr(s, '\n');
			size_t len = nl ? (size_t)(nl - s) : strlen(s);
			if (!open && !blank(s, len)) {
				p_start(x, style, jc);
				open = true;
			}
			if (open && len)
				run(x, r[i].flags, s, len);
			if (!nl)
				break;
			if (open)
				bc_xw_close(x);
			any |= open;
			open = false;
		}
	if (!open && !any)
		p_start(x, style, jc);
	if (open || !any)
		bc_xw_close(x);
}

static void para(bc_xw *x, const char *style, unsigned emph, const char *s)
{
	paras(x, style, NULL, &(bc_doc_run){.text = (char *)s, .flags = emph},
	      1);
}

/* A line of the frame, made safe on the way (the model's own texts
 * were when they came in); none when s is NULL or "". */
static void frame_para(bc_xw *x, const char *style, const char *s)
{
	if (!has(s))
		return;
	char *c = bc_doc_clean(s);
	if (!c)
		x->bad = true;
	else
		para(x, style, 0, c);
	bc_free(c);
}

static void frame_lines(bc_xw *x, const char *style, const bc_doc_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		frame_para(x, style, l->line[i]);
}

/* An empty paragraph whose bottom border is a rule len long, centred
 * in width; after: space under it. */
static void rule(bc_xw *x, long width, long len, long after)
{
	long side = (width - len) / 2;
	bc_xw_open(x, "w:p");
	bc_xw_open(x, "w:pPr");
	el(x, "w:pStyle", "bcRule");
	bc_xw_open(x, "w:pBdr");
	line(x, "w:bottom", 6, 1);
	bc_xw_close(x);
	bc_xw_open(x, "w:spacing");
	bc_xw_attr_n(x, "w:after", after);
	bc_xw_close(x);
	bc_xw_open(x, "w:ind");
	bc_xw_attr_n(x, "w:left", side > 0 ? side : 0);
	bc_xw_attr_n(x, "w:right", side > 0 ? side : 0);
	bc_xw_close(x);
	bc_xw_close(x);
	bc_xw_close(x);
}

/* --- tables -------------------------------------------------------- */

/* Ends a table with a little space under it: Word would join two
 * tables with nothing between, and a body may not end with one. */
static void table_end(bc_xw *x)
{
	bc_xw_close(x);
	para(x, "bcGap", 0, "");
}

typedef struct body {
	bc_xw *x;
	const bc_doc *doc;
	bc_doc_orient orient;
	bool first_section; /* still the first: its first page unnumbered */
	bool signed_;
} body;


/* A tiny empty paragraph, to carry a page break or the end of a
 * section. */
static void spacer_start(bc_xw *x)
{
	bc_xw_open(x, "w:p");
	bc_xw_open(x, "w:pPr");
	el(x, "w:pStyle", "bcRule");
}

static void table_start(bc_xw *x, long width, long indent, const char *style)
{
	bc_xw_open(x, "w:tbl");
	bc_xw_open(x, "w:tblPr");
	if (style)
		el(x, "w:tblStyle", style);
	el_dxa(x, "w:tblW", width);
	el_dxa(x, "w:tblInd", indent);
	bc_xw_open(x, "w:tblLayout");
	bc_xw_attr(x, "w:type", "fixed");
	bc_xw_close(x);
	bc_xw_close(x);
}

static void grid(bc_xw *x, const long *w, size_t n)
{
	bc_xw_open(x, "w:tblGrid");
	for (size_t i = 0; i < n; i++) {
		bc_xw_open(x, "w:gridCol");
		bc_xw_attr_n(x, "w:w", w[i]);
		bc_xw_close(x);
	}
	bc_xw_close(x);
}

/* merge: the cell's part in a vertical merge, "restart" (the first),
 * "continue" or NULL (none). */
static void cell_start(bc_xw *x, long width, size_t span, bool middle,
		       const char *merge)
{
	bc_xw_open(x, "w:tc");
	bc_xw_open(x, "w:tcPr");
	el_dxa(x, "w:tcW", width);
	if (span > 1)
		el_n(x, "w:gridSpan", (long)span);
	if (merge)
		el(x, "w:vMerge", merge);
	el(x, "w:vAlign", middle ? "center" : "top");
	bc_xw_close(x);
}

/* Whether the cell of row r at column col goes on below (the next row's
 * cell there is a "down" one). */
static bool merged_below(const bc_doc_table *t, size_t r, size_t col)
{
	const bc_doc_cell *c =
		r + 1 < t->n_rows ? bc_doc_cell_at(&t->row[r + 1], col) : NULL;
	return c && c->down;
}

static const char *jc_of(bc_doc_align a)
{
	return a == BC_DOC_END ? "right" : a == BC_DOC_MIDDLE ? "center"
							      : "left";
}

static void table_row(bc_xw *x, const bc_doc_table *t, size_t ri,
		      const long *w)
{
	const bc_doc_row *r = &t->row[ri];
	bool head = ri < t->header_rows;
	bc_xw_open(x, "w:tr");
	bc_xw_open(x, "w:trPr");
	el(x, "w:cantSplit", NULL);
	if (head)
		el(x, "w:tblHeader", NULL);
	bc_xw_close(x);
	size_t col = 0;
	for (size_t i = 0; i < r->n || col < t->cols; i++) {
		const bc_doc_cell *c = i < r->n ? &r->cell[i] : NULL;
		size_t span = c ? c->span : 1;
		long cw = 0;
		for (size_t k = col; k < col + span; k++)
			cw += w[k];
		const char *merge = c && c->down ? "continue"
				    : merged_below(t, ri, col) ? "restart"
							       : NULL;
		cell_start(x, cw, span, true, merge);
		bc_doc_run run = {.text = c ? c->text : (char *)"",
				  .flags = r->total ? BC_DOC_BOLD : 0};
		paras(x, head ? "bcCellHead" : "bcCell",
		      head ? NULL : jc_of(t->align[col]), &run, 1);
		bc_xw_close(x);
		col += span;
	}
	bc_xw_close(x);
}

static void table(body *b, const bc_doc_table *t)
{
	bc_xw *x = b->x;
	long tw = bc_tw_text_width(b->orient), sum = 0, used = 0;
	long *w = bc_malloc(t->cols * sizeof *w);
	if (!w) {
		x->bad = true;
		return;
	}
	for (size_t c = 0; c < t->cols; c++)
		sum += t->width[c];
	for (size_t c = 0; c < t->cols; c++) {
		w[c] = c + 1 < t->cols ? tw * (long)t->width[c] / sum
				       : tw - used;
		used += w[c];
	}
	table_start(x, tw, 0, "bcGrid");
	grid(x, w, t->cols);
	for (size_t r = 0; r < t->n_rows; r++)
		table_row(x, t, r, w);
	table_end(x);
	bc_free(w);
}

/* --- the frame ----------------------------------------------------- */


static void frame_table_start(body *b, const long w[2])
{
	table_start(b->x, w[0] + w[1], -BC_TW_FRAME_OUT, NULL);
	grid(b->x, w, 2);
}

static void row_start(bc_xw *x)
{
	bc_xw_open(x, "w:tr");
	bc_xw_open(x, "w:trPr");
	el(x, "w:cantSplit", NULL);
	bc_xw_close(x);
}

/* Ends a cell of the frame, with an empty paragraph if it has none
 * (a cell must hold one). */
static void cell_end(bc_xw *x, bool empty)
{
	if (empty)
		para(x, "bcHead", 0, "");
	bc_xw_close(x);
}

/* Issuing body over its short rule (1/3 to 1/2 of its length: 2/5),
 * the national title over the motto and its rule as long as it; then
 * the number (and a letter's summary) beside the place and date. */
static void frame_head(body *b)
{
	const bc_doc_frame *f = &b->doc->frame;
	bc_xw *x = b->x;
	if (!has(f->parent) && !f->body.n && !has(f->nation) &&
	    !has(f->number) && !has(f->place_date))
		return;
	long w[2], inner[2];
	bc_tw_frame_cols(w);
	inner[0] = w[0] - 2 * BC_TW_CELL_MARGIN;
	inner[1] = w[1] - 2 * BC_TW_CELL_MARGIN;
	frame_table_start(b, w);
	row_start(x);
	cell_start(x, w[0], 1, false, NULL);
	frame_para(x, "bcHead", f->parent);
	frame_lines(x, "bcHeadBold", &f->body);
	if (f->body.n)
		rule(x, inner[0], bc_doc_widest(&f->body, 26) * 2 / 5, 0);
	cell_end(x, !has(f->parent) && !f->body.n);
	cell_start(x, w[1], 1, false, NULL);
	frame_para(x, "bcNation", f->nation);
	frame_para(x, "bcMotto", f->motto);
	if (has(f->motto))
		rule(x, inner[1], bc_doc_bold_width(f->motto, 26), 0);
	cell_end(x, !has(f->nation) && !has(f->motto));
	bc_xw_close(x);
	row_start(x);
	cell_start(x, w[0], 1, false, NULL);
	frame_para(x, "bcNumber", f->number);
	frame_para(x, "bcAbout", f->about);
	cell_end(x, !has(f->number) && !has(f->about));
	cell_start(x, w[1], 1, false, NULL);
	frame_para(x, "bcPlaceDate", f->place_date);
	cell_end(x, !has(f->place_date));
	bc_xw_close(x);
	table_end(x);
}

/* The type and the title over a short rule; a letter's addressees. */
static void frame_title(body *b)
{
	const bc_doc_frame *f = &b->doc->frame;
	bc_xw *x = b->x;
	if (has(f->type) || f->title.n) {
		frame_para(x, "bcType", f->type);
		frame_lines(x, "bcTitle", &f->title);
		long w = f->title.n ? bc_doc_widest(&f->title, 28)
				    : bc_doc_bold_width(f->type, 28);
		rule(x, bc_tw_text_width(BC_DOC_PORTRAIT), w * 2 / 5, 240);
	}
	if (f->to.n > 1)
		para(x, "bcGap", 0, "");
	frame_lines(x, f->to.n == 1 ? "bcTo" : "bcToList", &f->to);
	if (f->to.n)
		para(x, "bcGap", 0, "");
}

/* "Nơi nhận" and its lines beside the signer: authority, title, the
 * space for the signature and the seal, the name. */
static void signature(body *b)
{
	const bc_doc_frame *f = &b->doc->frame;
	bc_xw *x = b->x;
	b->signed_ = true;
	bool to = has(f->recipients_head) || f->recipients.n;
	bool by = f->authority.n || has(f->signer_title) ||
		  has(f->signer_name);
	if (!to && !by)
		return;
	long w[2];
	bc_tw_frame_cols(w);
	frame_table_start(b, w);
	row_start(x);
	cell_start(x, w[0], 1, false, NULL);
	/* Level with the signer's first line, below the body's last. */
	para(x, "bcRecipHead", 0, "");
	frame_para(x, "bcRecipHead", f->recipients_head);
	frame_lines(x, "bcRecip", &f->recipients);
	cell_end(x, false);
	cell_start(x, w[1], 1, false, NULL);
	para(x, "bcRecipHead", 0, "");
	frame_lines(x, "bcAuthority", &f->authority);
	frame_para(x, "bcAuthority", f->signer_title);
	if (by) {
		char *name = bc_doc_clean(f->signer_name);
		if (!name)
			x->bad = true;
		para(x, "bcSignerName", 0, name ? name : "");
		bc_free(name);
	}
	cell_end(x, false);
	bc_xw_close(x);
	table_end(x);
}

/* --- the body ------------------------------------------------------ */

/* A section's page: its size and margins, the page number at the top;
 * the first section's first page has none (titlePg, an empty first
 * header). */
static void sect(bc_xw *x, bc_doc_orient o, bool first)
{
	bc_xw_open(x, "w:sectPr");
	bc_xw_open(x, "w:headerReference");
	bc_xw_attr(x, "w:type", "default");
	bc_xw_attr(x, "r:id", "rId3");
	bc_xw_close(x);
	if (first) {
		bc_xw_open(x, "w:headerReference");
		bc_xw_attr(x, "w:type", "first");
		bc_xw_attr(x, "r:id", "rId4");
		bc_xw_close(x);
	}
	bool turned = o == BC_DOC_LANDSCAPE;
	bc_xw_open(x, "w:pgSz");
	bc_xw_attr_n(x, "w:w", turned ? BC_TW_PAGE_LONG : BC_TW_PAGE_SHORT);
	bc_xw_attr_n(x, "w:h", turned ? BC_TW_PAGE_SHORT : BC_TW_PAGE_LONG);
	if (turned)
		bc_xw_attr(x, "w:orient", "landscape");
	bc_xw_close(x);
	bc_xw_open(x, "w:pgMar");
	bc_xw_attr_n(x, "w:top", BC_TW_MARGIN_TOP);
	bc_xw_attr_n(x, "w:right", BC_TW_MARGIN_RIGHT);
	bc_xw_attr_n(x, "w:bottom", BC_TW_MARGIN_BOTTOM);
	bc_xw_attr_n(x, "w:left", BC_TW_MARGIN_LEFT);
	bc_xw_attr_n(x, "w:header", BC_TW_MARGIN_HEADER);
	bc_xw_attr_n(x, "w:footer", BC_TW_MARGIN_HEADER);
	bc_xw_attr_n(x, "w:gutter", 0);
	bc_xw_close(x);
	if (first)
		el(x, "w:titlePg", NULL);
	bc_xw_close(x);
}

/* Ends the section so far, when the pages turn. */
static void section(body *b, bc_doc_orient o)
{
	if (o == b->orient)
		return;
	spacer_start(b->x);
	sect(b->x, b->orient, b->first_section);
	bc_xw_close(b->x);
	bc_xw_close(b->x);
	b->orient = o;
	b->first_section = false;
}

static void page_break(bc_xw *x)
{
	spacer_start(x);
	bc_xw_close(x);
	bc_xw_open(x, "w:r");
	bc_xw_open(x, "w:br");
	bc_xw_attr(x, "w:type", "page");
	bc_xw_close(x);
	bc_xw_close(x);
	bc_xw_close(x);
}

static const char *const heading_style[] = {"Heading1", "Heading2",
					    "Heading3", "Heading4"};

static void block(body *b, const bc_doc_block *k)
{
	bc_xw *x = b->x;
	switch (k->kind) {
	case BC_DOC_HEADING: {
		int level = k->heading.level > 4 ? 4 : k->heading.level;
		bool num = has(k->heading.number);
		bc_doc_run r[] = {{.text = k->heading.number},
				  {.text = num ? " " : ""},
				  {.text = k->heading.title}};
		paras(x, heading_style[level - 1], NULL, r, 3);
		break;
	}
	case BC_DOC_PARA: {
		static const char *const st[] = {"bcBody", "bcPlain",
						 "bcCentre", "bcRight",
						 "bcNote"};
		paras(x, st[k->para.style], NULL, k->para.run, k->para.n);
		break;
	}
	case BC_DOC_QUOTE:
		para(x, "bcUnit", 0, k->quote.name);
		para(x, "bcQuote", 0, k->quote.text);
		break;
	case BC_DOC_TABLE:
		table(b, &k->table);
		break;
	case BC_DOC_PAGE_BREAK:
		page_break(x);
		break;
	case BC_DOC_SECTION:
		section(b, k->orient);
		break;
	case BC_DOC_SIGNATURE:
		signature(b);
		break;
	}
}

static void document(bc_xw *x, const bc_doc *doc)
{
	body b = {.x = x, .doc = doc, .first_section = true};
	bc_xw_open(x, "w:document");
	bc_xw_attr(x, "xmlns:w", NS_W);
	bc_xw_attr(x, "xmlns:r", NS_DOC "relationships");
	bc_xw_open(x, "w:body");
	frame_head(&b);
	frame_title(&b);
	do {
		for (size_t i = 0; i < doc->n && !x->bad; i++)
			block(&b, &doc->block[i]);
	} while (!x->bad && bc_doc_next(doc));
	x->bad |= doc->err != BC_OK;
	if (!b.signed_)
		signature(&b);
	sect(x, b.orient, b.first_section);
	bc_xw_close(x);
	bc_xw_close(x);
}

/* --- the package --------------------------------------------------- */
static void parts(bc_xpkg *p)
{
	bc_xpkg_part(p, "[Content_Types].xml", content_types);
	bc_xpkg_part(p, "_rels/.rels", package_rels);
	bc_xpkg_part(p, "docProps/core.xml", core_props);
	bc_xpkg_part(p, "docProps/app.xml", app_props);
	bc_xpkg_stream(p, "word/document.xml", document);
	bc_xpkg_part(p, "word/_rels/document.xml.rels", document_rels);
	bc_xpkg_part(p, "word/styles.xml", styles);
	bc_xpkg_part(p, "word/settings.xml", settings);
	bc_xpkg_part(p, "word/fontTable.xml", font_table);
	bc_xpkg_part(p, "word/header1.xml", header_page);
	bc_xpkg_part(p, "word/header2.xml", header_none);
}

bc_err bc_docx_write(const bc_doc *doc, const char *path, bc_diags *d)
{
	bc_err rc = bc_xpkg_write(doc, path, d, parts);
	/* A streamed document's piece that failed (nothing written) is the
	 * builder's error. */
	return doc->err != BC_OK ? doc->err : rc;
}

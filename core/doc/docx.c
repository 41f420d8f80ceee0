// SPDX-License-Identifier: MIT
#include "docx.h"

#include "mem.h"
#include "outfile.h"
#include "text.h"

#include <errno.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* Lengths in twentieths of a point (twips): A4 and the margins of
 * Nghị định 30 (top and bottom 20 mm, left 30 mm, right 15 mm), the page
 * number 10 mm from the top edge. */
enum {
	PAGE_SHORT = 11906,
	PAGE_LONG = 16838,
	MARGIN_TOP = 1134,
	MARGIN_BOTTOM = 1134,
	MARGIN_LEFT = 1701,
	MARGIN_RIGHT = 850,
	MARGIN_HEADER = 567,
	/* The header block and the signer's table reach 5 mm into either
	 * side margin, so that the national title fits on one line. */
	FRAME_OUT = 284,
	CELL_MARGIN = 108,
	/* The first-line indent of the body, 1.27 cm. */
	INDENT = 720,
};

/* An XML writer whose first failure sticks: the parts are written
 * without a check per element, and checked once at the end. */
typedef struct xw {
	xmlTextWriterPtr w;
	bool bad;
} xw;

static void check(xw *x, int rc)
{
	if (rc < 0)
		x->bad = true;
}

static void open_el(xw *x, const char *name)
{
	if (!x->bad)
		check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void close_el(xw *x)
{
	if (!x->bad)
		check(x, xmlTextWriterEndElement(x->w));
}

static void attr(xw *x, const char *name, const char *v)
{
	if (!x->bad)
		check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
						     BAD_CAST v));
}

static void attr_n(xw *x, const char *name, long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", v);
	attr(x, name, buf);
}

/* s[0..n), escaped. */
static void text_n(xw *x, const char *s, size_t n)
{
	if (!x->bad && n > 0)
		check(x, xmlTextWriterWriteFormatString(x->w, "%.*s", (int)n,
							s));
}

static void text(xw *x, const char *s)
{
	text_n(x, s, strlen(s));
}

/* <name/>, or <name w:val="v"/>. */
static void el(xw *x, const char *name, const char *v)
{
	open_el(x, name);
	if (v)
		attr(x, "w:val", v);
	close_el(x);
}

static void el_n(xw *x, const char *name, long v)
{
	open_el(x, name);
	attr_n(x, "w:val", v);
	close_el(x);
}

/* <name w:w="w" w:type="dxa"/>: a width in twips. */
static void el_dxa(xw *x, const char *name, long w)
{
	open_el(x, name);
	attr_n(x, "w:w", w);
	attr(x, "w:type", "dxa");
	close_el(x);
}

/* A border: a solid black line, width eighths of a point, space points
 * from the text. */
static void line(xw *x, const char *side, long width, long space)
{
	open_el(x, side);
	attr(x, "w:val", "single");
	attr_n(x, "w:sz", width);
	attr_n(x, "w:space", space);
	attr(x, "w:color", "auto");
	close_el(x);
}

/* <name>s</name> */
static void el_text(xw *x, const char *name, const char *s)
{
	open_el(x, name);
	text(x, s);
	close_el(x);
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

static void content_types(xw *x, const bc_doc *doc)
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
	open_el(x, "Types");
	attr(x, "xmlns", NS_PKG "content-types");
	open_el(x, "Default");
	attr(x, "Extension", "rels");
	attr(x, "ContentType",
	     "application/vnd.openxmlformats-package.relationships+xml");
	close_el(x);
	open_el(x, "Default");
	attr(x, "Extension", "xml");
	attr(x, "ContentType", "application/xml");
	close_el(x);
	for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
		open_el(x, "Override");
		attr(x, "PartName", over[i][0]);
		attr(x, "ContentType", over[i][1]);
		close_el(x);
	}
	close_el(x);
}

/* A relationships part: n of {id, type, target}. */
static void rels(xw *x, const char *const (*r)[3], size_t n)
{
	open_el(x, "Relationships");
	attr(x, "xmlns", NS_PKG "relationships");
	for (size_t i = 0; i < n; i++) {
		open_el(x, "Relationship");
		attr(x, "Id", r[i][0]);
		attr(x, "Type", r[i][1]);
		attr(x, "Target", r[i][2]);
		close_el(x);
	}
	close_el(x);
}

static void package_rels(xw *x, const bc_doc *doc)
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
static void document_rels(xw *x, const bc_doc *doc)
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

static void core_props(xw *x, const bc_doc *doc)
{
	const bc_doc_frame *f = &doc->frame;
	open_el(x, "cp:coreProperties");
	attr(x, "xmlns:cp", NS_PKG "metadata/core-properties");
	attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
	attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	char *title = has(f->about) ? NULL : joined(&f->title, f->type);
	char *creator = joined(&f->body, NULL);
	if (!creator || (!title && !has(f->about)))
		x->bad = true;
	el_text(x, "dc:title", title ? title : has(f->about) ? f->about : "");
	el_text(x, "dc:creator", creator ? creator : "");
	bc_free(title);
	bc_free(creator);
	struct tm tm;
	char when[32];
	if (doc->created && gmtime_r(&doc->created, &tm) &&
	    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		open_el(x, "dcterms:created");
		attr(x, "xsi:type", "dcterms:W3CDTF");
		text(x, when);
		close_el(x);
	}
	close_el(x);
}

static void app_props(xw *x, const bc_doc *doc)
{
	open_el(x, "Properties");
	attr(x, "xmlns", NS_DOC "extended-properties");
	el_text(x, "Application", "baocao");
	close_el(x);
}

static void settings(xw *x, const bc_doc *doc)
{
	open_el(x, "w:settings");
	attr(x, "xmlns:w", NS_W);
	open_el(x, "w:zoom");
	attr(x, "w:percent", "100");
	close_el(x);
	el_n(x, "w:defaultTabStop", INDENT);
	el(x, "w:characterSpacingControl", "doNotCompress");
	open_el(x, "w:compat");
	open_el(x, "w:compatSetting");
	attr(x, "w:name", "compatibilityMode");
	attr(x, "w:uri", "http://schemas.microsoft.com/office/word");
	attr(x, "w:val", "15");
	close_el(x);
	close_el(x);
	close_el(x);
}

#define FONT "Times New Roman"

static void font_table(xw *x, const bc_doc *doc)
{
	open_el(x, "w:fonts");
	attr(x, "xmlns:w", NS_W);
	open_el(x, "w:font");
	attr(x, "w:name", FONT);
	el(x, "w:panose1", "02020603050405020304");
	el(x, "w:charset", "00");
	el(x, "w:family", "roman");
	el(x, "w:pitch", "variable");
	close_el(x);
	close_el(x);
}

/* --- styles ------------------------------------------------------- */

/* A paragraph style: sizes in half-points (0: the default's), lengths
 * in twips. */
typedef struct pstyle {
	const char *id, *name;
	int size;
	unsigned emph; /* BC_DOC_BOLD | BC_DOC_ITALIC */
	const char *jc;
	int first, left;     /* first-line and left indent */
	int before, after;   /* space around */
	bool keep;           /* kept with the next paragraph */
	int outline;         /* outline level from 1, 0 for none */
} pstyle;

/* Every paragraph of the document names one of these.  Sizes after
 * Nghị định 30 (nd30.md): 14 pt body, 12–13 pt header block, 12 pt
 * "Nơi nhận:", 11 pt its lines. */
static const pstyle styles_p[] = {
	{"bcBody", "Body", 0, 0, "both", INDENT, 0, 0, 120, false, 0},
	{"bcPlain", "Plain", 0, 0, "left", 0, 0, 0, 120, false, 0},
	/* Most often a table's caption and its unit: kept with it. */
	{"bcCentre", "Centred", 0, 0, "center", 0, 0, 0, 120, true, 0},
	{"bcRight", "Right", 0, 0, "right", 0, 0, 0, 120, true, 0},
	{"bcNote", "Note", 0, BC_DOC_ITALIC, "both", INDENT, 0, 0, 120,
	 false, 0},
	{"Heading1", "heading 1", 0, BC_DOC_BOLD, "both", INDENT, 0, 120, 120,
	 true, 1},
	{"Heading2", "heading 2", 0, BC_DOC_BOLD, "both", INDENT, 0, 120, 120,
	 true, 2},
	{"Heading3", "heading 3", 0, BC_DOC_BOLD | BC_DOC_ITALIC, "both",
	 INDENT, 0, 60, 120, true, 3},
	{"Heading4", "heading 4", 0, BC_DOC_ITALIC, "both", INDENT, 0, 60,
	 120, true, 4},
	{"bcUnit", "Unit", 0, BC_DOC_BOLD | BC_DOC_ITALIC, "both", INDENT, 0,
	 60, 60, true, 0},
	{"bcQuote", "Unit text", 0, 0, "both", INDENT, 0, 0, 120, false, 0},
	{"bcHead", "Header block", 26, 0, "center", 0, 0, 0, 0, false, 0},
	{"bcHeadBold", "Issuing body", 26, BC_DOC_BOLD, "center", 0, 0, 0, 0,
	 false, 0},
	{"bcNation", "National title", 24, BC_DOC_BOLD, "center", 0, 0, 0, 0,
	 false, 0},
	{"bcMotto", "Motto", 26, BC_DOC_BOLD, "center", 0, 0, 0, 0, false, 0},
	{"bcNumber", "Number", 26, 0, "center", 0, 0, 120, 0, false, 0},
	{"bcAbout", "Summary", 24, 0, "center", 0, 0, 60, 0, false, 0},
	{"bcPlaceDate", "Place and date", 28, BC_DOC_ITALIC, "center", 0, 0,
	 120, 0, false, 0},
	/* An empty paragraph whose bottom border is a short rule; 5 pt, so
	 * that the rule sits close under the line above, clear of its
	 * letters' tails.  Also what parts two tables. */
	{"bcRule", "Rule", 10, 0, "center", 0, 0, 0, 0, false, 0},
	/* The space after a table. */
	{"bcGap", "Space", 12, 0, "left", 0, 0, 0, 0, false, 0},
	{"bcType", "Document type", 28, BC_DOC_BOLD, "center", 0, 0, 360, 0,
	 true, 0},
	{"bcTitle", "Title", 28, BC_DOC_BOLD, "center", 0, 0, 0, 0, true, 0},
	{"bcTo", "Addressee", 28, 0, "center", 0, 0, 120, 0, false, 0},
	{"bcToList", "Addressees", 28, 0, "left", 0, 2268, 0, 0, false, 0},
	{"bcAuthority", "Signer", 28, BC_DOC_BOLD, "center", 0, 0, 0, 0, true,
	 0},
	/* The space for the signature and the seal above the name. */
	{"bcSignerName", "Signer's name", 28, BC_DOC_BOLD, "center", 0, 0,
	 1800, 0, false, 0},
	{"bcRecipHead", "Recipients", 24, BC_DOC_BOLD | BC_DOC_ITALIC, "left",
	 0, 0, 120, 0, true, 0},
	{"bcRecip", "Recipient", 22, 0, "left", 0, 0, 0, 0, false, 0},
	{"bcCell", "Table text", 24, 0, "left", 0, 0, 40, 40, false, 0},
	{"bcCellHead", "Table head", 24, BC_DOC_BOLD, "center", 0, 0, 40, 40,
	 false, 0},
	{"Header", "header", 28, 0, "center", 0, 0, 0, 0, false, 0},
};

static void run_props(xw *x, unsigned emph, int size)
{
	open_el(x, "w:rPr");
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
	close_el(x);
}

static void style_p(xw *x, const pstyle *s)
{
	open_el(x, "w:style");
	attr(x, "w:type", "paragraph");
	attr(x, "w:styleId", s->id);
	el(x, "w:name", s->name);
	el(x, "w:basedOn", "Normal");
	el(x, "w:qFormat", NULL);
	open_el(x, "w:pPr");
	if (s->keep)
		el(x, "w:keepNext", NULL);
	open_el(x, "w:spacing");
	attr_n(x, "w:before", s->before);
	attr_n(x, "w:after", s->after);
	close_el(x);
	open_el(x, "w:ind");
	attr_n(x, "w:left", s->left);
	attr_n(x, "w:firstLine", s->first);
	close_el(x);
	el(x, "w:jc", s->jc);
	if (s->outline)
		el_n(x, "w:outlineLvl", s->outline - 1);
	close_el(x);
	run_props(x, s->emph, s->size);
	close_el(x);
}

/* The defaults every style builds on: Times New Roman 14 pt,
 * Vietnamese, single spacing a little opened (1.15). */
static void doc_defaults(xw *x)
{
	open_el(x, "w:docDefaults");
	open_el(x, "w:rPrDefault");
	open_el(x, "w:rPr");
	open_el(x, "w:rFonts");
	for (const char *const *a = (const char *const[]){
		     "w:ascii", "w:hAnsi", "w:eastAsia", "w:cs", NULL};
	     *a; a++)
		attr(x, *a, FONT);
	close_el(x);
	el_n(x, "w:sz", 28);
	el_n(x, "w:szCs", 28);
	open_el(x, "w:lang");
	attr(x, "w:val", "vi-VN");
	attr(x, "w:eastAsia", "en-US");
	attr(x, "w:bidi", "ar-SA");
	close_el(x);
	close_el(x);
	close_el(x);
	open_el(x, "w:pPrDefault");
	open_el(x, "w:pPr");
	open_el(x, "w:spacing");
	attr(x, "w:after", "0");
	attr(x, "w:line", "276");
	attr(x, "w:lineRule", "auto");
	close_el(x);
	close_el(x);
	close_el(x);
	close_el(x);
}

/* A table style: borders (all single lines, or none) and cell
 * margins. */
static void style_table(xw *x, const char *id, const char *name,
			bool lines, bool is_default)
{
	open_el(x, "w:style");
	attr(x, "w:type", "table");
	if (is_default)
		attr(x, "w:default", "1");
	attr(x, "w:styleId", id);
	el(x, "w:name", name);
	open_el(x, "w:tblPr");
	el_n(x, "w:tblInd", 0);
	if (lines) {
		open_el(x, "w:tblBorders");
		for (const char *const *b = (const char *const[]){
			     "w:top", "w:left", "w:bottom", "w:right",
			     "w:insideH", "w:insideV", NULL};
		     *b; b++) {
			line(x, *b, 4, 0);
		}
		close_el(x);
	}
	open_el(x, "w:tblCellMar");
	static const struct {
		const char *side;
		long w;
	} mar[] = {{"w:top", 0},
		   {"w:left", CELL_MARGIN},
		   {"w:bottom", 0},
		   {"w:right", CELL_MARGIN}};
	for (size_t i = 0; i < sizeof mar / sizeof mar[0]; i++)
		el_dxa(x, mar[i].side, mar[i].w);
	close_el(x);
	close_el(x);
	close_el(x);
}

static void styles(xw *x, const bc_doc *doc)
{
	open_el(x, "w:styles");
	attr(x, "xmlns:w", NS_W);
	doc_defaults(x);
	open_el(x, "w:style");
	attr(x, "w:type", "paragraph");
	attr(x, "w:default", "1");
	attr(x, "w:styleId", "Normal");
	el(x, "w:name", "Normal");
	el(x, "w:qFormat", NULL);
	close_el(x);
	for (size_t i = 0; i < sizeof styles_p / sizeof styles_p[0]; i++)
		style_p(x, &styles_p[i]);
	style_table(x, "TableNormal", "Normal Table", false, true);
	style_table(x, "bcGrid", "Table Grid", true, false);
	close_el(x);
}

/* A header part: the page's number centred, or nothing. */
static void header(xw *x, bool number)
{
	open_el(x, "w:hdr");
	attr(x, "xmlns:w", NS_W);
	open_el(x, "w:p");
	open_el(x, "w:pPr");
	el(x, "w:pStyle", "Header");
	close_el(x);
	if (number) {
		open_el(x, "w:fldSimple");
		attr(x, "w:instr", " PAGE ");
		open_el(x, "w:r");
		el_text(x, "w:t", "2");
		close_el(x);
		close_el(x);
	}
	close_el(x);
	close_el(x);
}

static void header_page(xw *x, const bc_doc *doc)
{
	header(x, true);
}

/* The first page's: none. */
static void header_none(xw *x, const bc_doc *doc)
{
	header(x, false);
}

/* --- paragraphs --------------------------------------------------- */

static void p_start(xw *x, const char *style, const char *jc)
{
	open_el(x, "w:p");
	open_el(x, "w:pPr");
	el(x, "w:pStyle", style);
	if (jc)
		el(x, "w:jc", jc);
	close_el(x);
}

/* A run of s[0..n), tabs as Word's tab characters. */
static void run(xw *x, unsigned emph, const char *s, size_t n)
{
	open_el(x, "w:r");
	if (emph)
		run_props(x, emph, 0);
	while (n > 0) {
		const char *tab = memchr(s, '\t', n);
		size_t k = tab ? (size_t)(tab - s) : n;
		if (k) {
			open_el(x, "w:t");
			attr(x, "xml:space", "preserve");
			text_n(x, s, k);
			close_el(x);
		}
		if (tab) {
			el(x, "w:tab", NULL);
			k++;
		}
		s += k;
		n -= k;
	}
	close_el(x);
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
static void paras(xw *x, const char *style, const char *jc,
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
				close_el(x);
			any |= open;
			open = false;
		}
	if (!open && !any)
		p_start(x, style, jc);
	if (open || !any)
		close_el(x);
}

static void para(xw *x, const char *style, unsigned emph, const char *s)
{
	paras(x, style, NULL, &(bc_doc_run){.text = (char *)s, .flags = emph},
	      1);
}

/* A line of the frame, made safe on the way (the model's own texts
 * were when they came in); none when s is NULL or "". */
static void frame_para(xw *x, const char *style, const char *s)
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

static void frame_lines(xw *x, const char *style, const bc_doc_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		frame_para(x, style, l->line[i]);
}

/* The width of s in Times New Roman Bold at size half-points, in twips,
 * from the advance widths of its letters (thousandths of an em, those of
 * Liberation Serif, which has the same metrics).  A letter outside ASCII
 * counts as a capital's or a small letter's mean; a combining mark as
 * none. */
static long bold_width(const char *s, int size)
{
	static const short adv[95] = {
		250, 333, 555, 500, 500, 1000, 833, 277, 333, 333, 500, 569,
		250, 333, 250, 277, 500, 500, 500, 500, 500, 500, 500, 500,
		500, 500, 333, 333, 569, 569, 569, 500, 930, 722, 666, 722,
		722, 666, 610, 777, 777, 389, 500, 777, 666, 943, 722, 777,
		610, 777, 722, 556, 666, 722, 722, 1000, 722, 722, 666, 333,
		277, 333, 581, 500, 333, 500, 556, 443, 556, 443, 333, 500,
		556, 277, 333, 556, 277, 833, 556, 500, 556, 556, 443, 389,
		333, 556, 500, 722, 500, 500, 443, 394, 220, 394, 520};
	long em = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned c = bc_utf8_next(&p);
		if (c >= 32 && c < 127)
			em += adv[c - 32];
		else if (c < 0x300 || c > 0x36F)
			em += bc_utf8_capital(c) ? 722 : 500;
	}
	return em * size / 100;
}

/* An empty paragraph whose bottom border is a rule len long, centred
 * in width; after: space under it. */
static void rule(xw *x, long width, long len, long after)
{
	long side = (width - len) / 2;
	open_el(x, "w:p");
	open_el(x, "w:pPr");
	el(x, "w:pStyle", "bcRule");
	open_el(x, "w:pBdr");
	line(x, "w:bottom", 6, 1);
	close_el(x);
	open_el(x, "w:spacing");
	attr_n(x, "w:after", after);
	close_el(x);
	open_el(x, "w:ind");
	attr_n(x, "w:left", side > 0 ? side : 0);
	attr_n(x, "w:right", side > 0 ? side : 0);
	close_el(x);
	close_el(x);
	close_el(x);
}

/* The longest of l's lines set bold at size, in twips. */
static long widest(const bc_doc_lines *l, int size)
{
	long w = 0;
	for (size_t i = 0; i < l->n; i++) {
		long k = bold_width(l->line[i], size);
		w = k > w ? k : w;
	}
	return w;
}

/* --- tables -------------------------------------------------------- */

/* Ends a table with a little space under it: Word would join two
 * tables with nothing between, and a body may not end with one. */
static void table_end(xw *x)
{
	close_el(x);
	para(x, "bcGap", 0, "");
}

typedef struct body {
	xw *x;
	const bc_doc *doc;
	bc_doc_orient orient;
	bool first_section; /* still the first: its first page unnumbered */
	bool signed_;
} body;

static long text_width(bc_doc_orient o)
{
	return (o == BC_DOC_LANDSCAPE ? PAGE_LONG : PAGE_SHORT) - MARGIN_LEFT -
	       MARGIN_RIGHT;
}

/* A tiny empty paragraph, to carry a page break or the end of a
 * section. */
static void spacer_start(xw *x)
{
	open_el(x, "w:p");
	open_el(x, "w:pPr");
	el(x, "w:pStyle", "bcRule");
}

static void table_start(xw *x, long width, long indent, const char *style)
{
	open_el(x, "w:tbl");
	open_el(x, "w:tblPr");
	if (style)
		el(x, "w:tblStyle", style);
	el_dxa(x, "w:tblW", width);
	el_dxa(x, "w:tblInd", indent);
	open_el(x, "w:tblLayout");
	attr(x, "w:type", "fixed");
	close_el(x);
	close_el(x);
}

static void grid(xw *x, const long *w, size_t n)
{
	open_el(x, "w:tblGrid");
	for (size_t i = 0; i < n; i++) {
		open_el(x, "w:gridCol");
		attr_n(x, "w:w", w[i]);
		close_el(x);
	}
	close_el(x);
}

/* merge: the cell's part in a vertical merge, "restart" (the first),
 * "continue" or NULL (none). */
static void cell_start(xw *x, long width, size_t span, bool middle,
		       const char *merge)
{
	open_el(x, "w:tc");
	open_el(x, "w:tcPr");
	el_dxa(x, "w:tcW", width);
	if (span > 1)
		el_n(x, "w:gridSpan", (long)span);
	if (merge)
		el(x, "w:vMerge", merge);
	el(x, "w:vAlign", middle ? "center" : "top");
	close_el(x);
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

static void table_row(xw *x, const bc_doc_table *t, size_t ri,
		      const long *w)
{
	const bc_doc_row *r = &t->row[ri];
	bool head = ri < t->header_rows;
	open_el(x, "w:tr");
	open_el(x, "w:trPr");
	el(x, "w:cantSplit", NULL);
	if (head)
		el(x, "w:tblHeader", NULL);
	close_el(x);
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
		close_el(x);
		col += span;
	}
	close_el(x);
}

static void table(body *b, const bc_doc_table *t)
{
	xw *x = b->x;
	long tw = text_width(b->orient), sum = 0, used = 0;
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

/* The two columns of the header block and of the signer's table: 40 %
 * and 60 % of the text's width and what they reach into the margins. */
static void frame_cols(long w[2])
{
	long all = text_width(BC_DOC_PORTRAIT) + 2 * FRAME_OUT;
	w[0] = all * 2 / 5;
	w[1] = all - w[0];
}

static void frame_table_start(body *b, const long w[2])
{
	table_start(b->x, w[0] + w[1], -FRAME_OUT, NULL);
	grid(b->x, w, 2);
}

static void row_start(xw *x)
{
	open_el(x, "w:tr");
	open_el(x, "w:trPr");
	el(x, "w:cantSplit", NULL);
	close_el(x);
}

/* Ends a cell of the frame, with an empty paragraph if it has none
 * (a cell must hold one). */
static void cell_end(xw *x, bool empty)
{
	if (empty)
		para(x, "bcHead", 0, "");
	close_el(x);
}

/* Issuing body over its short rule (1/3 to 1/2 of its length: 2/5),
 * the national title over the motto and its rule as long as it; then
 * the number (and a letter's summary) beside the place and date. */
static void frame_head(body *b)
{
	const bc_doc_frame *f = &b->doc->frame;
	xw *x = b->x;
	if (!has(f->parent) && !f->body.n && !has(f->nation) &&
	    !has(f->number) && !has(f->place_date))
		return;
	long w[2], inner[2];
	frame_cols(w);
	inner[0] = w[0] - 2 * CELL_MARGIN;
	inner[1] = w[1] - 2 * CELL_MARGIN;
	frame_table_start(b, w);
	row_start(x);
	cell_start(x, w[0], 1, false, NULL);
	frame_para(x, "bcHead", f->parent);
	frame_lines(x, "bcHeadBold", &f->body);
	if (f->body.n)
		rule(x, inner[0], widest(&f->body, 26) * 2 / 5, 0);
	cell_end(x, !has(f->parent) && !f->body.n);
	cell_start(x, w[1], 1, false, NULL);
	frame_para(x, "bcNation", f->nation);
	frame_para(x, "bcMotto", f->motto);
	if (has(f->motto))
		rule(x, inner[1], bold_width(f->motto, 26), 0);
	cell_end(x, !has(f->nation) && !has(f->motto));
	close_el(x);
	row_start(x);
	cell_start(x, w[0], 1, false, NULL);
	frame_para(x, "bcNumber", f->number);
	frame_para(x, "bcAbout", f->about);
	cell_end(x, !has(f->number) && !has(f->about));
	cell_start(x, w[1], 1, false, NULL);
	frame_para(x, "bcPlaceDate", f->place_date);
	cell_end(x, !has(f->place_date));
	close_el(x);
	table_end(x);
}

/* The type and the title over a short rule; a letter's addressees. */
static void frame_title(body *b)
{
	const bc_doc_frame *f = &b->doc->frame;
	xw *x = b->x;
	if (has(f->type) || f->title.n) {
		frame_para(x, "bcType", f->type);
		frame_lines(x, "bcTitle", &f->title);
		long w = f->title.n ? widest(&f->title, 28)
				    : bold_width(f->type, 28);
		rule(x, text_width(BC_DOC_PORTRAIT), w * 2 / 5, 240);
	}
	if (f->to.n) {
		frame_lines(x, f->to.n == 1 ? "bcTo" : "bcToList", &f->to);
		para(x, "bcRule", 0, "");
	}
}

/* "Nơi nhận" and its lines beside the signer: authority, title, the
 * space for the signature and the seal, the name. */
static void signature(body *b)
{
	const bc_doc_frame *f = &b->doc->frame;
	xw *x = b->x;
	b->signed_ = true;
	bool to = has(f->recipients_head) || f->recipients.n;
	bool by = f->authority.n || has(f->signer_title) ||
		  has(f->signer_name);
	if (!to && !by)
		return;
	long w[2];
	frame_cols(w);
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
	close_el(x);
	table_end(x);
}

/* --- the body ------------------------------------------------------ */

/* A section's page: its size and margins, the page number at the top;
 * the first section's first page has none (titlePg, an empty first
 * header). */
static void sect(xw *x, bc_doc_orient o, bool first)
{
	open_el(x, "w:sectPr");
	open_el(x, "w:headerReference");
	attr(x, "w:type", "default");
	attr(x, "r:id", "rId3");
	close_el(x);
	if (first) {
		open_el(x, "w:headerReference");
		attr(x, "w:type", "first");
		attr(x, "r:id", "rId4");
		close_el(x);
	}
	bool turned = o == BC_DOC_LANDSCAPE;
	open_el(x, "w:pgSz");
	attr_n(x, "w:w", turned ? PAGE_LONG : PAGE_SHORT);
	attr_n(x, "w:h", turned ? PAGE_SHORT : PAGE_LONG);
	if (turned)
		attr(x, "w:orient", "landscape");
	close_el(x);
	open_el(x, "w:pgMar");
	attr_n(x, "w:top", MARGIN_TOP);
	attr_n(x, "w:right", MARGIN_RIGHT);
	attr_n(x, "w:bottom", MARGIN_BOTTOM);
	attr_n(x, "w:left", MARGIN_LEFT);
	attr_n(x, "w:header", MARGIN_HEADER);
	attr_n(x, "w:footer", MARGIN_HEADER);
	attr_n(x, "w:gutter", 0);
	close_el(x);
	if (first)
		el(x, "w:titlePg", NULL);
	close_el(x);
}

/* Ends the section so far, when the pages turn. */
static void section(body *b, bc_doc_orient o)
{
	if (o == b->orient)
		return;
	spacer_start(b->x);
	sect(b->x, b->orient, b->first_section);
	close_el(b->x);
	close_el(b->x);
	b->orient = o;
	b->first_section = false;
}

static void page_break(xw *x)
{
	spacer_start(x);
	close_el(x);
	open_el(x, "w:r");
	open_el(x, "w:br");
	attr(x, "w:type", "page");
	close_el(x);
	close_el(x);
	close_el(x);
}

static const char *const heading_style[] = {"Heading1", "Heading2",
					    "Heading3", "Heading4"};

static void block(body *b, const bc_doc_block *k)
{
	xw *x = b->x;
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

static void document(xw *x, const bc_doc *doc)
{
	body b = {.x = x, .doc = doc, .first_section = true};
	open_el(x, "w:document");
	attr(x, "xmlns:w", NS_W);
	attr(x, "xmlns:r", NS_DOC "relationships");
	open_el(x, "w:body");
	frame_head(&b);
	frame_title(&b);
	for (size_t i = 0; i < doc->n && !x->bad; i++)
		block(&b, &doc->block[i]);
	if (!b.signed_)
		signature(&b);
	sect(x, b.orient, b.first_section);
	close_el(x);
	close_el(x);
}

/* --- the package --------------------------------------------------- */

typedef void part_fn(xw *x, const bc_doc *doc);

typedef struct pkg {
	zip_t *z;
	const bc_doc *doc;
	bc_outfile *of;
	bc_diags *d;
	xmlBufferPtr buf[12]; /* the parts in memory, until the zip is
				 closed */
	size_t n_buf;
	time_t mtime;
	bc_err rc;
} pkg;

static bool write_part(xmlTextWriterPtr w, part_fn *fn, const bc_doc *doc)
{
	xw x = {.w = w};
	check(&x, xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes"));
	fn(&x, doc);
	if (!x.bad)
		check(&x, xmlTextWriterEndDocument(w));
	return !x.bad;
}

/* A write failed: said once (outfile.h), with the system's error when
 * libzip has one. */
static void zip_failed(pkg *p, zip_error_t *e)
{
	int errnum = e && zip_error_system_type(e) == ZIP_ET_SYS
			     ? zip_error_code_system(e)
			     : EIO;
	if (p->rc == BC_OK)
		bc_outfile_fail(p->of, errnum ? errnum : EIO, p->d);
	p->rc = BC_ERR_IO;
}

static void add_source(pkg *p, const char *name, zip_source_t *s)
{
	zip_int64_t i = s ? zip_file_add(p->z, name, s, ZIP_FL_ENC_UTF_8) : -1;
	if (i < 0) {
		zip_source_free(s);
		zip_failed(p, zip_get_error(p->z));
		return;
	}
	zip_file_set_mtime(p->z, (zip_uint64_t)i, p->mtime, 0);
}

static void add_mem(pkg *p, const char *name, part_fn *fn)
{
	if (p->rc != BC_OK)
		return;
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = b ? xmlNewTextWriterMemory(b, 0) : NULL;
	bool ok = w && write_part(w, fn, p->doc);
	if (w)
		xmlFreeTextWriter(w);
	if (!ok) {
		xmlBufferFree(b);
		p->rc = BC_ERR_NOMEM;
		return;
	}
	p->buf[p->n_buf++] = b;
	add_source(p, name,
		   zip_source_buffer(p->z, xmlBufferContent(b),
				     (zip_uint64_t)xmlBufferLength(b), 0));
}

/* word/document.xml, as long as the document is, through a scratch file
 * beside the output (removed at once: nothing is left if the run is
 * killed) that libzip reads when it closes. */
static void add_body(pkg *p)
{
	if (p->rc != BC_OK)
		return;
	char *tmp = bc_sprintf("%s/.baocao-docx-XXXXXX", bc_outfile_dir(p->of));
	bool oom = !tmp;
	int fd = tmp ? mkstemp(tmp) : -1, errnum = errno;
	if (fd >= 0)
		unlink(tmp);
	bc_free(tmp);
	FILE *f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		p->rc = oom ? BC_ERR_NOMEM : BC_ERR_IO;
		if (!oom)
			bc_outfile_fail(p->of, errnum, p->d);
		return;
	}
	xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(f, NULL);
	xmlTextWriterPtr w = ob ? xmlNewTextWriter(ob) : NULL;
	if (!w && ob)
		xmlOutputBufferClose(ob);
	bool ok = w && write_part(w, document, p->doc);
	if (w)
		xmlFreeTextWriter(w);
	if (fflush(f) != 0 || ferror(f)) {
		bc_outfile_fail(p->of, errno ? errno : EIO, p->d);
		p->rc = BC_ERR_IO;
	} else if (!ok) {
		p->rc = BC_ERR_NOMEM;
	}
	/* libzip reads from where the file stands. */
	rewind(f);
	zip_source_t *s = p->rc == BC_OK ? zip_source_filep(p->z, f, 0, -1)
					 : NULL;
	if (!s) {
		fclose(f);
		if (p->rc == BC_OK)
			zip_failed(p, zip_get_error(p->z));
		return;
	}
	add_source(p, "word/document.xml", s);
}

static bc_err package(const bc_doc *doc, bc_outfile *of, bc_diags *d)
{
	int ze;
	zip_t *z = zip_open(bc_outfile_tmp(of), ZIP_CREATE | ZIP_TRUNCATE, &ze);
	/* Zip times are local and start in 1980: a document without a
	 * date gets noon of 1 January 1980, whatever the zone. */
	pkg p = {.z = z, .doc = doc, .of = of, .d = d,
		 .mtime = doc->created ? doc->created : 315576000};
	if (!z) {
		zip_error_t e;
		zip_error_init_with_code(&e, ze);
		zip_failed(&p, &e);
		zip_error_fini(&e);
		return p.rc;
	}
	add_mem(&p, "[Content_Types].xml", content_types);
	add_mem(&p, "_rels/.rels", package_rels);
	add_mem(&p, "docProps/core.xml", core_props);
	add_mem(&p, "docProps/app.xml", app_props);
	add_body(&p);
	add_mem(&p, "word/_rels/document.xml.rels", document_rels);
	add_mem(&p, "word/styles.xml", styles);
	add_mem(&p, "word/settings.xml", settings);
	add_mem(&p, "word/fontTable.xml", font_table);
	add_mem(&p, "word/header1.xml", header_page);
	add_mem(&p, "word/header2.xml", header_none);
	if (p.rc == BC_OK && zip_close(z) != 0)
		zip_failed(&p, zip_get_error(z));
	else if (p.rc == BC_OK)
		z = NULL;
	if (z)
		zip_discard(z);
	for (size_t i = 0; i < p.n_buf; i++)
		xmlBufferFree(p.buf[i]);
	return p.rc;
}

bc_err bc_docx_write(const bc_doc *doc, const char *path, bc_diags *d)
{
	if (doc->err != BC_OK)
		return doc->err;
	bc_outfile *of;
	bc_err rc = bc_outfile_open(path, &of, d);
	if (rc != BC_OK)
		return rc;
	return bc_outfile_close(of, package(doc, of, d), d);
}

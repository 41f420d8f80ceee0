// SPDX-License-Identifier: MIT
#include "xmlpart.h"

#include "mem.h"
#include "outfile.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* The body's first-line indent, short for the table. */
enum { IND = BC_TW_INDENT };

/* Every paragraph of the document names one of these.  Sizes after
 * Nghị định 30 (nd30.md): 14 pt body, 12–13 pt header block, 12 pt
 * "Nơi nhận:", 11 pt its lines. */
const bc_pstyle bc_pstyles[] = {
	{"bcBody", "Body", 0, 0, "both", IND, 0, 0, 120, false, 0},
	{"bcPlain", "Plain", 0, 0, "left", 0, 0, 0, 120, false, 0},
	/* Most often a table's caption and its unit: kept with it. */
	{"bcCentre", "Centred", 0, 0, "center", 0, 0, 0, 120, true, 0},
	{"bcRight", "Right", 0, 0, "right", 0, 0, 0, 120, true, 0},
	{"bcNote", "Note", 0, BC_DOC_ITALIC, "both", IND, 0, 0, 120,
	 false, 0},
	{"Heading1", "heading 1", 0, BC_DOC_BOLD, "both", IND, 0, 120, 120,
	 true, 1},
	{"Heading2", "heading 2", 0, BC_DOC_BOLD, "both", IND, 0, 120, 120,
	 true, 2},
	{"Heading3", "heading 3", 0, BC_DOC_BOLD | BC_DOC_ITALIC, "both",
	 IND, 0, 60, 120, true, 3},
	{"Heading4", "heading 4", 0, BC_DOC_ITALIC, "both", IND, 0, 60,
	 120, true, 4},
	{"bcUnit", "Unit", 0, BC_DOC_BOLD | BC_DOC_ITALIC, "both", IND, 0,
	 60, 60, true, 0},
	{"bcQuote", "Unit text", 0, 0, "both", IND, 0, 0, 120, false, 0},
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

const size_t bc_n_pstyles = sizeof bc_pstyles / sizeof bc_pstyles[0];

long bc_tw_text_width(bc_doc_orient o)
{
	long page = o == BC_DOC_LANDSCAPE ? BC_TW_PAGE_LONG : BC_TW_PAGE_SHORT;
	return page - BC_TW_MARGIN_LEFT - BC_TW_MARGIN_RIGHT;
}

/* The two columns of the header block and of the signer's table: 40 %
 * and 60 % of the text's width and what they reach into the margins. */
void bc_tw_frame_cols(long w[2])
{
	long all = bc_tw_text_width(BC_DOC_PORTRAIT) + 2 * BC_TW_FRAME_OUT;
	w[0] = all * 2 / 5;
	w[1] = all - w[0];
}

static void check(bc_xw *x, int rc)
{
	if (rc < 0)
		x->bad = true;
}

void bc_xw_open(bc_xw *x, const char *name)
{
	if (!x->bad)
		check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

void bc_xw_close(bc_xw *x)
{
	if (!x->bad)
		check(x, xmlTextWriterEndElement(x->w));
}

void bc_xw_attr(bc_xw *x, const char *name, const char *v)
{
	if (!x->bad)
		check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
						     BAD_CAST v));
}

void bc_xw_attr_n(bc_xw *x, const char *name, long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", v);
	bc_xw_attr(x, name, buf);
}

/* s[0..n), escaped. */
void bc_xw_text_n(bc_xw *x, const char *s, size_t n)
{
	if (!x->bad && n > 0)
		check(x, xmlTextWriterWriteFormatString(x->w, "%.*s", (int)n,
							s));
}

void bc_xw_text(bc_xw *x, const char *s)
{
	bc_xw_text_n(x, s, strlen(s));
}

/* <name>s</name> */
void bc_xw_el_text(bc_xw *x, const char *name, const char *s)
{
	bc_xw_open(x, name);
	bc_xw_text(x, s);
	bc_xw_close(x);
}

/* The width of s in Times New Roman Bold at size half-points, in twips,
 * from the advance widths of its letters (thousandths of an em, those of
 * Liberation Serif, which has the same metrics).  A letter outside ASCII
 * counts as a capital's or a small letter's mean; a combining mark as
 * none. */
long bc_doc_bold_width(const char *s, int size)
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

/* The longest of l's lines set bold at size, in twips. */
long bc_doc_widest(const bc_doc_lines *l, int size)
{
	long w = 0;
	for (size_t i = 0; i < l->n; i++) {
		long k = bc_doc_bold_width(l->line[i], size);
		w = k > w ? k : w;
	}
	return w;
}


struct bc_xpkg {
	zip_t *z;
	const bc_doc *doc;
	bc_outfile *of;
	bc_diags *d;
	xmlBufferPtr buf[16]; /* the parts in memory, until the zip is
				 closed */
	size_t n_buf;
	time_t mtime;
	bc_err rc;
};

static bool write_part(xmlTextWriterPtr w, bc_xw_part *fn, const bc_doc *doc)
{
	bc_xw x = {.w = w};
	check(&x, xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes"));
	fn(&x, doc);
	if (!x.bad)
		check(&x, xmlTextWriterEndDocument(w));
	return !x.bad;
}

/* A write failed: said once (outfile.h), with the system's error when
 * libzip has one. */
static void zip_failed(bc_xpkg *p, zip_error_t *e)
{
	int errnum = e && zip_error_system_type(e) == ZIP_ET_SYS
			     ? zip_error_code_system(e)
			     : EIO;
	if (p->rc == BC_OK)
		bc_outfile_fail(p->of, errnum ? errnum : EIO, p->d);
	p->rc = BC_ERR_IO;
}

/* Adds s as name; its index, or -1. */
static zip_int64_t add_source(bc_xpkg *p, const char *name, zip_source_t *s)
{
	zip_int64_t i = s ? zip_file_add(p->z, name, s, ZIP_FL_ENC_UTF_8) : -1;
	if (i < 0) {
		zip_source_free(s);
		zip_failed(p, zip_get_error(p->z));
		return -1;
	}
	/* A regular file, rw-r--r--, whatever made its bytes: the same
	 * document is the same file. */
	zip_file_set_mtime(p->z, (zip_uint64_t)i, p->mtime, 0);
	zip_file_set_external_attributes(p->z, (zip_uint64_t)i, 0,
					 ZIP_OPSYS_UNIX, 0100644u << 16);
	return i;
}

void bc_xpkg_part(bc_xpkg *p, const char *name, bc_xw_part *fn)
{
	if (p->rc != BC_OK)
		return;
	xmlBufferPtr b = p->n_buf < sizeof p->buf / sizeof p->buf[0]
				 ? xmlBufferCreate()
				 : NULL;
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

void bc_xpkg_stored(bc_xpkg *p, const char *name, const char *s, size_t n)
{
	if (p->rc != BC_OK)
		return;
	zip_int64_t i = add_source(p, name, zip_source_buffer(p->z, s, n, 0));
	if (i >= 0 &&
	    zip_set_file_compression(p->z, (zip_uint64_t)i, ZIP_CM_STORE, 0))
		zip_failed(p, zip_get_error(p->z));
}

/* A scratch file beside the output, already unlinked; NULL (the error
 * said) when none can be made. */
static FILE *scratch(bc_xpkg *p)
{
	char *tmp = bc_sprintf("%s/.baocao-doc-XXXXXX", bc_outfile_dir(p->of));
	if (!tmp) {
		p->rc = BC_ERR_NOMEM;
		return NULL;
	}
	int fd = mkstemp(tmp), errnum = errno;
	if (fd >= 0)
		unlink(tmp);
	bc_free(tmp);
	FILE *f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
	if (!f) {
		errnum = fd >= 0 ? errno : errnum;
		if (fd >= 0)
			close(fd);
		bc_outfile_fail(p->of, errnum, p->d);
		p->rc = BC_ERR_IO;
	}
	return f;
}

void bc_xpkg_stream(bc_xpkg *p, const char *name, bc_xw_part *fn)
{
	FILE *f = p->rc == BC_OK ? scratch(p) : NULL;
	if (!f)
		return;
	xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(f, NULL);
	xmlTextWriterPtr w = ob ? xmlNewTextWriter(ob) : NULL;
	if (!w && ob)
		xmlOutputBufferClose(ob);
	bool ok = w && write_part(w, fn, p->doc);
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
	add_source(p, name, s);
}

/* The zip made in memory (compressed: the long parts came through
 * scratch files) into the output's temporary file.  libzip cannot be
 * let write there itself: it would put a new file in its place, which
 * outfile.h's lock, mode and flush would not follow. */
static void copy_out(bc_xpkg *p, zip_source_t *src)
{
	FILE *f = fopen(bc_outfile_tmp(p->of), "wb");
	if (!f || zip_source_open(src) != 0) {
		if (f)
			fclose(f);
		bc_outfile_fail(p->of, f ? EIO : errno, p->d);
		p->rc = BC_ERR_IO;
		return;
	}
	char buf[65536];
	zip_int64_t n;
	while ((n = zip_source_read(src, buf, sizeof buf)) > 0)
		if (fwrite(buf, 1, (size_t)n, f) != (size_t)n)
			break;
	int errnum = ferror(f) ? errno : n < 0 ? EIO : 0;
	zip_source_close(src);
	if (fclose(f) != 0 && !errnum)
		errnum = errno;
	if (errnum) {
		bc_outfile_fail(p->of, errnum, p->d);
		p->rc = BC_ERR_IO;
	}
}

static bc_err package(const bc_doc *doc, bc_outfile *of, bc_diags *d,
		      void (*add)(bc_xpkg *p))
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	zip_error_fini(&ze);
	if (!z) {
		zip_source_free(src);
		return BC_ERR_NOMEM;
	}
	zip_source_keep(src);
	/* Zip times are local and start in 1980: a document without a
	 * date gets noon of 1 January 1980, whatever the zone. */
	bc_xpkg p = {.z = z, .doc = doc, .of = of, .d = d,
		     .mtime = doc->created ? doc->created : 315576000};
	add(&p);
	if (p.rc == BC_OK && zip_close(z) != 0)
		zip_failed(&p, zip_get_error(z));
	else if (p.rc == BC_OK)
		z = NULL;
	if (z)
		zip_discard(z);
	if (p.rc == BC_OK)
		copy_out(&p, src);
	zip_source_free(src);
	for (size_t i = 0; i < p.n_buf; i++)
		xmlBufferFree(p.buf[i]);
	return p.rc;
}

bc_err bc_xpkg_write(const bc_doc *doc, const char *path, bc_diags *d,
		     void (*add)(bc_xpkg *p))
{
	if (doc->err != BC_OK)
		return doc->err;
	bc_outfile *of;
	bc_err rc = bc_outfile_open(path, &of, d);
	if (rc != BC_OK)
		return rc;
	return bc_outfile_close(of, package(doc, of, d, add), d);
}

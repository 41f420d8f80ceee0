// SPDX-License-Identifier: MIT
#include "test.h"

#include "docx.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <sys/stat.h>
#include <zip.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* Every part a .docx of ours has. */
static const char *const parts[] = {
	"[Content_Types].xml",	 "_rels/.rels",
	"docProps/core.xml",	 "docProps/app.xml",
	"word/document.xml",	 "word/_rels/document.xml.rels",
	"word/styles.xml",	 "word/settings.xml",
	"word/fontTable.xml",	 "word/header1.xml",
	"word/header2.xml",
};

/* A document of every kind of block: a portrait part with a table of two
 * header rows, then a landscape one. */
static bc_doc *sample(void)
{
	bc_doc *doc = bc_doc_new();
	bc_doc_frame *f = &doc->frame;
	bc_doc_lines_add(&f->body, "PEOPLE'S COMMITTEE");
	f->number = strdup("No.: 45/BC");
	f->nation = strdup("NATION");
	f->motto = strdup("Motto - motto");
	f->place_date = strdup("Place, date");
	f->type = strdup("REPORT");
	bc_doc_lines_add(&f->title, "On the quarter");
	bc_doc_lines_add(&f->authority, "FOR THE COMMITTEE");
	f->signer_title = strdup("CHAIR");
	f->signer_name = strdup("Signer \x01Name");
	f->recipients_head = strdup("To:");
	bc_doc_lines_add(&f->recipients, "- Archive.");
	bc_doc_heading(doc, 1, "A.", "Results");
	bc_doc_para(doc, BC_DOC_BODY, "First\nSecond\tafter a tab");
	bc_doc_quote(doc, "Unit", "Its text");
	bc_doc_table_begin(doc, 3, 2);
	bc_doc_table_col(doc, 2, 2, BC_DOC_END);
	bc_doc_table_row(doc, false);
	bc_doc_table_cell(doc, "No.");
	bc_doc_table_span(doc, "Figures", 2);
	bc_doc_table_row(doc, false);
	bc_doc_table_down(doc, 1);
	bc_doc_table_cell(doc, "a");
	bc_doc_table_cell(doc, "b");
	bc_doc_table_row(doc, true);
	bc_doc_table_cell(doc, "1");
	bc_doc_signature(doc);
	bc_doc_section(doc, BC_DOC_LANDSCAPE);
	bc_doc_page_break(doc);
	bc_doc_para(doc, BC_DOC_NOTE, "Wide");
	return doc;
}

/* The parsed part name of the .docx at path; fails the test when the
 * part is missing or is not well-formed XML. */
static xmlDocPtr read_part(const char *path, const char *name)
{
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(z);
	size_t len = 0;
	char *text = test_zip_part(z, name, &len);
	zip_close(z);
	if (!text)
		fail_msg("no part %s", name);
	xmlDocPtr x = xmlReadMemory(text, (int)len, name, "UTF-8",
				    XML_PARSE_NONET);
	free(text);
	if (!x)
		fail_msg("%s is not well-formed", name);
	return x;
}

/* An XPath expression's number over x, w: the WordprocessingML
 * namespace. */
static double xpath_num(xmlDocPtr x, const char *expr)
{
	xmlXPathContextPtr c = xmlXPathNewContext(x);
	xmlXPathRegisterNs(c, BAD_CAST "w", BAD_CAST NS_W);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, c);
	assert_non_null(o);
	double v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return v;
}

static void expect_num(xmlDocPtr x, const char *expr, double want)
{
	double got = xpath_num(x, expr);
	if (got != want)
		fail_msg("%s: %g, not %g", expr, got, want);
}

static char *written(bc_doc *doc, char **dir)
{
	*dir = test_tmpdir();
	char *path = test_path(*dir, "out.docx");
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_docx_write(doc, path, &d), BC_OK);
	assert_int_equal(d.n, 0);
	bc_diags_free(&d);
	return path;
}

/* Frees what written() made and the document. */
static void done(bc_doc *doc, char *dir, char *path)
{
	bc_doc_free(doc);
	test_rm_tree(dir);
	free(path);
	free(dir);
}

static void every_part_well_formed(void **state)
{
	bc_doc *doc = sample();
	char *dir, *path = written(doc, &dir);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		xmlFreeDoc(read_part(path, parts[i]));
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	assert_int_equal(zip_get_num_entries(z, 0),
			 sizeof parts / sizeof parts[0]);
	/* The content types first, as readers of packages expect. */
	assert_string_equal(zip_get_name(z, 0, 0), "[Content_Types].xml");
	zip_close(z);
	done(doc, dir, path);
}

static void pages_of_nd30(void **state)
{
	bc_doc *doc = sample();
	char *dir, *path = written(doc, &dir);
	xmlDocPtr x = read_part(path, "word/document.xml");
	/* A4 portrait, then landscape: two sections */
	expect_num(x, "count(//w:sectPr)", 2);
	expect_num(x, "count(//w:sectPr/w:pgSz[@w:w='11906' and "
		      "@w:h='16838' and not(@w:orient)])", 1);
	expect_num(x, "count(//w:sectPr/w:pgSz[@w:w='16838' and "
		      "@w:h='11906' and @w:orient='landscape'])", 1);
	/* the last section is the body's own, the landscape one */
	expect_num(x, "count(/w:document/w:body/w:sectPr/w:pgSz"
		      "[@w:orient='landscape'])", 1);
	/* margins: left 30 mm, right 15 mm, top and bottom 20 mm */
	expect_num(x, "count(//w:pgMar[@w:left='1701' and @w:right='850' and "
		      "@w:top='1134' and @w:bottom='1134'])", 2);
	/* no number on the first page: once, in the first section */
	expect_num(x, "count(//w:titlePg)", 1);
	expect_num(x, "count((//w:sectPr)[1]/w:titlePg)", 1);
	expect_num(x, "count((//w:sectPr)[1]/w:headerReference"
		      "[@w:type='first'])", 1);
	expect_num(x, "count(//w:sectPr/w:headerReference"
		      "[@w:type='default'])", 2);
	xmlFreeDoc(x);
	x = read_part(path, "word/header1.xml");
	expect_num(x, "count(//w:fldSimple[contains(@w:instr, 'PAGE')])", 1);
	xmlFreeDoc(x);
	x = read_part(path, "word/header2.xml");
	expect_num(x, "count(//w:fldSimple)", 0);
	xmlFreeDoc(x);
	/* Times New Roman 14 pt, in the styles, not on each run */
	x = read_part(path, "word/styles.xml");
	expect_num(x, "count(//w:docDefaults//w:rFonts[@w:ascii='Times New "
		      "Roman' and @w:hAnsi='Times New Roman'])", 1);
	expect_num(x, "count(//w:docDefaults//w:sz[@w:val='28'])", 1);
	expect_num(x, "count(//w:style[@w:styleId='bcBody']//w:ind"
		      "[@w:firstLine='720'])", 1);
	expect_num(x, "count(//w:style[@w:styleId='bcBody']//w:spacing"
		      "[@w:after >= 120])", 1);
	/* a table's indent is a width, not a value (Word repairs one) */
	expect_num(x, "count(//w:tblInd[@w:w and @w:type='dxa'])", 2);
	expect_num(x, "count(//w:tblInd[@w:val])", 0);
	xmlFreeDoc(x);
	done(doc, dir, path);
}

static void body_as_built(void **state)
{
	bc_doc *doc = sample();
	char *dir, *path = written(doc, &dir);
	xmlDocPtr x = read_part(path, "word/document.xml");
	/* the header block, the table, the signer's */
	expect_num(x, "count(/w:document/w:body/w:tbl)", 3);
	/* the header rows repeat on each page, the others do not */
	expect_num(x, "count(//w:tblHeader)", 2);
	expect_num(x, "count((//w:tbl)[2]/w:tr[position() <= 2]/w:trPr/"
		      "w:tblHeader)", 2);
	/* merged across two columns; a short row padded to three cells */
	expect_num(x, "count((//w:tbl)[2]/w:tr[1]/w:tc)", 2);
	expect_num(x, "count((//w:tbl)[2]/w:tr[1]/w:tc[2]/w:tcPr/"
		      "w:gridSpan[@w:val='2'])", 1);
	expect_num(x, "count((//w:tbl)[2]/w:tr[3]/w:tc)", 3);
	/* "No." over both header rows */
	expect_num(x, "count((//w:tbl)[2]/w:tr[1]/w:tc[1]/w:tcPr/"
		      "w:vMerge[@w:val='restart'])", 1);
	expect_num(x, "count((//w:tbl)[2]/w:tr[2]/w:tc[1]/w:tcPr/"
		      "w:vMerge[@w:val='continue'])", 1);
	expect_num(x, "count(//w:vMerge)", 2);
	/* the total row bold; numbers to the right */
	expect_num(x, "count((//w:tbl)[2]/w:tr[3]//w:r/w:rPr/w:b)", 1);
	expect_num(x, "count((//w:tbl)[2]/w:tr[3]/w:tc[3]//w:jc"
		      "[@w:val='right'])", 1);
	/* a newline makes two paragraphs, a tab a tab */
	expect_num(x, "count(//w:p[w:pPr/w:pStyle/@w:val='bcBody'])", 2);
	expect_num(x, "count(//w:p[w:pPr/w:pStyle/@w:val='bcBody']//w:tab)",
		   1);
	/* headings name their style, their number and title apart */
	expect_num(x, "count(//w:p[w:pPr/w:pStyle/@w:val='Heading1']/w:r)",
		   3);
	expect_num(x, "count(//w:pStyle[@w:val='bcUnit'])", 1);
	expect_num(x, "count(//w:pStyle[@w:val='bcNote'])", 1);
	expect_num(x, "count(//w:br[@w:type='page'])", 1);
	/* the signer comes where it was put: before the landscape pages */
	expect_num(x, "count((//w:sectPr)[1]/preceding::w:t"
		      "[.='Signer Name'])", 1);
	/* the short rules: under the issuing body, the motto, the title */
	expect_num(x, "count(//w:pBdr/w:bottom)", 3);
	xmlFreeDoc(x);
	done(doc, dir, path);
}

/* The output is the output file outfile.h makes: a new one gets the
 * mode open(2) would give it, one already there keeps its own. */
static void output_mode(void **state)
{
	bc_doc *doc = sample();
	mode_t mask = umask(027);
	char *dir, *path = written(doc, &dir);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(chmod(path, 0604), 0);
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_docx_write(doc, path, &d), BC_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0604);
	umask(mask);
	done(doc, dir, path);
}

/* With no date, the same document is the same file byte for byte. */
static void same_bytes_every_time(void **state)
{
	bc_doc *doc = sample();
	char *dir, *path = written(doc, &dir);
	size_t n1, n2;
	char *one = test_read_path(path, &n1);
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_docx_write(doc, path, &d), BC_OK);
	char *two = test_read_path(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(one, two, n1);
	free(one);
	free(two);
	doc->created = 1678000000; /* 2023-03-05T07:06:40Z */
	assert_int_equal(bc_docx_write(doc, path, &d), BC_OK);
	assert_int_equal(d.n, 0);
	xmlDocPtr x = read_part(path, "docProps/core.xml");
	xmlXPathContextPtr c = xmlXPathNewContext(x);
	xmlXPathRegisterNs(c, BAD_CAST "dcterms",
			   BAD_CAST "http://purl.org/dc/terms/");
	xmlXPathObjectPtr o = xmlXPathEvalExpression(
		BAD_CAST "string(//dcterms:created)", c);
	assert_string_equal((const char *)o->stringval,
			    "2023-03-05T07:06:40Z");
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	xmlFreeDoc(x);
	done(doc, dir, path);
}

/* A text of 100,000 characters is written whole. */
static void long_text_whole(void **state)
{
	size_t n = 100000;
	char *s = bc_malloc(n + 1);
	memset(s, 'a', n);
	s[n] = '\0';
	bc_doc *doc = bc_doc_new();
	bc_doc_quote(doc, "Unit", s);
	bc_free(s);
	char *dir, *path = written(doc, &dir);
	xmlDocPtr x = read_part(path, "word/document.xml");
	expect_num(x, "string-length(//w:p[w:pPr/w:pStyle/@w:val='bcQuote'])",
		   (double)n);
	xmlFreeDoc(x);
	done(doc, dir, path);
}

/* A document that failed to build is not written; nor is a path that
 * cannot be one, and nothing is left beside it. */
static void refusals(void **state)
{
	char *dir = test_tmpdir(), *path = test_path(dir, "out.docx");
	bc_doc *doc = bc_doc_new();
	bc_doc_table_cell(doc, "no table");
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_docx_write(doc, path, &d), BC_ERR_INVALID);
	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	bc_doc_free(doc);

	doc = sample();
	test_mkdir(dir, "a-directory");
	char *bad = test_path(dir, "a-directory");
	assert_int_equal(bc_docx_write(doc, bad, &d), BC_ERR_IO);
	assert_true(d.errors >= 1);
	bc_diags_free(&d);
	char *missing = test_path(dir, "no/such/dir.docx");
	assert_int_equal(bc_docx_write(doc, missing, &d), BC_ERR_IO);
	bc_diags_free(&d);
	/* only what the test made is there */
	char *ls = test_path(dir, "a-directory");
	assert_int_equal(rmdir(ls), 0);
	assert_int_equal(rmdir(dir), 0);
	free(ls);
	free(missing);
	free(bad);
	bc_doc_free(doc);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_part_well_formed),
		cmocka_unit_test(pages_of_nd30),
		cmocka_unit_test(body_as_built),
		cmocka_unit_test(output_mode),
		cmocka_unit_test(same_bytes_every_time),
		cmocka_unit_test(long_text_whole),
		cmocka_unit_test(refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

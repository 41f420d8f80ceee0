/* SPDX-License-Identifier: MIT */
/*
 * The floors for `baocao export --format xlsx` and `baocao template`: the
 * same cells, written with libxlsxwriter in constant_memory mode (rows
 * streamed to a temporary file and freed).  Plain, they are written
 * without formats, merges or row heights: what is left is XML and
 * deflate, which no xlsx writer avoids.  With --styled, each cell also
 * gets the format baocao gave it, and the sheets baocao's merges, row
 * heights and column widths: the same workbook but for its charts,
 * validations and page setup.
 *
 *     xlsx_cells [--styled] CELLS OUTDIR
 *
 * CELLS is what xlsx_cells.py extracts from baocao's own workbooks, one
 * record a line, fields separated by tabs, rows and columns from 0, FMT
 * a format's number (-1: none):
 *
 *     W  NAME               start workbook OUTDIR/NAME
 *     X  FMT NUMFMT FONT SIZE FLAGS HALIGN VALIGN INDENT L,R,T,B
 *                           a format of the workbook: NUMFMT a format
 *                           code or #ID of a built-in one; FLAGS of b
 *                           (bold), i (italic), u (underline), w
 *                           (wrap); borders' styles as lxw_format_borders
 *     S  SHEET              start a worksheet
 *     D  HEIGHT CUSTOM      the sheet's default row height
 *     C  COL WIDTH          a column's width as the XML gives it
 *     H  ROW HEIGHT         a row's height, before its cells
 *     n  ROW COL FMT NUMBER
 *     s  ROW COL FMT TEXT   TEXT with \\ \t \n \r escaped
 *     f  ROW COL FMT FORMULA    (escaped likewise)
 *     b  ROW COL FMT 0|1
 *     e  ROW COL FMT        a blank cell with a format
 *     M  R1 C1 R2 C2 FMT TEXT   a merged range, given in its last row
 *                           (R2): it stands for that row's cells in it
 *
 * Cells come in the order baocao wrote them, row by row, which is the
 * order constant_memory needs.  Plain, only the records with a value are
 * written (a merge's text where it has one).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			*o++ = *s;
			continue;
		}
		s++;
		*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
	}
	*o = '\0';
}

/* The next tab-separated field of *p (the rest of the line for the
 * last). */
static char *field(char **p)
{
	char *f = *p, *tab = strchr(f, '\t');
	if (tab) {
		*tab = '\0';
		*p = tab + 1;
	} else {
		*p = f + strlen(f);
	}
	return f;
}

#define MAX_FORMATS 4096

typedef struct book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *fmt[MAX_FORMATS];
	int styled;
} book;

static lxw_format *format_of(const book *b, long i)
{
	return b->styled && i > 0 && i < MAX_FORMATS ? b->fmt[i] : NULL;
}

static uint8_t align_of(const char *a, int vertical)
{
	if (!strcmp(a, "center"))
		return vertical ? LXW_ALIGN_VERTICAL_CENTER : LXW_ALIGN_CENTER;
	if (!strcmp(a, "top"))
		return LXW_ALIGN_VERTICAL_TOP;
	if (!strcmp(a, "bottom"))
		return LXW_ALIGN_VERTICAL_BOTTOM;
	if (!strcmp(a, "right"))
		return LXW_ALIGN_RIGHT;
	if (!strcmp(a, "left"))
		return LXW_ALIGN_LEFT;
	return LXW_ALIGN_NONE;
}

/* An X record's format, from its fields after the number. */
static lxw_format *new_format(lxw_workbook *wb, char *p)
{
	lxw_format *f = workbook_add_format(wb);
	char *num = field(&p), *font = field(&p), *size = field(&p),
	     *flags = field(&p), *h = field(&p), *v = field(&p),
	     *indent = field(&p), *borders = field(&p);
	if (!f)
		return NULL;
	unescape(num);
	if (*num == '#')
		format_set_num_format_index(f, (uint8_t)atoi(num + 1));
	else if (*num)
		format_set_num_format(f, num);
	format_set_font_name(f, font);
	format_set_font_size(f, strtod(size, NULL));
	if (strchr(flags, 'b'))
		format_set_bold(f);
	if (strchr(flags, 'i'))
		format_set_italic(f);
	if (strchr(flags, 'u'))
		format_set_underline(f, LXW_UNDERLINE_SINGLE);
	if (strchr(flags, 'w'))
		format_set_text_wrap(f);
	if (*h)
		format_set_align(f, align_of(h, 0));
	if (*v)
		format_set_align(f, align_of(v, 1));
	if (atoi(indent))
		format_set_indent(f, (uint8_t)atoi(indent));
	int side[4] = {0};
	sscanf(borders, "%d,%d,%d,%d", &side[0], &side[1], &side[2], &side[3]);
	format_set_left(f, (uint8_t)side[0]);
	format_set_right(f, (uint8_t)side[1]);
	format_set_top(f, (uint8_t)side[2]);
	format_set_bottom(f, (uint8_t)side[3]);
	return f;
}

/* A sheet's layout record (D, C, H), when styled. */
static lxw_error layout(book *b, char kind, char *p)
{
	char *a = field(&p), *v = field(&p);
	if (!b->styled)
		return LXW_NO_ERROR;
	switch (kind) {
	case 'D':
		worksheet_set_default_row(b->ws, strtod(a, NULL), LXW_FALSE);
		return LXW_NO_ERROR;
	case 'C': /* the XML's width is the one set plus 5 pixels of 7 */
		return worksheet_set_column(b->ws, (lxw_col_t)atol(a),
					    (lxw_col_t)atol(a),
					    (strtod(v, NULL) * 7 - 5) / 7, NULL);
	default:
		return worksheet_set_row(b->ws, (lxw_row_t)atol(a),
					 strtod(v, NULL), NULL);
	}
}

/* A merge: the whole range with its format when styled, else only its
 * text, where it has one. */
static lxw_error merge(book *b, char *p)
{
	long r1 = atol(field(&p)), c1 = atol(field(&p)), r2 = atol(field(&p)),
	     c2 = atol(field(&p)), fmt = atol(field(&p));
	char *text = p;
	unescape(text);
	if (b->styled)
		return worksheet_merge_range(b->ws, (lxw_row_t)r1,
					     (lxw_col_t)c1, (lxw_row_t)r2,
					     (lxw_col_t)c2, text,
					     format_of(b, fmt));
	if (r1 == r2 && *text)
		return worksheet_write_string(b->ws, (lxw_row_t)r1,
					      (lxw_col_t)c1, text, NULL);
	return LXW_NO_ERROR;
}

/* A cell record: n, s, f, b with a value, e a formatted blank. */
static lxw_error cell(book *b, char kind, char *p, int *ok)
{
	char *end;
	long row = strtol(field(&p), &end, 10);
	long col = atol(field(&p));
	lxw_format *f = format_of(b, atol(field(&p)));
	lxw_worksheet *ws = b->ws;
	char *v = p;
	*ok = 1;
	switch (kind) {
	case 'n':
		return worksheet_write_number(ws, row, col, strtod(v, NULL), f);
	case 's':
		unescape(v);
		return worksheet_write_string(ws, row, col, v, f);
	case 'f':
		unescape(v);
		return worksheet_write_formula(ws, row, col, v, f);
	case 'b':
		return worksheet_write_boolean(ws, row, col, *v == '1', f);
	case 'e':
		return b->styled ? worksheet_write_blank(ws, row, col, f)
				 : LXW_NO_ERROR;
	}
	*ok = 0;
	return LXW_NO_ERROR;
}

static int finish(lxw_workbook *wb, const char *name)
{
	if (!wb)
		return 0;
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		fprintf(stderr, "%s: %s\n", name, lxw_strerror(e));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static book b;
	if (argc > 1 && !strcmp(argv[1], "--styled")) {
		b.styled = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: xlsx_cells [--styled] CELLS OUTDIR\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 3;
	}
	/* glibc hands the heap top back to the kernel whenever a free leaves
	 * more than 128 kB there, which libxlsxwriter's buffers do at every
	 * workbook's end; on a virtual machine each page fault that follows
	 * is dear (a province's 400 templates: 3.5 s of system time, 0.7 s
	 * with this).  A floor should not pay for it. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	char *line = NULL, path[4096] = "";
	size_t cap = 0;
	ssize_t len;
	long cells = 0, books = 0, lineno = 0;
	int rc = 0;
	while (rc == 0 && (len = getline(&line, &cap, in)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		char kind = line[0], *rest = line + 2;
		lxw_error e = LXW_NO_ERROR;
		if (kind == 'W') {
			rc = finish(b.wb, path);
			snprintf(path, sizeof path, "%s/%s", argv[2], rest);
			b.wb = workbook_new_opt(path, &opt);
			b.ws = NULL;
			memset(b.fmt, 0, sizeof b.fmt);
			books++;
			if (!b.wb) {
				fprintf(stderr, "%s: cannot create\n", path);
				rc = 1;
			}
			continue;
		}
		if (kind == 'X') {
			long i = atol(field(&rest));
			if (b.styled && i > 0 && i < MAX_FORMATS &&
			    !(b.fmt[i] = new_format(b.wb, rest))) {
				fprintf(stderr, "%s:%ld: no format\n", argv[1],
					lineno);
				rc = 1;
			}
			continue;
		}
		if (kind == 'S') {
			unescape(rest);
			b.ws = b.wb ? workbook_add_worksheet(b.wb, rest) : NULL;
			if (!b.ws) {
				fprintf(stderr, "%s:%ld: no worksheet\n", argv[1],
					lineno);
				rc = 1;
			}
			continue;
		}
		if (!b.ws) {
			fprintf(stderr, "%s:%ld: malformed\n", argv[1], lineno);
			rc = 1;
			break;
		}
		int ok = 1;
		if (kind == 'D' || kind == 'C' || kind == 'H')
			e = layout(&b, kind, rest);
		else if (kind == 'M')
			e = merge(&b, rest);
		else if ((e = cell(&b, kind, rest, &ok)) == LXW_NO_ERROR && ok)
			cells += kind != 'e';
		if (!ok) {
			fprintf(stderr, "%s:%ld: unknown record\n", argv[1],
				lineno);
			rc = 1;
		}
		if (e != LXW_NO_ERROR) {
			fprintf(stderr, "%s:%ld: %s\n", argv[1], lineno,
				lxw_strerror(e));
			rc = 1;
		}
	}
	if (finish(b.wb, path))
		rc = 1;
	free(line);
	fclose(in);
	if (rc == 0)
		fprintf(stderr, "xlsx_cells: %ld cells in %ld workbooks\n",
			cells, books);
	return rc;
}

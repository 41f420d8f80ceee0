/* SPDX-License-Identifier: MIT */
/*
 * The floor for `baocao export --format xlsx` and `baocao template`: the
 * same cells, written with libxlsxwriter in constant_memory mode (rows
 * streamed to a temporary file and freed), without formats, merges or
 * charts.  What is left is XML and deflate, which no xlsx writer avoids.
 *
 *     xlsx_cells CELLS OUTDIR
 *
 * CELLS is what xlsx_cells.py extracts from baocao's own workbooks, one
 * record a line, fields separated by tabs, rows and columns from 0:
 *
 *     W  NAME               start workbook OUTDIR/NAME
 *     S  SHEET              start a worksheet
 *     n  ROW COL NUMBER
 *     s  ROW COL TEXT       TEXT with \\ \t \n \r escaped
 *     f  ROW COL FORMULA    (escaped likewise)
 *     b  ROW COL 0|1
 *
 * Cells come in the order baocao wrote them, row by row, which is the
 * order constant_memory needs.
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
	if (argc != 3) {
		fprintf(stderr, "usage: xlsx_cells CELLS OUTDIR\n");
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
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws = NULL;
	char *line = NULL, path[4096] = "";
	size_t cap = 0;
	ssize_t len;
	long cells = 0, books = 0, lineno = 0;
	int rc = 0;
	while (rc == 0 && (len = getline(&line, &cap, in)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		char kind = line[0];
		if (kind == 'W') {
			rc = finish(wb, path);
			snprintf(path, sizeof path, "%s/%s", argv[2], line + 2);
			wb = workbook_new_opt(path, &opt);
			ws = NULL;
			books++;
			if (!wb) {
				fprintf(stderr, "%s: cannot create\n", path);
				rc = 1;
			}
			continue;
		}
		if (kind == 'S') {
			unescape(line + 2);
			ws = wb ? workbook_add_worksheet(wb, line + 2) : NULL;
			if (!ws) {
				fprintf(stderr, "%s:%ld: no worksheet\n", argv[1],
					lineno);
				rc = 1;
			}
			continue;
		}
		char *end;
		long row = strtol(line + 2, &end, 10);
		long col = strtol(end + 1, &end, 10);
		if (!ws || *end != '\t') {
			fprintf(stderr, "%s:%ld: malformed\n", argv[1], lineno);
			rc = 1;
			break;
		}
		char *v = end + 1;
		lxw_error e = LXW_NO_ERROR;
		switch (kind) {
		case 'n':
			e = worksheet_write_number(ws, row, col, strtod(v, NULL),
						   NULL);
			break;
		case 's':
			unescape(v);
			e = worksheet_write_string(ws, row, col, v, NULL);
			break;
		case 'f':
			unescape(v);
			e = worksheet_write_formula(ws, row, col, v, NULL);
			break;
		case 'b':
			e = worksheet_write_boolean(ws, row, col, *v == '1', NULL);
			break;
		default:
			fprintf(stderr, "%s:%ld: unknown record\n", argv[1],
				lineno);
			rc = 1;
		}
		if (e != LXW_NO_ERROR) {
			fprintf(stderr, "%s:%ld: %s\n", argv[1], lineno,
				lxw_strerror(e));
			rc = 1;
		}
		cells++;
	}
	if (finish(wb, path))
		rc = 1;
	free(line);
	fclose(in);
	if (rc == 0)
		fprintf(stderr, "xlsx_cells: %ld cells in %ld workbooks\n",
			cells, books);
	return rc;
}

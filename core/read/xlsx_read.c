/* SPDX-License-Identifier: MIT */
/*
 * Filled Excel templates.  The workbook is a zip (read with libzip) of
 * XML parts (parsed with expat); only what the template's _fields sheet
 * maps is read, cell by cell, whoever saved the file (Excel, LibreOffice
 * Calc, openpyxl).  A workbook arrives from outside by e-mail or Zalo, so
 * every size is bounded while it is inflated — the sizes a zip declares
 * are not trusted — and anything that is not a baocao template is
 * refused rather than guessed at.
 */
#include "xlsx_read.h"
#include "date.h"
#include "mem.h"
#include "template_map.h"
#include "vndoc.h"

#include <ctype.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define MAX_ENTRIES 4096
#define MAX_ENTRY (64u << 20)   /* one XML part, inflated */
#define MAX_TOTAL (256u << 20)  /* all parts read, inflated */
#define MAX_RATIO 500           /* inflated / compressed, past 1 MiB */
#define MAX_CELLS 1000000 /* a template has a few hundred */
#define MAX_TEXT (1u << 20)     /* one cell's text */
#define MAX_STRINGS 500000 /* a filled template has a few thousand */
#define MAX_MAP 20000           /* rows of _fields; a template has hundreds */
#define MAX_KEPT (64u << 20)    /* text of the cells kept */

typedef struct book {
	const char *name;
	bc_diags *d;
	zip_t *z;
	size_t inflated;
	bc_err rc;
	bool fatal; /* refused as a whole, not for some cells */
} book;

static bc_err refuse(book *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static bc_err refuse(book *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!b->fatal)
		bc_diags_vadd(b->d, BC_ERROR, b->name, 0, NULL, NULL, NULL, fmt,
			      ap);
	va_end(ap);
	b->rc = BC_ERR_INVALID;
	b->fatal = true;
	return BC_ERR_INVALID;
}

/* A problem of one cell or part (loc): said, and the others still looked
 * for, so that every problem is listed. */
static void refuse_at(book *b, const char *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void refuse_at(book *b, const char *loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bc_diags_vadd(b->d, BC_ERROR, b->name, 0, loc, NULL, NULL, fmt, ap);
	va_end(ap);
	b->rc = BC_ERR_INVALID;
}

/* ---- the zip ------------------------------------------------------------ */

static bool bad_path(const char *p)
{
	return !*p || p[0] == '/' || p[0] == '\\' || strstr(p, "..") ||
	       strchr(p, ':');
}

/* Checks every entry before reading any: count, names, declared sizes. */
static bc_err check_entries(book *b)
{
	zip_int64_t n = zip_get_num_entries(b->z, 0);
	if (n < 0 || n > MAX_ENTRIES)
		return refuse(b, N_("a workbook of %lld parts: refused (at most "
				    "%d)"),
			      (long long)n, MAX_ENTRIES);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(b->z, (zip_uint64_t)i, 0, &st) != 0)
			return refuse(b, N_("a damaged workbook: %s"),
				      zip_strerror(b->z));
		if (bad_path(st.name))
			return refuse(b, N_("part '%s' points outside the "
					    "workbook: refused"),
				      st.name);
		if ((st.valid & ZIP_STAT_SIZE) && st.size > MAX_ENTRY)
			return refuse(b, N_("part '%s' inflates to %llu bytes, "
					    "past the limit of %u: refused"),
				      st.name, (unsigned long long)st.size,
				      MAX_ENTRY);
	}
	return BC_OK;
}

/* Inflates one part, counting what actually comes out. */
static bc_err read_part(book *b, const char *path, char **out, size_t *len,
			bool required)
{
	*out = NULL;
	*len = 0;
	zip_stat_t st;
	if (zip_stat(b->z, path, 0, &st) != 0) {
		if (required)
			return refuse(b, N_("no part '%s': not an Excel "
					    "workbook"),
				      path);
		return BC_ERR_NOT_FOUND;
	}
	zip_file_t *f = zip_fopen(b->z, path, 0);
	if (!f)
		return refuse(b, N_("part '%s' cannot be read: %s"), path,
			      zip_strerror(b->z));
	size_t cap = st.size < MAX_ENTRY ? (size_t)st.size + 1 : 4096;
	char *buf = bc_malloc(cap);
	size_t n = 0;
	bc_err rc = buf ? BC_OK : BC_ERR_NOMEM;
	while (rc == BC_OK) {
		if (n + 4096 > cap &&
		    bc_grow((void **)&buf, &cap, n + 4096, 1) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		zip_int64_t got = zip_fread(f, buf + n, cap - n - 1);
		if (got < 0) {
			rc = refuse(b, N_("part '%s' is damaged: %s"), path,
				    zip_file_strerror(f));
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		b->inflated += (size_t)got;
		bool ratio = n > (1u << 20) && (st.valid & ZIP_STAT_COMP_SIZE) &&
			     n / (st.comp_size + 1) > MAX_RATIO;
		if (ratio)
			rc = refuse(b, N_("part '%s' inflates past 500 times "
					  "its size: refused (a zip bomb?)"),
				    path);
		else if (n > MAX_ENTRY || b->inflated > MAX_TOTAL)
			rc = refuse(b, N_("part '%s' inflates past the size "
					  "limit: refused (a zip bomb?)"),
				    path);
	}
	zip_fclose(f);
	if (rc != BC_OK) {
		bc_free(buf);
		return rc;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return BC_OK;
}

static bool has_part(book *b, const char *path)
{
	return zip_name_locate(b->z, path, 0) >= 0;
}

/* A zip that is no Excel workbook: what it is, by the parts its kind
 * always has, and what to send instead. */
static bc_err check_kind(book *b)
{
	char *mime = NULL;
	size_t len;
	if (has_part(b, "xl/workbook.xml"))
		return BC_OK;
	if (has_part(b, "xl/workbook.bin"))
		return refuse(b, N_("an Excel binary workbook (.xlsb), which "
				    "baocao does not read: open it in Excel, "
				    "save it as an Excel workbook (.xlsx) and "
				    "import that"));
	if (has_part(b, "word/document.xml"))
		return refuse(b, N_("a Word document (.docx), not a submission: "
				    "the unit's figures and report come in its "
				    "filled workbook (.xlsx, from 'baocao "
				    "template'), or as JSON or CSV"));
	bc_err rc = read_part(b, "mimetype", &mime, &len, false);
	if (rc != BC_OK && rc != BC_ERR_NOT_FOUND)
		return rc;
	const char *ods = "application/vnd.oasis.opendocument.spreadsheet";
	const char *odf = "application/vnd.oasis.opendocument.";
	bool is_ods = mime && !strncmp(mime, ods, strlen(ods));
	bool is_odf = mime && !strncmp(mime, odf, strlen(odf));
	bc_free(mime);
	if (is_ods)
		return refuse(b, N_("an OpenDocument spreadsheet (.ods), which "
				    "baocao does not read: open it in "
				    "LibreOffice Calc, save it as an Excel "
				    "workbook (.xlsx) and import that"));
	if (is_odf)
		return refuse(b, N_("an OpenDocument file (.odt, .odp …), not a "
				    "submission: the unit's figures and report "
				    "come in its filled workbook (.xlsx, from "
				    "'baocao template'), or as JSON or CSV"));
	return refuse(b, N_("a zip archive, not an Excel workbook (it has no "
			 "xl/workbook.xml): unpack it and import the unit's "
			 ".xlsx, JSON or CSV files themselves"));
}

/* ---- XML with expat ------------------------------------------------------ */

/* The local name of an element: "x:c" and namespaced "...|c" are "c". */
static const char *local(const char *name)
{
	const char *p = strrchr(name, '|');
	const char *q = strrchr(name, ':');
	if (q && (!p || q > p))
		p = q;
	return p ? p + 1 : name;
}

static const char *attr(const char **atts, const char *key)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), key))
			return atts[i + 1];
	return NULL;
}

/* Text gathered between tags, bounded. */
typedef struct textbuf {
	char *s;
	size_t n, cap;
	bool on, over;
	bool oom; /* over because memory ran out, not for its length */
} textbuf;

static void text_add(textbuf *t, const char *s, int len)
{
	if (!t->on || t->over)
		return;
	if (t->n + (size_t)len > MAX_TEXT) {
		t->over = true;
		return;
	}
	if (bc_grow((void **)&t->s, &t->cap, t->n + (size_t)len + 1, 1) < 0) {
		t->over = t->oom = true;
		return;
	}
	memcpy(t->s + t->n, s, (size_t)len);
	t->n += (size_t)len;
	t->s[t->n] = '\0';
}

static void text_reset(textbuf *t)
{
	t->over = false;
	t->n = 0;
	if (t->s)
		t->s[0] = '\0';
}

/* OOXML writes a character it cannot put in XML as "_xHHHH_" (four hex
 * digits, ST_Xstring); decode those, in place. */
static void decode_escapes(char *s)
{
	char *o = s;
	for (char *p = s; *p;) {
		unsigned v;
		int k = 0;
		if (p[0] == '_' && p[1] == 'x' &&
		    sscanf(p + 2, "%4x%n", &v, &k) == 1 && k == 4 && p[6] == '_' &&
		    isxdigit((unsigned char)p[2]) && v > 0 && v < 0x80) {
			*o++ = (char)v;
			p += 7;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
}

/*
 * LibreOffice Calc reads "_x" + 1 to 4 hex digits + "_" as an escape,
 * strictly or not, and saves what it decoded: "cbcc_xa_quy_dinh" comes
 * back as "cbcc\nquy_dinh".  No id of the map holds a control character,
 * so one is written back as the shortest escape it can have come from.
 * A wrong guess can only name no field, which validation refuses.
 */
static char *undo_calc(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += (unsigned char)*p < 0x20 ? 6 : 1;
	char *out = bc_malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p < 0x20)
			o += sprintf(o, "_x%x_", (unsigned char)*p);
		else
			*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* Expat allocates through these, so unit tests see its memory too. */
static void *xml_malloc(size_t n)
{
	return bc_malloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
	return bc_realloc(p, n);
}

static void xml_free(void *p)
{
	bc_free(p);
}

static bc_err parse(book *b, const char *part, const char *xml, size_t len,
		    void *ud, XML_StartElementHandler start,
		    XML_EndElementHandler end, XML_CharacterDataHandler chars)
{
	static const XML_Memory_Handling_Suite mem = {xml_malloc, xml_realloc,
						      xml_free};
	XML_Parser p = XML_ParserCreate_MM(NULL, &mem, "|");
	if (!p)
		return BC_ERR_NOMEM;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	bc_err rc = BC_OK;
	bool failed = XML_Parse(p, xml, (int)len, 1) == XML_STATUS_ERROR;
	if (failed && XML_GetErrorCode(p) == XML_ERROR_NO_MEMORY)
		rc = BC_ERR_NOMEM; /* expat's memory, not the part's fault */
	else if (failed)
		rc = refuse(b, N_("part '%s' is not well-formed XML (line %lu: "
			       "%s)"),
			    part, (unsigned long)XML_GetCurrentLineNumber(p),
			    XML_ErrorString(XML_GetErrorCode(p)));
	XML_ParserFree(p);
	return rc;
}

/* ---- workbook.xml and its relationships -------------------------------- */

typedef struct sheet {
	char *name, *rid, *path;
	char *type;  /* the relationship's kind, as "worksheet" */
	bool linked; /* its relationship was found (once) */
} sheet;

typedef struct wbinfo {
	sheet *v;
	size_t n, cap;
	char *strings, *styles; /* their parts, as the relationships say */
	bool date1904;
	bool oom;
} wbinfo;

static void wb_start(void *ud, const char *el, const char **atts)
{
	wbinfo *w = ud;
	const char *name = local(el);
	if (!strcmp(name, "workbookPr")) {
		const char *d = attr(atts, "date1904");
		w->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	} else if (!strcmp(name, "sheet")) {
		const char *n = attr(atts, "name"), *rid = attr(atts, "id");
		if (!n || !rid)
			return;
		if (bc_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v) < 0) {
			w->oom = true;
			return;
		}
		sheet *sh = &w->v[w->n];
		*sh = (sheet){bc_strdup(n), bc_strdup(rid), NULL, NULL, false};
		if (!sh->name || !sh->rid) {
			/* Not kept: the parts read next compare every
			 * sheet's names. */
			bc_free(sh->name);
			bc_free(sh->rid);
			w->oom = true;
			return;
		}
		w->n++;
	}
}

static void rels_start(void *ud, const char *el, const char **atts)
{
	wbinfo *w = ud;
	if (strcmp(local(el), "Relationship"))
		return;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target"),
		   *type = attr(atts, "Type"), *mode = attr(atts, "TargetMode");
	const char *kind = type ? strrchr(type, '/') : NULL;
	char **part = !kind || !target ? NULL
		      : !strcmp(kind, "/sharedStrings") ? &w->strings
		      : !strcmp(kind, "/styles")        ? &w->styles
							: NULL;
	if (part && !*part) {
		*part = target[0] == '/' ? bc_strdup(target + 1)
					 : bc_sprintf("xl/%s", target);
		w->oom |= !*part;
	}
	for (size_t i = 0; id && target && i < w->n; i++) {
		if (strcmp(w->v[i].rid, id))
			continue;
		/* A second relationship of the same id, or one outside the
		 * file, makes the sheet's part unknown (read_sheet says so). */
		bool again = w->v[i].linked;
		w->v[i].linked = true;
		bc_free(w->v[i].path);
		w->v[i].path = NULL;
		if (again || (mode && !strcmp(mode, "External")))
			continue;
		/* Targets are relative to xl/, or absolute from the root. */
		w->v[i].path = target[0] == '/' ? bc_strdup(target + 1)
						: bc_sprintf("xl/%s", target);
		bc_free(w->v[i].type);
		w->v[i].type = bc_strdup(kind ? kind + 1 : "none");
		w->oom |= !w->v[i].path || !w->v[i].type;
	}
}

static void no_end(void *ud, const char *el)
{
	(void)ud;
	(void)el;
}

static void no_chars(void *ud, const char *s, int len)
{
	(void)ud;
	(void)s;
	(void)len;
}

static void wbinfo_free(wbinfo *w)
{
	for (size_t i = 0; i < w->n; i++) {
		bc_free(w->v[i].name);
		bc_free(w->v[i].rid);
		bc_free(w->v[i].path);
		bc_free(w->v[i].type);
	}
	bc_free(w->v);
	bc_free(w->strings);
	bc_free(w->styles);
}

/* ---- shared strings and styles ------------------------------------------ */

typedef struct strings {
	textbuf t; /* first: collect_chars writes here */
	char **v;
	size_t n, cap;
	int depth_rph; /* inside <rPh>: phonetic hints, not the text */
	bool too_many, too_long, oom;
} strings;

static void ss_start(void *ud, const char *el, const char **atts)
{
	strings *s = ud;
	const char *name = local(el);
	(void)atts;
	if (!strcmp(name, "si")) {
		text_reset(&s->t);
		s->t.on = false;
	} else if (!strcmp(name, "rPh")) {
		s->depth_rph++;
	} else if (!strcmp(name, "t") && !s->depth_rph) {
		s->t.on = true;
	}
}

static void ss_end(void *ud, const char *el)
{
	strings *s = ud;
	const char *name = local(el);
	if (!strcmp(name, "t")) {
		s->t.on = false;
	} else if (!strcmp(name, "rPh")) {
		s->depth_rph--;
	} else if (!strcmp(name, "si")) {
		s->oom |= s->t.oom;
		s->too_long |= s->t.over && !s->t.oom;
		if (s->n >= MAX_STRINGS) {
			s->too_many = true;
			return;
		}
		if (bc_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v) < 0) {
			s->oom = true;
			return;
		}
		s->v[s->n] = bc_strdup(s->t.s ? s->t.s : "");
		s->oom |= !s->v[s->n];
		s->n++;
	}
}

static void ss_chars(void *ud, const char *str, int len)
{
	text_add(&((strings *)ud)->t, str, len);
}

static void strings_free(strings *s)
{
	for (size_t i = 0; i < s->n; i++)
		bc_free(s->v[i]);
	bc_free(s->v);
	bc_free(s->t.s);
}

/* Which cell styles show a date: Excel's built-in date formats, and
 * custom ones whose code has day, month or year letters outside quotes
 * and brackets. */
typedef struct styles {
	int *custom_ids; /* custom number formats that are dates */
	size_t n_custom, cap_custom;
	bool *is_date; /* per cellXfs entry */
	size_t n, cap;
	bool in_xfs, oom;
} styles;

static bool date_code(const char *code)
{
	bool quoted = false, bracket = false;
	for (const char *c = code; *c; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (*c == '[')
			bracket = true;
		else if (*c == ']')
			bracket = false;
		else if (*c == '\\' && c[1])
			c++;
		else if (!quoted && !bracket && strchr("dDmMyY", *c))
			return true;
	}
	return false;
}

static bool builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

static void st_start(void *ud, const char *el, const char **atts)
{
	styles *s = ud;
	const char *name = local(el);
	if (!strcmp(name, "numFmt")) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (!id || !code || !date_code(code))
			return;
		if (bc_grow((void **)&s->custom_ids, &s->cap_custom,
			    s->n_custom + 1, sizeof *s->custom_ids) < 0) {
			s->oom = true;
			return;
		}
		s->custom_ids[s->n_custom++] = atoi(id);
	} else if (!strcmp(name, "cellXfs")) {
		s->in_xfs = true;
	} else if (!strcmp(name, "xf") && s->in_xfs) {
		const char *id = attr(atts, "numFmtId");
		int n = id ? atoi(id) : 0;
		bool date = builtin_date(n);
		for (size_t i = 0; i < s->n_custom && !date; i++)
			date = s->custom_ids[i] == n;
		if (bc_grow((void **)&s->is_date, &s->cap, s->n + 1,
			    sizeof *s->is_date) < 0) {
			s->oom = true;
			return;
		}
		s->is_date[s->n++] = date;
	}
}

static void st_end(void *ud, const char *el)
{
	styles *s = ud;
	if (!strcmp(local(el), "cellXfs"))
		s->in_xfs = false;
}

/* ---- cells ---------------------------------------------------------------- */

/* A cell as read: its text and what kind of value it holds. */
typedef struct cell {
	char ref[16]; /* "E14" */
	bc_rawkind kind;
	char *text; /* NULL: empty */
	bool date_style;
} cell;

typedef struct cells {
	cell *v;
	size_t n, cap;
} cells;

/* Reading one worksheet.  want (sorted) lists the cells to keep; NULL
 * keeps all (for the small _fields and _meta sheets). */
typedef struct sheetread {
	textbuf t;
	book *b;
	const strings *ss;
	const styles *st;
	const char *sheet; /* its name */
	char *const *want;
	size_t n_want;
	cells *out;
	size_t seen;
	long row, col;
	char ref[16], type[16];
	int style;
	bool in_cell, in_v, in_is;
	bool has_f, has_v; /* the cell has a formula, a value */
	bool too_many, too_long, oom;
	size_t kept; /* bytes of text kept */
} sheetread;

static long col_of(const char *ref, long *row)
{
	long c = 0;
	const char *p = ref;
	while (*p == '$')
		p++;
	for (; isalpha((unsigned char)*p); p++)
		c = c * 26 + (toupper((unsigned char)*p) - 'A' + 1);
	while (*p == '$')
		p++;
	*row = atol(p);
	return c;
}

static void ref_text(long col, long row, char *buf, size_t n)
{
	char letters[8];
	int k = 0;
	for (long c = col; c > 0 && k < 7; c = (c - 1) / 26)
		letters[k++] = (char)('A' + (c - 1) % 26);
	char rev[8];
	for (int i = 0; i < k; i++)
		rev[i] = letters[k - 1 - i];
	rev[k] = '\0';
	snprintf(buf, n, "%s%ld", rev, row);
}

static int cmp_ref(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sh_chars(void *ud, const char *str, int len)
{
	text_add(&((sheetread *)ud)->t, str, len);
}

static void sh_start(void *ud, const char *el, const char **atts)
{
	sheetread *s = ud;
	const char *name = local(el);
	if (!strcmp(name, "row")) {
		const char *r = attr(atts, "r");
		s->row = r ? atol(r) : s->row + 1;
		s->col = 0;
	} else if (!strcmp(name, "c")) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"),
			   *st = attr(atts, "s");
		long row;
		s->col = r ? col_of(r, &row) : s->col + 1;
		if (!r || row <= 0)
			row = s->row;
		ref_text(s->col, row, s->ref, sizeof s->ref);
		snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
		s->style = st ? atoi(st) : 0;
		s->in_cell = true;
		s->has_f = s->has_v = false;
		text_reset(&s->t);
		if (++s->seen > MAX_CELLS)
			s->too_many = true;
	} else if (s->in_cell && !strcmp(name, "v")) {
		s->in_v = s->t.on = s->has_v = true;
	} else if (s->in_cell && !strcmp(name, "f")) {
		s->has_f = true;
	} else if (s->in_cell && !strcmp(name, "is")) {
		s->in_is = true;
	} else if (s->in_is && !strcmp(name, "t")) {
		s->t.on = true;
	}
}

static bool wanted(const sheetread *s, const char *ref)
{
	if (!s->want)
		return true;
	const char *key = ref;
	return bsearch(&key, s->want, s->n_want, sizeof *s->want, cmp_ref);
}

/* The text of the cell just read as the value it holds, or NULL when
 * it holds none it can be read as (said, at loc): a shared string looked
 * up, a boolean, a number as written (12.339999999999998, the binary
 * noise of the 12.34 typed, is the validator's to read as the field
 * takes it: 12345678901234.56 is money as it stands).  Nothing is
 * dropped in silence. */
static const char *cell_value(sheetread *s, const char *loc, cell *c)
{
	const char *v = s->t.s;
	char *end;
	if (!strcmp(s->type, "s")) {
		long i = strtol(v, &end, 10);
		if (!*end && i >= 0 && (size_t)i < s->ss->n)
			return s->ss->v[i];
		refuse_at(s->b, loc, N_("shared string '%s', which the workbook "
					"does not have (it has %zu): a damaged "
					"file; open it in Excel or LibreOffice "
					"Calc and save it again"),
			  v, s->ss->n);
	} else if (!strcmp(s->type, "b")) {
		c->kind = BC_RAW_BOOL;
		if (!strcmp(v, "1") || !strcmp(v, "0"))
			return !strcmp(v, "1") ? "true" : "false";
		refuse_at(s->b, loc, N_("'%s' is no true or false: open it in "
					"Excel or LibreOffice Calc and save it "
					"again"), v);
	} else if (!strcmp(s->type, "n")) {
		(void)strtod(v, &end);
		c->kind = BC_RAW_NUM;
		bool style_ok = s->style >= 0 &&
				((size_t)s->style < s->st->n || !s->style);
		c->date_style = style_ok && (size_t)s->style < s->st->n &&
				s->st->is_date[s->style];
		if (*v && !*end && style_ok)
			return v;
		refuse_at(s->b, loc, *end ? N_("'%s' is not a number: open it "
					       "in Excel or LibreOffice Calc "
					       "and save it again")
					  : N_("number %s has a style the "
					       "workbook does not have: open it "
					       "in Excel or LibreOffice Calc "
					       "and save it again"),
			  v);
	} else if (!strcmp(s->type, "e")) {
		refuse_at(s->b, loc, N_("the cell shows an error (%s): correct "
					"its formula or type the value"),
			  v);
	} else if (!strcmp(s->type, "str") || !strcmp(s->type, "inlineStr") ||
		   !strcmp(s->type, "d")) {
		return v;
	} else {
		refuse_at(s->b, loc, N_("a cell of unknown type '%s': open it "
					"in Excel or LibreOffice Calc and save "
					"it again"),
			  s->type);
	}
	return NULL;
}

/* Keeps the cell just read when the map names it. */
static void finish_cell(sheetread *s)
{
	if (!wanted(s, s->ref))
		return;
	char loc[96];
	snprintf(loc, sizeof loc, "%s!%s", s->sheet, s->ref);
	/* Saved by a program that does not compute formulas (openpyxl, a
	 * script): the value the unit sees is in no file. */
	if (s->has_f && !s->has_v) {
		refuse_at(s->b, loc, N_("a formula without its computed value: "
					"open the workbook in Excel or "
					"LibreOffice Calc, which computes it, "
					"and save it again"));
		return;
	}
	if (!s->t.s || !*s->t.s)
		return;
	cell c = {.kind = BC_RAW_TEXT};
	snprintf(c.ref, sizeof c.ref, "%s", s->ref);
	const char *v = cell_value(s, loc, &c);
	if (!v || !*v)
		return;
	/* A shared string may be referenced by a million cells: bound what
	 * is kept, not only what is read. */
	s->kept += strlen(v) + sizeof c;
	if (s->kept > MAX_KEPT) {
		s->too_many = true;
		return;
	}
	if (bc_grow((void **)&s->out->v, &s->out->cap, s->out->n + 1,
		    sizeof *s->out->v) < 0 ||
	    !(c.text = bc_strdup(v))) {
		s->oom = true;
		return;
	}
	if (c.kind == BC_RAW_TEXT)
		decode_escapes(c.text);
	s->out->v[s->out->n++] = c;
}

static void sh_end(void *ud, const char *el)
{
	sheetread *s = ud;
	const char *name = local(el);
	if (!strcmp(name, "v")) {
		s->in_v = s->t.on = false;
	} else if (!strcmp(name, "t")) {
		s->t.on = false;
	} else if (!strcmp(name, "is")) {
		s->in_is = false;
	} else if (!strcmp(name, "c") && s->in_cell) {
		s->in_cell = false;
		s->oom |= s->t.oom;
		if (s->t.over)
			s->too_long = !s->t.oom;
		else if (!s->too_many)
			finish_cell(s);
	}
}

static void cells_free(cells *c)
{
	for (size_t i = 0; i < c->n; i++)
		bc_free(c->v[i].text);
	bc_free(c->v);
	*c = (cells){0};
}

static int cmp_cell(const void *a, const void *b)
{
	return strcmp(((const cell *)a)->ref, ((const cell *)b)->ref);
}

/* Cells are sorted by reference once read (sort_cells).  A reference
 * too long for any cell (Excel's longest is "XFD1048576") names none:
 * cut short, it could name another. */
static const cell *find_cell(const cells *c, const char *ref)
{
	cell key;
	size_t n = strlen(ref);
	if (n >= sizeof key.ref)
		return NULL;
	memcpy(key.ref, ref, n + 1);
	return c->n ? bsearch(&key, c->v, c->n, sizeof *c->v, cmp_cell) : NULL;
}

static void sort_cells(cells *c)
{
	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, cmp_cell);
}

/* ---- the template's map ------------------------------------------------- */

typedef struct mapping {
	char *form, *field, *sheet, *cell;
	const char *value; /* from the sheet, or NULL */
	bc_rawkind kind;
	bool date_style;
	/* A table's cell: table and column (in field), row; table NULL
	 * otherwise.  The first of its table in the map holds where its
	 * table's cells are in tmpl's cells_by_row, [from, to). */
	char *table;
	const char *col;
	int row;
	bool first;
	size_t from, to;
} mapping;

/* A table's cell of the map, and its place in the map. */
typedef struct table_cell {
	const mapping *m;
	size_t k;
} table_cell;

typedef struct tmpl {
	book *b;
	wbinfo wb;
	strings ss;
	styles st;
	mapping *map;
	size_t n_map, cap_map;
	cells meta, fields;
	cells *sheet_cells; /* per wb sheet */
	/* The map's table cells (indices) by form, table, row, then their
	 * order in the map: each table read once, whatever the map's size. */
	table_cell *by_row;
	size_t n_by_row;
} tmpl;

static const sheet *sheet_named(const tmpl *t, const char *name)
{
	for (size_t i = 0; i < t->wb.n; i++)
		if (!strcmp(t->wb.v[i].name, name))
			return &t->wb.v[i];
	return NULL;
}

static bc_err read_sheet(tmpl *t, const sheet *sh, char *const *want,
			 size_t n_want, cells *out)
{
	char *xml;
	size_t len;
	if (!sh->path)
		return refuse(t->b, N_("sheet '%s' has no part (its "
				       "relationship %s is missing, given twice "
				       "or outside the file): open it in Excel "
				       "or LibreOffice Calc and save it again"),
			      sh->name, sh->rid);
	if (strcmp(sh->type, "worksheet"))
		return refuse(t->b, N_("sheet '%s': its relationship %s points "
				       "to '%s', a %s, not a worksheet: open it "
				       "in Excel or LibreOffice Calc and save "
				       "it again"),
			      sh->name, sh->rid, sh->path, sh->type);
	for (const sheet *o = t->wb.v; o < t->wb.v + t->wb.n; o++)
		if (o != sh && o->path && !strcmp(o->path, sh->path))
			return refuse(t->b, N_("sheets '%s' and '%s' are the "
					       "same part '%s': open it in "
					       "Excel or LibreOffice Calc and "
					       "save it again"),
				      o < sh ? o->name : sh->name,
				      o < sh ? sh->name : o->name, sh->path);
	bc_err rc = read_part(t->b, sh->path, &xml, &len, true);
	if (rc != BC_OK)
		return rc;
	sheetread s = {.b = t->b, .ss = &t->ss, .st = &t->st,
		       .sheet = sh->name, .want = want, .n_want = n_want,
		       .out = out};
	rc = parse(t->b, sh->path, xml, len, &s, sh_start, sh_end, sh_chars);
	bc_free(xml);
	bc_free(s.t.s);
	if (rc == BC_OK && s.too_many)
		rc = refuse(t->b, N_("sheet '%s' has more than %d cells, or "
				     "more than %u bytes of text: refused"),
			    sh->name, MAX_CELLS, MAX_KEPT);
	if (rc == BC_OK && s.too_long)
		rc = refuse(t->b, N_("sheet '%s' has a cell of more than %u "
				     "bytes: refused"),
			    sh->name, MAX_TEXT);
	if (rc == BC_OK && (s.oom))
		rc = BC_ERR_NOMEM;
	sort_cells(out);
	for (size_t i = 1; rc == BC_OK && i < out->n; i++)
		if (!strcmp(out->v[i - 1].ref, out->v[i].ref)) {
			char loc[96];
			snprintf(loc, sizeof loc, "%s!%s", sh->name,
				 out->v[i].ref);
			refuse_at(t->b, loc, N_("the cell is written twice in "
						"the sheet: a damaged file; "
						"open it in Excel or "
						"LibreOffice Calc and save it "
						"again"));
		}
	return rc == BC_OK ? t->b->rc : rc;
}

/* A cell's reference as Excel writes it: one to three letters, then a
 * row from 1 to 1048576. */
static bool cell_ref(const char *s)
{
	size_t letters = 0, digits = 0;
	while (isupper((unsigned char)s[letters]))
		letters++;
	const char *d = s + letters;
	while (isdigit((unsigned char)d[digits]))
		digits++;
	return letters >= 1 && letters <= 3 && digits >= 1 && digits <= 7 &&
	       !d[digits] && d[0] != '0' && atol(d) <= 1048576;
}

/* The column (1-based) of each header of _fields' first row. */
static bc_err read_map(tmpl *t)
{
	static const char *const heads[] = BC_MAP_HEADS;
	char cols[4][8];
	for (int k = 0; k < 4; k++) {
		cols[k][0] = '\0';
		for (size_t i = 0; i < t->fields.n; i++) {
			long row;
			char buf[16];
			snprintf(buf, sizeof buf, "%s", t->fields.v[i].ref);
			long col = col_of(buf, &row);
			char *h = t->fields.v[i].text;
			while (isspace((unsigned char)*h))
				h++;
			if (row == 1 && !strncasecmp(h, heads[k], strlen(heads[k])) &&
			    (!h[strlen(heads[k])] || isspace((unsigned char)h[strlen(heads[k])])))
				ref_text(col, 0, cols[k], sizeof cols[k]);
		}
		size_t l = strlen(cols[k]);
		if (!l)
			return refuse(t->b, N_("sheet _fields has no '%s' "
					       "column: not a baocao template"),
				      heads[k]);
		cols[k][l - 1] = '\0'; /* drop the row number 0 */
	}
	for (long row = 2;; row++) {
		char ref[4][24];
		const cell *c[4];
		bool any = false;
		for (int k = 0; k < 4; k++) {
			snprintf(ref[k], sizeof ref[k], "%s%ld", cols[k], row);
			c[k] = find_cell(&t->fields, ref[k]);
			any |= c[k] != NULL;
		}
		if (!any)
			break;
		if (!c[0] || !c[1] || !c[2] || !c[3])
			return refuse(t->b, N_("_fields row %ld is incomplete"), row);
		if (t->n_map >= MAX_MAP)
			return refuse(t->b, N_("_fields maps more than %d "
					       "cells: not a template of this "
					       "program"),
				      MAX_MAP);
		if (bc_grow((void **)&t->map, &t->cap_map, t->n_map + 1,
			    sizeof *t->map) < 0)
			return BC_ERR_NOMEM;
		mapping *m = &t->map[t->n_map++];
		*m = (mapping){.form = undo_calc(c[0]->text),
			       .field = undo_calc(c[1]->text),
			       .sheet = bc_strdup(c[2]->text),
			       .cell = bc_strdup(c[3]->text),
			       .kind = BC_RAW_TEXT};
		if (!m->form || !m->field || !m->sheet || !m->cell)
			return BC_ERR_NOMEM;
		char tb[128];
		if (bc_cell_address(m->field, tb, sizeof tb, &m->row,
				    &m->col) == BC_ADDR_CELL &&
		    !(m->table = bc_strdup(tb)))
			return BC_ERR_NOMEM;
		for (char *p = m->cell; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		char *dollar;
		while ((dollar = strchr(m->cell, '$')))
			memmove(dollar, dollar + 1, strlen(dollar));
		if (!cell_ref(m->cell)) {
			char loc[32];
			snprintf(loc, sizeof loc, "_fields!%s", ref[3]);
			refuse_at(t->b, loc, N_("'%s' is no cell (as E14): the "
					     "template's map was altered; make "
					     "a new template"),
				  c[3]->text);
		}
	}
	if (!t->n_map)
		return refuse(t->b, N_("sheet _fields maps no cell: not a "
				    "baocao template"));
	return t->b->rc;
}

/* Reads every sheet the map names, only the cells it names. */
static bc_err read_values(tmpl *t)
{
	bc_err rc = BC_OK;
	for (size_t i = 0; rc == BC_OK && i < t->wb.n; i++) {
		char **want = NULL;
		size_t n = 0;
		for (size_t k = 0; k < t->n_map; k++)
			if (!strcmp(t->map[k].sheet, t->wb.v[i].name))
				n++;
		if (!n)
			continue;
		want = bc_malloc(n * sizeof *want);
		if (!want)
			return BC_ERR_NOMEM;
		n = 0;
		for (size_t k = 0; k < t->n_map; k++)
			if (!strcmp(t->map[k].sheet, t->wb.v[i].name))
				want[n++] = t->map[k].cell;
		qsort(want, n, sizeof *want, cmp_ref);
		bc_err r = read_sheet(t, &t->wb.v[i], want, n,
				      &t->sheet_cells[i]);
		bc_free(want);
		/* A sheet's bad cells do not hide the next sheet's. */
		rc = r == BC_ERR_INVALID && t->b->rc == BC_ERR_INVALID &&
				     !t->b->fatal
			     ? BC_OK
			     : r;
		for (size_t k = 0; rc == BC_OK && k < t->n_map; k++) {
			mapping *m = &t->map[k];
			if (strcmp(m->sheet, t->wb.v[i].name))
				continue;
			const cell *c = find_cell(&t->sheet_cells[i], m->cell);
			if (c) {
				m->value = c->text;
				m->kind = c->kind;
				m->date_style = c->date_style;
			}
		}
	}
	for (size_t k = 0; rc == BC_OK && k < t->n_map; k++)
		if (!sheet_named(t, t->map[k].sheet))
			rc = refuse(t->b, N_("_fields names sheet '%s', which "
					     "the workbook does not have"),
				    t->map[k].sheet);
	return rc;
}

/* An Excel date serial as YYYY-MM-DD; false for one that is no day. */
static bool serial_date(const char *text, bool date1904, char *out)
{
	bc_date d;
	if (!bc_date_from_serial(text, date1904, &d))
		return false;
	bc_date_format(d, out);
	return true;
}

static const char *meta_value(const tmpl *t, const char *key, char *loc,
			      size_t n)
{
	for (size_t i = 0; i < t->meta.n; i++) {
		long row;
		char ref[16];
		snprintf(ref, sizeof ref, "%s", t->meta.v[i].ref);
		if (col_of(ref, &row) != 1 || strcmp(t->meta.v[i].text, key))
			continue;
		char b[16];
		snprintf(b, sizeof b, "B%ld", row);
		const cell *c = find_cell(&t->meta, b);
		snprintf(loc, n, "_meta!%s", b);
		return c ? c->text : NULL;
	}
	return NULL;
}

typedef struct emitter {
	tmpl *t;
	bc_submission *s;
	int dates;
	bool filled; /* some cell besides the cover's is filled in */
	bc_err rc;
} emitter;

static void emit(emitter *o, const mapping *m, const char *form,
		 const char *field, int row, const char *col)
{
	char loc[128], date[BC_DATE_BUF];
	const char *text = m->value;
	bc_rawkind kind = m->kind;
	snprintf(loc, sizeof loc, "%s!%s", m->sheet, m->cell);
	/* A cell formatted as a date holds a serial number: read the day. */
	if (kind == BC_RAW_NUM && m->date_style &&
	    serial_date(text, o->dates == 1904, date)) {
		text = date;
		kind = BC_RAW_TEXT;
	}
	bc_err rc = bc_submission_value(o->s, form, field, row, col, text, kind,
					0, loc);
	if (rc == BC_OK)
		o->s->v[o->s->n - 1].sheet_dates = o->dates;
	if (rc != BC_OK && o->rc == BC_OK)
		o->rc = rc;
}

/* A table's filled rows, renumbered 1, 2 … (blank rows are not rows);
 * a table left entirely blank is an empty table, said at its first
 * cell. */
static void emit_table(emitter *o, const mapping *first)
{
	const tmpl *t = o->t;
	int out_row = 0;
	for (size_t i = first->from, end; i < first->to; i = end) {
		bool filled = false;
		for (end = i; end < first->to &&
			      t->by_row[end].m->row == t->by_row[i].m->row;
		     end++)
			filled |= t->by_row[end].m->value != NULL;
		if (!filled)
			continue;
		out_row++;
		for (size_t k = i; k < end; k++) {
			const mapping *m = t->by_row[k].m;
			if (m->value)
				emit(o, m, m->form, m->table, out_row, m->col);
		}
	}
	if (!out_row) {
		mapping blank = *first;
		blank.value = "[]";
		blank.kind = BC_RAW_EMPTY;
		emit(o, &blank, first->form, first->table, 0, NULL);
	}
}

static int cmp_table_cell(const void *a, const void *b)
{
	const table_cell *p = a, *q = b;
	const mapping *x = p->m, *y = q->m;
	int c = strcmp(x->form, y->form);
	if (!c)
		c = strcmp(x->table, y->table);
	if (!c)
		c = (x->row > y->row) - (x->row < y->row);
	return c ? c : (p->k > q->k) - (p->k < q->k);
}

/* Groups the table cells of the map (by_row), marking the first cell
 * of each table in the map with where its group is. */
static bc_err group_tables(tmpl *t)
{
	t->by_row = bc_malloc((t->n_map + 1) * sizeof *t->by_row);
	if (!t->by_row)
		return BC_ERR_NOMEM;
	for (size_t k = 0; k < t->n_map; k++)
		if (t->map[k].table)
			t->by_row[t->n_by_row++] = (table_cell){&t->map[k], k};
	qsort(t->by_row, t->n_by_row, sizeof *t->by_row, cmp_table_cell);
	for (size_t i = 0, end; i < t->n_by_row; i = end) {
		const mapping *a = t->by_row[i].m;
		size_t first = t->by_row[i].k;
		for (end = i; end < t->n_by_row; end++) {
			const mapping *m = t->by_row[end].m;
			if (strcmp(m->form, a->form) || strcmp(m->table, a->table))
				break;
			first = t->by_row[end].k < first ? t->by_row[end].k : first;
		}
		t->map[first].first = true;
		t->map[first].from = i;
		t->map[first].to = end;
	}
	return BC_OK;
}

static void emit_all(emitter *o)
{
	tmpl *t = o->t;
	for (size_t k = 0; k < t->n_map && o->rc == BC_OK; k++) {
		const mapping *m = &t->map[k];
		char loc[128];
		snprintf(loc, sizeof loc, "%s!%s", m->sheet, m->cell);
		if (!strcmp(m->form, BC_FORM_META)) {
			bc_attr *a = !strcmp(m->field, "signer_name")
					     ? &o->s->signer_name
				     : !strcmp(m->field, "signer_title")
					     ? &o->s->signer_title
				     : !strcmp(m->field, "signed_date")
					     ? &o->s->signed_date
				     : !strcmp(m->field, "estimated")
					     ? &o->s->estimated
					     : NULL;
			char date[BC_DATE_BUF];
			const char *v = m->value;
			if (v && m->kind == BC_RAW_NUM && a == &o->s->signed_date &&
			    serial_date(v, o->dates == 1904, date))
				v = date;
			/* The cover's choice list says yes or no in words
			 * (bc_vndoc_yes_no). */
			bool yes;
			if (v && a == &o->s->estimated &&
			    bc_vndoc_bool_parse(v, &yes))
				v = yes ? "true" : "false";
			if (a && v)
				o->rc = bc_attr_set(a, v, 0, loc);
			else if (a)
				o->rc = bc_attr_set(a, NULL, 0, loc);
			continue;
		}
		/* A workbook with nothing filled in has no empty tables
		 * either: it is no receipt of anything. */
		if (m->table) {
			if (o->filled && m->first &&
			    (o->rc = bc_submission_form(o->s, m->form, 0)) ==
				    BC_OK)
				emit_table(o, m);
			continue;
		}
		if (!m->value)
			continue;
		if (strcmp(m->form, BC_PART_REPORT))
			o->rc = bc_submission_form(o->s, m->form, 0);
		if (o->rc == BC_OK)
			emit(o, m, m->form, m->field, 0, NULL);
	}
}

/* The blank cells of the forms filled in, as values not reported: they
 * say where a field left out is (a required one is asked for there). */
static void emit_blanks(emitter *o)
{
	tmpl *t = o->t;
	char loc[128];
	for (size_t k = 0; k < t->n_map && o->rc == BC_OK; k++) {
		const mapping *m = &t->map[k];
		bool named = false;
		for (size_t i = 0; i < o->s->n_forms && !named; i++)
			named = !strcmp(o->s->forms[i], m->form);
		if (m->value || !named || m->table)
			continue;
		snprintf(loc, sizeof loc, "%s!%s", m->sheet, m->cell);
		o->rc = bc_submission_value(o->s, m->form, m->field, 0, NULL,
					    NULL, BC_RAW_NULL, 0, loc);
	}
}

static bc_err build(tmpl *t, const char *name, bc_submissions *subs)
{
	char loc[64];
	const char *version = meta_value(t, BC_MAP_VERSION, loc, sizeof loc);
	char ours[16];
	snprintf(ours, sizeof ours, "%d", BC_TEMPLATE_VERSION);
	if (!version)
		return refuse(t->b, N_("no %s in %s: not a baocao template"),
			      BC_MAP_VERSION, BC_MAP_META_SHEET);
	if (strcmp(version, ours))
		return refuse(t->b, N_("template version %s is newer than this "
				    "baocao reads (%s)"),
			      version, ours);
	bc_submission *s = bc_submission_add(subs, name, 0);
	if (!s)
		return BC_ERR_NOMEM;
	static const char *const keys[] = {BC_MAP_UNIT, BC_MAP_PERIOD,
					   BC_MAP_RULESET, BC_MAP_HASH};
	bc_attr *attrs[] = {&s->unit, &s->period, &s->ruleset, &s->ruleset_hash};
	for (int i = 0; i < 4; i++) {
		const char *v = meta_value(t, keys[i], loc, sizeof loc);
		if (v && bc_attr_set(attrs[i], v, 0, loc) != BC_OK)
			return BC_ERR_NOMEM;
	}
	emitter o = {t, s, t->wb.date1904 ? 1904 : 1900, false, BC_OK};
	for (size_t k = 0; k < t->n_map && !o.filled; k++)
		o.filled = t->map[k].value && strcmp(t->map[k].form, BC_FORM_META);
	emit_all(&o);
	emit_blanks(&o);
	if (o.rc == BC_ERR_LIMIT)
		return refuse(t->b, N_("_fields maps more than %d forms: not a "
				    "template of this program"),
			      BC_READ_MAX_FORMS);
	return o.rc;
}

static void tmpl_free(tmpl *t)
{
	for (size_t i = 0; i < t->n_map; i++) {
		bc_free(t->map[i].form);
		bc_free(t->map[i].field);
		bc_free(t->map[i].sheet);
		bc_free(t->map[i].cell);
		bc_free(t->map[i].table);
	}
	bc_free(t->map);
	bc_free(t->by_row);
	for (size_t i = 0; t->sheet_cells && i < t->wb.n; i++)
		cells_free(&t->sheet_cells[i]);
	bc_free(t->sheet_cells);
	cells_free(&t->meta);
	cells_free(&t->fields);
	wbinfo_free(&t->wb);
	strings_free(&t->ss);
	bc_free(t->st.custom_ids);
	bc_free(t->st.is_date);
}

/* workbook.xml, its relationships, shared strings and styles. */
static bc_err read_workbook(tmpl *t)
{
	char *xml;
	size_t len;
	bc_err rc = read_part(t->b, "xl/workbook.xml", &xml, &len, true);
	if (rc == BC_OK) {
		rc = parse(t->b, "xl/workbook.xml", xml, len, &t->wb, wb_start,
			   no_end, no_chars);
		bc_free(xml);
	}
	if (rc == BC_OK &&
	    (rc = read_part(t->b, "xl/_rels/workbook.xml.rels", &xml, &len,
			    true)) == BC_OK) {
		rc = parse(t->b, "xl/_rels/workbook.xml.rels", xml, len, &t->wb,
			   rels_start, no_end, no_chars);
		bc_free(xml);
	}
	/* Where the relationships say, or where every writer puts them. */
	const char *ss = t->wb.strings ? t->wb.strings : "xl/sharedStrings.xml";
	const char *st = t->wb.styles ? t->wb.styles : "xl/styles.xml";
	if (rc == BC_OK &&
	    (rc = read_part(t->b, ss, &xml, &len, false)) == BC_OK) {
		rc = parse(t->b, ss, xml, len, &t->ss, ss_start, ss_end,
			   ss_chars);
		bc_free(xml);
	} else if (rc == BC_ERR_NOT_FOUND) {
		rc = BC_OK;
	}
	if (rc == BC_OK &&
	    (rc = read_part(t->b, st, &xml, &len, false)) == BC_OK) {
		rc = parse(t->b, st, xml, len, &t->st, st_start, st_end,
			   no_chars);
		bc_free(xml);
	} else if (rc == BC_ERR_NOT_FOUND) {
		rc = BC_OK;
	}
	if (rc == BC_OK && t->ss.too_many)
		rc = refuse(t->b, N_("%s holds more than %d strings: refused (a "
				     "filled template has a few thousand)"),
			    ss, MAX_STRINGS);
	if (rc == BC_OK && t->ss.too_long)
		rc = refuse(t->b, N_("%s has a string of more than %u bytes: "
				  "refused"),
			    ss, MAX_TEXT);
	if (rc == BC_OK && (t->wb.oom || t->ss.oom || t->st.oom))
		rc = BC_ERR_NOMEM;
	for (size_t i = 0; rc == BC_OK && i < t->wb.n; i++)
		for (size_t k = 0; k < i; k++)
			if (!strcmp(t->wb.v[i].name, t->wb.v[k].name))
				rc = refuse(t->b, N_("two sheets named '%s': "
						     "open it in Excel or "
						     "LibreOffice Calc and save "
						     "it again"),
					    t->wb.v[i].name);
	return rc;
}

static bc_err read_template(tmpl *t, const char *name, bc_submissions *out)
{
	bc_err rc = read_workbook(t);
	const sheet *fields = rc == BC_OK ? sheet_named(t, BC_MAP_FIELDS_SHEET)
					  : NULL;
	const sheet *meta = rc == BC_OK ? sheet_named(t, BC_MAP_META_SHEET)
					: NULL;
	if (rc == BC_OK && (!fields || !meta))
		return refuse(t->b, N_("no _fields or _meta sheet: not a "
				       "workbook made by 'baocao template' (see "
				       "docs/excel-templates.md)"));
	if (rc == BC_OK)
		rc = read_sheet(t, fields, NULL, 0, &t->fields);
	if (rc == BC_OK)
		rc = read_sheet(t, meta, NULL, 0, &t->meta);
	if (rc == BC_OK)
		rc = read_map(t);
	if (rc == BC_OK)
		rc = group_tables(t);
	if (rc == BC_OK && !(t->sheet_cells = bc_calloc(t->wb.n + 1,
							 sizeof *t->sheet_cells)))
		rc = BC_ERR_NOMEM;
	if (rc == BC_OK)
		rc = read_values(t);
	if (rc == BC_OK)
		rc = build(t, name, out);
	return rc;
}

bc_err bc_xlsx_read(const char *name, const char *buf, size_t len,
		    bc_submissions *out, bc_diags *d)
{
	book b = {.name = name, .d = d};
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
	if (src)
		b.z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!b.z) {
		refuse(&b, N_("not a readable .xlsx workbook (a damaged zip: "
			      "%s)"),
		       zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return BC_ERR_INVALID;
	}
	zip_error_fini(&ze);
	tmpl t = {.b = &b};
	bc_err rc = check_entries(&b);
	if (rc == BC_OK)
		rc = check_kind(&b);
	if (rc == BC_OK)
		rc = read_template(&t, name, out);
	tmpl_free(&t);
	zip_close(b.z); /* read-only: discards, and frees the source */
	return rc == BC_OK ? b.rc : rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * JSON text: the one writer every JSON output goes through, and exact
 * numbers in jansson trees.
 *
 * The writer streams: a caller opens objects and arrays, writes keys and
 * values one by one, or a whole jansson tree where it has one, and the
 * text comes out as jansson's json_dump would write the same document
 * whole with the same flags (JSON_INDENT, JSON_COMPACT,
 * JSON_REAL_PRECISION; keys in the order given): separators, indentation
 * and escaping alike, so an output streamed piece by piece is byte for
 * byte the output dumped whole.  Strings are written as given (UTF-8
 * passes through, control characters, quotes and backslashes escaped).
 *
 * jansson keeps a number as a 64-bit integer or a double, and a double
 * cannot hold 99999999999999.99.  An exact decimal that is not whole is
 * therefore a node of its own in a tree (a string that begins with a
 * NUL byte: no text read from a file or the database holds one, and
 * jansson keeps its length), which the writer writes as a bare number
 * with its digits.  Everything that reads numbers from a tree the
 * aggregate or the export built reads them through these functions, so
 * that it sees the exact decimal; anything else sees an empty string,
 * never a wrong number.
 */
#ifndef BC_JSONOUT_H
#define BC_JSONOUT_H

#include "decimal.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* ---- the writer ---------------------------------------------------------- */

/* Where the text goes: n bytes of s; 0, or -1 when they could not be
 * written (errno saying why, where the sink knows). */
typedef int (*bc_jw_sink)(const char *s, size_t n, void *ud);

#define BC_JW_BUF 8192

/* A writer lives where its caller puts it (on the stack, as a rule):
 * bc_jw_init, the document, bc_jw_finish.  Its members are its own. */
typedef struct bc_jw {
	bc_jw_sink sink;
	void *ud;
	FILE *file;	/* flushed by bc_jw_finish, when the sink is one */
	int indent;	/* spaces a level; 0: all on one line */
	int precision;	/* of reals: significant digits */
	bool compact;	/* ":" and "," without the space after them */
	int depth;	/* objects and arrays open */
	bool empty;	/* the innermost of them has no member yet */
	bool keyed;	/* a key written, its value not yet */
	int err;	/* errno of the first failed write; then nothing more */
	size_t n;	/* bytes in buf, not yet given to the sink */
	char buf[BC_JW_BUF];
} bc_jw;

/* A writer with jansson's flags (JSON_INDENT(n), JSON_COMPACT,
 * JSON_REAL_PRECISION(n); others do not change the text) into sink. */
void bc_jw_init(bc_jw *w, size_t flags, bc_jw_sink sink, void *ud);
/* The same into f, which stays the caller's. */
void bc_jw_init_file(bc_jw *w, size_t flags, FILE *f);

/* An object or an array opened, and closed: every open closed by the end
 * of its kind, innermost first. */
void bc_jw_object(bc_jw *w);
void bc_jw_object_end(bc_jw *w);
void bc_jw_array(bc_jw *w);
void bc_jw_array_end(bc_jw *w);
/* The key of the next member of the innermost object (then its value). */
void bc_jw_key(bc_jw *w, const char *k);

/* Values: a member of the innermost array, the value of the key just
 * written, or the document itself. */
void bc_jw_string(bc_jw *w, const char *s, size_t len);
void bc_jw_str(bc_jw *w, const char *s); /* NUL-terminated; NULL: null */
void bc_jw_int(bc_jw *w, int64_t v);
/* An exact decimal with the digits it needs ("12345678901234.56", "1500"):
 * as a tree's bc_json_dec(d) is written. */
void bc_jw_dec(bc_jw *w, bc_dec d);
/* A double as jansson writes it (the precision's significant digits,
 * "5.0" for a whole one). */
void bc_jw_real(bc_jw *w, double x);
void bc_jw_bool(bc_jw *w, bool b);
void bc_jw_null(bc_jw *w);
/* A whole tree, indented to where it stands; exact decimals bare.  -1,
 * and nothing written, when v is NULL (a tree that could not be built). */
int bc_jw_value(bc_jw *w, const json_t *v);

/* An object opened with the members of head, then an array opened as the
 * value of key: where a tree's head is followed by a list streamed an
 * element at a time, closed by bc_jw_array_end and bc_jw_object_end.
 * Takes head (released here); -1, and nothing written, when it is NULL. */
int bc_jw_object_then_list(bc_jw *w, json_t *head, const char *key);

/* 0 while every write succeeded; else the errno of the first that failed
 * (EIO when the sink gave none), after which nothing more is written. */
int bc_jw_error(const bc_jw *w);
/* The document done: a line break after it when newline, everything given
 * to the sink (and a file flushed).  bc_jw_error's result. */
int bc_jw_finish(bc_jw *w, bool newline);

/* ---- exact numbers in trees ------------------------------------------- */

/* d in a tree: an integer when whole, else an exact decimal.  New
 * reference; NULL when memory runs out. */
json_t *bc_json_dec(bc_dec d);

/* True for an integer, a real or an exact decimal. */
bool bc_json_is_num(const json_t *v);
/* v as an exact decimal: integers and exact decimals as they are, reals
 * by the shortest decimal that reads back as them.  False when v is no
 * number. */
bool bc_json_get_dec(const json_t *v, bc_dec *out);
/* v as the nearest double (0 when it is no number). */
double bc_json_num_value(const json_t *v);
/* The text of a number as a JSON document has it ("12345678901234.56",
 * "12.5", "3", a real as JSON_REAL_PRECISION(15) writes it); false, and
 * buf empty, when v is no number. */
bool bc_json_num_text(const json_t *v, char *buf, size_t n);

/* ---- whole trees --------------------------------------------------------- */

/* v written whole with the writer's flags (JSON_ENCODE_ANY too: without
 * it, only an object or an array) into a new string the caller frees
 * with bc_free; NULL when memory runs out or v cannot be written. */
char *bc_json_dumps(const json_t *v, size_t flags);
/* The same into f; 0, or -1 when writing fails. */
int bc_json_dumpf(const json_t *v, size_t flags, FILE *f);

#endif

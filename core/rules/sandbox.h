/* SPDX-License-Identifier: MIT */
/*
 * A sandboxed Lua 5.4 state for rules and Lua exporters.
 *
 * Only the base, table, string, math and utf8 libraries, without load,
 * loadfile, dofile, print, collectgarbage and string.dump; the library
 * tables (and the strings' metatable) are read-only to the code run.
 * Memory is capped by the allocator, time by an instruction budget that
 * pcall cannot swallow.  Globals are locked: reading an undefined name or
 * assigning a global is an error at file:line.  Code comes only from a
 * bc_srcset, as text (bytecode is refused), through include(path), which
 * runs a file of the same set once and returns what it returned; a
 * ruleset's set holds the rules directory's shared files it may include
 * too, under "_common/" (srcset.h).
 */
#ifndef BC_SANDBOX_H
#define BC_SANDBOX_H

#include "error.h"
#include "srcset.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lua_State;

typedef struct bc_limits {
	size_t memory;         /* bytes the Lua state may hold */
	uint64_t instructions; /* VM instructions per top-level call */
	/* Seconds per top-level call: library functions work in C, where
	 * the instruction count cannot see them (string.rep of megabytes
	 * in a loop).  Checked in the count hook and as memory is taken. */
	double seconds;
} bc_limits;

#define BC_LIMITS_DEFAULT ((bc_limits){64u << 20, 200000000u, 10.0})

typedef struct bc_sandbox bc_sandbox;

/* Creates a sandbox running files of src (borrowed: it must outlive the
 * sandbox).  Chunk names are "<name>/<path>", so errors read
 * "cchc-1131/ruleset.lua:12: …".  *out is freed with bc_sandbox_free. */
bc_err bc_sandbox_new(const bc_limits *lim, const char *name,
		      const bc_srcset *src, bc_sandbox **out);
void bc_sandbox_free(bc_sandbox *sb);

/* The Lua state, for modules that register their own functions. */
struct lua_State *bc_sandbox_state(bc_sandbox *sb);
/* Pops the value on top of the stack and makes it a global visible to
 * every file run afterwards.  It allocates: call it inside a protected
 * call (outside one, a refusal aborts the process). */
void bc_sandbox_set_global(bc_sandbox *sb, const char *name);

/* Runs the file at path (as include() would) under a fresh budget.
 * A Lua error becomes one diagnostic with the file and line it names. */
bc_err bc_sandbox_run(bc_sandbox *sb, const char *path, bc_diags *d);
/* lua_pcall under a fresh budget, errors turned into a diagnostic;
 * BC_ERR_NOMEM, without one, when the machine's memory ran out. */
bc_err bc_sandbox_pcall(bc_sandbox *sb, int nargs, int nresults,
			bc_diags *d);

/* What calls sharing one budget have spent of it; zero-initialised, a
 * fresh one.  A host calling into the sandbox many times for one task
 * (the patterns of one submission) gives the calls one budget, not one
 * each.  Seconds count only while the calls run. */
typedef struct bc_budget {
	uint64_t instructions;
	double seconds;
} bc_budget;

/* lua_pcall under what is left of *b, which it updates.  Once b is spent,
 * calls fail at once (BC_ERR_LIMIT). */
bc_err bc_sandbox_pcall_in(bc_sandbox *sb, bc_budget *b, int nargs,
			   int nresults, bc_diags *d);

/* Whether text matches the Lua pattern, by the library's string.find as
 * it was before any code ran (and bounded as the code's own calls are).
 * Inside a running call it runs under that call's budget, otherwise
 * under *b (NULL: a fresh one).  BC_ERR_RULES (a malformed or costly pattern) or BC_ERR_LIMIT
 * (the budget or the memory ran out) with the reason, naming no place,
 * in err; BC_ERR_NOMEM when the machine's memory did. */
bc_err bc_sandbox_find(bc_sandbox *sb, bc_budget *b, const char *pattern,
		       const char *text, bool *found, char *err, size_t errn);

/*
 * For C functions the code calls (registrations), which copy what they
 * are given into C: n more bytes held for the code, counted with Lua's
 * own against the memory cap, and a look at the clock, which the
 * instruction count cannot see in C.  Raises the memory or time error of
 * the running call when either has run out; call it before taking the
 * memory.  Charges last as long as the sandbox (the copies do too);
 * refund a copy freed before the call ends.
 */
void bc_sandbox_charge(struct lua_State *L, size_t n);
void bc_sandbox_refund(struct lua_State *L, size_t n);
/* Raises an error that ends the running call in BC_ERR_NOMEM, not in one
 * blamed on the code: for a C function it calls whose own allocation
 * failed.  Lua's own refusals (as the cap's) are told apart alike. */
int bc_sandbox_oom(struct lua_State *L);

/* Raises the error on top of the stack from a C function that caught it
 * from a call of its own.  A message naming no place gets the place of
 * the code that called the C function; one that came up through nested
 * calls keeps the one it has (instead of one more per level). */
int bc_sandbox_raise(struct lua_State *L);
/* Raises fmt (English, marked N_()), with the rules' file and line
 * before it as luaL_error does.  The sandbox keeps its translation, so
 * that the diagnostic it becomes reads in the reader's language
 * (bc_diag.text) while its msg stays English.  Does not return. */
int bc_sandbox_error(struct lua_State *L, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Whether include() has run file i of the sandbox's set (i < the set's
 * size when the sandbox was made). */
bool bc_sandbox_included(const bc_sandbox *sb, size_t i);

/* Bytes the state holds now, and the most it held (charges included). */
size_t bc_sandbox_memory(const bc_sandbox *sb, size_t *peak);

#endif

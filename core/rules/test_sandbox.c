/* SPDX-License-Identifier: MIT */
/*
 * The sandbox rules and Lua exporters run in.  Each escape is tried from
 * a real Lua file, and each test checks both that the attempt is reported
 * at the file:line that made it and that its effect did not happen: a
 * file not created, a marker function not called.
 */
#include "test.h"

#include "sandbox.h"
#include "srcset.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* Calls of mark() from Lua: the proof that code ran. */
static int marks;

static int l_mark(lua_State *L)
{
	marks++;
	return 0;
}

typedef struct box {
	bc_srcset src;
	bc_sandbox *sb;
	bc_diags d;
} box;

static void box_add(box *b, const char *path, const char *text, size_t len)
{
	assert_int_equal(bc_srcset_add(&b->src, path, text, len), BC_OK);
}

/* A sandbox named "sb" over files (path, text, …, NULL), with mark(). */
static void box_open(box *b, const bc_limits *lim, const char *const *files)
{
	memset(b, 0, sizeof *b);
	for (; files && *files; files += 2)
		box_add(b, files[0], files[1], strlen(files[1]));
	bc_srcset_sort(&b->src);
	assert_int_equal(bc_sandbox_new(lim, "sb", &b->src, &b->sb), BC_OK);
	marks = 0;
	lua_pushcfunction(bc_sandbox_state(b->sb), l_mark);
	bc_sandbox_set_global(b->sb, "mark");
}

static void box_close(box *b)
{
	bc_sandbox_free(b->sb);
	bc_srcset_free(&b->src);
	bc_diags_free(&b->d);
}

/* True when one diagnostic holds both texts: the place and the cause
 * must be reported together, not by two unrelated messages. */
static bool diag_has(const bc_diags *d, const char *where, const char *what)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format(&d->v[i]);
		bool hit = s && strstr(s, where) && strstr(s, what);
		bc_free(s);
		if (hit)
			return true;
	}
	return false;
}

/* Runs path and expects it to fail with rc, reported at where (such as
 * "sb/main.lua:2:") with a message holding what. */
static void expect_fail(box *b, const char *path, bc_err rc,
			const char *where, const char *what)
{
	size_t before = b->d.errors;
	bc_err got = bc_sandbox_run(b->sb, path, &b->d);
	if (got != rc || !diag_has(&b->d, where, what)) {
		alarm(0); /* a failure is not a hang */
		test_diags_print(&b->d);
		fail_msg("%s: got %s, wanted %s at '%s' saying '%s'", path,
			 bc_strerror(got), bc_strerror(rc), where, what);
	}
	assert_true(b->d.errors > before);
}

/* Runs path through include() and leaves its first result on the Lua
 * stack (bc_sandbox_run drops results). */
static void run_ret(box *b, const char *path)
{
	lua_State *L = bc_sandbox_state(b->sb);
	lua_getglobal(L, "include");
	lua_pushstring(L, path);
	bc_err rc = bc_sandbox_pcall(b->sb, 1, 1, &b->d);
	if (rc != BC_OK) {
		test_diags_print(&b->d);
		fail_msg("%s: %s", path, bc_strerror(rc));
	}
}

/* The budget tests hang if the budget fails: turn that into a quick,
 * named failure of the whole program instead of a silent stall. */
static const char *watched;

static void watchdog_fired(int sig)
{
	static const char msg[] = "watchdog: test hung: ";
	ssize_t r = write(2, msg, sizeof msg - 1);
	r = write(2, watched, strlen(watched));
	r = write(2, "\n", 1);
	(void)r;
	_exit(1);
}

static void watchdog(const char *test)
{
	watched = test;
	signal(SIGALRM, watchdog_fired);
	alarm(10);
}

static void watchdog_off(void)
{
	alarm(0);
	signal(SIGALRM, SIG_DFL);
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* ---- the standard library's doors are shut ----------------------------- */

static void os_execute_absent(void **state)
{
	char *tmp = test_tmpdir();
	char text[1024];
	snprintf(text, sizeof text,
		 "local f = '%s/pwned'\n"
		 "os.execute('touch ' .. f)\n"
		 "mark()\n",
		 tmp);
	const char *files[] = {"main.lua", text, NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:2:",
		    "undefined global 'os'");
	char pwned[1024];
	snprintf(pwned, sizeof pwned, "%s/pwned", tmp);
	assert_false(exists(pwned));
	assert_int_equal(marks, 0);
	box_close(&b);
	assert_int_equal(rmdir(tmp), 0);
	free(tmp);
}

static void io_open_absent(void **state)
{
	char *tmp = test_tmpdir();
	char text[1024];
	snprintf(text, sizeof text,
		 "local f = '%s/pwned'\n"
		 "\n"
		 "local h = io.open(f, 'w')\n"
		 "mark()\n",
		 tmp);
	const char *files[] = {"main.lua", text, NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:3:",
		    "undefined global 'io'");
	char pwned[1024];
	snprintf(pwned, sizeof pwned, "%s/pwned", tmp);
	assert_false(exists(pwned));
	assert_int_equal(marks, 0);
	box_close(&b);
	assert_int_equal(rmdir(tmp), 0);
	free(tmp);
}

static void require_absent(void **state)
{
	/* package would hand out loadlib and the searchers: it must be
	 * as unreachable as require itself. */
	const char *files[] = {"main.lua",
			       "if pcall(function() return package end) then\n"
			       "  mark()\n"
			       "end\n"
			       "local m = require('os')\n"
			       "mark()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:4:",
		    "undefined global 'require'");
	assert_int_equal(marks, 0);
	box_close(&b);
}

/* A real file on disk that would call mark() if anything ran it. */
static char *evil_on_disk(char **tmp)
{
	*tmp = test_tmpdir();
	test_write(*tmp, "evil.lua", "mark()\n");
	char path[1024];
	snprintf(path, sizeof path, "%s/evil.lua", *tmp);
	return strdup(path);
}

static void drop_evil(char *tmp, char *evil)
{
	assert_int_equal(unlink(evil), 0);
	assert_int_equal(rmdir(tmp), 0);
	free(evil);
	free(tmp);
}

static void dofile_absent(void **state)
{
	char *tmp, *evil = evil_on_disk(&tmp);
	char text[1024];
	snprintf(text, sizeof text, "local x = 1\ndofile('%s')\n", evil);
	const char *files[] = {"main.lua", text, NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:2:",
		    "undefined global 'dofile'");
	assert_int_equal(marks, 0);
	box_close(&b);
	drop_evil(tmp, evil);
}

static void loadfile_absent(void **state)
{
	char *tmp, *evil = evil_on_disk(&tmp);
	char text[1024];
	snprintf(text, sizeof text, "local x = 1\n\nloadfile('%s')()\n", evil);
	const char *files[] = {"main.lua", text, NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:3:",
		    "undefined global 'loadfile'");
	assert_int_equal(marks, 0);
	box_close(&b);
	drop_evil(tmp, evil);
}

static void load_absent(void **state)
{
	const char *files[] = {"main.lua",
			       "local code = 'mark()'\n"
			       "local f = load(code)\n"
			       "f()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:2:",
		    "undefined global 'load'");
	assert_int_equal(marks, 0);
	box_close(&b);
}

static void string_dump_absent(void **state)
{
	/* load(string.dump(f)) is the classic way to smuggle bytecode in;
	 * both halves must be missing. */
	const char *files[] = {"main.lua",
			       "local function f() mark() end\n"
			       "if string.dump ~= nil then mark() end\n"
			       "local chunk = string.dump(f)\n"
			       "load(chunk)()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:3:", "dump");
	assert_int_equal(marks, 0);
	box_close(&b);
}

static void print_and_collectgarbage_absent(void **state)
{
	const char *files[] = {"p.lua", "\nprint('hello')\n",
			       "c.lua", "\n\ncollectgarbage('stop')\n", NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "p.lua", BC_ERR_RULES, "sb/p.lua:2:",
		    "undefined global 'print'");
	expect_fail(&b, "c.lua", BC_ERR_RULES, "sb/c.lua:3:",
		    "undefined global 'collectgarbage'");
	box_close(&b);
}

/* Writer for lua_dump into a growing malloc'd buffer. */
typedef struct dumpbuf {
	char *p;
	size_t n;
} dumpbuf;

static int dump_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
	dumpbuf *b = ud;
	char *q = realloc(b->p, b->n + sz);
	if (!q)
		return 1;
	memcpy(q + b->n, p, sz);
	b->p = q;
	b->n += sz;
	return 0;
}

static void bytecode_refused(void **state)
{
	/* Genuine bytecode of "mark()" from a plain Lua state, so that
	 * a sandbox accepting it would visibly run it. */
	lua_State *L = luaL_newstate();
	assert_non_null(L);
	assert_int_equal(luaL_loadstring(L, "mark()"), LUA_OK);
	dumpbuf code = {NULL, 0};
	assert_int_equal(lua_dump(L, dump_writer, &code, 0), 0);
	lua_close(L);
	assert_true(code.n > 4 && memcmp(code.p, "\x1bLua", 4) == 0);

	box b;
	memset(&b, 0, sizeof b);
	box_add(&b, "evil.lua", code.p, code.n);
	box_add(&b, "fake.lua", "\x1bLua garbage", 12);
	box_add(&b, "main.lua", "local x = 1\ninclude 'evil.lua'\nmark()\n",
		strlen("local x = 1\ninclude 'evil.lua'\nmark()\n"));
	free(code.p);
	bc_srcset_sort(&b.src);
	assert_int_equal(bc_sandbox_new(NULL, "sb", &b.src, &b.sb), BC_OK);
	marks = 0;
	lua_pushcfunction(bc_sandbox_state(b.sb), l_mark);
	bc_sandbox_set_global(b.sb, "mark");

	/* Included, the refusal is reported where the include is, and
	 * names the file refused. */
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:2:", "evil.lua");
	/* Run directly, it still names the file. */
	expect_fail(&b, "fake.lua", BC_ERR_RULES, "sb/fake.lua", "binary");
	assert_int_equal(marks, 0);
	box_close(&b);
}

/* ---- locked globals and separate environments ------------------------ */

static void undefined_global_read(void **state)
{
	const char *files[] = {"main.lua",
			       "local ok = 1\n"
			       "local x = no_such_name\n"
			       "mark()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:2:",
		    "undefined global 'no_such_name'");
	assert_int_equal(marks, 0);
	box_close(&b);
}

static void global_assignment_refused(void **state)
{
	const char *files[] = {"main.lua",
			       "local ok = 1\n"
			       "\n"
			       "counter = 1\n"
			       "mark()\n",
			       "reader.lua", "return counter\n", NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:3:",
		    "assignment to global 'counter'");
	assert_int_equal(marks, 0);
	/* Nor did the value land anywhere another file could read it. */
	expect_fail(&b, "reader.lua", BC_ERR_RULES, "sb/reader.lua:1:",
		    "undefined global 'counter'");
	box_close(&b);
}

static void global_table_out_of_reach(void **state)
{
	/* _G is the table every environment reads through: writing into
	 * it would be a global assignment that escapes the lock and is
	 * seen by every other file. */
	const char *files[] = {"writer.lua", "_G.leak = 1\n",
			       "reader.lua", "return leak\n", NULL};
	box b;
	box_open(&b, NULL, files);
	bc_sandbox_run(b.sb, "writer.lua", &b.d);
	expect_fail(&b, "reader.lua", BC_ERR_RULES, "sb/reader.lua:1:",
		    "undefined global 'leak'");
	box_close(&b);
}

static void own_environment(void **state)
{
	const char *files[] = {
		"a.lua",
		"local secret = 1\n"
		"rawset(_ENV, 'mine', 2)\n"
		"return mine + secret\n",
		"main.lua",
		"local v = include 'a.lua'\n"
		"local saw_local = pcall(function() return secret end)\n"
		"local saw_global = pcall(function() return mine end)\n"
		"return v == 3 and not saw_local and not saw_global\n",
		NULL};
	box b;
	box_open(&b, NULL, files);
	run_ret(&b, "main.lua");
	lua_State *L = bc_sandbox_state(b.sb);
	assert_int_equal(lua_type(L, -1), LUA_TBOOLEAN);
	assert_true(lua_toboolean(L, -1));
	lua_pop(L, 1);
	box_close(&b);
}

static void env_metatable_hidden(void **state)
{
	/* The metatable holds the __index closure over the real globals:
	 * handing it out would undo the lock. */
	const char *files[] = {"get.lua", "return getmetatable(_ENV)\n",
			       "set.lua",
			       "local x = 1\nsetmetatable(_ENV, nil)\n"
			       "undefined_after_unlock = 1\nmark()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	run_ret(&b, "get.lua");
	lua_State *L = bc_sandbox_state(b.sb);
	assert_int_not_equal(lua_type(L, -1), LUA_TTABLE);
	assert_false(lua_toboolean(L, -1));
	lua_pop(L, 1);
	expect_fail(&b, "set.lua", BC_ERR_RULES, "sb/set.lua:2:",
		    "protected metatable");
	assert_int_equal(marks, 0);
	box_close(&b);
}

/* ---- budgets ------------------------------------------------------------ */

static void endless_loop_stopped(void **state)
{
	const bc_limits lim = {64u << 20, 1000000u, 0};
	const char *files[] = {"main.lua",
			       "local n = 0\n"
			       "mark()\n"
			       "while true do n = n + 1 end\n",
			       "after.lua", "mark()\n", NULL};
	box b;
	box_open(&b, &lim, files);
	watchdog("endless_loop_stopped");
	expect_fail(&b, "main.lua", BC_ERR_LIMIT, "sb/main.lua:3:",
		    "instruction budget");
	watchdog_off();
	assert_int_equal(marks, 1);
	/* The next call gets a fresh budget: the state is not poisoned. */
	assert_int_equal(bc_sandbox_run(b.sb, "after.lua", &b.d), BC_OK);
	assert_int_equal(marks, 2);
	box_close(&b);
}

/* The clock, like the instruction count, is reported where the rules
 * were when it ran out. */
static void time_limit_names_the_line(void **state)
{
	(void)state;
	const bc_limits lim = {64u << 20, UINT64_MAX, 0.2};
	const char *files[] = {"main.lua",
			       "local n = 0\n"
			       "mark()\n"
			       "while true do n = n + 1 end\n",
			       NULL};
	box b;
	box_open(&b, &lim, files);
	watchdog("time_limit_names_the_line");
	expect_fail(&b, "main.lua", BC_ERR_LIMIT, "sb/main.lua:3:",
		    "time limit");
	watchdog_off();
	box_close(&b);
}

static void pcall_cannot_swallow_budget(void **state)
{
	const bc_limits lim = {64u << 20, 1000000u, 0};
	const char *files[] = {
		"wrap.lua",
		"local n = 0\n"
		"while true do\n"
		"  pcall(function() while true do n = n + 1 end end)\n"
		"end\n",
		"after.lua",
		"local function spin() while true do end end\n"
		"local ok = pcall(spin)\n"
		"mark()\n",
		NULL};
	box b;
	box_open(&b, &lim, files);
	watchdog("pcall_cannot_swallow_budget");
	expect_fail(&b, "wrap.lua", BC_ERR_LIMIT, "sb/wrap.lua:",
		    "instruction budget");
	/* Once caught, not one more instruction of the caller runs. */
	expect_fail(&b, "after.lua", BC_ERR_LIMIT, "sb/after.lua:",
		    "instruction budget");
	watchdog_off();
	assert_int_equal(marks, 0);
	box_close(&b);
}

/*
 * Runs path and closes the sandbox in a child process given seconds to
 * finish, so that work the budget cannot see (C code looping, a
 * finalizer at close) fails the test instead of hanging it.  With
 * where, the run must also fail with an error at that place.
 */
static void finishes_in_child(const char *const *files, const char *path,
			      const char *where, unsigned seconds)
{
	const bc_limits lim = {64u << 20, 1000000u, 0};
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(seconds);
		box b;
		box_open(&b, &lim, files);
		bc_err rc = bc_sandbox_run(b.sb, path, &b.d);
		bool ok = !where || (rc != BC_OK && diag_has(&b.d, where, ""));
		if (!ok)
			test_diags_print(&b.d);
		box_close(&b);
		fflush(NULL);
		_exit(ok ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("%s: still running after %u s (killed by signal %d): "
			 "it ran outside the instruction budget",
			 path, seconds, WTERMSIG(status));
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) != 0)
		fail_msg("%s: not stopped with an error at %s", path, where);
}

static void finalizer_cannot_outlive_budget(void **state)
{
	/* A __gc finalizer runs when the state is closed, after the last
	 * budgeted call: an endless loop there must not hang the host. */
	const char *files[] = {
		"main.lua",
		"local t = setmetatable({}, {__gc = function()\n"
		"  while true do end\n"
		"end})\n",
		NULL};
	finishes_in_child(files, "main.lua", NULL, 2);
}

static void empty_rep_stopped(void **state)
{
	/* string.rep of an empty string loops n times in C unless the
	 * sandbox answers "" at once; the error on line 4 shows lines 2-3
	 * ran to the end with the right result. */
	const char *files[] = {"main.lua",
			       "local n = 1e15\n"
			       "local s = string.rep('', n)\n"
			       "if s ~= '' then return end\n"
			       "error('done')\n",
			       NULL};
	finishes_in_child(files, "main.lua", "sb/main.lua:4:", 1);
}

static void table_move_stopped(void **state)
{
	/* table.move copies element by element in C, holes included. */
	const char *files[] = {"main.lua",
			       "local t = {}\n"
			       "table.move(t, 1, 1e13, 1)\n",
			       NULL};
	finishes_in_child(files, "main.lua", "sb/main.lua:2:", 1);
}

static void gc_metamethod_refused(void **state)
{
	const char *files[] = {"main.lua",
			       "local mt = {__gc = function() mark() end}\n"
			       "local t = setmetatable({}, mt)\n"
			       "mark()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:2:", "__gc");
	box_close(&b);
	/* Closing the state would have run the finalizer. */
	assert_int_equal(marks, 0);
}

static void costly_pattern_refused(void **state)
{
	/* Backtracking runs inside one C call, out of the hook's sight. */
	const char *files[] = {"cheap.lua",
			       "local k, v = ('rate=42'):match('(%w+)=(%d+)')\n"
			       "return k == 'rate' and v == '42'\n",
			       "main.lua",
			       "local s = string.rep('a', 20000)\n"
			       "local i = s:find('.-.-.-.-b')\n"
			       "mark()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	run_ret(&b, "cheap.lua");
	lua_State *L = bc_sandbox_state(b.sb);
	assert_true(lua_toboolean(L, -1));
	lua_pop(L, 1);
	watchdog("costly_pattern_refused");
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:2:",
		    "too long");
	watchdog_off();
	assert_int_equal(marks, 0);
	box_close(&b);
}

static void long_literal_pattern_refused(void **state)
{
	/* No quantifier, yet each of the 60 000 starting points compares
	 * up to 6 000 bytes: over 3 x 10^8 steps in one C call, more than
	 * the sandbox's own bound for patterns, and CPU time the
	 * instruction budget never sees (it grows as n x m). */
	const char *files[] = {"main.lua",
			       "local s = string.rep('a', 60000)\n"
			       "local p = string.rep('a', 6000) .. 'b'\n"
			       "local m = s:match(p)\n"
			       "mark()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	watchdog("long_literal_pattern_refused");
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:3:",
		    "too long");
	watchdog_off();
	assert_int_equal(marks, 0);
	box_close(&b);
}

static void library_errors_keep_line(void **state)
{
	/* The sandbox wraps setmetatable and the pattern functions: an
	 * error raised by the wrapped function must still name the rules'
	 * line, as it would unwrapped. */
	const char *files[] = {"meta.lua", "local x = 1\nsetmetatable(1, {})\n",
			       "pat.lua",
			       "local x = 1\n\nlocal i = ('x'):find('[')\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "meta.lua", BC_ERR_RULES, "sb/meta.lua:2:",
		    "bad argument #1");
	expect_fail(&b, "pat.lua", BC_ERR_RULES, "sb/pat.lua:3:",
		    "malformed pattern");
	box_close(&b);
}

static void memory_bomb_stopped(void **state)
{
	/* The budget outlasts the few thousand rounds 4 MiB takes, yet
	 * stops the loop early should the cap fail. */
	const bc_limits lim = {4u << 20, 1000000u, 0};
	const char *files[] = {"main.lua",
			       "local t = {}\n"
			       "local s = 'x'\n"
			       "for i = 1, 1e9 do\n"
			       "  t[i] = s:rep(1024) .. i\n"
			       "end\n"
			       "mark()\n",
			       "after.lua", "local t = {1, 2, 3}\nmark()\n",
			       NULL};
	box b;
	box_open(&b, &lim, files);
	watchdog("memory_bomb_stopped");
	expect_fail(&b, "main.lua", BC_ERR_LIMIT, "sb/main.lua:4:",
		    "memory limit of 4 MiB");
	watchdog_off();
	assert_int_equal(marks, 0);
	size_t peak;
	size_t used = bc_sandbox_memory(b.sb, &peak);
	assert_true(peak <= lim.memory);
	assert_true(used <= peak);
	/* The state survives its memory error. */
	assert_int_equal(bc_sandbox_run(b.sb, "after.lua", &b.d), BC_OK);
	assert_int_equal(marks, 1);
	box_close(&b);
}

static void error_object_has_line(void **state)
{
	const char *files[] = {"main.lua",
			       "local x = 1\n"
			       "\n"
			       "error({code = 7})\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:3:", "table");
	box_close(&b);
}

/* ---- the libraries are shared, and read-only ---------------------------- */

static void library_tables_read_only(void **state)
{
	/* A rule that replaced string.find would run wherever anything
	 * searched text: in other rules, and in the host. */
	const char *files[] = {
		"assign.lua", "local x = 1\nstring.find = function() mark() end\n",
		"raw.lua", "local x = 1\n\nrawset(math, 'floor', tostring)\n",
		"insert.lua", "table.insert(utf8, 1)\n",
		"unlock.lua", "local x = 1\nsetmetatable(table, nil)\n",
		"meta.lua", "local x = 1\nlocal mt = getmetatable('')\n"
			    "mt.__index.upper = mark\n",
		"check.lua",
		"return ('abc'):find('b') == 2 and string.find('abc', 'c') == 3\n"
		"  and math.floor(2.5) == 2 and #utf8.char(259) == 2\n"
		"  and ('a'):upper() == 'A' and table.concat({1, 2}) == '12'\n"
		"  and rawget(string, 'find') == nil\n",
		NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "assign.lua", BC_ERR_RULES, "sb/assign.lua:2:",
		    "string is read-only");
	expect_fail(&b, "raw.lua", BC_ERR_RULES, "sb/raw.lua:3:", "read-only");
	expect_fail(&b, "insert.lua", BC_ERR_RULES, "sb/insert.lua:1:",
		    "utf8 is read-only");
	expect_fail(&b, "unlock.lua", BC_ERR_RULES, "sb/unlock.lua:2:",
		    "protected metatable");
	expect_fail(&b, "meta.lua", BC_ERR_RULES, "sb/meta.lua:3:", "index");
	/* Every file still sees the libraries as they were. */
	run_ret(&b, "check.lua");
	lua_State *L = bc_sandbox_state(b.sb);
	assert_true(lua_toboolean(L, -1));
	lua_pop(L, 1);
	assert_int_equal(marks, 0);
	box_close(&b);
}

static void host_find_is_the_library_own(void **state)
{
	/* Whatever the code tried, the host searches with the library's
	 * own function, bounded as the code's calls are. */
	const char *files[] = {
		"evil.lua",
		"pcall(function() string.find = function() mark() return 1 end "
		"end)\n"
		"pcall(rawset, string, 'find', function() mark() return 1 end)\n",
		NULL};
	box b;
	box_open(&b, NULL, files);
	assert_int_equal(bc_sandbox_run(b.sb, "evil.lua", &b.d), BC_OK);
	bc_budget budget = {0, 0};
	char err[256];
	bool found = true;
	assert_int_equal(bc_sandbox_find(b.sb, &budget, "^%d+$", "12x",
					 &found, err, sizeof err), BC_OK);
	assert_false(found);
	assert_int_equal(bc_sandbox_find(b.sb, &budget, "^%d+/", "12/KH",
					 &found, err, sizeof err), BC_OK);
	assert_true(found);
	assert_int_equal(marks, 0);
	/* A malformed or costly pattern is the pattern's fault. */
	assert_int_equal(bc_sandbox_find(b.sb, &budget, "[", "x", &found, err,
					 sizeof err), BC_ERR_RULES);
	assert_non_null(strstr(err, "malformed pattern"));
	char text[2001];
	memset(text, 'a', 2000);
	text[2000] = '\0';
	assert_int_equal(bc_sandbox_find(b.sb, &budget, "(.-)(.-)(.-)(.-)b",
					 text, &found, err, sizeof err),
			 BC_ERR_RULES);
	assert_non_null(strstr(err, "too long"));
	/* What is no quantifier costs nothing: a range in a set, an
	 * escaped '-', and the places after a '^' that anchors. */
	assert_int_equal(bc_sandbox_find(b.sb, &budget,
					 "[a-z][a-z][a-z][a-z][%-a-z]b", text,
					 &found, err, sizeof err), BC_OK);
	assert_false(found);
	assert_int_equal(bc_sandbox_find(b.sb, &budget, "^a+a*b", text,
					 &found, err, sizeof err), BC_OK);
	assert_false(found);
	assert_int_equal(bc_sandbox_find(b.sb, &budget, "a+a*b", text,
					 &found, err, sizeof err),
			 BC_ERR_RULES);
	box_close(&b);
}

static void error_through_nested_calls_named_once(void **state)
{
	/* Each wrapped library call an error passes through used to put
	 * the place before it once more: ~200 times for a recursion that
	 * overflows the C stack. */
	const char *files[] = {
		"deep.lua",
		"local function f(s) return (s:gsub('.', f)) end\nf('abc')\n",
		"cb.lua",
		"local x = 1\n"
		"local s = ('ab'):gsub('.', function(c)\n"
		"  error('boom ' .. c)\n"
		"end)\n",
		NULL};
	box b;
	box_open(&b, NULL, files);
	watchdog("error_through_nested_calls_named_once");
	expect_fail(&b, "deep.lua", BC_ERR_RULES, "sb/deep.lua:1:",
		    "stack overflow");
	expect_fail(&b, "cb.lua", BC_ERR_RULES, "sb/cb.lua:3:", "boom a");
	watchdog_off();
	for (size_t i = 0; i < b.d.n; i++) {
		char *m = bc_diag_format(&b.d.v[i]);
		const char *first = strstr(m, "sb/");
		assert_non_null(first);
		assert_null(strstr(first + 1, "sb/"));
		bc_free(m);
	}
	box_close(&b);
}

/* ---- budgets the host shares and charges -------------------------------- */

static void budget_shared_by_calls(void **state)
{
	/* One budget for many calls (the patterns of one submission): the
	 * second call finds what the first left, the third nothing. */
	const bc_limits lim = {64u << 20, 1000000u, 0};
	const char *files[] = {"lib.lua",
			       "return function(n) for i = 1, n do end end\n",
			       NULL};
	box b;
	box_open(&b, &lim, files);
	lua_State *L = bc_sandbox_state(b.sb);
	run_ret(&b, "lib.lua");
	int spin = luaL_ref(L, LUA_REGISTRYINDEX);
	bc_budget budget = {0, 0};
	lua_rawgeti(L, LUA_REGISTRYINDEX, spin);
	lua_pushinteger(L, 600000); /* as many instructions */
	assert_int_equal(bc_sandbox_pcall_in(b.sb, &budget, 1, 0, &b.d), BC_OK);
	assert_true(budget.instructions > 400000);
	lua_rawgeti(L, LUA_REGISTRYINDEX, spin);
	lua_pushinteger(L, 600000);
	assert_int_equal(bc_sandbox_pcall_in(b.sb, &budget, 1, 0, &b.d),
			 BC_ERR_LIMIT);
	assert_true(test_diags_have(&b.d, "instruction budget"));
	lua_rawgeti(L, LUA_REGISTRYINDEX, spin);
	lua_pushinteger(L, 1);
	assert_int_equal(bc_sandbox_pcall_in(b.sb, &budget, 1, 0, &b.d),
			 BC_ERR_LIMIT);
	assert_true(test_diags_have(&b.d, "spent"));
	assert_int_equal(lua_gettop(L), 0);
	/* A call of its own still gets a fresh one. */
	lua_rawgeti(L, LUA_REGISTRYINDEX, spin);
	lua_pushinteger(L, 600000);
	assert_int_equal(bc_sandbox_pcall(b.sb, 1, 0, &b.d), BC_OK);
	box_close(&b);
}

/* take(n): a registration that copies n bytes into C; loop(): one that
 * works in C until the clock stops it. */
static int l_take(lua_State *L)
{
	bc_sandbox_charge(L, (size_t)luaL_checkinteger(L, 1));
	return 0;
}

static int l_give(lua_State *L)
{
	bc_sandbox_refund(L, (size_t)luaL_checkinteger(L, 1));
	return 0;
}

static int l_loop(lua_State *L)
{
	for (;;)
		bc_sandbox_charge(L, 0);
	return 0;
}

/* box_open, with take() and give(). */
static void box_open_charging(box *b, const bc_limits *lim,
			      const char *const *files)
{
	box_open(b, lim, files);
	lua_State *L = bc_sandbox_state(b->sb);
	lua_pushcfunction(L, l_take);
	bc_sandbox_set_global(b->sb, "take");
	lua_pushcfunction(L, l_give);
	bc_sandbox_set_global(b->sb, "give");
}

static void charges_count_against_the_cap(void **state)
{
	/* What C copies from the rules and Lua's own memory are one
	 * budget: 40 copies of 1 MiB do not fit in 16. */
	const bc_limits lim = {16u << 20, 1000000u, 0};
	const char *files[] = {"main.lua",
			       "local n = 0\n"
			       "for i = 1, 40 do\n"
			       "  take(1048576)\n"
			       "  n = n + 1\n"
			       "end\n"
			       "mark()\n",
			       "fits.lua",
			       "for i = 1, 40 do take(1048576) give(1048576) end\n"
			       "mark()\n",
			       NULL};
	box b;
	box_open_charging(&b, &lim, files);
	size_t before = bc_sandbox_memory(b.sb, NULL);
	expect_fail(&b, "main.lua", BC_ERR_LIMIT, "sb/main.lua:3:",
		    "memory limit of 16 MiB");
	assert_int_equal(marks, 0);
	size_t peak, used = bc_sandbox_memory(b.sb, &peak);
	assert_true(used >= before + (10u << 20));
	assert_true(peak <= lim.memory);
	box_close(&b);
	/* Given back, the same copies fit any number of times. */
	box_open_charging(&b, &lim, files);
	assert_int_equal(bc_sandbox_run(b.sb, "fits.lua", &b.d), BC_OK);
	assert_int_equal(marks, 1);
	box_close(&b);
}

static void charges_see_the_clock(void **state)
{
	/* Work in C that copies nothing runs no instruction either: the
	 * clock stops it, at the rules' line. */
	const bc_limits lim = {64u << 20, 1000000u, 0.2};
	const char *files[] = {"main.lua", "local x = 1\nloop()\nmark()\n",
			       NULL};
	box b;
	box_open(&b, &lim, files);
	lua_pushcfunction(bc_sandbox_state(b.sb), l_loop);
	bc_sandbox_set_global(b.sb, "loop");
	watchdog("charges_see_the_clock");
	expect_fail(&b, "main.lua", BC_ERR_LIMIT, "sb/main.lua:2:",
		    "time limit");
	watchdog_off();
	assert_int_equal(marks, 0);
	box_close(&b);
}

/* ---- include ------------------------------------------------------------ */

static void include_outside_refused(void **state)
{
	const char *files[] = {"up.lua", "local x = 1\ninclude '../x.lua'\n",
			       "abs.lua",
			       "local x = 1\n\ninclude '/etc/passwd'\n",
			       "dot.lua", "include './up.lua'\n", NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "up.lua", BC_ERR_RULES, "sb/up.lua:2:", "../x.lua");
	expect_fail(&b, "abs.lua", BC_ERR_RULES, "sb/abs.lua:3:",
		    "/etc/passwd");
	expect_fail(&b, "dot.lua", BC_ERR_RULES, "sb/dot.lua:1:",
		    "not a path inside");
	box_close(&b);
}

static void include_missing_refused(void **state)
{
	const char *files[] = {"main.lua",
			       "local x = 1\n"
			       "include 'nowhere.lua'\n"
			       "mark()\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/main.lua:2:",
		    "no file 'nowhere.lua'");
	assert_int_equal(marks, 0);
	box_close(&b);
}

static void include_self_refused(void **state)
{
	const char *files[] = {"self.lua", "mark()\ninclude 'self.lua'\n",
			       "a.lua", "include 'b.lua'\n",
			       "b.lua", "local x = 1\ninclude 'a.lua'\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "self.lua", BC_ERR_RULES, "sb/self.lua:2:",
		    "includes itself");
	assert_int_equal(marks, 1);
	/* A longer cycle is caught where it closes. */
	expect_fail(&b, "a.lua", BC_ERR_RULES, "sb/b.lua:2:",
		    "includes itself");
	box_close(&b);
}

static void include_runs_once(void **state)
{
	const char *files[] = {
		"a.lua", "mark()\nreturn {}\n",
		"quiet.lua", "local x = 1\n",
		"main.lua",
		"local x = include 'a.lua'\n"
		"local y = include 'a.lua'\n"
		"return type(x) == 'table' and rawequal(x, y)\n"
		"  and include 'quiet.lua' == true\n",
		NULL};
	box b;
	box_open(&b, NULL, files);
	run_ret(&b, "main.lua");
	lua_State *L = bc_sandbox_state(b.sb);
	assert_true(lua_toboolean(L, -1));
	lua_pop(L, 1);
	assert_int_equal(marks, 1);
	/* Also across top-level runs: the value is kept, not recomputed. */
	assert_int_equal(bc_sandbox_run(b.sb, "a.lua", &b.d), BC_OK);
	assert_int_equal(marks, 1);
	box_close(&b);
}

static void failed_include_keeps_its_error(void **state)
{
	/* A file that failed has not "included itself": asked for again,
	 * it must fail with its own error, not a false cycle. */
	const char *files[] = {"bad.lua", "local x = 1\nerror('boom')\n",
			       "main.lua",
			       "local ok = pcall(include, 'bad.lua')\n"
			       "include 'bad.lua'\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	expect_fail(&b, "main.lua", BC_ERR_RULES, "sb/bad.lua:2:", "boom");
	assert_false(test_diags_have(&b.d, "includes itself"));
	box_close(&b);
}

/* ---- the host's side ---------------------------------------------------- */

static void memory_reported(void **state)
{
	const char *files[] = {"main.lua",
			       "local t = {}\n"
			       "for i = 1, 1000 do t[i] = tostring(i) end\n",
			       NULL};
	box b;
	box_open(&b, NULL, files);
	assert_int_equal(bc_sandbox_run(b.sb, "main.lua", &b.d), BC_OK);
	size_t peak = 0;
	size_t used = bc_sandbox_memory(b.sb, &peak);
	assert_true(used > 0);
	assert_true(peak > 0);
	assert_true(peak >= used);
	/* A thousand strings are more than an empty state holds. */
	assert_true(peak > 16 * 1000);
	assert_true(peak <= BC_LIMITS_DEFAULT.memory);
	box_close(&b);
}

static void set_global_visible(void **state)
{
	const char *files[] = {"main.lua", "return answer + 1\n", NULL};
	box b;
	box_open(&b, NULL, files);
	lua_State *L = bc_sandbox_state(b.sb);
	lua_pushinteger(L, 42);
	bc_sandbox_set_global(b.sb, "answer");
	assert_int_equal(lua_gettop(L), 0);
	run_ret(&b, "main.lua");
	assert_int_equal(lua_tointeger(L, -1), 43);
	lua_pop(L, 1);
	box_close(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(os_execute_absent),
		cmocka_unit_test(io_open_absent),
		cmocka_unit_test(require_absent),
		cmocka_unit_test(dofile_absent),
		cmocka_unit_test(loadfile_absent),
		cmocka_unit_test(load_absent),
		cmocka_unit_test(string_dump_absent),
		cmocka_unit_test(print_and_collectgarbage_absent),
		cmocka_unit_test(bytecode_refused),
		cmocka_unit_test(undefined_global_read),
		cmocka_unit_test(global_assignment_refused),
		cmocka_unit_test(global_table_out_of_reach),
		cmocka_unit_test(own_environment),
		cmocka_unit_test(env_metatable_hidden),
		cmocka_unit_test(endless_loop_stopped),
		cmocka_unit_test(time_limit_names_the_line),
		cmocka_unit_test(pcall_cannot_swallow_budget),
		cmocka_unit_test(finalizer_cannot_outlive_budget),
		cmocka_unit_test(empty_rep_stopped),
		cmocka_unit_test(table_move_stopped),
		cmocka_unit_test(gc_metamethod_refused),
		cmocka_unit_test(costly_pattern_refused),
		cmocka_unit_test(long_literal_pattern_refused),
		cmocka_unit_test(library_errors_keep_line),
		cmocka_unit_test(memory_bomb_stopped),
		cmocka_unit_test(error_object_has_line),
		cmocka_unit_test(library_tables_read_only),
		cmocka_unit_test(host_find_is_the_library_own),
		cmocka_unit_test(error_through_nested_calls_named_once),
		cmocka_unit_test(budget_shared_by_calls),
		cmocka_unit_test(charges_count_against_the_cap),
		cmocka_unit_test(charges_see_the_clock),
		cmocka_unit_test(include_outside_refused),
		cmocka_unit_test(include_missing_refused),
		cmocka_unit_test(include_self_refused),
		cmocka_unit_test(include_runs_once),
		cmocka_unit_test(failed_include_keeps_its_error),
		cmocka_unit_test(memory_reported),
		cmocka_unit_test(set_global_visible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "bc_config.h"
#include "i18n.h"
#include "jsonout.h"
#include "mem.h"
#include "period.h"
#include "text.h"
#include "unit.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	fputs("baocao: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n\n%s", _(usage));
	return EXIT_USAGE;
}

int cli_parse(bc_cli *c, int argc, char **argv, cli_opt *opts,
	      const char **pos, int max_pos, int *npos, const char *usage)
{
	*npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(_(usage), stdout);
			return 1;
		}
		if (strcmp(a, "--json") == 0) {
			c->json = true;
			continue;
		}
		if (strncmp(a, "--", 2) == 0 || (a[0] == '-' && a[1])) {
			cli_opt *o = opts;
			const char *eq = strchr(a, '=');
			size_t n = eq ? (size_t)(eq - a) : strlen(a);
			while (o && o->name &&
			       !(strlen(o->name) == n && !strncmp(o->name, a, n)))
				o++;
			if (!o || !o->name) {
				cli_usage_error(usage, _("unknown option '%s'"),
						a);
				return -1;
			}
			o->set = true;
			if (o->takes_arg) {
				if (eq)
					o->value = eq + 1;
				else if (i + 1 < argc)
					o->value = argv[++i];
				else {
					cli_usage_error(usage,
							_("%s needs a value"),
							o->name);
					return -1;
				}
			} else if (eq) {
				cli_usage_error(usage, _("%s takes no value"),
						o->name);
				return -1;
			}
			continue;
		}
		if (*npos >= max_pos) {
			cli_usage_error(usage, _("unexpected argument '%s'"),
					a);
			return -1;
		}
		pos[(*npos)++] = a;
	}
	return 0;
}

bc_err cli_open_store(bc_cli *c, bool create)
{
	if (c->st)
		return BC_OK; /* a command may show what it just changed */
	bc_err rc = bc_store_open(c->db_path, create, &c->st, &c->diags);
	if (rc != BC_OK)
		return rc;
	if (c->clock)
		bc_store_set_clock(c->st, c->clock);
	if (c->damaged)
		bc_store_set_damaged(c->st);
	return bc_store_set_actor(c->st, c->actor);
}

bc_err cli_load_rules(bc_cli *c)
{
	if (c->rb)
		return BC_OK;
	return bc_rulebook_load(c->rules_dir, NULL, &c->rb, &c->diags);
}

bc_err cli_open(bc_cli *c, bool create)
{
	bc_err rc = cli_open_store(c, create);
	return rc == BC_OK ? cli_load_rules(c) : rc;
}

/* Messages of one file in the order of its lines; equal lines keep the
 * order they were found in (qsort is not stable, hence the index). */
typedef struct ranked {
	bc_diag d;
	size_t i;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c = strcmp(x->d.file ? x->d.file : "", y->d.file ? y->d.file : "");
	if (c)
		return c;
	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

void cli_sort_diags(bc_cli *c)
{
	size_t n = c->diags.n;
	ranked *r = n ? bc_malloc(n * sizeof *r) : NULL;
	if (!r)
		return;
	for (size_t i = 0; i < n; i++)
		r[i] = (ranked){c->diags.v[i], i};
	qsort(r, n, sizeof *r, cmp_ranked);
	for (size_t i = 0; i < n; i++)
		c->diags.v[i] = r[i].d;
	bc_free(r);
}

void cli_drop_warnings(bc_cli *c)
{
	bc_diags_drop_warnings(&c->diags);
}

void cli_flush_diags(bc_cli *c)
{
	/* A problem on a thousand lines is said once, with the count. */
	bc_diags_fold(&c->diags);
	for (size_t i = 0; i < c->diags.n; i++) {
		char *s = bc_diag_format(&c->diags.v[i]);
		fprintf(stderr, "%s\n", s ? s : c->diags.v[i].msg);
		bc_free(s);
	}
	if (c->diags.oom)
		fputs("baocao: some messages were lost: out of memory\n",
		      stderr);
	bc_diags_free(&c->diags);
}

int cli_exit_code(bc_err err)
{
	switch (err) {
	case BC_OK:
		return EXIT_OK;
	case BC_ERR_INVALID:
	case BC_ERR_REFUSED:
		return EXIT_REJECTED;
	case BC_ERR_SYNTAX:
	case BC_ERR_NOT_FOUND:
		return EXIT_USAGE;
	default:
		return EXIT_ENV;
	}
}

int cli_finish(bc_cli *c, bc_err err)
{
	if (err != BC_OK && c->diags.errors == 0)
		fprintf(stderr, "baocao: %s\n", bc_strerror(err));
	cli_flush_diags(c);
	return cli_exit_code(err);
}

static json_t *count_json(int64_t n)
{
	return n >= 0 ? json_integer((json_int_t)n) : json_null();
}

json_t *cli_counts_json(const bc_check_counts *n)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "units",
			 count_json(n->units), "periods", count_json(n->periods),
			 "submissions", count_json(n->submissions),
			 "revisions", count_json(n->revisions), "values",
			 count_json(n->values), "audit_entries",
			 count_json(n->audit), "rulesets",
			 count_json(n->rulesets));
}

void cli_counts_text(const bc_check_counts *n, char *buf, size_t size)
{
	const struct {
		int64_t n;
		const char *text;
	} part[] = {
		{n->units, P_("unit", "units", n->units)},
		{n->periods, P_("period", "periods", n->periods)},
		{n->submissions,
		 P_("submission", "submissions", n->submissions)},
		{n->revisions, P_("revision", "revisions", n->revisions)},
		{n->values, P_("value", "values", n->values)},
		{n->audit, P_("audit entry", "audit entries", n->audit)},
		{n->rulesets, P_("ruleset", "rulesets", n->rulesets)},
	};
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof part / sizeof *part && o < size; i++) {
		char num[24] = "?"; /* -1: could not be counted */
		if (part[i].n >= 0)
			snprintf(num, sizeof num, "%lld", (long long)part[i].n);
		o += (size_t)snprintf(buf + o, size - o, "%s%s %s",
				      i ? ", " : "", num, part[i].text);
	}
}

void cli_print_json(json_t *v)
{
	if (!v) {
		fputs(_("baocao: out of memory\n"), stderr);
		return;
	}
	/* Exact decimals (money) as bare numbers with their digits. */
	bc_json_dumpf(v, CLI_JSON_FLAGS, stdout);
	fputc('\n', stdout);
	json_decref(v);
}

json_t *cli_json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *cli_diags_json(const bc_diags *d, bc_severity sev)
{
	json_t *a = json_array();
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity == sev) {
			char *s = bc_diag_format_neutral(&d->v[i]);
			json_array_append_new(a, json_string(s ? s : ""));
			bc_free(s);
		}
	return a;
}

static json_t *int_or_null(int n)
{
	return n > 0 ? json_integer(n) : json_null();
}

json_t *cli_problems_json(const bc_diags *d)
{
	json_t *a = json_array();
	for (size_t i = 0; i < d->n; i++) {
		const bc_diag *g = &d->v[i];
		char *s = bc_diag_format_neutral(g);
		bool cell = g->loc && strchr(g->loc, '!');
		json_array_append_new(
			a,
			json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
				  "s:o, s:o, s:s, s:s, s:I}",
				  "severity",
				  g->severity == BC_ERROR ? "error" : "warning",
				  "line", int_or_null(g->line), "cell",
				  cli_json_str(cell ? g->loc : NULL), "form",
				  cli_json_str(g->form), "field",
				  cli_json_str(g->field), "number",
				  int_or_null(g->number), "row",
				  int_or_null(g->row), "column",
				  cli_json_str(g->col), "column_number",
				  int_or_null(g->col_number), "check",
				  cli_json_str(g->check), "message",
				  g->msg ? g->msg : "", "text", s ? s : "",
				  "more", (json_int_t)g->more));
		bc_free(s);
	}
	return a;
}

const char *cli_state_text(bc_state s)
{
	static const char *const names[] = {N_("on time"), N_("late"),
					    N_("partial"), N_("not sent")};
	return _(names[s]);
}

void cli_col(FILE *f, const char *s, int width, bool right)
{
	size_t w = bc_utf8_width(s);
	int pad = width > 0 && (size_t)width > w ? width - (int)w : 0;
	if (right)
		fprintf(f, "%*s%s", pad, "", s);
	else
		fprintf(f, "%s%*s", s, pad, "");
}

void cli_cut(const char *s, int width, char *out, size_t n)
{
	if (!n)
		return;
	snprintf(out, n, "%s", s);
	if (bc_utf8_width(out) <= (size_t)(width > 0 ? width : 0) &&
	    strlen(out) == strlen(s))
		return;
	/* The longest start of s, at a character's first byte, that leaves
	 * a column for the ellipsis: a tone mark typed apart adds no width,
	 * so it stays with its letter. */
	size_t keep = 0, i = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (p[i] && i + sizeof "…" < n) {
		const unsigned char *q = p + i;
		bc_utf8_next(&q);
		size_t j = (size_t)(q - p);
		snprintf(out, n, "%.*s", (int)j, s);
		if (bc_utf8_width(out) + 1 > (size_t)(width > 1 ? width : 1))
			break;
		keep = i = j;
	}
	while (keep && s[keep - 1] == ' ')
		keep--;
	snprintf(out, n, "%.*s…", (int)keep, s);
}

void cli_decimal_sign(char *buf, size_t n)
{
	/* TRANSLATORS: the sign between a number's whole part and its
	 * decimals: "," in Vietnamese. */
	const char *sign = C_("number", ".");
	char *dot = strchr(buf, '.');
	if (!dot || !strcmp(sign, "."))
		return;
	char rest[64];
	snprintf(rest, sizeof rest, "%s", dot + 1);
	snprintf(dot, n - (size_t)(dot - buf), "%s%s", sign, rest);
}

const char *cli_unit_text(bc_cli *c, const char *code, char *buf, size_t n)
{
	bc_unit u;
	bc_diags ignore = BC_DIAGS_INIT;
	snprintf(buf, n, "%s", code);
	if (c->st && bc_unit_latest(c->st, code, &u, &ignore) == BC_OK) {
		snprintf(buf, n, "%s (%s)", code, u.name);
		bc_unit_free(&u);
	}
	bc_diags_free(&ignore);
	return buf;
}

bool cli_date_arg(const char *usage, const char *opt, const char *s,
		  bc_date *out)
{
	if (s && bc_date_parse_any(s, out))
		return true;
	cli_usage_error(usage, _("%s takes a date dd/mm/yyyy (or YYYY-MM-DD), "
				 "not '%s'"),
			opt, s ? s : "");
	return false;
}

bool cli_in_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	size_t root = strlen(BC_BUILD_ROOT);
	if (len <= 0)
		return false;
	exe[len] = '\0';
	return strncmp(exe, BC_BUILD_ROOT, root) == 0 && exe[root] == '/';
}

/* Only from the build tree the build's plugins: an installed program
 * must not load what a build directory holds. */
char *cli_plugin_path(const char *opt)
{
	const char *env = getenv("BAOCAO_PLUGIN_PATH");
	bool built = cli_in_build_tree();
	return bc_sprintf("%s%s%s%s%s%s%s", opt ? opt : "", opt ? ":" : "",
			  env && *env ? env : "", env && *env ? ":" : "",
			  built ? BC_BUILD_ROOT "/plugins" : "",
			  built ? ":" : "", BC_PLUGIN_DIR);
}

void cli_parts_write(FILE *f, const bc_ruleset *rs, const char *parts)
{
	const char *sep = ": ";
	for (const char *s = parts; *s; sep = ", ") {
		char id[64];
		int number, used = 0;
		if (sscanf(s, "%63s r%d%n", id, &number, &used) != 2)
			break;
		fprintf(f, "%s", sep);
		fprintf(f, _("%s (revision %d)"), bc_ruleset_part_name(rs, id),
			number);
		s += used + strspn(s + used, ", ");
	}
}

void cli_parts_print(bc_cli *c, const char *period, const char *parts)
{
	cli_parts_fprint(c, stderr, period, parts);
}

void cli_parts_fprint(bc_cli *c, FILE *f, const char *period,
		      const char *parts)
{
	bc_period p;
	bc_diags ignore = BC_DIAGS_INIT;
	bool named = bc_period_get(c->st, c->rb, period, &p, &ignore) == BC_OK;
	bc_diags_free(&ignore);
	if (named)
		cli_parts_write(f, p.rs, parts);
	else
		fprintf(f, ": %s", parts);
	if (named)
		bc_period_free(&p);
}

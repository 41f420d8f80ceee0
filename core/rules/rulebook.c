/* SPDX-License-Identifier: MIT */
#include "rulebook.h"
#include "rename.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_rs(const void *a, const void *b)
{
	return strcmp((*(bc_ruleset *const *)a)->id,
		      (*(bc_ruleset *const *)b)->id);
}

/* Whether path is a ruleset (a directory with a ruleset.lua): 1 or 0,
 * or -1 when it cannot be told (errno says why): a ruleset that cannot
 * be read is not "no ruleset". */
static int is_ruleset_dir(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1; /* ENOENT: a dangling link */
	if (!S_ISDIR(st.st_mode))
		return 0;
	char *entry = bc_sprintf("%s/ruleset.lua", path);
	if (!entry) {
		errno = ENOMEM;
		return -1;
	}
	int r = stat(entry, &st) == 0 ? S_ISREG(st.st_mode)
	      : errno == ENOENT	      ? 0
				      : -1;
	int e = errno;
	bc_free(entry);
	errno = e;
	return r;
}

static bc_err push(bc_ruleset ***v, size_t *n, size_t *cap, bc_ruleset *rs)
{
	if (bc_grow((void **)v, cap, *n + 1, sizeof **v) < 0)
		return BC_ERR_NOMEM;
	(*v)[(*n)++] = rs;
	return BC_OK;
}

bc_err bc_rulebook_load(const char *dir, const bc_limits *lim,
			bc_rulebook **out, bc_diags *d)
{
	bc_rulebook *rb = bc_calloc(1, sizeof *rb);
	if (!rb || !(rb->dir = bc_strdup(dir))) {
		bc_free(rb);
		return BC_ERR_NOMEM;
	}
	rb->limits = lim ? *lim : BC_LIMITS_DEFAULT;
	*out = rb;
	DIR *dp = opendir(dir);
	if (!dp) {
		bc_diags_add(d, BC_ERROR, dir, 0, NULL, NULL,
			     N_("cannot read the rules directory: %s"),
			     strerror(errno));
		return BC_ERR_RULES;
	}
	bc_err rc = BC_OK;
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = bc_sprintf("%s/%s", dir, e->d_name);
		if (!path) {
			rc = BC_ERR_NOMEM;
			break;
		}
		int is = is_ruleset_dir(path);
		if (is < 0 && errno == ENOMEM) {
			/* The machine's memory, not the rules' fault. */
			bc_free(path);
			rc = BC_ERR_NOMEM;
			break;
		}
		if (is < 0) {
			bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
				     N_("cannot read this entry of the rules "
				        "directory: %s"),
				     strerror(errno));
			rc = rc == BC_OK ? BC_ERR_RULES : rc;
		}
		if (is > 0) {
			bc_ruleset *rs = NULL;
			bc_err r = bc_ruleset_load_dir(e->d_name, path,
						       &rb->limits, &rs, d);
			if (r == BC_OK &&
			    (r = push(&rb->v, &rb->n, &rb->cap, rs)) != BC_OK)
				bc_ruleset_free(rs); /* not kept: not freed */
			if (r != BC_OK && rc == BC_OK)
				rc = r;
		}
		bc_free(path);
	}
	closedir(dp);
	if (rb->n > 1)
		qsort(rb->v, rb->n, sizeof *rb->v, cmp_rs);
	if (rc == BC_OK && rb->n == 0) {
		bc_diags_add(d, BC_ERROR, dir, 0, NULL, NULL,
			     N_("no ruleset here (a ruleset is a directory "
			        "with a ruleset.lua)"));
		rc = BC_ERR_RULES;
	}
	return rc;
}

void bc_rulebook_free(bc_rulebook *rb)
{
	if (!rb)
		return;
	for (size_t i = 0; i < rb->n; i++)
		bc_ruleset_free(rb->v[i]);
	for (size_t i = 0; i < rb->n_older; i++)
		bc_ruleset_free(rb->older[i]);
	bc_free(rb->v);
	bc_free(rb->older);
	bc_free(rb->dir);
	bc_free(rb);
}

const bc_ruleset *bc_rulebook_find(const bc_rulebook *rb, const char *id)
{
	for (size_t i = 0; i < rb->n; i++)
		if (strcmp(rb->v[i]->id, id) == 0)
			return rb->v[i];
	return NULL;
}

const bc_ruleset *bc_rulebook_version(const bc_rulebook *rb, const char *id,
				      const char *hash)
{
	const bc_ruleset *rs = bc_rulebook_find(rb, id);
	if (rs && strcmp(rs->hash, hash) == 0)
		return rs;
	for (size_t i = 0; i < rb->n_older; i++)
		if (strcmp(rb->older[i]->id, id) == 0 &&
		    strcmp(rb->older[i]->hash, hash) == 0)
			return rb->older[i];
	return NULL;
}

bc_err bc_rulebook_adopt(bc_rulebook *rb, bc_ruleset *rs)
{
	return push(&rb->older, &rb->n_older, &rb->cap_older, rs);
}

bc_date bc_rulebook_in_force_to(const bc_rulebook *rb, const bc_ruleset *rs)
{
	bc_date to = rs->directive.in_force_to;
	for (size_t i = 0; i < rb->n; i++) {
		const bc_directive *o = &rb->v[i]->directive;
		if (!o->supersedes || strcmp(o->supersedes, rs->id) != 0)
			continue;
		bc_date end = o->in_force_from - 1;
		if (to == BC_DATE_NONE || end < to)
			to = end;
	}
	return to;
}

bool bc_rulebook_in_force(const bc_rulebook *rb, const bc_ruleset *rs,
			  bc_date day)
{
	bc_date to = bc_rulebook_in_force_to(rb, rs);
	return day >= rs->directive.in_force_from &&
	       (to == BC_DATE_NONE || day <= to);
}

const bc_ruleset *bc_rulebook_govern(const bc_rulebook *rb,
				     const char *token, int year,
				     bc_date adhoc_day)
{
	const bc_ruleset *best = NULL;
	for (size_t i = 0; i < rb->n; i++) {
		const bc_ruleset *rs = rb->v[i];
		int n;
		const bc_period_type *pt =
			bc_ruleset_period_type(rs, token, &n);
		if (!pt)
			continue;
		bc_date day = pt->adhoc ? adhoc_day
					: bc_dayrule_date(pt->to, year);
		if (day == BC_DATE_NONE || !bc_rulebook_in_force(rb, rs, day))
			continue;
		if (!best || rs->directive.in_force_from >
				     best->directive.in_force_from)
			best = rs;
	}
	return best;
}

void bc_rulebook_check(const bc_rulebook *rb, bc_diags *d)
{
	for (size_t i = 0; i < rb->n; i++) {
		const bc_directive *a = &rb->v[i]->directive;
		if (a->supersedes && !bc_rulebook_find(rb, a->supersedes))
			bc_diags_add(d, BC_WARNING, a->at.file, a->at.line,
				     NULL, NULL,
				     N_("supersedes '%s', which is not in this "
				        "rules directory"),
				     a->supersedes);
		if (a->supersedes && strcmp(a->supersedes, rb->v[i]->id) == 0)
			bc_diags_add(d, BC_ERROR, a->at.file, a->at.line, NULL,
				     NULL, N_("a ruleset cannot supersede "
					      "itself"));
		else if (a->supersedes)
			bc_renames_check(rb->v[i],
					 bc_rulebook_find(rb, a->supersedes),
					 d);
		for (size_t j = i + 1; j < rb->n; j++) {
			const bc_directive *b = &rb->v[j]->directive;
			if (a->in_force_from == b->in_force_from)
				bc_diags_add(d, BC_ERROR, b->at.file,
					     b->at.line, NULL, NULL,
					     N_("in force from the same day as "
						"%s: which governs is ambiguous"),
					     rb->v[i]->id);
		}
	}
}

const void *bc_rulebook_item(const bc_rulebook *rb, bc_reg_kind k,
			     const char *id)
{
	for (size_t i = 0; i < rb->n; i++) {
		const void *x = bc_ruleset_find(rb->v[i], k, id);
		if (x)
			return x;
	}
	return NULL;
}

const bc_unit_kind *bc_rulebook_kind(const bc_rulebook *rb, const char *id)
{
	return bc_rulebook_item(rb, BC_REG_UNIT_KIND, id);
}

const bc_role *bc_rulebook_role(const bc_rulebook *rb, const char *id)
{
	return bc_rulebook_item(rb, BC_REG_ROLE, id);
}

const bc_channel *bc_rulebook_channel(const bc_rulebook *rb, const char *id)
{
	return bc_rulebook_item(rb, BC_REG_CHANNEL, id);
}

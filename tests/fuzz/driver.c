/* SPDX-License-Identifier: MIT */
/*
 * A small fuzzer for builds without libFuzzer: runs every file of the
 * corpus, then mutations of each (bytes flipped, runs cut or repeated)
 * from a fixed seed, so a run is repeatable.  Under AddressSanitizer
 * this is the test suite's fuzzing; scripts/fuzz runs libFuzzer longer.
 *
 * usage: driver ROUNDS FILE|DIR...   (a directory: every file in it, in
 * name order)
 */
#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t next(uint64_t *s)
{
	/* xorshift64*: fast, and the same sequence everywhere. */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	rewind(f);
	uint8_t *buf = len > 0 ? malloc((size_t)len) : NULL;
	*n = buf ? fread(buf, 1, (size_t)len, f) : 0;
	fclose(f);
	return buf;
}

static void mutate(uint8_t *buf, size_t *n, size_t cap, uint64_t *s)
{
	switch (next(s) % 4) {
	case 0: /* flip bytes */
		for (int k = 0; k < 8 && *n; k++)
			buf[next(s) % *n] ^= (uint8_t)(1u << (next(s) % 8));
		break;
	case 1: /* cut the tail */
		*n = *n ? next(s) % *n : 0;
		break;
	case 2: { /* overwrite a run with another part of the file */
		if (*n < 2)
			break;
		size_t a = next(s) % *n, b = next(s) % *n;
		size_t len = next(s) % (*n - (a > b ? a : b));
		memmove(buf + a, buf + b, len);
		break;
	}
	default: { /* repeat a run */
		if (!*n)
			break;
		size_t a = next(s) % *n, len = next(s) % 64;
		if (a + len > *n)
			len = *n - a;
		if (*n + len <= cap) {
			memmove(buf + a + len, buf + a, *n - a);
			*n += len;
		}
	}
	}
}

/* Runs the seed at path and rounds mutations of it; -1 if unreadable. */
static long fuzz_file(const char *path, long rounds, uint64_t *seed)
{
	size_t n = 0;
	uint8_t *orig = slurp(path, &n);
	if (!orig && n == 0) {
		FILE *f = fopen(path, "rb"); /* an empty seed is a seed */
		if (!f)
			return -1;
		fclose(f);
	}
	size_t cap = n + 4096;
	uint8_t *buf = malloc(cap);
	long runs = 1;
	LLVMFuzzerTestOneInput(orig ? orig : (const uint8_t *)"", n);
	for (long r = 0; buf && r < rounds; r++) {
		size_t m = n;
		if (n)
			memcpy(buf, orig, n);
		for (uint64_t k = 1 + next(seed) % 3; k; k--)
			mutate(buf, &m, cap, seed);
		LLVMFuzzerTestOneInput(buf, m);
		runs++;
	}
	free(buf);
	free(orig);
	return runs;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of directory dir, sorted, into *v; their number, or -1. */
static long list_dir(const char *dir, char ***v)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return -1;
	long n = 0, cap = 0;
	struct dirent *e;
	*v = NULL;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			*v = realloc(*v, (size_t)cap * sizeof **v);
		}
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		(*v)[n] = malloc(len);
		snprintf((*v)[n++], len, "%s/%s", dir, e->d_name);
	}
	closedir(dp);
	if (n)
		qsort(*v, (size_t)n, sizeof **v, by_name);
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s ROUNDS FILE|DIR...\n", argv[0]);
		return 2;
	}
	long rounds = atol(argv[1]);
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	long runs = 0, seeds = 0;
	for (int i = 2; i < argc; i++) {
		struct stat st;
		char **files = &argv[i];
		long n = 1;
		bool dir = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode);
		if (dir && (n = list_dir(argv[i], &files)) < 0)
			n = 0;
		for (long k = 0; k < n; k++) {
			long r = fuzz_file(files[k], rounds, &seed);
			if (r < 0) {
				fprintf(stderr, "%s: cannot read\n", files[k]);
				return 1;
			}
			runs += r;
			seeds++;
			if (dir)
				free(files[k]);
		}
		if (dir)
			free(files);
	}
	if (!seeds) {
		fprintf(stderr, "%s: no seeds\n", argv[0]);
		return 1;
	}
	printf("fuzz: %ld inputs from %ld seeds, no crash\n", runs, seeds);
	return 0;
}

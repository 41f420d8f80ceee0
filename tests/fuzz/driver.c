/* SPDX-License-Identifier: MIT */
/*
 * A small fuzzer for builds without libFuzzer: runs every file of the
 * corpus, then mutations of each (bytes flipped, runs cut or repeated)
 * from a fixed seed, so a run is repeatable.  Under AddressSanitizer
 * this is the test suite's fuzzing; scripts/fuzz runs libFuzzer longer.
 *
 * usage: driver ROUNDS FILE...
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s ROUNDS FILE...\n", argv[0]);
		return 2;
	}
	long rounds = atol(argv[1]);
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	long runs = 0;
	for (int i = 2; i < argc; i++) {
		size_t n;
		uint8_t *orig = slurp(argv[i], &n);
		if (!orig) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			return 1;
		}
		size_t cap = n + 4096;
		uint8_t *buf = malloc(cap);
		LLVMFuzzerTestOneInput(orig, n);
		for (long r = 0; buf && r < rounds; r++) {
			size_t m = n;
			memcpy(buf, orig, n);
			for (uint64_t k = 1 + next(&seed) % 3; k; k--)
				mutate(buf, &m, cap, &seed);
			LLVMFuzzerTestOneInput(buf, m);
			runs++;
		}
		free(buf);
		free(orig);
	}
	printf("fuzz: %ld inputs from %d seeds, no crash\n", runs + argc - 2,
	       argc - 2);
	return 0;
}

/* SPDX-License-Identifier: MIT */
#include "digest.h"

#include <nettle/sha2.h>

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(bc_sha256),
	       "bc_sha256 too small for nettle's context");

void bc_sha256_init(bc_sha256 *h)
{
	sha256_init((struct sha256_ctx *)h);
}

void bc_sha256_update(bc_sha256 *h, const void *data, size_t len)
{
	sha256_update((struct sha256_ctx *)h, len, data);
}

void bc_sha256_hex(bc_sha256 *h, char out[BC_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest((struct sha256_ctx *)h, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}

void bc_sha256_buf(const void *data, size_t len, char out[BC_SHA256_HEX])
{
	bc_sha256 h;
	bc_sha256_init(&h);
	bc_sha256_update(&h, data, len);
	bc_sha256_hex(&h, out);
}

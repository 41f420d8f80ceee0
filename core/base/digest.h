/* SPDX-License-Identifier: MIT */
/* SHA-256 digests as lowercase hex, for rules sources and submitted files. */
#ifndef BC_DIGEST_H
#define BC_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define BC_SHA256_HEX 65 /* 64 hex digits and the terminator */

typedef struct bc_sha256 {
	uint64_t opaque[16]; /* room for nettle's sha256_ctx */
} bc_sha256;

void bc_sha256_init(bc_sha256 *h);
void bc_sha256_update(bc_sha256 *h, const void *data, size_t len);
void bc_sha256_hex(bc_sha256 *h, char out[BC_SHA256_HEX]);
/* One-shot digest of a buffer. */
void bc_sha256_buf(const void *data, size_t len, char out[BC_SHA256_HEX]);

#endif

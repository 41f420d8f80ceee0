/* SPDX-License-Identifier: MIT */
/*
 * Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ
 * p q r s t u ư v x y (Đ after D), words compared letter by letter
 * first, then by tones (none, huyền, hỏi, ngã, sắc, nặng), then by case.
 */
#ifndef BC_COLLATE_H
#define BC_COLLATE_H

#include <stddef.h>

/* A key for s such that strcmp of keys is Vietnamese order.  The caller
 * frees it with bc_free; NULL on OOM. */
char *bc_collate_key(const char *s);
/* Compares two UTF-8 strings in Vietnamese order. */
int bc_collate(const char *a, const char *b);

#endif

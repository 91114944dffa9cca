/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the catalog compiler (load, validate, index) and the look-ups over what it built. */
#ifndef NIS2I_COMPILE_H
#define NIS2I_COMPILE_H

#include "model/model.h"

nis2_ctx *nis2i_ctx_ref(const nis2_ctx *ctx);
void nis2i_ctx_unref(const nis2_ctx *ctx);
/* Canonical Member State code for code or alias, or NULL. */
const char *nis2i_ms_canonical(const nis2_ctx *ctx, const char *code);
const nis2i_etype *nis2i_etype_find(const nis2_ctx *ctx, const char *code, uint32_t *index);

/* Error messages. nis2i_etype_hint: " (did you mean 'a' or 'b'?; every code: …)" for an unknown entity-type code:
 * the codes equal to it but for case, else those within a few edits, else those with the same last segment or
 * that it is a prefix of (at most 3). nis2i_ms_list: "AT, BE, … (Greece: GR or EL)", every Member State code of
 * the catalog and its aliases. Both write a NUL-terminated text of at most n bytes. */
void nis2i_etype_hint(const nis2_ctx *ctx, const char *code, char *buf, size_t n);
void nis2i_ms_list(const nis2_ctx *ctx, char *buf, size_t n);
/* What the compiler offers the JSON edge (JSON values in its signatures) is in compile/compile_json.h. */

/* The embedded catalog (generated at build time). */
extern const unsigned char nis2i_embedded_catalog[];
extern const size_t nis2i_embedded_catalog_len;

#endif

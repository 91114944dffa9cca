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

/* The embedded catalog (generated at build time). */
extern const unsigned char nis2i_embedded_catalog[];
extern const size_t nis2i_embedded_catalog_len;

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the obligations table of the catalog (compile/obligations_load.c, model/obligations.h). */
#ifndef NIS2I_OBLIGATIONS_LOAD_H
#define NIS2I_OBLIGATIONS_LOAD_H

#include "model/obligations.h"

/* Load and validate the obligation sets of ctx->doc into ctx->obl (after entity types and overlays): $.obligations,
 * $.fines, $.supervision, the DORA entry of $.lex_specialis, and each overlay's obligations, fines and supervision.
 * Errors: NIS2_ERR_CATALOG naming the entry ($.obligations[3], $.overlays[0].obligations[12]) and what is wrong:
 * a missing or mistyped field, a duplicate id, an unknown category or role, an `implements` that names no
 * Directive duty, a national id without the overlay's prefix; NIS2_ERR_NOMEM. On failure the partial table is
 * freed by nis2i_obligations_release(). A catalog without `obligations` loads an empty table. */
nis2_status nis2i_obligations_load(nis2_ctx *ctx, nis2_error *err);
void nis2i_obligations_release(nis2_ctx *ctx);

#endif

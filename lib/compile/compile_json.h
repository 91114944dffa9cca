/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: what the catalog compiler offers the JSON edge, with JSON values in its signatures. For compile/
 * and json/ only (the layers that may see jansson); the layers between reach the compiler through
 * compile/compile.h, which shows no JSON type. */
#ifndef NIS2I_COMPILE_JSON_H
#define NIS2I_COMPILE_JSON_H

#include <jansson.h>

#include "compile/compile.h"

/* Results: add "catalog_extensions": [{"name", "version"}] to the JSON object obj when ctx has extensions
 * (nothing otherwise, so outputs without an extension keep their bytes). 0 ok, -1 out of memory. */
int nis2i_ctx_put_extensions(json_t *obj, const nis2_ctx *ctx);

/* The catalog document of ctx. A context compiled from JSON keeps it; one loaded from the compiled image
 * (compile/image.h) parses the embedded catalog on the first call (once, thread-safe) and binds the JSON
 * pointers of its model (each overlay's doc) before returning it. Call it before reading any of them. NULL only when out of memory. */
const json_t *nis2i_ctx_doc(const nis2_ctx *ctx);

/* Parse the embedded catalog text. */
nis2_status nis2i_embedded_doc(json_t **out, nis2_error *err);

#endif

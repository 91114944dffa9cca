/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Differential libFuzzer harness: the fast entity reader (lib/json/entity_fast.c) against the strict one. Any
 * input the fast path accepts must be accepted by the strict path and give the same entity, field for field;
 * it may decline anything. Seeds: corpus/entity-fast/ (and the entity seeds).
 */
#include <stdint.h>
#include <stdlib.h>

#include "json/edge.h"
#include "entity_same.h"

static nis2_ctx *ctx;            /* the embedded catalog, built once per process (harness-only state) */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx && nis2_ctx_new(&ctx, NULL) != NIS2_OK)
        abort();
    int accepted;
    if (entity_paths_agree(ctx, (const char *)data, size, &accepted) != 0)
        abort();
    return 0;
}

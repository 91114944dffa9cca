/* SPDX-License-Identifier: Apache-2.0 */
/* The fast and the strict entity readers agree (lib/json/entity_fast.c): shared by the unit test and the fuzzer.
 * Needs the internal headers (include "json/edge.h" first). */
#ifndef NIS2_TEST_ENTITY_SAME_H
#define NIS2_TEST_ENTITY_SAME_H
#include <string.h>

/* 1 when a and b are the same entity, field for field. */
static inline int entity_same(const nis2_entity *a, const nis2_entity *b)
{
    if ((a->name == NULL) != (b->name == NULL) || (a->name && strcmp(a->name, b->name) != 0))
        return 0;
    if (memcmp(a->country, b->country, sizeof a->country) != 0 || a->n_types != b->n_types ||
        (a->n_types && memcmp(a->types, b->types, a->n_types * sizeof *a->types) != 0))
        return 0;
    for (int p = 0; p < 2; p++) {
        if (a->fig_set[p] != b->fig_set[p])
            return 0;
        for (int i = 0; i < NIS2I_NFIG; i++)
            if ((a->fig_set[p] & (1u << i)) && memcmp(&a->fig[p][i], &b->fig[p][i], sizeof(double)) != 0)
                return 0;        /* bit for bit: -0.0 and 0.0 differ */
    }
    return a->flags == b->flags && a->designation == b->designation && !a->has_nat && !b->has_nat;
}

/* Read text both ways. Returns 0 when they agree (the fast path declined, or both built the same entity);
 * else a number naming the disagreement. *accepted says whether the fast path took it. */
static inline int entity_paths_agree(const nis2_ctx *ctx, const char *text, size_t len, int *accepted)
{
    nis2_entity *fast = NULL, *strict = NULL;
    *accepted = nis2i_entity_fast(ctx, text, len, &fast);
    json_t *v = NULL;
    nis2_status st = nis2i_json_parse(text, len, &v, NULL);
    if (st == NIS2_OK)
        st = nis2i_entity_from_value(ctx, v, "$", &strict, NULL);
    json_decref(v);
    int verdict = 0;
    if (*accepted && st != NIS2_OK)
        verdict = 1;             /* the fast path took what the strict path rejects */
    else if (*accepted && !entity_same(fast, strict))
        verdict = 2;             /* both took it, but built different entities */
    nis2_entity_free(fast);
    nis2_entity_free(strict);
    return verdict;
}
#endif

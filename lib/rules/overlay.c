/*
 * National overlays: the registry of rule functions by country. An overlay is catalog data; a country whose law
 * needs logic the data cannot express registers one small rule function here. Adding a Member State is a data
 * file under lib/catalog/overlays/<cc>/ plus, at most, one entry in this table.
 */
#include <string.h>

#include "internal.h"

static const nis2i_overlay_rules *const registry[] = {
    NULL,
};

const nis2i_overlay_rules *nis2i_overlay_rules_for(const char *country)
{
    for (size_t i = 0; registry[i]; i++)
        if (strcmp(registry[i]->country, country) == 0)
            return registry[i];
    return NULL;
}

const nis2i_overlay *nis2i_overlay_find(const nis2_ctx *ctx, const char *country)
{
    uint32_t idx;
    if (!nis2i_map_get(&ctx->overlay_index, country, &idx))
        return NULL;
    return &ctx->overlays[idx];
}

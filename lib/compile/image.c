/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: loading the compiled catalog image (compile/image.h) and the catalog document of an
 * image-backed context, parsed on first use. */
#include "compile/image.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile_json.h"
#include "compile/obligations_load.h"
#include "model/overlay.h"

/* An image-backed context's catalog document: NULL until first asked for, then set once under mu. */
struct nis2i_lazydoc {
    pthread_mutex_t mu;
    _Atomic(json_t *) doc;
};

uint32_t nis2i_image_hash(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

nis2_status nis2i_image_load(const nis2i_image *img, nis2_ctx **out, nis2_error *err)
{
    const nis2i_image_layout want = NIS2I_IMAGE_LAYOUT;
    if (!img->size || memcmp(&img->layout, &want, sizeof want) != 0)
        return NIS2_ERR_NOT_FOUND;
    struct nis2i_lazydoc *lz = calloc(1, sizeof *lz);
    unsigned char *base = malloc(img->size);
    if (!lz || !base || pthread_mutex_init(&lz->mu, NULL) != 0) {
        free(lz);
        free(base);
        return nis2i_nomem(err);
    }
    atomic_init(&lz->doc, NULL);
    memcpy(base, img->bytes, img->size);
    for (size_t i = 0; i < img->n_relocs; i++) {   /* each pointer word holds an offset into the image */
        uint64_t v;
        memcpy(&v, base + img->relocs[i], sizeof v);
        uintptr_t p = (uintptr_t)base + (uintptr_t)v;
        memcpy(base + img->relocs[i], &p, sizeof p);
    }
    nis2_ctx *ctx = (nis2_ctx *)(void *)base;
    atomic_init(&ctx->refs, 1);
    ctx->image = base;
    ctx->lazy = lz;
    *out = ctx;
    return NIS2_OK;
}

void nis2i_image_release(nis2_ctx *ctx)
{
    struct nis2i_lazydoc *lz = ctx->lazy;
    if (!lz)
        return;
    json_decref(atomic_load_explicit(&lz->doc, memory_order_acquire));
    pthread_mutex_destroy(&lz->mu);
    free(lz);
    ctx->lazy = NULL;
}

void nis2i_image_detach(nis2_ctx *ctx)
{
    ctx->doc = NULL;
    for (size_t i = 0; i < ctx->n_overlays; i++)
        ctx->overlays[i].doc = NULL;
}

/* Bind the model's JSON pointers to doc, the document the context was compiled from (in the same order). */
static void bind(nis2_ctx *ctx, json_t *doc)
{
    const json_t *ovs = json_object_get(doc, "overlays");
    for (size_t i = 0; i < ctx->n_overlays; i++)
        ctx->overlays[i].doc = json_array_get(ovs, i);
}

const json_t *nis2i_ctx_doc(const nis2_ctx *ctx)
{
    struct nis2i_lazydoc *lz = ctx->lazy;
    if (!lz)
        return ctx->doc;
    json_t *d = atomic_load_explicit(&lz->doc, memory_order_acquire);
    if (d)
        return d;
    pthread_mutex_lock(&lz->mu);
    d = atomic_load_explicit(&lz->doc, memory_order_relaxed);
    if (!d && nis2i_embedded_doc(&d, NULL) == NIS2_OK) {
        bind((nis2_ctx *)ctx, d);   /* the JSON pointers are written once, before the document is published */
        atomic_store_explicit(&lz->doc, d, memory_order_release);
    }
    pthread_mutex_unlock(&lz->mu);
    return d;
}

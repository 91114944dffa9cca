/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Layer compile: the compiled catalog image. At build time lib/compile/imagegen.c compiles the embedded catalog
 * with the same compiler as at run time and writes the model it built (every block the context owns, laid out one
 * after another, with the strings it borrows) as a byte image plus the list of the words that hold pointers.
 * nis2_ctx_new() copies the image into one allocation and adds its address to those words: a context without
 * parsing JSON. Catalogs given at run time (nis2_ctx_new_from_json, --catalog, --catalog-extend) are compiled
 * at run time as before. tests/unit/test_image.c compiles the embedded JSON at run time and compares the two
 * models field for field.
 *
 * What the image leaves out is the catalog's JSON document (ctx->doc, each overlay's doc): the exports need it,
 * and nis2i_ctx_doc() (compile_json.h) parses the embedded text on first use and binds those pointers again. An
 * obligation's verbatim members are compact JSON text in the model (model/obligations.h), so they are in the image
 * and the obligations output never needs the document.
 */
#ifndef NIS2I_COMPILE_IMAGE_H
#define NIS2I_COMPILE_IMAGE_H

#include "compile/compile.h"
#include "model/obligations.h"
#include "model/overlay.h"

/* The layout facts the image was written for; the loader refuses an image whose facts differ from its own
 * (another compiler, another model version) and the context is then compiled from the JSON. */
typedef struct nis2i_image_layout {
    uint32_t ptr_size, ctx_size, etype_size, overlay_size, obligation_size, natval_size;
} nis2i_image_layout;

#define NIS2I_IMAGE_LAYOUT                                                                                          \
    {(uint32_t)sizeof(void *), (uint32_t)sizeof(nis2_ctx), (uint32_t)sizeof(nis2i_etype),                          \
     (uint32_t)sizeof(struct nis2i_overlay), (uint32_t)sizeof(nis2i_obligation),                            \
     (uint32_t)sizeof(nis2i_natval)}

typedef struct nis2i_image {
    nis2i_image_layout layout;
    const unsigned char *bytes;  /* the model; the context is at offset 0 */
    size_t size;
    size_t strings;              /* offset of the string pool (after the last block) */
    const uint32_t *relocs;      /* offsets of the pointer words; each holds an offset into the image */
    size_t n_relocs;
    const uint32_t *blocks;      /* [2 * n_blocks]: offset and size of each block, in image order */
    size_t n_blocks;
    uint32_t catalog_hash;       /* FNV-1a of the embedded catalog text the image was compiled from */
} nis2i_image;

/* The image of this build (generated; size 0 when the build has none, -Dcatalog_image=false). */
extern const nis2i_image nis2i_embedded_image;

/* FNV-1a over n bytes. */
uint32_t nis2i_image_hash(const unsigned char *p, size_t n);

/* A context from img, or NIS2_ERR_NOT_FOUND when img is empty, was written for another layout or another
 * catalog text (the caller then compiles the JSON); NIS2_ERR_NOMEM. */
nis2_status nis2i_image_load(const nis2i_image *img, nis2_ctx **out, nis2_error *err);

/* Release what an image-backed context holds besides its one block. */
void nis2i_image_release(nis2_ctx *ctx);

/* Forget the JSON pointers the model keeps (see above); the generator and the test call it on a context
 * compiled from JSON before they lay it out or compare it. The document itself is not freed. */
void nis2i_image_detach(nis2_ctx *ctx);

#endif

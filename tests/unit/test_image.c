/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The compiled catalog image (lib/compile/image.h). The embedded catalog is compiled here at run time, with every
 * block it allocates recorded (lib/compile/imagerec.h; this program links with --wrap=malloc,…), and the context
 * nis2_ctx_new() loads from the image is compared with it field for field: every byte of every block of the
 * loaded model equals the run-time model's, every pointer of it points to the corresponding place (block and
 * offset) of the run-time model, and every string it points to is the same text.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile_json.h"
#include "compile/image.h"
#include "compile/imagerec.h"
#include "model/obligations.h"
#include "model/overlay.h"

/* Compare the image-backed ctx im (laid out as img says) with rt, compiled at run time in recorded run 0.
 * Returns the number of blocks compared, or -1 with msg naming the first difference. */
static long compare(const nis2_ctx *im, const nis2i_image *img, const nis2_ctx *rt, char *msg, size_t n)
{
    const unsigned char *base = im->image;
    size_t words = img->size / 8;
    unsigned char *is_ptr = calloc(words + 1, 1);
    const unsigned char **pair = calloc(img->n_blocks + 1, sizeof *pair);   /* rt block of each image block */
    size_t *stack = calloc(img->n_blocks + 1, sizeof *stack), sp = 0;
    long done = -1;
    ck_assert(is_ptr && pair && stack);
    for (size_t i = 0; i < img->n_relocs; i++)
        is_ptr[img->relocs[i] / 8] = 1;
    pair[0] = (const unsigned char *)rt;
    stack[sp++] = 0;
    long count = 0;
    while (sp) {
        size_t k = stack[--sp], off = img->blocks[2 * k], size = img->blocks[2 * k + 1];
        const unsigned char *r = pair[k];
        bool end;
        const nis2i_rec_block *rb = nis2i_rec_find((uintptr_t)r, &end);
        if (!rb || end || rb->addr != (uintptr_t)r || rb->size != size) {
            snprintf(msg, n, "image block %zu (%zu bytes): the run-time model has no block of that size there", k, size);
            goto out;
        }
        count++;
        for (size_t w = 0; w < size; w += 8) {
            size_t len = size - w < 8 ? size - w : 8;
            if (k == 0 && (w == offsetof(nis2_ctx, image) || w == offsetof(nis2_ctx, lazy)))
                continue;            /* what the loader sets: the block and the lazy document */
            if (!is_ptr[(off + w) / 8]) {
                if (memcmp(base + off + w, r + w, len) != 0) {
                    snprintf(msg, n, "image block %zu (%zu bytes) +%zu: the data differs", k, size, w);
                    goto out;
                }
                continue;
            }
            uintptr_t pi, pr;
            memcpy(&pi, base + off + w, sizeof pi);
            memcpy(&pr, r + w, sizeof pr);
            size_t t = pi - (uintptr_t)base;
            if (!pr) {
                snprintf(msg, n, "image block %zu +%zu: a pointer where the run-time model has NULL", k, w);
                goto out;
            }
            if (t >= img->strings) {
                if (strcmp((const char *)pi, (const char *)pr) != 0) {
                    snprintf(msg, n, "image block %zu +%zu: the string '%.40s' differs from '%.40s'", k, w,
                             (const char *)pi, (const char *)pr);
                    goto out;
                }
                continue;
            }
            size_t lo = 0, hi = img->n_blocks;   /* the last block that starts at or before t */
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (img->blocks[2 * mid] <= t)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            size_t k2 = lo - 1, o = t - img->blocks[2 * k2];
            const unsigned char *r2 = (const unsigned char *)pr - o;
            if (pair[k2] && pair[k2] != r2) {
                snprintf(msg, n, "image block %zu +%zu: points to block %zu, which the run-time model has elsewhere", k,
                         w, k2);
                goto out;
            }
            if (!pair[k2]) {
                pair[k2] = r2;
                stack[sp++] = k2;
            }
        }
    }
    for (size_t k = 0; k < img->n_blocks; k++)
        if (!pair[k]) {
            snprintf(msg, n, "image block %zu is not reached from the context", k);
            goto out;
        }
    done = count;
out:
    free(is_ptr);
    free(pair);
    free(stack);
    return done;
}

typedef struct runtime {
    nis2_ctx *ctx;
    json_t *doc;
} runtime;

/* The embedded catalog compiled at run time, recorded, with its JSON pointers cleared as the image has them. */
static runtime compile_runtime(void)
{
    nis2_error *err = nis2_error_new();
    runtime R = {NULL, NULL};
    nis2i_rec_run(0);
    nis2_status st = nis2_ctx_new_from_json(&R.ctx, (const char *)nis2i_embedded_catalog, nis2i_embedded_catalog_len,
                                            0, err);
    nis2i_rec_run(-1);
    ck_assert_msg(st == NIS2_OK, "%s", nis2_error_message(err));
    ck_assert_ptr_null(R.ctx->image);
    R.doc = R.ctx->doc;
    nis2i_image_detach(R.ctx);
    nis2_error_free(err);
    return R;
}

static void free_runtime(runtime *R)
{
    R->ctx->doc = R->doc;            /* the context frees its document */
    nis2_ctx_free(R->ctx);
}

START_TEST(image_is_of_this_catalog)
{
    const nis2i_image *img = &nis2i_embedded_image;
    ck_assert_uint_gt(img->size, 0);
    ck_assert_uint_eq(img->catalog_hash, nis2i_image_hash(nis2i_embedded_catalog, nis2i_embedded_catalog_len));
    nis2_ctx *ctx;
    ck_assert_int_eq(nis2_ctx_new(&ctx, NULL), NIS2_OK);
    ck_assert_ptr_nonnull(ctx->image);
    ck_assert_ptr_eq(ctx->image, ctx);
    ck_assert_ptr_null(ctx->doc);    /* no JSON parsed */
    nis2_ctx_free(ctx);
}
END_TEST

START_TEST(loaded_image_equals_runtime_model_field_for_field)
{
    runtime R = compile_runtime();
    nis2_ctx *im;
    ck_assert_int_eq(nis2_ctx_new(&im, NULL), NIS2_OK);
    char msg[256] = "";
    long n = compare(im, &nis2i_embedded_image, R.ctx, msg, sizeof msg);
    ck_assert_msg(n > 0, "%s", msg);
    ck_assert_uint_eq((size_t)n, nis2i_embedded_image.n_blocks);
    /* the model is not trivially small: entity types, overlays, obligations, controls, incident tables */
    ck_assert_uint_gt(im->n_etypes, 60);
    ck_assert_uint_ge(im->n_overlays, 2);
    ck_assert_uint_gt(im->obl->n, 50);
    nis2_ctx_free(im);
    free_runtime(&R);
}
END_TEST

/* The comparison sees a changed byte of data, of a string, and a pointer moved to another place. */
static long compare_modified(size_t at, unsigned char flip, char *msg, size_t n)
{
    const nis2i_image *img = &nis2i_embedded_image;
    unsigned char *copy = malloc(img->size);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, img->bytes, img->size);
    copy[at] ^= flip;
    nis2i_image mod = *img;
    mod.bytes = copy;
    nis2_ctx *im;
    ck_assert_int_eq(nis2i_image_load(&mod, &im, NULL), NIS2_OK);
    runtime R = compile_runtime();
    long r = compare(im, &mod, R.ctx, msg, n);
    nis2_ctx_free(im);
    free_runtime(&R);
    free(copy);
    return r;
}

START_TEST(comparison_finds_every_kind_of_difference)
{
    const nis2i_image *img = &nis2i_embedded_image;
    char msg[256];
    /* data: the entity-type count of the context (a size_t, not a pointer) */
    ck_assert_int_eq(compare_modified(offsetof(nis2_ctx, n_etypes), 1, msg, sizeof msg), -1);
    ck_assert_msg(strstr(msg, "image block 0 ") && strstr(msg, "data differs"), "%s", msg);
    /* a string of the pool */
    ck_assert_int_eq(compare_modified(img->strings + 1, 0x20, msg, sizeof msg), -1);
    ck_assert_msg(strstr(msg, "string"), "%s", msg);
    /* a pointer moved by 8 bytes: another offset of the block it points into */
    size_t word = 0;
    for (size_t i = 0; i < img->n_relocs && !word; i++) {
        uint64_t v;
        memcpy(&v, img->bytes + img->relocs[i], sizeof v);
        if (v < img->strings && v > 8 && img->relocs[i] >= img->blocks[3])   /* not in the context block */
            word = img->relocs[i];
    }
    ck_assert_uint_gt(word, 0);
    ck_assert_int_eq(compare_modified(word, 8, msg, sizeof msg), -1);
    ck_assert_msg(strstr(msg, "differs") || strstr(msg, "elsewhere") || strstr(msg, "no block"), "%s", msg);
}
END_TEST

START_TEST(image_of_another_layout_is_refused)
{
    nis2i_image other = nis2i_embedded_image;
    other.layout.ctx_size++;
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx = NULL;
    ck_assert_int_eq(nis2i_image_load(&other, &ctx, err), NIS2_ERR_NOT_FOUND);
    ck_assert_ptr_null(ctx);
    ck_assert_uint_eq(nis2_error_code(err), NIS2_OK);      /* not an error: the caller compiles the JSON */
    other = nis2i_embedded_image;
    other.size = 0;
    ck_assert_int_eq(nis2i_image_load(&other, &ctx, err), NIS2_ERR_NOT_FOUND);
    nis2_error_free(err);
}
END_TEST

/* What the image leaves out comes back on first use: the document, each overlay's part. The obligations output
 * does not need it (a duty's verbatim members are text in the image). */
START_TEST(document_is_parsed_on_first_use_and_bound)
{
    nis2_ctx *im;
    ck_assert_int_eq(nis2_ctx_new(&im, NULL), NIS2_OK);
    ck_assert_ptr_null(im->overlays[0].doc);
    const char *pt = "{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 300}";
    char *out = NULL;
    ck_assert_int_eq(nis2_obligations_json(im, pt, strlen(pt), 0, &out, NULL), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(out, "\"offence\":{"));
    ck_assert_ptr_nonnull(strstr(out, "\"effective_from_basis\":{"));
    nis2_string_free(out);
    ck_assert_ptr_null(im->overlays[0].doc);               /* still not parsed */
    const json_t *doc = nis2i_ctx_doc(im);
    ck_assert_ptr_nonnull(doc);
    ck_assert_ptr_eq(nis2i_ctx_doc(im), doc);              /* once */
    json_error_t je;
    json_t *fresh = json_loadb((const char *)nis2i_embedded_catalog, nis2i_embedded_catalog_len, 0, &je);
    ck_assert(json_equal(fresh, (json_t *)doc));
    json_decref(fresh);
    for (size_t i = 0; i < im->n_overlays; i++)
        ck_assert_str_eq(json_string_value(json_object_get(im->overlays[i].doc, "law")), im->overlays[i].law);
    /* each duty's verbatim members, in the image, are the compact text of its catalog entry */
    const json_t *ovs = json_object_get(doc, "overlays");
    size_t n = 0;
    for (size_t k = 0; k <= im->n_overlays; k++) {
        const json_t *arr = k == 0 ? json_object_get(doc, "obligations")
                                   : json_object_get(json_array_get(ovs, k - 1), "obligations");
        size_t i;
        const json_t *o;
        json_array_foreach(arr, i, o) {
            ck_assert_uint_lt(n, im->obl->n);
            const nis2i_obligation *ob = &im->obl->items[n++];
            ck_assert_str_eq(json_string_value(json_object_get(o, "id")), ob->id);
            ck_assert_int_eq(ob->deadline_json != NULL, ob->has_deadline);
            const json_t *ev = json_object_get(o, "evidence");
            char *want = ev ? json_dumps(ev, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_COMPACT) : NULL;
            if (want)
                ck_assert_str_eq(ob->evidence_json, want);
            else
                ck_assert_ptr_null(ob->evidence_json);
            free(want);
        }
    }
    ck_assert_uint_eq(n, im->obl->n);
    /* the export of an image-backed context is that of one compiled from the JSON */
    runtime R = compile_runtime();
    R.ctx->doc = R.doc;
    char *a, *b;
    ck_assert_int_eq(nis2_ctx_catalog_json(im, NULL, 0, &a, NULL), NIS2_OK);
    ck_assert_int_eq(nis2_ctx_catalog_json(R.ctx, NULL, 0, &b, NULL), NIS2_OK);
    ck_assert_str_eq(a, b);
    nis2_string_free(a);
    nis2_string_free(b);
    nis2_ctx_free(R.ctx);
    nis2_ctx_free(im);
}
END_TEST

int main(void)
{
    nis2i_rec_init();
    Suite *s = suite_create("catalog-image");
    TCase *tc = tcase_create("image");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, image_is_of_this_catalog);
    tcase_add_test(tc, loaded_image_equals_runtime_model_field_for_field);
    tcase_add_test(tc, comparison_finds_every_kind_of_difference);
    tcase_add_test(tc, image_of_another_layout_is_refused);
    tcase_add_test(tc, document_is_parsed_on_first_use_and_bound);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Build-time and test-time only (never linked into the library): an allocation recorder and the layout of a
 * compiled context as an image (compile/image.h).
 *
 * A program that links the library's objects with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
 * and this file sees every block the library allocates (zero-filled, so no byte of a block is undefined), with
 * its size, the order in which it was allocated within a "run", and whether jansson allocated it (jansson's
 * allocator is set to the recorder's by nis2i_rec_init()).
 *
 * nis2i_rec_layout() takes two contexts compiled from the same catalog in two runs. A word that is the same in
 * both is data; a word that differs must point, in both runs, to the same offset of the block allocated at the
 * same place in the run's order: a pointer. A pointer into a block jansson allocated must be a string that fills
 * the rest of its block (a string value or an object key), and goes into the image's string pool; so does a
 * data word that points into the program's own mapped segments (a string literal). Anything else (a value that
 * differs and is no such pointer, a pointer to memory the runs did not allocate) is an error that names the
 * block and the offset.
 */
#ifndef NIS2I_COMPILE_IMAGEREC_H
#define NIS2I_COMPILE_IMAGEREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct nis2i_rec_block {
    uintptr_t addr;
    size_t size;
    uint32_t seq;                /* allocation number within its run */
    int run;                     /* the run it was allocated in, or -1 outside every run */
    bool json;                   /* allocated by jansson */
    bool live;
} nis2i_rec_block;

/* Set jansson's allocator to the recorder's; call before anything allocates a JSON value. */
void nis2i_rec_init(void);
/* Allocations from now on belong to run r (0, 1, …) or to no run (r = -1). */
void nis2i_rec_run(int r);
/* While on, allocations are not recorded (for a program's own work between runs; blocks freed then are still
 * forgotten). */
void nis2i_rec_pause(bool on);
/* The live block that contains address p (or ends at it: end set), or NULL. */
const nis2i_rec_block *nis2i_rec_find(uintptr_t p, bool *end);
/* Whether p lies in a segment of a loaded object (the program, libc, …). */
bool nis2i_rec_static(uintptr_t p);

typedef struct nis2i_rec_image {
    unsigned char *bytes;
    size_t size, strings;
    uint32_t *relocs;
    size_t n_relocs;
    uint32_t *blocks;            /* offset, size pairs */
    size_t n_blocks;
} nis2i_rec_image;

/* Lay out the model reachable from root0 (run 0) as an image, checking every word against root1 (run 1).
 * 0 ok; -1 with a message in msg. */
int nis2i_rec_layout(const void *root0, const void *root1, nis2i_rec_image *img, char *msg, size_t msg_len);
void nis2i_rec_image_free(nis2i_rec_image *img);

#endif

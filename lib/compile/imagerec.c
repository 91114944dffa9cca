/* SPDX-License-Identifier: Apache-2.0 */
/* Build-time and test-time only: the allocation recorder and the image layout (compile/imagerec.h). A program
 * using it is single-threaded and links with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free. */
#define _GNU_SOURCE
#include "compile/imagerec.h"

#include <jansson.h>
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t a, size_t b);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t a, size_t b);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

/* ------------------------------------------------------------------ the recorder (program state, by design) */

static nis2i_rec_block *blocks;      /* every block recorded, in allocation order */
static size_t n_blocks, cap_blocks;
static size_t *slots;                /* address -> index + 1 in blocks (0 empty, SIZE_MAX deleted) */
static size_t n_slots, used_slots;
static size_t *sorted;               /* live blocks by address, rebuilt when dirty */
static size_t n_sorted;
static bool dirty = true;
static int cur_run = -1;
static uint32_t run_seq;
static bool paused;                  /* allocations are not recorded (the layout's and the test's own) */

static size_t slot_of(uintptr_t a)
{
    uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 20) & (n_slots - 1);
}

static void rehash(void)
{
    size_t nn = n_slots ? n_slots * 2 : 1u << 16;
    size_t *ns = __real_calloc(nn, sizeof *ns);
    if (!ns)
        abort();
    size_t *old = slots, on = n_slots;
    slots = ns;
    n_slots = nn;
    used_slots = 0;
    for (size_t i = 0; i < on; i++)
        if (old[i] && old[i] != SIZE_MAX) {
            size_t j = slot_of(blocks[old[i] - 1].addr);
            while (slots[j])
                j = (j + 1) & (n_slots - 1);
            slots[j] = old[i];
            used_slots++;
        }
    __real_free(old);
}

static size_t *lookup(uintptr_t a)
{
    if (!n_slots)
        return NULL;
    for (size_t j = slot_of(a);; j = (j + 1) & (n_slots - 1)) {
        if (!slots[j])
            return NULL;
        if (slots[j] != SIZE_MAX && blocks[slots[j] - 1].addr == a)
            return &slots[j];
    }
}

static void *rec_alloc(size_t n, bool json)
{
    void *p = __real_calloc(1, n ? n : 1);     /* zero-filled: no byte of a recorded block is undefined */
    if (!p || paused)
        return p;
    if (n_blocks == cap_blocks) {
        size_t nc = cap_blocks ? cap_blocks * 2 : 1u << 16;
        nis2i_rec_block *nb = __real_realloc(blocks, nc * sizeof *nb);
        if (!nb)
            abort();
        blocks = nb;
        cap_blocks = nc;
    }
    if ((used_slots + 1) * 2 > n_slots)
        rehash();
    blocks[n_blocks] = (nis2i_rec_block){(uintptr_t)p, n, cur_run >= 0 ? run_seq++ : 0, cur_run, json, true};
    size_t j = slot_of((uintptr_t)p);
    while (slots[j] && slots[j] != SIZE_MAX)
        j = (j + 1) & (n_slots - 1);
    if (!slots[j])
        used_slots++;
    slots[j] = ++n_blocks;
    dirty = true;
    return p;
}

static void rec_free(void *p)
{
    size_t *s = lookup((uintptr_t)p);
    if (s) {
        blocks[*s - 1].live = false;
        *s = SIZE_MAX;
        dirty = true;
    }
    __real_free(p);
}

void *__wrap_malloc(size_t n) { return rec_alloc(n, false); }

void *__wrap_calloc(size_t a, size_t b)
{
    if (b && a > SIZE_MAX / b)
        return NULL;
    return rec_alloc(a * b, false);
}

void *__wrap_realloc(void *p, size_t n)
{
    if (!p)
        return rec_alloc(n, false);
    size_t *s = lookup((uintptr_t)p);
    if (!s)
        return __real_realloc(p, n);
    nis2i_rec_block old = blocks[*s - 1];
    void *q = rec_alloc(n, old.json);
    if (!q)
        return NULL;
    memcpy(q, p, old.size < n ? old.size : n);
    rec_free(p);
    return q;
}

void __wrap_free(void *p)
{
    if (p)
        rec_free(p);
}

static void *json_alloc(size_t n) { return rec_alloc(n, true); }
static void json_release(void *p)
{
    if (p)
        rec_free(p);
}

void nis2i_rec_init(void) { json_set_alloc_funcs(json_alloc, json_release); }

void nis2i_rec_pause(bool on) { paused = on; }

void nis2i_rec_run(int r)
{
    cur_run = r;
    run_seq = 0;
}

static int by_addr(const void *x, const void *y)
{
    uintptr_t a = blocks[*(const size_t *)x].addr, b = blocks[*(const size_t *)y].addr;
    return a < b ? -1 : a > b;
}

static void sort_live(void)
{
    __real_free(sorted);
    sorted = __real_calloc(n_blocks + 1, sizeof *sorted);
    if (!sorted)
        abort();
    n_sorted = 0;
    for (size_t i = 0; i < n_blocks; i++)
        if (blocks[i].live)
            sorted[n_sorted++] = i;
    qsort(sorted, n_sorted, sizeof *sorted, by_addr);
    dirty = false;
}

const nis2i_rec_block *nis2i_rec_find(uintptr_t p, bool *end)
{
    if (dirty)
        sort_live();
    *end = false;
    size_t lo = 0, hi = n_sorted;          /* the last block that starts at or before p */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (blocks[sorted[mid]].addr <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return NULL;
    const nis2i_rec_block *b = &blocks[sorted[lo - 1]];
    if (p < b->addr + b->size)
        return b;
    if (p == b->addr + b->size) {
        *end = true;
        return b;
    }
    return NULL;
}

typedef struct seg { uintptr_t lo, hi; } seg;
typedef struct segs { seg s[256]; size_t n; } segs;

static int add_segs(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    segs *S = data;
    for (int i = 0; i < info->dlpi_phnum && S->n < 256; i++)
        if (info->dlpi_phdr[i].p_type == 1 /* a loadable segment */) {
            uintptr_t lo = (uintptr_t)info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            S->s[S->n++] = (seg){lo, lo + info->dlpi_phdr[i].p_memsz};
        }
    return 0;
}

bool nis2i_rec_static(uintptr_t p)
{
    segs S = {.n = 0};
    dl_iterate_phdr(add_segs, &S);
    for (size_t i = 0; i < S.n; i++)
        if (p >= S.s[i].lo && p < S.s[i].hi)
            return true;
    return false;
}

/* ------------------------------------------------------------------ the layout */

typedef struct lay {
    unsigned char *bytes;
    size_t len, cap;
    char *pool;                      /* the string pool */
    size_t pool_len, pool_cap;
    size_t *pool_ix;                 /* pool offset + 1 by hash; power of two */
    size_t pool_slots, pool_n;
    uint32_t *relocs;
    size_t n_relocs, cap_relocs;
    struct { size_t word, pool; } *sref;   /* pointer words that name a pool string */
    size_t n_sref, cap_sref;
    struct { const nis2i_rec_block *a, *b; size_t off; } *q;   /* the blocks laid out, in order */
    size_t n_q, cap_q;
    size_t *placed;                  /* blocks index of an A block -> q index + 1 */
    char *msg;
    size_t msg_len;
} lay;

static int fail(lay *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->msg, L->msg_len, fmt, ap);
    va_end(ap);
    return -1;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *np = realloc(*p, nc * elem);
    if (!np)
        return -1;
    *p = np;
    *cap = nc;
    return 0;
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The pool offset of string s, added once. */
static int intern(lay *L, const char *s, size_t *off)
{
    if ((L->pool_n + 1) * 2 > L->pool_slots) {
        size_t nn = L->pool_slots ? L->pool_slots * 2 : 4096;
        size_t *ns = calloc(nn, sizeof *ns);
        if (!ns)
            return fail(L, "out of memory");
        for (size_t i = 0; i < L->pool_slots; i++)
            if (L->pool_ix[i]) {
                size_t j = (size_t)str_hash(L->pool + L->pool_ix[i] - 1) & (nn - 1);
                while (ns[j])
                    j = (j + 1) & (nn - 1);
                ns[j] = L->pool_ix[i];
            }
        free(L->pool_ix);
        L->pool_ix = ns;
        L->pool_slots = nn;
    }
    size_t j = (size_t)str_hash(s) & (L->pool_slots - 1);
    for (; L->pool_ix[j]; j = (j + 1) & (L->pool_slots - 1))
        if (strcmp(L->pool + L->pool_ix[j] - 1, s) == 0) {
            *off = L->pool_ix[j] - 1;
            return 0;
        }
    size_t n = strlen(s) + 1;
    if (grow((void **)&L->pool, &L->pool_cap, L->pool_len + n, 1))
        return fail(L, "out of memory");
    memcpy(L->pool + L->pool_len, s, n);
    *off = L->pool_len;
    L->pool_ix[j] = L->pool_len + 1;
    L->pool_len += n;
    L->pool_n++;
    return 0;
}

static int add_reloc(lay *L, size_t word)
{
    if (grow((void **)&L->relocs, &L->cap_relocs, L->n_relocs + 1, sizeof *L->relocs) || word > UINT32_MAX)
        return fail(L, "out of memory or image larger than 4 GiB");
    L->relocs[L->n_relocs++] = (uint32_t)word;
    return 0;
}

static int add_sref(lay *L, size_t word, const char *s)
{
    size_t off = 0;
    if (intern(L, s, &off))
        return -1;
    if (grow((void **)&L->sref, &L->cap_sref, L->n_sref + 1, sizeof *L->sref))
        return fail(L, "out of memory");
    L->sref[L->n_sref].word = word;
    L->sref[L->n_sref++].pool = off;
    return 0;
}

/* The image offset of block a (paired with b), placing it after the others when it is new. */
static int place(lay *L, const nis2i_rec_block *a, const nis2i_rec_block *b, size_t *off)
{
    size_t ia = (size_t)(a - blocks);
    if (L->placed[ia]) {
        *off = L->q[L->placed[ia] - 1].off;
        return 0;
    }
    if (a->size != b->size || a->seq != b->seq || a->json || b->json)
        return fail(L, "block #%u (%zu bytes) of run 0 has no twin in run 1 (#%u, %zu bytes)", a->seq, a->size,
                    b->seq, b->size);
    size_t at = (L->len + 15) & ~(size_t)15;
    if (grow((void **)&L->bytes, &L->cap, at + a->size + 16, 1) ||
        grow((void **)&L->q, &L->cap_q, L->n_q + 1, sizeof *L->q))
        return fail(L, "out of memory");
    memset(L->bytes + L->len, 0, at - L->len);
    memcpy(L->bytes + at, (const void *)a->addr, a->size);
    L->len = at + a->size;
    L->q[L->n_q].a = a;
    L->q[L->n_q].b = b;
    L->q[L->n_q].off = at;
    L->placed[ia] = ++L->n_q;
    *off = at;
    return 0;
}

/* A string inside the JSON block x from offset off: text up to a NUL within the block (a string value, kept in
 * its own block or in the lexer's buffer, or an object key). A JSON value's own struct starts with its type
 * (0 to 7) and has a reference count, so it is no such text; an empty string must have only zeros after it. */
static bool json_text(const nis2i_rec_block *x, size_t off)
{
    if (off >= x->size)
        return false;
    const unsigned char *s = (const unsigned char *)x->addr + off;
    size_t n = x->size - off, i = 0;
    for (; i < n && s[i]; i++)
        if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\t')
            return false;
    if (i == n)
        return false;
    if (i == 0)
        for (size_t j = 0; j < n; j++)
            if (s[j])
                return false;
    return true;
}

/* A string literal in a loaded segment: printable text up to a NUL within 64 KiB. */
static bool literal(uintptr_t p)
{
    const unsigned char *s = (const unsigned char *)p;
    for (size_t i = 0; i < 65536; i++) {
        if (!s[i])
            return true;
        if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\t')
            return false;
    }
    return false;
}

static int word(lay *L, size_t qi, size_t w)
{
    const nis2i_rec_block *a = L->q[qi].a, *b = L->q[qi].b;
    size_t at = L->q[qi].off + w;
    uintptr_t va, vb;
    memcpy(&va, (const char *)a->addr + w, sizeof va);
    memcpy(&vb, (const char *)b->addr + w, sizeof vb);
    bool ea, eb;
    if (va == vb) {
        if (!va)
            return 0;
        const nis2i_rec_block *x = nis2i_rec_find(va, &ea);
        if (x && x->run >= 0 && !ea)
            return fail(L, "block #%u+%zu: the same value in both runs points into block #%u of run %d", a->seq, w,
                        x->seq, x->run);
        if (!nis2i_rec_static(va))
            return 0;
        if (!literal(va))
            return fail(L, "block #%u+%zu: points into a loaded segment at something that is not a string", a->seq, w);
        return add_sref(L, at, (const char *)va);
    }
    const nis2i_rec_block *x = nis2i_rec_find(va, &ea), *y = nis2i_rec_find(vb, &eb);
    if (!x || !y || x->run != 0 || y->run != 1 || x->seq != y->seq || va - x->addr != vb - y->addr)
        return fail(L, "block #%u (%zu bytes) +%zu: differs between the runs and is no pointer to the same place of "
                       "the same block (%s)",
                    a->seq, a->size, w, !x || !y ? "not into a recorded block" : "another block or offset");
    size_t off = va - x->addr;
    if (x->json) {
        if (!json_text(x, off) || !json_text(y, off) || strcmp((const char *)va, (const char *)vb) != 0)
            return fail(L, "block #%u (%zu bytes) +%zu: points into a JSON value that is not a string (%zu bytes, +%zu)", a->seq, a->size, w, x->size, off);
        return add_sref(L, at, (const char *)va);
    }
    size_t t;
    if (place(L, x, y, &t))
        return -1;
    uint64_t v = (uint64_t)(t + off);
    memcpy(L->bytes + at, &v, sizeof v);
    return add_reloc(L, at);
}

static int by_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

int nis2i_rec_layout(const void *root0, const void *root1, nis2i_rec_image *img, char *msg, size_t msg_len)
{
    lay L = {.msg = msg, .msg_len = msg_len};
    memset(img, 0, sizeof *img);
    if (sizeof(uintptr_t) != sizeof(uint64_t))
        return fail(&L, "the image needs 64-bit pointers");
    bool e0, e1;
    const nis2i_rec_block *a = nis2i_rec_find((uintptr_t)root0, &e0), *b = nis2i_rec_find((uintptr_t)root1, &e1);
    if (!a || !b || a->addr != (uintptr_t)root0 || b->addr != (uintptr_t)root1 || a->run != 0 || b->run != 1)
        return fail(&L, "the roots are not blocks of runs 0 and 1");
    bool was = paused;
    paused = true;                       /* blocks[] must not move while the layout points into it */
    L.placed = calloc(n_blocks + 1, sizeof *L.placed);
    int rc = L.placed ? 0 : fail(&L, "out of memory");
    size_t off = 0;
    if (!rc)
        rc = place(&L, a, b, &off);
    for (size_t qi = 0; !rc && qi < L.n_q; qi++)
        for (size_t w = 0; !rc && w + sizeof(uintptr_t) <= L.q[qi].a->size; w += sizeof(uintptr_t))
            rc = word(&L, qi, w);
    if (!rc) {
        img->strings = L.len;
        if (grow((void **)&L.bytes, &L.cap, L.len + L.pool_len + 8, 1))
            rc = fail(&L, "out of memory");
    }
    for (size_t i = 0; !rc && i < L.n_sref; i++) {
        uint64_t v = (uint64_t)(img->strings + L.sref[i].pool);
        memcpy(L.bytes + L.sref[i].word, &v, sizeof v);
        rc = add_reloc(&L, L.sref[i].word);
    }
    if (!rc) {
        memcpy(L.bytes + L.len, L.pool, L.pool_len);
        L.len += L.pool_len;
        while (L.len % 8)
            L.bytes[L.len++] = 0;
        qsort(L.relocs, L.n_relocs, sizeof *L.relocs, by_u32);
        img->blocks = calloc(2 * L.n_q + 1, sizeof *img->blocks);
        if (!img->blocks)
            rc = fail(&L, "out of memory");
    }
    if (!rc) {
        for (size_t i = 0; i < L.n_q; i++) {
            img->blocks[2 * i] = (uint32_t)L.q[i].off;
            img->blocks[2 * i + 1] = (uint32_t)L.q[i].a->size;
        }
        img->n_blocks = L.n_q;
        img->bytes = L.bytes;
        img->size = L.len;
        img->relocs = L.relocs;
        img->n_relocs = L.n_relocs;
        L.bytes = NULL;
        L.relocs = NULL;
    }
    free(L.bytes);
    free(L.relocs);
    free(L.pool);
    free(L.pool_ix);
    free(L.sref);
    free(L.q);
    free(L.placed);
    paused = was;
    return rc;
}

void nis2i_rec_image_free(nis2i_rec_image *img)
{
    free(img->bytes);
    free(img->relocs);
    free(img->blocks);
    memset(img, 0, sizeof *img);
}

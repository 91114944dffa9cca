/* SPDX-License-Identifier: Apache-2.0 */
// The public headers are usable from C++ (extern "C" guards, no C-only constructs).
#include <nis2/nis2.h>

int main()
{
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx = nullptr;
    int rc = nis2_ctx_new(&ctx, err) == NIS2_OK ? 0 : 1;
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return rc;
}

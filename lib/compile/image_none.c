/* SPDX-License-Identifier: Apache-2.0 */
/* The empty catalog image of a build without one (-Dcatalog_image=false, or a cross build): nis2_ctx_new()
 * compiles the embedded JSON (compile/image.h). */
#include "compile/image.h"

const nis2i_image nis2i_embedded_image = {{0, 0, 0, 0, 0, 0}, NULL, 0, 0, NULL, 0, NULL, 0, 0};

/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the shared parts of a national overlay validated and compiled into model/overlay.h. */
#ifndef NIS2I_OVERLAY_LOAD_H
#define NIS2I_OVERLAY_LOAD_H

#include "model/overlay.h"

/* Validate the data parts every overlay shares (national_keys, authorities, categories, options; defects are
 * NIS2_ERR_CATALOG naming "$.overlays[index]...") and compile them into ov (keys, auth, options, mapping, cats).
 * ov->doc, country, law and ctx must be set; index is the overlay's position in $.overlays. */
nis2_status nis2i_overlay_validate(nis2i_overlay *ov, size_t index, nis2_error *err);
/* Once every entity type of the catalog is loaded: the entity types each code_prefix authority condition of ov
 * matches, so that classification tests an index instead of comparing codes. NIS2_ERR_NOMEM. */
nis2_status nis2i_overlay_index_types(nis2i_overlay *ov, const nis2_ctx *ctx, nis2_error *err);
/* Free what nis2i_overlay_validate compiled into ov; safe on a partly loaded overlay. */
void nis2i_overlay_release(nis2i_overlay *ov);

#endif

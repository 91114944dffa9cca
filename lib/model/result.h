/* SPDX-License-Identifier: Apache-2.0 */
/* Layer model: building a classification result (reasons, grounds, missing facts). */
#ifndef NIS2I_RESULT_H
#define NIS2I_RESULT_H

#include "model/model.h"

void nis2i_reason_add(nis2_result *r, const char *ref, const char *fmt, ...) NIS2I_PRINTF(3, 4);
void nis2i_verdict_add_ground(nis2i_verdict *v, const char *ref);
void nis2i_missing_add(nis2_result *r, const char *name);     /* name static or catalog; no duplicates */

#endif

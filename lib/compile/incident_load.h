/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the incident tables of the catalog (compile/incident_load.c). */
#ifndef NIS2I_INCIDENT_LOAD_H
#define NIS2I_INCIDENT_LOAD_H

#include "model/incident.h"

/* Load/validate `incident_reports` (Directive and overlays), the overlays' `calendar` and `reporting_time`, and
 * `significance` into ctx->inc (after the overlays). NIS2_ERR_CATALOG naming the entry, e.g.
 * $.overlays[0].incident_reports[2]; NIS2_ERR_NOMEM. nis2i_incident_release() frees a partial table too. */
nis2_status nis2i_incident_load(nis2_ctx *ctx, nis2_error *err);
void nis2i_incident_release(nis2_ctx *ctx);

#endif

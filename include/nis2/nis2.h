/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — NIS2 Directive (EU) 2022/2555 and national transpositions as a C library.
 * Umbrella header: include this one. See README.md for an overview.
 *
 * libnis2 is a decision aid, not legal advice.
 */
#ifndef NIS2_NIS2_H
#define NIS2_NIS2_H

#include <nis2/version.h>
#include <nis2/common.h>
#include <nis2/context.h>
#include <nis2/entity.h>
#include <nis2/classify.h>
#include <nis2/incident.h>
#include <nis2/obligations.h>
#include <nis2/evidence.h>
#include <nis2/exchange.h>
#include <nis2/gap.h>

#endif /* NIS2_NIS2_H */

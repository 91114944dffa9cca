/* SPDX-License-Identifier: Apache-2.0 */
/* Layer json: shared pieces of the exchange formats (OSCAL, CISO Assistant); lib/json/EXCHANGE.md. */
#ifndef NIS2I_EXCHANGE_H
#define NIS2I_EXCHANGE_H

#include "compile/exchange_import.h" /* NIS2I_OSCAL_NS */
#include "compile/compile_json.h"
#include "compile/json_parse.h"
#include "model/model.h"

#define NIS2I_OSCAL_VERSION "1.2.2"

/* RFC 3339 timestamp of the catalog: the date of its newest $.changes entry, else the first day of the month that
 * catalog_version ("YYYY.MM.N") names, else 1970-01-01T00:00:00Z. out holds 40 bytes. */
void nis2i_exchange_timestamp(const nis2_ctx *ctx, char out[40]);
/* uuid5 of printf-formatted name in the libnis2 namespace, as a new json string. */
json_t *nis2i_exchange_uuid(const char *fmt, ...) NIS2I_PRINTF(1, 2);
/* A property {"name", "value"} (ns: NULL for OSCAL's own names). NULL when value is NULL or blank. */
json_t *nis2i_oscal_prop(const char *ns, const char *name, const char *value);
/* Append v to the array under key of obj (created when absent); v NULL is ignored. */
void nis2i_json_push(json_t *obj, const char *key, json_t *v);

/* The article a reference names: "NIS2 Art. 21(2)(h)" -> "NIS2 Art. 21", "BSIG § 33(1)" -> "BSIG § 33"; false
 * when it names none. */
bool nis2i_exchange_article(const char *ref, char *label, size_t n);
/* A token from a label: lower-case letters and digits joined by '-' ("nis2-art-21"); starts with a letter. */
void nis2i_exchange_slug(const char *label, char *out, size_t n);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: mappings from other GRC tools laid over the catalog (lib/json/EXCHANGE.md, "Import").
 * An extending document may be an OSCAL 1.2 mapping-collection (JSON) or a CISO Assistant library with
 * requirement_mapping_sets (YAML, read with libyaml). Both are recognised by their top-level shape and turned
 * into the catalog's own {"sources": [...], "mappings": [...]} before the extension is merged and checked. */
#ifndef NIS2I_EXCHANGE_IMPORT_H
#define NIS2I_EXCHANGE_IMPORT_H

#include "compile/json_parse.h"

/* The namespace of libnis2's own OSCAL properties (export and import). */
#define NIS2I_OSCAL_NS "urn:libnis2:ns:oscal"

typedef enum nis2i_exchange_kind {
    NIS2I_EXCHANGE_NATIVE = 0,   /* the catalog's own format */
    NIS2I_EXCHANGE_OSCAL_MAPPING,
    NIS2I_EXCHANGE_CISO_LIBRARY
} nis2i_exchange_kind;

/* What a parsed document is, by its top-level shape only: an object whose one key is "mapping-collection"
 * (an object) is OSCAL; an object with a string "urn" starting "urn:" and an "objects" object holding
 * requirement_mapping_sets (or the older requirement_mapping_set) is a CISO Assistant library. */
nis2i_exchange_kind nis2i_exchange_detect(const json_t *doc);

/* Parse an extending document: JSON through the strict parse point (catalog limits); text whose first non-blank
 * byte does not start a JSON object, array, string or number is tried as YAML, and kept only when it is a CISO
 * Assistant library (valid YAML of another kind gets the JSON parser's error, as before; invalid YAML the YAML
 * reader's). */
nis2_status nis2i_exchange_parse(const char *text, size_t len, json_t **out, nis2_error *err);

/* YAML (one document) to a JSON value: mappings, sequences and scalars (plain null/true/false/integers/reals
 * typed as YAML 1.1 does, everything quoted a string). Aliases, non-scalar keys, duplicate keys, NUL characters
 * and anything beyond the catalog limits are errors (NIS2_ERR_PARSE / NIS2_ERR_LIMIT) naming the path. */
nis2_status nis2i_yaml_to_json(const char *text, size_t len, json_t **out, nis2_error *err);

/* When *over is an OSCAL mapping-collection or a CISO Assistant library, replace it with the catalog's own
 * form: every map becomes pairs whose ends are resolved against base (duties, IR 2024/2690 points, ISO/IEC
 * 27001:2022 ids); the document is named as their source. A map that does not resolve, an unknown relationship
 * or a malformed document is NIS2_ERR_CATALOG naming the map's path. Native documents are left as they are. */
nis2_status nis2i_exchange_convert(const json_t *base, json_t **over, nis2_error *err);

#endif

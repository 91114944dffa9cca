/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer harness for the overlay rule compiler (lib/compile/rulec.c) and interpreter (lib/rules/interp.c):
 * the input is an overlay object (country, law, categories, national_keys, classification). A defect must be an
 * error naming a JSON path, never a crash; a ruleset that compiles is run over a few fixed entities, whose
 * results must be well formed (a category, reasons with refs). Seeds: corpus/overlay-rules/ (Portugal's overlay,
 * the fictitious Maltese law of tests/overlays).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "compile/rulec.h"
#include "nis2/nis2.h"
#include "rules/interp.h"

static nis2_ctx *ctx;            /* the embedded catalog, built once per process (harness-only state) */

static const char *const entities[] = {
    "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_indirect\"], \"employees\": 250}",
    "{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\", \"digital_infrastructure.qualified_trust_service_provider\"],"
    " \"employees\": 60, \"turnover_eur\": 12000000.5, \"flags\": {\"member_state_designation\": \"essential\"},"
    " \"national\": {\"PT\": {\"excluded_body\": \"intelligence_service\", \"higher_education_sector\": \"public\"}}}",
    "{\"country\": \"MT\", \"activities\": [\"manufacturing.medical_devices\"]}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx && nis2_ctx_new(&ctx, NULL) != NIS2_OK)
        abort();
    json_t *ov = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_object(ov)) {
        json_decref(ov);
        return 0;
    }
    nis2_error *err = nis2_error_new();
    nis2i_ruleset *rs = NULL;
    nis2_status st = nis2i_ruleset_compile(ctx, ov, "$.overlays[0]", &rs, err);
    if (st != NIS2_OK && (rs || (st == NIS2_ERR_CATALOG && !nis2_error_path(err))))
        abort();                 /* a catalog defect names its path and leaves no ruleset */
    for (size_t i = 0; rs && i < sizeof entities / sizeof entities[0]; i++) {
        nis2_entity *e = NULL;
        nis2_result *r = NULL;
        if (nis2_entity_from_json(ctx, entities[i], strlen(entities[i]), &e, NULL) != NIS2_OK)
            abort();
        if (nis2_classify(ctx, e, &r, NULL) != NIS2_OK)
            abort();
        nis2i_rules_classify(rs, ctx, e, r);
        if (!r->nat.category)
            abort();
        for (size_t k = 0; k < nis2_result_reason_count(r); k++)
            if (!nis2_result_reason_text(r, k))
                abort();
        nis2_result_free(r);
        nis2_entity_free(e);
    }
    nis2i_ruleset_free(rs);
    nis2_error_free(err);
    json_decref(ov);
    return 0;
}

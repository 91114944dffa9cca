/* SPDX-License-Identifier: Apache-2.0 */
/* Layer rules: the selection of the duties that bind an entity, its supervision regime and maximum fine; pure
 * decisions over the typed table of model/obligations.h (built by compile/obligations_load.c) and the typed entity
 * and result.
 *
 * Not installed; nothing here is part of the ABI.
 *
 * Selection (nis2i_obligations_select), lib/schema/FORMATS.md §obligations:
 *  - The category that decides is the applicable one: the national verdict where the entity's country has an
 *    overlay with obligations and the result carries a national verdict (cls->has_nat), else the Directive's.
 *  - A duty applies when the category is in its applies_to.categories and (applies_to.roles is empty or the
 *    entity has one of the listed roles). Roles come from the entity's activities:
 *      r27                    an entity type with main_establishment (Art. 26(1)(b)/27(1))
 *      trust_service_provider role trust_service_provider or qualified_trust_service_provider
 *      ir_relevant            an entity type of IR 2024/2690 Art. 1
 *      tld_registry           role tld_registry
 *      domain_registration    role domain_registration
 *      public_ecn_ecs         role public_ecn or public_ecs
 *  - Directive category: one item per Directive duty that applies (catalog order).
 *  - National category: one item per Directive duty implemented by at least one applicable national duty
 *    (the national duties are attached to it in catalog order), then one item per Directive duty that applies
 *    to the category but has no national counterpart in the overlay (national_n == 0: the overlay names no
 *    national provision), then one item per applicable national duty that implements no Directive duty (the
 *    item's `ob` is then the national duty itself, `is_national_only`). Categories the Directive does not know
 *    (e.g. relevant_public_entity_group_a) get only duties the overlay gives them.
 *  - DORA: when the entity carries NIS2_FLAG_DORA_FINANCIAL_ENTITY, duties marked dora_displaced stay listed
 *    with displaced_by set (NIS2 Art. 4(1), Regulation (EU) 2022/2554).
 *  - Out of scope, undetermined and member_state_option categories get no duties.
 */
#ifndef NIS2_RULES_OBLIGATIONS_H
#define NIS2_RULES_OBLIGATIONS_H

#include "model/obligations.h"
#include "rules/rules.h"

/* One selected duty. */
typedef struct nis2i_ob_item {
    uint32_t ob;                      /* index into ctx->obl->items: the Directive duty, or a national-only duty */
    uint32_t national[6];             /* national duties implementing it that bind the entity (indices) */
    size_t national_n;
    const char *displaced_by;         /* non-NULL when a lex specialis displaces it for this entity */
    const char *effective_from;       /* the latest effective_from of the duty and its national duties, or NULL */
    size_t because_off;               /* offset of the applies_because text in list->text */
    nis2i_tri condition;              /* i14: NIS2I_YES settled true by the facts, NIS2I_UNKNOWN open (the item's
                                       * settled_by names the fact), NIS2I_NO never (such a duty is not listed) */
} nis2i_ob_item;

/* The selection for one entity. Zero-initialise before use; free with nis2i_ob_list_free(). */
typedef struct nis2i_ob_list {
    nis2i_ob_item *items;
    size_t n, cap;
    uint32_t cat_id;                  /* NIS2_CATEGORY_* of the applicable category */
    const char *category;             /* the applicable category name (borrowed from cls or static) */
    int overlay;                      /* overlay whose duties were used, or -1 for the Directive */
    const char *law;                  /* "EU 2022/2555" or the overlay's law */
    nis2i_buf text;                   /* NUL-separated applies_because texts */
} nis2i_ob_list;

/* applies_because text of item i. */
const char *nis2i_ob_because(const nis2i_ob_list *l, size_t i);
void nis2i_ob_list_free(nis2i_ob_list *l);

/* Select the duties that bind entity e, given its classification cls (from nis2_classify with the same ctx).
 * out must be zero-initialised; on success it holds the items in the order described at the top of this
 * file. Errors: NIS2_ERR_INVALID_ARG (NULL argument), NIS2_ERR_NOMEM (out is then freed). */
nis2_status nis2i_obligations_select(const nis2_ctx *ctx, const nis2_entity *e, const nis2_result *cls,
                                     nis2i_ob_list *out, nis2_error *err);

/* The same from a category name ("essential", "relevant_public_entity_group_a", …) and an overlay index (-1 for
 * the Directive): used by tests and by callers that already know the category. */
nis2_status nis2i_obligations_select_category(const nis2_ctx *ctx, const nis2_entity *e, const char *category,
                                              int overlay, nis2i_ob_list *out, nis2_error *err);

/* i14: does the condition of duty ob hold for entity e? NIS2I_UNKNOWN when ob has no settled_by or the facts do not
 * settle it. */
nis2i_tri nis2i_obligation_settle(const nis2_ctx *ctx, const nis2_entity *e, const nis2i_obligation *ob);

/* Maximum administrative fine for the entity (lib/schema/FORMATS.md §obligations, max_fine). */
typedef struct nis2i_max_fine {
    bool exists;                      /* false: the law sets no fine for this category (max_fine is null) */
    bool eur_known;                   /* false: turnover unknown (eur is null; fixed_eur is the floor) */
    double eur;                       /* the higher of fixed_eur and turnover_share * turnover */
    double fixed_eur;                 /* < 0 when the bracket has no fixed amount */
    double turnover_share;            /* < 0 when the bracket has no turnover share */
    const char *ref;
    const char *offence_class;        /* national brackets: the offence class; NULL for the Directive */
} nis2i_max_fine;

/* The most severe bracket for the list's category and law (legal persons; for national brackets the highest
 * offence class). eur = max(fixed, round(share * turnover_eur of the latest period, cents)); unknown when a
 * share applies and the turnover is absent. Returns false (max fine null) where the catalog sets no amount for
 * the category. It does not apply the Art. 4(1) and Art. 34(7) exclusions: see nis2i_obligations_dora() and
 * nis2i_obligations_public_administration(). */
bool nis2i_obligations_max_fine(const nis2_ctx *ctx, const nis2_entity *e, const nis2i_ob_list *l,
                                nis2i_max_fine *out);
/* For a list under the Directive (overlay -1) of an essential or important DORA financial entity: the
 * displaced_by text of the lex specialis, which also displaces the Art. 32/33 supervision and Art. 34 fines
 * (NIS2 Art. 4(1), Chapter VII). NULL otherwise (national lists: the overlay's own data decides). */
const char *nis2i_obligations_dora(const nis2_ctx *ctx, const nis2_entity *e, const nis2i_ob_list *l);
/* True when one of the entity's activities is a public-administration type (NIS2 Art. 6(35); Art. 34(7)). */
bool nis2i_obligations_public_administration(const nis2_ctx *ctx, const nis2_entity *e);
/* Supervision regime for the list's category and law; *ref gets the provision. NULL when none. */
const char *nis2i_obligations_supervision(const nis2_ctx *ctx, const nis2i_ob_list *l, const char **ref);

#endif

/*
 * compare.c: parley_texts_rank: candidate texts (a mediator's drafts, the
 * parties' counter-proposals) ranked the way `parley propose` picks its own
 * package, so a mediator can see which draft to table and who would reject
 * the others.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_util.h"
#include "analysis/analysis_internal.h"

/* Acceptable texts first (higher score first), then the rest (smaller shortfall first); ties keep the given order. */
static int by_rank(const void *x, const void *y)
{
    const parley_text_rank *a = x, *b = y;
    if (a->effect.acceptable_to_all != b->effect.acceptable_to_all)
        return a->effect.acceptable_to_all ? -1 : 1;
    if (a->effect.acceptable_to_all && a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (!a->effect.acceptable_to_all && a->shortfall != b->shortfall)
        return a->shortfall < b->shortfall ? -1 : 1;
    return a->text < b->text ? -1 : a->text > b->text;
}

int parley_texts_rank(const parley_scenario *sc, const uint32_t *texts, size_t n, parley_solution_kind rule,
                      const parley_analysis_options *options, parley_text_rank *out, double *best_score,
                      parley_error *err)
{
    if ((unsigned)rule >= PARLEY_SOLUTION_COUNT)
        return parley_error_set(err, PARLEY_EINVAL, "unknown rule");
    size_t issues = parley_space_issue_count(parley_scenario_space(sc));
    parley_analysis *a = NULL;
    int rc = parley_analyze(sc, options, &a, err);
    if (rc != PARLEY_OK)
        return rc;
    size_t parties = parley_analysis_party_count(a);
    double *u = malloc((parties ? parties : 1) * sizeof *u);
    double *reservation = malloc((parties ? parties : 1) * sizeof *reservation);
    double *best = malloc((parties ? parties : 1) * sizeof *best);
    if (!u || !reservation || !best) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < parties; k++) {
        reservation[k] = parley_analysis_reservation(a, k);
        best[k] = parley_analysis_best(a, k);
    }
    if (best_score) {
        double value;
        *best_score = parley_analysis_solution(a, rule, NULL, NULL, &value) == PARLEY_OK ? value : -INFINITY;
    }
    for (size_t t = 0; t < n; t++) {
        parley_text_rank *r = &out[t];
        memset(r, 0, sizeof *r);
        r->text = t;
        if ((rc = parley_amendments_check(sc, &texts[t * issues], NULL, 0, &r->effect, err)) != PARLEY_OK)
            goto done;
        for (size_t k = 0; k < parties; k++) {
            size_t p = parley_analysis_party(a, k);
            u[k] = quantize_utility(p < 64 ? r->effect.after[p] : 0);
            if (reservation[k] - u[k] > r->shortfall)
                r->shortfall = reservation[k] - u[k];
        }
        double objective[PARLEY_SOLUTION_COUNT];
        analysis_objectives(u, parties, reservation, best, objective);
        r->score = objective[rule];
    }
    if (n > 1)
        qsort(out, n, sizeof *out, by_rank);
done:
    free(u);
    free(reservation);
    free(best);
    parley_analysis_free(a);
    return rc;
}

/* One ranked text as JSON: its package, score, utilities and what it breaks. */
static json_t *text_json(const parley_scenario *sc, const uint32_t *package, const char *name,
                         const parley_text_rank *r, size_t rank)
{
    json_t *o = json_pack("{s:I,s:s}", "rank", (json_int_t)rank, "name", name);
    json_t *effect = amendment_effect_json(sc, &r->effect), *u = json_object();
    if (!o || !effect || !u) {
        json_decref(o);
        json_decref(effect);
        json_decref(u);
        return NULL;
    }
    json_object_set_new(o, "package", analysis_outcome_json(parley_scenario_space(sc), package));
    json_object_set_new(o, "score", analysis_number_json(r->score));
    json_object_set_new(o, "shortfall", analysis_number_json(r->shortfall));
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        if (p < 64)
            json_object_set_new(u, parley_party_name(sc, p), analysis_number_json(r->effect.after[p]));
    }
    json_object_set(effect, "utilities", u);
    json_decref(u);
    json_object_update(o, effect);
    json_decref(effect);
    return o;
}

static void print_text(FILE *out, const parley_scenario *sc, const uint32_t *package, const char *name,
                       const parley_text_rank *r, size_t rank, parley_solution_kind rule, double best_score)
{
    char buf[4096];
    fprintf(out, "\n  %zu. %s: ", rank, name);
    if (r->effect.acceptable_to_all) {
        fprintf(out, "acceptable to every party; %s %.4f", parley_solution_name(rule), r->score);
        if (best_score > 0 && isfinite(best_score))
            fprintf(out, " (%.1f%% of the %s package's)", 100 * r->score / best_score, parley_solution_name(rule));
    } else {
        fprintf(out, "not acceptable to every party");
        for (size_t c = 0; c < parley_scenario_constraint_count(sc) && c < 64; c++)
            if (r->effect.broken >> c & 1) {
                const parley_constraint *con = parley_scenario_constraint(sc, c);
                if (con->party < 0)
                    fprintf(out, "; breaks the constraint '%s'", con->name);
                else
                    fprintf(out, "; breaks %s's red line '%s'", parley_party_name(sc, (size_t)con->party), con->name);
            }
        for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
            size_t p = parley_scenario_negotiator(sc, k);
            if (p < 64 && !(r->effect.accepted_by >> p & 1))
                fprintf(out, "; %s would reject it", parley_party_name(sc, p));
        }
        if (r->shortfall > 0)
            fprintf(out, "; largest shortfall below a reservation value %.4f", r->shortfall);
    }
    fprintf(out, "\n     %s\n     ", parley_outcome_format(parley_scenario_space(sc), package, buf, sizeof buf));
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        if (p < 64)
            fprintf(out, "%s%s %.4f", k ? ", " : "", parley_party_name(sc, p), r->effect.after[p]);
    }
    fprintf(out, "\n");
}

int parley_texts_write(const parley_scenario *sc, const uint32_t *texts, const char *const *names, size_t n,
                       const parley_text_rank *ranks, parley_solution_kind rule, double best_score, int json,
                       FILE *out, parley_error *err)
{
    size_t issues = parley_space_issue_count(parley_scenario_space(sc));
    if (!json) {
        fprintf(out, "%zu candidate text%s ranked by the %s rule", n, n == 1 ? "" : "s", parley_solution_name(rule));
        if (isfinite(best_score))
            fprintf(out, " (the %s package scores %.4f)", parley_solution_name(rule), best_score);
        else
            fprintf(out, " (no package is acceptable to every party)");
        fprintf(out, ":\n");
        for (size_t i = 0; i < n; i++)
            print_text(out, sc, &texts[ranks[i].text * issues], names[ranks[i].text], &ranks[i], i + 1, rule,
                       best_score);
        return ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the ranking") : PARLEY_OK;
    }
    json_t *list = json_array();
    json_t *root = json_pack("{s:s,s:o,s:o}", "rule", parley_solution_name(rule), "best_score",
                             isfinite(best_score) ? analysis_number_json(best_score) : json_null(), "texts", list);
    for (size_t i = 0; root && i < n; i++)
        json_array_append_new(list, text_json(sc, &texts[ranks[i].text * issues], names[ranks[i].text], &ranks[i],
                                              i + 1));
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the JSON output");
}

/* result.c: reading a parley_analysis, and writing it as JSON (the object `parley analyze --json` prints). */
#include "io/json_util.h"
#include <parley/analysis.h>

#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_internal.h"

const char *parley_solution_name(parley_solution_kind kind)
{
    static const char *names[] = {"nash", "kalai", "egalitarian", "welfare"};
    return (unsigned)kind < PARLEY_SOLUTION_COUNT ? names[kind] : "unknown";
}

uint64_t parley_analysis_outcomes(const parley_analysis *a) { return a->outcomes; }
uint64_t parley_analysis_feasible(const parley_analysis *a) { return a->feasible; }
uint64_t parley_analysis_acceptable(const parley_analysis *a) { return a->acceptable; }
double parley_analysis_seconds(const parley_analysis *a) { return a->seconds; }
unsigned parley_analysis_threads(const parley_analysis *a) { return a->threads; }
const char *parley_analysis_method_text(const parley_analysis *a) { return a->method; }
const char *parley_analysis_method_note(const parley_analysis *a) { return a->method_note; }
int parley_analysis_merged(const parley_analysis *a) { return a->merged; }
size_t parley_analysis_party_count(const parley_analysis *a) { return a->n; }
size_t parley_analysis_party(const parley_analysis *a, size_t k) { return a->party[k]; }
double parley_analysis_reservation(const parley_analysis *a, size_t k) { return a->reservation[k]; }
double parley_analysis_best(const parley_analysis *a, size_t k) { return a->best[k]; }
uint64_t parley_analysis_party_acceptable(const parley_analysis *a, size_t k) { return a->party_acceptable[k]; }
size_t parley_analysis_frontier_count(const parley_analysis *a) { return a->frontier.count; }

unsigned parley_analysis_plot_bins(const parley_analysis *a) { return a->plot ? (unsigned)a->plot->bins : 0; }

const uint64_t *parley_analysis_density(const parley_analysis *a, size_t k0, size_t k1, int acceptable_only)
{
    if (!a->plot || k0 >= k1 || k1 >= a->n)
        return NULL;
    const density_pair *p = &a->plot->pair[density_pair_index(a->n, k0, k1)];
    return acceptable_only ? p->grid_ok : p->grid;
}

size_t parley_analysis_pair_frontier(const parley_analysis *a, size_t k0, size_t k1, int acceptable_only,
                                     const double **xy)
{
    *xy = NULL;
    if (!a->plot || k0 >= k1 || k1 >= a->n)
        return 0;
    const density_pair *p = &a->plot->pair[density_pair_index(a->n, k0, k1)];
    const frontier *f = acceptable_only ? &p->acceptable : &p->all;
    *xy = f->u;
    return f->count;
}

const uint32_t *parley_analysis_frontier_outcome(const parley_analysis *a, size_t i)
{
    return &a->frontier_values[i * a->issues];
}

const double *parley_analysis_frontier_utilities(const parley_analysis *a, size_t i)
{
    return &a->frontier.u[i * a->n];
}

int parley_analysis_solution(const parley_analysis *a, parley_solution_kind kind, const uint32_t **outcome,
                             const double **utilities, double *value)
{
    return analysis_solution_read(a->has_solutions, a->solution, a->solution_value, a->frontier_values, a->issues,
                                  a->frontier.u, a->n, kind, outcome, utilities, value);
}

size_t parley_analysis_condition_count(const parley_analysis *a) { return a->condition_count; }

const parley_condition *parley_analysis_condition(const parley_analysis *a, size_t i)
{
    return &a->conditions[i];
}

uint64_t parley_analysis_condition_holds(const parley_analysis *a, size_t i)
{
    return a->condition_holds[i];
}

int parley_analysis_count_satisfying(const parley_analysis *a, uint32_t mask, uint64_t *count)
{
    if (!a->satisfying)
        return PARLEY_ERANGE;
    uint64_t full = ((uint64_t)1 << a->condition_count) - 1;
    if (mask & ~full)
        return PARLEY_EINVAL;
    *count = a->satisfying[full ^ mask];
    return PARLEY_OK;
}

size_t parley_analysis_mask_words(const parley_analysis *a)
{
    return a->mask_words ? a->mask_words : 1;
}

size_t parley_analysis_failure_masks(const parley_analysis *a, const uint64_t **masks, int *complete)
{
    if (masks)
        *masks = a->failure_masks;
    if (complete)
        *complete = a->masks_complete;
    return a->failure_masks ? a->failure_mask_count : 0;
}

json_t *analysis_number_json(double x)
{
    return json_real(fabs(x) < 1e6 ? nearbyint(x * 1e9) / 1e9 : x);
}

json_t *analysis_value_json(const parley_space *space, size_t issue, uint32_t value)
{
    switch (parley_issue_type_of(space, issue)) {
    case PARLEY_ISSUE_CATEGORICAL: return json_string(parley_issue_label(space, issue, value));
    case PARLEY_ISSUE_INTEGER: return json_integer((json_int_t)llround(parley_issue_number(space, issue, value)));
    default: return json_real(parley_issue_number(space, issue, value));
    }
}

/* {issue: value} with numbers as JSON numbers and labels as strings. */
json_t *analysis_outcome_json(const parley_space *space, const uint32_t *values)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < parley_space_issue_count(space); i++) {
        json_object_set_new(o, parley_issue_name(space, i), analysis_value_json(space, i, values[i]));
    }
    return o;
}

json_t *analysis_party_utilities_json(const parley_scenario *sc, const size_t *party, size_t n, const double *u)
{
    json_t *o = json_object();
    for (size_t k = 0; o && k < n; k++)
        json_object_set_new(o, parley_party_name(sc, party[k]), analysis_number_json(u[k]));
    return o;
}

json_t *analysis_utilities_json(const parley_analysis *a, const parley_scenario *sc, const double *u)
{
    return analysis_party_utilities_json(sc, a->party, a->n, u);
}

json_t *analysis_pareto_json(const analysis_view *v, int with_frontier)
{
    const parley_space *space = parley_scenario_space(v->sc);
    json_t *pareto = json_object();
    json_object_set_new(pareto, "count", json_integer((json_int_t)v->frontier_count));
    if (with_frontier) {
        json_t *list = json_array();
        for (size_t i = 0; i < v->frontier_count; i++)
            json_array_append_new(list, json_pack("{s:o,s:o}", "outcome",
                                                  analysis_outcome_json(space, v->frontier_outcome(v->self, i)),
                                                  "utilities",
                                                  analysis_party_utilities_json(v->sc, v->party, v->n,
                                                                                v->frontier_utilities(v->self, i))));
        json_object_set_new(pareto, "outcomes", list);
    }
    return pareto;
}

json_t *analysis_solutions_json(const analysis_view *v)
{
    const parley_space *space = parley_scenario_space(v->sc);
    json_t *solutions = json_object();
    for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
        const uint32_t *outcome;
        const double *u;
        double value;
        const char *name = parley_solution_name((parley_solution_kind)s);
        if (v->solution(v->self, (parley_solution_kind)s, &outcome, &u, &value) != PARLEY_OK) {
            json_object_set_new(solutions, name, json_null());
            continue;
        }
        json_object_set_new(solutions, name,
                            json_pack("{s:o,s:o,s:o}", "outcome", analysis_outcome_json(space, outcome), "utilities",
                                      analysis_party_utilities_json(v->sc, v->party, v->n, u), "value",
                                      analysis_number_json(value)));
    }
    return solutions;
}

/* Adapters from the exact analysis to the view. */
static const uint32_t *exact_outcome(const void *self, size_t i)
{
    return parley_analysis_frontier_outcome(self, i);
}

static const double *exact_utilities(const void *self, size_t i)
{
    return parley_analysis_frontier_utilities(self, i);
}

static int exact_solution(const void *self, parley_solution_kind kind, const uint32_t **outcome,
                          const double **utilities, double *value)
{
    return parley_analysis_solution(self, kind, outcome, utilities, value);
}

json_t *analysis_condition_json(const parley_analysis *a, const parley_scenario *sc, size_t c)
{
    const parley_condition *cond = &a->conditions[c];
    json_t *o = json_object();
    json_object_set_new(o, "party", json_string(parley_party_name(sc, cond->party)));
    if (cond->kind == PARLEY_CONDITION_RED_LINE) {
        const parley_constraint *con = parley_scenario_constraint(sc, cond->index);
        json_object_set_new(o, "kind", json_string("red_line"));
        json_object_set_new(o, "name", json_string(con->name));
        json_object_set_new(o, "rule", json_string(con->rule));
    } else {
        json_object_set_new(o, "kind", json_string("reservation"));
        for (size_t k = 0; k < a->n; k++)
            if (a->party[k] == cond->party)
                json_object_set_new(o, "value", analysis_number_json(a->reservation[k]));
    }
    json_object_set_new(o, "holds_on", json_integer((json_int_t)a->condition_holds[c]));
    return o;
}

json_t *parley_analysis_to_json(const parley_analysis *a, const parley_scenario *sc, int with_frontier)
{
    json_t *root = json_object();
    if (!root)
        return NULL;
    json_object_set_new(root, "title", json_string(parley_scenario_title(sc)));
    json_object_set_new(root, "outcomes", json_integer((json_int_t)a->outcomes));
    json_object_set_new(root, "feasible", json_integer((json_int_t)a->feasible));
    json_object_set_new(root, "acceptable", json_integer((json_int_t)a->acceptable));
    json_t *parties = json_array();
    for (size_t k = 0; k < a->n; k++) {
        json_t *p = json_object();
        json_object_set_new(p, "name", json_string(parley_party_name(sc, a->party[k])));
        json_object_set_new(p, "reservation", analysis_number_json(a->reservation[k]));
        json_object_set_new(p, "accepts", json_integer((json_int_t)a->party_acceptable[k]));
        json_object_set_new(p, "best", analysis_number_json(a->best[k]));
        json_array_append_new(parties, p);
    }
    json_object_set_new(root, "parties", parties);
    analysis_view view = {sc, a->n, a->party, a->frontier.count, a, exact_outcome, exact_utilities, exact_solution};
    json_object_set_new(root, "pareto", analysis_pareto_json(&view, with_frontier));
    json_object_set_new(root, "solutions", analysis_solutions_json(&view));
    json_t *conditions = json_array();
    for (size_t c = 0; c < a->condition_count; c++)
        json_array_append_new(conditions, analysis_condition_json(a, sc, c));
    json_object_set_new(root, "conditions", conditions);
    /* as the text report: when no outcome is acceptable to all, the minimal sets of conditions that collide
       (each a list of conditions as above); empty when there is a zone */
    enum { SHOWN = 256 };
    uint32_t masks[SHOWN];
    size_t total = parley_analysis_minimal_conflicts(a, masks, SHOWN);
    json_t *conflicts = json_array();
    for (size_t i = 0; i < total && i < SHOWN; i++) {
        json_t *set = json_array();
        for (size_t c = 0; c < a->condition_count; c++)
            if (masks[i] >> c & 1)
                json_array_append_new(set, analysis_condition_json(a, sc, c));
        json_array_append_new(conflicts, set);
    }
    json_object_set_new(root, "conflicts", conflicts);
    if (total > SHOWN)
        json_object_set_new(root, "conflicts_total", json_integer((json_int_t)total));
    json_object_set_new(root, "exact", json_true());
    json_object_set_new(root, "method", json_string(a->method));
    if (a->method_note && !a->merged)
        json_object_set_new(root, "method_note", json_string(a->method_note));
    json_object_set_new(root, "threads", json_integer(a->threads));
    json_object_set_new(root, "seconds", json_real(a->seconds));
    return root;
}

int parley_analysis_write_json(const parley_analysis *a, const parley_scenario *sc, int with_frontier, FILE *out,
                               parley_error *err)
{
    json_t *root = parley_analysis_to_json(a, sc, with_frontier);
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the JSON output");
}

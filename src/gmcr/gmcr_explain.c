/*
 * gmcr_explain.c: why one state is or is not stable.  For every decision
 * maker, each unilateral improvement from the state and, under GMR, SEQ and
 * SIM, the sanction that deters it: the shortest legal sequence of the other
 * DMs' moves (their improvements only, for SEQ) ending in a state the DM does
 * not prefer to where it started, or the simultaneous moves that do so; or that
 * the improvement escapes.  Built as a jansson tree (one state's worth), then
 * printed as text or JSON.  Moves are enumerated, so this suits models of up to
 * some ten thousand states.
 */
#include "gmcr_internal.h"
#include "gmcr_json.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SHOWN 25 /* improvements listed per DM */

typedef struct explainer {
    const parley_gmcr_model *m;
    int32_t *max_level; /* [n_dms] */
    int32_t *parent, *mover, *queue, *moves, *mine; /* [n] BFS scratch; mine: the DM's own moves from the state */
    gmcr_cells *cells;
} explainer;

static json_int_t rank_of(const explainer *X, size_t dm, int32_t s)
{
    return (json_int_t)(X->max_level[dm] - X->m->pref[dm * X->m->n_states + (size_t)s]) + 1;
}

static json_t *state_for(const explainer *X, size_t dm, int32_t s)
{
    json_t *o = gmcr_json_state(X->m, X->m->codes[s]);
    json_object_set_new(o, "rank", json_integer(rank_of(X, dm, s)));
    return o;
}

/*
 * Shortest sequence of the others' moves (improvements for them when `credible`) from s1 to a state DM i
 * does not prefer to s; NULL when there is none.
 */
static json_t *sequential_sanction(explainer *X, size_t i, int32_t s, int32_t s1, int credible)
{
    const parley_gmcr_model *m = X->m;
    size_t n = m->n_states, qh = 0, qt = 0;
    const int32_t *p = m->pref + i * n;
    for (size_t k = 0; k < n; k++)
        X->parent[k] = -2;
    X->parent[s1] = -1;
    X->queue[qt++] = s1;
    int32_t found = -1;
    while (qh < qt && found < 0) {
        int32_t x = X->queue[qh++];
        for (size_t j = 0; j < m->n_dms && found < 0; j++) {
            if (j == i)
                continue;
            size_t nm = gmcr_moves(m, j, x, X->moves);
            for (size_t k = 0; k < nm; k++) {
                int32_t y = X->moves[k];
                if (X->parent[y] != -2 || (credible && m->pref[j * n + (size_t)y] <= m->pref[j * n + (size_t)x]))
                    continue;
                X->parent[y] = x;
                X->mover[y] = (int32_t)j;
                X->queue[qt++] = y;
                if (p[y] <= p[s]) {
                    found = y;
                    break;
                }
            }
        }
    }
    if (found < 0)
        return NULL;
    size_t len = 0;
    for (int32_t y = found; y != s1; y = X->parent[y])
        X->queue[len++] = y; /* the path, backwards */
    json_t *steps = json_array();
    for (size_t k = len; k-- > 0;) {
        int32_t y = X->queue[k];
        json_t *st = state_for(X, i, y);
        json_object_set_new(st, "mover", json_string(m->dms[X->mover[y]].name));
        json_array_append_new(steps, st);
    }
    return json_pack("{s:o,s:o}", "moves", steps, "reaches", state_for(X, i, found));
}

static json_t *simultaneous_sanction(explainer *X, size_t i, int32_t s, int32_t s1)
{
    const parley_gmcr_model *m = X->m;
    int32_t choice[PARLEY_GMCR_MAX_DMS];
    if (!gmcr_sim_sanctioned(m, X->cells, NULL, i, s, s1, choice, NULL))
        return NULL;
    json_t *moves = json_array();
    uint32_t joint = m->codes[s1];
    for (size_t j = 0; j < m->n_dms; j++) {
        if (j == i || choice[j] < 0)
            continue;
        uint32_t changed = m->codes[s] ^ m->codes[choice[j]];
        joint ^= changed;
        json_t *st = state_for(X, i, choice[j]);
        json_object_set_new(st, "mover", json_string(m->dms[j].name));
        /* the options j itself changes (from s, at the same time as i): the state j would reach alone names
           i's options too, which are not j's to change */
        json_t *changes = json_array();
        for (size_t k = 0; k < m->n_options; k++)
            if (changed & (1u << k))
                json_array_append_new(changes, json_pack("{s:s,s:b}", "option", m->options[k].id, "taken",
                                                         (m->codes[choice[j]] >> k) & 1u));
        json_object_set_new(st, "changes", changes);
        json_array_append_new(moves, st);
    }
    return json_pack("{s:o,s:o}", "moves", moves, "reaches", state_for(X, i, m->index[joint]));
}

static json_t *flag_names(unsigned f, unsigned notions)
{
    json_t *a = json_array();
    for (unsigned b = 1; b <= PARLEY_GMCR_NM; b <<= 1)
        if ((notions & b) && (f & b))
            json_array_append_new(a, json_string(parley_gmcr_notion_name((parley_gmcr_notion)b)));
    return a;
}

static json_t *explain_dm(explainer *X, const parley_gmcr_result *r, size_t i, int32_t s)
{
    const parley_gmcr_model *m = X->m;
    size_t n = m->n_states;
    json_t *dm = json_pack("{s:s,s:I,s:I,s:o}", "name", m->dms[i].name, "rank", rank_of(X, i, s), "levels",
                           (json_int_t)X->max_level[i] + 1, "stable",
                           flag_names(r->stable[(size_t)s * m->n_dms + i], r->notions));
    json_t *list = json_array();
    int32_t *mine = X->mine;
    size_t nm = gmcr_moves(m, i, s, mine), count = 0;
    for (size_t k = 0; k < nm; k++) {
        int32_t s1 = mine[k];
        if (m->pref[i * n + (size_t)s1] <= m->pref[i * n + (size_t)s])
            continue;
        if (++count > MAX_SHOWN)
            continue;
        json_t *ui = state_for(X, i, s1), *g = sequential_sanction(X, i, s, s1, 0),
               *q = sequential_sanction(X, i, s, s1, 1), *sim = simultaneous_sanction(X, i, s, s1);
        json_object_set_new(ui, "GMR", g ? g : json_null());
        json_object_set_new(ui, "SEQ", q ? q : json_null());
        json_object_set_new(ui, "SIM", sim ? sim : json_null());
        json_array_append_new(list, ui);
    }
    json_object_set_new(dm, "improvement_count", json_integer((json_int_t)count));
    json_object_set_new(dm, "improvements", list);
    return dm;
}

static void text_sanction(FILE *out, const char *notion, const json_t *sanction)
{
    fprintf(out, "      %-4s ", notion);
    if (!sanction || json_is_null(sanction)) {
        fprintf(out, "escapes: no %s sanction\n", notion);
        return;
    }
    const json_t *moves = json_object_get(sanction, "moves"), *to = json_object_get(sanction, "reaches");
    size_t k;
    const json_t *st;
    fprintf(out, "sanctioned: ");
    json_array_foreach(moves, k, st)
    {
        const json_t *changes = json_object_get(st, "changes"), *c;
        size_t q;
        if (!changes) { /* a sequential sanction: each move from the state the previous one reached */
            fprintf(out, "%s%s moves to %s", k ? ", then " : "", json_string_value(json_object_get(st, "mover")),
                    json_string_value(json_object_get(st, "label")));
            continue;
        }
        /* simultaneous: each other decision maker changes its own options at once ("takes escalate") */
        fprintf(out, "%s%s at once", k ? ", and " : "", json_string_value(json_object_get(st, "mover")));
        json_array_foreach(changes, q, c)
        fprintf(out, "%s %s %s", q ? " and" : "", json_is_true(json_object_get(c, "taken")) ? "takes" : "drops",
                json_string_value(json_object_get(c, "option")));
    }
    fprintf(out, " -> %lld (%s), rank %lld\n", (long long)json_integer_value(json_object_get(to, "code")),
            json_string_value(json_object_get(to, "label")), (long long)json_integer_value(json_object_get(to, "rank")));
}

static void write_text(FILE *out, const json_t *doc)
{
    const json_t *st = json_object_get(doc, "state"), *dms = json_object_get(doc, "decision_makers"), *dm;
    size_t d;
    fprintf(out, "State %lld (%s): %s\n", (long long)json_integer_value(json_object_get(st, "code")),
            json_string_value(json_object_get(st, "vector")), json_string_value(json_object_get(st, "label")));
    json_array_foreach(dms, d, dm)
    {
        const json_t *stable = json_object_get(dm, "stable"), *ui, *v;
        size_t k;
        fprintf(out, "\n  %s ranks it %lld of %lld; stable under:", json_string_value(json_object_get(dm, "name")),
                (long long)json_integer_value(json_object_get(dm, "rank")),
                (long long)json_integer_value(json_object_get(dm, "levels")));
        json_array_foreach(stable, k, v) fprintf(out, " %s", json_string_value(v));
        fprintf(out, "%s\n", json_array_size(stable) ? "" : " none");
        long long count = (long long)json_integer_value(json_object_get(dm, "improvement_count"));
        if (count == 0)
            fprintf(out, "    no unilateral improvement: nothing it can do on its own is better for it\n");
        json_array_foreach(json_object_get(dm, "improvements"), k, ui)
        {
            fprintf(out, "    improvement to %lld (%s), rank %lld:\n", (long long)json_integer_value(json_object_get(ui, "code")),
                    json_string_value(json_object_get(ui, "label")),
                    (long long)json_integer_value(json_object_get(ui, "rank")));
            text_sanction(out, "GMR", json_object_get(ui, "GMR"));
            text_sanction(out, "SEQ", json_object_get(ui, "SEQ"));
            text_sanction(out, "SIM", json_object_get(ui, "SIM"));
        }
        if (count > MAX_SHOWN)
            fprintf(out, "    ... %lld improvements in all (the first %d shown)\n", count, MAX_SHOWN);
    }
}

int parley_gmcr_write_explain(FILE *out, const parley_gmcr_result *r, uint32_t code, int json, parley_error *err)
{
    if (!r)
        return parley_error_set(err, PARLEY_EINVAL, "no result");
    const parley_gmcr_model *m = r->model;
    size_t n = m->n_states;
    if (code >> m->n_options || m->index[code] < 0)
        return parley_error_set(err, PARLEY_EINVAL, "state %u is not a feasible state", code);
    int32_t s = m->index[code];
    explainer X = {.m = m};
    gmcr_cells cells[PARLEY_GMCR_MAX_DMS] = {{0}};
    int32_t max_level[PARLEY_GMCR_MAX_DMS] = {0};
    X.max_level = max_level;
    X.cells = cells;
    X.parent = malloc(n * sizeof *X.parent);
    X.mover = malloc(n * sizeof *X.mover);
    X.queue = malloc(n * sizeof *X.queue);
    X.moves = malloc(n * sizeof *X.moves);
    X.mine = malloc(n * sizeof *X.mine);
    int rc = PARLEY_OK;
    json_t *doc = NULL;
    if (!X.parent || !X.mover || !X.queue || !X.moves || !X.mine || gmcr_cells_build(m, cells) != PARLEY_OK) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory explaining state %u", code);
        goto done;
    }
    for (size_t i = 0; i < m->n_dms; i++)
        for (size_t k = 0; k < n; k++)
            if (m->pref[i * n + k] > max_level[i])
                max_level[i] = m->pref[i * n + k];
    json_t *dms = json_array();
    for (size_t i = 0; i < m->n_dms; i++)
        json_array_append_new(dms, explain_dm(&X, r, i, s));
    doc = json_pack("{s:o,s:o,s:o}", "state", gmcr_json_state(m, code), "equilibrium", flag_names(r->eq[s], r->notions),
                    "decision_makers", dms);
    rc = gmcr_json_emit(out, doc, json, write_text, err);
done:
    json_decref(doc);
    gmcr_cells_release(m, cells);
    free(X.parent);
    free(X.mover);
    free(X.queue);
    free(X.moves);
    free(X.mine);
    return rc;
}

/*
 * gmcr_inverse.c: inverse GMCR for one state: the least change to the
 * decision makers' preferences that makes it an equilibrium, under each notion.
 *
 * A change, for DM i, is a state x that i now prefers to the target state s
 * and would have to value no more than s: x is moved down to s's level (tied
 * with s), everything else in i's ranking kept.  This is what a mediator asks
 * of a side: "value the deal at least as much as that alternative".  The size
 * of a change is the number of (DM, state) pairs.  Only states that can be
 * reached from s by any sequence of moves matter to s's stability, so only
 * those are candidates.
 *
 * The search: under Nash, GMR and SMR a DM's stability depends only on its own
 * preferences, so the least change is found for each DM alone (subsets of its
 * candidates by increasing size) and the sum is minimal.  Under SIM the others'
 * changes can only take sanctions away, so the per-DM least changes are a
 * lower bound, minimal when together they work.  Otherwise (SEQ, SEQ+SIM, or
 * when the per-DM changes do not work together) subsets of all candidates are
 * tried by increasing size.  Demoting every DM's improvements from s (the Nash
 * change) works under every notion, so it bounds the search and is the answer
 * when nothing smaller works.  Every candidate is checked by the forward
 * analysis of the changed model; a budget of checks bounds the search, and a
 * change found without trying every smaller one is reported as not proven minimal.
 */
#include "gmcr_internal.h"
#include "gmcr_json.h"

#include <stdlib.h>
#include <string.h>

#define BUDGET 200000 /* forward analyses per notion */
#define MAX_CHANGE 12

typedef struct pair {
    size_t dm;
    int32_t state;
} pair;

typedef struct inverse {
    const parley_gmcr_model *m;
    parley_gmcr_model copy; /* the model with changed preferences */
    int32_t s;
    pair *cand;
    size_t n_cand;
    long checks;
    int failed; /* the code of a forward analysis that failed (out of memory): the search stops, nothing is reported */
} inverse;

/* 1 when s is stable for `dm` (or an equilibrium when dm < 0) under notion with these changes. */
static int works(inverse *V, unsigned notion, const size_t *pick, size_t k, long dm)
{
    const parley_gmcr_model *m = V->m;
    size_t n = m->n_states;
    memcpy(V->copy.pref, m->pref, m->n_dms * n * sizeof *m->pref);
    for (size_t j = 0; j < k; j++) {
        const pair *c = &V->cand[pick[j]];
        V->copy.pref[c->dm * n + (size_t)c->state] = m->pref[c->dm * n + (size_t)V->s];
    }
    V->checks++;
    parley_gmcr_options o = {.notions = notion, .threads = 1};
    parley_gmcr_result *r = NULL;
    int rc = parley_gmcr_analyze(&V->copy, &o, &r, NULL);
    if (rc != PARLEY_OK) {
        V->failed = rc;
        return 0;
    }
    unsigned f = dm < 0 ? r->eq[V->s] : r->stable[(size_t)V->s * m->n_dms + (size_t)dm];
    parley_gmcr_result_free(r);
    return (f & notion) != 0;
}

/* Next k-subset of [.., hi) in lexicographic order; 0 when done. */
static int next_subset(size_t *pick, size_t k, size_t hi)
{
    for (size_t j = k; j-- > 0;) {
        if (pick[j] < hi - (k - j)) {
            pick[j]++;
            for (size_t t = j + 1; t < k; t++)
                pick[t] = pick[t - 1] + 1;
            return 1;
        }
    }
    return 0;
}

/*
 * Least subset of candidates [lo, hi) that works (for dm, or for all when dm < 0), of size at most max_k;
 * stores it in best and returns its size, or -1 (none within the budget: *exhausted set).
 */
static long least(inverse *V, unsigned notion, size_t lo, size_t hi, long dm, size_t max_k, size_t *best,
                  int *exhausted)
{
    size_t pick[MAX_CHANGE];
    for (size_t k = 0; k <= max_k && k <= hi - lo; k++) {
        for (size_t j = 0; j < k; j++)
            pick[j] = lo + j;
        do {
            if (V->checks >= BUDGET || V->failed) {
                *exhausted = 1;
                return -1;
            }
            if (works(V, notion, pick, k, dm)) {
                memcpy(best, pick, k * sizeof *pick);
                return (long)k;
            }
        } while (k > 0 && next_subset(pick, k, hi));
    }
    return -1;
}

static json_t *change_json(const inverse *V, const size_t *pick, size_t k)
{
    const parley_gmcr_model *m = V->m;
    json_t *list = json_array();
    for (size_t i = 0; i < m->n_dms; i++) {
        json_t *states = json_array();
        for (size_t j = 0; j < k; j++)
            if (V->cand[pick[j]].dm == i)
                json_array_append_new(states, gmcr_json_state(m, m->codes[V->cand[pick[j]].state]));
        if (json_array_size(states))
            json_array_append_new(list, json_pack("{s:s,s:o}", "decision_maker", m->dms[i].name,
                                                  "value_no_more_than_target", states));
        else
            json_decref(states);
    }
    return list;
}

/* The Nash change: every DM's unilateral improvements from s (indices into cand, grouped by DM), count per DM. */
static size_t nash_change(const inverse *V, size_t *pick, size_t *per_dm)
{
    const parley_gmcr_model *m = V->m;
    size_t k = 0;
    for (size_t j = 0; j < V->n_cand; j++) {
        const pair *c = &V->cand[j];
        uint32_t diff = m->codes[c->state] ^ m->codes[V->s];
        if (gmcr_legal_move(&m->dms[c->dm], m->codes[V->s], m->codes[c->state]) && diff) {
            pick[k++] = j;
            per_dm[c->dm]++;
        }
    }
    return k;
}

/*
 * The least change for one notion, as a JSON object.  Demoting every
 * improvement of every DM (the Nash change) leaves nobody an improvement, so
 * it works under every notion and bounds the search.
 */
static json_t *solve(inverse *V, unsigned notion, unsigned already)
{
    const parley_gmcr_model *m = V->m;
    json_t *o = json_pack("{s:s,s:b}", "notion", parley_gmcr_notion_name((parley_gmcr_notion)notion), "already",
                          (already & notion) != 0);
    size_t best[MAX_CHANGE * PARLEY_GMCR_MAX_DMS], nash[MAX_CHANGE * PARLEY_GMCR_MAX_DMS],
        per_dm[PARLEY_GMCR_MAX_DMS] = {0}, k = 0;
    int exhausted = 0, found = 0;
    V->checks = 0;
    size_t n_nash = already & notion ? 0 : nash_change(V, nash, per_dm);
    if (n_nash > MAX_CHANGE * PARLEY_GMCR_MAX_DMS / 2) {
        json_object_set_new(o, "changes", json_null());
        json_object_set_new(o, "reason", json_string("too many improvements to search"));
        return o;
    }
    if (notion & (PARLEY_GMCR_NASH | PARLEY_GMCR_GMR | PARLEY_GMCR_SMR | PARLEY_GMCR_SIM)) {
        /* each DM alone; its own improvements bound its change */
        size_t lo = 0;
        found = 1;
        for (size_t i = 0; i < m->n_dms; i++) {
            size_t hi = lo;
            while (hi < V->n_cand && V->cand[hi].dm == i)
                hi++;
            long got = per_dm[i] == 0 ? 0
                                      : least(V, notion, lo, hi, (long)i, per_dm[i] - 1 < MAX_CHANGE ? per_dm[i] - 1 : MAX_CHANGE,
                                              best + k, &exhausted);
            if (got < 0) { /* its improvements, then */
                for (size_t j = 0; j < n_nash; j++)
                    if (V->cand[nash[j]].dm == i)
                        best[k++] = nash[j];
            } else {
                k += (size_t)got;
            }
            lo = hi;
        }
        if (!works(V, notion, best, k, -1))
            found = 0;
    }
    int minimal = found && !exhausted;
    if (!found) {
        exhausted = 0;
        long got = least(V, notion, 0, V->n_cand, -1, n_nash ? (n_nash - 1 < MAX_CHANGE ? n_nash - 1 : MAX_CHANGE) : 0,
                         best, &exhausted);
        if (got >= 0) {
            k = (size_t)got;
            minimal = 1;
        } else {
            memcpy(best, nash, n_nash * sizeof *nash);
            k = n_nash;
            minimal = !exhausted && n_nash - 1 < MAX_CHANGE;
        }
    }
    json_object_set_new(o, "changes", change_json(V, best, k));
    json_object_set_new(o, "size", json_integer((json_int_t)k));
    json_object_set_new(o, "minimal", json_boolean(minimal));
    return o;
}

/* Candidates: (i, x) with x reachable from s by any moves and preferred by i to s, grouped by DM. */
static int candidates(inverse *V)
{
    const parley_gmcr_model *m = V->m;
    size_t n = m->n_states, qh = 0, qt = 0;
    int32_t *queue = malloc(n * sizeof *queue), *moves = malloc(n * sizeof *moves);
    uint8_t *seen = calloc(n, 1);
    V->cand = malloc(m->n_dms * n * sizeof *V->cand);
    if (!queue || !moves || !seen || !V->cand) {
        free(queue);
        free(moves);
        free(seen);
        return PARLEY_ENOMEM;
    }
    seen[V->s] = 1;
    queue[qt++] = V->s;
    while (qh < qt) {
        int32_t x = queue[qh++];
        for (size_t d = 0; d < m->n_dms; d++) {
            size_t c = gmcr_moves(m, d, x, moves);
            for (size_t k = 0; k < c; k++)
                if (!seen[moves[k]]) {
                    seen[moves[k]] = 1;
                    queue[qt++] = moves[k];
                }
        }
    }
    for (size_t i = 0; i < m->n_dms; i++)
        for (size_t x = 0; x < n; x++)
            if (seen[x] && m->pref[i * n + x] > m->pref[i * n + (size_t)V->s])
                V->cand[V->n_cand++] = (pair){i, (int32_t)x};
    free(queue);
    free(moves);
    free(seen);
    return PARLEY_OK;
}

static void write_text(FILE *out, const json_t *doc)
{
    const json_t *st = json_object_get(doc, "state"), *res, *ch, *x;
    size_t k, c, j;
    fprintf(out, "Inverse GMCR for state %lld (%s): %s\n", (long long)json_integer_value(json_object_get(st, "code")),
            json_string_value(json_object_get(st, "vector")), json_string_value(json_object_get(st, "label")));
    fprintf(out, "A change: a decision maker comes to value the state at least as much as an alternative it now\n"
                 "prefers (the alternative is moved down to the state's rank).\n\n");
    json_array_foreach(json_object_get(doc, "notions"), k, res)
    {
        const char *name = json_string_value(json_object_get(res, "notion"));
        const json_t *changes = json_object_get(res, "changes");
        if (json_is_true(json_object_get(res, "already"))) {
            fprintf(out, "%-6s already an equilibrium\n", name);
            continue;
        }
        if (json_is_null(changes)) {
            fprintf(out, "%-6s not reached: %s\n", name, json_string_value(json_object_get(res, "reason")));
            continue;
        }
        fprintf(out, "%-6s %lld change%s%s:\n", name, (long long)json_integer_value(json_object_get(res, "size")),
                json_integer_value(json_object_get(res, "size")) == 1 ? "" : "s",
                json_is_true(json_object_get(res, "minimal")) ? " (the fewest)" : " (found, not proven the fewest)");
        json_array_foreach(changes, c, ch)
        {
            fprintf(out, "         %s must value it at least as much as:",
                    json_string_value(json_object_get(ch, "decision_maker")));
            json_array_foreach(json_object_get(ch, "value_no_more_than_target"), j, x)
            {
                fprintf(out, "%s %lld (%s)", j ? "," : "", (long long)json_integer_value(json_object_get(x, "code")),
                        json_string_value(json_object_get(x, "label")));
            }
            fputc('\n', out);
        }
    }
}

int parley_gmcr_write_inverse(FILE *out, const parley_gmcr_result *r, uint32_t code, int json, parley_error *err)
{
    if (!r)
        return parley_error_set(err, PARLEY_EINVAL, "no result");
    const parley_gmcr_model *m = r->model;
    if (code >> m->n_options || m->index[code] < 0)
        return parley_error_set(err, PARLEY_EINVAL, "state %u is not a feasible state", code);
    inverse V = {.m = m, .copy = *m, .s = m->index[code]};
    V.copy.pref = malloc(m->n_dms * m->n_states * sizeof *V.copy.pref);
    int rc = PARLEY_OK;
    json_t *doc = NULL, *list = json_array();
    if (!V.copy.pref || candidates(&V) != PARLEY_OK) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    unsigned already = r->eq[V.s];
    for (unsigned b = 1; b <= PARLEY_GMCR_SEQSIM; b <<= 1)
        if (r->notions & b) {
            json_array_append_new(list, solve(&V, b, already));
            if (V.failed) {
                rc = parley_error_set(err, V.failed, "out of memory searching the changes of state %u", code);
                goto done;
            }
        }
    doc = json_pack("{s:o,s:o}", "state", gmcr_json_state(m, code), "notions", list);
    list = NULL;
    rc = gmcr_json_emit(out, doc, json, write_text, err);
done:
    json_decref(list);
    json_decref(doc);
    free(V.copy.pref);
    free(V.cand);
    return rc;
}

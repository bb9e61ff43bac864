/*
 * uncertainty.c: preference uncertainty: rankings of sampled outcomes, and the
 * LP and frequency estimators of an additive utility from a ranking
 * (parley/uncertainty.h).
 */
#include <parley/uncertainty.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agents/simplex.h"
#include "core/splitmix.h"

#define LP_MAX_BIDS 1000
#define LP_EPSILON 1e-4

const char *parley_estimator_name(parley_estimator e)
{
    return e == PARLEY_ESTIMATE_LP ? "lp" : "frequency";
}

int parley_estimator_from_name(const char *name)
{
    if (strcmp(name, "lp") == 0)
        return PARLEY_ESTIMATE_LP;
    if (strcmp(name, "frequency") == 0)
        return PARLEY_ESTIMATE_FREQUENCY;
    return -1;
}

struct ranked_entry {
    double u;
    uint64_t id;
};

static int by_utility_desc(const void *a, const void *b)
{
    const struct ranked_entry *x = a, *y = b;
    if (x->u != y->u)
        return x->u < y->u ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

static int by_id(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int parley_ranking_sample(const parley_utility *u, size_t k, uint64_t seed, uint32_t **ranked, size_t *count,
                          parley_error *err)
{
    const parley_space *space = parley_utility_space(u);
    size_t issues = parley_space_issue_count(space);
    uint64_t size;
    *ranked = NULL;
    *count = 0;
    if (parley_space_size_u64(space, &size) != PARLEY_OK)
        return parley_error_set(err, PARLEY_ERANGE, "the outcome space is too large to number");
    if (k == 0)
        return parley_error_set(err, PARLEY_EINVAL, "a ranking needs at least one outcome");
    if (k > size)
        k = (size_t)size;
    struct ranked_entry *e = malloc(k * sizeof *e);
    uint64_t *ids = malloc(k * sizeof *ids);
    uint32_t *o = malloc(k * (issues ? issues : 1) * sizeof *o);
    if (!e || !ids || !o)
        goto nomem;
    /* k different outcome numbers: all of them, or draws until k distinct (rejecting repeats) */
    size_t n = 0;
    uint64_t state = seed;
    if (k == size) {
        for (; n < k; n++)
            ids[n] = n;
    } else {
        while (n < k) {
            ids[n++] = parley_splitmix64(&state) % size;
            if (n == k || n % 64 == 0) { /* dedupe in batches */
                qsort(ids, n, sizeof *ids, by_id);
                size_t w = 0;
                for (size_t i = 0; i < n; i++)
                    if (w == 0 || ids[i] != ids[w - 1])
                        ids[w++] = ids[i];
                n = w;
            }
        }
    }
    for (size_t i = 0; i < k; i++) {
        parley_space_decode(space, ids[i], o);
        e[i] = (struct ranked_entry){parley_utility_eval(u, o), ids[i]};
    }
    qsort(e, k, sizeof *e, by_utility_desc);
    for (size_t i = 0; i < k; i++)
        parley_space_decode(space, e[i].id, o + i * issues);
    free(e);
    free(ids);
    *ranked = o;
    *count = k;
    return PARLEY_OK;
nomem:
    free(e);
    free(ids);
    free(o);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

/*
 * Writes per-issue scores z (offsets off) into u: values rescaled to [0,1] per
 * issue, weights proportional to each issue's spread, so u(o) = (sum of z - sum
 * of minima) / total spread, an increasing function of sum z.
 */
static void scores_to_utility(const parley_space *space, const size_t *off, const double *z, parley_utility *u)
{
    size_t issues = parley_space_issue_count(space);
    double total = 0;
    for (size_t i = 0; i < issues; i++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t j = off[i]; j < off[i + 1]; j++)
            lo = z[j] < lo ? z[j] : lo, hi = z[j] > hi ? z[j] : hi;
        double spread = hi - lo;
        total += spread;
        for (size_t j = off[i]; j < off[i + 1]; j++)
            parley_utility_set_value(u, i, (uint32_t)(j - off[i]), hi > lo ? (z[j] - lo) / (hi - lo) : 1);
        parley_utility_set_weight(u, i, spread);
    }
    for (size_t i = 0; i < issues; i++)
        parley_utility_set_weight(u, i, total > 0 ? parley_utility_weight(u, i) / total : 1.0 / (double)issues);
}

static int estimate_frequency(const parley_space *space, const size_t *off, const uint32_t *ranked, size_t count,
                              double *z)
{
    size_t issues = parley_space_issue_count(space), total = off[issues];
    double *seen = calloc(total ? total : 1, sizeof *seen);
    if (!seen)
        return PARLEY_ENOMEM;
    for (size_t r = 0; r < count; r++) {
        double score = count > 1 ? (double)(count - 1 - r) / (double)(count - 1) : 1;
        for (size_t i = 0; i < issues; i++) {
            z[off[i] + ranked[r * issues + i]] += score;
            seen[off[i] + ranked[r * issues + i]]++;
        }
    }
    for (size_t i = 0; i < issues; i++) {
        double lo = INFINITY;
        for (size_t j = off[i]; j < off[i + 1]; j++)
            if (seen[j] > 0) {
                z[j] /= seen[j];
                lo = z[j] < lo ? z[j] : lo;
            }
        for (size_t j = off[i]; j < off[i + 1]; j++)
            if (seen[j] == 0)
                z[j] = isinf(lo) ? 0 : lo; /* never ranked: as the worst value seen */
    }
    free(seen);
    return PARLEY_OK;
}

static int estimate_lp(const parley_space *space, const size_t *off, const uint32_t *ranked, size_t count, double *z,
                       parley_error *err)
{
    size_t issues = parley_space_issue_count(space), nz = off[issues];
    if (count > LP_MAX_BIDS)
        return parley_error_set(err, PARLEY_EINVAL, "the LP estimator takes at most %d ranked outcomes, got %zu "
                                "(use the frequency estimator)", LP_MAX_BIDS, count);
    size_t pairs = count > 0 ? count - 1 : 0, m = pairs + 1, n = nz + 2 * pairs;
    double *a = calloc(m * n, sizeof *a), *b = calloc(m, sizeof *b), *c = calloc(n, sizeof *c),
           *x = calloc(n, sizeof *x);
    int rc = PARLEY_OK;
    if (!a || !b || !c || !x) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t j = 0; j < pairs; j++) { /* u(o_j) - u(o_j+1) + s_j - e_j = eps */
        for (size_t i = 0; i < issues; i++) {
            a[j * n + off[i] + ranked[j * issues + i]] += 1;
            a[j * n + off[i] + ranked[(j + 1) * issues + i]] -= 1;
        }
        a[j * n + nz + j] = 1;
        a[j * n + nz + pairs + j] = -1;
        b[j] = LP_EPSILON;
        c[nz + j] = 1;
    }
    for (size_t i = 0; i < issues; i++) /* u(best ranked) = 1 */
        a[pairs * n + off[i] + ranked[i]] = 1;
    b[pairs] = 1;
    int s = simplex_solve(m, n, a, b, c, x);
    if (s == SIMPLEX_NOMEM)
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    else if (s != SIMPLEX_OPTIMAL)
        rc = parley_error_set(err, PARLEY_EINTERNAL, "the ranking's linear program has no solution");
    else
        memcpy(z, x, nz * sizeof *z);
done:
    free(a);
    free(b);
    free(c);
    free(x);
    return rc;
}

int parley_utility_estimate(const parley_space *space, const uint32_t *ranked, size_t count, parley_estimator how,
                            parley_utility **out, parley_error *err)
{
    *out = NULL;
    size_t issues = parley_space_issue_count(space);
    if (count == 0)
        return parley_error_set(err, PARLEY_EINVAL, "a ranking needs at least one outcome");
    size_t *off = malloc((issues + 1) * sizeof *off);
    if (!off)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    off[0] = 0;
    for (size_t i = 0; i < issues; i++)
        off[i + 1] = off[i] + parley_issue_value_count(space, i);
    double *z = calloc(off[issues] ? off[issues] : 1, sizeof *z);
    parley_utility *u = parley_utility_new(space);
    int rc = PARLEY_OK;
    if (!z || !u)
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    else if (how == PARLEY_ESTIMATE_LP)
        rc = estimate_lp(space, off, ranked, count, z, err);
    else if ((rc = estimate_frequency(space, off, ranked, count, z)) != PARLEY_OK)
        rc = parley_error_set(err, rc, "out of memory");
    if (rc == PARLEY_OK)
        scores_to_utility(space, off, z, u);
    free(off);
    free(z);
    if (rc != PARLEY_OK) {
        parley_utility_free(u);
        return rc;
    }
    *out = u;
    return PARLEY_OK;
}

int parley_scenario_uncertain(const parley_scenario *sc, size_t k, size_t bids, parley_estimator how, uint64_t seed,
                              parley_scenario **out, parley_error *err)
{
    *out = NULL;
    if (k >= parley_scenario_negotiator_count(sc))
        return parley_error_set(err, PARLEY_EINVAL, "no negotiating party %zu", k + 1);
    size_t party = parley_scenario_negotiator(sc, k);
    const parley_utility *truth = parley_party_utility(sc, party);
    if (!parley_utility_is_additive(truth))
        return parley_error_set(err, PARLEY_EINVAL, "party %s: preference uncertainty needs an additive profile",
                                parley_party_name(sc, party));
    const parley_space *space = parley_scenario_space(sc);
    uint32_t *ranked = NULL;
    size_t count = 0;
    parley_utility *estimate = NULL;
    int rc = parley_ranking_sample(truth, bids, seed, &ranked, &count, err);
    if (rc == PARLEY_OK)
        rc = parley_utility_estimate(space, ranked, count, how, &estimate, err);
    free(ranked);
    if (rc != PARLEY_OK)
        return rc;
    parley_scenario *copy = parley_scenario_clone(sc);
    if (!copy) {
        parley_utility_free(estimate);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    parley_utility *u = parley_party_utility_mut(copy, party);
    for (size_t i = 0; i < parley_space_issue_count(space); i++) {
        parley_utility_set_weight(u, i, parley_utility_weight(estimate, i));
        for (uint32_t v = 0; v < parley_issue_value_count(space, i); v++)
            parley_utility_set_value(u, i, v, parley_utility_value(estimate, i, v));
    }
    parley_utility_free(estimate);
    *out = copy;
    return PARLEY_OK;
}

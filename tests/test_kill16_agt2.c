/*
 * test_kill16_agt2.c: agent parts pinned against independent answers (round 16, helper agt2: the seed-28 survivors
 * of src/agents and the seed-162 probe):
 *   - the simplex on a well-posed LP with a row scaled by 1e-9 (a utility difference of that size): two ratios of
 *     the ratio test exactly EPS apart are a tie, broken by Bland's rule (the smaller basic variable leaves); the
 *     optimum worked by hand;
 *   - GENIUS's scalable Bayesian model's set of bids seen (boa_bayes.c): a bid seen before changes nothing, checked
 *     against a second model fed each bid once, on every outcome, past three growths of the set and with the bids
 *     met again in another order (its probing after a rehash, its rows, its count);
 *   - java.util.TreeMap's red-black tree (java_treemap.c) under 6000 random puts and removes of 48 keys, against
 *     a set kept in an array: after every operation the keys in order (first, next, last), find of every key, the
 *     parent links, a black root, no red node with a red child, one black height; a remove of a node with two
 *     children leaves that node holding its successor's key (the JDK's copy) and the successor's node out of the
 *     tree with its own key, any other remove leaves the removed node out with its key;
 *   - preference uncertainty (uncertainty.c) against loops written here: the sampled ranking is the first k
 *     different numbers of the SplitMix64 stream (every outcome when k reaches the space), ordered by utility then
 *     number; the frequency estimate's values and weights from each value's mean score (unranked values as the
 *     issue's worst seen); the LP estimate orders a ranking drawn from an additive utility as it is ranked;
 *   - GENIUS's plain OutcomeSpace (genius_outcome_space.c) built from a real view, whole (BidIterator order, the
 *     first issue fastest) and from the view's sorted packages (a bound below the space's size), against loops
 *     over the packages written here: every package and utility, getMaxUtilityBid, getBidNearUtility at every
 *     utility, between two, off by 1e-9, below 0 and above 1 (nothing within 1: position 0), getBidsinRange
 *     strictly between every pair of utilities;
 *   - GENIUS's SortedOutcomeSpace.getBidNearUtility (genius_sorted_space.c agent_bid_near), which never builds
 *     the list, against the list built here (utility descending, ties by BidDetails hash, then BidIterator order)
 *     and searchIndexWith's bisection run on it: at every utility, between two, off by 1e-12, outside [0, 1];
 *   - an opponent model's accuracy (boa_accuracy.c) against loops written here: the outcomes measured (all of a
 *     space up to the sample size, else SplitMix64 draws per issue; 1000 when 0 is asked), the RMSE, Pearson's r
 *     by sums of products, Kendall's tau-b from its pair counts (differences within 1e-12 tied), with ties on
 *     either side, on both, and constant vectors (NaN);
 *   - the agents' parameter strings (registry.c): every malformed form (no '=', empty key or value, a trailing
 *     ':'), an unknown key with the list of known ones (and with none), numbers that are not (empty, trailing text,
 *     inf, nan, overflow), values of 63 and 64 characters (the buffer's edge), the last of a repeated number and
 *     the first of a repeated string, a string of size - 1 and of size, a key that is a prefix of another;
 *   - BOA's acceptance conditions (boa_components.c): their parameters at and past each limit (exact message), and
 *     each decision at its edge: next and prev within 1e-12, const and time strictly above, combi's window of the
 *     last 1 - t of time (an offer received 5e-13 before its start counts, one earlier does not);
 *   - BOA's bidding strategies: their parameters at and past each limit (exact message; GENIUS's window only for
 *     time), Faratin's target by hand (e 0, 1 and otherwise, k, t outside [0, 1]), NiceTitForTat's target by hand
 *     (no offer, Nash unknown, the fraction clamped at 0 and 1, a way of 1e-9 or less, the floor);
 *   - every event of short talks of the-fawkes, agent-k, agent-m, ponpoko, agreeable-2018, micro and three BOA
 *     agents against a scripted opponent on small random scenarios (random_talks_k16.h): one to three issues of
 *     two to five values, reservation values above 0, discounts below 1, either party, either clock; a regression
 *     pin, as a golden file, of the paths the GENIUS traces never reach (TheFawkes's last-step acceptance and its
 *     second ask for a bid on one-issue domains among them); the same agents in the single-text and shuttle
 *     protocols (their votes, amendments and answers to a mediator); fenced by a red line and a constraint; with
 *     three parties.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <parley/uncertainty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_probe.h"
#include "agents/agent_common.h"
#include "agents/anac_java_random.h"
#include "agents/boa.h"
#include "agents/boa_bayes.h"
#include "agents/genius_outcome_space.h"
#include "agents/java_treemap.h"
#include "agents/simplex.h"
#include "core/splitmix.h"
#include "random_numbers.h"
#include "random_talks_k16.h"

/* --- the simplex's ratio test at EPS --- */

/*
 * min -(x1 + x2 + x3) with 1e-9 x1 + x3 = 1e-9 and -x1 + 3 x2 + 2 x3 = 0, x >= 0.  By hand: x3 = 1e-9 (1 - x1), so
 * x1 <= 1, and x2 = (x1 - 2 x3) / 3; the objective is -(4 x1 / 3 + x3 / 3) = -(4 x1 + 1e-9 (1 - x1)) / 3, least at
 * x1 = 1: x = (1, 1/3, 0), cost -4/3.  On the way the ratio test meets ratios 0 and 1e-9 (= EPS apart): a tie,
 * which Bland's rule breaks by the smaller basic variable; taking the strictly smaller ratio instead leads to a
 * basis that reports the LP unbounded.
 */
static void simplex_ratio_tie_at_eps(void **state)
{
    (void)state;
    const double a[] = {1e-9, 0, 1, -1, 3, 2}, b[] = {1e-9, 0}, c[] = {-1, -1, -1};
    double x[3] = {9, 9, 9};
    assert_int_equal(simplex_solve(2, 3, a, b, c, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 1, 1e-6);
    assert_float_equal(x[1], 1.0 / 3, 1e-6);
    assert_float_equal(x[2], 0, 1e-9);
    assert_float_equal(-(x[0] + x[1] + x[2]), -4.0 / 3, 1e-6);
}

/* --- the Bayesian model's set of bids seen --- */

/* Issues of the given sizes (integer issues 0..size-1). */
static parley_space *space_of(const uint32_t *sizes, size_t issues)
{
    parley_space *s = parley_space_new();
    for (size_t i = 0; i < issues; i++) {
        char name[24];
        snprintf(name, sizeof name, "i%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, (int64_t)sizes[i] - 1, 1, NULL), PARLEY_OK);
    }
    return s;
}

/* Every outcome of s is rated with the same bits by both models. */
static void same_ratings(const parley_space *s, const struct boa_bayes *a, const struct boa_bayes *b, uint64_t count)
{
    uint32_t o[8];
    for (uint64_t id = 0; id < count; id++) {
        parley_space_decode(s, id, o);
        double x = boa_bayes_eval(a, o), y = boa_bayes_eval(b, o);
        if (!(x == y))
            fail_msg("outcome %llu: %.17g with the bids seen again, %.17g without", (unsigned long long)id, x, y);
    }
}

/*
 * 5 x 6 x 7 (210 outcomes) fed 200 different bids in a shuffled order (the set grows at 33, 65 and 129 bids: 64, 128,
 * 256, then 512 slots), each followed, from the 40th on, by a bid met before (drawn among those), then all 200 again
 * in reverse: the model must rate every outcome exactly as a model fed the 200 bids once, in the same order.  A
 * bid missed by the set would be learnt twice (its P lowered by 0.003 once more, its likelihoods applied again).
 */
static void bayes_seen_bids_change_nothing(void **state)
{
    (void)state;
    const uint32_t sizes[3] = {5, 6, 7};
    parley_space *s = space_of(sizes, 3);
    enum { N = 210, FED = 200 };
    uint64_t order[N];
    for (uint64_t i = 0; i < N; i++)
        order[i] = i;
    random_state = 0x9e3779b97f4a7c15ULL;
    for (size_t i = N - 1; i > 0; i--) {
        size_t j = (size_t)(rnd() % (i + 1));
        uint64_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    struct boa_bayes *with = boa_bayes_new(s), *once = boa_bayes_new(s);
    assert_non_null(with);
    assert_non_null(once);
    uint32_t o[3];
    for (size_t k = 0; k < FED; k++) {
        parley_space_decode(s, order[k], o);
        assert_int_equal(boa_bayes_observe(with, o), PARLEY_OK);
        assert_int_equal(boa_bayes_observe(once, o), PARLEY_OK);
        if (k >= 40) {
            parley_space_decode(s, order[rnd() % (k + 1)], o);
            assert_int_equal(boa_bayes_observe(with, o), PARLEY_OK);
        }
        if (k % 50 == 49 || k == 33 || k == 65 || k == 129)
            same_ratings(s, with, once, N);
    }
    for (size_t k = FED; k-- > 0;) {
        parley_space_decode(s, order[k], o);
        assert_int_equal(boa_bayes_observe(with, o), PARLEY_OK);
    }
    same_ratings(s, with, once, N);
    /* one more new bid moves both the same way (the set's count was not moved by the bids seen again) */
    parley_space_decode(s, order[FED], o);
    assert_int_equal(boa_bayes_observe(with, o), PARLEY_OK);
    assert_int_equal(boa_bayes_observe(once, o), PARLEY_OK);
    same_ratings(s, with, once, N);
    /* and the model did learn: the outcomes are not all rated alike */
    uint32_t lo[3] = {0, 0, 0}, hi[3] = {4, 5, 6};
    assert_true(boa_bayes_eval(once, lo) != boa_bayes_eval(once, hi));
    boa_bayes_free(with);
    boa_bayes_free(once);
    parley_space_free(s);
}

/* --- java.util.TreeMap's tree against a set --- */

#define TREE_NONE JAVA_TREEMAP_NONE

/* The black height of the subtree at x (nulls are black, height 1); fails on a red node with a red child or
   unequal heights. */
static int tree_black_height(const java_treemap *m, size_t x)
{
    if (x == TREE_NONE)
        return 1;
    const struct java_treemap_node *n = &m->node[x];
    if (!n->black)
        for (int side = 0; side < 2; side++) {
            size_t c = side ? n->right : n->left;
            if (c != TREE_NONE && !m->node[c].black)
                fail_msg("red node %zu (key %zu) has a red child", x, n->key);
        }
    int l = tree_black_height(m, n->left), r = tree_black_height(m, n->right);
    if (l != r)
        fail_msg("node %zu (key %zu): black heights %d and %d", x, n->key, l, r);
    return l + n->black;
}

/* The tree holds exactly the keys k with in[k], in order, as a valid red-black tree. */
static void tree_matches(const java_treemap *m, const int *in, size_t keys)
{
    size_t e = java_treemap_first(m), last = TREE_NONE;
    for (size_t k = 0; k < keys; k++) {
        size_t found = java_treemap_find(m, k);
        if (!in[k]) {
            assert_true(found == TREE_NONE);
            continue;
        }
        assert_true(e != TREE_NONE);
        assert_int_equal(m->node[e].key, k);
        assert_true(found == e);
        for (int side = 0; side < 2; side++) {
            size_t c = side ? m->node[e].right : m->node[e].left;
            if (c != TREE_NONE)
                assert_true(m->node[c].parent == e);
        }
        last = e;
        e = java_treemap_next(m, e);
    }
    assert_true(e == TREE_NONE);
    assert_true(java_treemap_last(m) == last);
    if (m->root != TREE_NONE) {
        assert_true(m->node[m->root].black);
        assert_true(m->node[m->root].parent == TREE_NONE);
    } else {
        assert_true(last == TREE_NONE);
    }
    tree_black_height(m, m->root);
}

static void treemap_against_a_set(void **state)
{
    (void)state;
    enum { KEYS = 48, OPS = 6000 };
    static struct java_treemap_node nodes[OPS];
    java_treemap m;
    java_treemap_init(&m, nodes, OPS);
    assert_true(java_treemap_first(&m) == TREE_NONE);
    assert_true(java_treemap_last(&m) == TREE_NONE);
    assert_true(java_treemap_next(&m, TREE_NONE) == TREE_NONE);
    int in[KEYS] = {0};
    size_t made = 0, two_children = 0;
    random_state = 0x51ed270b2701a6e5ULL;
    for (size_t op = 0; op < OPS; op++) {
        size_t key = (size_t)(rnd() % KEYS);
        if (rnd() % 5 < 3) { /* put */
            size_t before = java_treemap_find(&m, key), e = java_treemap_put(&m, key);
            assert_true(e != TREE_NONE);
            if (in[key])
                assert_true(e == before);
            else
                assert_int_equal(e, made++);
            assert_int_equal(m.node[e].key, key);
            in[key] = 1;
        } else { /* remove */
            size_t e = java_treemap_find(&m, key);
            size_t succ = e != TREE_NONE && m.node[e].left != TREE_NONE && m.node[e].right != TREE_NONE
                              ? java_treemap_next(&m, e)
                              : TREE_NONE;
            size_t succ_key = succ != TREE_NONE ? m.node[succ].key : 0;
            java_treemap_remove(&m, key);
            if (succ != TREE_NONE) { /* the JDK copies the successor's key into the node and unlinks the successor */
                two_children++;
                assert_int_equal(m.node[e].key, succ_key);
                assert_true(java_treemap_find(&m, succ_key) == e);
                assert_int_equal(m.node[succ].key, succ_key);
            } else if (e != TREE_NONE) {
                assert_int_equal(m.node[e].key, key);
            }
            in[key] = 0;
        }
        assert_int_equal(m.made, made);
        tree_matches(&m, in, KEYS);
    }
    assert_true(two_children > 100);
    /* full: a new key has no node left */
    java_treemap small;
    struct java_treemap_node two[2];
    java_treemap_init(&small, two, 2);
    assert_true(java_treemap_put(&small, 5) == 0);
    assert_true(java_treemap_put(&small, 3) == 1);
    assert_true(java_treemap_put(&small, 5) == 0);
    assert_true(java_treemap_put(&small, 9) == TREE_NONE);
    assert_true(java_treemap_find(&small, 9) == TREE_NONE);
    java_treemap_remove(&small, 4); /* absent: nothing changes */
    assert_true(java_treemap_first(&small) == 1);
    assert_true(java_treemap_last(&small) == 0);
}

/* --- preference uncertainty against loops written here --- */

struct by_u_entry {
    double u;
    uint64_t id;
};

static int by_u_then_id(const void *a, const void *b)
{
    const struct by_u_entry *x = a, *y = b;
    if (x->u != y->u)
        return x->u > y->u ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* The ranking of k outcomes parley_ranking_sample should give, into out (k issues-rows); its length. */
static size_t ranking_by_hand(const parley_utility *u, size_t k, uint64_t seed, uint32_t *out)
{
    const parley_space *s = parley_utility_space(u);
    size_t issues = parley_space_issue_count(s);
    uint64_t size;
    assert_int_equal(parley_space_size_u64(s, &size), PARLEY_OK);
    size_t n = k < size ? k : (size_t)size;
    struct by_u_entry *e = malloc(n * sizeof *e);
    assert_non_null(e);
    uint64_t state = seed;
    for (size_t have = 0; have < n;) {
        uint64_t id = k >= size ? have : parley_splitmix64(&state) % size;
        int dup = 0;
        for (size_t j = 0; j < have && !dup; j++)
            dup = e[j].id == id;
        if (dup)
            continue;
        uint32_t o[16];
        parley_space_decode(s, id, o);
        e[have++] = (struct by_u_entry){parley_utility_eval(u, o), id};
    }
    qsort(e, n, sizeof *e, by_u_then_id);
    for (size_t i = 0; i < n; i++)
        parley_space_decode(s, e[i].id, out + i * issues);
    free(e);
    return n;
}

static void ranking_sample_by_hand(void **state)
{
    (void)state;
    random_state = 0x0ddba11cafef00dULL;
    size_t draws = 0;
    for (int trial = 0; trial < 60; trial++) {
        parley_space *s = random_integer_space(20 + pick(200), 4, 4, 400);
        parley_utility *u = random_additive_utility(s, trial % 2, RANDOM_SOME_ZERO_WEIGHTS | RANDOM_DYADIC_WEIGHTS);
        uint64_t size;
        assert_int_equal(parley_space_size_u64(s, &size), PARLEY_OK);
        size_t issues = parley_space_issue_count(s);
        const size_t ks[] = {1, 2, (size_t)size / 3 + 1, (size_t)size - 1, (size_t)size, (size_t)size + 7, 100};
        for (size_t q = 0; q < sizeof ks / sizeof *ks; q++) {
            uint64_t seed = rnd();
            uint32_t *ranked = NULL, *want = malloc((ks[q] + 8) * issues * sizeof *want);
            size_t count = 0;
            parley_error err;
            assert_int_equal(parley_ranking_sample(u, ks[q], seed, &ranked, &count, &err), PARLEY_OK);
            size_t n = ranking_by_hand(u, ks[q], seed, want);
            assert_int_equal(count, n);
            assert_memory_equal(ranked, want, n * issues * sizeof *want);
            draws += n;
            free(ranked);
            free(want);
        }
        parley_utility_free(u);
        parley_space_free(s);
    }
    assert_true(draws > 1000);
}

/* The frequency estimate by hand: each value's mean score (count - 1 - r) / (count - 1) over the rows holding it,
   unranked values at the issue's lowest mean (0 when none), then values rescaled per issue and weights by spread. */
static void frequency_by_hand(const parley_space *s, const uint32_t *ranked, size_t count, double *value,
                              double *weight)
{
    size_t issues = parley_space_issue_count(s), at = 0;
    double total = 0;
    for (size_t i = 0; i < issues; i++) {
        uint32_t nv = parley_issue_value_count(s, i);
        double lo = INFINITY, hi = -INFINITY;
        for (uint32_t v = 0; v < nv; v++) {
            double sum = 0, seen = 0;
            for (size_t r = 0; r < count; r++)
                if (ranked[r * issues + i] == v) {
                    sum += count > 1 ? (double)(count - 1 - r) / (double)(count - 1) : 1;
                    seen++;
                }
            value[at + v] = seen > 0 ? sum / seen : NAN;
            if (seen > 0)
                lo = value[at + v] < lo ? value[at + v] : lo;
        }
        for (uint32_t v = 0; v < nv; v++) {
            if (isnan(value[at + v]))
                value[at + v] = isinf(lo) ? 0 : lo;
            hi = value[at + v] > hi ? value[at + v] : hi;
        }
        double low = INFINITY;
        for (uint32_t v = 0; v < nv; v++)
            low = value[at + v] < low ? value[at + v] : low;
        for (uint32_t v = 0; v < nv; v++)
            value[at + v] = hi > low ? (value[at + v] - low) / (hi - low) : 1;
        weight[i] = hi - low;
        total += weight[i];
        at += nv;
    }
    for (size_t i = 0; i < issues; i++)
        weight[i] = total > 0 ? weight[i] / total : 1.0 / (double)issues;
}

static void frequency_estimate_by_hand(void **state)
{
    (void)state;
    random_state = 0xfeedbeef12345ULL;
    for (int trial = 0; trial < 80; trial++) {
        parley_space *s = random_integer_space(10 + pick(100), 4, 4, 200);
        size_t issues = parley_space_issue_count(s), count = 1 + pick(trial % 4 == 0 ? 3 : 40);
        uint32_t *ranked = malloc(count * issues * sizeof *ranked);
        for (size_t r = 0; r < count; r++)
            for (size_t i = 0; i < issues; i++)
                ranked[r * issues + i] = pick(parley_issue_value_count(s, i));
        parley_utility *est = NULL;
        parley_error err;
        assert_int_equal(parley_utility_estimate(s, ranked, count, PARLEY_ESTIMATE_FREQUENCY, &est, &err), PARLEY_OK);
        double value[64], weight[16];
        frequency_by_hand(s, ranked, count, value, weight);
        size_t at = 0;
        for (size_t i = 0; i < issues; i++) {
            assert_float_equal(parley_utility_weight(est, i), weight[i], 1e-12);
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                assert_float_equal(parley_utility_value(est, i, v), value[at + v], 1e-12);
            at += parley_issue_value_count(s, i);
        }
        parley_utility_free(est);
        free(ranked);
        parley_space_free(s);
    }
    parley_error err;
    parley_utility *none = NULL;
    parley_space *s = random_integer_space(10, 4, 4, 200);
    assert_int_equal(parley_utility_estimate(s, NULL, 0, PARLEY_ESTIMATE_FREQUENCY, &none, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "a ranking needs at least one outcome");
    assert_null(none);
    parley_space_free(s);
}

/* parley_scenario_uncertain: party k's utility replaced by the estimate from its own ranking (the same calls made
   here), the other party's kept; its errors.  The LP estimator refuses more than 1000 ranked outcomes. */
static void scenario_uncertain_by_hand(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(3, 3);
    const parley_space *space = parley_scenario_space(sc);
    for (size_t k = 0; k < 2; k++)
        for (int how = 0; how < 2; how++) {
            parley_scenario *out = NULL;
            parley_error err;
            assert_int_equal(parley_scenario_uncertain(sc, k, 20, (parley_estimator)how, 77, &out, &err), PARLEY_OK);
            const parley_utility *truth = parley_party_utility(sc, parley_scenario_negotiator(sc, k));
            uint32_t *ranked = NULL;
            size_t count = 0;
            parley_utility *est = NULL;
            assert_int_equal(parley_ranking_sample(truth, 20, 77, &ranked, &count, &err), PARLEY_OK);
            assert_int_equal(parley_utility_estimate(space, ranked, count, (parley_estimator)how, &est, &err),
                             PARLEY_OK);
            const parley_utility *got = parley_party_utility(out, parley_scenario_negotiator(out, k));
            const parley_utility *other = parley_party_utility(out, parley_scenario_negotiator(out, 1 - k));
            const parley_utility *other_before = parley_party_utility(sc, parley_scenario_negotiator(sc, 1 - k));
            for (size_t i = 0; i < 3; i++) {
                assert_float_equal(parley_utility_weight(got, i), parley_utility_weight(est, i), 0);
                assert_float_equal(parley_utility_weight(other, i), parley_utility_weight(other_before, i), 0);
                for (uint32_t v = 0; v < 4; v++)
                    assert_float_equal(parley_utility_value(got, i, v), parley_utility_value(est, i, v), 0);
            }
            parley_utility_free(est);
            free(ranked);
            parley_scenario_free(out);
        }
    parley_scenario *out = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_uncertain(sc, 2, 20, PARLEY_ESTIMATE_LP, 1, &out, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "no negotiating party 3");
    assert_null(out);
    uint32_t *many = calloc(1001 * 3, sizeof *many);
    parley_utility *est = NULL;
    assert_int_equal(parley_utility_estimate(space, many, 1001, PARLEY_ESTIMATE_LP, &est, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the LP estimator takes at most 1000 ranked outcomes, got 1001 (use the "
                                     "frequency estimator)");
    assert_null(est);
    free(many);
    parley_scenario_free(sc);
}

/* A ranking drawn from an additive utility (distinct utilities) is consistent, so the LP estimate needs no slack:
   it ranks the outcomes strictly in the same order (its rescaling per issue keeps the order of the sums). */
static void lp_estimate_keeps_a_consistent_order(void **state)
{
    (void)state;
    random_state = 0xabad1deaULL;
    int checked = 0;
    for (int trial = 0; trial < 30; trial++) {
        parley_space *s = random_integer_space(30 + pick(60), 3, 3, 120);
        parley_utility *u = random_additive_utility(s, 0, 0);
        size_t issues = parley_space_issue_count(s);
        uint32_t *ranked = NULL;
        size_t count = 0;
        parley_error err;
        assert_int_equal(parley_ranking_sample(u, 12 + pick(20), rnd(), &ranked, &count, &err), PARLEY_OK);
        parley_utility *est = NULL;
        assert_int_equal(parley_utility_estimate(s, ranked, count, PARLEY_ESTIMATE_LP, &est, &err), PARLEY_OK);
        for (size_t r = 0; r + 1 < count; r++)
            if (parley_utility_eval(u, ranked + r * issues) > parley_utility_eval(u, ranked + (r + 1) * issues)) {
                assert_true(parley_utility_eval(est, ranked + r * issues) >
                            parley_utility_eval(est, ranked + (r + 1) * issues) + 1e-9);
                checked++;
            }
        double sum = 0;
        for (size_t i = 0; i < issues; i++)
            sum += parley_utility_weight(est, i);
        assert_float_equal(sum, 1, 1e-12);
        parley_utility_free(est);
        parley_utility_free(u);
        free(ranked);
        parley_space_free(s);
    }
    assert_true(checked > 300);
}

/* --- GENIUS's plain outcome space against loops over the packages --- */

static size_t gos_checks, gos_mismatches;

/* The space's answers for every query against loops over u[0..n) (position order). */
static void gos_compare(const genius_outcome_space *s, const double *u, size_t n)
{
    size_t best = n;
    double top = 0;
    for (size_t j = 0; j < n; j++)
        if (u[j] > top)
            top = u[j], best = j;
    gos_checks++;
    gos_mismatches += genius_outcome_space_best(s) != best;
    double targets[3 * 64 + 8];
    size_t t = 0;
    for (size_t j = 0; j < n && t < 3 * 64; j++)
        targets[t++] = u[j], targets[t++] = u[j] + 1e-9, targets[t++] = (u[j] + u[(j * 7 + 3) % n]) / 2;
    const double extra[] = {-0.5, 1.5, -1.0000001, 2.0000001, 0, 1, -1e-9};
    for (size_t k = 0; k < sizeof extra / sizeof *extra; k++)
        targets[t++] = extra[k];
    for (size_t k = 0; k < t; k++) {
        double dmin = INFINITY;
        size_t near = 0;
        for (size_t j = 0; j < n; j++)
            if (fabs(u[j] - targets[k]) < dmin)
                dmin = fabs(u[j] - targets[k]), near = j;
        if (!(dmin < 1))
            near = 0;
        gos_checks++;
        gos_mismatches += genius_outcome_space_near(s, targets[k]) != near;
    }
    size_t *pos = NULL, cap = 0;
    for (size_t a = 0; a < t; a += 2)
        for (size_t b = 1; b < t; b += 5) {
            size_t m = genius_outcome_space_range(s, targets[a], targets[b], &pos, &cap), want = 0;
            int same = m != (size_t)-1;
            for (size_t j = 0; j < n && same; j++)
                if (u[j] > targets[a] && u[j] < targets[b])
                    same = want < m && pos[want++] == j;
            gos_checks++;
            gos_mismatches += !same || want != m;
        }
    free(pos);
}

static void gos_hook(parley_agent_view *v, long move)
{
    if (move != 0)
        return;
    const parley_space *space = parley_view_space(v);
    size_t issues = parley_space_issue_count(space);
    uint64_t size;
    parley_space_size_u64(space, &size);
    double u[64];
    uint32_t want[64][4], got[4];
    for (int sampled = 0; sampled < 2; sampled++) {
        genius_outcome_space s;
        if (genius_outcome_space_build(&s, v, sampled ? size - 1 : size) != PARLEY_OK) {
            gos_mismatches++;
            return;
        }
        size_t n = sampled ? parley_view_outcome_count(v) : (size_t)size;
        uint32_t counter[4] = {0, 0, 0, 0};
        for (size_t j = 0; j < n; j++) {
            if (sampled) {
                u[j] = parley_view_outcome_ranked(v, j, want[j]);
                continue;
            }
            memcpy(want[j], counter, sizeof counter);
            u[j] = parley_view_eval(v, counter);
            for (size_t i = 0; i < issues && ++counter[i] == parley_issue_value_count(space, i); i++)
                counter[i] = 0; /* the first issue fastest */
        }
        gos_checks++;
        gos_mismatches += s.count != n || s.enumerated != !sampled;
        for (size_t j = 0; j < n && j < s.count; j++) {
            double uj = genius_outcome_space_at(&s, v, j, got);
            gos_checks++;
            gos_mismatches += !(uj == u[j]) || memcmp(got, want[j], issues * sizeof *got) != 0;
        }
        gos_compare(&s, u, n);
        genius_outcome_space_free(&s);
    }
}

static void genius_outcome_space_by_hand(void **state)
{
    (void)state;
    const int shapes[][2] = {{3, 3}, {2, 4}, {1, 5}, {4, 1}, {3, 2}};
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        parley_scenario *sc = probe_opposed_linear(shapes[k][0], shapes[k][1]);
        uint32_t first[4] = {0, 0, 0, 0};
        script_set((size_t)shapes[k][0], 1, first);
        script_hook = gos_hook;
        gos_checks = gos_mismatches = 0;
        parley_negotiation *neg = probe_negotiation(sc, 2, 1, &script_agent, "", &script_agent, "");
        probe_run(neg);
        long offered = probe_find(neg, PARLEY_EVENT_OFFER, 0, NULL); /* the hook ran at the script's first move */
        parley_negotiation_free(neg);
        parley_scenario_free(sc);
        assert_true(offered >= 0);
        assert_int_equal(gos_mismatches, 0);
        assert_true(gos_checks > 100);
    }
}

/* --- getBidNearUtility against the sorted list --- */

struct listed {
    double u;
    int32_t hash;
    uint32_t values[4];
};

static size_t listed_issues;

static int listed_order(const void *x, const void *y)
{
    const struct listed *a = x, *b = y;
    if (a->u != b->u)
        return a->u > b->u ? -1 : 1;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    for (size_t i = listed_issues; i-- > 0;) /* BidIterator order: the last differing issue decides */
        if (a->values[i] != b->values[i])
            return a->values[i] < b->values[i] ? -1 : 1;
    return 0;
}

static size_t near_checks, near_mismatches;

static void near_hook(parley_agent_view *v, long move)
{
    if (move != 0)
        return;
    const parley_space *space = parley_view_space(v);
    size_t issues = parley_space_issue_count(space), n = parley_view_outcome_count(v);
    struct listed list[64];
    for (size_t j = 0; j < n; j++) {
        memset(list[j].values, 0, sizeof list[j].values);
        list[j].u = parley_view_outcome_ranked(v, j, list[j].values);
        list[j].hash = java_bid_details_hash_at(space, list[j].values, list[j].u, -1);
    }
    listed_issues = issues;
    qsort(list, n, sizeof *list, listed_order);
    double targets[4 * 64 + 8];
    size_t t = 0;
    for (size_t j = 0; j < n; j++) {
        targets[t++] = list[j].u;
        targets[t++] = list[j].u + 1e-12;
        targets[t++] = list[j].u - 1e-12;
        targets[t++] = (list[j].u + list[(j + 1) % n].u) / 2;
    }
    const double extra[] = {-0.25, 1.25, 0, 1};
    for (size_t k = 0; k < sizeof extra / sizeof *extra; k++)
        targets[t++] = extra[k];
    for (size_t k = 0; k < t; k++) {
        long middle = -1, low = 0, high = (long)n - 1, last = 0;
        while (last != middle) { /* searchIndexWith */
            last = middle;
            middle = (low + high) / 2;
            if (list[middle].u == targets[k])
                break;
            if (list[middle].u < targets[k])
                high = middle;
            else
                low = middle;
        }
        size_t pick = (size_t)middle;
        if (pick + 1 < n && fabs(list[pick + 1].u - targets[k]) < fabs(list[pick].u - targets[k]))
            pick++;
        uint32_t got[4] = {0, 0, 0, 0};
        double u = agent_bid_near(v, targets[k], got);
        near_checks++;
        near_mismatches += !(u == list[pick].u) || memcmp(got, list[pick].values, issues * sizeof *got) != 0;
    }
}

static void bid_near_against_the_list(void **state)
{
    (void)state;
    const int shapes[][2] = {{3, 3}, {2, 4}, {1, 5}, {4, 1}, {3, 2}, {2, 2}};
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        parley_scenario *sc = probe_opposed_linear(shapes[k][0], shapes[k][1]);
        uint32_t first[4] = {0, 0, 0, 0};
        script_set((size_t)shapes[k][0], 1, first);
        script_hook = near_hook;
        near_checks = near_mismatches = 0;
        parley_negotiation *neg = probe_negotiation(sc, 2, 1, &script_agent, "", &script_agent, "");
        probe_run(neg);
        parley_negotiation_free(neg);
        parley_scenario_free(sc);
        assert_int_equal(near_mismatches, 0);
        assert_true(near_checks >= 2 * 4 * 4); /* both parties' views, at least 4 packages each */
    }
    /* P1 values every package at 0.5: one run, no level below or above it (GENIUS's bisection stops at once) */
    parley_scenario *flat = probe_scenario(
        "{\"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 2}, {\"name\": \"b\", \"type\": "
        "\"integer\", \"min\": 0, \"max\": 3}], \"parties\": [{\"name\": \"P0\", \"preferences\": {\"a\": {\"weight\": 0.5, "
        "\"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}, \"b\": {\"weight\": 0.5, \"function\": "
        "{\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}}, {\"name\": \"P1\", \"preferences\": {\"a\": {\"weight\": "
        "0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0.5, \"at_max\": 0.5}}, \"b\": {\"weight\": 0.5, "
        "\"function\": {\"type\": \"linear\", \"at_min\": 0.5, \"at_max\": 0.5}}}}]}");
    uint32_t first[2] = {0, 0};
    script_set(2, 1, first);
    script_hook = near_hook;
    near_checks = near_mismatches = 0;
    parley_negotiation *neg = probe_negotiation(flat, 2, 1, &script_agent, "", &script_agent, "");
    probe_run(neg);
    parley_negotiation_free(neg);
    parley_scenario_free(flat);
    assert_int_equal(near_mismatches, 0);
    assert_true(near_checks >= 2 * 4 * 12);
}

/* --- an opponent model's accuracy against loops written here --- */

/* tau-b = (nc - nd) / sqrt((n0 - tx)(n0 - ty)), tx and ty the pairs tied in x and in y (both included). */
static double tau_b_by_hand(const double *x, const double *y, size_t n)
{
    double nc = 0, nd = 0, tx = 0, ty = 0, n0 = (double)n * (double)(n - 1) / 2;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++) {
            int xt = fabs(x[i] - x[j]) <= 1e-12, yt = fabs(y[i] - y[j]) <= 1e-12;
            tx += xt;
            ty += yt;
            if (!xt && !yt)
                (x[i] - x[j]) * (y[i] - y[j]) > 0 ? nc++ : nd++;
        }
    double d = (n0 - tx) * (n0 - ty);
    return d > 0 ? (nc - nd) / sqrt(d) : NAN;
}

static double pearson_by_hand(const double *x, const double *y, size_t n)
{
    double sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++)
        sx += x[i], sy += y[i], sxy += x[i] * y[i], sxx += x[i] * x[i], syy += y[i] * y[i];
    double cov = sxy - sx * sy / (double)n, vx = sxx - sx * sx / (double)n, vy = syy - sy * sy / (double)n;
    return vx > 1e-12 && vy > 1e-12 ? cov / sqrt(vx * vy) : NAN;
}

static int same_or_both_nan(double a, double b, double eps)
{
    return isnan(a) ? isnan(b) : !isnan(b) && fabs(a - b) <= eps;
}

static void kendall_and_pearson_by_hand(void **state)
{
    (void)state;
    random_state = 0x7e57ab1eULL;
    double x[40], y[40];
    for (int trial = 0; trial < 300; trial++) {
        size_t n = 2 + pick(38);
        for (size_t i = 0; i < n; i++) {
            x[i] = trial % 3 == 0 ? pick(4) / 4.0 : uniform(); /* ties in x one time in three */
            y[i] = trial % 5 == 0 ? pick(3) / 2.0 : uniform();
            if (trial % 7 == 0 && i > 0)
                x[i] = x[i - 1] + (pick(2) ? 5e-13 : 2e-12); /* within the tie tolerance, or just past it */
        }
        if (trial % 11 == 0)
            for (size_t i = 0; i < n; i++)
                y[i] = 0.5; /* constant: both undefined */
        assert_true(same_or_both_nan(boa_kendall_tau(x, y, n), tau_b_by_hand(x, y, n), 1e-12));
        if (trial % 11 != 0 && trial % 7 != 0)
            assert_true(same_or_both_nan(boa_pearson(x, y, n), pearson_by_hand(x, y, n), 1e-9));
    }
    const double up[] = {0, 1, 2, 3}, down[] = {3, 2, 1, 0}, flat[] = {1, 1, 1, 1};
    assert_float_equal(boa_kendall_tau(up, up, 4), 1, 0);
    assert_float_equal(boa_kendall_tau(up, down, 4), -1, 0);
    assert_true(isnan(boa_kendall_tau(up, flat, 4)));
    assert_float_equal(boa_pearson(up, down, 4), -1, 1e-15);
    assert_true(isnan(boa_pearson(flat, up, 4)));
    /* differences of exactly 1e-12 are ties, 2e-12 is not: one concordant pair and two tied in x, 1 / sqrt(3) */
    const double close_up[] = {0, 1e-12, 2e-12}, close_down[] = {2e-12, 1e-12, 0}, ranks[] = {0, 1, 2};
    assert_float_equal(boa_kendall_tau(close_up, ranks, 3), 1 / sqrt(3), 1e-15);
    assert_float_equal(boa_kendall_tau(close_down, ranks, 3), -1 / sqrt(3), 1e-15);
    assert_float_equal(boa_kendall_tau(ranks, close_down, 3), -1 / sqrt(3), 1e-15);
}

static void model_accuracy_by_hand(void **state)
{
    (void)state;
    random_state = 0xacc0acc0ULL;
    for (int trial = 0; trial < 24; trial++) {
        parley_space *s = trial % 4 == 3 ? random_integer_space(1200 + pick(2000), 5, 6, 6000) /* above 1000 */
                                         : random_integer_space(20 + pick(300), 5, 4, 600);
        parley_utility *truth = random_additive_utility(s, trial % 2, 0);
        parley_opponent_model *m = NULL;
        const char *names[] = {"frequency", "smith", "bayes"};
        assert_int_equal(parley_opponent_model_new(names[trial % 3], s, &m, NULL), PARLEY_OK);
        size_t issues = parley_space_issue_count(s);
        uint64_t size;
        assert_int_equal(parley_space_size_u64(s, &size), PARLEY_OK);
        uint32_t o[16];
        for (int b = 0; b < 6; b++) {
            parley_space_decode(s, rnd() % size, o);
            assert_int_equal(parley_opponent_model_observe(m, o, b / 10.0), PARLEY_OK);
        }
        const size_t asks[] = {0, (size_t)size, (size_t)size - 1, 50};
        for (size_t q = 0; q < 4; q++) {
            uint64_t seed = rnd();
            parley_model_accuracy acc;
            parley_error err;
            assert_int_equal(parley_opponent_model_accuracy(m, truth, asks[q], seed, &acc, &err), PARLEY_OK);
            size_t want = asks[q] == 0 ? 1000 : asks[q];
            int whole = size <= want;
            size_t n = whole ? (size_t)size : want;
            assert_int_equal(acc.samples, n);
            double *mu = malloc(n * sizeof *mu), *tu = malloc(n * sizeof *tu), se = 0;
            uint64_t st = seed;
            for (size_t k = 0; k < n; k++) {
                if (whole)
                    parley_space_decode(s, k, o);
                else
                    for (size_t i = 0; i < issues; i++)
                        o[i] = (uint32_t)(parley_splitmix64(&st) % parley_issue_value_count(s, i));
                mu[k] = parley_opponent_model_eval(m, o);
                tu[k] = parley_utility_eval(truth, o);
                se += (mu[k] - tu[k]) * (mu[k] - tu[k]);
            }
            assert_float_equal(acc.rmse, sqrt(se / (double)n), 1e-12);
            assert_true(same_or_both_nan(acc.kendall, tau_b_by_hand(mu, tu, n), 1e-12));
            assert_true(same_or_both_nan(acc.pearson, pearson_by_hand(mu, tu, n), 1e-9));
            free(mu);
            free(tu);
        }
        parley_opponent_model_free(m);
        parley_utility_free(truth);
        parley_space_free(s);
    }
}

/* --- the agents' parameter strings --- */

static void expect_param_error(int rc, const parley_error *err, const char *message)
{
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_string_equal(err->message, message);
}

static void agent_parameters_parsed(void **state)
{
    (void)state;
    static const char *const keys[] = {"e", "ee", "name", NULL}, *const none[] = {NULL};
    parley_error err;
    assert_int_equal(parley_agent_params_check("x", "e=1:ee=2:name=z", keys, &err), PARLEY_OK);
    assert_int_equal(parley_agent_params_check("x", "", keys, &err), PARLEY_OK);
    assert_int_equal(parley_agent_params_check("x", NULL, keys, &err), PARLEY_OK);
    const char *malformed[] = {"e", "=1", "e=", "e=1:", "e=1::ee=2", ":e=1"};
    for (size_t k = 0; k < sizeof malformed / sizeof *malformed; k++) {
        char want[160];
        snprintf(want, sizeof want, "agent x: malformed parameters '%s' (expected key=value, separated by ':')",
                 malformed[k]);
        expect_param_error(parley_agent_params_check("x", malformed[k], keys, &err), &err, want);
    }
    expect_param_error(parley_agent_params_check("x", "e=1:f=2", keys, &err), &err,
                       "agent x: unknown parameter 'f' (expected e, ee, name)");
    expect_param_error(parley_agent_params_check("x", "n=2", none, &err), &err,
                       "agent x: unknown parameter 'n' (expected no parameters)");
    expect_param_error(parley_agent_params_check("x", "eee=2", keys, &err), &err,
                       "agent x: unknown parameter 'eee' (expected e, ee, name)");

    double x = -7;
    assert_int_equal(parley_agent_param_double("x", "ee=2:e=0.25", "e", 9, &x, &err), PARLEY_OK);
    assert_float_equal(x, 0.25, 0);
    assert_int_equal(parley_agent_param_double("x", "ee=2", "e", 9, &x, &err), PARLEY_OK);
    assert_float_equal(x, 9, 0); /* absent: the default */
    assert_int_equal(parley_agent_param_double("x", "e=1:e=3", "e", 9, &x, &err), PARLEY_OK);
    assert_float_equal(x, 3, 0); /* repeated: the last */
    assert_int_equal(parley_agent_param_double("x", "bad:e=4", "e", 9, &x, &err), PARLEY_OK);
    assert_float_equal(x, 4, 0); /* a malformed item is skipped here (params_check refuses it) */
    assert_int_equal(parley_agent_param_double("x", NULL, "e", 5, &x, &err), PARLEY_OK);
    assert_float_equal(x, 5, 0);
    const char *not_numbers[] = {"1.5x", "inf", "nan", "1e999", "0x", " "};
    for (size_t k = 0; k < sizeof not_numbers / sizeof *not_numbers; k++) {
        char params[32], want[96];
        snprintf(params, sizeof params, "e=%s", not_numbers[k]);
        snprintf(want, sizeof want, "agent x: e=%s is not a number", not_numbers[k]);
        expect_param_error(parley_agent_param_double("x", params, "e", 9, &x, &err), &err, want);
    }
    char params[96] = "e=0.";
    while (strlen(params) < 2 + 62)
        strcat(params, "0");
    strcat(params, "5"); /* a value of 63 characters: fits the 64-byte buffer */
    assert_int_equal(parley_agent_param_double("x", params, "e", 9, &x, &err), PARLEY_OK);
    assert_true(x > 0 && x < 1e-50);
    memmove(params + 4, params + 3, strlen(params + 3) + 1);
    params[3] = '0'; /* 64 characters */
    expect_param_error(parley_agent_param_double("x", params, "e", 9, &x, &err), &err,
                       "agent x: value of e is too long");

    char buf[8];
    assert_int_equal(parley_agent_param_string("x", "name=abc:name=def", "name", "dflt", buf, sizeof buf, &err),
                     PARLEY_OK);
    assert_string_equal(buf, "abc"); /* repeated: the first */
    assert_int_equal(parley_agent_param_string("x", "e=1", "name", "dflt", buf, sizeof buf, &err), PARLEY_OK);
    assert_string_equal(buf, "dflt");
    assert_int_equal(parley_agent_param_string("x", NULL, "name", "", buf, sizeof buf, &err), PARLEY_OK);
    assert_string_equal(buf, "");
    assert_int_equal(parley_agent_param_string("x", "name=1234567", "name", "d", buf, sizeof buf, &err), PARLEY_OK);
    assert_string_equal(buf, "1234567"); /* size - 1 characters */
    expect_param_error(parley_agent_param_string("x", "name=12345678", "name", "d", buf, sizeof buf, &err), &err,
                       "agent x: value of name is too long");
    expect_param_error(parley_agent_param_string("x", "e=1", "name", "12345678", buf, sizeof buf, &err), &err,
                       "agent x: value of name is too long"); /* a default too long as well */
}

/* --- BOA's acceptance conditions at their edges --- */

static parley_acceptance *acceptance(const char *name, const char *params)
{
    parley_acceptance *a = NULL;
    parley_error err;
    if (parley_acceptance_new(name, params, &a, &err) != PARLEY_OK)
        fail_msg("%s:%s: %s", name, params, err.message);
    return a;
}

static int decide(const char *name, const char *params, double time, double offered, double next, double last)
{
    parley_acceptance *a = acceptance(name, params);
    static const double rt[] = {0.5, 0.975, 0.98 - 5e-13, 0.985}, ru[] = {0.99, 0.97, 0.6, 0.5};
    parley_acceptance_input in = {time, offered, next, last, rt, ru, 4};
    int yes = parley_acceptance_decide(a, &in);
    parley_acceptance_free(a);
    return yes;
}

static void acceptance_at_its_edges(void **state)
{
    (void)state;
    const char *fine[][2] = {{"const", "c=1"}, {"const", "c=0"}, {"time", "t=1"}, {"time", "t=0"},
                             {"next", "a=0.000001"}, {"combi", "t=1"}, {"prev", "a=2:b=-1"}};
    for (size_t k = 0; k < sizeof fine / sizeof *fine; k++)
        parley_acceptance_free(acceptance(fine[k][0], fine[k][1]));
    const char *refused[][2] = {{"const", "c=1.000001"}, {"const", "c=-0.000001"}, {"time", "t=1.000001"},
                                {"time", "t=-0.000001"}, {"next", "a=0"}, {"prev", "a=-1"}, {"combi", "t=2"}};
    for (size_t k = 0; k < sizeof refused / sizeof *refused; k++) {
        parley_acceptance *a = NULL;
        parley_error err;
        assert_int_equal(parley_acceptance_new(refused[k][0], refused[k][1], &a, &err), PARLEY_EINVAL);
        char want[96];
        snprintf(want, sizeof want, "acceptance %s: t and c must be in [0,1] and a > 0", refused[k][0]);
        assert_string_equal(err.message, want);
        assert_null(a);
    }
    parley_acceptance *a = NULL;
    parley_error err;
    assert_int_equal(parley_acceptance_new("sometimes", "", &a, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "unknown acceptance strategy 'sometimes' (expected next, const, time, prev or "
                                     "combi)");
    /* next: a offered + b >= next - 1e-12 */
    assert_true(decide("next", "", 0.5, 0.7 - 5e-13, 0.7, NAN));
    assert_false(decide("next", "", 0.5, 0.7 - 2e-12, 0.7, NAN));
    assert_true(decide("next", "a=2:b=-0.5", 0.5, 0.6, 0.7, NAN));   /* 1.2 - 0.5 = 0.7 */
    assert_false(decide("next", "a=2:b=-0.5", 0.5, 0.59, 0.7, NAN)); /* 0.68 */
    /* const and time: strictly above */
    assert_false(decide("const", "", 0.5, 0.9, 1, NAN));
    assert_true(decide("const", "", 0.5, 0.9000001, 1, NAN));
    assert_false(decide("time", "", 0.99, 0, 1, NAN));
    assert_true(decide("time", "", 0.9900001, 0, 1, NAN));
    assert_false(decide("time", "t=0.5", 0.5, 1, 0, NAN));
    /* prev: against its previous bid, none before its first */
    assert_false(decide("prev", "", 0.5, 1, 0, NAN));
    assert_true(decide("prev", "", 0.5, 0.7 - 5e-13, 1, 0.7));
    assert_false(decide("prev", "", 0.5, 0.7 - 2e-12, 0, 0.7));
    /* combi: its next bid, or from t = 0.98 on the best offer of the last 1 - t of time: at 0.99 those since 0.98
       (0.98 - 5e-13 within the tolerance: 0.6; 0.975 outside); at 0.985 since 0.97 (0.975's 0.97 counts) */
    assert_true(decide("combi", "", 0.5, 0.8, 0.8, NAN));
    assert_false(decide("combi", "", 0.97, 0.7, 0.8, NAN)); /* before t */
    assert_true(decide("combi", "", 0.99, 0.6, 0.8, NAN));
    assert_false(decide("combi", "", 0.99, 0.6 - 2e-12, 0.8, NAN));
    assert_true(decide("combi", "", 0.99, 0.6 - 5e-13, 0.8, NAN));
    assert_false(decide("combi", "", 0.985, 0.96, 0.99, NAN));
    assert_true(decide("combi", "", 0.985, 0.97, 0.99, NAN));
    assert_true(decide("combi", "", 0.98 - 5e-13, 0.97, 0.99, NAN)); /* t reached within the tolerance */
    assert_false(decide("combi", "", 0.98 - 2e-12, 0.97, 0.99, NAN));
}

/* --- BOA's bidding strategies by hand --- */

static double bid_target(const char *name, const char *params, double time, double best, double floor, double nash,
                         const double *received, size_t count)
{
    parley_bidding *b = NULL;
    parley_error err;
    if (parley_bidding_new(name, params, &b, &err) != PARLEY_OK)
        fail_msg("%s:%s: %s", name, params, err.message);
    parley_bidding_input in = {time, best, floor, nash, received, count};
    double t = parley_bidding_target(b, &in);
    parley_bidding_free(b);
    return t;
}

static void bidding_by_hand(void **state)
{
    (void)state;
    const char *fine[][2] = {{"time", "e=1000"}, {"time", "e=0:k=1"}, {"tft", "window=1"}, {"tft", "window=0"},
                             {"time", "window=1"}};
    for (size_t k = 0; k < sizeof fine / sizeof *fine; k++)
        bid_target(fine[k][0], fine[k][1], 0.5, 1, 0, NAN, NULL, 0);
    const char *refused[][2] = {{"time", "e=1000.001"}, {"time", "e=-0.001"}, {"time", "k=1.001"},
                                {"time", "k=-0.001"}, {"tft", "window=1.001"}, {"tft", "window=-0.001"},
                                {"tft", "window=-1"}};
    for (size_t k = 0; k < sizeof refused / sizeof *refused; k++) {
        parley_bidding *b = NULL;
        parley_error err;
        assert_int_equal(parley_bidding_new(refused[k][0], refused[k][1], &b, &err), PARLEY_EINVAL);
        char want[96];
        snprintf(want, sizeof want, "bidding %s: e must be in [0,1000], k and window in [0,1]", refused[k][0]);
        assert_string_equal(err.message, want);
        assert_null(b);
    }
    parley_bidding *b = NULL;
    parley_error err;
    assert_int_equal(parley_bidding_new("haggle", "", &b, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "unknown bidding strategy 'haggle' (expected time or tft)");
    /* time: best - (best - floor) (k + (1 - k) t^(1/e)), best 0.9, floor 0.3 */
    assert_float_equal(bid_target("time", "e=1", 0.5, 0.9, 0.3, NAN, NULL, 0), 0.6, 1e-12);
    assert_float_equal(bid_target("time", "e=2", 0.25, 0.9, 0.3, NAN, NULL, 0), 0.6, 1e-12);   /* 0.25^0.5 */
    assert_float_equal(bid_target("time", "e=0.5", 0.5, 0.9, 0.3, NAN, NULL, 0), 0.75, 1e-12); /* 0.5^2 */
    assert_float_equal(bid_target("time", "e=0:k=0.5", 0.9, 0.9, 0.3, NAN, NULL, 0), 0.6, 1e-12);
    assert_float_equal(bid_target("time", "e=1:k=0.5", 0.5, 0.9, 0.3, NAN, NULL, 0), 0.45, 1e-12);
    assert_float_equal(bid_target("time", "e=1", 1.5, 0.9, 0.3, NAN, NULL, 0), 0.3, 1e-12);  /* t capped at 1 */
    assert_float_equal(bid_target("time", "e=1", -0.5, 0.9, 0.3, NAN, NULL, 0), 0.9, 1e-12); /* and at 0 */
    /* tft: best - fraction (best - nash), fraction = (best seen - first) / (nash - first), clamped to [0, 1] */
    const double moved[] = {0.2, 0.35, 0.3}, back[] = {0.4, 0.3}, past[] = {0.2, 0.9}, flat[] = {0.5, 0.5};
    assert_float_equal(bid_target("tft", "", 0.5, 0.9, 0.1, 0.5, NULL, 0), 0.9, 0);             /* no offer */
    assert_float_equal(bid_target("tft", "", 0.5, 0.9, 0.1, 0.5, moved, 3), 0.9 - 0.5 * 0.4, 1e-12); /* 0.15/0.3 */
    assert_float_equal(bid_target("tft", "", 0.5, 0.9, 0.1, 0.5, back, 2), 0.9, 1e-12);  /* never better: 0 */
    assert_float_equal(bid_target("tft", "", 0.5, 0.9, 0.1, 0.5, past, 2), 0.5, 1e-12);  /* past Nash: 1 */
    /* Nash unknown: halfway between best and floor, 0.6: fraction 0.15 / 0.4 of the way 0.3 */
    assert_float_equal(bid_target("tft", "", 0.5, 0.9, 0.3, NAN, moved, 3), 0.9 - 0.375 * 0.3, 1e-12);
    assert_float_equal(bid_target("tft", "", 0.5, 0.9, 0.1, 0.5 + 5e-10, flat, 2), 0.9, 1e-12); /* way <= 1e-9 */
    assert_float_equal(bid_target("tft", "", 0.5, 0.9, 0.7, 0.5, past, 2), 0.7, 1e-12);         /* the floor */
}

/* --- the agents of this area in short talks against a script (random_talks_k16.h) --- */

/* Their digests, recorded from this build, are tests/data/k16_talks.txt (PARLEY_K16_RECORD=1 prints them again). */

/* Round deadlines: talks 0.. of each agent, the most detailed output (every event) pinned; BOA with every
   acceptance condition and non-default parameters; PonPoko with each of its five threshold patterns; CUHK and
   NiceTitForTat (helper agt1's ports) keep the opponent's best offer in boa_track.c: the first of equal ones. */
static void agents_in_random_talks(void **state)
{
    (void)state;
    static const struct talk_run runs[] = {
        {"cuhk", "cuhk"},
        {"nice-tit-for-tat", "ntft"},
        {"ponpoko:pattern=0", "ponpoko_pattern0"},
        {"ponpoko:pattern=1", "ponpoko_pattern1"},
        {"ponpoko:pattern=2", "ponpoko_pattern2"},
        {"ponpoko:pattern=3", "ponpoko_pattern3"},
        {"ponpoko:pattern=4", "ponpoko_pattern4"},
        {"boa:bidding=time:e=2:k=0.1:model=none:accept=const:c=0.8", "boa_const"},
        {"boa:model=bayes:accept=time:t=0.5", "boa_time"},
        {"boa:bidding=tft:model=frequency:accept=next:a=1.1:b=-0.05:window=0.05", "boa_next"},
        {"boa:model=smith:accept=combi:t=0.9:window=0", "boa_combi"},
    };
    play_talk_runs("plain", talk_area_agents, sizeof talk_area_agents / sizeof *talk_area_agents, TALK_ALTERNATING,
                   0, 2, 0);
    play_talk_runs("plain", runs, sizeof runs / sizeof *runs, TALK_ALTERNATING, 0, 2, 0);
}

/* The mediated protocols (single text, shuttle): the agent's votes, amendments and answers, every event pinned. */
static void agents_in_mediated_talks(void **state)
{
    (void)state;
    play_talk_runs("plain", talk_area_agents, 7, TALK_SINGLE_TEXT | TALK_SHUTTLE, 0, 2, 0);
}

/* Fenced talks (random_talks_k16.h talk_fence): the agent's red line rules out its best package, a constraint the
   last issue's maximum: its bids kept within them, its amendments, its walk-away when nothing is left. */
static void agents_in_fenced_talks(void **state)
{
    (void)state;
    play_talk_runs("fenced", talk_area_agents, 8, TALK_EVERY_PROTOCOL, 1, 2, 0);
}

/* Three parties (random_talks_k16.h talk_parties): the agent with two scripts, its models of both, in the three
   protocols. */
static void agents_in_three_party_talks(void **state)
{
    (void)state;
    play_talk_runs("three", talk_area_agents, 8, TALK_EVERY_PROTOCOL, 0, 3, 0);
}

/*
 * PonPoko on categorical issues with long labels (String.hashCode values far above 2^16, so HashMap.hash's
 * h ^ h >>> 16 moves the buckets) and utilities with many ties: the order of its equally good random packages is
 * their HashSet buckets', and its random bids between its thresholds pick among them.  Each pattern, seeds 1..3.
 */
static const char ponpoko_labels_json[] =
    "{\"issues\": [{\"name\": \"colour\", \"type\": \"categorical\", \"values\": [\"crimson\", \"turquoise\", "
    "\"vermilion\", \"ultramarine\"]}, {\"name\": \"fabric\", \"type\": \"categorical\", \"values\": [\"gabardine\", "
    "\"corduroy\", \"seersucker\"]}, {\"name\": \"size\", \"type\": \"categorical\", \"values\": [\"petite\", "
    "\"regular\", \"extralarge\"]}], \"parties\": [{\"name\": \"P0\", \"preferences\": {\"colour\": {\"weight\": 0.5, "
    "\"values\": {\"crimson\": 0, \"turquoise\": 1, \"vermilion\": 0.5, \"ultramarine\": 1}}, \"fabric\": {\"weight\": "
    "0.25, \"values\": {\"gabardine\": 0, \"corduroy\": 1, \"seersucker\": 1}}, \"size\": {\"weight\": 0.25, "
    "\"values\": "
    "{\"petite\": 1, \"regular\": 0, \"extralarge\": 0.5}}}}, {\"name\": \"P1\", \"preferences\": {\"colour\": "
    "{\"weight\": 0.5, \"values\": {\"crimson\": 1, \"turquoise\": 0, \"vermilion\": 1, \"ultramarine\": 0.5}}, "
    "\"fabric\": {\"weight\": 0.25, \"values\": {\"gabardine\": 1, \"corduroy\": 0.5, \"seersucker\": 1}}, \"size\": "
    "{\"weight\": 0.25, \"values\": {\"petite\": 0.5, \"regular\": 1, \"extralarge\": 1}}}}]}";

static const uint64_t ponpoko_labels_talks[15] = {
    0x6949ab2724da27b6ULL, 0xb37bf9fbfdb23ddcULL, 0x73080a58c780a6aaULL, 0x2e2910934610d97bULL,
    0xa52705898b40a1ebULL, 0x6115ec4b670cbbf7ULL, 0x6949ab2724da27b6ULL, 0xb37bf9fbfdb23ddcULL,
    0x73080a58c780a6aaULL, 0x6949ab2724da27b6ULL, 0xb37bf9fbfdb23ddcULL, 0x73080a58c780a6aaULL,
    0xf8f328375e794c89ULL, 0x9c9cad660a2fac95ULL, 0x9f9d0b1f256ea41aULL,
};

static void ponpoko_on_long_labels(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(ponpoko_labels_json);
    const uint32_t script[2][3] = {{1, 1, 0}, {3, 2, 0}};
    memcpy(talk_script.offers, script, sizeof script);
    talk_script.count = 2;
    talk_script.issues = 3;
    int record = getenv("PARLEY_K16_RECORD") != NULL;
    for (int pattern = 0; pattern < 5; pattern++)
        for (uint64_t seed = 1; seed <= 3; seed++) {
            parley_session_config cfg;
            parley_session_config_init(&cfg);
            cfg.rounds = 60;
            cfg.clock = PARLEY_CLOCK_GENIUS;
            cfg.seed = seed;
            parley_negotiation *neg = NULL;
            parley_error err;
            char spec[32];
            snprintf(spec, sizeof spec, "ponpoko:pattern=%d", pattern);
            if (parley_negotiation_new(sc, &cfg, &neg, &err) != PARLEY_OK ||
                parley_negotiation_add_agent(neg, &talk_script_agent, "", &err) != PARLEY_OK ||
                parley_negotiation_add_agent_spec(neg, spec, &err) != PARLEY_OK)
                fail_msg("%s", err.message);
            int rc = parley_negotiation_run(neg, &err);
            uint64_t h = talk_events_digest(neg, rc, 3);
            parley_negotiation_free(neg);
            size_t k = (size_t)pattern * 3 + (size_t)(seed - 1);
            if (record)
                printf("0x%016llxULL,%s", (unsigned long long)h, k % 4 == 3 ? "\n" : " ");
            else if (h != ponpoko_labels_talks[k])
                fail_msg("pattern %d, seed %llu: digest 0x%016llx, recorded 0x%016llx", pattern,
                         (unsigned long long)seed, (unsigned long long)h, (unsigned long long)ponpoko_labels_talks[k]);
        }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simplex_ratio_tie_at_eps),
        cmocka_unit_test(bayes_seen_bids_change_nothing),
        cmocka_unit_test(treemap_against_a_set),
        cmocka_unit_test(ranking_sample_by_hand),
        cmocka_unit_test(frequency_estimate_by_hand),
        cmocka_unit_test(lp_estimate_keeps_a_consistent_order),
        cmocka_unit_test(scenario_uncertain_by_hand),
        cmocka_unit_test(genius_outcome_space_by_hand),
        cmocka_unit_test(bid_near_against_the_list),
        cmocka_unit_test(kendall_and_pearson_by_hand),
        cmocka_unit_test(model_accuracy_by_hand),
        cmocka_unit_test(agent_parameters_parsed),
        cmocka_unit_test(acceptance_at_its_edges),
        cmocka_unit_test(bidding_by_hand),
        cmocka_unit_test(agents_in_random_talks),
        cmocka_unit_test(agents_in_mediated_talks),
        cmocka_unit_test(agents_in_fenced_talks),
        cmocka_unit_test(agents_in_three_party_talks),
        cmocka_unit_test(ponpoko_on_long_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

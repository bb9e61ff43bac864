/*
 * test_kill16_ana.c: the exact analysis and its neighbours against brute force (issue 27, sixteenth session,
 * helper ana; survivors of the seed-28 sample in src/analysis taken as symptoms):
 * - plot data at its party limits (analyze.c:381): 1 party is refused (with its message), 9 parties get none
 *   (plot_bins 0, no densities, no pair frontiers, the SVG refused with its message), 2, 3 and 8 get every pair's
 *   two histograms and two frontiers, each equal to the one enumerated here; the counts equal those of the
 *   analysis without plot data; bins per axis as asked up to 1024 (1, 1023, 1024; 1025 and more cut to 1024); in
 *   the SVG of random scenarios no solution label within 6 px of a solution's ring;
 * - exact_pareto_filter (exact_merge.c's sort by total for 1, 4 and 5 parties, its 2- and 3-party sweeps) on
 *   points whose coordinates differ below the rounding of their sums (a total that ties while the points differ):
 *   every point kept exactly when no point dominates it;
 * - exact_triples_dominated / exact_sure_triples (exact_triples.c) on ranks and sure ranks made by hand: the pairs
 *   all three parties surely accept, counted one by one, in each formulation, and the automatic choice of the
 *   formulation with fewer events (queries that can count, points some kept query can count), counted here;
 * - mitm_count (mitm_count.c) where the sums sit exactly on a reservation less 2^-33 (each band of uncertain pairs
 *   full, ties at every rank), 1 to 3 parties, with rows of fixed issues, each formulation: brute force;
 * - the same spaces through parley_analyze: the exact path (with and without a red line) against enumeration,
 *   every count, the frontier and the four solutions; and through parley_analyze_approximate's exact path
 *   (exact_big.c, 2 to 4 parties): the frontier, the solutions, the count of acceptable outcomes up to 3 parties;
 * - exact_big.c's refusal of a utility that can pass 1, at the bound (1 + 2^-31: refused with its note; 1 + 2^-34:
 *   exact), with the best values on one issue or on two;
 * - every scan path this CPU has on rows of 80 lanes with those sums: the scalar path's figures, the exact path's;
 * - scan_lanes_init (scan_lanes.c): width, thresholds (the least double whose rounding reaches the reservation),
 *   the tables' ranges and the candidate lanes for 2 and 3 parties, nothing for 1 and 4, no threshold for a
 *   reservation so far below that the bisection cannot bracket it (only reachable here: parley_analyze refuses a
 *   reservation outside [0, 1]);
 * - smallest_move (moves.c) of a threshold red line `x >= k` or `x <= k` over x = 0..7 where the zone opens at
 *   each value in turn: the rule moved just far enough, its zone, ENOTFOUND where only dropping the line opens
 *   one, and the analyses it runs (a hook counts them): a binary search over the values the line does not allow
 *   yet, nearest first, then the one of the answer; of a categorical line: the value admitted that opens the
 *   largest zone (the lowest of equals), ENOTFOUND when only the last value (the drop) opens one;
 * - parley_improve on random small scenarios (2 and 3 parties, ties, red lines, a global constraint), enumerated:
 *   the utilities before, how many improvements, the listed ones and their order (by distance to the Nash point of
 *   the improvements, then the larger sum of logarithms of the gains, then the lower outcome), every limit, all
 *   worked out here; searched (one package over max_enumerate): only improvements, every one-issue change found;
 * - parley_analyze on random small scenarios (2 to 4 parties, rectangles, red lines, a global constraint) streamed,
 *   on the exact path (or its fallback) on two threads, and in three parts (one of a single outcome) packed and
 *   merged: every count, every set of conditions, the minimal conflicts, best utilities, the frontier and the four
 *   solutions (the first frontier point of the largest objective), all by enumeration; on the same scenarios
 *   parley_amendments_check (each amendment, all together) and parley_texts_rank of every package under each rule
 *   (effects, score, shortfall, order), worked out here;
 * - the diagnosis's combination of moves (moves.c) on random scenarios of reservation values only: the package,
 *   the largest concession, each party's move (from, to one grid step below its utility but never below 0, the
 *   concession), the zone they open and an acceptable Nash package, by brute force; and the diagnosis's minimal
 *   conflicts and single relaxations of those scenarios (to, zone, Nash package, cost, order), by brute force; with
 *   red lines: the zone each relaxation opens (a line dropped, moved or given values, a reservation lowered),
 *   enumerated over the scenario so changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "analysis/exact_count.h"
#include "analysis/moves.h"
#include "analysis/scan.h"
#include "dominance.h"
#include "exact_fixture.h"
#include "io/svg.h"
#include "test_util.h"


/* ---------------------------------------------------------------- plot data at its party limits */

#define PLOT_BINS 4
static const uint32_t plot_counts[] = {3, 4, 5};

/* Party p's utility: weights 1/4, 1/4, 1/2 and values in quarters (every utility a multiple of 1/16, exact). */
static double plot_value(unsigned p, size_t issue, uint32_t v) { return (double)((p * 7 + issue * 3 + v * (p + 2)) % 5) / 4; }
static const double plot_weight[] = {0.25, 0.25, 0.5};

static parley_scenario *plot_scenario(unsigned parties)
{
    parley_scenario *sc = parley_scenario_new(test_integer_space(plot_counts, 3));
    assert_non_null(sc);
    for (unsigned p = 0; p < parties; p++) {
        double ratings[3 * 5];
        for (size_t i = 0; i < 3; i++)
            for (uint32_t v = 0; v < plot_counts[i]; v++)
                ratings[i * 5 + v] = plot_value(p, i, v);
        char name[32];
        snprintf(name, sizeof name, "P%u", p);
        test_add_party(sc, name, plot_weight, ratings, 5, (double)(p % 3) / 8);
    }
    return sc;
}

static double plot_utility(unsigned p, const uint32_t *x)
{
    double sum = 0;
    for (size_t i = 0; i < 3; i++)
        sum += plot_weight[i] * plot_value(p, i, x[i]);
    return sum;
}

static size_t bin_of(double u) { return u * PLOT_BINS >= PLOT_BINS ? PLOT_BINS - 1 : (size_t)(u * PLOT_BINS); }

/* The pair (k0, k1)'s histogram and distinct frontier points (x ascending) over all outcomes or the acceptable. */
static size_t plot_by_hand(unsigned parties, size_t k0, size_t k1, int acceptable_only, uint64_t *grid, double *xy,
                           uint64_t *feasible, uint64_t *acceptable)
{
    double pts[60][2];
    size_t m = 0;
    memset(grid, 0, PLOT_BINS * PLOT_BINS * sizeof *grid);
    *feasible = *acceptable = 0;
    uint32_t x[3];
    for (x[0] = 0; x[0] < plot_counts[0]; x[0]++)
        for (x[1] = 0; x[1] < plot_counts[1]; x[1]++)
            for (x[2] = 0; x[2] < plot_counts[2]; x[2]++) {
                int ok = 1;
                for (unsigned p = 0; p < parties; p++)
                    ok &= plot_utility(p, x) >= (double)(p % 3) / 8;
                ++*feasible;
                *acceptable += (uint64_t)ok;
                if (acceptable_only && !ok)
                    continue;
                double a = plot_utility((unsigned)k0, x), b = plot_utility((unsigned)k1, x);
                grid[bin_of(b) * PLOT_BINS + bin_of(a)]++;
                pts[m][0] = a;
                pts[m++][1] = b;
            }
    size_t count = 0;
    for (double lo = -1;;) { /* distinct undominated points, x ascending */
        double next = INFINITY;
        for (size_t i = 0; i < m; i++)
            if (pts[i][0] > lo && pts[i][0] < next)
                next = pts[i][0];
        if (next == INFINITY)
            break;
        double best = -INFINITY;
        for (size_t i = 0; i < m; i++)
            if (pts[i][0] == next && pts[i][1] > best)
                best = pts[i][1];
        int dominated = 0;
        for (size_t i = 0; i < m; i++)
            dominated |= pts[i][0] > next && pts[i][1] >= best;
        if (!dominated) {
            xy[2 * count] = next;
            xy[2 * count++ + 1] = best;
        }
        lo = next;
    }
    return count;
}

static void test_plot_party_limits(void **state)
{
    (void)state;
    static const unsigned sizes[] = {1, 2, 3, 8, 9};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        unsigned n = sizes[s];
        parley_scenario *sc = plot_scenario(n);
        if (n < 2) { /* refused before any plot data is thought of */
            parley_analysis *a = (parley_analysis *)sc;
            parley_error err;
            parley_error_clear(&err);
            assert_int_equal(parley_analyze(sc, &(parley_analysis_options){.plot_bins = PLOT_BINS}, &a, &err),
                             PARLEY_EINVAL);
            assert_null(a);
            assert_string_equal(err.message, "the scenario needs at least two parties with role \"party\", has 1");
            parley_scenario_free(sc);
            continue;
        }
        parley_analysis *plotted = test_analyse_with(sc, &(parley_analysis_options){.threads = 1, .plot_bins = PLOT_BINS});
        parley_analysis *plain = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
        int drawn = n >= 2 && n <= PARLEY_PLOT_MAX_PARTIES;
        assert_int_equal(parley_analysis_plot_bins(plotted), drawn ? PLOT_BINS : 0);
        assert_int_equal(parley_analysis_plot_bins(plain), 0);
        assert_int_equal(parley_analysis_outcomes(plotted), 60);
        assert_int_equal(parley_analysis_feasible(plotted), parley_analysis_feasible(plain));
        assert_int_equal(parley_analysis_acceptable(plotted), parley_analysis_acceptable(plain));
        test_same_frontier(plotted, plain, 3, n);
        uint64_t grid[PLOT_BINS * PLOT_BINS], feasible, acceptable;
        double xy[120];
        for (size_t k0 = 0; k0 < n + 1; k0++)
            for (size_t k1 = 0; k1 < n + 1; k1++)
                for (int ok = 0; ok < 2; ok++) {
                    const double *got = (const double *)&grid;
                    size_t count = parley_analysis_pair_frontier(plotted, k0, k1, ok, &got);
                    const uint64_t *histogram = parley_analysis_density(plotted, k0, k1, ok);
                    if (!drawn || k0 >= k1 || k1 >= n) {
                        assert_int_equal(count, 0);
                        assert_null(got);
                        assert_null(histogram);
                        continue;
                    }
                    size_t want = plot_by_hand(n, k0, k1, ok, grid, xy, &feasible, &acceptable);
                    assert_int_equal(feasible, parley_analysis_feasible(plotted));
                    assert_int_equal(acceptable, parley_analysis_acceptable(plotted));
                    assert_non_null(histogram);
                    assert_memory_equal(histogram, grid, sizeof grid);
                    size_t distinct = 0; /* equal points may stand side by side: each once */
                    for (size_t i = 0; i < count; i++) {
                        if (i > 0 && got[2 * i] == got[2 * i - 2] && got[2 * i + 1] == got[2 * i - 1])
                            continue;
                        assert_true(distinct < want);
                        assert_true(got[2 * i] == xy[2 * distinct] && got[2 * i + 1] == xy[2 * distinct + 1]);
                        distinct++;
                    }
                    assert_int_equal(distinct, want);
                }
        FILE *sink = tmpfile();
        assert_non_null(sink);
        parley_error err;
        parley_error_clear(&err);
        int rc = parley_analysis_write_svg(plotted, sc, sink, &err);
        if (drawn) {
            assert_int_equal(rc, PARLEY_OK);
            assert_true(ftell(sink) > 0);
        } else {
            char want[128];
            snprintf(want, sizeof want, "a plot needs 2 to %d parties and an analysis run with plot_bins > 0",
                     PARLEY_PLOT_MAX_PARTIES);
            assert_int_equal(rc, PARLEY_EINVAL);
            assert_string_equal(err.message, want);
            assert_int_equal(ftell(sink), 0);
        }
        fclose(sink);
        parley_analysis_free(plotted);
        parley_analysis_free(plain);
        parley_scenario_free(sc);
    }
}

/* Bins per axis as asked, at most 1024: 1, 1023 and 1024 kept, 1025 and 4096 cut to 1024; one bin holds every
   outcome, and with 1024 each outcome falls in the cell of its utilities (multiples of 1/16: bin 64 u, capped). */
static void test_plot_bins_limit(void **state)
{
    (void)state;
    static const unsigned asked[] = {1, 1023, 1024, 1025, 4096}, got[] = {1, 1023, 1024, 1024, 1024};
    parley_scenario *sc = plot_scenario(2);
    for (size_t i = 0; i < sizeof asked / sizeof *asked; i++) {
        parley_analysis *a = test_analyse_with(sc, &(parley_analysis_options){.threads = 1, .plot_bins = asked[i]});
        assert_int_equal(parley_analysis_plot_bins(a), got[i]);
        const uint64_t *grid = parley_analysis_density(a, 0, 1, 0);
        assert_non_null(grid);
        size_t cells = (size_t)got[i] * got[i];
        uint64_t sum = 0;
        for (size_t c = 0; c < cells; c++)
            sum += grid[c];
        assert_int_equal(sum, 60);
        if (got[i] == 1)
            assert_int_equal(grid[0], 60);
        if (got[i] == 1024) {
            uint32_t x[3];
            for (x[0] = 0; x[0] < plot_counts[0]; x[0]++)
                for (x[1] = 0; x[1] < plot_counts[1]; x[1]++)
                    for (x[2] = 0; x[2] < plot_counts[2]; x[2]++) {
                        double u0 = plot_utility(0, x), u1 = plot_utility(1, x);
                        size_t c0 = u0 >= 1 ? 1023 : (size_t)(u0 * 1024), c1 = u1 >= 1 ? 1023 : (size_t)(u1 * 1024);
                        assert_true(grid[c1 * 1024 + c0] > 0);
                    }
        }
        parley_analysis_free(a);
    }
    parley_scenario_free(sc);
}

/* ---------------------------------------------------------------- exact_pareto_filter below the sums' rounding */

#define FILTER_POINTS 300

static void test_pareto_filter_sub_ulp(void **state)
{
    (void)state;
    /* 2^-60 and 2^-54 vanish in a sum with 0.5 (and 0.5 + 2^-53 does not): totals tie while the points differ */
    static const double levels[] = {0, 0x1p-60, 0x1p-54, 0.25, 0.5, 0.5 + 0x1p-53, 0.5 + 0x1p-52, 0.75};
    static double u[FILTER_POINTS * 5];
    static unsigned char keep[FILTER_POINTS];
    for (int round = 0; round < 40; round++) {
        size_t n = 1 + (size_t)round % 5, m = round % 2 ? FILTER_POINTS : 12 + (size_t)round;
        for (size_t c = 0; c < m; c++)
            for (size_t k = 0; k < n; k++)
                u[c * n + k] = c % 5 == 4 ? u[(c - 1) * n + k] /* copies */
                               : c % 3 == 2 && k == 0 ? u[(c - 1) * n] + levels[1 + rnd() % 2] /* above in one */
                                                      : levels[rnd() % 8];
        memset(keep, 2, sizeof keep);
        assert_int_equal(exact_pareto_filter(u, m, n, keep), 0);
        int dominated;
        size_t c = keep_mismatch(u, m, n, keep, &dominated);
        if (c < m)
            fail_msg("%zu parties, %zu points: point %zu kept %d, dominated %d", n, m, c, keep[c], dominated);
    }
    /* by hand: (0, 1/2, 1/2, 1/2) and (2^-60, 1/2, 1/2, 1/2) have the same total; the second dominates */
    const double pair[] = {0, 0.5, 0.5, 0.5, 0x1p-60, 0.5, 0.5, 0.5, 0x1p-60, 0.5, 0.5, 0.5};
    for (size_t n = 1; n <= 4; n++) {
        double p[12];
        for (size_t c = 0; c < 3; c++)
            memcpy(&p[c * n], &pair[c * 4 + 4 - n], n * sizeof *p);
        /* n = 1..3: the last n coordinates (all 1/2: three equal points); n = 4: the first is dominated */
        assert_int_equal(exact_pareto_filter(p, 3, n, keep), 0);
        assert_int_equal(keep[0], n < 4);
        assert_int_equal(keep[1], 1);
        assert_int_equal(keep[2], 1);
    }
}

/* ---------------------------------------------------------------- the triples by hand */

/* The events of one formulation, counted as exact_triples.c's header defines them. */
static size_t events_of(const struct counting *c, int complement)
{
    size_t kept = 0;
    uint32_t low[3] = {UINT32_MAX, UINT32_MAX, UINT32_MAX};
    for (size_t a = 0; a < c->na; a++) {
        uint32_t q[3];
        int useful = 1;
        for (size_t k = 0; k < 3; k++) {
            q[k] = complement ? (uint32_t)(c->nb - c->sure[k][a]) : c->sure[k][a];
            useful &= q[k] < c->nb;
        }
        if (!useful)
            continue;
        kept++;
        for (size_t k = 0; k < 3; k++)
            low[k] = q[k] < low[k] ? q[k] : low[k];
    }
    for (size_t b = 0; b < c->nb; b++) {
        int useful = 1;
        for (size_t k = 0; k < 3; k++) {
            uint32_t x = complement ? (uint32_t)(c->nb - 1 - c->rank[k][b]) : c->rank[k][b];
            useful &= x >= low[k];
        }
        kept += (size_t)useful;
    }
    return kept;
}

static void test_triples_by_hand(void **state)
{
    (void)state;
    enum { NA = 700, NB = 600 }; /* above CHUNK_MIN: two threads split the work */
    static uint32_t by_rank[3][NB + 1], rank[3][NB + 1], sure[3][NA + 1], low[3][NA + 1];
    static uint64_t work[(NA + NB) * 8];
    exact_space s = {0};
    int chosen[2] = {0, 0}; /* the automatic choice took each formulation at least once */
    for (int round = 0; round < 12; round++) {
        struct counting c;
        memset(&c, 0, sizeof c);
        c.s = &s;
        c.n = 3;
        c.na = round < 2 ? (size_t)(1 + round) : NA; /* one and two queries, then many */
        c.nb = round == 2 ? 1 : NB;
        c.threads = 1 + (unsigned)round % 2;
        c.work = work;
        c.work_bytes = sizeof work;
        assert_true(exact_triples_work(c.na, c.nb) <= sizeof work);
        /* level: mostly accepted (small sure ranks) or mostly refused; ties in the ranks' order of each party */
        uint32_t level = (uint32_t)(round % 3 == 0 ? c.nb / 6 : round % 3 == 1 ? c.nb / 2 : 5 * c.nb / 6);
        for (size_t k = 0; k < 3; k++) {
            c.by_rank[k] = by_rank[k];
            c.rank[k] = rank[k];
            c.sure[k] = sure[k];
            c.low[k] = low[k];
            for (size_t r = 0; r < c.nb; r++)
                by_rank[k][r] = (uint32_t)r;
            for (size_t r = c.nb; r-- > 1;) { /* a random permutation */
                size_t j = rnd() % (r + 1);
                uint32_t t = by_rank[k][r];
                by_rank[k][r] = by_rank[k][j];
                by_rank[k][j] = t;
            }
            for (size_t r = 0; r < c.nb; r++)
                rank[k][by_rank[k][r]] = (uint32_t)r;
            for (size_t a = 0; a < c.na; a++) {
                uint64_t x = rnd() % 8;
                sure[k][a] = x == 0 ? 0 : x == 1 ? (uint32_t)c.nb : (uint32_t)((level + rnd() % (c.nb / 3 + 1)) % (c.nb + 1));
                low[k][a] = sure[k][a];
            }
        }
        uint64_t all3 = 0, pairs[3][3] = {{0}};
        for (size_t a = 0; a < c.na; a++)
            for (size_t b = 0; b < c.nb; b++) {
                int ok[3];
                for (size_t k = 0; k < 3; k++)
                    ok[k] = rank[k][b] >= sure[k][a];
                all3 += (uint64_t)(ok[0] && ok[1] && ok[2]);
                pairs[0][1] += (uint64_t)(ok[0] && ok[1]);
                pairs[0][2] += (uint64_t)(ok[0] && ok[2]);
                pairs[1][2] += (uint64_t)(ok[1] && ok[2]);
            }
        memcpy(c.sure_pair, pairs, sizeof pairs);
        size_t direct = events_of(&c, 0), complement = events_of(&c, 1);
        for (size_t f = 0; f < 3; f++) {
            const char *formulation = mitm_formulation(f);
            c.triple_complement = -1;
            int rc = exact_triples_dominated(&c);
            unsetenv("PARLEY_MITM_COUNT");
            assert_int_equal(rc, 0);
            int want = f < 2 ? (int)f : complement < direct;
            if (f == 2)
                chosen[want]++;
            if (c.triple_complement != want)
                fail_msg("round %d, %s: formulation %d, expected %d (%zu direct events, %zu complement)", round,
                         formulation, c.triple_complement, want, direct, complement);
            uint64_t got = exact_sure_triples(&c);
            if (got != all3)
                fail_msg("round %d, %s: %llu pairs all three accept, by hand %llu", round, formulation,
                         (unsigned long long)got, (unsigned long long)all3);
        }
    }
    assert_true(chosen[0] > 0 && chosen[1] > 0);
}

/* ---------------------------------------------------------------- sums exactly on a reservation less 2^-33 */

/* Quarters over `issues` issues (weight 1/issues, a power of two), a third of the values 2^-33 lower: a sum with
   one lowered value on a reservation of the grid is exactly r - 2^-33 (the rounding keeps it, ties to even), two
   lowered values fall 2^-32 below (refused). */
static void tspace_on_threshold(struct tspace *t, size_t n, size_t issues, const uint32_t *counts)
{
    tspace_init(t, n, issues, counts, COARSE);
    for (size_t j = 0; j < n * issues; j++)
        for (uint32_t v = 0; v < counts[j % issues]; v++)
            if (t->tables[j][v] > 0 && rnd() % 3 == 0)
                t->tables[j][v] -= 0x1p-33;
    tspace_bounds(t);
}


static void test_mitm_on_the_threshold(void **state)
{
    (void)state;
    static const uint32_t counts[] = {6, 5, 7, 6};
    static const uint32_t rows[] = {0, 1, 3, 2, 2, 0, 1, 1, 5, 0, 0, 2}; /* six rows of issues 0 and 3 */
    const double levels[][3] = {{0.5, 0.5, 0.5}, {0.25, 0.75, 0.5}, {0.5625, 0.4375, 0.625}, {0.125, 0.1875, 0.25}};
    for (size_t n = 1; n <= 3; n++)
        for (size_t l = 0; l < sizeof levels / sizeof *levels; l++)
            for (int round = 0; round < 3; round++) {
                struct tspace t;
                tspace_on_threshold(&t, n, 4, counts);
                set_reservations(&t, levels[l][0], levels[l][1], levels[l][2]);
                check_mitm_counts(&t, NULL, 0);
                t.fixed[0] = t.fixed[3] = 0;
                check_mitm_counts(&t, rows, 6);
                tspace_free(&t);
            }
}

/* The scenario of a tspace: integer issues, weight 1/issues, values issues * table (exact: issues a power of two). */
static parley_scenario *scenario_of(const struct tspace *t, int red_line)
{
    parley_scenario *sc = parley_scenario_new(test_integer_space(t->counts, t->issues));
    assert_non_null(sc);
    double weights[MAX_ISSUES], ratings[4 * 80];
    assert_true(t->issues <= 4);
    for (size_t k = 0; k < t->n; k++) {
        for (size_t i = 0; i < t->issues; i++) {
            weights[i] = 1.0 / (double)t->issues;
            assert_true(t->counts[i] <= 80);
            for (uint32_t v = 0; v < t->counts[i]; v++)
                ratings[i * 80 + v] = t->tables[k * t->issues + i][v] * (double)t->issues;
        }
        char name[32];
        snprintf(name, sizeof name, "P%zu", k);
        long index = test_add_party(sc, name, weights, ratings, 80, t->reservation[k]);
        if (red_line && k == 0)
            assert_int_equal(parley_scenario_add_constraint(sc, index, "r", "i0 + i3 <= 6", NULL, NULL, NULL), PARLEY_OK);
    }
    return sc;
}

static void test_exact_on_the_threshold(void **state)
{
    (void)state;
    static const uint32_t counts[] = {6, 5, 7, 6};
    const double levels[][3] = {{0.5, 0.5, 0.5}, {0.25, 0.75, 0.5}, {0.5625, 0.4375, 0.625}};
    for (size_t l = 0; l < 2; l++) { /* four parties: the approximate analysis's exact path only */
        struct tspace t;
        tspace_on_threshold(&t, 4, 4, counts);
        set_reservations(&t, levels[l][0], levels[l][1], levels[l][2]);
        t.reservation[3] = 0.5;
        parley_scenario *sc = scenario_of(&t, (int)l);
        parley_analysis *stream = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
        test_big_is_stream(sc, stream);
        parley_analysis_free(stream);
        parley_scenario_free(sc);
        tspace_free(&t);
    }
    for (size_t n = 2; n <= 3; n++)
        for (size_t l = 0; l < sizeof levels / sizeof *levels; l++)
            for (int red_line = 0; red_line < 2; red_line++) {
                struct tspace t;
                tspace_on_threshold(&t, n, 4, counts);
                set_reservations(&t, levels[l][0], levels[l][1], levels[l][2]);
                parley_scenario *sc = scenario_of(&t, red_line);
                parley_analysis *stream = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
                assert_false(parley_analysis_merged(stream));
                test_big_is_stream(sc, stream);
                for (size_t f = 0; f < 3; f++) {
                    mitm_formulation(f);
                    parley_analysis *exact = test_analyse(sc, PARLEY_ANALYSIS_EXACT_ONLY, 1 + (unsigned)f % 2);
                    unsetenv("PARLEY_MITM_COUNT");
                    assert_true(parley_analysis_merged(exact));
                    test_same_figures(stream, exact, 4);
                    parley_analysis_free(exact);
                }
                parley_analysis_free(stream);
                parley_scenario_free(sc);
                tspace_free(&t);
            }
}

/* Every scan path this CPU has (scalar, AVX2, AVX-512: scan_force_path) on rows of 80 lanes (full vectors, the
   candidate lanes of scan_lanes.c, a tail), with sums on the reservations: the scalar path's figures, which are the
   exact path's (mitm_count and the merging), on one and two threads. */
static void test_scan_paths_on_the_threshold(void **state)
{
    (void)state;
    static const uint32_t counts[] = {4, 3, 5, 80};
    const double levels[][3] = {{0.5, 0.5, 0.5}, {0.25, 0.75, 0.5}};
    for (size_t n = 2; n <= 3; n++)
        for (size_t l = 0; l < 2; l++) {
            struct tspace t;
            tspace_on_threshold(&t, n, 4, counts);
            set_reservations(&t, levels[l][0], levels[l][1], levels[l][2]);
            parley_scenario *sc = scenario_of(&t, 0);
            scan_force_path(SCAN_PATH_SCALAR);
            parley_analysis *scalar = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
            scan_force_path(-1);
            parley_analysis *exact = test_analyse(sc, PARLEY_ANALYSIS_EXACT_ONLY, 1);
            test_same_figures(scalar, exact, 4);
            parley_analysis_free(exact);
            for (int path = SCAN_PATH_AVX2; path <= SCAN_PATH_AVX512; path++) {
                if (!scan_path_supported((enum scan_path)path))
                    continue;
                scan_force_path(path);
                for (unsigned threads = 1; threads <= 2; threads++) {
                    parley_analysis *vector = test_analyse(sc, PARLEY_ANALYSIS_STREAM, threads);
                    test_same_figures(scalar, vector, 4);
                    parley_analysis_free(vector);
                }
                scan_force_path(-1);
            }
            parley_analysis_free(scalar);
            parley_scenario_free(sc);
            tspace_free(&t);
        }
}

/* The approximate analysis's exact path (exact_big.c) refuses a utility that can pass 1 at the bound analyze.c's
   exact path uses: one issue, A's weight 1 + 2^-31 (its best sum passes 1 + 2^-33: searched, and the note says
   why) or 1 + 2^-34 (exact, no note); the weights summed over two issues (1/2 + 2^-32 each: 1 + 2^-31) count as
   one sum. */
static void test_big_utility_over_one(void **state)
{
    (void)state;
    static const uint32_t two[] = {2, 2};
    for (size_t issues = 1; issues <= 2; issues++)
        for (int past = 0; past < 2; past++) {
            parley_scenario *sc = parley_scenario_new(test_integer_space(two, issues));
            assert_non_null(sc);
            double over = past ? 0x1p-31 : 0x1p-34, a[2] = {1 + over, 0}, b[2] = {1, 0};
            if (issues == 2)
                a[0] = a[1] = 0.5 + over / 2, b[0] = b[1] = 0.5;
            test_add_party(sc, "A", a, (const double[]){0, 1, 0, 1}, 2, 0);
            test_add_party(sc, "B", b, (const double[]){1, 0, 1, 0}, 2, 0);
            parley_approx_options o;
            memset(&o, 0, sizeof o);
            o.threads = 1;
            o.samples = 100;
            o.evaluations = 1000;
            parley_approx *big = NULL;
            parley_error err;
            assert_int_equal(parley_analyze_approximate(sc, &o, &big, &err), PARLEY_OK);
            assert_int_equal(parley_approx_exact(big), !past);
            if (past)
                assert_string_equal(parley_approx_exact_note(big), "a utility can exceed 1 (its weights sum to more than 1)");
            else
                assert_null(parley_approx_exact_note(big));
            parley_approx_free(big);
            parley_scenario_free(sc);
        }
}

/* ---------------------------------------------------------------- scan_lanes_init */

static void test_scan_lanes_by_hand(void **state)
{
    (void)state;
    enum { WIDTH = 80 };
    static double tables[4][2][WIDTH];
    uint32_t counts[2] = {3, WIDTH};
    double *table_ptrs[8];
    double reservation[4] = {0.5, 0.25, 0.75, 0.5};
    for (size_t n = 1; n <= 4; n++)
        for (int spread = 0; spread < 2; spread++) {
            for (size_t k = 0; k < n; k++)
                for (uint32_t v = 0; v < WIDTH; v++) {
                    tables[k][0][v % 3] = 0.1 * (double)(v % 3);
                    /* spread: an antichain in the first two parties (every lane a candidate when n >= 2, too many);
                       else quarters with a few lanes above the rest */
                    tables[k][1][v] = spread ? (k % 2 ? (double)v / 128 : (double)(WIDTH - v) / 128)
                                             : (double)((v * (k + 3)) % 4) / 8 + (v % 17 == 0 ? 0.25 : 0);
                    table_ptrs[k * 2] = tables[k][0];
                    table_ptrs[k * 2 + 1] = tables[k][1];
                }
            struct job job;
            memset(&job, 0, sizeof job);
            job.n = n;
            job.issues = 2;
            job.counts = counts;
            job.tables = table_ptrs;
            job.reservation = reservation;
            struct scan_lanes l;
            memset(&l, 0x5A, sizeof l);
            scan_lanes_init(&l, &job, (uint64_t)WIDTH * WIDTH); /* long enough for the candidates */
            if (n < 2 || n > 3) {
                assert_int_equal(l.width, 0);
                assert_int_equal(l.ready, 0);
                assert_null(l.candidates);
                scan_lanes_free(&l);
                continue;
            }
            assert_int_equal(l.width, WIDTH);
            assert_int_equal(l.ready, 1);
            for (size_t k = 0; k < n; k++) {
                /* the least double whose rounding reaches the reservation */
                assert_true(rounded(l.below[k]) >= reservation[k]);
                assert_true(rounded(nextafter(l.below[k], -INFINITY)) < reservation[k]);
                double lo = INFINITY, hi = -INFINITY;
                for (uint32_t v = 0; v < WIDTH; v++) {
                    lo = fmin(lo, tables[k][1][v]);
                    hi = fmax(hi, tables[k][1][v]);
                }
                assert_true(l.low[k] == lo && l.high[k] == hi);
            }
            /* candidates: the lanes no other lane surely dominates (>= in each party, by 2^-28 more in one) */
            uint32_t want[WIDTH];
            size_t count = 0;
            for (uint32_t v = 0; v < WIDTH; v++) {
                int dominated = 0;
                for (uint32_t w = 0; w < WIDTH && !dominated; w++) {
                    int ge = 1, more = 0;
                    for (size_t k = 0; k < n; k++) {
                        ge &= tables[k][1][w] >= tables[k][1][v];
                        more |= tables[k][1][w] >= tables[k][1][v] + 0x1p-28;
                    }
                    dominated = ge && more;
                }
                if (!dominated)
                    want[count++] = v;
            }
            if (count > WIDTH / 8 + 8) { /* too many to be worth it: none */
                assert_null(l.candidates);
            } else {
                assert_non_null(l.candidates);
                assert_int_equal(l.candidate_count, count);
                assert_memory_equal(l.candidates, want, count * sizeof *want);
            }
            assert_int_equal(l.cached, 0);
            scan_lanes_free(&l);
            /* a reservation so far below that r - 2^-30 rounds to r: no threshold (the rows round each lane) */
            double saved = reservation[n - 1];
            reservation[n - 1] = -0x1p40;
            scan_lanes_init(&l, &job, (uint64_t)WIDTH * WIDTH);
            assert_int_equal(l.width, WIDTH);
            assert_int_equal(l.ready, 0);
            scan_lanes_free(&l);
            reservation[n - 1] = saved;
            /* a short scan does not pay for the candidates */
            scan_lanes_init(&l, &job, (uint64_t)WIDTH * (WIDTH / 4 - 1));
            assert_int_equal(l.width, WIDTH);
            assert_null(l.candidates);
            scan_lanes_free(&l);
        }
}


/* ---------------------------------------------------------------- parley_improve against brute force */

struct improvement {
    uint32_t values[3];
    double after[3], lg, d;
};

/* Random scenarios of 3 issues (2 to 5 values), 2 or 3 parties rating in quarters (weights 1/4, 1/4, 1/2: every
   utility exact), sometimes a red line of party 0 and a global constraint. */
/* Adds party `name` over the 3 issues of counts[] (at most 5 values each): weights 1/4, 1/4, 1/2, ratings drawn in
   quarters (0 throughout when `nothing`); its index. */
static long quarter_party(parley_scenario *sc, const char *name, const uint32_t *counts, int nothing, double reservation)
{
    static const double weights[3] = {0.25, 0.25, 0.5};
    double ratings[3 * 5];
    for (size_t i = 0; i < 3; i++)
        for (uint32_t v = 0; v < counts[i]; v++)
            ratings[i * 5 + v] = nothing ? 0 : (double)(rnd() % 5) / 4;
    return test_add_party(sc, name, weights, ratings, 5, reservation);
}

static parley_scenario *improve_scenario(size_t n, uint32_t *counts)
{
    for (size_t i = 0; i < 3; i++)
        counts[i] = 2 + (uint32_t)(rnd() % 4);
    parley_scenario *sc = parley_scenario_new(test_integer_space(counts, 3));
    assert_non_null(sc);
    for (size_t k = 0; k < n; k++) {
        char name[32];
        snprintf(name, sizeof name, "P%zu", k);
        long index = quarter_party(sc, name, counts, 0, 0);
        if (k == 0 && rnd() % 2)
            assert_int_equal(parley_scenario_add_constraint(sc, index, "r", "i0 + i1 <= 4", NULL, NULL, NULL), PARLEY_OK);
    }
    if (rnd() % 2)
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "g", "i2 != 1", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* 1 when a goes before b in the list: nearer the Nash point, then the larger logarithm sum, then the lower outcome. */
static int listed_before(const struct improvement *a, const struct improvement *b)
{
    if (a->d != b->d)
        return a->d < b->d;
    if (a->lg != b->lg)
        return a->lg > b->lg;
    return a->values[0] != b->values[0]   ? a->values[0] < b->values[0]
           : a->values[1] != b->values[1] ? a->values[1] < b->values[1]
                                          : a->values[2] < b->values[2];
}

/* Every improvement of `agreement` (each party strictly better, feasible, every red line kept), in the list's
   order; returns their number. */
static size_t improvements_by_hand(const parley_scenario *sc, size_t n, const uint32_t *counts,
                                   const uint32_t *agreement, double *before, struct improvement *all)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        before[k] = rounded(parley_utility_eval(parley_party_utility(sc, k), agreement));
    uint32_t x[3];
    for (x[0] = 0; x[0] < counts[0]; x[0]++)
        for (x[1] = 0; x[1] < counts[1]; x[1]++)
            for (x[2] = 0; x[2] < counts[2]; x[2]++) {
                struct improvement e = {{x[0], x[1], x[2]}, {0}, 0, 0};
                int ok = parley_scenario_feasible(sc, x);
                for (size_t k = 0; k < n && ok; k++) {
                    e.after[k] = rounded(parley_utility_eval(parley_party_utility(sc, k), x));
                    ok = e.after[k] > before[k] && parley_scenario_red_lines_hold(sc, k, x);
                    e.lg += ok ? log(e.after[k] - before[k]) : 0;
                }
                if (ok)
                    all[m++] = e;
            }
    size_t nash = 0; /* the largest logarithm sum, the lowest outcome among equals (the first met) */
    for (size_t j = 1; j < m; j++)
        if (all[j].lg > all[nash].lg)
            nash = j;
    for (size_t j = 0; j < m; j++) {
        double d = 0;
        for (size_t k = 0; k < n; k++)
            d += (all[j].after[k] - all[nash].after[k]) * (all[j].after[k] - all[nash].after[k]);
        all[j].d = sqrt(d);
    }
    for (size_t j = 1; j < m; j++) /* insertion sort by the list's order */
        for (size_t i = j; i > 0 && listed_before(&all[i], &all[i - 1]); i--) {
            struct improvement t = all[i];
            all[i] = all[i - 1];
            all[i - 1] = t;
        }
    return m;
}

static void test_improve_by_hand(void **state)
{
    (void)state;
    static struct improvement all[125];
    for (int round = 0; round < 60; round++) {
        size_t n = 2 + (size_t)round % 2;
        uint32_t counts[3], agreement[3];
        parley_scenario *sc = improve_scenario(n, counts);
        for (size_t i = 0; i < 3; i++)
            agreement[i] = (uint32_t)(rnd() % counts[i]);
        double before[3];
        size_t m = improvements_by_hand(sc, n, counts, agreement, before, all);
        size_t limit = round % 5 == 0 ? 0 : 1 + rnd() % 8, listed = limit ? limit : 10;
        parley_improve_options options = {.limit = limit, .max_enumerate = counts[0] * counts[1] * counts[2]};
        parley_improvements *r = NULL;
        parley_error err;
        assert_int_equal(parley_improve(sc, agreement, &options, &r, &err), PARLEY_OK);
        assert_true(parley_improvements_exhaustive(r));
        assert_string_equal(parley_improvements_method(r), "every package of the space was considered");
        assert_memory_equal(parley_improvements_before(r), before, n * sizeof *before);
        assert_int_equal(parley_improvements_found(r), m);
        assert_int_equal(parley_improvements_count(r), m < listed ? m : listed);
        for (size_t j = 0; j < parley_improvements_count(r); j++) {
            if (memcmp(parley_improvements_package(r, j), all[j].values, sizeof all[j].values) != 0)
                fail_msg("round %d: improvement %zu is (%u %u %u), by hand (%u %u %u)", round, j,
                         parley_improvements_package(r, j)[0], parley_improvements_package(r, j)[1],
                         parley_improvements_package(r, j)[2], all[j].values[0], all[j].values[1], all[j].values[2]);
            assert_memory_equal(parley_improvements_after(r, j), all[j].after, n * sizeof *before);
        }
        parley_improvements_free(r);
        /* one package fewer than the space: searched; what it lists are improvements with their utilities, and every
           change of one issue that improves is among those it found */
        options.max_enumerate--;
        options.limit = 125;
        assert_int_equal(parley_improve(sc, agreement, &options, &r, &err), PARLEY_OK);
        assert_false(parley_improvements_exhaustive(r));
        size_t singles = 0;
        for (size_t j = 0; j < m; j++)
            singles += (all[j].values[0] != agreement[0]) + (all[j].values[1] != agreement[1]) +
                           (all[j].values[2] != agreement[2]) == 1;
        assert_true(parley_improvements_found(r) >= singles && parley_improvements_found(r) <= m);
        assert_int_equal(parley_improvements_count(r), parley_improvements_found(r));
        for (size_t j = 0; j < parley_improvements_count(r); j++) {
            size_t at = 0;
            while (at < m && memcmp(all[at].values, parley_improvements_package(r, j), sizeof all[at].values) != 0)
                at++;
            assert_true(at < m);
            assert_memory_equal(parley_improvements_after(r, j), all[at].after, n * sizeof *before);
        }
        parley_improvements_free(r);
        parley_scenario_free(sc);
    }
}

/* ---------------------------------------------------------------- an analysis against enumeration by hand */

#define HAND_MAX 125 /* 5 x 5 x 5 */

struct by_hand {
    size_t n, C, count;
    uint64_t feasible, acceptable, party_ok[4], holds[8], satisfying[256];
    double best[4], r[4];
    uint32_t frontier[HAND_MAX][3];
    double fu[HAND_MAX][4];
};

/* Random scenarios of 3 issues (1 to 5 values; with `single` one each: a space of one outcome), 2 to 4 parties rating in quarters (weights 1/4, 1/4, 1/2), one
   party in three with a rectangle (1/4 on two issues' ranges, utility capped at 1), reservations in eighths, one red
   line for some parties (so a party's red lines are that one: over two issues, a value excluded, a threshold or a
   set of values), a global constraint sometimes; one time in five the
   last party values nothing (reservation 0: its best utility is its reservation, a Kalai range of 0). */
static parley_scenario *hand_scenario(size_t n, uint32_t *counts, int single)
{
    char name[32], rule[64];
    for (size_t i = 0; i < 3; i++)
        counts[i] = single ? 1 : 1 + (uint32_t)(rnd() % 5); /* issues of one value too */
    parley_scenario *sc = parley_scenario_new(test_integer_space(counts, 3));
    assert_non_null(sc);
    for (size_t k = 0; k < n; k++) {
        int indifferent = k == n - 1 && rnd() % 5 == 0; /* values nothing, reservation 0: its best is its reservation */
        snprintf(name, sizeof name, "P%zu", k);
        long index = quarter_party(sc, name, counts, indifferent, indifferent ? 0 : (double)(rnd() % 7) / 8);
        if (indifferent)
            continue;
        if (rnd() % 3 == 0) {
            size_t issues[2] = {0, 1 + rnd() % 2};
            uint32_t lo[2] = {0, 1}, hi[2] = {1, 1};
            assert_int_equal(parley_utility_add_rectangle(parley_party_utility_mut(sc, (size_t)index), 0.25, 2, issues,
                                                          lo, hi),
                             PARLEY_OK);
        }
        if (rnd() % 2) {
            unsigned form = (unsigned)(rnd() % 4), i = (unsigned)(rnd() % 3), j = (unsigned)(rnd() % 3);
            if (form == 0)
                snprintf(rule, sizeof rule, "i%u + i%u <= %u", i, j, (unsigned)(1 + rnd() % 5));
            else if (form == 1)
                snprintf(rule, sizeof rule, "i%u != %u", i, (unsigned)(rnd() % 2));
            else if (form == 2) /* a threshold */
                snprintf(rule, sizeof rule, "i%u %s %u", i, rnd() % 2 ? "<=" : ">=", (unsigned)(1 + rnd() % 3));
            else /* a set of values */
                snprintf(rule, sizeof rule, "i%u != 1 and i%u != %u", i, i, (unsigned)(2 + rnd() % 2));
            snprintf(name, sizeof name, "r%zu", k);
            assert_int_equal(parley_scenario_add_constraint(sc, index, name, rule, NULL, NULL, NULL), PARLEY_OK);
        }
    }
    if (rnd() % 3 == 0)
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "g", "i0 + i2 != 2", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* Every figure by enumeration, the conditions as the analysis lists them. */
static void analyse_by_hand(const parley_scenario *sc, const parley_analysis *a, const uint32_t *counts,
                            struct by_hand *h)
{
    memset(h, 0, sizeof *h);
    h->n = parley_analysis_party_count(a);
    h->C = parley_analysis_condition_count(a);
    assert_true(h->C <= 8);
    for (size_t k = 0; k < h->n; k++)
        h->best[k] = h->r[k] = rounded(parley_utility_reservation(parley_party_utility(sc, k)));
    static uint32_t ok_x[HAND_MAX][3];
    static double ok_u[HAND_MAX][4];
    size_t m = 0;
    uint32_t x[3];
    for (x[0] = 0; x[0] < counts[0]; x[0]++)
        for (x[1] = 0; x[1] < counts[1]; x[1]++)
            for (x[2] = 0; x[2] < counts[2]; x[2]++) {
                if (!parley_scenario_feasible(sc, x))
                    continue;
                h->feasible++;
                double u[4];
                for (size_t k = 0; k < h->n; k++)
                    u[k] = rounded(parley_utility_eval(parley_party_utility(sc, k), x));
                unsigned holds = 0;
                for (size_t c = 0; c < h->C; c++) {
                    const parley_condition *cond = parley_analysis_condition(a, c);
                    int hold = cond->kind == PARLEY_CONDITION_RED_LINE ? parley_scenario_red_lines_hold(sc, cond->party, x)
                                                                       : u[cond->party] >= h->r[cond->party];
                    holds |= (unsigned)hold << c;
                    h->holds[c] += (uint64_t)hold;
                }
                for (unsigned mask = 0; mask < 1u << h->C; mask++)
                    h->satisfying[mask] += (holds & mask) == mask;
                int all = 1;
                for (size_t k = 0; k < h->n; k++) {
                    int mine = 1;
                    for (size_t c = 0; c < h->C; c++)
                        if (parley_analysis_condition(a, c)->party == k)
                            mine &= holds >> c & 1;
                    h->party_ok[k] += (uint64_t)mine;
                    all &= mine;
                }
                if (!all)
                    continue;
                h->acceptable++;
                memcpy(ok_x[m], x, sizeof x);
                memcpy(ok_u[m++], u, sizeof u);
            }
    for (size_t i = 0; i < m; i++) {
        int dominated = 0;
        for (size_t j = 0; j < m && !dominated; j++)
            dominated = dominates(ok_u[j], ok_u[i], h->n);
        if (dominated)
            continue;
        memcpy(h->frontier[h->count], ok_x[i], sizeof ok_x[i]);
        memcpy(h->fu[h->count++], ok_u[i], sizeof ok_u[i]);
        for (size_t k = 0; k < h->n; k++)
            h->best[k] = fmax(h->best[k], ok_u[i][k]);
    }
}

/* A rule's objective at utilities u (parley/analysis.h: the Nash product of the gains over the reservations, the
   Kalai ratio of gain to range, 1 for a party whose range is 0, the smallest gain, the sum of utilities). */
static double objective_by_hand(const double *u, size_t n, const double *r, const double *best, int kind)
{
    double product = 1, ratio = INFINITY, smallest = INFINITY, total = 0;
    for (size_t k = 0; k < n; k++) {
        double gain = u[k] - r[k], range = best[k] - r[k];
        product *= gain;
        ratio = fmin(ratio, range > 0 ? gain / range : 1.0);
        smallest = fmin(smallest, gain);
        total += u[k];
    }
    return kind == PARLEY_SOLUTION_NASH ? product : kind == PARLEY_SOLUTION_KALAI ? ratio
           : kind == PARLEY_SOLUTION_EGALITARIAN ? smallest : total;
}

/* a's figures are h's; its solutions the first frontier point of the largest objective. */
static void assert_by_hand(const parley_analysis *a, const struct by_hand *h, const char *what)
{
    if (parley_analysis_feasible(a) != h->feasible || parley_analysis_acceptable(a) != h->acceptable)
        fail_msg("%s: %llu feasible, %llu acceptable; by hand %llu, %llu", what,
                 (unsigned long long)parley_analysis_feasible(a), (unsigned long long)parley_analysis_acceptable(a),
                 (unsigned long long)h->feasible, (unsigned long long)h->acceptable);
    for (size_t k = 0; k < h->n; k++) {
        assert_int_equal(parley_analysis_party_acceptable(a, k), h->party_ok[k]);
        assert_true(parley_analysis_reservation(a, k) == h->r[k]);
        assert_true(parley_analysis_best(a, k) == h->best[k]);
    }
    for (size_t c = 0; c < h->C; c++)
        assert_int_equal(parley_analysis_condition_holds(a, c), h->holds[c]);
    for (uint32_t mask = 0; mask < 1u << h->C; mask++) {
        uint64_t count = 0;
        assert_int_equal(parley_analysis_count_satisfying(a, mask, &count), PARLEY_OK);
        if (count != h->satisfying[mask])
            fail_msg("%s: %llu satisfy conditions %x, by hand %llu", what, (unsigned long long)count, mask,
                     (unsigned long long)h->satisfying[mask]);
    }
    /* minimal conflicts: the masks none satisfies, all of whose one-smaller subsets some outcome satisfies */
    uint32_t want[256], got[256];
    size_t w = 0;
    for (uint32_t mask = 1; h->acceptable == 0 && mask < 1u << h->C; mask++) {
        int minimal = h->satisfying[mask] == 0;
        for (size_t c = 0; c < h->C && minimal; c++)
            if (mask >> c & 1)
                minimal = h->satisfying[mask & ~(1u << c)] > 0;
        if (minimal)
            want[w++] = mask;
    }
    size_t g = parley_analysis_minimal_conflicts(a, got, 256);
    assert_int_equal(g, w);
    for (size_t i = 0; i < g; i++) {
        assert_true(i == 0 || __builtin_popcount(got[i - 1]) <= __builtin_popcount(got[i])); /* smallest first */
        int seen = 0;
        for (size_t j = 0; j < w; j++)
            seen |= want[j] == got[i];
        assert_true(seen);
    }
    assert_int_equal(parley_analysis_frontier_count(a), h->count);
    for (size_t i = 0; i < h->count; i++) {
        if (memcmp(parley_analysis_frontier_outcome(a, i), h->frontier[i], sizeof h->frontier[i]) != 0)
            fail_msg("%s: frontier point %zu differs", what, i);
        assert_memory_equal(parley_analysis_frontier_utilities(a, i), h->fu[i], h->n * sizeof(double));
    }
    for (int kind = 0; kind < PARLEY_SOLUTION_COUNT; kind++) {
        const uint32_t *outcome = NULL;
        const double *u = NULL;
        double value = 0;
        int rc = parley_analysis_solution(a, (parley_solution_kind)kind, &outcome, &u, &value);
        if (h->count == 0) {
            assert_int_equal(rc, PARLEY_ENOTFOUND);
            continue;
        }
        assert_int_equal(rc, PARLEY_OK);
        size_t first = 0;
        double top = -INFINITY;
        for (size_t i = 0; i < h->count; i++) {
            double objective = objective_by_hand(h->fu[i], h->n, h->r, h->best, kind);
            if (objective > top) {
                top = objective;
                first = i;
            }
        }
        if (memcmp(outcome, h->frontier[first], sizeof h->frontier[first]) != 0)
            fail_msg("%s: solution %d is not frontier point %zu", what, kind, first);
        assert_memory_equal(u, h->fu[first], h->n * sizeof(double));
        assert_true(value == top);
    }
}

/* Every method, thread count and split into parts merged gives the figures worked out by enumeration. */
static void test_analysis_by_hand(void **state)
{
    (void)state;
    for (int round = 0; round < 120; round++) {
        size_t n = 2 + (size_t)round % 3;
        uint32_t counts[3];
        parley_scenario *sc = hand_scenario(n, counts, round % 10 == 9);
        uint64_t total = (uint64_t)counts[0] * counts[1] * counts[2];
        parley_analysis *stream = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
        static struct by_hand h;
        analyse_by_hand(sc, stream, counts, &h);
        assert_int_equal(parley_analysis_outcomes(stream), total);
        assert_by_hand(stream, &h, "streamed");
        parley_analysis *other = test_analyse(sc, PARLEY_ANALYSIS_EXACT, 2);
        assert_by_hand(other, &h, parley_analysis_merged(other) ? "exact" : "exact (fell back)");
        parley_analysis_free(other);
        /* three parts, the middle one of one outcome, merged into the first (spaces of 3 outcomes and more) */
        if (total < 3) {
            parley_analysis_free(stream);
            parley_scenario_free(sc);
            continue;
        }
        uint64_t cut[4] = {0, total / 2, total / 2 + 1, total};
        parley_analysis *parts[3];
        for (int p = 0; p < 3; p++)
            parts[p] = test_analyse_with(sc, &(parley_analysis_options){.threads = 1, .first = cut[p],
                                                                        .count = cut[p + 1] - cut[p]});
        for (int p = 1; p < 3; p++) {
            void *buf = NULL;
            size_t len = 0;
            assert_int_equal(parley_analysis_pack(parts[p], &buf, &len, NULL), PARLEY_OK);
            assert_int_equal(parley_analysis_merge_packed(parts[0], sc, buf, len, NULL), PARLEY_OK);
            free(buf);
            parley_analysis_free(parts[p]);
        }
        assert_by_hand(parts[0], &h, "merged parts");
        parley_analysis_free(parts[0]);
        parley_analysis_free(stream);
        parley_scenario_free(sc);
    }
}

/* What an amended text does, worked out as parley/diagnose.h says (no phases: utilities are the plain ones). */
static void effect_by_hand(const parley_scenario *sc, size_t n, const uint32_t *text, const uint32_t *values,
                           parley_amendment_effect *e)
{
    memset(e, 0, sizeof *e);
    for (size_t c = 0; c < parley_scenario_constraint_count(sc); c++) {
        long party = parley_scenario_constraint(sc, c)->party; /* each party has at most one red line */
        int holds = party < 0 ? parley_scenario_feasible(sc, values) : parley_scenario_red_lines_hold(sc, (size_t)party, values);
        if (holds)
            continue;
        e->broken |= (uint64_t)1 << c;
        e->breaks_global |= party < 0;
    }
    e->acceptable_to_all = !e->breaks_global;
    for (size_t k = 0; k < n; k++) {
        const parley_utility *u = parley_party_utility(sc, k);
        e->before[k] = parley_utility_eval(u, text);
        e->after[k] = parley_utility_eval(u, values);
        int accepts = !e->breaks_global && parley_scenario_red_lines_hold(sc, k, values) &&
                      e->after[k] >= parley_utility_reservation(u) - 0x1p-33;
        e->accepted_by |= (uint64_t)accepts << k;
        e->acceptable_to_all &= accepts;
    }
}

static void assert_same_effect(const parley_amendment_effect *got, const parley_amendment_effect *want, size_t n)
{
    assert_int_equal(got->acceptable_to_all, want->acceptable_to_all);
    assert_int_equal(got->accepted_by, want->accepted_by);
    assert_int_equal(got->broken, want->broken);
    assert_int_equal(got->breaks_global, want->breaks_global);
    assert_memory_equal(got->before, want->before, n * sizeof *got->before);
    assert_memory_equal(got->after, want->after, n * sizeof *got->after);
}

/* parley_amendments_check (each amendment alone and all together) and parley_texts_rank (every package of the space
   as a text, each rule: effects, score, shortfall, order) on the random scenarios of test_analysis_by_hand. */
static void test_texts_by_hand(void **state)
{
    (void)state;
    static uint32_t texts[HAND_MAX * 3];
    static parley_text_rank ranks[HAND_MAX];
    for (int round = 0; round < 40; round++) {
        size_t n = 2 + (size_t)round % 3;
        uint32_t counts[3];
        parley_scenario *sc = hand_scenario(n, counts, 0);
        parley_analysis *a = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
        static struct by_hand h;
        analyse_by_hand(sc, a, counts, &h);
        size_t m = 0;
        for (uint32_t x = 0; x < counts[0]; x++)
            for (uint32_t y = 0; y < counts[1]; y++)
                for (uint32_t z = 0; z < counts[2]; z++, m++) {
                    texts[m * 3] = x;
                    texts[m * 3 + 1] = y;
                    texts[m * 3 + 2] = z;
                }
        /* amendments of a random text: two issues changed, alone and together */
        const uint32_t *text = &texts[(rnd() % m) * 3];
        parley_amendment amendments[2] = {{0, (uint32_t)(rnd() % counts[0]), "first"},
                                          {2, (uint32_t)(rnd() % counts[2]), NULL}};
        parley_amendment_effect effects[3], want;
        parley_error err;
        assert_int_equal(parley_amendments_check(sc, text, amendments, 2, effects, &err), PARLEY_OK);
        uint32_t values[3];
        for (size_t k = 0; k <= 2; k++) {
            memcpy(values, text, sizeof values);
            if (k != 1)
                values[0] = amendments[0].value;
            if (k != 0)
                values[2] = amendments[1].value;
            effect_by_hand(sc, n, text, values, &want);
            assert_same_effect(&effects[k], &want, n);
        }
        for (int rule = 0; rule < PARLEY_SOLUTION_COUNT; rule++) {
            double best_score = 0;
            assert_int_equal(parley_texts_rank(sc, texts, m, (parley_solution_kind)rule,
                                               &(parley_analysis_options){.threads = 1}, ranks, &best_score, &err),
                             PARLEY_OK);
            double value = -INFINITY;
            if (parley_analysis_solution(a, (parley_solution_kind)rule, NULL, NULL, &value) != PARLEY_OK)
                value = -INFINITY;
            assert_true(best_score == value);
            static parley_text_rank expected[HAND_MAX];
            for (size_t t = 0; t < m; t++) {
                parley_text_rank *r = &expected[t];
                memset(r, 0, sizeof *r);
                r->text = t;
                effect_by_hand(sc, n, &texts[t * 3], &texts[t * 3], &r->effect);
                double u[4];
                for (size_t k = 0; k < n; k++) {
                    u[k] = rounded(r->effect.after[k]);
                    r->shortfall = fmax(r->shortfall, h.r[k] - u[k]);
                }
                r->score = objective_by_hand(u, n, h.r, h.best, rule);
                /* in the ranking's order: acceptable first by score (higher first), then by shortfall, then text */
                for (size_t i = t; i > 0; i--) {
                    const parley_text_rank *p = &expected[i - 1], *q = &expected[i];
                    int before = p->effect.acceptable_to_all != q->effect.acceptable_to_all
                                     ? p->effect.acceptable_to_all
                                 : q->effect.acceptable_to_all ? p->score >= q->score
                                                               : p->shortfall <= q->shortfall;
                    if (before)
                        break;
                    parley_text_rank swap = expected[i];
                    expected[i] = expected[i - 1];
                    expected[i - 1] = swap;
                }
            }
            for (size_t t = 0; t < m; t++) {
                if (ranks[t].text != expected[t].text)
                    fail_msg("round %d, rule %d: rank %zu is text %zu, by hand %zu", round, rule, t, ranks[t].text,
                             expected[t].text);
                assert_same_effect(&ranks[t].effect, &expected[t].effect, n);
                assert_true(ranks[t].score == expected[t].score);
                assert_true(ranks[t].shortfall == expected[t].shortfall);
            }
        }
        parley_analysis_free(a);
        parley_scenario_free(sc);
    }
}

/* ---------------------------------------------------------------- solution labels keep clear of the rings */

/* In the SVG of analyses of random scenarios (2 and 3 parties), no label of a bargaining solution comes within 6 px
   of a solution's ring (plot.c reserves a 12 px box around each ring before placing any label): each label's box,
   worked out from its printed centre and its text's width (svg_text_width, 11 px, 1 px margin), against each ring's
   box, allowing 0.1 px for the coordinates printed to one decimal.  Returns the labels checked. */
static size_t labels_clear_of_rings(const char *picture)
{
    double rings[64][2];
    size_t count = 0, labels = 0;
    for (const char *at = picture; (at = strstr(at, "<circle cx=\"")) != NULL; at++) {
        double x, y;
        int used = 0;
        if (sscanf(at, "<circle cx=\"%lf\" cy=\"%lf\" r=\"5\" fill=\"none\" stroke=\"#111111\"%n", &x, &y, &used) == 2 &&
            used > 0) {
            assert_true(count < 64);
            rings[count][0] = x;
            rings[count++][1] = y;
        }
    }
    static const char halo[] = "fill=\"#111111\" stroke=\"#fff\" stroke-width=\"3\"";
    for (const char *at = picture; (at = strstr(at, "<text x=\"")) != NULL; at++) {
        const char *end = strchr(at, '>'), *close = strstr(at, "</text>");
        const char *mark = strstr(at, halo);
        if (!end || !close || !mark || mark > end)
            continue;
        double x, y;
        assert_int_equal(sscanf(at, "<text x=\"%lf\" y=\"%lf\" font-size=\"11\"", &x, &y), 2);
        char text[128];
        size_t len = (size_t)(close - end - 1);
        assert_true(len < sizeof text);
        memcpy(text, end + 1, len);
        text[len] = 0;
        double w = svg_text_width(text, 11), h = 1.05 * 11, cy = y - 0.35 * 11;
        double bx0 = x - w / 2 - 1, bx1 = x + w / 2 + 1, by0 = cy - h / 2 - 1, by1 = cy + h / 2 + 1;
        for (size_t r = 0; r < count; r++) {
            double ox = fmin(bx1, rings[r][0] + 6) - fmax(bx0, rings[r][0] - 6);
            double oy = fmin(by1, rings[r][1] + 6) - fmax(by0, rings[r][1] - 6);
            if (ox > 0.1 && oy > 0.1)
                fail_msg("label '%s' at (%.1f, %.1f) comes within 6 px of the ring at (%.1f, %.1f)", text, x, y,
                         rings[r][0], rings[r][1]);
        }
        labels++;
    }
    return labels;
}

/* The SVG of sc's analysis (one thread, 8 x 8 plot bins), malloc'd; sc is freed. */
static char *analysed_svg(parley_scenario *sc)
{
    parley_analysis *a = test_analyse_with(sc, &(parley_analysis_options){.threads = 1, .plot_bins = 8});
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    assert_int_equal(parley_analysis_write_svg(a, sc, out, NULL), PARLEY_OK);
    fclose(out);
    parley_analysis_free(a);
    parley_scenario_free(sc);
    return text;
}

/* The SVG of the analysis of one issue of two values, Q = (qa, qb) and P = (pa, pb) the parties' utilities. */
static char *two_point_svg(double qa, double qb, double pa, double pb)
{
    static const uint32_t two[] = {2};
    parley_scenario *sc = parley_scenario_new(test_integer_space(two, 1));
    assert_non_null(sc);
    test_add_party(sc, "A", &(double){1}, (const double[]){qa, pa}, 2, 0);
    test_add_party(sc, "B", &(double){1}, (const double[]){qb, pb}, 2, 0);
    return analysed_svg(sc);
}

/* The first solution ring's centre (when rx is not NULL) and the position of the label `name`; 0, or -1. */
static int ring_and_label(const char *picture, const char *name, double *rx, double *ry, double *lx, double *ly)
{
    const char *ring = strstr(picture, "r=\"5\" fill=\"none\" stroke=\"#111111\"");
    char closing[128];
    snprintf(closing, sizeof closing, ">%s</text>", name);
    const char *label = strstr(picture, closing);
    if (!ring || !label)
        return -1;
    while (ring > picture && strncmp(ring, "<circle", 7) != 0)
        ring--;
    while (label > picture && strncmp(label, "<text", 5) != 0)
        label--;
    if (rx && sscanf(ring, "<circle cx=\"%lf\" cy=\"%lf\"", rx, ry) != 2)
        return -1;
    return sscanf(label, "<text x=\"%lf\" y=\"%lf\"", lx, ly) == 2 ? 0 : -1;
}

static void test_solution_labels_clear(void **state)
{
    (void)state;
    size_t labels = 0;
    for (int round = 0; round < 300; round++) {
        size_t n = 2 + (size_t)round % 2;
        uint32_t counts[3];
        char *text = analysed_svg(hand_scenario(n, counts, 0));
        labels += labels_clear_of_rings(text);
        free(text);
    }
    assert_true(labels > 300);
    /* by hand, two outcomes Q and P, 440 px a unit of utility.  Q = (1/2, 1/4) (Nash, Kalai, egalitarian), P 20 px
       right of Q and 12.3 px below (max welfare): the first place tried for Q's label, to its right (6.8 px above
       and below Q's centre), would come 0.5 px into the 6 px kept around P's ring: the label goes left of Q, and
       P's to the right of P. */
    double qx, qy, lx, ly;
    char *text = two_point_svg(0.5, 0.25, 0.5 + 20.0 / 440, 0.25 - 12.3 / 440);
    assert_int_equal(labels_clear_of_rings(text), 2);
    assert_int_equal(ring_and_label(text, "Nash = Kalai = egalitarian", &qx, &qy, &lx, &ly), 0);
    assert_true(lx < qx - 6 && fabs(ly - 0.35 * 11 - qy) < 0.2); /* left of Q, centred on it */
    assert_int_equal(ring_and_label(text, "max welfare", NULL, NULL, &lx, &ly), 0);
    assert_true(lx > qx + 20 + 6); /* right of P */
    free(text);
    /* Q = (0.9, 0.2) (Nash, Kalai, max welfare) too near the right edge for its label there, P to its left and
       6 px above (egalitarian), so far that the place tried next, left of Q, would end 0.5 px into the 6 px kept
       right of P's ring: the label goes elsewhere (above or below Q) */
    double w = svg_text_width("Nash = Kalai = max welfare", 11), dx = 13.5 + w;
    text = two_point_svg(0.9, 0.2, 0.9 - dx / 440, 0.2 + 6.0 / 440);
    assert_int_equal(labels_clear_of_rings(text), 2);
    assert_int_equal(ring_and_label(text, "Nash = Kalai = max welfare", &qx, &qy, &lx, &ly), 0);
    assert_true(fabs(ly - 0.35 * 11 - qy) > 5); /* not beside Q */
    free(text);
}

/* ---------------------------------------------------------------- the combination of reservation moves */

/* A random scenario of reservation values only: 2 issues i0, i1 of 2 to 4 values, n parties rating in quarters
   with weights 1/2 (utilities in eighths; every eighth round party 0 values nothing), reservations r[k] from 1/2 to
   1, a global constraint `i0 != 1` one time in three. */
static parley_scenario *reservation_scenario(int round, size_t n, uint32_t *counts, double *r)
{
    for (size_t i = 0; i < 2; i++)
        counts[i] = 2 + (uint32_t)(rnd() % 3);
    parley_scenario *sc = parley_scenario_new(test_integer_space(counts, 2));
    assert_non_null(sc);
    static const double weights[2] = {0.5, 0.5};
    for (size_t k = 0; k < n; k++) {
        double ratings[2 * 4];
        for (size_t i = 0; i < 2; i++)
            for (uint32_t v = 0; v < counts[i]; v++)
                ratings[i * 4 + v] = round % 8 == 0 && k == 0 ? 0 : (double)(rnd() % 5) / 4;
        r[k] = (double)(4 + rnd() % 5) / 8;
        char name[8] = {'P', (char)('0' + k), 0};
        test_add_party(sc, name, weights, ratings, 4, r[k]);
    }
    if (rnd() % 3 == 0)
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "g", "i0 != 1", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* The combination against brute force on random scenarios of reservation values only (2 issues of 2 to 4 values,
   ratings in quarters, weights 1/2: utilities in eighths, 0 reached by some parties; a global constraint
   sometimes): the feasible package with the smallest largest shortfall (r_k - u_k), ties to the larger sum of
   utilities, then the lower outcome; each party short of its reservation lowers it to one grid step below its
   utility (never below 0), in party order; the zone those moves open, counted here. */
static void test_combination_by_hand(void **state)
{
    (void)state;
    int zero_seen = 0, found = 0;
    for (int round = 0; round < 80; round++) {
        size_t n = 2 + (size_t)round % 2;
        uint32_t counts[2];
        double r[3];
        parley_scenario *sc = reservation_scenario(round, n, counts, r);
        /* brute force */
        uint32_t best_x[2] = {0, 0}, x[2];
        double best = INFINITY, best_sum = -INFINITY, best_u[3] = {0};
        uint64_t zone_now = 0;
        for (x[0] = 0; x[0] < counts[0]; x[0]++)
            for (x[1] = 0; x[1] < counts[1]; x[1]++) {
                if (!parley_scenario_feasible(sc, x))
                    continue;
                double u[3], worst = 0, sum = 0;
                int ok = 1;
                for (size_t k = 0; k < n; k++) {
                    u[k] = parley_utility_eval(parley_party_utility(sc, k), x);
                    worst = fmax(worst, r[k] - u[k]);
                    sum += u[k];
                    ok &= u[k] >= r[k];
                }
                zone_now += (uint64_t)ok;
                if (worst < best || (worst == best && sum > best_sum)) {
                    best = worst;
                    best_sum = sum;
                    memcpy(best_x, x, sizeof x);
                    memcpy(best_u, u, sizeof u);
                }
            }
        parley_diagnosis *d = NULL;
        parley_error err;
        assert_int_equal(parley_diagnose(sc, &(parley_analysis_options){.threads = 1}, &d, &err), PARLEY_OK);
        const parley_concession *moves = NULL;
        size_t count = 0;
        double largest = -1;
        uint64_t zone = 0;
        const uint32_t *nash = NULL;
        const double *utilities = NULL;
        const char *skipped = "not set";
        int rc = parley_diagnosis_combination(d, &moves, &count, &largest, &zone, &nash, &utilities, &skipped);
        if (zone_now > 0) {
            assert_int_equal(rc, PARLEY_ENOTFOUND);
            parley_diagnosis_free(d);
            parley_scenario_free(sc);
            continue;
        }
        found++;
        assert_int_equal(rc, PARLEY_OK);
        assert_true(largest == best);
        /* the moves, party by party, and the zone with the reservations moved */
        double moved[3];
        size_t m = 0;
        for (size_t k = 0; k < n; k++) {
            moved[k] = r[k];
            if (r[k] <= best_u[k])
                continue;
            moved[k] = best_u[k] - 0x1p-32 > 0 ? best_u[k] - 0x1p-32 : 0;
            zero_seen |= best_u[k] == 0;
            assert_true(m < count);
            assert_int_equal(moves[m].party, k);
            assert_int_equal(moves[m].condition, k); /* no red lines: conditions are the reservations */
            assert_int_equal(moves[m].change, PARLEY_CHANGE_LOWER_RESERVATION);
            assert_true(moves[m].from == r[k]);
            if (moves[m].to != moved[k])
                fail_msg("round %d: party %zu lowered to %a, expected %a", round, k, moves[m].to, moved[k]);
            assert_true(moves[m].concession == r[k] - best_u[k]);
            m++;
        }
        assert_int_equal(count, m);
        uint64_t want_zone = 0;
        for (x[0] = 0; x[0] < counts[0]; x[0]++)
            for (x[1] = 0; x[1] < counts[1]; x[1]++) {
                int ok = parley_scenario_feasible(sc, x);
                for (size_t k = 0; k < n && ok; k++)
                    ok = parley_utility_eval(parley_party_utility(sc, k), x) >= moved[k];
                want_zone += (uint64_t)ok;
            }
        assert_int_equal(zone, want_zone);
        assert_true(zone >= 1);
        assert_non_null(nash);
        assert_non_null(utilities);
        int acceptable = parley_scenario_feasible(sc, nash);
        for (size_t k = 0; k < n; k++) {
            assert_true(utilities[k] == parley_utility_eval(parley_party_utility(sc, k), nash));
            acceptable &= utilities[k] >= moved[k];
        }
        assert_true(acceptable);
        (void)best_x;
        parley_diagnosis_free(d);
        parley_scenario_free(sc);
    }
    assert_true(found > 10);
    assert_true(zero_seen);
}

/* Outcomes of the reservation scenario every party k accepts at level[k] (feasible ones); *best_of the most party
   `who` gets among them (0 when none). */
static uint64_t zone_at(const parley_scenario *sc, const uint32_t *counts, size_t n, const double *level, size_t who,
                        double *best_of)
{
    uint64_t zone = 0;
    uint32_t x[2];
    *best_of = 0;
    for (x[0] = 0; x[0] < counts[0]; x[0]++)
        for (x[1] = 0; x[1] < counts[1]; x[1]++) {
            int ok = parley_scenario_feasible(sc, x);
            for (size_t k = 0; k < n && ok; k++)
                ok = parley_utility_eval(parley_party_utility(sc, k), x) >= level[k];
            zone += (uint64_t)ok;
            if (ok)
                *best_of = fmax(*best_of, parley_utility_eval(parley_party_utility(sc, who), x));
        }
    return zone;
}

/* The diagnosis of reservation values only against brute force: the minimal conflicting sets of parties (by size,
   then members), and for each party in one the relaxation lowering its reservation to the most it can get where
   the others accept (0 when nothing then), with the zone that opens, an acceptable Nash package and its cost (the
   reservation's shortfall there), the largest zones first (then by condition). */
static void test_relaxations_by_hand(void **state)
{
    (void)state;
    int lowered = 0;
    for (int round = 0; round < 80; round++) {
        size_t n = 2 + (size_t)round % 2;
        uint32_t counts[2];
        double r[3], level[3], best;
        parley_scenario *sc = reservation_scenario(round, n, counts, r);
        parley_diagnosis *d = NULL;
        parley_error err;
        assert_int_equal(parley_diagnose(sc, &(parley_analysis_options){.threads = 1}, &d, &err), PARLEY_OK);
        /* conflicts: the sets S of parties no feasible package satisfies, none of whose subsets is one */
        unsigned conflicting[8] = {0}, minimal[8], m = 0, in_conflict = 0;
        for (unsigned set = 1; set < 1u << n; set++) {
            for (size_t k = 0; k < n; k++)
                level[k] = set >> k & 1 ? r[k] : -1;
            conflicting[set] = zone_at(sc, counts, n, level, 0, &best) == 0;
        }
        for (size_t size = 1; size <= n; size++) /* by size, then members (sets of a size ascend with their members) */
            for (unsigned set = 1; set < 1u << n; set++) {
                if ((size_t)__builtin_popcount(set) != size || !conflicting[set])
                    continue;
                int smaller = 0;
                for (unsigned sub = (set - 1) & set; sub && !smaller; sub = (sub - 1) & set)
                    smaller = conflicting[sub];
                if (!smaller) {
                    minimal[m++] = set;
                    in_conflict |= set;
                }
            }
        int complete = 0;
        assert_int_equal(parley_diagnosis_conflict_count(d, &complete), m);
        assert_true(complete);
        for (unsigned i = 0; i < m; i++) {
            const size_t *members = NULL;
            size_t count = parley_diagnosis_conflict(d, i, &members);
            assert_int_equal(count, __builtin_popcount(minimal[i]));
            for (size_t j = 0, k = 0; k < n; k++)
                if (minimal[i] >> k & 1)
                    assert_int_equal(members[j++], k);
        }
        /* one relaxation per party in a conflict, by zone (largest first), then by condition */
        struct {
            size_t k;
            double to;
            uint64_t zone;
        } want[3];
        size_t w = 0;
        for (size_t k = 0; k < n; k++) {
            if (!(in_conflict >> k & 1))
                continue;
            for (size_t j = 0; j < n; j++)
                level[j] = j == k ? 0 : r[j];
            want[w].k = k;
            want[w].to = zone_at(sc, counts, n, level, k, &best) ? best : 0;
            level[k] = want[w].to;
            want[w].zone = zone_at(sc, counts, n, level, k, &best);
            for (size_t i = w; i > 0 && want[i].zone > want[i - 1].zone; i--) {
                __typeof__(want[0]) t = want[i];
                want[i] = want[i - 1];
                want[i - 1] = t;
            }
            w++;
        }
        assert_int_equal(parley_diagnosis_relaxation_count(d), w);
        for (size_t i = 0; i < w; i++) {
            const parley_relaxation *x = parley_diagnosis_relaxation(d, i);
            size_t k = want[i].k;
            assert_int_equal(x->condition, k);
            assert_int_equal(x->second, PARLEY_NO_CONDITION);
            assert_int_equal(x->change, PARLEY_CHANGE_LOWER_RESERVATION);
            assert_null(x->rule);
            assert_true(x->from == r[k]);
            if (x->to != want[i].to)
                fail_msg("round %d: party %zu lowered to %g, by hand %g", round, k, x->to, want[i].to);
            assert_int_equal(x->zone, want[i].zone);
            if (want[i].zone == 0) {
                assert_null(x->nash);
                assert_true(isnan(x->cost));
                continue;
            }
            lowered++;
            assert_non_null(x->nash);
            int acceptable = parley_scenario_feasible(sc, x->nash);
            for (size_t j = 0; j < n; j++) {
                double u = parley_utility_eval(parley_party_utility(sc, j), x->nash);
                assert_true(x->utilities[j] == u);
                acceptable &= u >= (j == k ? want[i].to : r[j]);
            }
            assert_true(acceptable);
            assert_true(x->cost == (r[k] > x->utilities[k] ? r[k] - x->utilities[k] : 0));
            assert_true(isnan(x->second_cost));
        }
        parley_diagnosis_free(d);
        parley_scenario_free(sc);
    }
    assert_true(lowered > 10);
}

/* Acceptable outcomes of `sc` with party `lowered`'s reservation at `level` (the others' as they stand), by
   enumeration over the scenario's own constraints. */
static uint64_t zone_of(const parley_scenario *sc, const uint32_t *counts, size_t n, size_t lowered, double level)
{
    uint64_t zone = 0;
    uint32_t x[3];
    for (x[0] = 0; x[0] < counts[0]; x[0]++)
        for (x[1] = 0; x[1] < counts[1]; x[1]++)
            for (x[2] = 0; x[2] < counts[2]; x[2]++) {
                int ok = parley_scenario_feasible(sc, x);
                for (size_t k = 0; k < n && ok; k++) {
                    const parley_utility *u = parley_party_utility(sc, k);
                    ok = parley_scenario_red_lines_hold(sc, k, x) &&
                         rounded(parley_utility_eval(u, x)) >= (k == lowered ? level : rounded(parley_utility_reservation(u)));
                }
                zone += (uint64_t)ok;
            }
    return zone;
}

/* The diagnosis of the random scenarios with red lines: one relaxation per condition in a conflict; a red line
   dropped opens the zone of the scenario without it, moved (a threshold, admitted values) the zone of the scenario
   with the moved rule, never more than dropping it, never none; the Nash package acceptable there; the zones in
   descending order; a reservation lowered opens the zone of its new level. */
static void test_red_line_relaxations_by_hand(void **state)
{
    (void)state;
    int moved = 0, dropped = 0;
    for (int round = 0; round < 150; round++) {
        size_t n = 2 + (size_t)round % 2;
        uint32_t counts[3];
        parley_scenario *sc = hand_scenario(n, counts, 0);
        if (zone_of(sc, counts, n, SIZE_MAX, 0) > 0 || parley_scenario_constraint_count(sc) == 0) {
            parley_scenario_free(sc);
            continue;
        }
        parley_diagnosis *d = NULL;
        parley_error err;
        assert_int_equal(parley_diagnose(sc, &(parley_analysis_options){.threads = 1}, &d, &err), PARLEY_OK);
        const parley_analysis *a = parley_diagnosis_analysis(d);
        uint64_t previous = UINT64_MAX;
        for (size_t i = 0; i < parley_diagnosis_relaxation_count(d); i++) {
            const parley_relaxation *x = parley_diagnosis_relaxation(d, i);
            assert_true(x->zone <= previous);
            previous = x->zone;
            if (x->second != PARLEY_NO_CONDITION)
                continue; /* pairs: when no single relaxation opens a zone */
            const parley_condition *cond = parley_analysis_condition(a, x->condition);
            uint64_t want;
            if (cond->kind == PARLEY_CONDITION_RESERVATION) {
                assert_int_equal(x->change, PARLEY_CHANGE_LOWER_RESERVATION);
                want = zone_of(sc, counts, n, cond->party, x->to);
            } else {
                parley_scenario *copy = parley_scenario_clone(sc);
                assert_non_null(copy);
                const parley_constraint *con = parley_scenario_constraint(sc, cond->index);
                assert_int_equal(parley_scenario_remove_constraint(copy, cond->index), PARLEY_OK);
                uint64_t without = zone_of(copy, counts, n, SIZE_MAX, 0);
                if (x->change == PARLEY_CHANGE_DROP) {
                    assert_null(x->rule);
                    want = without;
                    dropped++;
                } else {
                    assert_true(x->change == PARLEY_CHANGE_MOVE || x->change == PARLEY_CHANGE_ADMIT_VALUES);
                    assert_non_null(x->rule);
                    assert_string_not_equal(x->rule, con->rule);
                    assert_int_equal(parley_scenario_add_constraint(copy, (long)cond->party, con->name, x->rule, NULL,
                                                                    NULL, NULL),
                                     PARLEY_OK);
                    want = zone_of(copy, counts, n, SIZE_MAX, 0);
                    assert_true(want > 0 && want <= without);
                    moved++;
                }
                if (x->zone != want)
                    fail_msg("round %d: relaxing condition %zu (%s) opens %llu, by hand %llu", round, x->condition,
                             x->rule ? x->rule : "dropped", (unsigned long long)x->zone, (unsigned long long)want);
                if (x->zone > 0) { /* the Nash package keeps every remaining condition */
                    int ok = parley_scenario_feasible(copy, x->nash);
                    for (size_t k = 0; k < n && ok; k++)
                        ok = parley_scenario_red_lines_hold(copy, k, x->nash);
                    assert_true(ok);
                }
                parley_scenario_free(copy);
            }
            assert_int_equal(x->zone, want);
            assert_true((x->zone > 0) == (x->nash != NULL));
        }
        parley_diagnosis_free(d);
        parley_scenario_free(sc);
    }
    assert_true(moved > 0 && dropped > 0);
}

/* ---------------------------------------------------------------- smallest_move of a threshold */

static void count_analysis(void *user, double done, double total, const char *what)
{
    (void)what;
    *(unsigned *)user += done >= total;
}

/* x in 0..7; A's red line `rule`, A wants x toward the line's side, B the other way and accepts up to `open`. */
static parley_scenario *threshold_scenario(const char *rule, int down, unsigned open)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "x", 0, 7, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (unsigned k = 0; k < 2; k++) {
        double ratings[8];
        for (uint32_t v = 0; v < 8; v++) /* B: (7 - v) / 8 when the line moves down, v / 8 when up; A the reverse */
            ratings[v] = (double)((k == 1) == down ? 7 - v : v) / 8;
        /* B accepts x <= open (down) or x >= open (up) */
        assert_int_equal(test_add_party(sc, k ? "B" : "A", &(double){1}, ratings, 8, k ? (double)(down ? 7 - open : open) / 8 : 0),
                         (long)k);
    }
    assert_int_equal(parley_scenario_add_constraint(sc, 0, "line", rule, NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* Probes of a binary search for the first open position of 0..hi (open from position t on). */
static unsigned probes(long hi, long t)
{
    unsigned count = 0;
    for (long lo = 0; lo <= hi; count++) {
        long mid = lo + (hi - lo) / 2;
        if (mid >= t)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return count;
}

static void test_smallest_move_of_a_threshold(void **state)
{
    (void)state;
    for (int down = 0; down < 2; down++)
        for (unsigned line = 1; line <= 6; line++) { /* down: x >= line (allowed line..7); up: x <= 7 - line */
            unsigned bound = down ? line : 7 - line;
            char rule[32], want[32];
            snprintf(rule, sizeof rule, "x %s %u", down ? ">=" : "<=", bound);
            for (unsigned o = 0; o < line; o++) { /* B's last acceptable value: o (down) or 7 - o (up) */
                unsigned open = down ? o : 7 - o;
                parley_scenario *sc = threshold_scenario(rule, down, open);
                unsigned analyses = 0;
                parley_analysis_options options = {.threads = 1, .progress = count_analysis, .progress_user = &analyses};
                parley_analysis *a = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
                assert_int_equal(parley_analysis_acceptable(a), 0);
                assert_int_equal(parley_analysis_condition(a, 0)->kind, PARLEY_CONDITION_RED_LINE);
                parley_relax_change change = PARLEY_CHANGE_DROP;
                char moved[256];
                parley_scenario *copy = (parley_scenario *)a;
                parley_error err;
                parley_error_clear(&err);
                int rc = smallest_move(a, sc, 0, &options, &change, moved, sizeof moved, &copy, &err);
                /* candidates nearest first: `line` of them; the zone opens from position line - 1 - o on */
                unsigned search = probes((long)line - 1, (long)(line - 1 - o));
                if (o == 0) { /* only the value at the far end opens: that is dropping the line */
                    assert_int_equal(rc, PARLEY_ENOTFOUND);
                    assert_null(copy);
                    assert_int_equal(analyses, search);
                } else {
                    assert_int_equal(rc, PARLEY_OK);
                    assert_int_equal(change, PARLEY_CHANGE_MOVE);
                    snprintf(want, sizeof want, "x %s %u", down ? ">=" : "<=", open);
                    assert_string_equal(moved, want);
                    assert_non_null(copy);
                    parley_analysis *b = test_analyse(copy, PARLEY_ANALYSIS_STREAM, 1);
                    assert_int_equal(parley_analysis_acceptable(b), 1); /* x == open alone */
                    assert_int_equal(parley_analysis_frontier_outcome(b, 0)[0], open);
                    parley_analysis_free(b);
                    parley_scenario_free(copy);
                    if (analyses != search + 1)
                        fail_msg("%s, B up to %u: %u analyses, expected %u probes and the answer's", rule, open,
                                 analyses, search);
                }
                parley_analysis_free(a);
                parley_scenario_free(sc);
            }
        }
}

/* A categorical red line admits the one value that opens the largest zone (the lowest of equals): issue c of six
   labels v0..v5 and y = 0..3; A keeps c in the case's set and values y only; B weighs c and y by 1/2 each, rates
   the labels as the case says and y as y / 4, and accepts from 1/2: admitting label v opens the y with
   rating(v) + y / 4 >= 1 (the case's zone). */
static void test_smallest_move_of_a_value_set(void **state)
{
    (void)state;
    static const char *const labels[] = {"v0", "v1", "v2", "v3", "v4", "v5"};
    static const struct {
        double rating[6];
        const char *rule, *want; /* want NULL: ENOTFOUND */
        unsigned zone;
    } cases[] = {
        {{0, 0, 0.25, 0.5, 1, 0.75}, "c in [\"v0\", \"v1\"]", "c in [\"v0\", \"v1\", \"v4\"]", 4},
        {{0, 0, 1, 0.5, 1, 0.75}, "c in [\"v0\", \"v1\"]", "c in [\"v0\", \"v1\", \"v2\"]", 4},  /* the lower of two */
        {{0, 0, 0.25, 0.5, 0.25, 0.75}, "c in [\"v0\", \"v1\"]", "c in [\"v0\", \"v1\", \"v5\"]", 3},
        {{0, 0, 0.25, 0, 0, 0}, "c in [\"v0\", \"v1\"]", "c in [\"v0\", \"v1\", \"v2\"]", 1},
        {{0, 0, 0.5, 0, 0, 0}, "c in [\"v0\", \"v1\"]", "c in [\"v0\", \"v1\", \"v2\"]", 2},
        {{0, 0, 0, 0, 0, 0.75}, "c in [\"v0\", \"v1\", \"v2\", \"v3\", \"v4\"]", NULL, 0}, /* only the drop opens */
        {{0, 0, 0, 0.75, 0, 0.75}, "c in [\"v0\", \"v1\", \"v2\", \"v4\"]", "c in [\"v0\", \"v1\", \"v2\", \"v3\", \"v4\"]", 3},
    };
    for (size_t t = 0; t < sizeof cases / sizeof *cases; t++) {
        parley_space *s = parley_space_new();
        assert_non_null(s);
        assert_int_equal(parley_space_add_categorical(s, "c", labels, 6, NULL), PARLEY_OK);
        assert_int_equal(parley_space_add_integer(s, "y", 0, 3, 1, NULL), PARLEY_OK);
        parley_scenario *sc = parley_scenario_new(s);
        assert_non_null(sc);
        double ratings[2 * 6];
        memcpy(ratings, cases[t].rating, sizeof cases[t].rating);
        for (uint32_t y = 0; y < 4; y++)
            ratings[6 + y] = (double)y / 4;
        assert_int_equal(test_add_party(sc, "A", (const double[]){0, 1}, ratings, 6, 0), 0);
        assert_int_equal(test_add_party(sc, "B", (const double[]){0.5, 0.5}, ratings, 6, 0.5), 1);
        assert_int_equal(parley_scenario_add_constraint(sc, 0, "line", cases[t].rule, NULL, NULL, NULL), PARLEY_OK);
        parley_analysis *a = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
        assert_int_equal(parley_analysis_acceptable(a), 0);
        unsigned analyses = 0, disallowed = 0;
        for (uint32_t v = 0; v < 6; v++)
            disallowed += strstr(cases[t].rule, labels[v]) == NULL;
        parley_analysis_options options = {.threads = 1, .progress = count_analysis, .progress_user = &analyses};
        parley_relax_change change = PARLEY_CHANGE_DROP;
        char moved[256];
        parley_scenario *copy = NULL;
        parley_error err;
        int rc = smallest_move(a, sc, 0, &options, &change, moved, sizeof moved, &copy, &err);
        if (!cases[t].want) {
            assert_int_equal(rc, PARLEY_ENOTFOUND);
            assert_null(copy);
            assert_int_equal(analyses, disallowed); /* each value not allowed yet, tried once */
        } else {
            assert_int_equal(rc, PARLEY_OK);
            assert_int_equal(change, PARLEY_CHANGE_ADMIT_VALUES);
            assert_string_equal(moved, cases[t].want);
            assert_int_equal(analyses, disallowed + 1); /* and the answer's */
            parley_analysis *b = test_analyse(copy, PARLEY_ANALYSIS_STREAM, 1);
            assert_int_equal(parley_analysis_acceptable(b), cases[t].zone);
            parley_analysis_free(b);
            parley_scenario_free(copy);
        }
        parley_analysis_free(a);
        parley_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plot_party_limits),
        cmocka_unit_test(test_plot_bins_limit),
        cmocka_unit_test(test_solution_labels_clear),
        cmocka_unit_test(test_pareto_filter_sub_ulp),
        cmocka_unit_test(test_triples_by_hand),
        cmocka_unit_test(test_mitm_on_the_threshold),
        cmocka_unit_test(test_exact_on_the_threshold),
        cmocka_unit_test(test_big_utility_over_one),
        cmocka_unit_test(test_scan_paths_on_the_threshold),
        cmocka_unit_test(test_scan_lanes_by_hand),
        cmocka_unit_test(test_smallest_move_of_a_threshold),
        cmocka_unit_test(test_smallest_move_of_a_value_set),
        cmocka_unit_test(test_improve_by_hand),
        cmocka_unit_test(test_analysis_by_hand),
        cmocka_unit_test(test_texts_by_hand),
        cmocka_unit_test(test_combination_by_hand),
        cmocka_unit_test(test_relaxations_by_hand),
        cmocka_unit_test(test_red_line_relaxations_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

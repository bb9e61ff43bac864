/*
 * exact_fixture.h: hand-made additive spaces (exact_space) for the tests of the exact path's building blocks
 * (test_kill_analysis12, test_oom_kill_analysis12): tables drawn continuous, tied, near a reservation or as an
 * antichain, their bounds, and brute force: every outcome enumerated, its utilities summed in issue order and
 * rounded to 2^-32 as streaming does (written here again on purpose), the counts of every set of parties.
 * And mitm_count checked against that brute force in each formulation (check_mitm_counts).
 * Include after cmocka.h (the helpers assert).
 */
#ifndef PARLEY_TESTS_EXACT_FIXTURE_H
#define PARLEY_TESTS_EXACT_FIXTURE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/exact.h"

#define MAX_ISSUES 72
#define MAX_PARTIES 4

static uint64_t random_state = 0x51ED2701A3C4F1B9ULL;

static inline uint64_t rnd(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

/* An additive space of `issues` issues and n parties with its tables, bounds and reservations. */
struct tspace {
    size_t issues, n;
    uint32_t counts[MAX_ISSUES], fixed[MAX_ISSUES];
    double *tables[MAX_PARTIES * MAX_ISSUES];
    double reservation[MAX_PARTIES];
    double suffix[MAX_PARTIES * (MAX_ISSUES + 1)];
    exact_space s;
};

/* Streaming's rounding: capped at 1, then to 32 fractional bits (written here again on purpose). */
static inline double rounded(double u)
{
    u = u > 1 ? 1 : u;
    volatile double t = u + 0x1.8p20;
    return t - 0x1.8p20;
}

enum draw { CONTINUOUS, COARSE, BAND, ANTICHAIN };

/*
 * Tables: each issue's weight 1/issues times a draw in [0, 1]: continuous, or one of 0, 1/4 .. 1 (ties between
 * sums; with 4 or 8 issues every sum is exact), BAND (coarse plus offsets of about 2^-35: sums land within
 * rounding of a reservation less 2^-33, where the counts evaluate pairs one by one and the 2^-32 rounding of
 * streaming decides) or ANTICHAIN (party 0 rises with the value, party 1 falls).
 */
static inline void tspace_init(struct tspace *t, size_t n, size_t issues, const uint32_t *counts, enum draw draw)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    t->issues = issues;
    for (size_t i = 0; i < issues; i++) {
        t->counts[i] = counts[i];
        t->fixed[i] = EXACT_FREE;
    }
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < issues; i++) {
            double *table = calloc(counts[i], sizeof *table);
            assert_non_null(table);
            for (uint32_t v = 0; v < counts[i]; v++) {
                static const double offsets[] = {0, -0x1p-35, 0x1p-36, -0x1p-35 - 0x1p-48};
                double x = draw == CONTINUOUS          ? (double)(rnd() >> 11) / 9007199254740992.0
                           : draw == COARSE || draw == BAND ? (double)(rnd() % 5) / 4.0
                           : counts[i] > 1             ? (double)(k % 2 ? counts[i] - 1 - v : v) / (counts[i] - 1)
                                                       : 0.5;
                table[v] = x / (double)issues + (draw == BAND ? offsets[rnd() % 4] : 0);
            }
            t->tables[k * issues + i] = table;
        }
    t->s = (exact_space){issues, n, t->counts, t->tables, t->fixed, t->reservation, t->suffix, 0, 1, NULL};
}

/* suffix[k][i]: the most issues i.. can add for party k, with the margin exact_big.c uses. */
static inline void tspace_bounds(struct tspace *t)
{
    for (size_t k = 0; k < t->n; k++) {
        double *suffix = &t->suffix[k * (t->issues + 1)];
        suffix[t->issues] = 0x1p-30;
        for (size_t i = t->issues; i-- > 0;) {
            double best = t->tables[k * t->issues + i][0];
            for (uint32_t v = 0; v < t->counts[i]; v++)
                best = best > t->tables[k * t->issues + i][v] ? best : t->tables[k * t->issues + i][v];
            suffix[i] = suffix[i + 1] + best;
        }
    }
}

static inline void tspace_free(struct tspace *t)
{
    for (size_t j = 0; j < t->n * t->issues; j++)
        free(t->tables[j]);
}

static inline void utilities(const struct tspace *t, const uint32_t *values, double *u)
{
    for (size_t k = 0; k < t->n; k++) {
        double sum = 0;
        for (size_t i = 0; i < t->issues; i++)
            sum += t->tables[k * t->issues + i][values[i]];
        u[k] = rounded(sum);
    }
}

/* Calls visit for every outcome whose fixed issues hold t->fixed (EXACT_FREE: any value). */
typedef void (*visit_fn)(void *ctx, const uint32_t *values, const double *u);

static inline void enumerate(const struct tspace *t, visit_fn visit, void *ctx)
{
    uint32_t values[MAX_ISSUES];
    double u[MAX_PARTIES];
    for (size_t i = 0; i < t->issues; i++)
        values[i] = t->fixed[i] == EXACT_FREE ? 0 : t->fixed[i];
    for (;;) {
        utilities(t, values, u);
        visit(ctx, values, u);
        size_t i = t->issues;
        while (i-- > 0) {
            if (t->fixed[i] != EXACT_FREE)
                continue;
            if (++values[i] < t->counts[i])
                break;
            values[i] = 0;
        }
        if (i == (size_t)-1)
            return;
    }
}

struct tally {
    const struct tspace *t;
    uint64_t accepting[1u << MAX_PARTIES];
};

static inline void count_outcome(void *ctx, const uint32_t *values, const double *u)
{
    (void)values;
    struct tally *c = ctx;
    for (unsigned dims = 0; dims < 1u << c->t->n; dims++) {
        int all = 1;
        for (size_t k = 0; k < c->t->n; k++)
            if (dims >> k & 1)
                all &= u[k] >= c->t->reservation[k];
        c->accepting[dims] += (uint64_t)all;
    }
}

/* Brute force: accepting[dims] over the rows (each a set of values of the fixed issues, in issue order). */
static inline void brute_counts(struct tspace *t, const uint32_t *rows, size_t row_count, uint64_t *accepting)
{
    struct tally c = {t, {0}};
    uint32_t saved[MAX_ISSUES];
    size_t scoped = 0;
    memcpy(saved, t->fixed, sizeof saved);
    for (size_t i = 0; i < t->issues; i++)
        scoped += saved[i] != EXACT_FREE;
    for (size_t r = 0; r < (rows ? row_count : 1); r++) {
        for (size_t i = 0, j = 0; rows && i < t->issues; i++)
            if (saved[i] != EXACT_FREE)
                t->fixed[i] = rows[r * scoped + j++];
        enumerate(t, count_outcome, &c);
    }
    memcpy(t->fixed, saved, sizeof saved);
    memcpy(accepting, c.accepting, sizeof c.accepting);
}

static inline void set_reservations(struct tspace *t, double r0, double r1, double r2)
{
    double r[3] = {r0, r1, r2};
    for (size_t k = 0; k < t->n && k < 3; k++)
        t->reservation[k] = rounded(r[k]);
}

/* Forces formulation f of the counts (0: PARLEY_MITM_COUNT=direct, 1: complement, 2: none, the automatic choice);
   its name.  The caller unsets PARLEY_MITM_COUNT after. */
static inline const char *mitm_formulation(size_t f)
{
    static const char *const names[] = {"direct", "complement", "auto"};
    if (f < 2)
        assert_int_equal(setenv("PARLEY_MITM_COUNT", names[f], 1), 0);
    else
        unsetenv("PARLEY_MITM_COUNT");
    return names[f];
}

/* mitm_count against brute force: each formulation (mitm_formulation), one and two threads (and the threads it says
   it ran on), memory kept between calls or not. */
static inline void check_mitm_counts(struct tspace *t, const uint32_t *rows, size_t row_count)
{
    uint64_t expected[1u << MAX_PARTIES];
    brute_counts(t, rows, row_count, expected);
    exact_memory memory = {NULL, 0};
    for (size_t f = 0; f < 3; f++)
        for (unsigned threads = 1; threads <= 2; threads++) {
            const char *formulation = mitm_formulation(f);
            unsigned used = 0;
            t->s.threads = threads;
            t->s.threads_used = &used;
            uint64_t got[1u << MAX_PARTIES];
            memset(got, 0xA5, sizeof got);
            int rc = mitm_count(&t->s, rows, row_count, got, threads == 2 ? &memory : NULL);
            unsetenv("PARLEY_MITM_COUNT");
            assert_int_equal(rc, 0);
            for (unsigned dims = 0; dims < 1u << t->n; dims++)
                if (got[dims] != expected[dims])
                    fail_msg("%zu parties, %s, %u threads: set %u: %llu outcomes, brute force %llu", t->n,
                             formulation, threads, dims,
                             (unsigned long long)got[dims], (unsigned long long)expected[dims]);
            assert_int_equal(used, threads == 2 && t->n > 1 ? 2 : 1);
        }
    t->s.threads = 0;
    t->s.threads_used = NULL;
    exact_memory_free(&memory);
}

#endif

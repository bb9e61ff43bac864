/*
 * test_gmcr_reference.c: the fast stability analysis against a slow, literal
 * implementation of the definitions (Fang, Hipel and Kilgour 1993) on hundreds
 * of random small models: random ownership, irreversible options, infeasible
 * patterns and rankings with ties.  The reference follows legal sequences of
 * moves with the rule that no DM moves twice in a row, state by state.
 * SIM and SEQ+SIM: every combination of the other DMs' choices (stay or one of
 * their own improvements from s) is tried literally, option by option; L_h and
 * non-myopic stability of two-DM models: the game tree is walked recursively.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <parley/gmcr.h>

#include "gmcr_reference.h"

static unsigned rnd(unsigned *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* A random model: contiguous ownership (option numbering follows the DMs' order), patterns of infeasibility. */
static void random_model(model *M, unsigned *seed)
{
    memset(M, 0, sizeof *M);
    M->n = 2 + (int)(rnd(seed) % (MAXN - 1));
    M->d = 2 + (int)(rnd(seed) % (MAXD - 1));
    if (M->d > M->n)
        M->d = M->n;
    int count[MAXD];
    for (int i = 0; i < M->d; i++)
        count[i] = 1;
    for (int k = M->d; k < M->n; k++)
        count[rnd(seed) % (unsigned)M->d]++;
    for (int i = 0, b = 0; i < M->d; i++)
        for (int k = 0; k < count[i]; k++)
            M->owner[b++] = i;
    for (int b = 0; b < M->n; b++) {
        unsigned r = rnd(seed) % 6;
        M->dir[b] = r == 0 ? 1 : r == 1 ? 2 : 0;
    }
    int S = 1 << M->n;
    for (int c = 0; c < S; c++)
        M->feasible[c] = 1;
    int tries = (int)(rnd(seed) % 4);
    for (int t = 0; t < tries; t++) {
        unsigned must = rnd(seed) & ((1u << M->n) - 1), val = rnd(seed) & must;
        int left = 0;
        for (int c = 0; c < S; c++)
            left += M->feasible[c] && ((unsigned)c & must) != val;
        if (must == 0 || left < 2)
            continue;
        for (int c = 0; c < S; c++)
            if (((unsigned)c & must) == val)
                M->feasible[c] = 0;
    }
    for (int i = 0; i < M->d; i++) {
        int levels = 1 + (int)(rnd(seed) % (unsigned)S);
        for (int c = 0; c < S; c++)
            M->pref[i][c] = (int)(rnd(seed) % (unsigned)levels);
    }
}

static void test_random_models(void **state)
{
    (void)state;
    unsigned seed = 2463534242u;
    int compared = 0, lh_checked = 0;
    for (int round = 0; round < 400; round++) {
        model M;
        random_model(&M, &seed);
        size_t len = 0;
        char *buf = model_json(&M, &len);
        int S = 1 << M.n;
        parley_gmcr_model *pm = NULL;
        parley_error err;
        parley_error_clear(&err);
        if (parley_gmcr_model_parse(buf, len, "random", &pm, &err) != PARLEY_OK) {
            char b2[1024];
            print_error("%s\n%s\n", parley_error_format(&err, b2, sizeof b2), buf);
            fail();
        }
        for (unsigned threads = 1; threads <= 2; threads++) {
            parley_gmcr_options o = {.notions = PARLEY_GMCR_ALL, .threads = threads};
            int foresight = M.d == 2 && M.n <= 5;
            unsigned h = 1 + (unsigned)round % 4;
            if (foresight) {
                o.notions |= PARLEY_GMCR_LH;
                o.horizon = h;
            }
            parley_gmcr_result *r = NULL;
            assert_int_equal(parley_gmcr_analyze(pm, &o, &r, NULL), PARLEY_OK);
            for (int c = 0; c < S; c++) {
                if (!M.feasible[c])
                    continue;
                long k = parley_gmcr_model_state_index(pm, (uint32_t)c);
                assert_true(k >= 0);
                unsigned eq = foresight ? 127 : 63;
                for (int i = 0; i < M.d; i++) {
                    unsigned want = reference(&M, i, c), got = parley_gmcr_result_stable(r, (size_t)k, (size_t)i);
                    int stays = 1;
                    if (foresight) {
                        anticipate(&M, i, c, (int)h, &stays);
                        want |= stays ? PARLEY_GMCR_LH : 0;
                        lh_checked++;
                    }
                    if (want != got)
                        print_error("round %d state %d dm %d: want %u got %u\n%s\n", round, c, i, want, got, buf);
                    assert_int_equal(got, want);
                    eq &= want;
                    compared++;
                }
                assert_int_equal(parley_gmcr_result_equilibrium(r, (size_t)k), eq);
            }
            parley_gmcr_result_free(r);
        }
        /* each simultaneous notion alone gives the same as all together */
        static const unsigned alone[] = {PARLEY_GMCR_SIM, PARLEY_GMCR_SEQSIM};
        for (size_t a = 0; a < 2; a++) {
            parley_gmcr_options o = {.notions = alone[a], .threads = 1};
            parley_gmcr_result *r = NULL;
            assert_int_equal(parley_gmcr_analyze(pm, &o, &r, NULL), PARLEY_OK);
            for (int c = 0; c < S; c++) {
                long k = parley_gmcr_model_state_index(pm, (uint32_t)c);
                for (int i = 0; k >= 0 && i < M.d; i++)
                    assert_int_equal(parley_gmcr_result_stable(r, (size_t)k, (size_t)i) & alone[a],
                                     reference(&M, i, c) & alone[a]);
            }
            parley_gmcr_result_free(r);
        }
        parley_gmcr_model_free(pm);
        free(buf);
    }
    assert_true(compared > 1000);
    assert_true(lh_checked > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_random_models)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

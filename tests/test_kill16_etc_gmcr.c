/*
 * test_kill16_etc_gmcr.c: limited-move stability (gmcr_foresight.c) of two-DM models against the literal
 * reference (gmcr_reference.h), on every way of making each option reversible, forward-only or backward-only
 * (issue 27).  The fast analysis finds a DM's best move through cells of states (its irreversible options and the
 * other DM's), a move flipping several irreversible options at once reaching a cell two flips away; the random
 * models of test_gmcr_reference seldom hold a DM with both a forward-only and a backward-only option, where the
 * best move withdraws one and takes the other in one step (to the cell of the empty code among them).
 * - By hand: DM A owns o1 (backward-only) and o2 (forward-only), B owns o3.  A likes N-Y-N (o2 alone, code 2)
 *   best, then Y-N-N (o1 alone, code 1), then the rest; B is indifferent (it never moves).  From code 1 A's only
 *   improvement is to withdraw o1 and take o2 at once: code 1 is not Nash (L_1) stable for A, and not L_h stable
 *   for any h (B never answers); nor non-myopically stable.  At code 2 A has no move left: stable for every
 *   notion.
 * - Exhaustively: 3 options (A owns 1 or 2) with all 27 reversibility patterns and 4 options (A owns 1, 2 or 3)
 *   with all 81, three preference profiles with ties each, every state feasible, code 0 infeasible or code 3
 *   infeasible: every state's six notions (Nash to SEQ+SIM) as the reference finds them, L_1 the same as Nash,
 *   and L_h as the reference anticipates for h = 1..4 (3 options) and h = 1..2 (4 options); non-myopic stability,
 *   its period and its equilibria against tables of G_h for h up to 200 made here by dynamic programming over the
 *   literal legal moves (the first h0 and smallest p with G_h0 = G_h0+p: NM stable where the DM stays at every
 *   step of the cycle).
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

static parley_gmcr_model *parsed(const model *M)
{
    size_t len = 0;
    char *json = model_json(M, &len);
    parley_gmcr_model *pm = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_gmcr_model_parse(json, len, "made", &pm, &err) != PARLEY_OK)
        fail_msg("%s\n%s", err.message, json);
    free(json);
    return pm;
}

/* L_h stability of (state code c, DM i) and the six notions, by the fast analysis. */
static unsigned analysed(const parley_gmcr_model *pm, unsigned notions, unsigned h, int c, int i)
{
    parley_gmcr_options o = {.notions = notions, .horizon = h, .threads = 1};
    parley_gmcr_result *r = NULL;
    assert_int_equal(parley_gmcr_analyze(pm, &o, &r, NULL), PARLEY_OK);
    long k = parley_gmcr_model_state_index(pm, (uint32_t)c);
    assert_true(k >= 0);
    unsigned got = parley_gmcr_result_stable(r, (size_t)k, (size_t)i);
    assert_int_equal(parley_gmcr_result_horizon(r), notions & PARLEY_GMCR_LH ? h : 0);
    parley_gmcr_result_free(r);
    return got;
}

static void withdraw_one_take_another_by_hand(void **state)
{
    (void)state;
    model M;
    memset(&M, 0, sizeof M);
    M.n = 3;
    M.d = 2;
    M.owner[2] = 1;
    M.dir[0] = 2; /* o1 backward-only */
    M.dir[1] = 1; /* o2 forward-only */
    for (int c = 0; c < 8; c++) {
        M.feasible[c] = 1;
        M.pref[0][c] = c == 2 ? 3 : c == 1 ? 2 : 0;
        M.pref[1][c] = 0; /* B is indifferent: it never moves */
    }
    parley_gmcr_model *pm = parsed(&M);
    /* from code 1, A may go to 0 (withdraw o1), 3 (take o2) or 2 (both): only 2 is better */
    assert_true(legal(&M, 0, 1, 2) && legal(&M, 0, 1, 0) && legal(&M, 0, 1, 3) && !legal(&M, 0, 2, 1));
    for (unsigned h = 1; h <= 4; h++) {
        unsigned at1 = analysed(pm, PARLEY_GMCR_ALL | PARLEY_GMCR_LH, h, 1, 0);
        unsigned at2 = analysed(pm, PARLEY_GMCR_ALL | PARLEY_GMCR_LH, h, 2, 0);
        assert_int_equal(at1 & (PARLEY_GMCR_NASH | PARLEY_GMCR_LH), 0);
        assert_int_equal(at2 & (PARLEY_GMCR_NASH | PARLEY_GMCR_LH), PARLEY_GMCR_NASH | PARLEY_GMCR_LH);
    }
    /* non-myopic: A moves from 1 to 2 at every horizon, and stays at 2 */
    assert_int_equal(analysed(pm, PARLEY_GMCR_NM, 0, 1, 0) & PARLEY_GMCR_NM, 0);
    assert_int_equal(analysed(pm, PARLEY_GMCR_NM, 0, 2, 0) & PARLEY_GMCR_NM, PARLEY_GMCR_NM);
    parley_gmcr_model_free(pm);
}

static unsigned next_random(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

#define HMAX 200

static int cycles; /* models whose anticipations cycle with a period above 1 */

/*
 * L_h for every h up to HMAX by dynamic programming over the literal legal moves (not the cells): G[h][k][s], the
 * state anticipated when DM k is to move at s with h moves left, and whether k stays (the tie rule of
 * gmcr_reference.h's anticipate: the other DM's worst, then the lowest code).
 */
static int G[HMAX + 1][2][MAXS];
static unsigned char stays_at[HMAX + 1][2][MAXS];

static void anticipations(const model *M)
{
    int S = 1 << M->n;
    for (int s = 0; s < S; s++)
        G[0][0][s] = G[0][1][s] = s;
    for (int h = 1; h <= HMAX; h++)
        for (int k = 0; k < 2; k++)
            for (int s = 0; s < S; s++) {
                int best = -1, best_g = -1;
                for (int t = 0; t < S; t++) {
                    if (!legal(M, k, s, t))
                        continue;
                    int g = G[h - 1][1 - k][t], v = M->pref[k][g];
                    if (v > best || (v == best && (M->pref[1 - k][g] < M->pref[1 - k][best_g] ||
                                                   (M->pref[1 - k][g] == M->pref[1 - k][best_g] && g < best_g)))) {
                        best = v;
                        best_g = g;
                    }
                }
                int moves = best > M->pref[k][s];
                G[h][k][s] = moves ? best_g : s;
                stays_at[h][k][s] = (unsigned char)!moves;
            }
}

/* Non-myopic stability from the tables: the first h0 and smallest p with G[h0] = G[h0 + p]; a DM is NM stable at s
   when it stays at every h whose anticipations come from the cycle (h - 1 in [h0, h0 + p)).  The period p. */
static int non_myopic(const model *M, unsigned char nm[2][MAXS])
{
    int S = 1 << M->n;
    size_t bytes = 2 * MAXS * sizeof(int);
    for (int h0 = 0; h0 <= HMAX / 2; h0++)
        for (int p = 1; h0 + p <= HMAX / 2; p++) {
            if (memcmp(G[h0], G[h0 + p], bytes) != 0)
                continue;
            for (int k = 0; k < 2; k++)
                for (int s = 0; s < S; s++) {
                    nm[k][s] = 1;
                    for (int h = h0 + 1; h <= h0 + p; h++)
                        nm[k][s] &= stays_at[h][k][s];
                }
            return p;
        }
    fail_msg("no cycle within %d steps", HMAX / 2);
    return 0;
}

/* One model against the reference: every feasible state, both DMs, the six notions and L_h for h = 1..horizons;
   non-myopic stability, its period and the count of its equilibria against the tables. */
static int compare_with_reference(const model *M, int horizons)
{
    parley_gmcr_model *pm = parsed(M);
    int S = 1 << M->n, compared = 0;
    for (int h = 1; h <= horizons; h++) {
        parley_gmcr_options o = {.notions = PARLEY_GMCR_ALL | PARLEY_GMCR_LH, .horizon = (unsigned)h, .threads = 1};
        parley_gmcr_result *r = NULL;
        assert_int_equal(parley_gmcr_analyze(pm, &o, &r, NULL), PARLEY_OK);
        for (int c = 0; c < S; c++) {
            if (!M->feasible[c])
                continue;
            long k = parley_gmcr_model_state_index(pm, (uint32_t)c);
            assert_true(k >= 0);
            for (int i = 0; i < 2; i++) {
                int stays = 1;
                anticipate(M, i, c, h, &stays);
                unsigned want = reference(M, i, c) | (stays ? PARLEY_GMCR_LH : 0u);
                unsigned got = parley_gmcr_result_stable(r, (size_t)k, (size_t)i);
                if (got != want) {
                    size_t len;
                    char *json = model_json(M, &len);
                    print_error("h %d state %d dm %d: want %u got %u\n%s\n", h, c, i, want, got, json);
                    free(json);
                }
                assert_int_equal(got, want);
                if (h == 1) /* L_1 is Nash stability */
                    assert_int_equal(!!(got & PARLEY_GMCR_LH), !!(got & PARLEY_GMCR_NASH));
                compared++;
            }
        }
        parley_gmcr_result_free(r);
    }
    /* L_h by the tables agrees with the recursive walk; non-myopic stability and its period from the tables */
    anticipations(M);
    unsigned char nm[2][MAXS];
    int period = non_myopic(M, nm);
    cycles += period > 1;
    parley_gmcr_options o = {.notions = PARLEY_GMCR_NM, .threads = 1};
    parley_gmcr_result *r = NULL;
    assert_int_equal(parley_gmcr_analyze(pm, &o, &r, NULL), PARLEY_OK);
    assert_int_equal(parley_gmcr_result_nm_period(r), (unsigned)period);
    size_t equilibria = 0;
    for (int c = 0; c < S; c++) {
        if (!M->feasible[c])
            continue;
        long k = parley_gmcr_model_state_index(pm, (uint32_t)c);
        for (int i = 0; i < 2; i++) {
            for (int h = 1; h <= horizons; h++) {
                int stays = 1;
                anticipate(M, i, c, h, &stays);
                assert_int_equal(stays_at[h][i][c], stays);
            }
            if ((parley_gmcr_result_stable(r, (size_t)k, (size_t)i) & PARLEY_GMCR_NM) != (nm[i][c] ? PARLEY_GMCR_NM : 0u)) {
                size_t len;
                char *json = model_json(M, &len);
                print_error("non-myopic, state %d dm %d: want %d (period %d)\n%s\n", c, i, nm[i][c], period, json);
                free(json);
                fail();
            }
        }
        equilibria += nm[0][c] && nm[1][c];
    }
    assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_NM), equilibria);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(pm);
    return compared;
}

static void every_reversibility_pattern(void **state)
{
    (void)state;
    unsigned seed = 165;
    int compared = 0, models = 0;
    for (int n = 3; n <= 4; n++) {
        int patterns = n == 3 ? 27 : 81;
        for (int own = 1; own < n; own++)
            for (int pattern = 0; pattern < patterns; pattern++)
                for (int profile = 0; profile < 3; profile++)
                    for (int missing = 0; missing < 3; missing++) {
                        model M;
                        memset(&M, 0, sizeof M);
                        M.n = n;
                        M.d = 2;
                        for (int b = 0, p = pattern; b < n; b++, p /= 3) {
                            M.owner[b] = b < own ? 0 : 1;
                            M.dir[b] = p % 3;
                        }
                        int S = 1 << n;
                        for (int c = 0; c < S; c++)
                            M.feasible[c] = !(missing == 1 && c == 0) && !(missing == 2 && c == 3);
                        for (int i = 0; i < 2; i++) {
                            unsigned levels = 2 + next_random(&seed) % (unsigned)(S - 1);
                            for (int c = 0; c < S; c++)
                                M.pref[i][c] = (int)(next_random(&seed) % levels);
                        }
                        compared += compare_with_reference(&M, n == 3 ? 4 : 2);
                        models++;
                    }
    }
    assert_int_equal(models, 9 * (2 * 27 + 3 * 81));
    assert_true(compared > 10000);
    print_message("%d of %d models cycle with a period above 1\n", cycles, models);
    assert_true(cycles > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(withdraw_one_take_another_by_hand),
        cmocka_unit_test(every_reversibility_pattern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

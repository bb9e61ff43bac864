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

#define MAXN 7
#define MAXS (1 << MAXN)
#define MAXD 4

typedef struct model {
    int n, d;
    int owner[MAXN];
    int dir[MAXN]; /* 0 both, 1 forward, 2 backward */
    int feasible[MAXS];
    int pref[MAXD][MAXS];
} model;

static unsigned rnd(unsigned *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static int legal(const model *M, int i, int s, int t)
{
    if (s == t || !M->feasible[t])
        return 0;
    for (int b = 0; b < M->n; b++) {
        int was = s >> b & 1, now = t >> b & 1;
        if (was == now)
            continue;
        if (M->owner[b] != i)
            return 0;
        if (M->dir[b] == 1 && was)
            return 0;
        if (M->dir[b] == 2 && !was)
            return 0;
    }
    return 1;
}

/* States reachable from s1 by legal sequences of moves of DMs other than i (improvements only if `ui`). */
static void reach(const model *M, int i, int s1, int ui, int *out)
{
    int S = 1 << M->n;
    static int seen[MAXS][MAXD + 1];
    int queue[MAXS * (MAXD + 1)][2], qh = 0, qt = 0;
    memset(seen, 0, sizeof seen);
    memset(out, 0, (size_t)S * sizeof *out);
    queue[qt][0] = s1;
    queue[qt++][1] = MAXD; /* nobody moved yet */
    seen[s1][MAXD] = 1;
    while (qh < qt) {
        int x = queue[qh][0], last = queue[qh++][1];
        for (int j = 0; j < M->d; j++) {
            if (j == i || j == last)
                continue;
            for (int y = 0; y < S; y++) {
                if (!legal(M, j, x, y) || (ui && M->pref[j][y] <= M->pref[j][x]))
                    continue;
                out[y] = 1;
                if (!seen[y][j]) {
                    seen[y][j] = 1;
                    queue[qt][0] = y;
                    queue[qt++][1] = j;
                }
            }
        }
    }
}

/*
 * Simultaneous sanction of i's improvement s -> s1: DMs j >= from (other than
 * i) each stay or take one of their improvements from s; `joint` is the state
 * built so far (i's options from s1, options of DMs before j from their choice).
 */
static int sim_sanction(const model *M, int i, int s, int from, int joint)
{
    if (from == i)
        from++;
    if (from >= M->d)
        return joint != -1 && M->feasible[joint] && M->pref[i][joint] <= M->pref[i][s];
    int S = 1 << M->n;
    if (sim_sanction(M, i, s, from + 1, joint))
        return 1;
    for (int t = 0; t < S; t++) {
        if (!legal(M, from, s, t) || M->pref[from][t] <= M->pref[from][s])
            continue;
        int next = joint;
        for (int b = 0; b < M->n; b++)
            if (M->owner[b] == from)
                next = (next & ~(1 << b)) | (t & (1 << b));
        if (sim_sanction(M, i, s, from + 1, next))
            return 1;
    }
    return 0;
}

static unsigned reference(const model *M, int i, int s)
{
    int S = 1 << M->n;
    const int *p = M->pref[i];
    unsigned flags = 63;
    int any = 0;
    static int rg[MAXS], rq[MAXS];
    for (int s1 = 0; s1 < S; s1++) {
        if (!legal(M, i, s, s1) || p[s1] <= p[s])
            continue;
        any = 1;
        reach(M, i, s1, 0, rg);
        reach(M, i, s1, 1, rq);
        int gmr = 0, smr = 0, seq = 0;
        for (int s2 = 0; s2 < S; s2++) {
            if (rg[s2] && p[s2] <= p[s]) {
                gmr = 1;
                int escape = 0;
                for (int s3 = 0; s3 < S && !escape; s3++)
                    if (legal(M, i, s2, s3) && p[s3] > p[s])
                        escape = 1;
                if (!escape)
                    smr = 1;
            }
            if (rq[s2] && p[s2] <= p[s])
                seq = 1;
        }
        if (!gmr)
            flags &= ~2u;
        if (!smr)
            flags &= ~4u;
        if (!seq)
            flags &= ~8u;
        int sim = sim_sanction(M, i, s, 0, s1);
        if (!sim)
            flags &= ~16u;
        if (!sim && !seq)
            flags &= ~32u;
    }
    if (any)
        flags &= ~1u;
    return flags;
}

/*
 * L_h for two DMs, literally: the state anticipated when DM k is to move at s
 * with h moves left (ties: the other DM's worst, then the lowest code), and
 * whether k stays.
 */
static int anticipate(const model *M, int k, int s, int h, int *stays)
{
    int S = 1 << M->n, best = -1, best_g = -1;
    *stays = 1;
    if (h == 0)
        return s;
    for (int t = 0; t < S; t++) {
        if (!legal(M, k, s, t))
            continue;
        int dummy, g = anticipate(M, 1 - k, t, h - 1, &dummy);
        int v = M->pref[k][g];
        if (v > best || (v == best && (M->pref[1 - k][g] < M->pref[1 - k][best_g] ||
                                       (M->pref[1 - k][g] == M->pref[1 - k][best_g] && g < best_g)))) {
            best = v;
            best_g = g;
        }
    }
    if (best > M->pref[k][s]) {
        *stays = 0;
        return best_g;
    }
    return s;
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

/* The model as a JSON file: explicit rankings with ties, infeasible states as Y/N vectors. */
static char *model_json(const model *M, size_t *out_len)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    int S = 1 << M->n;
#define OUT(...) len += (size_t)snprintf(buf + len, cap - len, __VA_ARGS__)
    OUT("{\"decision_makers\": [");
    for (int i = 0; i < M->d; i++) {
        OUT("%s{\"name\": \"D%d\", \"options\": [", i ? "," : "", i);
        int first = 1;
        for (int b = 0; b < M->n; b++)
            if (M->owner[b] == i) {
                OUT("%s{\"name\": \"o%d\", \"reversibility\": \"%s\"}", first ? "" : ",", b + 1,
                    M->dir[b] == 1 ? "forward" : M->dir[b] == 2 ? "backward" : "both");
                first = 0;
            }
        OUT("], \"ranking\": [");
        first = 1;
        for (int lv = S; lv >= 0; lv--) {
            int any = 0;
            for (int c = 0; c < S; c++)
                any |= M->feasible[c] && M->pref[i][c] == lv;
            if (!any)
                continue;
            OUT("%s[", first ? "" : ",");
            first = 0;
            int f2 = 1;
            for (int c = 0; c < S; c++)
                if (M->feasible[c] && M->pref[i][c] == lv) {
                    OUT("%s%d", f2 ? "" : ",", c);
                    f2 = 0;
                }
            OUT("]");
        }
        OUT("]}");
    }
    OUT("], \"infeasible\": [");
    int first = 1;
    for (int c = 0; c < S; c++)
        if (!M->feasible[c]) {
            OUT("%s\"", first ? "" : ", ");
            for (int b = 0; b < M->n; b++)
                OUT("%c", c >> b & 1 ? 'Y' : 'N');
            OUT("\"");
            first = 0;
        }
    OUT("]}");
#undef OUT
    assert_true(len < cap);
    *out_len = len;
    return buf;
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

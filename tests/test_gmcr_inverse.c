/*
 * test_gmcr_inverse.c: inverse GMCR on random small models, checked
 * independently: the change reported (each DM's states moved down to the
 * target's rank) is applied to the model, which is re-read and analysed
 * forward: the target must be an equilibrium; and every smaller change (all
 * subsets of (DM, state preferred to the target) pairs, reachable or not) is
 * tried exhaustively: none may make the target an equilibrium.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include <parley/gmcr.h>

#define MAXN 3
#define MAXS (1 << MAXN)

typedef struct model {
    int n, d, owner[MAXN], pref[3][MAXS];
} model;

static unsigned rnd(unsigned *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* The model as JSON with explicit rankings (every state feasible, options reversible). */
static parley_gmcr_model *build(const model *M)
{
    char buf[8192];
    size_t len = 0;
    int S = 1 << M->n;
#define OUT(...) len += (size_t)snprintf(buf + len, sizeof buf - len, __VA_ARGS__)
    OUT("{\"decision_makers\": [");
    for (int i = 0; i < M->d; i++) {
        OUT("%s{\"name\": \"D%d\", \"options\": [", i ? "," : "", i);
        for (int b = 0, first = 1; b < M->n; b++)
            if (M->owner[b] == i) {
                OUT("%s\"o%d\"", first ? "" : ",", b + 1);
                first = 0;
            }
        OUT("], \"ranking\": [");
        for (int lv = 2 * S, first = 1; lv >= 0; lv--) {
            int any = 0;
            for (int c = 0; c < S; c++)
                any |= M->pref[i][c] == lv;
            if (!any)
                continue;
            OUT("%s[", first ? "" : ",");
            first = 0;
            for (int c = 0, f2 = 1; c < S; c++)
                if (M->pref[i][c] == lv) {
                    OUT("%s%d", f2 ? "" : ",", c);
                    f2 = 0;
                }
            OUT("]");
        }
        OUT("]}");
    }
    OUT("]}");
#undef OUT
    parley_gmcr_model *m = NULL;
    assert_int_equal(parley_gmcr_model_parse(buf, len, "inverse", &m, NULL), PARLEY_OK);
    return m;
}

static int equilibrium(const model *M, int target, unsigned notion)
{
    parley_gmcr_model *m = build(M);
    parley_gmcr_options o = {.notions = notion, .threads = 1};
    parley_gmcr_result *r = NULL;
    assert_int_equal(parley_gmcr_analyze(m, &o, &r, NULL), PARLEY_OK);
    int eq = (parley_gmcr_result_equilibrium(r, (size_t)parley_gmcr_model_state_index(m, (uint32_t)target)) & notion) != 0;
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
    return eq;
}

/* Does some change of exactly k of the pairs make target an equilibrium? (pairs from index `from`) */
static int some_change_works(const model *M, int target, unsigned notion, const int (*pairs)[2], int np, int from,
                             int k)
{
    if (k == 0)
        return equilibrium(M, target, notion);
    for (int p = from; p <= np - k; p++) {
        model C = *M;
        C.pref[pairs[p][0]][pairs[p][1]] = M->pref[pairs[p][0]][target];
        if (some_change_works(&C, target, notion, pairs, np, p + 1, k - 1))
            return 1;
    }
    return 0;
}

static void test_inverse_random(void **state)
{
    (void)state;
    unsigned seed = 88172645u;
    int checked = 0, nontrivial = 0;
    static const unsigned notions[] = {PARLEY_GMCR_NASH, PARLEY_GMCR_GMR, PARLEY_GMCR_SMR, PARLEY_GMCR_SEQ,
                                       PARLEY_GMCR_SIM, PARLEY_GMCR_SEQSIM};
    for (int round = 0; round < 200; round++) {
        model M;
        memset(&M, 0, sizeof M);
        M.n = 2 + (int)(rnd(&seed) % (MAXN - 1));
        M.d = 2 + (int)(rnd(&seed) % 2);
        if (M.d > M.n)
            M.d = M.n;
        for (int b = 0; b < M.n; b++)
            M.owner[b] = b < M.d ? b : (int)(rnd(&seed) % (unsigned)M.d);
        int S = 1 << M.n;
        for (int i = 0; i < M.d; i++)
            for (int c = 0; c < S; c++)
                M.pref[i][c] = (int)(rnd(&seed) % (unsigned)S);
        int target = (int)(rnd(&seed) % (unsigned)S);
        parley_gmcr_model *m = build(&M);
        parley_gmcr_result *r = NULL;
        assert_int_equal(parley_gmcr_analyze(m, NULL, &r, NULL), PARLEY_OK);
        char *text = NULL;
        size_t size = 0;
        FILE *out = open_memstream(&text, &size);
        assert_int_equal(parley_gmcr_write_inverse(out, r, (uint32_t)target, 1, NULL), PARLEY_OK);
        fclose(out);
        json_t *doc = json_loads(text, 0, NULL);
        assert_non_null(doc);
        for (size_t k = 0; k < 6; k++) {
            json_t *res = json_array_get(json_object_get(doc, "notions"), k);
            assert_string_equal(json_string_value(json_object_get(res, "notion")),
                                parley_gmcr_notion_name((parley_gmcr_notion)notions[k]));
            json_t *changes = json_object_get(res, "changes");
            if (!json_is_array(changes))
                print_error("round %d notion %zu: %s\n", round, k, text);
            assert_true(json_is_array(changes)); /* tiny models: always found */
            if (!json_is_true(json_object_get(res, "minimal")))
                print_error("round %d notion %zu: %s\n", round, k, text);
            assert_true(json_is_true(json_object_get(res, "minimal")));
            model C = M;
            int size_reported = (int)json_integer_value(json_object_get(res, "size")), counted = 0;
            size_t c;
            json_t *ch;
            json_array_foreach(changes, c, ch)
            {
                int dm = atoi(json_string_value(json_object_get(ch, "decision_maker")) + 1);
                size_t j;
                json_t *x;
                json_array_foreach(json_object_get(ch, "value_no_more_than_target"), j, x)
                {
                    int code = (int)json_integer_value(json_object_get(x, "code"));
                    assert_true(M.pref[dm][code] > M.pref[dm][target]);
                    C.pref[dm][code] = M.pref[dm][target];
                    counted++;
                }
            }
            assert_int_equal(counted, size_reported);
            assert_true(equilibrium(&C, target, notions[k])); /* the change works */
            int pairs[3 * MAXS][2], np = 0;
            for (int i = 0; i < M.d; i++)
                for (int x = 0; x < S; x++)
                    if (M.pref[i][x] > M.pref[i][target]) {
                        pairs[np][0] = i;
                        pairs[np++][1] = x;
                    }
            for (int smaller = 0; smaller < size_reported; smaller++)
                assert_false(some_change_works(&M, target, notions[k], (const int(*)[2])pairs, np, 0, smaller));
            checked++;
            nontrivial += size_reported > 1;
        }
        json_decref(doc);
        free(text);
        parley_gmcr_result_free(r);
        parley_gmcr_model_free(m);
    }
    assert_true(checked == 1200);
    assert_true(nontrivial > 30);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_inverse_random)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_exact_parts.c: the building blocks of the exact counts against naive
 * versions: the set of ranks (exact_rankset.h: members below and from a
 * position after random insertions and removals, against an array of flags
 * counted one by one) and the sort of positions by key (exact_sort_positions:
 * a permutation, keys in order, on spread, coarse, nearly equal and equal
 * keys).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "analysis/exact.h"
#include "analysis/exact_rankset.h"

static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Every count from position 0 to m of the set against the flags. */
static void check_counts(const exact_rankset *set, const unsigned char *member, size_t m)
{
    uint64_t below = 0, total = 0;
    for (size_t p = 0; p < m; p++)
        total += member[p];
    for (size_t p = 0; p <= m; p++) {
        assert_int_equal(exact_rankset_below(set, p), below);
        assert_int_equal(exact_rankset_from(set, p), total - below);
        if (p < m)
            below += member[p];
    }
}

static void test_rankset_against_flags(void **state)
{
    (void)state;
    const size_t sizes[] = {1, 63, 64, 65, 255, 256, 257, 1000, 4099, 70000};
    uint64_t random = 0x9E3779B97F4A7C15u;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t m = sizes[s];
        exact_rankset set;
        unsigned char *member = calloc(m, 1);
        assert_non_null(member);
        assert_int_equal(exact_rankset_init(&set, m), 0);
        for (int round = 0; round < 4; round++) {
            /* insert about half the positions, remove about a third of those, in random order */
            for (size_t i = 0; i < m; i++) {
                size_t p = (size_t)(next_random(&random) % m);
                if (!member[p] && next_random(&random) % 2) {
                    exact_rankset_add(&set, p);
                    member[p] = 1;
                } else if (member[p] && next_random(&random) % 3 == 0) {
                    exact_rankset_remove(&set, p);
                    member[p] = 0;
                }
            }
            check_counts(&set, member, m);
        }
        exact_rankset_clear(&set);
        for (size_t p = 0; p < m; p++)
            member[p] = 0;
        check_counts(&set, member, m);
        exact_rankset_add(&set, m - 1); /* the last position, alone */
        member[m - 1] = 1;
        check_counts(&set, member, m);
        exact_rankset_free(&set);
        free(member);
    }
}

/* Sorts keys[m] by exact_sort_positions and checks the result: a permutation, keys ascending, sorted keys returned. */
static void check_sorted(const double *keys, size_t m)
{
    uint32_t *ids = malloc((m + 1) * sizeof *ids);
    uint64_t *work = malloc(2 * (m + 1) * sizeof *work);
    unsigned char *seen = calloc(m + 1, 1);
    assert_non_null(ids);
    assert_non_null(work);
    assert_non_null(seen);
    const double *sorted = exact_sort_positions(keys, m, ids, work, work + m + 1);
    assert_non_null(sorted);
    for (size_t r = 0; r < m; r++) {
        assert_true(ids[r] < m);
        assert_false(seen[ids[r]]);
        seen[ids[r]] = 1;
        assert_true(sorted[r] == keys[ids[r]]);
        if (r > 0)
            assert_true(keys[ids[r - 1]] <= keys[ids[r]]);
    }
    free(ids);
    free(work);
    free(seen);
}

static void test_sort_positions(void **state)
{
    (void)state;
    const size_t m = 100000;
    double *keys = malloc(m * sizeof *keys);
    assert_non_null(keys);
    uint64_t random = 0x243F6A8885A308D3u;
    for (int kind = 0; kind < 6; kind++) {
        for (size_t i = 0; i < m; i++) {
            double x = (double)(next_random(&random) >> 11) * 0x1p-53;
            switch (kind) {
            case 0: keys[i] = x - 0.5; break;                                  /* spread, both signs */
            case 1: keys[i] = (double)(int)(x * 7) / 7; break;                /* few values, long runs */
            case 2: keys[i] = i % 3 ? 0.25 + x * 0x1p-40 : x * 1e6; break;     /* a cluster far narrower than the range */
            case 3: keys[i] = 0.1; break;                                     /* all equal */
            case 4: keys[i] = i % 2 ? 1.5e308 * x : -1.5e308 * x; break;      /* a range past the largest double */
            default: keys[i] = (double)(m - i) + 0x1p-20 * (double)(i % 5); break; /* descending with ties */
            }
        }
        check_sorted(keys, m);
        check_sorted(keys, 1);
        check_sorted(keys, 17);
    }
    check_sorted(keys, 0);
    free(keys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rankset_against_flags),
        cmocka_unit_test(test_sort_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

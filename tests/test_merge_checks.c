/*
 * test_merge_checks.c: the checks parley_analysis_merge_packed makes on a part before it merges it (the parts
 * come from other MPI ranks: `parley analyze` under mpirun, src/cli/analyze_dist.c).  A part whose header
 * differs from the analysis it is merged into in any one field (the format mark, the number of parties, of
 * conditions, of issues, of outcomes, the size of its failure histogram, its frontier's length), or whose
 * length is not the one its header announces (a word short, a byte short, a word long, empty), is refused
 * with EINVAL and leaves the analysis as it was; the genuine part is then merged into the whole space's figures.
 * The header's layout is the one merge.c writes: eleven 64-bit words, the fields above at words 0, 1, 2, 3, 4,
 * 7 and 10.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "test_util.h"

enum { HEADER_WORDS = 11 };

/* The analysis of outcomes first .. first + count - 1 (all when count is 0), on one thread. */
static parley_analysis *analyze(const parley_scenario *sc, uint64_t first, uint64_t count)
{
    return test_analyse_with(sc, &(parley_analysis_options){.threads = 1, .first = first, .count = count});
}

/* Merges `len` bytes of a copy of `part` (word `word` increased by one when word >= 0): the return code. */
static int merge_tampered(parley_analysis *into, const parley_scenario *sc, const void *part, size_t part_len,
                          int word, size_t len)
{
    uint64_t *copy = calloc(len / 8 + 2, 8);
    memcpy(copy, part, len < part_len ? len : part_len);
    if (word >= 0)
        copy[word]++;
    parley_error err = {0};
    int rc = parley_analysis_merge_packed(into, sc, copy, len, &err);
    if (rc != PARLEY_OK)
        assert_non_null(strstr(err.message, "does not belong"));
    free(copy);
    return rc;
}

static void refuses_every_foreign_part(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(PARLEY_SOURCE_DIR "/examples/ceasefire-relaxed.json");
    parley_analysis *whole = analyze(sc, 0, 0);
    uint64_t total = parley_analysis_outcomes(whole), half = total / 2;
    parley_analysis *into = analyze(sc, 0, half), *second = analyze(sc, half, total - half);
    assert_true(parley_analysis_acceptable(into) > 0 && parley_analysis_acceptable(second) > 0);
    uint64_t feasible = parley_analysis_feasible(into), acceptable = parley_analysis_acceptable(into);
    void *buf;
    size_t len;
    parley_error err;
    assert_int_equal(parley_analysis_pack(second, &buf, &len, &err), PARLEY_OK);
    assert_true(len > HEADER_WORDS * 8 && len % 8 == 0);
    assert_true(((const uint64_t *)buf)[10] > 0); /* the part has a frontier, and a histogram: */
    assert_true(((const uint64_t *)buf)[7] > 0);

    static const int fields[] = {0, 1, 2, 3, 4, 7, 10};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        assert_int_equal(merge_tampered(into, sc, buf, len, fields[i], len), PARLEY_EINVAL);
    const size_t lengths[] = {len - 8, len - 1, len + 8, 0, HEADER_WORDS * 8 - 8, HEADER_WORDS * 8};
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
        assert_int_equal(merge_tampered(into, sc, buf, len, -1, lengths[i]), PARLEY_EINVAL);
    /* Nothing of the refused parts was added. */
    assert_int_equal(parley_analysis_feasible(into), feasible);
    assert_int_equal(parley_analysis_acceptable(into), acceptable);

    assert_int_equal(merge_tampered(into, sc, buf, len, -1, len), PARLEY_OK);
    assert_int_equal(parley_analysis_feasible(into), parley_analysis_feasible(whole));
    assert_int_equal(parley_analysis_acceptable(into), parley_analysis_acceptable(whole));
    assert_int_equal(parley_analysis_frontier_count(into), parley_analysis_frontier_count(whole));
    free(buf);
    parley_analysis_free(second);
    parley_analysis_free(into);
    parley_analysis_free(whole);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refuses_every_foreign_part),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

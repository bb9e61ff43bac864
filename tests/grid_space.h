/*
 * grid_space.h: the 5 x 5 space several small tests negotiate over (integer issues x and y, 0..4) and an empty
 * scenario on it, and the same for any two integer issues from 0, built with cmocka's checks (include after
 * <cmocka.h> and <parley/parley.h>).
 */
#ifndef PARLEY_TESTS_GRID_SPACE_H
#define PARLEY_TESTS_GRID_SPACE_H

/* A scenario with no party yet over integer issues `a` in 0..a_last and `b` in 0..b_last; *space is its space
 * (owned by the scenario). */
static inline parley_scenario *two_issue_scenario_new(parley_space **space, const char *a, int64_t a_last,
                                                      const char *b, int64_t b_last)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, a, 0, a_last, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, b, 0, b_last, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    *space = s;
    return sc;
}

/* A scenario with no party yet over x, y in 0..4; *space is its space (owned by the scenario). */
static inline parley_scenario *grid_scenario_new(parley_space **space)
{
    return two_issue_scenario_new(space, "x", 4, "y", 4);
}

#endif

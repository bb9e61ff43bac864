/*
 * grid_space.h: the 5 x 5 space several small tests negotiate over (integer issues x and y, 0..4) and an empty
 * scenario on it, built with cmocka's checks (include after <cmocka.h> and <parley/parley.h>).
 */
#ifndef PARLEY_TESTS_GRID_SPACE_H
#define PARLEY_TESTS_GRID_SPACE_H

/* A scenario with no party yet over x, y in 0..4; *space is its space (owned by the scenario). */
static parley_scenario *grid_scenario_new(parley_space **space)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "x", 0, 4, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "y", 0, 4, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    *space = s;
    return sc;
}

#endif

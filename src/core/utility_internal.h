/*
 * utility_internal.h: the layout of parley_utility, shared with the analysis
 * and agents inside the library so that hot loops can read the value tables
 * directly.  Not public API.
 */
#ifndef PARLEY_CORE_UTILITY_INTERNAL_H
#define PARLEY_CORE_UTILITY_INTERNAL_H

#include <parley/utility.h>

struct parley_rect {
    double utility;
    size_t n;
    size_t *issues;
    uint32_t *lo, *hi;
};

struct parley_utility {
    const parley_space *space;
    size_t issue_count;
    double *weights;  /* [issue_count] */
    double **values;  /* [issue_count][value_count(issue)] utilities in [0,1] */
    double reservation;
    double discount;
    size_t curve_n;
    double *curve_t, *curve_r;
    struct parley_rect *rects;
    size_t rect_count, rect_capacity;
    double rect_scale;
};

/* A copy of src over `space`, which must have the same issues and value counts. */
parley_utility *parley_utility_clone_onto(const parley_utility *src, const parley_space *space);

#endif

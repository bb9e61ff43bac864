/*
 * simplex.h: a small dense two-phase simplex for the linear programs of the
 * preference estimators: minimise c.x subject to A x = b, x >= 0, b >= 0.
 */
#ifndef PARLEY_AGENTS_SIMPLEX_H
#define PARLEY_AGENTS_SIMPLEX_H

#include <stddef.h>

/* Results of simplex_solve. */
enum { SIMPLEX_OPTIMAL = 0, SIMPLEX_INFEASIBLE = 1, SIMPLEX_UNBOUNDED = 2, SIMPLEX_NOMEM = -1 };

/* a is m x n row-major; x receives n values.  Returns one of the codes above. */
int simplex_solve(size_t m, size_t n, const double *a, const double *b, const double *c, double *x);

#endif

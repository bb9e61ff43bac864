/* solutions.c: the bargaining solutions read off a Pareto frontier (shared by the exact and approximate analyses). */
#include <math.h>

#include "analysis/analysis_internal.h"

void analysis_objectives(const double *p, size_t n, const double *reservation, const double *best,
                         double objective[PARLEY_SOLUTION_COUNT])
{
    double product = 1, ratio = INFINITY, smallest = INFINITY, total = 0;
    for (size_t k = 0; k < n; k++) {
        double gain = p[k] - reservation[k], range = best[k] - reservation[k];
        product *= gain;
        ratio = fmin(ratio, range > 0 ? gain / range : 1.0);
        smallest = fmin(smallest, gain);
        total += p[k];
    }
    objective[PARLEY_SOLUTION_NASH] = product;
    objective[PARLEY_SOLUTION_KALAI] = ratio;
    objective[PARLEY_SOLUTION_EGALITARIAN] = smallest;
    objective[PARLEY_SOLUTION_WELFARE] = total;
}

int analysis_solutions(const double *u, size_t count, size_t n, const double *reservation, double *best,
                       size_t solution[PARLEY_SOLUTION_COUNT], double value[PARLEY_SOLUTION_COUNT])
{
    for (size_t k = 0; k < n; k++)
        best[k] = reservation[k];
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < n; k++)
            best[k] = fmax(best[k], u[i * n + k]);
    for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
        value[s] = -INFINITY;
        solution[s] = 0;
    }
    for (size_t i = 0; i < count; i++) {
        double objective[PARLEY_SOLUTION_COUNT];
        analysis_objectives(&u[i * n], n, reservation, best, objective);
        for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++)
            if (objective[s] > value[s]) { /* strict: ties keep the earlier point */
                value[s] = objective[s];
                solution[s] = i;
            }
    }
    return count > 0;
}

int analysis_solution_read(int has_solutions, const size_t *solution, const double *solution_value,
                           const uint32_t *values, size_t issues, const double *u, size_t n, parley_solution_kind kind,
                           const uint32_t **outcome, const double **utilities, double *value)
{
    if ((unsigned)kind >= PARLEY_SOLUTION_COUNT)
        return PARLEY_EINVAL;
    if (!has_solutions)
        return PARLEY_ENOTFOUND;
    size_t i = solution[kind];
    if (outcome)
        *outcome = &values[i * issues];
    if (utilities)
        *utilities = &u[i * n];
    if (value)
        *value = solution_value[kind];
    return PARLEY_OK;
}

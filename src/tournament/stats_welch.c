/*
 * stats_welch.c: Welch's unequal-variance t-test, with the Student t
 * distribution at the Welch–Satterthwaite degrees of freedom.  The two-sided
 * p-value of t with v degrees of freedom is the regularised incomplete beta
 * function I_x(v/2, 1/2) at x = v / (v + t^2); I_x(a, b) is evaluated from its
 * continued fraction (modified Lentz), using the symmetry
 * I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly.
 */
#include "tournament/stats_internal.h"

#include <math.h>

/* The continued fraction of I_x(a, b) without its prefactor. */
static double beta_fraction(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = fabs(d) < tiny ? 1 / tiny : 1 / d;
    double h = d;
    for (int m = 1; m <= 10000; m++) {
        for (int odd = 0; odd < 2; odd++) {
            /* even step: m (b - m) x / ((a + 2m - 1)(a + 2m)); odd step: -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) */
            double num = odd ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                             : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + num * d;
            d = fabs(d) < tiny ? 1 / tiny : 1 / d;
            c = 1 + num / c;
            if (fabs(c) < tiny)
                c = tiny;
            double step = c * d;
            h *= step;
            if (odd && fabs(step - 1) < 1e-15)
                return h;
        }
    }
    return h;
}

/* The regularised incomplete beta function I_x(a, b), for a, b > 0 and x in [0, 1]. */
static double incomplete_beta(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
    if (x < (a + 1) / (a + b + 2))
        return front * beta_fraction(a, b, x) / a;
    return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

double stats_student_t_two_sided(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return NAN;
    if (isinf(t))
        return 0;
    return incomplete_beta(df / 2, 0.5, df / (df + t * t));
}

double stats_welch_p_value(double mean_a, double var_a, double n_a, double mean_b, double var_b, double n_b)
{
    if (n_a < 2 || n_b < 2)
        return NAN;
    double ea = var_a / n_a, eb = var_b / n_b, se2 = ea + eb;
    if (se2 == 0)
        return mean_a == mean_b ? 1 : 0;
    double df = se2 * se2 / (ea * ea / (n_a - 1) + eb * eb / (n_b - 1));
    return stats_student_t_two_sided((mean_a - mean_b) / sqrt(se2), df);
}

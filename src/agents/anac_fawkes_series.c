/*
 * anac_fawkes_series.c: TheFawkes's forecast of the opponent's offers (GENIUS
 * TheFawkes_OM, after Chen and Weiss's OMAC): the own utility of the offers
 * received, one slot per time index (the oldest offer of a slot wins, empty
 * slots 0), goes through a Daubechies-4 (8 coefficient) discrete wavelet
 * transform, and a cubic smoothing spline (D.S.G. Pollock, "Smoothing with
 * cubic splines", 1993; smoothing 1e-16) is fitted to the coefficients.  The
 * original appends one point (0, 0) after the last coefficient (its arrays
 * are one longer than the data), so for every index above 0 the spline is the
 * straight line continuing its last piece; parley keeps that, since it is what
 * the original forecasts with.  Values are clamped to [0, 1] as in the original.
 */
#include "agents/anac_winners.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Daubechies D4 scaling coefficients (8 taps) as in JWave, divided by sqrt 2. */
static const double DAUB[8] = {0.32580343, 1.01094572, 0.8922014, -0.03967503,
                               -0.2645071, 0.0436163,  0.0465036, -0.01498699};

/* One level over a[0..h): approximations into out[0..h/2), details into out[h/2..); an odd tail stays 0. */
static void wavelet_level(const double *a, size_t h, double *out)
{
    double scale[8], detail[8];
    for (int j = 0; j < 8; j++)
        scale[j] = DAUB[j] / 1.4142135623730951;
    for (int j = 0; j < 8; j++)
        detail[j] = (j % 2 ? -1 : 1) * scale[7 - j];
    size_t half = h >> 1;
    memset(out, 0, h * sizeof *out);
    for (size_t i = 0; i < half; i++)
        for (size_t j = 0; j < 8; j++) {
            size_t k = (2 * i + j) % h;
            out[i] += a[k] * scale[j];
            out[i + half] += a[k] * detail[j];
        }
}

int fawkes_wavelet(double *a, size_t n)
{
    double *buf = malloc((n ? n : 1) * sizeof *buf);
    if (!buf)
        return PARLEY_ENOMEM;
    for (size_t h = n; h >= 8; h >>= 1) {
        wavelet_level(a, h, buf);
        memcpy(a, buf, h * sizeof *a);
    }
    free(buf);
    return PARLEY_OK;
}

/* Coefficients c0..c3 of one cubic piece, evaluated at d = z - its knot. */
static double piece(const double *c, double d)
{
    return c[0] + d * (c[1] + d * (c[2] + d * c[3]));
}

int fawkes_spline_fit(const double *y_data, size_t n, double rho, struct fawkes_spline *s)
{
    /* the original's points: x = 0..n-1 with the data, then (0, 0) */
    size_t len = n + 1, last = len - 1;
    double mu = rho <= 0 ? 1e100 : 2 * (1 - rho) / (3 * rho);
    double *x = calloc(len, sizeof *x), *y = calloc(len, sizeof *y), *h = calloc(len, sizeof *h),
           *r = calloc(len, sizeof *r), *u = calloc(len, sizeof *u), *v = calloc(len, sizeof *v),
           *w = calloc(len, sizeof *w), *q = calloc(len + 1, sizeof *q);
    s->pieces = calloc(4 * (len + 1), sizeof *s->pieces);
    int rc = PARLEY_ENOMEM;
    if (!x || !y || !h || !r || !u || !v || !w || !q || !s->pieces)
        goto out;
    s->len = len;
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)i;
        y[i] = y_data[i];
    }
    h[0] = x[1] - x[0];
    r[0] = 3 / h[0];
    for (size_t i = 1; i < last; i++) {
        h[i] = x[i + 1] - x[i];
        r[i] = 3 / h[i];
        q[i] = 3 * (y[i + 1] - y[i]) / h[i] - 3 * (y[i] - y[i - 1]) / h[i - 1];
    }
    for (size_t i = 1; i < last; i++) {
        u[i] = mu * (r[i - 1] * r[i - 1] + (r[i - 1] + r[i]) * (r[i - 1] + r[i]) + r[i] * r[i]) +
               2 * (x[i + 1] - x[i - 1]);
        v[i] = mu * (-(r[i - 1] + r[i]) * r[i] - r[i] * (r[i] + r[i + 1])) + h[i];
        w[i] = mu * r[i] * r[i + 1];
    }
    /* the five-diagonal system (Pollock's "quincunx") */
    u[0] = 0;
    v[1] /= u[1];
    w[1] /= u[1];
    for (size_t j = 2; j + 1 < len; j++) {
        u[j] = u[j] - u[j - 2] * w[j - 2] * w[j - 2] - u[j - 1] * v[j - 1] * v[j - 1];
        v[j] = (v[j] - u[j - 1] * v[j - 1] * w[j - 1]) / u[j];
        w[j] /= u[j];
    }
    q[1] -= v[0] * q[0];
    for (size_t j = 2; j + 1 < len; j++)
        q[j] = q[j] - v[j - 1] * q[j - 1] - w[j - 2] * q[j - 2];
    for (size_t j = 1; j + 1 < len; j++)
        q[j] /= u[j];
    q[len - 1] = 0;
    for (size_t j = len - 2; j-- > 1;)
        q[j] = q[j] - v[j] * q[j + 1] - w[j] * q[j + 2];
    /* the pieces: 0 and 1 share the first interval, j + 1 covers [x[j], x[j+1]], the last extends linearly */
    double *p = s->pieces;
    double c0 = y[0] - mu * r[0] * q[1];
    double dd = y[1] - mu * ((-r[0] - r[1]) * q[1] + r[1] * q[2]);
    double c1 = (dd - c0) / h[0] - q[1] * h[0] / 3;
    p[0] = c0;
    p[1] = c1;
    p[4] = c0;
    p[5] = c1;
    p[7] = q[1] / (3 * h[0]);
    for (size_t j = 1; j < last; j++) {
        double *c = p + 4 * (j + 1);
        c[3] = (q[j + 1] - q[j]) / (3 * h[j]);
        c[2] = q[j];
        c[1] = (q[j] + q[j - 1]) * h[j - 1] + p[4 * j + 1];
        c[0] = y[j] - mu * (r[j - 1] * q[j - 1] + (-r[j - 1] - r[j]) * q[j] + r[j] * q[j + 1]);
    }
    const double *end = p + 4 * last, d = x[last] - x[last - 1];
    double *tail = p + 4 * (last + 1);
    tail[0] = piece(end, d);
    tail[1] = end[1] + d * (2 * end[2] + d * (3 * end[3]));
    s->knots = x; /* the spline keeps its knots */
    x = NULL;
    rc = PARLEY_OK;
out:
    free(x);
    free(y);
    free(h);
    free(r);
    free(u);
    free(v);
    free(w);
    free(q);
    if (rc) {
        free(s->pieces);
        s->pieces = NULL;
    }
    return rc;
}

void fawkes_spline_free(struct fawkes_spline *s)
{
    free(s->pieces);
    free(s->knots);
    memset(s, 0, sizeof *s);
}

/* The piece for z (SSJ's getFitPolynomialIndex, kept with the original's unsorted last knot). */
static size_t piece_index(const struct fawkes_spline *s, double z)
{
    size_t j = s->len - 1;
    if (z > s->knots[j])
        return j + 1;
    long i = 0, hi = (long)j, tmp = 0;
    while (i + 1 != hi) {
        if (z > s->knots[tmp]) {
            i = tmp;
            tmp = i + (hi - i) / 2;
        } else {
            hi = tmp;
            tmp = i + (hi - i) / 2;
        }
        if (hi == 0)
            i--;
    }
    return (size_t)(i + 1);
}

double fawkes_spline_eval(const struct fawkes_spline *s, double z)
{
    size_t i = piece_index(s, z);
    double value = piece(s->pieces + 4 * i, i == 0 ? z - s->knots[0] : z - s->knots[i - 1]);
    if (isnan(value) || value < 0)
        return 0;
    return value > 1 ? 1 : value;
}

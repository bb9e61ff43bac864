/* utility.c: a party's utility function: weighted value tables plus optional GENIUS hyperrectangles. */
#include <parley/utility.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/utility_internal.h"

static void free_rectangles(parley_utility *u)
{
    for (size_t r = 0; r < u->rect_count; r++) {
        free(u->rects[r].issues);
        free(u->rects[r].lo);
        free(u->rects[r].hi);
    }
    free(u->rects);
    u->rects = NULL;
    u->rect_count = u->rect_capacity = 0;
}

void parley_utility_free(parley_utility *u)
{
    if (!u)
        return;
    if (u->values)
        for (size_t i = 0; i < u->issue_count; i++)
            free(u->values[i]);
    free(u->values);
    free(u->weights);
    free(u->curve_t);
    free(u->curve_r);
    free_rectangles(u);
    free(u);
}

parley_utility *parley_utility_new(const parley_space *space)
{
    parley_utility *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->space = space;
    u->issue_count = parley_space_issue_count(space);
    u->discount = 1.0;
    u->rect_scale = 1.0;
    u->weights = calloc(u->issue_count ? u->issue_count : 1, sizeof *u->weights);
    u->values = calloc(u->issue_count ? u->issue_count : 1, sizeof *u->values);
    if (!u->weights || !u->values)
        goto fail;
    for (size_t i = 0; i < u->issue_count; i++)
        if (!(u->values[i] = calloc(parley_issue_value_count(space, i), sizeof(double))))
            goto fail;
    return u;
fail:
    parley_utility_free(u);
    return NULL;
}

static void *dup_array(const void *src, size_t n, size_t elem)
{
    if (!src || n == 0)
        return NULL;
    void *p = malloc(n * elem);
    if (p)
        memcpy(p, src, n * elem);
    return p;
}

parley_utility *parley_utility_clone(const parley_utility *src)
{
    return parley_utility_clone_onto(src, src->space);
}

parley_utility *parley_utility_clone_onto(const parley_utility *src, const parley_space *space)
{
    parley_utility *u = parley_utility_new(space);
    if (!u)
        return NULL;
    memcpy(u->weights, src->weights, src->issue_count * sizeof *u->weights);
    for (size_t i = 0; i < src->issue_count; i++)
        memcpy(u->values[i], src->values[i], parley_issue_value_count(src->space, i) * sizeof(double));
    u->reservation = src->reservation;
    u->discount = src->discount;
    if (parley_utility_set_reservation_curve(u, src->curve_n, src->curve_t, src->curve_r) != PARLEY_OK)
        goto fail;
    u->rect_scale = src->rect_scale;
    for (size_t r = 0; r < src->rect_count; r++) {
        const struct parley_rect *rect = &src->rects[r];
        if (parley_utility_add_rectangle(u, rect->utility, rect->n, rect->issues, rect->lo, rect->hi) != PARLEY_OK)
            goto fail;
    }
    return u;
fail:
    parley_utility_free(u);
    return NULL;
}

const parley_space *parley_utility_space(const parley_utility *u)
{
    return u->space;
}

int parley_utility_set_weight(parley_utility *u, size_t issue, double weight)
{
    if (issue >= u->issue_count || !isfinite(weight))
        return PARLEY_EINVAL;
    u->weights[issue] = weight;
    return PARLEY_OK;
}

double parley_utility_weight(const parley_utility *u, size_t issue)
{
    return u->weights[issue];
}

int parley_utility_set_value(parley_utility *u, size_t issue, uint32_t value, double utility)
{
    if (issue >= u->issue_count || value >= parley_issue_value_count(u->space, issue) || !isfinite(utility))
        return PARLEY_EINVAL;
    u->values[issue][value] = utility;
    return PARLEY_OK;
}

double parley_utility_value(const parley_utility *u, size_t issue, uint32_t value)
{
    return u->values[issue][value];
}

int parley_utility_add_rectangle(parley_utility *u, double utility, size_t n, const size_t *issues,
                                 const uint32_t *lo, const uint32_t *hi)
{
    for (size_t k = 0; k < n; k++)
        if (issues[k] >= u->issue_count || lo[k] > hi[k])
            return PARLEY_EINVAL;
    if (u->rect_count == u->rect_capacity) {
        size_t cap = u->rect_capacity ? u->rect_capacity * 2 : 16;
        struct parley_rect *grown = realloc(u->rects, cap * sizeof *grown);
        if (!grown)
            return PARLEY_ENOMEM;
        u->rects = grown;
        u->rect_capacity = cap;
    }
    struct parley_rect *rect = &u->rects[u->rect_count];
    memset(rect, 0, sizeof *rect);
    rect->utility = utility;
    rect->n = n;
    if (n) {
        rect->issues = dup_array(issues, n, sizeof *issues);
        rect->lo = dup_array(lo, n, sizeof *lo);
        rect->hi = dup_array(hi, n, sizeof *hi);
        if (!rect->issues || !rect->lo || !rect->hi) {
            free(rect->issues);
            free(rect->lo);
            free(rect->hi);
            return PARLEY_ENOMEM;
        }
    }
    u->rect_count++;
    return PARLEY_OK;
}

void parley_utility_set_rectangle_scale(parley_utility *u, double scale)
{
    if (scale > 0 && isfinite(scale))
        u->rect_scale = scale;
}

size_t parley_utility_rectangle_count(const parley_utility *u)
{
    return u->rect_count;
}

size_t parley_utility_rectangle(const parley_utility *u, size_t r, double *utility, size_t *issues, uint32_t *lo,
                                uint32_t *hi, size_t max)
{
    const struct parley_rect *rect = &u->rects[r];
    if (utility)
        *utility = rect->utility;
    for (size_t k = 0; k < rect->n && k < max; k++) {
        if (issues)
            issues[k] = rect->issues[k];
        if (lo)
            lo[k] = rect->lo[k];
        if (hi)
            hi[k] = rect->hi[k];
    }
    return rect->n;
}

double parley_utility_rectangle_scale(const parley_utility *u)
{
    return u->rect_scale;
}

int parley_utility_is_additive(const parley_utility *u)
{
    return u->rect_count == 0;
}

double parley_utility_eval(const parley_utility *u, const uint32_t *values)
{
    double sum = 0;
    for (size_t i = 0; i < u->issue_count; i++)
        sum += u->weights[i] * u->values[i][values[i]];
    if (u->rect_count) {
        double rsum = 0;
        for (size_t r = 0; r < u->rect_count; r++) {
            const struct parley_rect *rect = &u->rects[r];
            size_t k = 0;
            while (k < rect->n && values[rect->issues[k]] >= rect->lo[k] && values[rect->issues[k]] <= rect->hi[k])
                k++;
            if (k == rect->n)
                rsum += rect->utility;
        }
        sum += rsum / u->rect_scale;
    }
    /* GENIUS's AdditiveUtilitySpace and NonlinearUtilitySpace.getUtility cap the result at 1 (weights that
       sum above 1, rectangles beyond maxutility); they do not raise it to 0 */
    return sum > 1 ? 1 : sum;
}

double parley_utility_max_additive(const parley_utility *u)
{
    double sum = 0;
    for (size_t i = 0; i < u->issue_count; i++) {
        double best = 0;
        uint32_t n = parley_issue_value_count(u->space, i);
        for (uint32_t v = 0; v < n; v++)
            if (u->weights[i] * u->values[i][v] > best)
                best = u->weights[i] * u->values[i][v];
        sum += best;
    }
    return sum;
}

int parley_utility_set_reservation(parley_utility *u, double reservation)
{
    if (!isfinite(reservation))
        return PARLEY_EINVAL;
    u->reservation = reservation;
    return PARLEY_OK;
}

double parley_utility_reservation(const parley_utility *u)
{
    return u->reservation;
}

int parley_utility_set_reservation_curve(parley_utility *u, size_t n, const double *t, const double *r)
{
    for (size_t k = 0; k < n; k++)
        if (!isfinite(t[k]) || !isfinite(r[k]) || (k > 0 && !(t[k] > t[k - 1])))
            return PARLEY_EINVAL;
    double *nt = n ? dup_array(t, n, sizeof *t) : NULL;
    double *nr = n ? dup_array(r, n, sizeof *r) : NULL;
    if (n && (!nt || !nr)) {
        free(nt);
        free(nr);
        return PARLEY_ENOMEM;
    }
    free(u->curve_t);
    free(u->curve_r);
    u->curve_t = nt;
    u->curve_r = nr;
    u->curve_n = n;
    return PARLEY_OK;
}

size_t parley_utility_reservation_curve(const parley_utility *u, const double **t, const double **r)
{
    if (t)
        *t = u->curve_t;
    if (r)
        *r = u->curve_r;
    return u->curve_n;
}

double parley_utility_reservation_at(const parley_utility *u, double t)
{
    size_t n = u->curve_n;
    if (n == 0)
        return u->reservation;
    if (t <= u->curve_t[0])
        return u->curve_r[0];
    for (size_t k = 1; k < n; k++)
        if (t <= u->curve_t[k]) {
            double f = (t - u->curve_t[k - 1]) / (u->curve_t[k] - u->curve_t[k - 1]);
            return u->curve_r[k - 1] + f * (u->curve_r[k] - u->curve_r[k - 1]);
        }
    return u->curve_r[n - 1];
}

int parley_utility_set_discount(parley_utility *u, double discount)
{
    if (!(discount > 0 && discount <= 1))
        return PARLEY_EINVAL;
    u->discount = discount;
    return PARLEY_OK;
}

double parley_utility_discount(const parley_utility *u)
{
    return u->discount;
}

double parley_utility_discounted(const parley_utility *u, double utility, double t)
{
    if (u->discount >= 1 || t <= 0)
        return utility;
    return utility * pow(u->discount, t > 1 ? 1 : t);
}

int parley_utility_validate(const parley_utility *u, parley_error *err)
{
    double total = 0;
    for (size_t i = 0; i < u->issue_count; i++) {
        const char *name = parley_issue_name(u->space, i);
        if (!(u->weights[i] >= 0))
            return parley_error_set(err, PARLEY_EINVAL, "weight of issue '%s' is %g (expected >= 0)", name,
                                    u->weights[i]);
        total += u->weights[i];
        uint32_t n = parley_issue_value_count(u->space, i);
        for (uint32_t v = 0; v < n; v++)
            if (!(u->values[i][v] >= 0 && u->values[i][v] <= 1)) {
                char value[64];
                return parley_error_set(err, PARLEY_EINVAL, "utility of %s=%s is %g (expected a number in [0,1])",
                                        name, parley_issue_format_value(u->space, i, v, value, sizeof value),
                                        u->values[i][v]);
            }
    }
    (void)total; /* weights as written (GENIUS semantics): the loaders check or warn about their sum */
    if (!(u->reservation >= 0 && u->reservation <= 1))
        return parley_error_set(err, PARLEY_EINVAL, "reservation value %g is outside [0,1]", u->reservation);
    for (size_t k = 0; k < u->curve_n; k++)
        if (!(u->curve_r[k] >= 0 && u->curve_r[k] <= 1) || !(u->curve_t[k] >= 0 && u->curve_t[k] <= 1))
            return parley_error_set(err, PARLEY_EINVAL,
                                    "reservation curve point (%g, %g) is outside [0,1] x [0,1]", u->curve_t[k],
                                    u->curve_r[k]);
    return PARLEY_OK;
}

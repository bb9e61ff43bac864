/* approx_archive.c: the set of non-dominated outcomes an approximate analysis keeps while it searches. */
#include <stdlib.h>
#include <string.h>

#include "analysis/approx_internal.h"

void approx_archive_init(approx_archive *ar, size_t parties, size_t issues)
{
    memset(ar, 0, sizeof *ar);
    ar->parties = parties;
    ar->issues = issues;
}

void approx_archive_free(approx_archive *ar)
{
    free(ar->u);
    free(ar->values);
    free(ar->explored);
    memset(ar, 0, sizeof *ar);
}

static int grow(approx_archive *ar)
{
    size_t cap = ar->capacity ? ar->capacity * 2 : 64;
    double *u = realloc(ar->u, cap * ar->parties * sizeof *u);
    if (!u)
        return -1;
    ar->u = u;
    uint32_t *v = realloc(ar->values, cap * (ar->issues ? ar->issues : 1) * sizeof *v);
    if (!v)
        return -1;
    ar->values = v;
    unsigned char *e = realloc(ar->explored, cap);
    if (!e)
        return -1;
    ar->explored = e;
    ar->capacity = cap;
    return 0;
}

int approx_archive_offer(approx_archive *ar, const double *u, const uint32_t *values)
{
    size_t n = ar->parties;
    /* rejected when a kept point is at least as good for everyone */
    for (size_t i = 0; i < ar->count; i++) {
        const double *q = &ar->u[i * n];
        size_t k = 0;
        while (k < n && q[k] >= u[k])
            k++;
        if (k == n)
            return 0;
    }
    /* drop the kept points it dominates */
    size_t o = 0;
    for (size_t i = 0; i < ar->count; i++) {
        const double *q = &ar->u[i * n];
        size_t k = 0;
        while (k < n && u[k] >= q[k])
            k++;
        if (k == n)
            continue;
        if (o != i) {
            memmove(&ar->u[o * n], q, n * sizeof *q);
            memmove(&ar->values[o * ar->issues], &ar->values[i * ar->issues], ar->issues * sizeof *ar->values);
            ar->explored[o] = ar->explored[i];
        }
        o++;
    }
    ar->count = o;
    if (ar->count >= APPROX_ARCHIVE_MAX) {
        ar->full = 1;
        return 0;
    }
    if (ar->count == ar->capacity && grow(ar) != 0) {
        ar->failed = 1;
        return 0;
    }
    memcpy(&ar->u[ar->count * n], u, n * sizeof *u);
    memcpy(&ar->values[ar->count * ar->issues], values, ar->issues * sizeof *values);
    ar->explored[ar->count] = 0;
    ar->count++;
    return 1;
}

static int compare_points(const approx_archive *ar, size_t a, size_t b)
{
    const double *p = &ar->u[a * ar->parties], *q = &ar->u[b * ar->parties];
    for (size_t k = 0; k < ar->parties; k++)
        if (p[k] != q[k])
            return p[k] < q[k] ? -1 : 1;
    return 0;
}

/* Bottom-up merge sort of an index permutation (qsort has no context argument and no state may be global). */
static void sort_indices(const approx_archive *ar, size_t *order, size_t *tmp, size_t n)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = compare_points(ar, order[j], order[i]) < 0 ? order[j++] : order[i++];
            while (i < mid)
                tmp[o++] = order[i++];
            while (j < hi)
                tmp[o++] = order[j++];
        }
        memcpy(order, tmp, n * sizeof *order);
    }
}

void approx_archive_sort(approx_archive *ar)
{
    if (ar->count < 2)
        return;
    size_t *order = malloc(ar->count * sizeof *order), *tmp = malloc(ar->count * sizeof *tmp);
    double *u = malloc(ar->count * ar->parties * sizeof *u);
    uint32_t *v = malloc(ar->count * (ar->issues ? ar->issues : 1) * sizeof *v);
    if (!order || !tmp || !u || !v) {
        free(order);
        free(tmp);
        free(u);
        free(v);
        return; /* unsorted but complete */
    }
    for (size_t i = 0; i < ar->count; i++)
        order[i] = i;
    sort_indices(ar, order, tmp, ar->count);
    for (size_t i = 0; i < ar->count; i++) {
        memcpy(&u[i * ar->parties], &ar->u[order[i] * ar->parties], ar->parties * sizeof *u);
        memcpy(&v[i * ar->issues], &ar->values[order[i] * ar->issues], ar->issues * sizeof *v);
    }
    memcpy(ar->u, u, ar->count * ar->parties * sizeof *u);
    memcpy(ar->values, v, ar->count * ar->issues * sizeof *v);
    free(order);
    free(tmp);
    free(u);
    free(v);
}

/*
 * merge.c: analyses of parts of an outcome space (parley_analysis_options
 * first/count), packed into bytes and merged, so that the parts can be
 * computed anywhere (other MPI ranks) and give the whole space's analysis.
 *
 * Every figure of an analysis either adds up over parts (counts, the
 * histogram of failure masks and its subset sums, which are linear) or is
 * recomputed from the merged parts: the minimal failure masks from the union
 * of each part's minimal ones, the frontier from the union of each part's
 * frontier points, the best utilities and solutions from the frontier.  The
 * threads of one analysis are merged the same way, so the result is the one
 * the whole space gives in one process.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "analysis/maskset.h"

#define PACK_MAGIC 0x706c79616e6c7931ull /* "plyanly1" */
enum { H_MAGIC, H_N, H_C, H_ISSUES, H_OUTCOMES, H_FEASIBLE, H_ACCEPTABLE, H_HIST, H_MASKS, H_COMPLETE, H_FRONTIER, H_WORDS };

int parley_analysis_pack(const parley_analysis *a, void **buf, size_t *len, parley_error *err)
{
    size_t n = a->n, C = a->condition_count, hist = a->satisfying ? (size_t)1 << C : 0;
    size_t mask_words = a->failure_mask_count * parley_analysis_mask_words(a);
    size_t words = H_WORDS + n + C + hist + mask_words + a->frontier.count * (1 + n);
    uint64_t *w = malloc(words * sizeof *w);
    if (!w)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    uint64_t head[H_WORDS] = {PACK_MAGIC, n, C, a->issues, a->outcomes, a->feasible, a->acceptable, hist,
                              a->failure_mask_count, (uint64_t)a->masks_complete, a->frontier.count};
    size_t at = 0;
    memcpy(w + at, head, sizeof head), at += H_WORDS;
    memcpy(w + at, a->party_acceptable, n * sizeof *w), at += n;
    memcpy(w + at, a->condition_holds, C * sizeof *w), at += C;
    if (hist)
        memcpy(w + at, a->satisfying, hist * sizeof *w), at += hist;
    if (mask_words)
        memcpy(w + at, a->failure_masks, mask_words * sizeof *w), at += mask_words;
    if (a->frontier.count) {
        memcpy(w + at, a->frontier.index, a->frontier.count * sizeof *w), at += a->frontier.count;
        memcpy(w + at, a->frontier.u, a->frontier.count * n * sizeof *w), at += a->frontier.count * n;
    }
    *buf = w;
    *len = words * sizeof *w;
    return PARLEY_OK;
}

/* The minimal masks of the union of two lists of minimal masks. */
static int merge_masks(parley_analysis *into, const uint64_t *masks, size_t count, int complete)
{
    size_t words = parley_analysis_mask_words(into);
    maskset set;
    maskset_init(&set, words);
    for (size_t i = 0; i < into->failure_mask_count; i++)
        maskset_add(&set, &into->failure_masks[i * words]);
    for (size_t i = 0; i < count; i++)
        maskset_add(&set, &masks[i * words]);
    size_t n = 0;
    uint64_t *minimal = set.failed ? NULL : maskset_minimal(&set, &n);
    into->masks_complete = into->masks_complete && complete && !set.overflow;
    maskset_free(&set);
    if (!minimal)
        return PARLEY_ENOMEM;
    free(into->failure_masks);
    into->failure_masks = minimal;
    into->failure_mask_count = n;
    return PARLEY_OK;
}

/* The frontier of both parts' points, sorted by outcome number, with values decoded and solutions recomputed. */
static int merge_frontier(parley_analysis *into, const parley_space *space, const uint64_t *index, const double *u,
                          size_t count)
{
    frontier f;
    if (frontier_init(&f, into->n) != 0)
        return PARLEY_ENOMEM;
    for (size_t i = 0; i < into->frontier.count; i++)
        frontier_offer(&f, &into->frontier.u[i * into->n], into->frontier.index[i]);
    for (size_t i = 0; i < count; i++)
        frontier_offer(&f, &u[i * into->n], index[i]);
    if (f.failed) {
        frontier_free(&f);
        return PARLEY_ENOMEM;
    }
    frontier_sort_by_index(&f);
    uint32_t *values = calloc(f.count * into->issues + 1, sizeof *values);
    if (!values || f.failed) {
        free(values);
        frontier_free(&f);
        return PARLEY_ENOMEM;
    }
    for (size_t i = 0; i < f.count; i++)
        parley_space_decode(space, f.index[i], &values[i * into->issues]);
    frontier_free(&into->frontier);
    into->frontier = f;
    free(into->frontier_values);
    into->frontier_values = values;
    into->has_solutions = analysis_solutions(f.u, f.count, into->n, into->reservation, into->best, into->solution,
                                             into->solution_value);
    return PARLEY_OK;
}

int parley_analysis_merge_packed(parley_analysis *into, const parley_scenario *sc, const void *buf, size_t len,
                                 parley_error *err)
{
    const uint64_t *w = buf;
    size_t n = into->n, C = into->condition_count;
    if (len < H_WORDS * sizeof *w || len % sizeof *w || w[H_MAGIC] != PACK_MAGIC || w[H_N] != n || w[H_C] != C ||
        w[H_ISSUES] != into->issues || w[H_OUTCOMES] != into->outcomes)
        return parley_error_set(err, PARLEY_EINVAL, "the part does not belong to this analysis");
    size_t hist = w[H_HIST], masks = w[H_MASKS], count = w[H_FRONTIER], words = parley_analysis_mask_words(into);
    size_t total = len / sizeof *w;
    /* Each count at most the words there are, so that the sums below cannot wrap. */
    if (hist != (into->satisfying ? (size_t)1 << C : 0) || masks > total / words || count > total / (1 + n) ||
        total != H_WORDS + n + C + hist + masks * words + count * (1 + n))
        return parley_error_set(err, PARLEY_EINVAL, "the part does not belong to this analysis");
    const uint64_t *at = w + H_WORDS;
    into->feasible += w[H_FEASIBLE];
    into->acceptable += w[H_ACCEPTABLE];
    for (size_t k = 0; k < n; k++)
        into->party_acceptable[k] += at[k];
    at += n;
    for (size_t c = 0; c < C; c++)
        into->condition_holds[c] += at[c];
    at += C;
    for (size_t m = 0; m < hist; m++)
        into->satisfying[m] += at[m];
    at += hist;
    if (!into->satisfying && merge_masks(into, at, masks, (int)w[H_COMPLETE]) != PARLEY_OK)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    at += masks * words;
    double *u = malloc(count * n * sizeof *u + 1);
    if (!u)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    memcpy(u, at + count, count * n * sizeof *u);
    int rc = merge_frontier(into, parley_scenario_space(sc), at, u, count);
    free(u);
    return rc == PARLEY_OK ? PARLEY_OK : parley_error_set(err, rc, "out of memory");
}

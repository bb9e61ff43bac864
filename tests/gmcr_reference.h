/*
 * gmcr_reference.h: a slow, literal implementation of the GMCR stability definitions (Fang, Hipel and Kilgour
 * 1993) on small models given state by state, the reference the fast analysis is compared with
 * (test_gmcr_reference, test_kill16_etc_gmcr): legal moves, the six notions of one DM at one state (legal
 * sequences of moves with the rule that no DM moves twice in a row; SIM and SEQ+SIM tried choice by choice), the
 * L_h anticipation of two-DM models walked recursively, and a model as the JSON parley_gmcr_model_parse reads.
 * Header-only (include after <cmocka.h>).
 */
#ifndef PARLEY_TESTS_GMCR_REFERENCE_H
#define PARLEY_TESTS_GMCR_REFERENCE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 7
#define MAXS (1 << MAXN)
#define MAXD 4

typedef struct model {
    int n, d;
    int owner[MAXN];
    int dir[MAXN]; /* 0 both, 1 forward, 2 backward */
    int feasible[MAXS];
    int pref[MAXD][MAXS];
} model;

static inline int legal(const model *M, int i, int s, int t)
{
    if (s == t || !M->feasible[t])
        return 0;
    for (int b = 0; b < M->n; b++) {
        int was = s >> b & 1, now = t >> b & 1;
        if (was == now)
            continue;
        if (M->owner[b] != i)
            return 0;
        if (M->dir[b] == 1 && was)
            return 0;
        if (M->dir[b] == 2 && !was)
            return 0;
    }
    return 1;
}

/* States reachable from s1 by legal sequences of moves of DMs other than i (improvements only if `ui`). */
static inline void reach(const model *M, int i, int s1, int ui, int *out)
{
    int S = 1 << M->n;
    static int seen[MAXS][MAXD + 1];
    int queue[MAXS * (MAXD + 1)][2], qh = 0, qt = 0;
    memset(seen, 0, sizeof seen);
    memset(out, 0, (size_t)S * sizeof *out);
    queue[qt][0] = s1;
    queue[qt++][1] = MAXD; /* nobody moved yet */
    seen[s1][MAXD] = 1;
    while (qh < qt) {
        int x = queue[qh][0], last = queue[qh++][1];
        for (int j = 0; j < M->d; j++) {
            if (j == i || j == last)
                continue;
            for (int y = 0; y < S; y++) {
                if (!legal(M, j, x, y) || (ui && M->pref[j][y] <= M->pref[j][x]))
                    continue;
                out[y] = 1;
                if (!seen[y][j]) {
                    seen[y][j] = 1;
                    queue[qt][0] = y;
                    queue[qt++][1] = j;
                }
            }
        }
    }
}

/*
 * Simultaneous sanction of i's improvement s -> s1: DMs j >= from (other than
 * i) each stay or take one of their improvements from s; `joint` is the state
 * built so far (i's options from s1, options of DMs before j from their choice).
 */
static inline int sim_sanction(const model *M, int i, int s, int from, int joint)
{
    if (from == i)
        from++;
    if (from >= M->d)
        return joint != -1 && M->feasible[joint] && M->pref[i][joint] <= M->pref[i][s];
    int S = 1 << M->n;
    if (sim_sanction(M, i, s, from + 1, joint))
        return 1;
    for (int t = 0; t < S; t++) {
        if (!legal(M, from, s, t) || M->pref[from][t] <= M->pref[from][s])
            continue;
        int next = joint;
        for (int b = 0; b < M->n; b++)
            if (M->owner[b] == from)
                next = (next & ~(1 << b)) | (t & (1 << b));
        if (sim_sanction(M, i, s, from + 1, next))
            return 1;
    }
    return 0;
}

static inline unsigned reference(const model *M, int i, int s)
{
    int S = 1 << M->n;
    const int *p = M->pref[i];
    unsigned flags = 63;
    int any = 0;
    static int rg[MAXS], rq[MAXS];
    for (int s1 = 0; s1 < S; s1++) {
        if (!legal(M, i, s, s1) || p[s1] <= p[s])
            continue;
        any = 1;
        reach(M, i, s1, 0, rg);
        reach(M, i, s1, 1, rq);
        int gmr = 0, smr = 0, seq = 0;
        for (int s2 = 0; s2 < S; s2++) {
            if (rg[s2] && p[s2] <= p[s]) {
                gmr = 1;
                int escape = 0;
                for (int s3 = 0; s3 < S && !escape; s3++)
                    if (legal(M, i, s2, s3) && p[s3] > p[s])
                        escape = 1;
                if (!escape)
                    smr = 1;
            }
            if (rq[s2] && p[s2] <= p[s])
                seq = 1;
        }
        if (!gmr)
            flags &= ~2u;
        if (!smr)
            flags &= ~4u;
        if (!seq)
            flags &= ~8u;
        int sim = sim_sanction(M, i, s, 0, s1);
        if (!sim)
            flags &= ~16u;
        if (!sim && !seq)
            flags &= ~32u;
    }
    if (any)
        flags &= ~1u;
    return flags;
}

/*
 * L_h for two DMs, literally: the state anticipated when DM k is to move at s
 * with h moves left (ties: the other DM's worst, then the lowest code), and
 * whether k stays.
 */
static inline int anticipate(const model *M, int k, int s, int h, int *stays)
{
    int S = 1 << M->n, best = -1, best_g = -1;
    *stays = 1;
    if (h == 0)
        return s;
    for (int t = 0; t < S; t++) {
        if (!legal(M, k, s, t))
            continue;
        int dummy, g = anticipate(M, 1 - k, t, h - 1, &dummy);
        int v = M->pref[k][g];
        if (v > best || (v == best && (M->pref[1 - k][g] < M->pref[1 - k][best_g] ||
                                       (M->pref[1 - k][g] == M->pref[1 - k][best_g] && g < best_g)))) {
            best = v;
            best_g = g;
        }
    }
    if (best > M->pref[k][s]) {
        *stays = 0;
        return best_g;
    }
    return s;
}

/* The model as a JSON file: explicit rankings with ties, infeasible states as Y/N vectors. */
static inline char *model_json(const model *M, size_t *out_len)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    int S = 1 << M->n;
#define OUT(...) len += (size_t)snprintf(buf + len, cap - len, __VA_ARGS__)
    OUT("{\"decision_makers\": [");
    for (int i = 0; i < M->d; i++) {
        OUT("%s{\"name\": \"D%d\", \"options\": [", i ? "," : "", i);
        int first = 1;
        for (int b = 0; b < M->n; b++)
            if (M->owner[b] == i) {
                OUT("%s{\"name\": \"o%d\", \"reversibility\": \"%s\"}", first ? "" : ",", b + 1,
                    M->dir[b] == 1 ? "forward" : M->dir[b] == 2 ? "backward" : "both");
                first = 0;
            }
        OUT("], \"ranking\": [");
        first = 1;
        for (int lv = S; lv >= 0; lv--) {
            int any = 0;
            for (int c = 0; c < S; c++)
                any |= M->feasible[c] && M->pref[i][c] == lv;
            if (!any)
                continue;
            OUT("%s[", first ? "" : ",");
            first = 0;
            int f2 = 1;
            for (int c = 0; c < S; c++)
                if (M->feasible[c] && M->pref[i][c] == lv) {
                    OUT("%s%d", f2 ? "" : ",", c);
                    f2 = 0;
                }
            OUT("]");
        }
        OUT("]}");
    }
    OUT("], \"infeasible\": [");
    int first = 1;
    for (int c = 0; c < S; c++)
        if (!M->feasible[c]) {
            OUT("%s\"", first ? "" : ", ");
            for (int b = 0; b < M->n; b++)
                OUT("%c", c >> b & 1 ? 'Y' : 'N');
            OUT("\"");
            first = 0;
        }
    OUT("]}");
#undef OUT
    assert_true(len < cap);
    *out_len = len;
    return buf;
}

#endif

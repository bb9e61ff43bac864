/*
 * scan_simd_row.h: the vector rows of 2 and 3 parties for one instruction set.
 * scan_simd.c includes it once per set with these macros defined: ROW_ISA (the
 * target string), ROW_NAME(x) (x with the set's suffix), ROW_LANES, the types
 * VEC (doubles), VMASK (a lane mask), VCOUNT (64-bit integers per lane), and
 * V_SET1, V_LOAD, V_STORE, V_ADD, V_SUB, V_MIN, V_LT, V_GE, V_GT, M_AND, M_OR,
 * M_BITS (lane l -> bit l), ROW_REJECT_2D, and for the count of failure masks
 * either ROW_FIELDS 1 and C_SET1, C_ZERO, C_ADD, C_SHIFT (left, per lane),
 * C_STORE, C_BITS(m, x) (x where m is set, else 0), C_OR_BITS(c, m, x)
 * (c | x where m is set, else c), or ROW_FIELDS 0 and C_ZERO, C_COUNT(c, m)
 * (c + 1 where m is set), C_SUM (of the lanes).  It undefines them all at
 * its end.  The party count is a constant in each
 * row, so every value stays in a register.
 */

#define ROW_FN static inline __attribute__((always_inline, target(ROW_ISA)))
#define ROW_ALL ((1u << ROW_LANES) - 1)

/* quantize_utility(pre + table[v]) lane by lane, the scalar path's operations in its order (min(1, x) takes x
   when x is NaN, as the scalar `x > 1 ? 1 : x` does). */
#define ROW_QUANTIZED(pre, table, v)                                                                      \
    V_SUB(V_ADD(V_MIN(V_SET1(1.0), V_ADD(pre, V_LOAD((table) + (v)))), V_SET1(0x1.8p20)), V_SET1(0x1.8p20))

/* Adds the outcomes v in [from, to) of the row to the histogram of failure masks.  With w->lanes.ready a party
   fails where pre + table < below (scan_lanes.c), else (quantized) where the quantized utility < reservation.
   Two ways to count the masks, whichever is faster on the set (measured on AMD Zen 4):
   - ROW_FIELDS: each lane's mask m (bit k: party k fails) adds 1 << 8m to a 64-bit integer of that lane, eight
     8-bit fields, one per mask, added to the histogram every ROW_CHUNK vectors, before they can overflow;
   - else counters, per set S of parties, of the lanes failing every party of S, from which the histogram by
     exact mask follows by inclusion and exclusion. */
#define ROW_CHUNK 255
#define ROW_FAILS(z, p, table, b, v)                                                                     \
    (z = quantized ? ROW_QUANTIZED(p, table, v) : V_ADD(p, V_LOAD((table) + (v))), V_LT(z, b))
ROW_FN void ROW_NAME(tally)(const struct job *job, struct worker *w, const double *pre, uint32_t from, uint32_t to,
                            const size_t n, const int quantized)
{
    const size_t issues = job->issues, last = issues - 1;
    const double *t0 = job->tables[last], *t1 = job->tables[issues + last];
    const double *t2 = n == 3 ? job->tables[2 * issues + last] : t0;
    const double *limit = quantized ? job->reservation : w->lanes.below;
    const VEC p0 = V_SET1(pre[0]), p1 = V_SET1(pre[1]), p2 = V_SET1(n == 3 ? pre[2] : 0);
    const VEC b0 = V_SET1(limit[0]), b1 = V_SET1(limit[1]), b2 = V_SET1(n == 3 ? limit[2] : 0);
    uint64_t *hist = w->histogram;
    uint32_t v = from;
    VEC z0, z1, z2;
#if ROW_FIELDS
    const VCOUNT one = C_SET1(1), shift1 = C_SET1(8), shift2 = C_SET1(16), shift4 = C_SET1(32);
    while (v + ROW_LANES <= to) {
        uint32_t stop = to - v > ROW_CHUNK * ROW_LANES ? v + ROW_CHUNK * ROW_LANES : to;
        VCOUNT fields = C_ZERO;
        for (; v + ROW_LANES <= stop; v += ROW_LANES) {
            VCOUNT shift = C_BITS(ROW_FAILS(z0, p0, t0, b0, v), shift1);
            shift = C_OR_BITS(shift, ROW_FAILS(z1, p1, t1, b1, v), shift2);
            if (n == 3)
                shift = C_OR_BITS(shift, ROW_FAILS(z2, p2, t2, b2, v), shift4);
            fields = C_ADD(fields, C_SHIFT(one, shift));
        }
        _Alignas(64) uint64_t lane[ROW_LANES];
        C_STORE(lane, fields);
        for (unsigned l = 0; l < ROW_LANES; l++)
            for (unsigned m = 0; m < 1u << n; m++)
                hist[m] += lane[l] >> 8 * m & 0xff;
    }
#else
    VCOUNT g0 = C_ZERO, g1 = C_ZERO, g01 = C_ZERO, g2 = C_ZERO, g02 = C_ZERO, g12 = C_ZERO, g012 = C_ZERO;
    for (; v + ROW_LANES <= to; v += ROW_LANES) {
        VMASK f0 = ROW_FAILS(z0, p0, t0, b0, v), f1 = ROW_FAILS(z1, p1, t1, b1, v), f01 = M_AND(f0, f1);
        g0 = C_COUNT(g0, f0);
        g1 = C_COUNT(g1, f1);
        g01 = C_COUNT(g01, f01);
        if (n == 3) {
            VMASK f2 = ROW_FAILS(z2, p2, t2, b2, v);
            g2 = C_COUNT(g2, f2);
            g02 = C_COUNT(g02, M_AND(f0, f2));
            g12 = C_COUNT(g12, M_AND(f1, f2));
            g012 = C_COUNT(g012, M_AND(f01, f2));
        }
    }
    /* g[S]: vector lanes failing every party in S (bit k: party k); then h[m] = sum over S containing m of
       (-1)^|S - m| g[S] */
    uint64_t g[8] = {v - from, C_SUM(g0), C_SUM(g1), C_SUM(g01), C_SUM(g2), C_SUM(g02), C_SUM(g12), C_SUM(g012)};
    for (unsigned k = 0; k < n; k++)
        for (unsigned m = 0; m < 1u << n; m++)
            if (!(m >> k & 1))
                g[m] -= g[m | 1u << k];
    for (unsigned m = 0; m < 1u << n; m++)
        hist[m] += g[m];
#endif
    tally_lanes(job, w, pre, v, to, n, quantized);
    w->feasible += v - from;
}

/* Lanes of (q0, q1, q2) that one of four kept points dominates: the first two of the frontier's list and the
   last two (a point once kept is only replaced by points that dominate it, so such a lane is never kept). */
ROW_FN unsigned ROW_NAME(kept_dominate)(const frontier *f, VEC q0, VEC q1, VEC q2, unsigned ok)
{
    unsigned rejected = 0;
    for (size_t i = 0; i < 4 && i < f->count && (ok & ~rejected); i++) {
        const double *d = &f->u[(i < 2 ? i : f->count + 1 - i) * 3];
        VEC d0 = V_SET1(d[0]), d1 = V_SET1(d[1]), d2 = V_SET1(d[2]);
        VMASK ge = M_AND(M_AND(V_GE(d0, q0), V_GE(d1, q1)), V_GE(d2, q2));
        VMASK gt = M_OR(M_OR(V_GT(d0, q0), V_GT(d1, q1)), V_GT(d2, q2));
        rejected |= M_BITS(M_AND(ge, gt));
    }
    return rejected;
}

/* Offers the acceptable outcomes v in [from, to) of the row to the frontier in outcome order, dropping first
   the lanes a quick check proves dominated (2 parties: the rejection table, which only grows during a scan). */
ROW_FN void ROW_NAME(offer_row)(const struct job *job, struct worker *w, const double *pre, uint32_t from,
                                uint32_t to, uint64_t index, const size_t n)
{
    const size_t issues = job->issues, last = issues - 1;
    const double *t0 = job->tables[last], *t1 = job->tables[issues + last];
    const double *t2 = n == 3 ? job->tables[2 * issues + last] : t0;
    const double *r = job->reservation;
    const VEC p0 = V_SET1(pre[0]), p1 = V_SET1(pre[1]), p2 = V_SET1(n == 3 ? pre[2] : 0);
    const VEC r0 = V_SET1(r[0]), r1 = V_SET1(r[1]), r2 = V_SET1(n == 3 ? r[2] : 0);
    frontier *f = &w->frontier;
    _Alignas(64) double u[3][ROW_LANES];
    uint32_t v = from;
    for (; v + ROW_LANES <= to; v += ROW_LANES) {
        VEC q0 = ROW_QUANTIZED(p0, t0, v), q1 = ROW_QUANTIZED(p1, t1, v), q2 = q0;
        VMASK fails = M_OR(V_LT(q0, r0), V_LT(q1, r1));
        if (n == 3) {
            q2 = ROW_QUANTIZED(p2, t2, v);
            fails = M_OR(fails, V_LT(q2, r2));
        }
        unsigned ok = ~M_BITS(fails) & ROW_ALL;
        if (ok && n == 2 && f->reject)
            ok &= ~ROW_REJECT_2D(f->reject, q0, q1);
        if (ok && n == 3)
            ok &= ~ROW_NAME(kept_dominate)(f, q0, q1, q2, ok);
        if (!ok)
            continue;
        V_STORE(u[0], q0);
        V_STORE(u[1], q1);
        V_STORE(u[2], q2);
        while (ok) {
            unsigned l = (unsigned)__builtin_ctz(ok);
            ok &= ok - 1;
            double point[3] = {u[0][l], u[1][l], u[2][l]};
            offer_point(w, point, index + (v - from) + l, n);
        }
    }
    for (; v < to; v++)
        offer_lane(job, w, pre, v, index + (v - from), n);
}

/* The row: the histogram over every lane, then the frontier: nothing in a dominated row, only the candidate
   lanes in a full row where they apply (scan_lanes.c), else every acceptable lane. */
ROW_FN void ROW_NAME(row)(const struct job *job, struct worker *w, const double *pre, uint32_t from, uint32_t to,
                          uint64_t index, int dominated, const size_t n)
{
    const struct scan_lanes *l = &w->lanes;
    if (l->ready)
        ROW_NAME(tally)(job, w, pre, from, to, n, 0);
    else
        ROW_NAME(tally)(job, w, pre, from, to, n, 1);
    if (dominated)
        return;
    if (l->candidates && from == 0 && to == l->width && scan_lanes_row_safe(l, pre, n))
        for (size_t i = 0; i < l->candidate_count; i++)
            offer_lane(job, w, pre, l->candidates[i], index + l->candidates[i], n);
    else
        ROW_NAME(offer_row)(job, w, pre, from, to, index, n);
}

/* Not static: test_kill15_analysis_simd checks which one scan_row_function_on picks (scan.h). */
__attribute__((target(ROW_ISA))) void ROW_NAME(scan_row_2d)(const struct job *job, struct worker *w,
                                                             const double *pre, uint32_t from, uint32_t to,
                                                             uint64_t index, int dominated)
{
    ROW_NAME(row)(job, w, pre, from, to, index, dominated, 2);
}

__attribute__((target(ROW_ISA))) void ROW_NAME(scan_row_3d)(const struct job *job, struct worker *w,
                                                             const double *pre, uint32_t from, uint32_t to,
                                                             uint64_t index, int dominated)
{
    ROW_NAME(row)(job, w, pre, from, to, index, dominated, 3);
}

/* the next instruction set defines its own */
#undef ROW_FN
#undef ROW_ALL
#undef ROW_QUANTIZED
#undef ROW_ISA
#undef ROW_NAME
#undef ROW_LANES
#undef VEC
#undef VMASK
#undef VCOUNT
#undef V_SET1
#undef V_LOAD
#undef V_STORE
#undef V_ADD
#undef V_SUB
#undef V_MIN
#undef V_LT
#undef V_GE
#undef V_GT
#undef M_AND
#undef M_OR
#undef M_BITS
#undef C_SET1
#undef C_ZERO
#undef C_ADD
#undef C_SHIFT
#undef C_STORE
#undef C_BITS
#undef C_OR_BITS
#undef ROW_CHUNK
#undef ROW_FAILS
#undef ROW_FIELDS
#undef C_COUNT
#undef C_SUM
#undef ROW_REJECT_2D

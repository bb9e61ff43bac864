/*
 * frontier_nd.h: the Pareto frontier of three or more parties, kept by
 * distinct utility vector.
 *
 * The outcomes stay in the frontier's own arrays (u, index: every outcome,
 * equal vectors included, as frontier.h promises) but dominance is decided on
 * the distinct vectors only, each with an id stored beside its outcomes.  A
 * negotiation whose outcomes share few utility vectors (ANAC 2016 AgentHp2:
 * 924,385 Pareto-optimal outcomes, 589 distinct vectors) then costs a scan of
 * hundreds per offer instead of a scan of the whole frontier.  Outcomes whose
 * vector gets dominated are removed in batches (when they outnumber the live
 * ones, and before sorting).  Used by frontier.c for parties > 2.
 */
#ifndef PARLEY_ANALYSIS_FRONTIER_ND_H
#define PARLEY_ANALYSIS_FRONTIER_ND_H

#include "analysis/frontier.h"

/* Offers a point (see frontier_offer).  Returns 1 when kept, 0 when not, -1 when the index could not be set up. */
int frontier_nd_offer(frontier *f, const double *u, uint64_t index);
/* 1 when some kept vector dominates u. */
int frontier_nd_dominated(const frontier *f, const double *u);
/* The live vector at the front of the list (the last one that dominated an offer or a check), or NULL. */
const double *frontier_nd_front(const frontier *f);
/* Removes the outcomes whose vector has been dominated (so f->count, f->u, f->index hold the frontier). */
void frontier_nd_compact(frontier *f);
void frontier_nd_free(frontier *f);

/* 8 live vectors of 3 parties (24 values from `block`) against p with AVX-512 or AVX2 (frontier_block.c): bit i
   of the result: vector i dominates p; of *below: p dominates it. */
#if defined(__x86_64__)
unsigned frontier_block_3d_avx512(const double *block, const double *p, unsigned *below);
unsigned frontier_block_3d_avx2(const double *block, const double *p, unsigned *below);
/* The AVX-512 scan's index tables: lane i of party k takes lane first[k][i] of the first two loads
   (_mm512_permutex2var_pd: bit 3 picks the second load), then lane second[k][i] of that and the third load. */
extern const long long frontier_block_first_index[3][8], frontier_block_second_index[3][8];
#endif

#endif

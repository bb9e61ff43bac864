/*
 * anac_ponpoko.c: PonPokoAgent (Takaki Matsune; ANAC 2017 winner, GENIUS
 * agents.anac.y2017.ponpokoagent.PonPokoAgent).  At the start it draws 30,000
 * random packages and then one of five concession patterns, both from its
 * `rand`, which GENIUS seeds with the session seed + its party number (so the
 * port replays those draws with java.util.Random: same seed, same packages,
 * same pattern).  Each pattern gives two absolute thresholds low(t) <= high(t)
 * (below).  It accepts an offer worth more than low(t) and otherwise offers a
 * package drawn at random among the drawn ones worth low .. high, lowering low
 * by 0.0001 until there is one.  Parameter pattern = 0..4 fixes the pattern
 * (default -1: drawn as the original draws it).
 */
#include "agents/agent_common.h"
#include "agents/anac_java_random.h"
#include "agents/anac_winners.h"
#include "agents/builtin.h"
#include "core/sorted_search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PONPOKO_PATTERNS 5
#define PONPOKO_RANDOM_BIDS 30000 /* AgentTool.generateRandomBids(domain, 30000, rand, ...) */
#define PONPOKO_STEP 0.0001       /* how far low drops while no package is in [low, high] */

struct ponpoko_bid {
    double utility;
    uint64_t code;  /* parley_space_encode of the package */
    uint64_t order; /* where Java's HashSet iterates it: bucket, then first insertion (ties in utility) */
};

struct ponpoko {
    struct boa_track tr;
    int pattern;
    struct ponpoko_bid *bids; /* the distinct random packages, ascending utility */
    size_t bid_count;
    java_random pick; /* AgentTool's static new Random(): which package of the band it offers */
};

/* The thresholds of pattern p at time t (PonPokoAgent.chooseAction). */
void ponpoko_thresholds(int pattern, double t, double *low, double *high)
{
    double s40 = fabs(sin(40 * t)), s20 = fabs(sin(20 * t));
    switch (pattern) {
    case 0:
        *high = 1 - 0.1 * t;
        *low = 1 - 0.1 * t - 0.1 * s40;
        break;
    case 1:
        *high = 1;
        *low = 1 - 0.22 * t;
        break;
    case 2:
        *high = 1 - 0.1 * t;
        *low = 1 - 0.1 * t - 0.15 * s20;
        break;
    case 3:
        *high = 1 - 0.05 * t;
        *low = t > 0.99 ? 1 - 0.3 * t : 1 - 0.1 * t;
        break;
    default:
        *high = 1 - 0.15 * t * s20;
        *low = 1 - 0.21 * t * s20;
        break;
    }
}

/* It accepts an offer worth strictly more than its lower threshold. */
int ponpoko_accepts(int pattern, double t, double offered)
{
    double low, high;
    ponpoko_thresholds(pattern, t, &low, &high);
    return offered > low;
}

static int bid_by_code(const void *a, const void *b)
{
    const struct ponpoko_bid *x = a, *y = b;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order); /* the first drawn first */
}

/* Ascending utility; equal utilities in the reverse of the HashSet's order, so that read from the top down the list
   is the original's (Collections.sort, stable, of the set's iteration order, best first). */
static int bid_by_utility(const void *a, const void *b)
{
    const struct ponpoko_bid *x = a, *y = b;
    if (x->utility != y->utility)
        return x->utility < y->utility ? -1 : 1;
    return (x->order < y->order) - (x->order > y->order);
}

/* The bucket of a package in a java.util.HashSet of `capacity` buckets: Bid.hashCode is the sum of its values'
   String.hashCode, spread by HashMap.hash (h ^ h >>> 16). */
static uint64_t java_bucket(const parley_space *space, const uint32_t *values, size_t issues, uint32_t capacity)
{
    (void)issues;
    uint32_t h = (uint32_t)java_bid_hash(space, values);
    return (h ^ (h >> 16)) & (capacity - 1);
}

/* PonPokoAgent.init: 30,000 packages from Domain.getRandomBid(rand) (one nextDouble per issue, in the domain's
   order: value floor(u * count)), kept once each (a HashSet) and sorted by utility; then pattern =
   rand.nextInt(5) unless fixed.  rand = new Random(seed + party), as AbstractNegotiationParty.init makes it. */
static int ponpoko_draw(struct ponpoko *p, parley_agent_view *v, int fixed_pattern, uint64_t opponent_generators,
                        parley_error *err)
{
    const parley_space *space = parley_view_space(v);
    size_t issues = parley_space_issue_count(space);
    uint32_t *values = calloc(issues ? issues : 1, sizeof *values);
    p->bids = malloc(PONPOKO_RANDOM_BIDS * sizeof *p->bids);
    if (!values || !p->bids) {
        free(values);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    java_random rand;
    java_random_init(&rand, (int64_t)(parley_view_seed(v) + parley_view_party(v)));
    for (size_t i = 0; i < PONPOKO_RANDOM_BIDS; i++) {
        for (size_t k = 0; k < issues; k++) {
            uint32_t n = parley_issue_value_count(space, k);
            uint32_t pick = (uint32_t)(java_random_next_double(&rand) * n);
            values[k] = pick < n ? pick : n - 1;
        }
        p->bids[i].code = parley_space_encode(space, values);
        p->bids[i].order = i;
    }
    qsort(p->bids, PONPOKO_RANDOM_BIDS, sizeof *p->bids, bid_by_code);
    size_t distinct = 0;
    for (size_t i = 0; i < PONPOKO_RANDOM_BIDS; i++)
        if (distinct == 0 || p->bids[distinct - 1].code != p->bids[i].code)
            p->bids[distinct++] = p->bids[i];
    uint32_t capacity = 16; /* HashSet's table: doubled while more than 3/4 full */
    while (distinct > capacity / 4 * 3)
        capacity *= 2;
    for (size_t i = 0; i < distinct; i++) {
        parley_space_decode(space, p->bids[i].code, values);
        p->bids[i].utility = parley_view_eval(v, values);
        p->bids[i].order = java_bucket(space, values, issues, capacity) << 32 | p->bids[i].order;
    }
    qsort(p->bids, distinct, sizeof *p->bids, bid_by_utility);
    p->bid_count = distinct;
    p->pattern = fixed_pattern >= 0 ? fixed_pattern : java_random_next_int(&rand, PONPOKO_PATTERNS);
    /* AgentTool's static new Random(), made at its start: its first generator (anac_java_random.h) */
    java_random_init_harness(&p->pick, v, java_random_harness_number(v, opponent_generators, 1, 0));
    free(values);
    return PARLEY_OK;
}

static int ponpoko_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    static const char *const keys[] = {"pattern", "opponent_generators", NULL};
    double pattern, opponent_generators;
    int rc = parley_agent_params_check("ponpoko", params, keys, err);
    if (rc || (rc = parley_agent_param_double("ponpoko", params, "pattern", -1, &pattern, err)) ||
        (rc = parley_agent_param_double("ponpoko", params, "opponent_generators", 0, &opponent_generators, err)))
        return rc;
    if (!(opponent_generators >= 0 && opponent_generators <= 1e6 && opponent_generators == floor(opponent_generators)))
        return parley_error_set(err, PARLEY_EINVAL, "agent ponpoko: opponent_generators=%g (expected a count)",
                                opponent_generators);
    if (pattern != -1 && (pattern < 0 || pattern >= PONPOKO_PATTERNS || pattern != floor(pattern)))
        return parley_error_set(err, PARLEY_EINVAL, "agent ponpoko: pattern=%g (expected 0..4, or -1 for random)",
                                pattern);
    struct ponpoko *p = calloc(1, sizeof *p);
    if (!p)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    if ((rc = boa_track_init(&p->tr, v, "none", err))) {
        free(p);
        return rc;
    }
    if ((rc = ponpoko_draw(p, v, (int)pattern, (uint64_t)opponent_generators, err))) {
        boa_track_free(&p->tr);
        free(p->bids);
        free(p);
        return rc;
    }
    *state = p;
    return PARLEY_OK;
}

static void ponpoko_destroy(void *state)
{
    struct ponpoko *p = state;
    if (p) {
        boa_track_free(&p->tr);
        free(p->bids);
    }
    free(p);
}

/* Index of the first drawn package worth at least u (bid_count when none). */
static size_t ponpoko_rank(const struct ponpoko *p, double u)
{
    return parley_first_at_least(p->bids, p->bid_count, sizeof *p->bids, offsetof(struct ponpoko_bid, utility), u);
}

/* AgentTool.selectBidfromList with the lowering loop: a drawn package worth low .. high at random (nextInt over
   them, best first as the original's list is sorted), low dropping by 0.0001 until one is; its utility (the
   original loops for ever when none is worth high or less: the worst).  Packages of equal utility may be listed
   in another order than the original's HashSet gives them: the same utility, perhaps another package. */
static double ponpoko_pick(struct ponpoko *p, const parley_agent_view *v, double low, double high, uint32_t *out)
{
    size_t end = ponpoko_rank(p, nextafter(high, INFINITY));
    if (end == 0)
        end = 1;
    double top = p->bids[end - 1].utility;
    while (low > top)
        low -= PONPOKO_STEP;
    size_t start = ponpoko_rank(p, low);
    if (start >= end)
        start = end - 1;
    size_t pick = end - 1 - (size_t)java_random_next_int(&p->pick, (int32_t)(end - start));
    parley_space_decode(parley_view_space(v), p->bids[pick].code, out);
    return p->bids[pick].utility;
}

static int ponpoko_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct ponpoko *p = state;
    int rc = boa_track_update(&p->tr, v);
    if (rc)
        return rc;
    double low, high;
    ponpoko_thresholds(p->pattern, parley_view_time(v), &low, &high);
    const uint32_t *standing = boa_acceptable_offer(v);
    int accept = standing && ponpoko_accepts(p->pattern, parley_view_time(v), parley_view_eval(v, standing));
    double bid_u = -1; /* drawn only when it offers, as the original draws only then */
    if (request == PARLEY_REQUEST_PROPOSE && !accept && p->bid_count)
        bid_u = ponpoko_pick(p, v, low, high, act->outcome);
    return winners_finish(&p->tr, v, request, accept, bid_u, low, act);
}

AGENT_KEEP_WITHIN(ponpoko_act, ponpoko_act_raw)

const parley_agent_vtable agent_ponpoko = {PARLEY_AGENT_ABI, "ponpoko",
                                           "PonPokoAgent (ANAC 2017): one of five oscillating threshold patterns, "
                                           "random bids between them",
                                           ponpoko_create, ponpoko_destroy, ponpoko_act};

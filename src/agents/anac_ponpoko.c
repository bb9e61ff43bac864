/*
 * anac_ponpoko.c: PonPokoAgent (Takaki Matsune; ANAC 2017 winner, GENIUS
 * agents.anac.y2017.ponpokoagent.PonPokoAgent).  At the start it draws one of
 * five concession patterns; each gives two absolute thresholds low(t) <= high(t)
 * (below).  It accepts an offer worth more than low(t) and otherwise offers a
 * package drawn at random among those worth low .. high, lowering low by
 * 0.0001 until there is one.  Parameter pattern = 0..4 fixes the pattern
 * (default -1: drawn at random, as the original does).
 */
#include "agents/anac_winners.h"
#include "agents/builtin.h"

#include <math.h>
#include <stdlib.h>

#define PONPOKO_PATTERNS 5
#define PONPOKO_STEP 0.0001 /* how far low drops while no package is in [low, high] */

struct ponpoko {
    struct boa_track tr;
    int pattern;
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

static int ponpoko_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    static const char *const keys[] = {"pattern", NULL};
    double pattern;
    int rc = parley_agent_params_check("ponpoko", params, keys, err);
    if (rc || (rc = parley_agent_param_double("ponpoko", params, "pattern", -1, &pattern, err)))
        return rc;
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
    p->pattern = pattern >= 0 ? (int)pattern : (int)(parley_view_random(v) * PONPOKO_PATTERNS) % PONPOKO_PATTERNS;
    *state = p;
    return PARLEY_OK;
}

static void ponpoko_destroy(void *state)
{
    struct ponpoko *p = state;
    if (p)
        boa_track_free(&p->tr);
    free(p);
}

static int ponpoko_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct ponpoko *p = state;
    int rc = boa_track_update(&p->tr, v);
    if (rc)
        return rc;
    double low, high;
    ponpoko_thresholds(p->pattern, parley_view_time(v), &low, &high);
    const uint32_t *standing = boa_acceptable_offer(v);
    int accept = standing && ponpoko_accepts(p->pattern, parley_view_time(v), parley_view_eval(v, standing));
    size_t start, end, count = parley_view_outcome_count(v);
    double bid_u = -1;
    if (count > 0) {
        if (winners_band(v, low, high, &start, &end) == 0) {
            /* Lower low in steps of 0.0001 until it reaches the best package worth at most high. */
            size_t below = parley_view_outcome_rank(v, high + 1e-12);
            if (below == 0) {
                start = 0;
                end = 1; /* nothing is worth high or less: its worst package (the original loops for ever) */
            } else {
                double top = parley_view_outcome_ranked(v, below - 1, act->outcome);
                double steps = ceil((low - top) / PONPOKO_STEP - 1e-9);
                winners_band(v, low - steps * PONPOKO_STEP, high, &start, &end);
                if (end <= start) {
                    start = below - 1;
                    end = below;
                }
            }
        }
        size_t pick = start + (size_t)(parley_view_random(v) * (double)(end - start));
        bid_u = parley_view_outcome_ranked(v, pick < end ? pick : end - 1, act->outcome);
    }
    return winners_finish(&p->tr, v, request, accept, bid_u, low, act);
}

const parley_agent_vtable agent_ponpoko = {PARLEY_AGENT_ABI, "ponpoko",
                                           "PonPokoAgent (ANAC 2017): one of five oscillating threshold patterns, "
                                           "random bids between them",
                                           ponpoko_create, ponpoko_destroy, ponpoko_act};

/*
 * boa_components.c: the bidding ("B") and acceptance ("A") components of BOA.
 *   Bidding: "time" (Faratin, Sierra and Jennings 1998), "tft" (the
 *   NiceTitForTat rule of Baarslag, Hindriks and Jonker 2013, in own utility).
 *   Acceptance: AC_next, AC_const, AC_time, AC_prev and AC_combi(T, MAX^W) of
 *   Baarslag, Hindriks and Jonker (2014), "Effective acceptance conditions";
 *   AC_const and AC_time accept strictly above their constant, as GENIUS's.
 *   The time bidding picks its bid as GENIUS's TimeDependent_Offering does
 *   (parley_agent_pick_bid_genius) unless a fixed window is given.
 */
#include "agents/boa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum accept_kind { AC_NEXT, AC_CONST, AC_TIME, AC_PREV, AC_COMBI };

struct parley_acceptance {
    enum accept_kind kind;
    double a, b, c, t;
};

int parley_acceptance_new(const char *name, const char *params, parley_acceptance **out, parley_error *err)
{
    static const char *const names[] = {"next", "const", "time", "prev", "combi"};
    static const double t_default[] = {0, 0, 0.99, 0, 0.98};
    *out = NULL;
    size_t kind = 0;
    while (kind < 5 && strcmp(names[kind], name) != 0)
        kind++;
    if (kind == 5)
        return parley_error_set(err, PARLEY_EINVAL, "unknown acceptance strategy '%s' (expected next, const, time, "
                                "prev or combi)", name);
    parley_acceptance *a = calloc(1, sizeof *a);
    if (!a)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    a->kind = (enum accept_kind)kind;
    int rc;
    if ((rc = parley_agent_param_double("boa", params, "a", 1, &a->a, err)) ||
        (rc = parley_agent_param_double("boa", params, "b", 0, &a->b, err)) ||
        (rc = parley_agent_param_double("boa", params, "c", 0.9, &a->c, err)) ||
        (rc = parley_agent_param_double("boa", params, "t", t_default[kind], &a->t, err))) {
        free(a);
        return rc;
    }
    if (a->t < 0 || a->t > 1 || a->c < 0 || a->c > 1 || a->a <= 0) {
        free(a);
        return parley_error_set(err, PARLEY_EINVAL, "acceptance %s: t and c must be in [0,1] and a > 0", name);
    }
    *out = a;
    return PARLEY_OK;
}

void parley_acceptance_free(parley_acceptance *a)
{
    free(a);
}

/* MAX^W: the best offer received in the last W = 1 - t of time (the remaining time). */
static double max_window(const parley_acceptance_input *in)
{
    double from = in->time - (1 - in->time), best = -INFINITY;
    for (size_t i = in->received; i-- > 0 && in->received_time[i] >= from - 1e-12;)
        best = in->received_utility[i] > best ? in->received_utility[i] : best;
    return best;
}

int parley_acceptance_decide(const parley_acceptance *a, const parley_acceptance_input *in)
{
    const double eps = 1e-12;
    switch (a->kind) {
    case AC_NEXT:
        return a->a * in->offered + a->b >= in->next_bid - eps;
    case AC_CONST: /* GENIUS's AC_Const and AC_Time: strictly above */
        return in->offered > a->c;
    case AC_TIME:
        return in->time > a->t;
    case AC_PREV:
        return !isnan(in->last_bid) && a->a * in->offered + a->b >= in->last_bid - eps;
    case AC_COMBI:
        if (in->offered >= in->next_bid - eps)
            return 1;
        return in->time >= a->t - eps && in->offered >= max_window(in) - eps;
    }
    return 0;
}

enum bid_kind { BID_TIME, BID_TFT };

struct parley_bidding {
    enum bid_kind kind;
    double e, k, window;
};

int parley_bidding_new(const char *name, const char *params, parley_bidding **out, parley_error *err)
{
    *out = NULL;
    enum bid_kind kind;
    if (strcmp(name, "time") == 0)
        kind = BID_TIME;
    else if (strcmp(name, "tft") == 0)
        kind = BID_TFT;
    else
        return parley_error_set(err, PARLEY_EINVAL, "unknown bidding strategy '%s' (expected time or tft)", name);
    parley_bidding *b = calloc(1, sizeof *b);
    if (!b)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    b->kind = kind;
    int rc;
    if ((rc = parley_agent_param_double("boa", params, "e", 0.2, &b->e, err)) ||
        (rc = parley_agent_param_double("boa", params, "k", 0, &b->k, err)) ||
        (rc = parley_agent_param_double("boa", params, "window", kind == BID_TIME ? PARLEY_WINDOW_GENIUS : 0.02,
                                        &b->window, err))) {
        free(b);
        return rc;
    }
    int genius_window = kind == BID_TIME && b->window == PARLEY_WINDOW_GENIUS;
    if (b->e < 0 || b->e > 1000 || b->k < 0 || b->k > 1 || (!genius_window && (b->window < 0 || b->window > 1))) {
        free(b);
        return parley_error_set(err, PARLEY_EINVAL, "bidding %s: e must be in [0,1000], k and window in [0,1]", name);
    }
    *out = b;
    return PARLEY_OK;
}

void parley_bidding_free(parley_bidding *b)
{
    free(b);
}

int parley_bidding_uses_nash(const parley_bidding *b)
{
    return b->kind == BID_TFT;
}

double parley_bidding_window(const parley_bidding *b)
{
    return b->window;
}

/*
 * NiceTitForTat: the opponent's concession is how far its best offer so far
 * moved from its first towards the Nash package, in the agent's own utility;
 * the agent concedes the same fraction of its way from its best package to the
 * Nash package.  Without an estimate of the Nash package, halfway to the floor.
 */
static double tft_target(const parley_bidding_input *in)
{
    if (in->received == 0)
        return in->best;
    double nash = isnan(in->nash) ? (in->best + in->floor) / 2 : in->nash;
    double first = in->received_utility[0], best_seen = first;
    for (size_t i = 1; i < in->received; i++)
        best_seen = in->received_utility[i] > best_seen ? in->received_utility[i] : best_seen;
    double way = nash - first, fraction = way > 1e-9 ? (best_seen - first) / way : 0;
    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    double target = in->best - fraction * (in->best - nash);
    return target < in->floor ? in->floor : target;
}

double parley_bidding_target(const parley_bidding *b, const parley_bidding_input *in)
{
    if (b->kind == BID_TFT)
        return tft_target(in);
    return agent_td_target(in->time, b->e, b->k, in->floor, in->best);
}

/*
 * anac_agent_gg.c: AgentGG (Shaobo Xu; ANAC 2019 winner; GENIUS 10.4
 * agents.anac.y2019.agentgg.AgentGG with ImpMap and impUnit), under preference
 * uncertainty as in ANAC 2019.  docs/agents.md gives its source and what
 * differs from the original.
 *
 * Its utility function serves only to rank, at the start, `ranking` of its
 * packages (all by default; otherwise its worst and best and others drawn at
 * random, as GENIUS's user model); from that ranking it scores every value by the
 * mean position of the ranked bids that hold it (its importance map).  Bids are
 * judged by their importance ratio (importance - min) / (max - min).  The
 * opponent's map counts the values of its offers until t = 0.3.
 *   - first move: its most important package;
 *   - accepts an offer whose ratio reaches the threshold of its previous move,
 *     or, from t = 0.9989, one above its reservation ratio + 0.2;
 *   - the estimated Nash ratio N = (1 - m) / 1.7 + m, m the best ratio among
 *     the opponent's offers received in the 0.003 of time after its first;
 *   - threshold schedule: agentgg_threshold (anac_agent_gg.h);
 *   - bids: up to three tries of 2 |outcomes| random packages (at most
 *     MAX_DRAWS); before t = 0.2 the first one whose ratio is in [threshold,
 *     threshold + 0.1], afterwards the one there the opponent's map values
 *     most; failing that, a random package above the threshold.
 */
#include "agents/anac_agent_gg.h"
#include "agents/anac_java_random.h"

#include "agents/agent_common.h"
#include "agents/builtin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NASH_WINDOW 0.003     /* time over which the opponent's early offers are watched */
#define OPPONENT_UNTIL 0.3    /* the opponent's map learns until then */
#define RANDOM_UNTIL 0.2      /* before then any bid in the window will do */
#define LAST_CALL 0.9989      /* from then, accept above the reservation ratio + 0.2 */
#define MAX_DRAWS 100000      /* random packages per try, at most (the original: 2 x outcomes, no limit) */

void agentgg_map_add(double *weight_sum, double *count, const size_t *off, size_t issues, const uint32_t *bid,
                     double position)
{
    for (size_t i = 0; i < issues; i++) {
        weight_sum[off[i] + bid[i]] += position;
        count[off[i] + bid[i]] += 1;
    }
}

void agentgg_map_finish(double *weight_sum, const double *count, const size_t *off, size_t issues)
{
    double lowest = INFINITY;
    for (size_t i = 0; i < issues; i++) {
        double issue_low = INFINITY;
        for (size_t j = off[i]; j < off[i + 1]; j++) {
            weight_sum[j] = count[j] > 0 ? weight_sum[j] / count[j] : 0;
            issue_low = weight_sum[j] < issue_low ? weight_sum[j] : issue_low;
        }
        lowest = issue_low < lowest ? issue_low : lowest;
    }
    for (size_t j = 0; j < off[issues] && isfinite(lowest); j++)
        weight_sum[j] -= lowest;
}

/* nash + c (1 - nash): a point between the Nash estimate (c = 0) and the best (c = 1). */
static double toward(double nash, double c)
{
    return nash + c * (1 - nash);
}

/* From `from` at t0 in a straight line to `to` at t1, at time t. */
static double line(double t, double t0, double t1, double from, double to)
{
    return from - (from - to) / (t1 - t0) * (t - t0);
}

double agentgg_threshold(double t, double nash, double reservation_ratio)
{
    double r = reservation_ratio, low;
    if (t < 0.01)
        return 0.9999;
    if (t < 0.02)
        return 0.99;
    if (t < 0.2)
        return 0.99 - 0.5 * (t - 0.02);
    if (t < 0.5)
        return line(t, 0.2, 0.5, 0.9, toward(nash, 0.3));
    if (t < 0.9)
        return line(t, 0.5, 0.9, toward(nash, 0.3), toward(nash, 0.15));
    if (t < 0.98)
        low = line(t, 0.9, 0.98, toward(nash, 0.15), toward(nash, 0.05)), r += 0.3;
    else if (t < 0.995)
        low = line(t, 0.98, 0.995, toward(nash, 0.05), nash), r += 0.25;
    else if (t < 0.999)
        low = line(t, 0.995, LAST_CALL, nash, toward(nash, -0.35)), r += 0.25;
    else
        low = toward(nash, -0.4), r += 0.2;
    return low > r ? low : r;
}

struct agentgg {
    const parley_space *space;
    size_t issues, *off;
    double *own, *opp;       /* importance maps: its own (from the ranking) and the opponent's (value counts) */
    double *scratch;         /* [values] counts while building its own map */
    uint32_t *max_bid, *bid; /* its most important package; a draw */
    double max_imp, min_imp, reservation_ratio;
    double lower;            /* threshold of its last move (1 before the first) */
    int offer_randomly;      /* until it first moves at 0.2 <= t < 0.5 */
    int window_open, nash_known;
    double window_start, best_early, nash;
    size_t draws;            /* random packages per try */
    java_random rand;        /* AbstractNegotiationParty's rand: new Random(session seed + party number) */
};

static double importance(const struct agentgg *g, const double *map, const uint32_t *bid)
{
    double sum = 0;
    for (size_t i = 0; i < g->issues; i++)
        sum += map[g->off[i] + bid[i]];
    return sum;
}

static double ratio(const struct agentgg *g, const uint32_t *bid)
{
    double range = g->max_imp - g->min_imp;
    return range > 0 ? (importance(g, g->own, bid) - g->min_imp) / range : 1;
}

static void agentgg_destroy(void *state)
{
    struct agentgg *g = state;
    if (!g)
        return;
    free(g->off);
    free(g->own);
    free(g->opp);
    free(g->scratch);
    free(g->max_bid);
    free(g->bid);
    free(g);
}

static int by_index(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

struct ranked_tie {
    int32_t hash;
    uint32_t pos;
};

/* GENIUS's ranking order among equal utilities: BidDetailsSorterUtility reversed, so BidDetails.hashCode (time -1,
   as OutcomeSpace makes them) descending. */
static int by_hash_descending(const void *a, const void *b)
{
    const struct ranked_tie *x = a, *y = b;
    return (x->hash < y->hash) - (x->hash > y->hash);
}

/* Reorders each run of equal utilities in pos[0..n) as GENIUS's ComparisonGenerator sorts them. */
static int order_ties(parley_agent_view *v, uint32_t *pos, size_t n, uint32_t *scratch)
{
    struct ranked_tie *run = NULL;
    for (size_t i = 0; i < n;) {
        double u = parley_view_outcome_ranked(v, pos[i], scratch);
        size_t j = i + 1;
        while (j < n && parley_view_outcome_ranked(v, pos[j], scratch) == u)
            j++;
        if (j - i > 1) {
            struct ranked_tie *grown = realloc(run, (j - i) * sizeof *run);
            if (!grown) {
                free(run);
                return PARLEY_ENOMEM;
            }
            run = grown;
            for (size_t r = i; r < j; r++) {
                parley_view_outcome_ranked(v, pos[r], scratch);
                run[r - i] = (struct ranked_tie){java_bid_details_hash_at(parley_view_space(v), scratch, u, -1), pos[r]};
            }
            qsort(run, j - i, sizeof *run, by_hash_descending);
            for (size_t r = i; r < j; r++)
                pos[r] = run[r - i].pos;
        }
        i = j;
    }
    free(run);
    return PARLEY_OK;
}

/*
 * The ranking it is given: positions in the view's ascending list of its
 * packages, worst first, equal utilities in GENIUS's order (order_ties).  All of
 * them when k is 0 or covers them; otherwise the worst, the best and k - 2
 * others drawn at random (as GENIUS's user model).
 */
static uint32_t *ranking_positions(parley_agent_view *v, size_t k, size_t *out_count, uint32_t *scratch)
{
    size_t count = parley_view_outcome_count(v);
    size_t n = k == 0 || k >= count ? count : k < 2 ? 2 : k;
    uint32_t *pos = malloc((count ? count : 1) * sizeof *pos);
    if (!pos)
        return NULL;
    for (size_t i = 0; i < count; i++)
        pos[i] = (uint32_t)i;
    if (n < count) { /* keep 0 and count - 1; draw n - 2 of the middle ones into pos[1 .. n-2] */
        for (size_t i = 1; i + 1 < n; i++) {
            size_t j = i + (size_t)(parley_view_random(v) * (double)(count - 1 - i));
            uint32_t keep = pos[i];
            pos[i] = pos[j < count - 1 ? j : count - 2];
            pos[j < count - 1 ? j : count - 2] = keep;
        }
        pos[n - 1] = (uint32_t)(count - 1);
        qsort(pos, n, sizeof *pos, by_index);
    }
    if (order_ties(v, pos, n, scratch)) {
        free(pos);
        return NULL;
    }
    *out_count = n;
    return pos;
}

/* Its own importance map from the ranking, its best and worst packages, and its reservation ratio. */
static int build_own_map(struct agentgg *g, parley_agent_view *v, size_t k)
{
    size_t n = 0, values = g->off[g->issues];
    uint32_t *pos = ranking_positions(v, k, &n, g->bid);
    if (!pos)
        return PARLEY_ENOMEM;
    memset(g->scratch, 0, values * sizeof *g->scratch);
    memset(g->own, 0, values * sizeof *g->own);
    for (size_t r = 0; r < n; r++) {
        parley_view_outcome_ranked(v, pos[r], g->bid);
        agentgg_map_add(g->own, g->scratch, g->off, g->issues, g->bid, (double)(r + 1));
    }
    agentgg_map_finish(g->own, g->scratch, g->off, g->issues);
    uint32_t *min_bid = g->bid;
    for (size_t i = 0; i < g->issues; i++) { /* first of the highest values, last of the lowest (a stable sort) */
        size_t top = g->off[i], bottom = g->off[i];
        for (size_t j = g->off[i]; j < g->off[i + 1]; j++) {
            top = g->own[j] > g->own[top] ? j : top;
            bottom = g->own[j] <= g->own[bottom] ? j : bottom;
        }
        g->max_bid[i] = (uint32_t)(top - g->off[i]);
        min_bid[i] = (uint32_t)(bottom - g->off[i]);
    }
    g->max_imp = importance(g, g->own, g->max_bid);
    g->min_imp = importance(g, g->own, min_bid);
    /* the median ranked bid's importance, counted as the original does (1-based positions) */
    size_t median = (n - 1) / 2, median2 = n % 2 == 0 ? median + 1 : 0;
    double med = 0;
    if (median >= 1) {
        parley_view_outcome_ranked(v, pos[median - 1], g->bid);
        med = importance(g, g->own, g->bid);
    }
    if (median2 >= 1) {
        parley_view_outcome_ranked(v, pos[median2 - 1], g->bid);
        med = (med + importance(g, g->own, g->bid)) / 2;
    }
    free(pos);
    double range = g->max_imp - g->min_imp;
    g->reservation_ratio = parley_view_reservation(v) * (range > 0 ? (med - g->min_imp) / range : 1) / 0.5;
    return PARLEY_OK;
}

static int agentgg_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    static const char *const keys[] = {"ranking", NULL};
    char text[32];
    int rc = parley_agent_params_check("agent-gg", params, keys, err);
    if (rc || (rc = parley_agent_param_string("agent-gg", params, "ranking", "all", text, sizeof text, err)))
        return rc;
    char *end = NULL;
    unsigned long long k = strcmp(text, "all") == 0 ? 0 : strtoull(text, &end, 10);
    if (strcmp(text, "all") != 0 && (!end || *end || text[0] == '-' || k < 2))
        return parley_error_set(err, PARLEY_EINVAL, "agent-gg: ranking=%s: expected 'all' or a number of bids >= 2",
                                text);
    if (parley_view_outcome_count(v) == 0)
        return parley_error_set(err, PARLEY_EINVAL, "agent-gg: no acceptable package to rank");
    struct agentgg *g = calloc(1, sizeof *g);
    if (!g)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    g->space = parley_view_space(v);
    g->issues = parley_space_issue_count(g->space);
    size_t n = g->issues ? g->issues : 1;
    if (!(g->off = malloc((n + 1) * sizeof *g->off)) || !(g->max_bid = malloc(n * sizeof *g->max_bid)) ||
        !(g->bid = malloc(n * sizeof *g->bid)))
        goto nomem;
    g->off[0] = 0;
    for (size_t i = 0; i < g->issues; i++)
        g->off[i + 1] = g->off[i] + parley_issue_value_count(g->space, i);
    size_t values = g->off[g->issues] ? g->off[g->issues] : 1;
    if (!(g->own = calloc(values, sizeof *g->own)) || !(g->opp = calloc(values, sizeof *g->opp)) ||
        !(g->scratch = calloc(values, sizeof *g->scratch)))
        goto nomem;
    if (build_own_map(g, v, (size_t)k) != PARLEY_OK)
        goto nomem;
    uint64_t size = 0;
    g->draws = parley_space_size_u64(g->space, &size) == PARLEY_OK && size < MAX_DRAWS / 2 ? 2 * (size_t)size
                                                                                            : MAX_DRAWS;
    g->lower = 1.0;
    g->offer_randomly = 1;
    java_random_init(&g->rand, (int64_t)(parley_view_seed(v) + parley_view_party(v)));
    *state = g;
    return PARLEY_OK;
nomem:
    agentgg_destroy(g);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

/* 1 when it may offer or accept the package: feasible and its red lines hold (it knows no utilities, so no
   check against its reservation value: the original has none either). */
static int allowed(parley_agent_view *v, const uint32_t *bid)
{
    return parley_view_feasible(v, bid) && parley_view_red_lines_hold(v, bid);
}

/* generateRandomBid: rand.nextInt(values) per issue, in the domain's order (the same draws as the original's). */
static void random_package(struct agentgg *g, uint32_t *out)
{
    for (size_t i = 0; i < g->issues; i++)
        out[i] = (uint32_t)java_random_next_int(&g->rand, (int32_t)parley_issue_value_count(g->space, i));
}

/* A random package whose ratio is in [lower, upper] (see the file comment); its most important one at worst. */
static void pick_bid(struct agentgg *g, parley_agent_view *v, double lower, double upper, uint32_t *out)
{
    double range = g->max_imp - g->min_imp;
    double low = lower * range + g->min_imp, high = upper * range + g->min_imp;
    for (int attempt = 0; attempt < 3; attempt++) {
        double most = 0;
        int found = 0;
        for (size_t d = 0; d < g->draws; d++) {
            random_package(g, g->bid);
            double imp = importance(g, g->own, g->bid);
            if (imp < low || imp > high || !allowed(v, g->bid))
                continue;
            if (g->offer_randomly) {
                memcpy(out, g->bid, g->issues * sizeof *out);
                return;
            }
            double theirs = importance(g, g->opp, g->bid);
            if (theirs > most) {
                most = theirs;
                memcpy(out, g->bid, g->issues * sizeof *out);
                found = 1;
            }
        }
        if (found)
            return;
    }
    for (size_t d = 0; d < 10 * g->draws; d++) {
        random_package(g, g->bid);
        if (importance(g, g->own, g->bid) >= low && allowed(v, g->bid)) {
            memcpy(out, g->bid, g->issues * sizeof *out);
            return;
        }
    }
    memcpy(out, g->max_bid, g->issues * sizeof *out);
}

/* The best ratio among the opponent's offers in the NASH_WINDOW after its first, then N = (1 - m) / 1.7 + m. */
static void watch_early_offers(struct agentgg *g, double t, const uint32_t *received)
{
    double imp = importance(g, g->own, received);
    if (imp > g->best_early)
        g->best_early = imp;
    if (!g->window_open) {
        g->window_open = 1;
        g->window_start = t;
    } else if (t - g->window_start > NASH_WINDOW) {
        double range = g->max_imp - g->min_imp;
        double m = range > 0 ? (g->best_early - g->min_imp) / range : 1;
        g->nash = (1 - m) / 1.7 + m;
        g->nash_known = 1;
    }
}

static int agentgg_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct agentgg *g = state;
    double t = parley_view_time(v);
    if (request != PARLEY_REQUEST_PROPOSE) { /* other protocols: its threshold as a share of its utility range */
        double best = parley_view_best_utility(v), worst = parley_view_worst_utility(v);
        double lower = agentgg_threshold(t, g->nash, g->reservation_ratio);
        return agent_act_target(v, request, worst + (lower < 1 ? lower : 1) * (best - worst), act);
    }
    long from = -1;
    const uint32_t *received = parley_view_standing_offer(v, &from);
    if (!received || from == (long)parley_view_party(v)) {
        memcpy(act->outcome, g->max_bid, g->issues * sizeof *act->outcome);
        act->kind = PARLEY_ACT_OFFER;
        return PARLEY_OK;
    }
    double mine = ratio(g, received);
    int acceptable = allowed(v, received);
    if (acceptable && mine >= g->lower) {
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    if (!g->nash_known)
        watch_early_offers(g, t, received);
    if (t < OPPONENT_UNTIL)
        for (size_t i = 0; i < g->issues; i++)
            g->opp[g->off[i] + received[i]] += 1;
    if (t >= RANDOM_UNTIL && t < 0.5)
        g->offer_randomly = 0;
    g->lower = agentgg_threshold(t, g->nash, g->reservation_ratio);
    if (t >= LAST_CALL && acceptable && mine > g->reservation_ratio + 0.2) {
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    pick_bid(g, v, g->lower, g->lower + 0.1, act->outcome);
    act->kind = PARLEY_ACT_OFFER;
    return PARLEY_OK;
}

double agentgg_reservation_ratio_of(const void *state)
{
    return ((const struct agentgg *)state)->reservation_ratio;
}

size_t agentgg_draws_of(const void *state)
{
    return ((const struct agentgg *)state)->draws;
}

AGENT_KEEP_WITHIN(agentgg_act, agentgg_act_raw)

const parley_agent_vtable agent_agent_gg = {
    PARLEY_AGENT_ABI, "agent-gg",
    "AgentGG (ANAC 2019): importance map from a ranking of its bids, piecewise-linear thresholds to the Nash estimate",
    agentgg_create, agentgg_destroy, agentgg_act};

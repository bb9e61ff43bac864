/*
 * anac_hardheaded.c: HardHeaded (van Krimpen, Looije, Hajizadeh; ANAC 2011
 * winner), after GENIUS's agents.anac.y2011.HardHeaded (KLH, BidSelector,
 * BidHistory).  Under alternating offers:
 *   - its bid list holds every package with a key of utility + d, d falling by
 *     1e-8 per package generated, issue after issue, as BidSelector builds it
 *     (so near ties are ordered as in the original);
 *   - the target p(t) is a Boulware curve (e = 0.05, Ka = 0.05) from its best
 *     package to the absolute floor 0.585 (the original ignores its reservation
 *     value), bent at the discount factor when that is below 0.9;
 *   - it steps down its list one package per turn; when the next is below the
 *     target it repeats one of its own earlier bids at random; it queues the
 *     packages within 0.01 below the step (above the target) and, when more than
 *     four, offers first the five its frequency model of the opponent rates
 *     best, held in a replica of the original's TreeMap (java_treemap.h): the
 *     original queues live map entries and the JDK's removals move other bids
 *     into them, so the queue can hold one bid two or three times; the
 *     opponent's best offer goes first when it beats the queue;
 *   - the model: issue weights start equal, issues the opponent left unchanged
 *     gain 0.2/n before normalisation (through GENIUS's own renormalisation of
 *     every weight set), and each value offered gains 1;
 *   - it accepts an offer worth more than its lowest bid so far, or at least as
 *     much as its next bid.
 * Its one random draw that matters (random100, the original's first
 * new Random()) replays java.util.Random with the seed GENIUS's reference
 * harness gives that generator (its first; parameter opponent_generators,
 * see anac_java_random.h).
 * Other protocols: agent_act_target with p(t) as the target.
 */
#include "agents/anac_hardheaded.h"

#include "agents/agent_common.h"
#include "agents/anac_java_random.h"
#include "agents/java_treemap.h"
#include "agents/builtin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HH_FLOOR 0.585          /* MINIMUM_BID_UTILITY, the floor of its concessions */
#define HH_KA 0.05              /* initial concession Ka */
#define HH_E 0.05               /* Boulware exponent e */
#define HH_LEARNING_COEF 0.2    /* LEARNING_COEF of its frequency model */
#define HH_WINDOW 0.01          /* UTILITY_TOLORANCE: the packages queued below a step */
#define HH_TOP 4                /* TOP_SELECTED_BIDS: above this many, the model picks five */
#define HH_KEY_STEP 0.00000001  /* BidSelector's offset between successive packages */
#define HH_ENUMERATE_MAX (1u << 19) /* larger spaces use the view's sorted (sampled) packages */
#define HH_QUEUE 8

struct hh_entry {
    double key, u;
    uint64_t id;
};

struct hardheaded {
    size_t issues, me;
    uint32_t *radix;          /* [issues] value counts */
    struct hh_entry *list;    /* ascending key */
    size_t n;
    uint32_t *pos_of;         /* [space size] position of package id in list, or NULL (sampled spaces) */
    uint32_t *scratch;        /* [issues] */
    double max_util, discount, lowest_yet;
    int first_round;
    size_t *my_bids, my_count, my_cap; /* positions of its own bids */
    size_t queue[HH_QUEUE], q_head, q_len;
    java_random random100;    /* which earlier bid it repeats below the target */
    /* the opponent */
    double *weight;           /* [issues] */
    double *count;            /* value counts, issue i's at count + offset[i] */
    size_t *offset;
    uint32_t *opp_last, *opp_prev;
    size_t opp_count, seen;
    size_t opp_best_pos;
    double opp_best_u;
};

static uint64_t id_of(const struct hardheaded *h, const uint32_t *values)
{
    uint64_t id = 0;
    for (size_t i = h->issues; i-- > 0;)
        id = id * h->radix[i] + values[i];
    return id;
}

static void values_of(const struct hardheaded *h, uint64_t id, uint32_t *values)
{
    for (size_t i = 0; i < h->issues; i++) {
        values[i] = (uint32_t)(id % h->radix[i]);
        id /= h->radix[i];
    }
}

static int by_key_then_order(const void *a, const void *b)
{
    const struct hh_entry *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->u < y->u ? -1 : x->u > y->u; /* u holds the generation order while building */
}

/* Sorts a level as a TreeMap<Double, Bid> holds it: ascending keys, the last put winning an equal key. */
static size_t tree_order(struct hh_entry *e, size_t n)
{
    qsort(e, n, sizeof *e, by_key_then_order);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && e[m - 1].key == e[i].key)
            m--;
        e[m++] = e[i];
    }
    return m;
}

/*
 * BidSelector: start from the package of every first value; for each issue in
 * turn, replace every package (ascending key) by its variants over the issue's
 * values, keyed utility + d, d = -1e-8, -2e-8, ... within the issue.
 */
static int build_enumerated(struct hardheaded *h, parley_agent_view *v, uint64_t size)
{
    struct hh_entry *cur = malloc(size * sizeof *cur), *next = malloc(size * sizeof *next);
    h->pos_of = malloc(size * sizeof *h->pos_of);
    if (!cur || !next || !h->pos_of) {
        free(cur);
        free(next);
        return PARLEY_ENOMEM;
    }
    memset(h->scratch, 0, h->issues * sizeof *h->scratch);
    size_t n = 1;
    cur[0].key = parley_view_eval(v, h->scratch);
    cur[0].id = 0;
    uint64_t stride = 1;
    for (size_t i = 0; i < h->issues; i++) {
        size_t m = 0;
        double d = -HH_KEY_STEP;
        for (size_t j = 0; j < n; j++)
            for (uint32_t value = 0; value < h->radix[i]; value++) {
                uint64_t id = cur[j].id + stride * value; /* issue i is 0 in every package of the level */
                values_of(h, id, h->scratch);
                next[m].key = parley_view_eval(v, h->scratch) + d;
                next[m].id = id;
                next[m].u = (double)m;
                m++;
                d = d - HH_KEY_STEP;
            }
        n = tree_order(next, m);
        struct hh_entry *swap = cur;
        cur = next;
        next = swap;
        stride *= h->radix[i];
    }
    free(next);
    size_t kept = 0;
    for (size_t j = 0; j < n; j++) { /* packages breaking a constraint or a red line are never offered */
        values_of(h, cur[j].id, h->scratch);
        if (!parley_view_feasible(v, h->scratch) || !parley_view_red_lines_hold(v, h->scratch))
            continue;
        cur[kept] = cur[j];
        cur[kept].u = parley_view_eval(v, h->scratch);
        kept++;
    }
    for (uint64_t id = 0; id < size; id++)
        h->pos_of[id] = UINT32_MAX;
    for (size_t j = 0; j < kept; j++)
        h->pos_of[cur[j].id] = (uint32_t)j;
    h->list = cur;
    h->n = kept;
    return PARLEY_OK;
}

/* Spaces too large to enumerate: the view's sorted (sampled) packages, keyed by utility. */
static int build_sampled(struct hardheaded *h, parley_agent_view *v)
{
    size_t n = parley_view_outcome_count(v);
    if (!(h->list = malloc((n ? n : 1) * sizeof *h->list)))
        return PARLEY_ENOMEM;
    for (size_t j = 0; j < n; j++) {
        h->list[j].u = h->list[j].key = parley_view_outcome_ranked(v, j, h->scratch);
        h->list[j].id = id_of(h, h->scratch);
    }
    h->n = n;
    return PARLEY_OK;
}

/* Position of a package in the list (sampled spaces: the first worth at least as much). */
static size_t position_of(const struct hardheaded *h, const uint32_t *values, double u)
{
    if (h->pos_of) {
        uint32_t p = h->pos_of[id_of(h, values)];
        if (p != UINT32_MAX)
            return p;
    }
    size_t lo = 0, hi = h->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->list[mid].u < u - 1e-12)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < h->n ? lo : h->n - 1;
}

static void hh_destroy(void *state)
{
    struct hardheaded *h = state;
    if (!h)
        return;
    free(h->radix);
    free(h->list);
    free(h->pos_of);
    free(h->scratch);
    free(h->my_bids);
    free(h->weight);
    free(h->count);
    free(h->offset);
    free(h->opp_last);
    free(h->opp_prev);
    free(h);
}

static int hh_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    uint64_t opponent_generators;
    int rc = java_random_harness_param("hardheaded", params, &opponent_generators, err);
    if (rc)
        return rc;
    const parley_space *space = parley_view_space(v);
    struct hardheaded *h = calloc(1, sizeof *h);
    size_t issues = parley_space_issue_count(space), values = 0;
    if (!h)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    h->issues = issues;
    java_random_init_harness(&h->random100, v, java_random_harness_number(v, opponent_generators, 1, 0));
    h->me = parley_view_party(v);
    h->radix = calloc(issues + 1, sizeof *h->radix);
    h->scratch = calloc(issues + 1, sizeof *h->scratch);
    h->weight = calloc(issues + 1, sizeof *h->weight);
    h->offset = calloc(issues + 1, sizeof *h->offset);
    h->opp_last = calloc(issues + 1, sizeof *h->opp_last);
    h->opp_prev = calloc(issues + 1, sizeof *h->opp_prev);
    if (!h->radix || !h->scratch || !h->weight || !h->offset || !h->opp_last || !h->opp_prev)
        goto nomem;
    for (size_t i = 0; i < issues; i++) {
        h->radix[i] = parley_issue_value_count(space, i);
        h->offset[i] = values;
        values += h->radix[i];
        h->weight[i] = 1.0 / (double)issues;
    }
    if (!(h->count = malloc((values ? values : 1) * sizeof *h->count)))
        goto nomem;
    for (size_t j = 0; j < values; j++)
        h->count[j] = 1;
    uint64_t size;
    if (parley_space_size_u64(space, &size) == PARLEY_OK && size <= HH_ENUMERATE_MAX)
        rc = build_enumerated(h, v, size);
    else
        rc = build_sampled(h, v);
    if (rc)
        goto nomem;
    double d = parley_utility_discount(parley_view_utility(v));
    h->discount = d > 0 && d <= 1 ? d : 1;
    h->max_util = h->n ? h->list[h->n - 1].u : 0;
    h->lowest_yet = 1;
    h->first_round = 1;
    h->opp_best_u = -1;
    *state = h;
    return PARLEY_OK;
nomem:
    hh_destroy(h);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

/* KLH.get_p: the target at time t. */
static double hh_target(const struct hardheaded *h, double t)
{
    double max = h->max_util, min = HH_FLOOR, step = h->discount;
    if (step >= 0.9) {
        double fa = HH_KA + (1 - HH_KA) * pow(t / step, 1 / HH_E);
        return min + (1 - fa) * (max - min);
    }
    if (t <= step) {
        double fa = HH_KA + (1 - HH_KA) * pow(t / step, step / HH_E);
        double low = min + fabs(max - min) * step;
        return low + (1 - fa) * (max - low);
    }
    double fa = HH_KA + (1 - HH_KA) * pow((t - step) / (1 - step), 1 / 30.0);
    double high = min + fabs(max - min) * step;
    return min + (1 - fa) * (high - min);
}

/* Sets weight i as GENIUS's AdditiveUtilitySpace.setWeight does: set, renormalise all, undo if off. */
static void set_weight(double *weight, size_t n, size_t i, double w)
{
    double old = weight[i], sum = 0;
    weight[i] = w;
    if (n == 1) {
        weight[i] = 1;
        return;
    }
    for (size_t j = 0; j < n; j++)
        sum += weight[j];
    double diff = sum - 1, corrected = sum + 0.05 * (double)n, check = 0;
    for (size_t j = 0; j < n; j++) {
        double nw = weight[j] - diff * (weight[j] + 0.05) / corrected;
        weight[j] = nw < 0 ? 0 : nw;
        check += weight[j];
    }
    if (!(check > 0.98 && check < 1.02))
        weight[i] = old;
}

void genius_learn_issue_weights(double *weight, size_t n, const uint32_t *last, const uint32_t *previous, double coef)
{
    size_t unchanged = 0;
    for (size_t i = 0; i < n; i++)
        unchanged += last[i] == previous[i];
    double golden = coef / (double)n, total = 1 + golden * (double)unchanged;
    double max_weight = 1 - (double)n * golden / total;
    for (size_t i = 0; i < n; i++) {
        if (last[i] == previous[i] && weight[i] < max_weight)
            set_weight(weight, n, i, (weight[i] + golden) / total);
        else
            set_weight(weight, n, i, weight[i] / total);
    }
}

void hardheaded_learn_weights(double *weight, size_t n, const uint32_t *last, const uint32_t *previous)
{
    genius_learn_issue_weights(weight, n, last, previous, HH_LEARNING_COEF);
}

/* KLH.updateLearner, after the opponent's second offer and every one after. */
static void learn(struct hardheaded *h)
{
    hardheaded_learn_weights(h->weight, h->issues, h->opp_last, h->opp_prev);
    for (size_t i = 0; i < h->issues; i++)
        h->count[h->offset[i] + h->opp_last[i]] += 1;
}

/* The model's estimate of the opponent's utility of list entry p. */
static double opponent_utility(struct hardheaded *h, size_t p)
{
    double u = 0;
    values_of(h, h->list[p].id, h->scratch);
    for (size_t i = 0; i < h->issues; i++) {
        const double *c = h->count + h->offset[i];
        double max = 0;
        for (uint32_t j = 0; j < h->radix[i]; j++)
            max = c[j] > max ? c[j] : max;
        u += h->weight[i] * (max < 0.00001 ? 0 : c[h->scratch[i]] / max);
    }
    return u;
}

/* KLH.ReceiveMessage for every offer of another party since the last move. */
static void receive(struct hardheaded *h, parley_agent_view *v)
{
    parley_event ev;
    for (; h->seen < parley_view_event_count(v); h->seen++) {
        parley_view_event(v, h->seen, &ev);
        if (ev.kind != PARLEY_EVENT_OFFER || !ev.outcome || ev.party < 0 || (size_t)ev.party == h->me)
            continue;
        memcpy(h->opp_prev, h->opp_last, h->issues * sizeof *h->opp_last);
        memcpy(h->opp_last, ev.outcome, h->issues * sizeof *h->opp_last);
        if (++h->opp_count >= 2)
            learn(h);
        double u = parley_view_eval(v, ev.outcome);
        if (h->opp_best_u < 0 || u > h->opp_best_u) {
            h->opp_best_u = u;
            h->opp_best_pos = position_of(h, ev.outcome, u);
        }
    }
}

static void queue_push(struct hardheaded *h, size_t p)
{
    if (h->q_len < HH_QUEUE)
        h->queue[(h->q_head + h->q_len++) % HH_QUEUE] = p;
}

static void queue_push_front(struct hardheaded *h, size_t p)
{
    if (h->q_len == HH_QUEUE)
        h->q_len--;
    h->q_head = (h->q_head + HH_QUEUE - 1) % HH_QUEUE;
    h->queue[h->q_head] = p;
    h->q_len++;
}

/*
 * Refills the offer queue: the next step down the list (or, below the target,
 * one of its earlier bids at random) and the packages within 0.01 below it
 * above the target, held as the original holds them, in a TreeMap keyed by
 * list position (position order is key order).  Up to four go in ascending
 * order; more, and it picks five by the model: the highest first, replaced by
 * any strictly better in ascending order, each removed after it is picked.
 * The original queues the live entries it picked, and the JDK's removal of an
 * entry with two children moves its successor's bid into it, so a queued entry
 * may end up holding another (higher) bid, even one queued already: the
 * queue is read from the entries after the picking, as in the original.
 */
static int refill(struct hardheaded *h, double p)
{
    size_t last = h->my_bids[h->my_count - 1];
    size_t step = last > 0 ? last - 1 : 0, below = step;
    double first = h->list[step].key;
    while (below > 0 && first - h->list[below - 1].key < HH_WINDOW && h->list[below - 1].key >= p)
        below--;
    size_t capacity = step - below + 2;
    struct java_treemap_node *nodes = malloc(capacity * sizeof *nodes);
    if (!nodes)
        return PARLEY_ENOMEM;
    java_treemap bids;
    java_treemap_init(&bids, nodes, capacity);
    java_treemap_put(&bids, step);
    if (first < p) {
        java_treemap_remove(&bids, step);
        java_treemap_put(&bids, h->my_bids[(size_t)floor((double)h->my_count *
                                                         java_random_next_double(&h->random100)) % h->my_count]);
    }
    size_t count = 1;
    for (size_t a = step; a-- > below; count++)
        java_treemap_put(&bids, a);
    if (count <= HH_TOP) {
        for (size_t e = java_treemap_first(&bids); e != JAVA_TREEMAP_NONE; e = java_treemap_next(&bids, e))
            queue_push(h, nodes[e].key);
    } else {
        /* picks[k]: a live entry (node), or, when nothing beat the last entry, the position it held */
        size_t picks[HH_TOP + 1];
        int live[HH_TOP + 1];
        for (int k = 0; k <= HH_TOP; k++) {
            picks[k] = nodes[java_treemap_last(&bids)].key;
            live[k] = 0;
            double best_u = opponent_utility(h, picks[k]);
            for (size_t e = java_treemap_first(&bids); e != JAVA_TREEMAP_NONE; e = java_treemap_next(&bids, e)) {
                double u = opponent_utility(h, nodes[e].key);
                if (u > best_u) {
                    best_u = u;
                    picks[k] = e;
                    live[k] = 1;
                }
            }
            java_treemap_remove(&bids, live[k] ? nodes[picks[k]].key : picks[k]);
        }
        for (int k = 0; k <= HH_TOP; k++) /* a live entry holds its bid as it is after every removal */
            queue_push(h, live[k] ? nodes[picks[k]].key : picks[k]);
    }
    free(nodes);
    if (h->opp_count && h->list[h->queue[h->q_head]].key < h->list[h->opp_best_pos].key)
        queue_push_front(h, h->opp_best_pos);
    return PARLEY_OK;
}

static int remember_bid(struct hardheaded *h, size_t p)
{
    if (h->my_count == h->my_cap) {
        size_t cap = h->my_cap ? 2 * h->my_cap : 64;
        size_t *grown = realloc(h->my_bids, cap * sizeof *grown);
        if (!grown)
            return PARLEY_ENOMEM;
        h->my_bids = grown;
        h->my_cap = cap;
    }
    h->my_bids[h->my_count++] = p;
    return PARLEY_OK;
}

static int hh_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct hardheaded *h = state;
    receive(h, v);
    double p = hh_target(h, parley_view_time(v));
    if (request != PARLEY_REQUEST_PROPOSE || h->n == 0)
        return agent_act_target(v, request, p, act);
    if (h->first_round) {
        h->first_round = 0;
        queue_push(h, h->n - 1);
    } else if (h->q_len == 0) {
        if (h->my_count == 0)
            queue_push(h, h->n - 1);
        else if (refill(h, p))
            return PARLEY_ENOMEM;
    }
    long proposer;
    const uint32_t *standing = parley_view_standing_offer(v, &proposer);
    if (standing && proposer != (long)h->me && parley_view_feasible(v, standing) &&
        parley_view_red_lines_hold(v, standing)) {
        double offered = parley_view_eval(v, standing);
        if (offered > h->lowest_yet || h->list[h->queue[h->q_head]].u <= offered) {
            act->kind = PARLEY_ACT_ACCEPT;
            return PARLEY_OK;
        }
    }
    size_t offer = h->queue[h->q_head];
    h->q_head = (h->q_head + 1) % HH_QUEUE;
    h->q_len--;
    if (remember_bid(h, offer))
        return PARLEY_ENOMEM;
    if (h->list[offer].key < h->lowest_yet)
        h->lowest_yet = h->list[offer].u;
    values_of(h, h->list[offer].id, act->outcome);
    act->kind = PARLEY_ACT_OFFER;
    return PARLEY_OK;
}

AGENT_KEEP_WITHIN(hh_act, hh_act_raw)

const parley_agent_vtable agent_hardheaded = {
    PARLEY_AGENT_ABI, "hardheaded",
    "HardHeaded (ANAC 2011, GENIUS's KLH): steps down its bid list to 0.585, frequency model, accepts above its "
    "lowest bid",
    hh_create, hh_destroy, hh_act};

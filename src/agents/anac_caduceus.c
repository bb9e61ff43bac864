/*
 * anac_caduceus.c: Caduceus (Taha Güneş, Emir Arditi, Reyhan Aydoğan; ANAC
 * 2016 winner, GENIUS agents.anac.y2016.caduceus.Caduceus), a committee of
 * ANAC agents weighted 500 (ParsAgent, ANAC 2015), 10 (RandomDance), 5
 * (kawaii), 3 (Atlas3) and 1 (an inner Caduceus).  Until t = 0.83 df (df the
 * discount factor) it offers its best package and accepts nothing.  Then every
 * member decides: Caduceus accepts when the members accepting weigh more than
 * those offering (so exactly when ParsAgent accepts), and otherwise offers the
 * bid of one offering member drawn with probability proportional to weight,
 * from the original's own generator (new Random(session seed + party), so the
 * same member as the original's for the same members offering).
 *
 * ParsAgent is ported here: target max(0.7, 1 - (t - 1/(R+1))^(1/e)), e = 0.2
 * with a discount, else 0.15; it accepts an offer worth more than the target;
 * it offers the package made of the values its (first two) opponents offer
 * most in common (index 0 where they share none, as its MyBestValue returns),
 * or a bid found from packages another party accepted, when worth more than the
 * target, else its best package with one issue (mostly the least important)
 * set to a random value that keeps it above the target.  Atlas3 is parley's
 * atlas3; RandomDance, kawaii and the inner Caduceus are in
 * anac_caduceus_members.c.  No parameters.
 */
#include "agents/agent_common.h"
#include "agents/anac_caduceus_members.h"
#include "agents/anac_classic.h"
#include "agents/anac_java_random.h"
#include "agents/anac_winners.h"
#include "agents/builtin.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define CADUCEUS_BEST_UNTIL 0.83 /* percentageOfOfferingBestBid, times the discount factor */
#define PARS_FLOOR 0.7

struct caduceus {
    struct boa_track tr;
    struct value_counts *counts; /* [parties] */
    long opp[2];                 /* ParsAgent's opponents A and B: the first two parties that offered */
    int with_discount;           /* -1 until the first offer received */
    void *atlas3;
    uint32_t *accepted;          /* packages another party accepted (ParsAgent's opponentAB), [n_accepted][issues] */
    size_t n_accepted, cap_accepted;
    uint32_t *work;              /* [issues] scratch, then each member's bid: [(1 + MEMBER_COUNT) * issues] */
    struct caduceus_members *members;
    java_random pick;            /* Caduceus's random = new Random(session seed + party): the member drawn */
};

double caduceus_pars_target(double t, long rounds, int with_discount)
{
    double offset = rounds > 0 ? 1.0 / ((double)rounds + 1) : 0;
    double target = 1 - pow(t - offset, 1 / (with_discount ? 0.2 : 0.15));
    return target < PARS_FLOOR || isnan(target) ? PARS_FLOOR : target;
}

int caduceus_best_offer_time(double t, double discount)
{
    return t < CADUCEUS_BEST_UNTIL * discount;
}

/* Caduceus accepts when ParsAgent does: after the best-offer time, an offer worth more than its target. */
int caduceus_accepts(double t, double discount, long rounds, int with_discount, double offered)
{
    return !caduceus_best_offer_time(t, discount) && offered > caduceus_pars_target(t, rounds, with_discount);
}

static void caduceus_destroy(void *state)
{
    struct caduceus *c = state;
    if (!c)
        return;
    if (c->atlas3)
        agent_atlas3.destroy(c->atlas3);
    if (c->counts)
        for (size_t k = 0; k < c->tr.parties; k++)
            value_counts_free(&c->counts[k]);
    free(c->counts);
    free(c->accepted);
    free(c->work);
    caduceus_members_free(c->members);
    boa_track_free(&c->tr);
    free(c);
}

static int caduceus_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    int rc;
    struct caduceus *c = boa_agent_state_new(v, "caduceus", params, sizeof *c, offsetof(struct caduceus, tr), err, &rc);
    if (!c)
        return rc;
    c->opp[0] = c->opp[1] = -1;
    c->with_discount = -1;
    if (!(c->counts = calloc(c->tr.parties, sizeof *c->counts)) ||
        !(c->work = calloc((1 + MEMBER_COUNT) * (c->tr.issues ? c->tr.issues : 1), sizeof *c->work)) ||
        caduceus_members_new(v, &c->members))
        goto nomem;
    for (size_t k = 0; k < c->tr.parties; k++)
        if (value_counts_init(&c->counts[k], parley_view_space(v)))
            goto nomem;
    if ((rc = agent_atlas3.create(v, "", &c->atlas3, err))) {
        caduceus_destroy(c);
        return rc;
    }
    java_random_init(&c->pick, (int64_t)(parley_view_seed(v) + parley_view_party(v)));
    *state = c;
    return PARLEY_OK;
nomem:
    caduceus_destroy(c);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

static int remember_accepted(struct caduceus *c, const uint32_t *o)
{
    if (c->n_accepted == c->cap_accepted) {
        size_t cap = c->cap_accepted ? 2 * c->cap_accepted : 8;
        uint32_t *p = realloc(c->accepted, cap * c->tr.issues * sizeof *p);
        if (!p)
            return PARLEY_ENOMEM;
        c->accepted = p;
        c->cap_accepted = cap;
    }
    memcpy(c->accepted + c->n_accepted++ * c->tr.issues, o, c->tr.issues * sizeof *o);
    return PARLEY_OK;
}

/* ParsAgent's receiveMessage: opponents A and B, their value counts, the packages others accepted. */
static int observe(struct caduceus *c, parley_agent_view *v)
{
    parley_event ev;
    double df = parley_utility_discount(parley_view_utility(v));
    for (size_t i = c->tr.seen; i < parley_view_event_count(v); i++) {
        parley_view_event(v, i, &ev);
        if (!ev.outcome || ev.party < 0 || (size_t)ev.party == c->tr.me || (size_t)ev.party >= c->tr.parties)
            continue;
        if (ev.kind == PARLEY_EVENT_ACCEPT) {
            int rc = remember_accepted(c, ev.outcome);
            if (rc)
                return rc;
            continue;
        }
        if (ev.kind != PARLEY_EVENT_OFFER)
            continue;
        if (c->with_discount < 0) {
            double u = parley_view_eval(v, ev.outcome);
            c->with_discount = u * pow(df, ev.time) != u;
        }
        if (c->opp[0] < 0)
            c->opp[0] = ev.party;
        else if (c->opp[1] < 0 && ev.party != c->opp[0])
            c->opp[1] = ev.party;
        value_counts_add(&c->counts[ev.party], ev.outcome, 1);
        int rc = caduceus_members_observe(c->members, v, ev.outcome);
        if (rc)
            return rc;
    }
    return boa_track_update(&c->tr, v);
}

/* The two values of issue i an opponent offered most (ParsAgent's updateMutualList); -1 when none. */
static void top_two(const struct value_counts *vc, size_t i, long top[2])
{
    double max[2] = {0, 0};
    top[0] = top[1] = -1;
    for (size_t j = vc->offset[i]; j < vc->offset[i + 1]; j++) {
        double n = vc->count[j];
        if (n > max[0]) {
            max[0] = n;
            top[0] = (long)(j - vc->offset[i]);
        } else if (n > max[1]) {
            max[1] = n;
            top[1] = (long)(j - vc->offset[i]);
        }
    }
}

/* getMutualIssues: per issue the value both opponents offer most (top 1 each; or, when fewer than half the
   issues agree and nothing was accepted yet, any of their top 2); index 0 where none is shared. */
static void mutual_package(const struct caduceus *c, uint32_t *out)
{
    static const struct value_counts empty = {0, 0, NULL, NULL};
    size_t n = c->tr.issues, found = 0;
    const struct value_counts *a = c->opp[0] >= 0 ? &c->counts[c->opp[0]] : &empty;
    const struct value_counts *b = c->opp[1] >= 0 ? &c->counts[c->opp[1]] : &empty;
    for (int relaxed = 0; relaxed < 2; relaxed++) {
        found = 0;
        for (size_t i = 0; i < n; i++) {
            long ta[2] = {-1, -1}, tb[2] = {-1, -1};
            if (a->offset)
                top_two(a, i, ta);
            if (b->offset)
                top_two(b, i, tb);
            out[i] = 0;
            for (int m = 0; m < (relaxed ? 2 : 1); m++)
                for (int z = 0; z < (relaxed ? 2 : 1); z++)
                    if (ta[m] >= 0 && ta[m] == tb[z]) {
                        out[i] = (uint32_t)ta[m];
                        found++;
                        m = z = 2;
                    }
        }
        if (c->n_accepted > 0 || (double)found / (double)(n ? n : 1) >= 0.5)
            break;
    }
}

/* chooseWorstIssue: from the last issue down, sums 1/weight until it passes 100 r; else the lightest issue. */
static size_t worst_issue(parley_agent_view *v, size_t n)
{
    const parley_utility *u = parley_view_utility(v);
    double r = parley_view_random(v) * 100, sum = 0, min = 1;
    size_t lightest = 0;
    for (size_t i = n; i-- > 0;) {
        double w = parley_utility_weight(u, i);
        sum += 1 / w;
        if (w < min) {
            min = w;
            lightest = i;
        }
        if (sum > r)
            return i;
    }
    return lightest;
}

/* getMybestBid: its best package with one issue set to a random value worth more than the target (if any). */
static double best_with_one_random(struct caduceus *c, parley_agent_view *v, double target, uint32_t *out)
{
    const parley_space *space = parley_view_space(v);
    size_t n = c->tr.issues, issue = worst_issue(v, n);
    parley_view_outcome_ranked(v, parley_view_outcome_count(v) - 1, out);
    uint32_t values = parley_issue_value_count(space, issue), good = 0;
    for (uint32_t x = 0; x < values; x++) {
        out[issue] = x;
        good += parley_view_eval(v, out) > target;
    }
    uint32_t pick = (uint32_t)(parley_view_random(v) * (good ? good : values));
    for (uint32_t x = 0; x < values; x++) {
        out[issue] = x;
        if ((!good || parley_view_eval(v, out) > target) && pick-- == 0)
            break;
    }
    return parley_view_eval(v, out);
}

/* getNNBid: accepted packages with one issue (drawn by weight) set at random; the best above the target. */
static double accepted_variant(struct caduceus *c, parley_agent_view *v, double target, uint32_t *out)
{
    const parley_space *space = parley_view_space(v);
    const parley_utility *u = parley_view_utility(v);
    size_t n = c->tr.issues;
    double best = -1;
    for (size_t loop = 0; loop < n; loop++) {
        double r = parley_view_random(v), sum = 0;
        size_t issue = n;
        for (size_t i = n; i-- > 0 && issue == n;)
            if ((sum += parley_utility_weight(u, i)) > r)
                issue = i;
        if (issue == n)
            continue; /* the original's index 0 throws for every package */
        for (size_t k = 0; k < c->n_accepted; k++) {
            memcpy(c->work, c->accepted + k * n, n * sizeof *c->work);
            c->work[issue] = (uint32_t)(parley_view_random(v) * parley_issue_value_count(space, issue));
            double x = parley_view_eval(v, c->work);
            if (x > target && x > best) {
                best = x;
                memcpy(out, c->work, n * sizeof *out);
            }
        }
    }
    return best;
}

/* ParsAgent's offer (offerMyNewBid, with chooseAction's fallback to getMybestBid). */
static double pars_bid(struct caduceus *c, parley_agent_view *v, double target, uint32_t *out)
{
    double u = c->n_accepted ? accepted_variant(c, v, target, out) : -1;
    if (u >= 0 && u >= target)
        return u;
    mutual_package(c, out);
    u = parley_view_eval(v, out);
    return u > target ? u : best_with_one_random(c, v, target, out);
}

static int caduceus_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct caduceus *c = state;
    int rc = observe(c, v);
    if (rc)
        return rc;
    double t = parley_view_time(v), df = parley_utility_discount(parley_view_utility(v));
    size_t n = c->tr.issues;
    uint32_t *bid[MEMBER_COUNT];
    for (int k = 0; k < MEMBER_COUNT; k++)
        bid[k] = c->work + (1 + (size_t)k) * n;
    /* parley's atlas3 plays every turn from the start (so its time per turn and its final phase are a
       standalone Atlas3's): its offer is the member's ordinary bid (OfferAction); the member's decision and
       its final phase, which start when the committee first asks it, are atlas3_member_act's */
    parley_action atlas = *act;
    atlas.outcome = bid[MEMBER_ATLAS3];
    atlas.change_count = 0;
    if (request == PARLEY_REQUEST_PROPOSE && (rc = agent_atlas3.act(c->atlas3, v, request, &atlas)))
        return rc;
    if (caduceus_best_offer_time(t, df > 0 ? df : 1)) {
        double best = anac_max_utility_bid(v, act->outcome); /* getMaxUtilityBid: the first of tied best ones */
        return winners_finish(&c->tr, v, request, 0, best, best, act);
    }
    double target = caduceus_pars_target(t, parley_view_rounds(v), c->with_discount > 0);
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, target, act);
    /* every member decides (each follows the talks from the start) */
    int offering[MEMBER_COUNT];
    const uint32_t *latest = c->tr.received > 0 ? c->tr.latest : NULL;
    int normal;
    offering[MEMBER_ATLAS3] = atlas3_member_act(c->members, v, t, latest, bid[MEMBER_ATLAS3], &normal);
    if (offering[MEMBER_ATLAS3] && normal && atlas.kind != PARLEY_ACT_OFFER)
        parley_view_outcome_at_least(v, atlas3_threshold(t, df > 0 ? df : 1, parley_view_reservation(v),
                                                         fmax(c->tr.best_u, 0)),
                                     bid[MEMBER_ATLAS3]);
    int accept = latest && caduceus_accepts(t, df > 0 ? df : 1, parley_view_rounds(v), c->with_discount > 0,
                                            parley_view_eval(v, latest));
    offering[MEMBER_PARS] = !accept;
    offering[MEMBER_RANDOM_DANCE] = random_dance_act(c->members, v, t, latest, bid[MEMBER_RANDOM_DANCE]);
    offering[MEMBER_KAWAII] = kawaii_act(c->members, v, t, latest, bid[MEMBER_KAWAII]);
    offering[MEMBER_INNER] = inner_caduceus_act(c->members, v, t, latest, bid[MEMBER_INNER]);
    double bid_u = 0;
    if (!accept) {
        int member = caduceus_committee_pick(offering, java_random_next_double(&c->pick));
        if (member == MEMBER_PARS) /* ParsAgent's draws (its Math.random) are not replayed: made when its bid is used */
            pars_bid(c, v, target, bid[MEMBER_PARS]);
        memcpy(act->outcome, bid[member], n * sizeof *act->outcome);
        bid_u = parley_view_eval(v, act->outcome);
    }
    return winners_finish(&c->tr, v, request, accept, bid_u, target, act);
}

AGENT_KEEP_WITHIN(caduceus_act, caduceus_act_raw)

const parley_agent_vtable agent_caduceus = {PARLEY_AGENT_ABI, "caduceus",
                                            "Caduceus (ANAC 2016): its best package until 0.83 df, then a "
                                            "weighted committee led by ParsAgent",
                                            caduceus_create, caduceus_destroy, caduceus_act};

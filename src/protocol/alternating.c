/*
 * alternating.c: the stacked alternating offers protocol (Rubinstein's for two
 * parties; SAOP, as in GENIUS and ANAC, for three or more).  Parties move in
 * scenario order, round after round; a move accepts the standing offer, makes a
 * counter-offer (which becomes the standing offer) or walks away.  Agreement
 * when every party but the proposer has accepted the standing offer in turn.
 */
#include "protocol/session_internal.h"

#include <string.h>

static int end_session(parley_negotiation *neg, const uint32_t *package, const char *ending)
{
    int rc = PARLEY_OK;
    if (package) {
        struct event_in agree = {PARLEY_EVENT_AGREEMENT, PARLEY_NOBODY, PARLEY_EVERYONE, package, NULL, 0, 0, NULL};
        rc = neg_log(neg, &agree);
    }
    struct event_in end = {PARLEY_EVENT_SESSION_END, PARLEY_NOBODY, PARLEY_EVERYONE, NULL, NULL, 0, 0, ending};
    if (rc == PARLEY_OK)
        rc = neg_log(neg, &end);
    neg_finish(neg, package, ending);
    return rc;
}

int protocol_run_alternating(parley_negotiation *neg, parley_error *err)
{
    parley_action act;
    char why[512];
    const char *problem;
    size_t accepts = 0;
    int rc;
    neg_set_round(neg, 1);
    struct event_in start = {PARLEY_EVENT_SESSION_START, PARLEY_NOBODY, PARLEY_EVERYONE, NULL, NULL, 0, 0,
                             "alternating"};
    if ((rc = neg_log(neg, &start)))
        return rc;
    for (long r = 1; !neg_deadline_passed(neg, r); r++) {
        neg_set_round(neg, r);
        for (size_t k = 0; k < neg->n; k++) {
            if (neg->cfg.seconds > 0 && neg_deadline_passed(neg, r))
                goto deadline;
            const uint32_t *standing = neg->standing_party >= 0 ? neg->standing : NULL;
            if ((rc = neg_ask(neg, k, PARLEY_REQUEST_PROPOSE, standing, &act, err)))
                return rc;
            switch (act.kind) {
            case PARLEY_ACT_ACCEPT:
                if (!standing || neg->standing_party == (long)k) {
                    problem = standing ? "accepts its own offer" : "accepts when no offer stands";
                    goto invalid;
                }
                if ((problem = neg_package_problem(neg, k, neg->standing, 1, why, sizeof why)))
                    goto invalid;
                {
                    struct event_in in = {PARLEY_EVENT_ACCEPT, (long)k, PARLEY_EVERYONE, neg->standing, NULL, 0, 0, NULL};
                    if ((rc = neg_log(neg, &in)))
                        return rc;
                }
                if (++accepts == neg->n - 1)
                    return end_session(neg, neg->standing, "agreement");
                break;
            case PARLEY_ACT_OFFER:
                if ((problem = neg_package_problem(neg, k, act.outcome, 1, why, sizeof why)))
                    goto invalid;
                memcpy(neg->standing, act.outcome, neg->issues * sizeof *neg->standing);
                neg->standing_party = (long)k;
                accepts = 0;
                {
                    struct event_in in = {PARLEY_EVENT_OFFER, (long)k, PARLEY_EVERYONE, act.outcome, NULL, 0, 0, NULL};
                    if ((rc = neg_log(neg, &in)))
                        return rc;
                }
                break;
            case PARLEY_ACT_WALK_AWAY:
                if ((rc = neg_walk_away(neg, k, NULL)))
                    return rc;
                return end_session(neg, NULL, "walk_away");
            default:
                problem = "votes and amendments are not moves in alternating offers";
                goto invalid;
            }
            continue;
        invalid:
            if ((rc = neg_walk_away(neg, k, problem)))
                return rc;
            return end_session(neg, NULL, "walk_away");
        }
    }
deadline:
    if (neg->cfg.seconds > 0)
        neg->t = neg_time_of(neg, neg->round);
    return end_session(neg, NULL, "deadline");
}

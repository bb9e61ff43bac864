/*
 * single_text.c: the mediated single-text protocol (Klein, Faratin, Sayama and
 * Bar-Yam, 2003).  The mediator holds one text; each round it proposes a
 * change, every party votes privately to the mediator, and under the veto
 * rule the proposal becomes the text only when all vote yes.  When the
 * mediator has reached its target, and at the deadline, the parties are asked
 * to ratify the text: agreement when all accept.  The annealing variant uses
 * random mutations and a temperature falling linearly from ANNEAL_T0 to 0.
 */
#include "protocol/session_internal.h"

#include <string.h>

#define ANNEAL_T0 0.2

enum { RATIFIED = 1, NOT_RATIFIED = 0, WALKED = 2 };

static int log_simple(parley_negotiation *neg, parley_event_kind kind, long party, long to, const uint32_t *outcome,
                      const char *detail)
{
    struct event_in in = {kind, party, to, outcome, NULL, 0, 0, detail};
    return neg_log(neg, &in);
}

static int finish(parley_negotiation *neg, const uint32_t *package, const char *ending)
{
    int rc = PARLEY_OK;
    if (package)
        rc = log_simple(neg, PARLEY_EVENT_AGREEMENT, PARLEY_NOBODY, PARLEY_EVERYONE, package, NULL);
    if (rc == PARLEY_OK)
        rc = log_simple(neg, PARLEY_EVENT_SESSION_END, PARLEY_NOBODY, PARLEY_EVERYONE, NULL, ending);
    neg_finish(neg, package, ending);
    return rc;
}

/* Asks every party to ratify the text: RATIFIED, NOT_RATIFIED, WALKED or a negative error. */
static int ratify(parley_negotiation *neg, parley_error *err)
{
    parley_action act;
    char why[512];
    int all = 1, rc;
    for (size_t k = 0; k < neg->n; k++) {
        if ((rc = neg_ask(neg, k, PARLEY_REQUEST_RATIFY, neg->text, &act, err)))
            return rc;
        const char *problem = NULL;
        if (act.kind == PARLEY_ACT_ACCEPT) {
            if ((problem = neg_package_problem(neg, k, neg->text, 1, why, sizeof why)) == NULL)
                rc = log_simple(neg, PARLEY_EVENT_ACCEPT, (long)k, PARLEY_EVERYONE, neg->text, NULL);
        } else if (act.kind == PARLEY_ACT_REJECT) {
            all = 0;
            rc = log_simple(neg, PARLEY_EVENT_REJECT, (long)k, PARLEY_EVERYONE, neg->text, NULL);
        } else if (act.kind == PARLEY_ACT_WALK_AWAY) {
            return (rc = neg_walk_away(neg, k, NULL)) ? rc : WALKED;
        } else {
            problem = "only acceptance, rejection or walking away answer a call to ratify";
        }
        if (problem)
            return (rc = neg_walk_away(neg, k, problem)) ? rc : WALKED;
        if (rc)
            return rc;
    }
    return all ? RATIFIED : NOT_RATIFIED;
}

/* One round of votes on neg->proposal: 1 when all vote yes, 0 when not, WALKED, or a negative error. */
static int vote(parley_negotiation *neg, parley_error *err)
{
    parley_action act;
    char why[512];
    int all = 1, rc;
    for (size_t k = 0; k < neg->n; k++) {
        if ((rc = neg_ask(neg, k, PARLEY_REQUEST_VOTE, neg->proposal, &act, err)))
            return rc;
        const char *problem = NULL;
        if (act.kind == PARLEY_ACT_ACCEPT || act.kind == PARLEY_ACT_REJECT) {
            int yes = act.kind == PARLEY_ACT_ACCEPT;
            if (yes && (problem = neg_package_problem(neg, k, neg->proposal, 1, why, sizeof why)))
                goto invalid;
            all &= yes;
            struct event_in in = {PARLEY_EVENT_VOTE, (long)k, PARLEY_MEDIATOR, neg->proposal, NULL, 0, yes, NULL};
            if ((rc = neg_log(neg, &in)))
                return rc;
            continue;
        }
        if (act.kind == PARLEY_ACT_WALK_AWAY)
            return (rc = neg_walk_away(neg, k, NULL)) ? rc : WALKED;
        problem = "only a yes or no vote, or walking away, answers a proposal";
    invalid:
        return (rc = neg_walk_away(neg, k, problem)) ? rc : WALKED;
    }
    return all;
}

static int adopt(parley_negotiation *neg)
{
    parley_change *changes = neg->change_buf;
    size_t n = 0;
    for (size_t i = 0; i < neg->issues; i++)
        if (neg->proposal[i] != neg->text[i]) {
            changes[n].issue = (uint32_t)i;
            changes[n].value = neg->proposal[i];
            snprintf(changes[n].reason, sizeof changes[n].reason, "adopted: every party voted for it");
            n++;
        }
    memcpy(neg->text, neg->proposal, neg->issues * sizeof *neg->text);
    struct event_in in = {PARLEY_EVENT_TEXT, PARLEY_MEDIATOR, PARLEY_EVERYONE, neg->text, changes, n, 0, NULL};
    return neg_log(neg, &in);
}

int protocol_run_single_text(parley_negotiation *neg, parley_error *err)
{
    int rc, tried_at_target = 0;
    neg_set_round(neg, 1);
    parley_mediator_initial_text(neg->mediator, neg->text);
    neg->has_text = 1;
    if ((rc = log_simple(neg, PARLEY_EVENT_SESSION_START, PARLEY_NOBODY, PARLEY_EVERYONE, NULL, "single-text")) ||
        (rc = log_simple(neg, PARLEY_EVENT_TEXT, PARLEY_MEDIATOR, PARLEY_EVERYONE, neg->text, NULL)))
        return rc;
    for (long r = 1; !neg_deadline_passed(neg, r); r++) {
        neg_set_round(neg, r);
        neg->temperature = neg->cfg.annealing ? ANNEAL_T0 * (1 - neg->t) : 0;
        int at_target = parley_mediator_propose(neg->mediator, neg->text, neg->t, neg->proposal);
        if (at_target) {
            if (tried_at_target) {
                if (neg->cfg.rounds > 0 && r < neg->cfg.rounds)
                    r = neg->cfg.rounds - 1; /* nothing new to propose: wait for the deadline */
                continue;
            }
            tried_at_target = 1;
            rc = ratify(neg, err);
            if (rc < 0)
                return rc;
            if (rc == RATIFIED)
                return finish(neg, neg->text, "agreement");
            if (rc == WALKED)
                return finish(neg, NULL, "walk_away");
            continue;
        }
        neg->has_proposal = 1;
        if ((rc = log_simple(neg, PARLEY_EVENT_PROPOSAL, PARLEY_MEDIATOR, PARLEY_EVERYONE, neg->proposal, NULL)))
            return rc;
        rc = vote(neg, err);
        neg->has_proposal = 0;
        if (rc < 0)
            return rc;
        if (rc == WALKED)
            return finish(neg, NULL, "walk_away");
        parley_mediator_feedback(neg->mediator, rc == 1);
        if (rc == 1) {
            if ((rc = adopt(neg)))
                return rc;
            tried_at_target = 0;
        }
    }
    /* the deadline: a last call to ratify the text */
    neg->t = neg->cfg.seconds > 0 ? neg_time_of(neg, neg->round) : neg->t;
    rc = ratify(neg, err);
    if (rc < 0)
        return rc;
    if (rc == RATIFIED)
        return finish(neg, neg->text, "agreement");
    return finish(neg, NULL, rc == WALKED ? "walk_away" : "deadline");
}

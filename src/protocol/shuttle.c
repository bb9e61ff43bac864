/*
 * shuttle.c: shuttle mediation, as in the talks of the seeds.  The parties
 * never meet: each round the mediator shows its current text to everyone, and
 * each party answers the mediator alone, accepting the text, amending it (issue
 * changes with reasons), or sending a private offer; the mediator then writes
 * a new text.  The rounds are split into sessions held at venues in turn; a
 * session ends in agreement, in collapse (a party walked away), with a
 * follow-up scheduled (someone moved), or with none scheduled (nobody moved:
 * a session's worth of rounds passes before the talks resume from the last
 * text).  Private messages are addressed to the mediator, so no view shows
 * them to another party.
 */
#include "protocol/session_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct shuttle {
    uint32_t *positions; /* [n][issues] what each party last asked for */
    const uint32_t **position_ptrs;
    parley_change *amend; /* [n][issues] */
    const parley_change **amend_ptrs;
    size_t *amend_counts;
    double *demand; /* [n] own utility of its position */
    uint32_t *next;  /* the composed text */
};

static int log_simple(parley_negotiation *neg, parley_event_kind kind, long party, long to, const uint32_t *outcome,
                      const char *detail)
{
    struct event_in in = {kind, party, to, outcome, NULL, 0, 0, detail};
    return neg_log(neg, &in);
}

static int end_talks(parley_negotiation *neg, const uint32_t *package, const char *session_outcome,
                     const char *ending)
{
    int rc = PARLEY_OK;
    if (package)
        rc = log_simple(neg, PARLEY_EVENT_AGREEMENT, PARLEY_NOBODY, PARLEY_EVERYONE, package, NULL);
    if (rc == PARLEY_OK && session_outcome)
        rc = log_simple(neg, PARLEY_EVENT_SESSION_END, PARLEY_NOBODY, PARLEY_EVERYONE, NULL, session_outcome);
    neg_finish(neg, package, ending);
    return rc;
}

/*
 * Party k answers the text.  Returns 1 when it accepted, 0 when it asked for
 * something else, 2 when it walked away (or acted invalidly), or a negative error.
 */
static int answer(parley_negotiation *neg, struct shuttle *sh, size_t k, parley_error *err)
{
    parley_action act;
    char why[512];
    const char *problem = NULL;
    uint32_t *pos = sh->positions + k * neg->issues;
    int rc = neg_ask(neg, k, PARLEY_REQUEST_RESPOND, neg->text, &act, err);
    if (rc)
        return rc;
    sh->amend_counts[k] = 0;
    switch (act.kind) {
    case PARLEY_ACT_ACCEPT:
        if ((problem = neg_package_problem(neg, k, neg->text, 1, why, sizeof why)))
            break;
        memcpy(pos, neg->text, neg->issues * sizeof *pos);
        rc = log_simple(neg, PARLEY_EVENT_ACCEPT, (long)k, PARLEY_MEDIATOR, neg->text, NULL);
        return rc ? rc : 1;
    case PARLEY_ACT_REJECT:
        return 0; /* keeps its last position */
    case PARLEY_ACT_AMEND: {
        if (act.change_count == 0 || act.change_count > act.change_capacity) {
            problem = "an amendment needs one to one-per-issue changes";
            break;
        }
        memcpy(pos, neg->text, neg->issues * sizeof *pos);
        for (size_t j = 0; j < act.change_count && !problem; j++) {
            parley_change *c = &act.changes[j];
            c->reason[PARLEY_REASON_MAX - 1] = '\0';
            if (c->issue >= neg->issues || c->value >= parley_issue_value_count(neg->space, c->issue))
                problem = "an amendment changes an issue or value that does not exist";
            else
                pos[c->issue] = c->value;
        }
        if (problem)
            break;
        memcpy(sh->amend + k * neg->issues, act.changes, act.change_count * sizeof *act.changes);
        sh->amend_counts[k] = act.change_count;
        struct event_in in = {PARLEY_EVENT_AMENDMENT, (long)k, PARLEY_MEDIATOR, pos, act.changes,
                              act.change_count, 0, NULL};
        rc = neg_log(neg, &in);
        return rc ? rc : 0;
    }
    case PARLEY_ACT_OFFER:
        if ((problem = neg_package_problem(neg, k, act.outcome, 1, why, sizeof why)))
            break;
        memcpy(pos, act.outcome, neg->issues * sizeof *pos);
        rc = log_simple(neg, PARLEY_EVENT_OFFER, (long)k, PARLEY_MEDIATOR, pos, NULL);
        return rc ? rc : 0;
    case PARLEY_ACT_WALK_AWAY:
        return (rc = neg_walk_away(neg, k, NULL)) ? rc : 2;
    }
    if (!problem)
        problem = "votes are not answers to the mediator's text";
    return (rc = neg_walk_away(neg, k, problem)) ? rc : 2;
}

static void shuttle_free(struct shuttle *sh)
{
    free(sh->positions);
    free(sh->position_ptrs);
    free(sh->amend);
    free(sh->amend_ptrs);
    free(sh->amend_counts);
    free(sh->demand);
    free(sh->next);
}

static int shuttle_init(parley_negotiation *neg, struct shuttle *sh)
{
    size_t n = neg->n, issues = neg->issues;
    memset(sh, 0, sizeof *sh);
    sh->positions = calloc(n * issues, sizeof *sh->positions);
    sh->position_ptrs = calloc(n, sizeof *sh->position_ptrs);
    sh->amend = calloc(n * issues, sizeof *sh->amend);
    sh->amend_ptrs = calloc(n, sizeof *sh->amend_ptrs);
    sh->amend_counts = calloc(n, sizeof *sh->amend_counts);
    sh->demand = calloc(n, sizeof *sh->demand);
    sh->next = calloc(issues, sizeof *sh->next);
    if (!sh->positions || !sh->position_ptrs || !sh->amend || !sh->amend_ptrs || !sh->amend_counts || !sh->demand ||
        !sh->next) {
        shuttle_free(sh);
        return PARLEY_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        sh->position_ptrs[k] = sh->positions + k * issues;
        sh->amend_ptrs[k] = sh->amend + k * issues;
        memcpy(sh->positions + k * issues, neg->text, issues * sizeof *neg->text);
        sh->demand[k] = 2; /* above any utility: the first answers count as moves */
    }
    return PARLEY_OK;
}

/* One round: every party answers, then agreement or a new text. 1 = agreement, 2 = collapse, 0 = go on. */
static int round_trip(parley_negotiation *neg, struct shuttle *sh, int *moved, parley_error *err)
{
    size_t accepted = 0;
    for (size_t k = 0; k < neg->n; k++) {
        int rc = answer(neg, sh, k, err);
        if (rc < 0 || rc == 2)
            return rc;
        accepted += rc == 1;
    }
    if (accepted == neg->n)
        return 1;
    for (size_t k = 0; k < neg->n; k++) {
        double d = parley_utility_eval(neg_utility(neg, k), sh->positions + k * neg->issues);
        if (d < sh->demand[k] - 1e-12)
            *moved = 1;
        sh->demand[k] = d;
    }
    size_t count = parley_mediator_compose(neg->mediator, neg->text, sh->position_ptrs, sh->amend_ptrs,
                                           sh->amend_counts, neg->t, sh->next, neg->change_buf);
    if (count == 0)
        return 0;
    *moved = 1;
    memcpy(neg->text, sh->next, neg->issues * sizeof *neg->text);
    struct event_in in = {PARLEY_EVENT_TEXT, PARLEY_MEDIATOR, PARLEY_EVERYONE, neg->text, neg->change_buf, count, 0,
                          NULL};
    return neg_log(neg, &in);
}

/* Sets the venue of session s (strings owned by the negotiation: events point at them). */
static int set_venue(parley_negotiation *neg, size_t s)
{
    neg->session = (long)s;
    if (neg->venue_count) {
        neg->venue = neg->venues[s % neg->venue_count];
        return PARLEY_OK;
    }
    char **p = realloc(neg->auto_venues, (neg->auto_venue_count + 1) * sizeof *p);
    if (!p)
        return PARLEY_ENOMEM;
    neg->auto_venues = p;
    char name[64];
    snprintf(name, sizeof name, "venue %zu", s + 1);
    if (!(p[neg->auto_venue_count] = strdup(name)))
        return PARLEY_ENOMEM;
    neg->venue = p[neg->auto_venue_count++];
    return PARLEY_OK;
}

int protocol_run_shuttle(parley_negotiation *neg, parley_error *err)
{
    struct shuttle sh;
    size_t sessions = neg->cfg.sessions;
    long total = neg->cfg.rounds, r = 1;
    const char *ending = "deadline";
    int rc;
    neg_set_round(neg, 1);
    parley_mediator_initial_text(neg->mediator, neg->text);
    neg->has_text = 1;
    if ((rc = shuttle_init(neg, &sh)))
        return rc;
    for (size_t s = 0; s < sessions && !neg_deadline_passed(neg, r); s++) {
        long per = total > 0 ? total / (long)sessions + ((long)s < total % (long)sessions) : LONG_MAX;
        long last = total > 0 ? r + per - 1 : LONG_MAX;
        if ((rc = set_venue(neg, s)))
            goto done;
        neg_set_round(neg, r);
        if ((rc = log_simple(neg, PARLEY_EVENT_SESSION_START, PARLEY_NOBODY, PARLEY_EVERYONE, NULL, NULL)) ||
            (rc = log_simple(neg, PARLEY_EVENT_TEXT, PARLEY_MEDIATOR, PARLEY_EVERYONE, neg->text, NULL)))
            goto done;
        int moved = 0;
        for (; r <= last && !neg_deadline_passed(neg, r); r++) {
            neg_set_round(neg, r);
            rc = round_trip(neg, &sh, &moved, err);
            if (rc == 1) {
                rc = end_talks(neg, neg->text, "agreement", "agreement");
                goto done;
            }
            if (rc == 2) {
                rc = end_talks(neg, NULL, "collapse", "collapse");
                goto done;
            }
            if (rc < 0)
                goto done;
        }
        const char *outcome = moved && s + 1 < sessions ? "follow_up" : "no_follow_up";
        if ((rc = log_simple(neg, PARLEY_EVENT_SESSION_END, PARLEY_NOBODY, PARLEY_EVERYONE, NULL, outcome)))
            goto done;
        ending = moved ? "deadline" : "no_follow_up";
        if (!moved && total > 0)
            r += per; /* nobody moved: nothing is scheduled; the talks resume a session's time later */
    }
    if (neg->cfg.seconds > 0)
        neg->t = neg_time_of(neg, neg->round);
    rc = end_talks(neg, NULL, NULL, ending);
done:
    shuttle_free(&sh);
    neg->venue = "";
    return rc;
}

/*
 * session.c: the negotiation session engine: configuration, agents, the clock
 * and deadlines, the event log, action checks, the ending and its utilities.
 * The protocols themselves are in alternating.c, single_text.c and shuttle.c.
 */
#include "core/strutil.h"
#include "protocol/session_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

uint64_t neg_rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

const char *parley_protocol_name(parley_protocol_kind kind)
{
    switch (kind) {
    case PARLEY_PROTOCOL_ALTERNATING: return "alternating";
    case PARLEY_PROTOCOL_SINGLE_TEXT: return "single-text";
    case PARLEY_PROTOCOL_SHUTTLE: return "shuttle";
    }
    return "?";
}

int parley_protocol_from_name(const char *name)
{
    for (int k = 0; k <= PARLEY_PROTOCOL_SHUTTLE; k++)
        if (strcmp(name, parley_protocol_name((parley_protocol_kind)k)) == 0)
            return k;
    return -1;
}

const char *parley_clock_name(parley_clock_kind kind)
{
    return kind == PARLEY_CLOCK_GENIUS ? "genius" : "parley";
}

int parley_clock_from_name(const char *name)
{
    if (strcmp(name, "parley") == 0)
        return PARLEY_CLOCK_PARLEY;
    if (strcmp(name, "genius") == 0)
        return PARLEY_CLOCK_GENIUS;
    return -1;
}

void parley_session_config_init(parley_session_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->protocol = PARLEY_PROTOCOL_ALTERNATING;
    cfg->rounds = 100;
    cfg->seed = 1;
    cfg->sessions = 1;
}

static int check_config(const parley_session_config *cfg, parley_error *err)
{
    if (cfg->protocol < PARLEY_PROTOCOL_ALTERNATING || cfg->protocol > PARLEY_PROTOCOL_SHUTTLE)
        return parley_error_set(err, PARLEY_EINVAL, "unknown protocol %d", (int)cfg->protocol);
    if (cfg->rounds < 0 || !(cfg->seconds >= 0) || !isfinite(cfg->seconds))
        return parley_error_set(err, PARLEY_EINVAL, "deadlines must not be negative");
    if (cfg->rounds == 0 && cfg->seconds == 0)
        return parley_error_set(err, PARLEY_EINVAL, "a negotiation needs a deadline (rounds or seconds)");
    if (cfg->clock != PARLEY_CLOCK_PARLEY && cfg->clock != PARLEY_CLOCK_GENIUS)
        return parley_error_set(err, PARLEY_EINVAL, "unknown clock %d", (int)cfg->clock);
    if (cfg->venue_count > PARLEY_MAX_VENUES)
        return parley_error_set(err, PARLEY_EINVAL, "at most %u venues", PARLEY_MAX_VENUES);
    if (cfg->protocol == PARLEY_PROTOCOL_SHUTTLE && cfg->rounds > 0 && cfg->sessions > (size_t)cfg->rounds)
        return parley_error_set(err, PARLEY_EINVAL, "%zu sessions do not fit in %ld rounds (one round each at least)",
                                cfg->sessions, cfg->rounds);
    if (cfg->protocol == PARLEY_PROTOCOL_SHUTTLE && cfg->rounds == 0 && cfg->sessions > 1)
        return parley_error_set(err, PARLEY_EINVAL, "shuttle sessions need a deadline in rounds");
    return PARLEY_OK;
}

static void mediator_name(parley_negotiation *neg)
{
    size_t len = 0;
    neg->mediator_name[0] = '\0';
    for (size_t i = 0; i < parley_scenario_party_count(neg->sc); i++) {
        if (parley_party_role(neg->sc, i) != PARLEY_ROLE_MEDIATOR)
            continue;
        const char *name = parley_party_name(neg->sc, i);
        size_t n = strlen(name);
        if (len + n + 2 >= sizeof neg->mediator_name)
            break;
        if (len) {
            neg->mediator_name[len++] = '+';
        }
        memcpy(neg->mediator_name + len, name, n + 1);
        len += n;
    }
    if (!len)
        strcpy(neg->mediator_name, "mediator");
}

int parley_negotiation_new(const parley_scenario *sc, const parley_session_config *cfg, parley_negotiation **out,
                           parley_error *err)
{
    parley_session_config defaults;
    int rc;
    *out = NULL;
    parley_error_clear(err);
    if (!cfg) {
        parley_session_config_init(&defaults);
        cfg = &defaults;
    }
    if ((rc = check_config(cfg, err)) || (rc = parley_scenario_validate(sc, err)))
        return rc;
    parley_negotiation *neg = calloc(1, sizeof *neg);
    if (!neg)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    neg->sc = sc;
    neg->space = parley_scenario_space(sc);
    neg->issues = parley_space_issue_count(neg->space);
    neg->n = parley_scenario_negotiator_count(sc);
    neg->cfg = *cfg;
    neg->cfg.venues = NULL;
    if (neg->cfg.sessions == 0)
        neg->cfg.sessions = 1;
    neg->standing_party = -1;
    neg->venue = "";
    neg->ending = "not run";
    mediator_name(neg);
    neg->agents = calloc(neg->n, sizeof *neg->agents);
    neg->standing = calloc(neg->issues, sizeof *neg->standing);
    neg->text = calloc(neg->issues, sizeof *neg->text);
    neg->proposal = calloc(neg->issues, sizeof *neg->proposal);
    neg->agreement = calloc(neg->issues, sizeof *neg->agreement);
    neg->action_buf = calloc(neg->issues, sizeof *neg->action_buf);
    neg->change_buf = calloc(neg->issues, sizeof *neg->change_buf);
    neg->utility = calloc(neg->n, sizeof *neg->utility);
    neg->discounted = calloc(neg->n, sizeof *neg->discounted);
    if (!neg->agents || !neg->standing || !neg->text || !neg->proposal || !neg->agreement || !neg->action_buf ||
        !neg->change_buf || !neg->utility || !neg->discounted)
        goto nomem;
    if (cfg->venue_count) {
        neg->venues = calloc(cfg->venue_count, sizeof *neg->venues);
        if (!neg->venues)
            goto nomem;
        neg->venue_count = cfg->venue_count;
        for (size_t i = 0; i < cfg->venue_count; i++)
            if (!(neg->venues[i] = strdup(cfg->venues[i] ? cfg->venues[i] : "")))
                goto nomem;
    }
    if (cfg->protocol != PARLEY_PROTOCOL_ALTERNATING &&
        (rc = parley_mediator_new(sc, cfg->annealing, cfg->seed ^ 0x6D656469ull, &neg->mediator, err)))
        goto fail;
    *out = neg;
    return PARLEY_OK;
nomem:
    rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
fail:
    parley_negotiation_free(neg);
    return rc;
}

void parley_negotiation_free(parley_negotiation *neg)
{
    if (!neg)
        return;
    for (size_t k = 0; k < neg->agent_count; k++) {
        if (neg->agents[k].vt && neg->agents[k].state)
            neg->agents[k].vt->destroy(neg->agents[k].state);
        view_free(&neg->agents[k].view);
    }
    for (size_t i = 0; i < neg->event_count; i++) {
        free(neg->events[i].changes);
        free(neg->events[i].detail);
    }
    for (size_t i = 0; i < neg->venue_count; i++)
        free(neg->venues[i]);
    free(neg->venues);
    for (size_t i = 0; i < neg->auto_venue_count; i++)
        free(neg->auto_venues[i]);
    free(neg->auto_venues);
    free(neg->events);
    free(neg->values);
    free(neg->agents);
    free(neg->standing);
    free(neg->text);
    free(neg->proposal);
    free(neg->agreement);
    free(neg->action_buf);
    free(neg->change_buf);
    free(neg->utility);
    free(neg->discounted);
    parley_mediator_free(neg->mediator);
    free(neg);
}

/* An agent's packages could not be sorted (view.c: index_failed): out of memory, said once. */
static int index_failure(const struct agent_slot *slot, parley_error *err)
{
    if (err && err->code == PARLEY_OK)
        parley_error_set(err, PARLEY_ENOMEM, "out of memory: agent '%s' could not sort its packages", slot->name);
    return PARLEY_ENOMEM;
}

int parley_negotiation_add_agent(parley_negotiation *neg, const parley_agent_vtable *vt, const char *params,
                                 parley_error *err)
{
    parley_error_clear(err);
    if (neg->agent_count >= neg->n)
        return parley_error_set(err, PARLEY_EINVAL, "the scenario has %zu negotiating parties; agent %zu is one too many",
                                neg->n, neg->agent_count + 1);
    if (!vt || vt->abi != PARLEY_AGENT_ABI || !vt->create || !vt->destroy || !vt->act)
        return parley_error_set(err, PARLEY_EINVAL, "agent %zu: not a valid agent (ABI %u expected, callbacks set)",
                                neg->agent_count + 1, PARLEY_AGENT_ABI);
    size_t k = neg->agent_count;
    struct agent_slot *slot = &neg->agents[k];
    int rc = view_init(neg, k, &slot->view);
    if (rc)
        return parley_error_set(err, rc, "out of memory");
    snprintf(slot->name, sizeof slot->name, "%s%s%s", vt->name ? vt->name : "agent", params && *params ? ":" : "",
             params ? params : "");
    void *state = NULL;
    rc = vt->create(&slot->view, params ? params : "", &state, err);
    if (slot->view.index_failed) { /* whatever the agent made of no packages at all */
        if (rc == 0)
            vt->destroy(state);
        parley_error_clear(err);
        rc = index_failure(slot, err);
    }
    if (rc) {
        view_free(&slot->view);
        if (err && err->code == PARLEY_OK)
            parley_error_set(err, rc, "agent '%s' could not start", slot->name);
        return rc < 0 ? rc : PARLEY_EINVAL;
    }
    slot->vt = vt;
    slot->state = state;
    neg->agent_count++;
    return PARLEY_OK;
}

int parley_negotiation_add_agent_spec(parley_negotiation *neg, const char *spec, parley_error *err)
{
    char name[256];
    const char *params;
    int rc = parley_agent_spec_split(spec, name, sizeof name, &params, err);
    if (rc)
        return rc;
    const parley_agent_vtable *vt = parley_agent_builtin(name);
    if (!vt) {
        const char *const *names = parley_agent_builtin_names();
        size_t n = 0;
        while (names[n])
            n++;
        const char *near = parley_nearest_word(name, names, n);
        char list[1024] = "";
        size_t used = 0;
        for (size_t i = 0; i < n && used < sizeof list; i++) /* every built-in, as `parley agents` lists them */
            used += (size_t)snprintf(list + used, sizeof list - used, "%s, ", names[i]);
        return parley_error_set(err, PARLEY_EINVAL, "unknown agent '%s' (%s%s%sexpected one of %sor a plug-in path)",
                                name, near ? "did you mean '" : "", near ? near : "", near ? "'? " : "", list);
    }
    return parley_negotiation_add_agent(neg, vt, params, err);
}

int parley_negotiation_share_index(parley_negotiation *neg, size_t k, const parley_package_index *idx,
                                   parley_error *err)
{
    if (k >= neg->agent_count)
        return parley_error_set(err, PARLEY_EINVAL, "party %zu has no agent yet (add the agents first)", k);
    if (!idx || idx->party != k || idx->space != neg->space)
        return parley_error_set(err, PARLEY_EINVAL, "the index was built for another party or scenario");
    struct parley_agent_view *v = &neg->agents[k].view;
    v->idx = idx;
    v->index_tried = 1;
    v->near_valid = 0;
    return PARLEY_OK;
}

void parley_negotiation_set_trace(parley_negotiation *neg, FILE *out)
{
    neg->trace = out;
}

/* --- The clock --- */

static double elapsed_seconds(const parley_negotiation *neg)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - neg->started.tv_sec) + 1e-9 * (double)(now.tv_nsec - neg->started.tv_nsec);
}

double neg_time_of(parley_negotiation *neg, long round)
{
    double t = 0;
    if (neg->cfg.clock == PARLEY_CLOCK_GENIUS && neg->cfg.rounds > 0)
        t = (double)round / (double)(neg->cfg.rounds + 1);
    else if (neg->cfg.rounds > 1)
        t = (double)(round - 1) / (double)(neg->cfg.rounds - 1);
    if (neg->cfg.seconds > 0) {
        double s = elapsed_seconds(neg) / neg->cfg.seconds;
        if (s > t)
            t = s;
    }
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

int neg_deadline_passed(parley_negotiation *neg, long round)
{
    if (neg->cfg.rounds > 0 && round > neg->cfg.rounds)
        return 1;
    return neg->cfg.seconds > 0 && elapsed_seconds(neg) >= neg->cfg.seconds;
}

void neg_set_round(parley_negotiation *neg, long round)
{
    neg->round = round;
    neg->t = neg_time_of(neg, round);
    neg->t_next = neg->cfg.rounds > 0 && round < neg->cfg.rounds ? neg_time_of(neg, round + 1) : neg->t;
    if (neg->t_next < neg->t)
        neg->t_next = neg->t;
    neg->rounds_used = round;
}

/* --- The event log --- */

static int grow(void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return PARLEY_OK;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *p = realloc(*array, n * elem);
    if (!p)
        return PARLEY_ENOMEM;
    *array = p;
    *cap = n;
    return PARLEY_OK;
}

int neg_log(parley_negotiation *neg, const struct event_in *in)
{
    if (grow((void **)&neg->events, &neg->event_cap, neg->event_count + 1, sizeof *neg->events))
        return PARLEY_ENOMEM;
    struct event_rec *e = &neg->events[neg->event_count];
    memset(e, 0, sizeof *e);
    e->kind = in->kind;
    e->round = neg->round;
    e->time = neg->t;
    e->party = in->party;
    e->to = in->to;
    e->vote = in->vote;
    e->session = neg->session;
    e->venue = neg->venue;
    e->outcome_off = NO_OUTCOME;
    e->sender_utility = NAN;
    if (in->outcome) {
        if (grow((void **)&neg->values, &neg->values_cap, neg->values_count + neg->issues, sizeof *neg->values))
            return PARLEY_ENOMEM;
        e->outcome_off = neg->values_count;
        memcpy(neg->values + neg->values_count, in->outcome, neg->issues * sizeof *neg->values);
        neg->values_count += neg->issues;
        if (in->party >= 0)
            e->sender_utility = parley_utility_eval(neg_utility(neg, (size_t)in->party), in->outcome);
    }
    if (in->change_count) {
        e->changes = malloc(in->change_count * sizeof *e->changes);
        if (!e->changes)
            return PARLEY_ENOMEM;
        memcpy(e->changes, in->changes, in->change_count * sizeof *e->changes);
        e->change_count = in->change_count;
    }
    if (in->detail && in->detail[0] && !(e->detail = strdup(in->detail))) {
        free(e->changes);
        return PARLEY_ENOMEM;
    }
    if (in->kind == PARLEY_EVENT_OFFER || in->kind == PARLEY_EVENT_AMENDMENT || in->kind == PARLEY_EVENT_PROPOSAL)
        neg->offers++;
    size_t index = neg->event_count++;
    if (view_publish(neg, index))
        return PARLEY_ENOMEM;
    if (neg->trace && !neg->trace_failed && parley_trace_write_event(neg, index, neg->trace, NULL))
        neg->trace_failed = 1;
    return PARLEY_OK;
}

size_t parley_negotiation_event_count(const parley_negotiation *neg)
{
    return neg->event_count;
}

int parley_negotiation_event(const parley_negotiation *neg, size_t i, parley_event *ev, double *sender_utility)
{
    if (i >= neg->event_count)
        return PARLEY_EINVAL;
    const struct event_rec *e = &neg->events[i];
    ev->kind = e->kind;
    ev->round = e->round;
    ev->time = e->time;
    ev->party = e->party;
    ev->to = e->to;
    ev->outcome = e->outcome_off == NO_OUTCOME ? NULL : neg->values + e->outcome_off;
    ev->changes = e->changes;
    ev->change_count = e->change_count;
    ev->vote = e->vote;
    ev->session = e->session;
    ev->venue = e->venue ? e->venue : "";
    ev->detail = e->detail ? e->detail : "";
    if (sender_utility)
        *sender_utility = e->sender_utility;
    return PARLEY_OK;
}

/* --- Agents' moves --- */

const parley_utility *neg_utility(const parley_negotiation *neg, size_t k)
{
    return parley_party_utility(neg->sc, parley_scenario_negotiator(neg->sc, k));
}

const char *neg_party_name(const parley_negotiation *neg, long party)
{
    if (party == PARLEY_MEDIATOR)
        return neg->mediator_name;
    if (party < 0 || (size_t)party >= neg->n)
        return "";
    return parley_party_name(neg->sc, parley_scenario_negotiator(neg->sc, (size_t)party));
}

int neg_ask(parley_negotiation *neg, size_t k, parley_request req, const uint32_t *initial, parley_action *act,
            parley_error *err)
{
    struct agent_slot *slot = &neg->agents[k];
    if (initial)
        memcpy(neg->action_buf, initial, neg->issues * sizeof *neg->action_buf);
    else
        parley_view_outcome_at_least(&slot->view, 2.0, neg->action_buf);
    act->kind = PARLEY_ACT_REJECT;
    act->outcome = neg->action_buf;
    act->changes = neg->change_buf;
    act->change_count = 0;
    act->change_capacity = neg->issues;
    int rc = slot->vt->act(slot->state, &slot->view, req, act);
    if (slot->view.index_failed && rc >= 0)
        return index_failure(slot, err);
    if (rc < 0 && err && err->code == PARLEY_OK)
        parley_error_set(err, rc, "agent '%s' of %s failed: %s", slot->name, neg_party_name(neg, (long)k),
                         parley_strerror(rc));
    return rc < 0 ? rc : PARLEY_OK;
}

const char *neg_package_problem(parley_negotiation *neg, size_t k, const uint32_t *outcome, int check_red_lines,
                                char *buf, size_t size)
{
    for (size_t i = 0; i < neg->issues; i++)
        if (outcome[i] >= parley_issue_value_count(neg->space, i)) {
            snprintf(buf, size, "value %u of issue '%s' is out of range", outcome[i],
                     parley_issue_name(neg->space, i));
            return buf;
        }
    if (!parley_scenario_feasible(neg->sc, outcome)) {
        snprintf(buf, size, "the package breaks a global constraint");
        return buf;
    }
    if (check_red_lines) {
        const char *red = parley_view_broken_red_line(&neg->agents[k].view, outcome);
        if (red) {
            snprintf(buf, size, "the package breaks its own red line '%s'", red);
            return buf;
        }
    }
    return NULL;
}

int neg_walk_away(parley_negotiation *neg, size_t k, const char *reason)
{
    struct event_in in = {PARLEY_EVENT_WALK_AWAY, (long)k, PARLEY_EVERYONE, NULL, NULL, 0, 0, reason};
    if (reason) {
        char buf[512];
        snprintf(buf, sizeof buf, "invalid action: %s", reason);
        in.detail = buf;
        return neg_log(neg, &in);
    }
    return neg_log(neg, &in);
}

void neg_finish(parley_negotiation *neg, const uint32_t *package, const char *ending)
{
    neg->ending = ending;
    neg->end_time = neg->t;
    neg->agreed = package != NULL;
    if (package)
        memcpy(neg->agreement, package, neg->issues * sizeof *package);
    for (size_t k = 0; k < neg->n; k++) {
        const parley_utility *u = neg_utility(neg, k);
        double v = package ? parley_utility_eval(u, package) : parley_utility_reservation_at(u, neg->t);
        neg->utility[k] = v;
        neg->discounted[k] = parley_utility_discounted(u, v, neg->t);
    }
}

int parley_negotiation_run(parley_negotiation *neg, parley_error *err)
{
    parley_error_clear(err);
    if (neg->ran)
        return parley_error_set(err, PARLEY_ESTATE, "this negotiation has already run");
    if (neg->agent_count != neg->n)
        return parley_error_set(err, PARLEY_EINVAL, "the scenario has %zu negotiating parties but %zu agents were given",
                                neg->n, neg->agent_count);
    neg->ran = 1;
    clock_gettime(CLOCK_MONOTONIC, &neg->started);
    int rc;
    switch (neg->cfg.protocol) {
    case PARLEY_PROTOCOL_SINGLE_TEXT: rc = protocol_run_single_text(neg, err); break;
    case PARLEY_PROTOCOL_SHUTTLE: rc = protocol_run_shuttle(neg, err); break;
    default: rc = protocol_run_alternating(neg, err); break;
    }
    if (rc == PARLEY_ENOMEM && (!err || err->code == PARLEY_OK))
        parley_error_set(err, rc, "out of memory");
    if (rc == PARLEY_OK && neg->trace_failed)
        rc = parley_error_set(err, PARLEY_EIO, "could not write the trace");
    return rc;
}

/* --- Results --- */

int parley_negotiation_agreed(const parley_negotiation *neg) { return neg->agreed; }
const uint32_t *parley_negotiation_agreement(const parley_negotiation *neg)
{
    return neg->agreed ? neg->agreement : NULL;
}
const char *parley_negotiation_ending(const parley_negotiation *neg) { return neg->ending; }
long parley_negotiation_rounds_used(const parley_negotiation *neg) { return neg->rounds_used; }
double parley_negotiation_end_time(const parley_negotiation *neg) { return neg->end_time; }
size_t parley_negotiation_party_count(const parley_negotiation *neg) { return neg->n; }
const char *parley_negotiation_agent_name(const parley_negotiation *neg, size_t k)
{
    return k < neg->agent_count ? neg->agents[k].name : "";
}
double parley_negotiation_utility(const parley_negotiation *neg, size_t k) { return neg->utility[k]; }
double parley_negotiation_discounted_utility(const parley_negotiation *neg, size_t k) { return neg->discounted[k]; }
uint64_t parley_negotiation_offer_count(const parley_negotiation *neg) { return neg->offers; }

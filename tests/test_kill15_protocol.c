/*
 * test_kill15_protocol.c: what each protocol does with a move it does not allow (alternating.c, single_text.c,
 * shuttle.c, session.c: neg_package_problem, neg_walk_away), and the negotiation's own refusals (session.c).
 *
 * A puppet agent plays a script of moves given by the test (accept, reject, an offer of a given package, an
 * amendment, walking away, or an action kind that does not exist), whatever it is asked.  The scenario: issues x
X
 * x != "a" and P1's x != "b".  An invalid move ends the talks at once: the mover walks away with the reason
 * "invalid action: <problem>", no agreement, the ending "walk_away", each party its reservation.  Worked by hand
 * from the rules of each protocol (docs/protocols.md):
 *
 * - alternating offers: accepting when no offer stands; a vote (reject) or an amendment as a move; an offer out of
 *   range ("value 2 of issue 'y' is out of range"), infeasible ("the package breaks a global constraint") or
 *   across the mover's own red line ("the package breaks its own red line 'not_a'", for P0 offering (a, 0));
 *   accepting a standing offer across one's own red line; walking away without a problem (no reason, the walk
 *   is the ending); a valid offer accepted is an agreement on it.
 * - single text: an offer as a vote; a yes to a proposal across one's red line; walking away from a proposal.
 * - shuttle: an amendment with no change, with an issue or a value that does not exist; an offer across one's
 *   red line; an unknown action kind (each: the session ends in "collapse"); a rejection keeps the party's
 *   position (the talks go on to the deadline, the session ends with "no_follow_up").
 * - the plot (plot.c): given an analysis it cannot use (one without plot data, or of three parties for a
 *   two-party negotiation) it draws as without one, byte for byte; with a usable one it draws more (the density);
 * - a party's packages in a space too large to index whole (22 two-valued issues, 2^22 > 2^21 packages: the
 *   index samples them, package_index.c): the samples keep only packages within its red lines, so boulware,
 *   whose utility is highest with i0 = 0 but whose red line is i0 == 1, opens with its best sample within the
 *   red line (i0 = 1, worth at most 1/2; the sample's first draw, the best value of every issue, breaks the red
 *   line and is left out) and never offers i0 = 0;
 * - what each party's view shows (view.c): the events addressed to everyone, to it, or sent by it, in order, and
 *   nothing else: in shuttle mediation the other party's amendments and offers to the mediator stay hidden (at
 *   its last move a puppet's events are the record's so filtered, a prefix of them);
 * - the runs of equal utility in a party's own sorted packages (view_levels.c): P0's packages within its red
 *   line and the constraint are (c, 0) worth 0, (b, 0) worth 1/4, (b, 1) worth 3/4 (positions 0, 1, 2); around
 *   1/4: below 0 at 0, at 1/4 at 1, above 3/4 at 2 (bits 3); around 0: nothing below (bits 2); around 3/4:
 *   nothing above (bits 1); 1/2, between: at is empty at position 2 (bits 3); -1 and 2, outside: at is empty at 0
 *   and at 3 (bits 2 and 1, the missing side -inf at 0 or +inf at 3); 1/4 again: the same; the ties of 3/4:
 *   one, (b, 1); of 1/2: none; and the chain of runs the view remembers, replaced by a shorter one that does not
 *   reach the list's end (a query above it is searched again, not answered from a stale slot);
 * - the negotiation: its record of an invalid first move (three events; none past the last); a third agent for
 *   two parties; running twice; the protocol name of an unknown kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

static const char scenario_json[] =
    "{\"issues\": [{\"name\": \"x\", \"type\": \"categorical\", \"values\": [\"a\", \"b\", \"c\"]},"
    "             {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 1}],"
    " \"constraints\": [{\"name\": \"cy\", \"rule\": \"y == 0 or x != \\\"c\\\"\"}],"
    " \"parties\": ["
    "  {\"name\": \"P0\", \"reservation\": 0.1, \"red_lines\": [{\"name\": \"not_a\", \"rule\": \"x != \\\"a\\\"\"}], \"preferences\": {"
    "     \"x\": {\"weight\": 0.5, \"values\": {\"a\": 1, \"b\": 0.5, \"c\": 0}},"
    "     \"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
    "  {\"name\": \"P1\", \"reservation\": 0.2, \"red_lines\": [{\"name\": \"not_b\", \"rule\": \"x != \\\"b\\\"\"}], \"preferences\": {"
    "     \"x\": {\"weight\": 0.5, \"values\": {\"a\": 0, \"b\": 0.5, \"c\": 1}},"
    "     \"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";

/* One move of the puppet: an action kind (or 99: no such kind), a package (offer) or changes (amend). */
typedef struct move {
    int kind;
    uint32_t x, y;              /* the offer */
    size_t changes;             /* amend: how many */
    uint32_t issue, value;      /* amend: the first change (the others repeat it) */
} move;

#define ACCEPT {PARLEY_ACT_ACCEPT, 0, 0, 0, 0, 0}
#define REJECT {PARLEY_ACT_REJECT, 0, 0, 0, 0, 0}
#define WALK {PARLEY_ACT_WALK_AWAY, 0, 0, 0, 0, 0}
#define OFFER(x, y) {PARLEY_ACT_OFFER, x, y, 0, 0, 0}
#define AMEND(n, i, v) {PARLEY_ACT_AMEND, 0, 0, n, i, v}

/* Each party's script (the last move repeats), read by the puppet's state: its party number and move count. */
static const move *scripts[2];
static size_t script_len[2];
static size_t created;

typedef struct puppet {
    size_t party, moves;
} puppet;

static int puppet_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    puppet *p = calloc(1, sizeof *p);
    if (!p)
        return PARLEY_ENOMEM;
    p->party = created++;
    *state = p;
    return PARLEY_OK;
}

static void puppet_destroy(void *state)
{
    free(state);
}

/* What each puppet saw at its last move: its view's events (kind, sender, addressee). */
#define SEEN_MAX 512
static struct seen {
    int kind;
    long party, to;
} seen[2][SEEN_MAX];
static size_t seen_count[2];

/* With levels_asked, P0's first move asks its view for the runs around each of levels_x (recorded, not checked). */
#define LEVELS_N 7
static const double *levels_x;
static int levels_asked;
static struct levels_seen {
    int bits;
    parley_outcome_level below, at, above;
} levels_seen[LEVELS_N];
static long ties_seen[2];
static uint32_t tie_values[2];

static int puppet_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    (void)request;
    puppet *p = state;
    if (levels_asked && p->party == 0 && p->moves == 0) {
        for (size_t i = 0; i < LEVELS_N && !isnan(levels_x[i]); i++) {
            struct levels_seen *l = &levels_seen[i];
            l->bits = parley_view_outcome_levels(v, levels_x[i], &l->below, &l->at, &l->above);
        }
        ties_seen[0] = parley_view_outcome_ties(v, 0.75, tie_values, 1);
        ties_seen[1] = parley_view_outcome_ties(v, 0.5, tie_values, 1);
    }
    seen_count[p->party] = 0;
    for (size_t i = 0; i < parley_view_event_count(v) && i < SEEN_MAX; i++) {
        parley_event ev;
        if (parley_view_event(v, i, &ev) == PARLEY_OK)
            seen[p->party][seen_count[p->party]++] = (struct seen){(int)ev.kind, ev.party, ev.to};
    }
    size_t len = script_len[p->party];
    const move *m = &scripts[p->party][p->moves < len ? p->moves : len - 1];
    p->moves++;
    act->kind = (parley_action_kind)m->kind;
    act->outcome[0] = m->x;
    act->outcome[1] = m->y;
    act->change_count = m->changes;
    for (size_t j = 0; j < m->changes && j < act->change_capacity; j++) {
        act->changes[j].issue = m->issue;
        act->changes[j].value = m->value;
        snprintf(act->changes[j].reason, sizeof act->changes[j].reason, "puppet");
    }
    return PARLEY_OK;
}

static const parley_agent_vtable puppet_agent = {PARLEY_AGENT_ABI, "puppet", "plays the test's script",
                                                 puppet_create, puppet_destroy, puppet_act};

static parley_scenario *kept_scenario;
static const char *scenario_text = scenario_json; /* what play() negotiates over */

static parley_scenario *scenario(void)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(scenario_text, strlen(scenario_text), "puppets.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return sc;
}

/* Runs the two puppets' scripts under `protocol` for `rounds` rounds; returns the trace (caller frees). */
static char *play(parley_protocol_kind protocol, long rounds, const move *s0, size_t n0, const move *s1, size_t n1,
                  parley_negotiation **kept)
{
    parley_scenario *sc = scenario();
    scripts[0] = s0, script_len[0] = n0;
    scripts[1] = s1, script_len[1] = n1;
    created = 0;
    seen_count[0] = seen_count[1] = 0;
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.protocol = protocol;
    cfg.rounds = rounds;
    parley_negotiation *neg = NULL;
    parley_error err;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    for (int k = 0; k < 2; k++)
        assert_int_equal(parley_negotiation_add_agent(neg, &puppet_agent, "", &err), PARLEY_OK);
    char *trace = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&trace, &size);
    assert_non_null(out);
    parley_negotiation_set_trace(neg, out);
    if (parley_negotiation_run(neg, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    parley_negotiation_set_trace(neg, NULL);
    fclose(out);
    if (kept) {
        *kept = neg; /* the caller frees it, then kept_scenario */
        kept_scenario = sc;
        return trace;
    }
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return trace;
}

/* The last two lines of a trace that ended with party `who` walking away for `reason` (NULL: no reason) in
   `round`, the session ending with `outcome`. */
static void expect_session_walk(const char *trace, const char *who, long round, const char *reason,
                                const char *outcome)
{
    char want[512];
    const char *tail = strstr(trace, "{\"event\":\"walk_away\"");
    if (!tail)
        fail_msg("no walk-away in\n%s", trace);
    if (reason)
        snprintf(want, sizeof want, "\"party\":\"%s\",\"to\":\"everyone\",\"reason\":\"invalid action: %s\"}\n", who,
                 reason);
    else
        snprintf(want, sizeof want, "\"party\":\"%s\",\"to\":\"everyone\"}\n", who);
    const char *line_end = strchr(tail, '\n');
    if (!strstr(tail, want) || strstr(tail, want) > line_end)
        fail_msg("wanted ...%s in\n%s", want, trace);
    char head[64];
    snprintf(head, sizeof head, "{\"event\":\"walk_away\",\"round\":%ld,", round);
    if (strncmp(tail, head, strlen(head)) != 0)
        fail_msg("wanted the walk-away in round %ld:\n%s", round, trace);
    snprintf(want, sizeof want, "{\"event\":\"session_end\",\"round\":%ld,", round);
    char end[64];
    snprintf(end, sizeof end, "\"outcome\":\"%s\"}\n", outcome);
    if (strstr(line_end + 1, want) != line_end + 1 || !strstr(line_end + 1, end) ||
        strstr(trace, "\"event\":\"agreement\""))
        fail_msg("wanted the session to end at the walk-away, without agreement:\n%s", trace);
}

static void expect_walk(const char *trace, const char *who, long round, const char *reason)
{
    expect_session_walk(trace, who, round, reason, "walk_away");
}

/* Plays the scripts under `protocol` for `rounds` rounds: party `who` walks away in `round` for `reason` and the
   session ends with `outcome` (expect_session_walk). */
static void plays_to_walk(parley_protocol_kind protocol, long rounds, const move *s0, size_t n0, const move *s1,
                          size_t n1, const char *who, long round, const char *reason, const char *outcome)
{
    char *trace = play(protocol, rounds, s0, n0, s1, n1, NULL);
    expect_session_walk(trace, who, round, reason, outcome);
    free(trace);
}

static void alternating(const move *s0, size_t n0, const move *s1, size_t n1, const char *who, long round,
                        const char *reason)
{
    plays_to_walk(PARLEY_PROTOCOL_ALTERNATING, 5, s0, n0, s1, n1, who, round, reason, "walk_away");
}

static void test_alternating_invalid_moves(void **state)
{
    (void)state;
    static const move accept[] = {ACCEPT}, reject[] = {REJECT}, amend[] = {AMEND(1, 0, 1)};
    static const move offer_b0[] = {OFFER(1, 0)}, out_of_range[] = {OFFER(1, 2)}, infeasible[] = {OFFER(2, 1)};
    static const move own_red_line[] = {OFFER(0, 0)}, walk[] = {WALK}, kind99[] = {{99, 0, 0, 0, 0, 0}};
    /* P0 opens by accepting: nothing stands */
    alternating(accept, 1, offer_b0, 1, "P0", 1, "accepts when no offer stands");
    /* a vote or an amendment is no move here, nor an unknown kind */
    alternating(reject, 1, offer_b0, 1, "P0", 1, "votes and amendments are not moves in alternating offers");
    alternating(offer_b0, 1, amend, 1, "P1", 1, "votes and amendments are not moves in alternating offers");
    alternating(kind99, 1, offer_b0, 1, "P0", 1, "votes and amendments are not moves in alternating offers");
    /* offers that cannot be made */
    alternating(out_of_range, 1, offer_b0, 1, "P0", 1, "value 2 of issue 'y' is out of range");
    alternating(infeasible, 1, offer_b0, 1, "P0", 1, "the package breaks a global constraint");
    alternating(own_red_line, 1, offer_b0, 1, "P0", 1, "the package breaks its own red line 'not_a'");
    /* P0 offers (b, 0), across P1's red line: P1's acceptance is invalid */
    alternating(offer_b0, 1, accept, 1, "P1", 1, "the package breaks its own red line 'not_b'");
    /* P0 offers (b, 0), P1 counters (c, 0), P0 repeats (b, 0) in round 2, P1 walks away: no reason */
    static const move p0[] = {OFFER(1, 0)}, p1[] = {OFFER(2, 0), WALK};
    alternating(p0, 1, p1, 2, "P1", 2, NULL);
    alternating(walk, 1, p1, 2, "P0", 1, NULL);
    /* a valid offer accepted: (c, 0) is worth 0 to P0 but within its red lines; P1 offers, P0 accepts in round 2 */
    static const move q0[] = {OFFER(1, 1), ACCEPT}, q1[] = {OFFER(2, 0)};
    char *trace = play(PARLEY_PROTOCOL_ALTERNATING, 5, q0, 2, q1, 1, NULL);
    assert_non_null(strstr(trace, "{\"event\":\"accept\",\"round\":2,\"time\":0.25,\"party\":\"P0\",\"to\":\"everyone\","
                                  "\"package\":{\"x\":\"c\",\"y\":0},\"utility\":0}\n"
                                  "{\"event\":\"agreement\",\"round\":2,\"time\":0.25,\"party\":null,"
                                  "\"package\":{\"x\":\"c\",\"y\":0},\"utilities\":{\"P0\":0,\"P1\":1}}\n"));
    free(trace);
}

static void test_single_text_invalid_moves(void **state)
{
    (void)state;
    static const move offer[] = {OFFER(1, 0)}, yes[] = {ACCEPT}, no[] = {REJECT}, walk[] = {WALK};
    /* the first proposal asks for votes: an offer is no vote */
    plays_to_walk(PARLEY_PROTOCOL_SINGLE_TEXT, 6, offer, 1, yes, 1, "P0", 1,
                  "only a yes or no vote, or walking away, answers a proposal", "walk_away");
    /* both vote yes: the mediator's first proposal, (b, 1), crosses P1's red line (P0's yes is counted first) */
    char *trace = play(PARLEY_PROTOCOL_SINGLE_TEXT, 6, yes, 1, yes, 1, NULL);
    assert_non_null(strstr(trace, "{\"event\":\"vote\",\"round\":1,\"time\":0,\"party\":\"P0\",\"to\":\"mediator\","
                                  "\"package\":{\"x\":\"b\",\"y\":1},\"utility\":0.75,\"vote\":\"yes\"}\n"));
    expect_walk(trace, "P1", 1, "the package breaks its own red line 'not_b'");
    free(trace);
    /* walking away from a proposal: no reason */
    plays_to_walk(PARLEY_PROTOCOL_SINGLE_TEXT, 6, no, 1, walk, 1, "P1", 1, NULL, "walk_away");
    /* voting no throughout: the deadline's call to ratify is answered no by both: no agreement, "deadline" */
    trace = play(PARLEY_PROTOCOL_SINGLE_TEXT, 3, no, 1, no, 1, NULL);
    assert_null(strstr(trace, "walk_away"));
    assert_null(strstr(trace, "\"event\":\"agreement\""));
    assert_non_null(strstr(trace, "\"party\":\"P0\",\"to\":\"everyone\""));
    assert_non_null(strstr(trace, "\"outcome\":\"deadline\"}\n"));
    free(trace);
}

static void test_shuttle_invalid_moves(void **state)
{
    (void)state;
    static const move none[] = {AMEND(0, 0, 0)}, bad_issue[] = {AMEND(1, 2, 0)}, bad_value[] = {AMEND(1, 1, 2)};
    static const move red[] = {OFFER(0, 0)}, kind99[] = {{99, 0, 0, 0, 0, 0}}, no[] = {REJECT};
    plays_to_walk(PARLEY_PROTOCOL_SHUTTLE, 4, none, 1, no, 1, "P0", 1,
                  "an amendment needs one to one-per-issue changes", "collapse");
    plays_to_walk(PARLEY_PROTOCOL_SHUTTLE, 4, no, 1, bad_issue, 1, "P1", 1,
                  "an amendment changes an issue or value that does not exist", "collapse");
    plays_to_walk(PARLEY_PROTOCOL_SHUTTLE, 4, bad_value, 1, no, 1, "P0", 1,
                  "an amendment changes an issue or value that does not exist", "collapse");
    plays_to_walk(PARLEY_PROTOCOL_SHUTTLE, 4, red, 1, no, 1, "P0", 1, "the package breaks its own red line 'not_a'",
                  "collapse");
    plays_to_walk(PARLEY_PROTOCOL_SHUTTLE, 4, no, 1, kind99, 1, "P1", 1, "votes are not answers to the mediator's text",
                  "collapse");
    /* rejections throughout: no one walks, no agreement, the session closes at the deadline without a follow-up */
    char *trace = play(PARLEY_PROTOCOL_SHUTTLE, 4, no, 1, no, 1, NULL);
    assert_null(strstr(trace, "walk_away"));
    assert_null(strstr(trace, "\"event\":\"agreement\""));
    assert_non_null(strstr(trace, "\"round\":4,\"time\":1,\"session\":1,\"venue\":\"venue 1\",\"party\":null,\"outcome\":\"no_follow_up\"}\n"));
    free(trace);
}

static void test_negotiation_refusals(void **state)
{
    (void)state;
    static const move no[] = {REJECT};
    parley_negotiation *neg = NULL;
    char *trace = play(PARLEY_PROTOCOL_ALTERNATING, 2, no, 1, no, 1, &neg);
    free(trace);
    /* P0's first move, a rejection, is invalid: the record is the start, the walk-away and the end */
    assert_int_equal(parley_negotiation_event_count(neg), 3);
    parley_event ev;
    assert_int_equal(parley_negotiation_event(neg, 2, &ev, NULL), PARLEY_OK);
    assert_int_equal(ev.kind, PARLEY_EVENT_SESSION_END);
    assert_string_equal(ev.detail, "walk_away");
    assert_int_equal(parley_negotiation_event(neg, 1, &ev, NULL), PARLEY_OK);
    assert_int_equal(ev.kind, PARLEY_EVENT_WALK_AWAY);
    assert_int_equal(ev.party, 0);
    assert_string_equal(ev.detail, "invalid action: votes and amendments are not moves in alternating offers");
    assert_int_equal(parley_negotiation_event(neg, 3, &ev, NULL), PARLEY_EINVAL);
    assert_string_equal(parley_negotiation_ending(neg), "walk_away");
    assert_int_equal(parley_negotiation_agreed(neg), 0);
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_ESTATE);
    assert_string_equal(err.message, "this negotiation has already run");
    parley_negotiation_free(neg);
    /* a third agent for two parties */
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    assert_int_equal(parley_negotiation_new(kept_scenario, &cfg, &neg, &err), PARLEY_OK);
    for (int k = 0; k < 2; k++)
        assert_int_equal(parley_negotiation_add_agent(neg, &puppet_agent, "", &err), PARLEY_OK);
    parley_error_clear(&err);
    assert_int_equal(parley_negotiation_add_agent(neg, &puppet_agent, "", &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the scenario has 2 negotiating parties; agent 3 is one too many");
    parley_negotiation_free(neg);
    parley_scenario_free(kept_scenario);
    assert_string_equal(parley_protocol_name((parley_protocol_kind)99), "?");
    assert_string_equal(parley_protocol_name(PARLEY_PROTOCOL_SHUTTLE), "shuttle");
}

/* The negotiation's SVG with analysis `a` (may be NULL), as a string (caller frees). */
static char *plot_with(const parley_negotiation *neg, const parley_analysis *a)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    parley_error err;
    if (parley_negotiation_write_svg(neg, a, out, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    fclose(out);
    return text;
}

static parley_analysis *analysis_of(const char *file, unsigned bins, parley_scenario **sc)
{
    parley_error err;
    assert_int_equal(parley_scenario_load(file, sc, &err), PARLEY_OK);
    parley_analysis_options o = {.plot_bins = bins};
    parley_analysis *a = NULL;
    assert_int_equal(parley_analyze(*sc, &o, &a, &err), PARLEY_OK);
    return a;
}

static void test_plot_with_unusable_analysis(void **state)
{
    (void)state;
    static const move q0[] = {OFFER(1, 1), ACCEPT}, q1[] = {OFFER(2, 0)};
    parley_negotiation *neg = NULL;
    free(play(PARLEY_PROTOCOL_ALTERNATING, 5, q0, 2, q1, 1, &neg));
    parley_scenario *flat = NULL, *own = NULL, *own_plain = NULL;
    parley_analysis *three = analysis_of(PARLEY_SOURCE_DIR "/examples/textbook-flatmates.json", 40, &flat);
    parley_analysis *no_bins = NULL, *usable = NULL;
    parley_error err;
    parley_analysis_options plain = {.plot_bins = 0}, bins = {.plot_bins = 40};
    assert_int_equal(parley_scenario_parse(scenario_json, strlen(scenario_json), "puppets.json", &own, &err), PARLEY_OK);
    assert_int_equal(parley_scenario_parse(scenario_json, strlen(scenario_json), "puppets.json", &own_plain, &err),
                     PARLEY_OK);
    assert_int_equal(parley_analyze(own_plain, &plain, &no_bins, &err), PARLEY_OK);
    assert_int_equal(parley_analyze(own, &bins, &usable, &err), PARLEY_OK);
    char *none = plot_with(neg, NULL), *foreign = plot_with(neg, three), *binless = plot_with(neg, no_bins);
    char *drawn = plot_with(neg, usable);
    assert_string_equal(foreign, none);
    assert_string_equal(binless, none);
    assert_non_null(strstr(none, "frontiers not computed: space too large"));
    assert_null(strstr(drawn, "frontiers not computed"));
    assert_non_null(strstr(drawn, "Pareto frontier of all outcomes"));
    free(none), free(foreign), free(binless), free(drawn);
    parley_analysis_free(three), parley_analysis_free(no_bins), parley_analysis_free(usable);
    parley_scenario_free(flat), parley_scenario_free(own), parley_scenario_free(own_plain);
    parley_negotiation_free(neg);
    parley_scenario_free(kept_scenario);
}

static void test_sampled_index_keeps_red_lines(void **state)
{
    (void)state;
    enum { ISSUES = 22 };
    char *text = malloc(16384);
    assert_non_null(text);
    size_t len = (size_t)sprintf(text, "{\"issues\": [");
    for (int i = 0; i < ISSUES; i++)
        len += (size_t)sprintf(text + len, "%s{\"name\": \"i%d\", \"type\": \"integer\", \"min\": 0, \"max\": 1}",
                               i ? ", " : "", i);
    len += (size_t)sprintf(text + len, "], \"parties\": [");
    for (int k = 0; k < 2; k++) {
        len += (size_t)sprintf(text + len, "%s{\"name\": \"P%d\", %s\"preferences\": {", k ? ", " : "", k,
                               k == 0 ? "\"red_lines\": [{\"name\": \"keep\", \"rule\": \"i0 == 1\"}], " : "");
        for (int i = 0; i < ISSUES; i++) {
            /* P0: i0 worth 1/2 at 0, every other issue 1/42 at 1; P1: the opposite on every issue */
            double w = i == 0 ? 0.5 : 0.5 / (ISSUES - 1);
            int at_min = k == 0 ? i == 0 : i != 0;
            len += (size_t)sprintf(text + len,
                                   "%s\"i%d\": {\"weight\": %.17g, \"function\": {\"type\": \"linear\", "
                                   "\"at_min\": %d, \"at_max\": %d}}",
                                   i ? ", " : "", i, w, at_min, 1 - at_min);
        }
        len += (size_t)sprintf(text + len, "}}");
    }
    sprintf(text + len, "]}");
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(text, strlen(text), "sampled.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    free(text);
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 6;
    parley_negotiation *neg = NULL;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "boulware", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "hardliner", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    size_t offers = 0;
    for (size_t e = 0; e < parley_negotiation_event_count(neg); e++) {
        parley_event ev;
        double u;
        assert_int_equal(parley_negotiation_event(neg, e, &ev, &u), PARLEY_OK);
        assert_true(ev.kind != PARLEY_EVENT_WALK_AWAY);
        if (ev.kind != PARLEY_EVENT_OFFER || ev.party != 0)
            continue;
        assert_int_equal(ev.outcome[0], 1);
        if (offers++ == 0) /* its best sample within the red line: at most 1/2, near it (a few of 21 issues off) */
            assert_true(u <= 0.5 + 1e-12 && u >= 0.5 - 5.0 / 42);
    }
    assert_int_equal(offers, 6);
    assert_string_equal(parley_negotiation_ending(neg), "deadline");
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

static void test_views_show_only_their_events(void **state)
{
    (void)state;
    /* shuttle: P0 amends y to 1 each time, P1 offers (c, 0), both private answers to the mediator; alternating:
       P0 offers (b, 0), P1 (c, 0), in public */
    static const move p0[] = {AMEND(1, 1, 1)}, p1[] = {OFFER(2, 0)}, p0_alternating[] = {OFFER(1, 0)};
    static const parley_protocol_kind protocols[] = {PARLEY_PROTOCOL_SHUTTLE, PARLEY_PROTOCOL_ALTERNATING};
    for (size_t q = 0; q < 2; q++) {
        parley_negotiation *neg = NULL;
        free(play(protocols[q], 4, q == 0 ? p0 : p0_alternating, 1, p1, 1, &neg));
        size_t hidden = 0;
        for (size_t k = 0; k < 2; k++) {
            size_t at = 0;
            for (size_t i = 0; i < parley_negotiation_event_count(neg) && at < seen_count[k]; i++) {
                parley_event ev;
                assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
                int visible = ev.to == PARLEY_EVERYONE || ev.party == (long)k || ev.to == (long)k;
                hidden += !visible;
                if (!visible)
                    continue;
                if (seen[k][at].kind != (int)ev.kind || seen[k][at].party != ev.party || seen[k][at].to != ev.to)
                    fail_msg("protocol %zu, party %zu: its event %zu is not the record's event %zu", q, k, at, i);
                at++;
            }
            assert_int_equal(at, seen_count[k]);
            assert_true(seen_count[k] > 1);
        }
        if (q == 0)
            assert_true(hidden > 0); /* shuttle: some events were private */
        parley_negotiation_free(neg);
        parley_scenario_free(kept_scenario);
    }
}

static void test_levels_of_own_packages(void **state)
{
    (void)state;
    static const move p0[] = {OFFER(1, 0)}, p1[] = {OFFER(2, 0)};
    static const double xs[LEVELS_N] = {0.25, 0, 0.75, 0.5, -1, 2, 0.25};
    levels_x = xs;
    levels_asked = 1;
    free(play(PARLEY_PROTOCOL_ALTERNATING, 2, p0, 1, p1, 1, NULL));
    levels_asked = 0;
    static const struct levels_seen want[LEVELS_N] = {
        {3, {0, 0, 1}, {0.25, 1, 1}, {0.75, 2, 1}},         {2, {-INFINITY, 0, 0}, {0, 0, 1}, {0.25, 1, 1}},
        {1, {0.25, 1, 1}, {0.75, 2, 1}, {INFINITY, 3, 0}},   {3, {0.25, 1, 1}, {0.5, 2, 0}, {0.75, 2, 1}},
        {2, {-INFINITY, 0, 0}, {-1, 0, 0}, {0, 0, 1}},       {1, {0.75, 2, 1}, {2, 3, 0}, {INFINITY, 3, 0}},
        {3, {0, 0, 1}, {0.25, 1, 1}, {0.75, 2, 1}},
    };
    for (size_t i = 0; i < LEVELS_N; i++) {
        const struct levels_seen *g = &levels_seen[i], *w = &want[i];
        const parley_outcome_level *gl[3] = {&g->below, &g->at, &g->above}, *wl[3] = {&w->below, &w->at, &w->above};
        if (g->bits != w->bits)
            fail_msg("around %g: bits %d, wanted %d", levels_x[i], g->bits, w->bits);
        for (int j = 0; j < 3; j++)
            if (gl[j]->utility != wl[j]->utility || gl[j]->first != wl[j]->first || gl[j]->count != wl[j]->count)
                fail_msg("around %g, run %d: (%g, %zu, %zu), wanted (%g, %zu, %zu)", levels_x[i], j, gl[j]->utility,
                         gl[j]->first, gl[j]->count, wl[j]->utility, wl[j]->first, wl[j]->count);
    }
    assert_int_equal(ties_seen[0], 1);
    assert_int_equal(tie_values[0], 1); /* (b, 1): x = b */
    assert_int_equal(tie_values[1], 1);
    assert_int_equal(ties_seen[1], 0);
}

/*
 * The chain of runs a view remembers (view_levels.c, recall_levels): P0's packages worth 0, 1/3, 2/3, 1
 * (positions 0..3).  Asked about 1: the chain is the runs of 2/3 and 1 (below, at).  Asked about -1: the run of 0
 * (above), which does not touch the chain, replaces it (one run; the slot after it still holds the old run of 1,
 * which ends the list).  Asked about 1/2: it lies above the whole chain, which does not reach the list's end, so
 * the runs must be searched again: below 1/3 at 1, at 1/2 empty at 2, above 2/3 at 2 (bits 3), not "nothing
 * above" from the stale slot.
 */
static void test_levels_chain_not_reaching_the_end(void **state)
{
    (void)state;
    static const char four[] =
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 0},"
        "             {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 3}],"
        " \"parties\": ["
        "  {\"name\": \"P0\", \"preferences\": {\"y\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
        "\"at_min\": 0, \"at_max\": 1}}}},"
        "  {\"name\": \"P1\", \"preferences\": {\"y\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
        "\"at_min\": 1, \"at_max\": 0}}}}]}";
    static const double xs[LEVELS_N] = {1, -1, 0.5, NAN};
    static const move p0[] = {OFFER(0, 3)}, p1[] = {OFFER(0, 0)};
    scenario_text = four;
    levels_x = xs;
    levels_asked = 1;
    free(play(PARLEY_PROTOCOL_ALTERNATING, 2, p0, 1, p1, 1, NULL));
    levels_asked = 0;
    scenario_text = scenario_json;
    const struct levels_seen *g = &levels_seen[2];
    assert_int_equal(levels_seen[0].bits, 1);
    assert_int_equal(levels_seen[1].bits, 2);
    assert_int_equal(g->bits, 3);
    assert_int_equal(g->below.first, 1);
    assert_int_equal(g->at.first, 2);
    assert_int_equal(g->at.count, 0);
    assert_int_equal(g->above.first, 2);
    assert_float_equal(g->above.utility, 2.0 / 3, 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alternating_invalid_moves),
        cmocka_unit_test(test_single_text_invalid_moves),
        cmocka_unit_test(test_shuttle_invalid_moves),
        cmocka_unit_test(test_negotiation_refusals),
        cmocka_unit_test(test_plot_with_unusable_analysis),
        cmocka_unit_test(test_sampled_index_keeps_red_lines),
        cmocka_unit_test(test_views_show_only_their_events),
        cmocka_unit_test(test_levels_of_own_packages),
        cmocka_unit_test(test_levels_chain_not_reaching_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill14_agents.c: agent behaviours pinned at their boundaries (round 14, seed-141 probe of src/agents):
 *   - agent_acceptable (agent_common.c): a package worth exactly the reservation value is acceptable, one a step
 *     below is not;
 *   - the time-dependent target at t = 0, t = 1, outside [0, 1], for e = 0, 0.5, 1, 2 and k > 0, by hand; the
 *     winners' phase boundaries (AgreeableAgent2018 at 0.2 and 0.99, Caduceus at 0.83); Java's min and max with
 *     a NaN; PonPokoAgent's strict acceptance at its lower threshold;
 *   - boulware and conceder (GENIUS's bid nearest the target) offer and accept a package below their
 *     reservation value when it is nearest their floor; linear neither offers nor accepts it;
 *   - agent-m reads an offer only when every value is an integer in 0..9 (the original's value counts): an offer
 *     holding 10 or -1 makes it accept at once (the original throws and accepts), 9 and 0 do not;
 *   - agent-m's annealing at its last step (temperature 0): a step to an equally good bid is still taken
 *     (probability 1), a worse one never (exp(-inf) = 0);
 *   - agent-m opens with its best package (its random search keeps the best package drawn);
 *   - ponpoko bids within its band (pattern 1: 1 - 0.22 t .. 1; pattern 0: at most 1 - 0.1 t);
 *   - an agent parameter's value fits in 31 characters (registry.c): 31 reach the component, 32 are refused;
 *   - a number that is not one in a BOA component's key or a port's hidden generator count: refused by name;
 *     every agent's destroy takes NULL;
 *   - micro walks away at once when no package reaches its reservation value, and offers its best when the best
 *     is worth exactly that; it concedes one package per new offer, down to its reservation value;
 *   - preference uncertainty: a space of 3^40 packages can be numbered, 3^41 cannot (more than 2^64); a
 *     non-additive profile is refused by name; the perfect model counts the bids it is shown and changes nothing;
 *     a model's accuracy series: as many points as offers at most, none for a party that is not there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <parley/uncertainty.h>
#include <stdio.h>

#include "agent_probe.h"
#include "agents/agent_common.h"
#include "agents/anac_classic.h"
#include "agents/anac_winners.h"

/* x in LO..HI (one integer issue), linear for P0 from `at_lo` to `at_hi` (EXTRA: more of P0's keys), the reverse
   for P1. */
static parley_scenario *line_scenario(int lo, int hi, double at_lo, double at_hi, const char *extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": %d, \"max\": %d}],"
             " \"parties\": [{\"name\": \"P0\", %s \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": %.17g, \"at_max\": %.17g}}}},"
             "  {\"name\": \"P1\", \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": %.17g, \"at_max\": %.17g}}}}]}",
             lo, hi, extra, at_lo, at_hi, at_hi, at_lo);
    return probe_scenario(text);
}

/* --- agent_acceptable at the reservation value --- */

static int acceptable[5];
static double eval_of[5];
static int acceptable_calls;

static void acceptable_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    for (uint32_t x = 0; x < 5; x++) {
        acceptable[x] = agent_acceptable(v, &x);
        eval_of[x] = parley_view_eval(v, &x);
    }
    acceptable_calls++;
}

/* x in 0..4 worth x / 4 to P0 (exact in binary), reservation 0.5: x = 2 is worth exactly the reservation and is
   acceptable (>=), x = 1 (0.25) is not, x = 3 and 4 are. */
static void test_acceptable_exactly_at_reservation(void **state)
{
    (void)state;
    parley_scenario *sc = line_scenario(0, 4, 0, 1, "\"reservation\": 0.5,");
    acceptable_calls = 0;
    probe_script_pair(sc, 0, acceptable_hook);
    parley_scenario_free(sc);
    assert_int_equal(acceptable_calls, 1);
    static const int want[5] = {0, 0, 1, 1, 1};
    for (int x = 0; x < 5; x++) {
        if (eval_of[x] != x / 4.0)
            fail_msg("x = %d is worth %.17g, expected %g", x, eval_of[x], x / 4.0);
        if (acceptable[x] != want[x])
            fail_msg("x = %d (worth %g, reservation 0.5): acceptable %d, expected %d", x, x / 4.0, acceptable[x],
                     want[x]);
    }
}

/* --- the time-dependent target (Faratin et al.): pmin + (pmax - pmin)(1 - k - (1 - k) t^(1/e)) --- */

static void test_time_dependent_target_by_hand(void **state)
{
    (void)state;
    static const struct {
        double t, e, k, pmin, pmax, want;
    } cases[] = {
        {0, 0.2, 0, 0.4, 0.9, 0.9},          /* t = 0: its best */
        {1, 0.2, 0, 0.4, 0.9, 0.4},          /* t = 1: its floor */
        {-0.5, 0.2, 0, 0.4, 0.9, 0.9},       /* times outside [0, 1] are taken at their end */
        {1.5, 0.2, 0, 0.4, 0.9, 0.4},
        {0.5, 1, 0, 0.4, 0.9, 0.65},         /* linear: halfway */
        {0.25, 2, 0, 0, 1, 0.5},             /* conceder: 1 - 0.25^(1/2) */
        {0.25, 0.5, 0, 0, 1, 0.9375},        /* 1 - 0.25^2 */
        {0, 1, 0.2, 0, 1, 0.8},              /* k: conceded at once */
        {0.5, 1, 0.2, 0, 1, 0.4},            /* 1 - (0.2 + 0.8 * 0.5) */
        {1, 0, 0, 0.4, 0.9, 0.9},            /* e = 0 (hardliner): F = k = 0, its best at the end too */
        {0.5, 0, 0.5, 0, 1, 0.5},            /* e = 0: F = k */
        {0.5, 1, 0, 0.9, 0.4, 0.4},          /* a floor above the best is the best */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double got = agent_td_target(cases[i].t, cases[i].e, cases[i].k, cases[i].pmin, cases[i].pmax);
        if (!(fabs(got - cases[i].want) <= 1e-12))
            fail_msg("case %zu (t %g, e %g, k %g, pmin %g, pmax %g): %.17g, expected %g", i, cases[i].t, cases[i].e,
                     cases[i].k, cases[i].pmin, cases[i].pmax, got, cases[i].want);
    }
}

/* The phase boundaries of the winners: AgreeableAgent2018's band opens at t = 0.2 exactly (0.05 (1 - (0.2 + 0.8
   (1 - 0.2^10))) = 0.04 * 0.2^10), its target is still its best there; from t = 0.99 it accepts an offer worth
   exactly its reservation value; Caduceus offers its best until 0.83 df, not at 0.83 (df = 1). */
static void test_winners_phase_boundaries(void **state)
{
    (void)state;
    assert_true(agreeable_neighbourhood(0.1999, 0.2, 1) == 0);
    assert_float_equal(agreeable_neighbourhood(0.2, 0.2, 1), 0.04 * pow(0.2, 10), 1e-16); /* 4.096e-9 less a rounding */
    assert_true(agreeable_neighbourhood(0.2, 0.2, 1) > 0);
    assert_float_equal(agreeable_target(0.2, 0.2, 1), 1, 1e-15);
    assert_true(agreeable_accepts(0.995, 0.5, 0.9, 0.5));
    assert_false(agreeable_accepts(0.995, 0.4999, 0.9, 0.5));
    assert_true(agreeable_accepts(0.5, 0.9, 0.9, 0.95)); /* worth its next bid, whatever its reservation */
    assert_true(caduceus_best_offer_time(0.8299, 1));
    assert_false(caduceus_best_offer_time(0.83, 1));
}

/* Java's Math.min and Math.max (anac_jmin, anac_jmax): a NaN on either side wins; otherwise the smaller / larger.
   PonPokoAgent accepts an offer worth strictly more than its lower threshold (pattern 1 at t = 0.5: 0.89). */
static void test_java_min_max_and_ponpoko_strict(void **state)
{
    (void)state;
    assert_true(isnan(anac_jmin(NAN, 1)) && isnan(anac_jmin(1, NAN)));
    assert_true(isnan(anac_jmax(NAN, 1)) && isnan(anac_jmax(1, NAN)));
    assert_true(anac_jmin(0.25, 0.5) == 0.25 && anac_jmin(0.5, 0.25) == 0.25);
    assert_true(anac_jmax(0.25, 0.5) == 0.5 && anac_jmax(0.5, 0.25) == 0.5);
    double low = 1 - 0.22 * 0.5;
    assert_false(ponpoko_accepts(1, 0.5, low));
    assert_true(ponpoko_accepts(1, 0.5, nextafter(low, 2)));
    assert_false(ponpoko_accepts(1, 0.5, nextafter(low, 0)));
}

/* --- boulware and conceder accept below their reservation value, as GENIUS does; linear does not --- */

/* One issue c0..c4 worth 0, 0.45, 0.6, 0.8, 1 to P0 (reservation 0.5); the script (P1) always offers c1 (0.45).
   With k = 1 the target is the floor, 0.5, from the start.  boulware and conceder offer the package nearest it,
   c1 (0.05 away; c2 is 0.1 away), and in round 2 accept the script's c1: worth their next bid, below their
   reservation value.  linear offers the cheapest package at least worth 0.5, c2, and accepts nothing below its
   reservation value: no agreement. */
static const char five_levels[] =
    "{\"issues\": [{\"name\": \"c\", \"type\": \"categorical\", \"values\": [\"c0\", \"c1\", \"c2\", \"c3\", \"c4\"]}],"
    " \"parties\": [{\"name\": \"P0\", \"reservation\": 0.5, \"preferences\": {\"c\": {\"weight\": 1, \"values\": "
    "{\"c0\": 0, \"c1\": 0.45, \"c2\": 0.6, \"c3\": 0.8, \"c4\": 1}}}},"
    "  {\"name\": \"P1\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": "
    "{\"c0\": 1, \"c1\": 0.8, \"c2\": 0.5, \"c3\": 0.2, \"c4\": 0}}}}]}";

static void test_genius_time_dependent_accept_below_reservation(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(five_levels);
    static const struct {
        const char *agent;
        uint32_t first_offer;
        long accept_round;
    } cases[] = {{"boulware", 1, 2}, {"conceder", 1, 2}, {"linear", 2, -1}};
    for (int k = 0; k < 3; k++) {
        static const uint32_t script[1] = {1};
        script_set(1, 1, script);
        parley_negotiation *neg =
            probe_negotiation(sc, 6, 1, parley_agent_builtin(cases[k].agent), "k=1", &script_agent, "");
        probe_run(neg);
        parley_event first = {0}, ev;
        assert_true(probe_offers(neg, 0, &first, 1) >= 1);
        long round = probe_find(neg, PARLEY_EVENT_ACCEPT, 0, &ev) >= 0 ? ev.round : -1;
        if (!first.outcome || first.outcome[0] != cases[k].first_offer || round != cases[k].accept_round)
            fail_msg("%s: first offer c%u, accepted in round %ld; expected c%u, round %ld", cases[k].agent,
                     first.outcome ? first.outcome[0] : 99, round, cases[k].first_offer, cases[k].accept_round);
        assert_int_equal(parley_negotiation_agreed(neg), cases[k].accept_round > 0);
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
}

/* --- agent-m's readable offers --- */

/*
 * agent-m (P0) against a script repeating one offer x on one integer issue LO..HI, x worth 0 or 0.1 to agent-m
 * (its own bids are worth far more, so a readable offer is not accepted).  Returns the round of agent-m's
 * acceptance, or -1.
 */
static long agent_m_accepts(int lo, int hi, uint32_t offer_index)
{
    /* agent-m's utility falls from 1 at LO to 0 at HI */
    parley_scenario *sc = line_scenario(lo, hi, 1, 0, "");
    const uint32_t script[1] = {offer_index};
    script_set(1, 1, script);
    parley_negotiation *neg = probe_negotiation(sc, 10, 1, parley_agent_builtin("agent-m"), "", &script_agent, "");
    probe_run(neg);
    parley_event ev;
    long round = probe_find(neg, PARLEY_EVENT_ACCEPT, 0, &ev) >= 0 ? ev.round : -1;
    if (round >= 0 && ev.outcome[0] != offer_index)
        fail_msg("agent-m accepted x index %u, the script offered %u", ev.outcome[0], offer_index);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return round;
}

/* 0..10: 10 (index 10, worth 0) is past the original's slots 0..9: accepted in round 2, its first chance; 9 (worth
   0.1) is read and refused.  -1..9: -1 (index 0) is unreadable, accepted in round 2; 0 (index 1) is read. */
static void test_agent_m_reads_values_0_to_9(void **state)
{
    (void)state;
    assert_int_equal(agent_m_accepts(0, 10, 10), 2);
    assert_int_equal(agent_m_accepts(0, 10, 9), -1);
    assert_int_equal(agent_m_accepts(-1, 9, 0), 2);
    assert_int_equal(agent_m_accepts(-1, 9, 1), -1);
}

/* T(step) = 0.01 (1 - step / 1000)^2: 0 at step 1000, the last of the walk.  A move that loses nothing has
   probability 1 at every temperature, 0 included (not exp(-0 / 0), a NaN that no draw is below); one that loses
   0.1 has exp(-0.1 / T): e^-40 at T = 0.0025, 0 at T = 0. */
static void test_agent_m_last_annealing_step(void **state)
{
    (void)state;
    assert_true(agent_m_temperature(1000) == 0);
    assert_true(agent_m_temperature(0) == 0.01);
    static const double temperatures[] = {0.0025, 1e-300, 0};
    for (int k = 0; k < 3; k++) {
        double T = temperatures[k];
        if (agent_m_move_probability(0.6, 0.6, T) != 1)
            fail_msg("T = %g: equal bids move with %.17g, expected 1", T, agent_m_move_probability(0.6, 0.6, T));
        if (agent_m_move_probability(0.5, 0.6, T) != 1)
            fail_msg("T = %g: a better bid moves with %.17g, expected 1", T, agent_m_move_probability(0.5, 0.6, T));
    }
    assert_true(agent_m_move_probability(0.6, 0.5, 0) == 0);
    assert_float_equal(agent_m_move_probability(0.6, 0.5, 0.0025), exp(-40), 1e-25);
}

/* agent-m (P0) opens with the best of up to 1,000 random packages, stopping above 0.98: on 2 issues of 0..2 (9
   packages, linear, equal weights) that is (2, 2), worth 1 (missing it 1,000 times has odds (8/9)^1000); whatever
   the seed. */
static void test_agent_m_opens_with_its_best(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 2);
    for (uint64_t seed = 1; seed <= 3; seed++) {
        static const uint32_t script[2] = {0, 0};
        script_set(2, 1, script);
        parley_negotiation *neg = probe_negotiation(sc, 4, seed, parley_agent_builtin("agent-m"), "", &script_agent,
                                                    "");
        probe_run(neg);
        parley_event first = {0};
        assert_true(probe_offers(neg, 0, &first, 1) >= 1);
        assert_non_null(first.outcome);
        if (first.outcome[0] != 2 || first.outcome[1] != 2)
            fail_msg("seed %llu: agent-m opened with (%u, %u), expected its best (2, 2)", (unsigned long long)seed,
                     first.outcome[0], first.outcome[1]);
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
}

/* ponpoko's pattern 1 bids between 1 - 0.22 t and 1 (PonPokoAgent's thresholds): on x in 0..100 worth x / 100
   (every package among its 30,000 draws) each of its offers lies in that band at the time it is made; pattern 0's
   never above 1 - 0.1 t. */
static void test_ponpoko_bids_within_its_band(void **state)
{
    (void)state;
    parley_scenario *sc = line_scenario(0, 100, 0, 1, "");
    for (int pattern = 0; pattern < 2; pattern++) {
        static const uint32_t script[1] = {0};
        script_set(1, 1, script);
        parley_negotiation *neg = probe_negotiation(sc, 40, 5, parley_agent_builtin("ponpoko"),
                                                    pattern ? "pattern=1" : "pattern=0", &script_agent, "");
        probe_run(neg);
        parley_event offers[64];
        size_t n = probe_offers(neg, 0, offers, 64);
        assert_true(n >= 30);
        for (size_t i = 0; i < n && i < 64; i++) {
            double t = offers[i].time, u = offers[i].outcome[0] / 100.0;
            double low = pattern ? 1 - 0.22 * t : -1, high = pattern ? 1 : 1 - 0.1 * t;
            if (u < low - 1e-9 || u > high + 1e-9)
                fail_msg("pattern %d, offer %zu at t = %g: %g, outside [%g, %g]", pattern, i, t, u, low, high);
        }
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
}

/* --- an agent parameter's length --- */

/* Adding the agent `spec` to a negotiation on sc is refused (PARLEY_EINVAL) with a message holding `want`. */
static void expect_spec_refused(const parley_scenario *sc, const char *spec, const char *want)
{
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    parley_negotiation *neg = NULL;
    parley_error err;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    parley_error_clear(&err);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, spec, &err), PARLEY_EINVAL);
    if (!strstr(err.message, want))
        fail_msg("%s: '%s', expected it to hold '%s'", spec, err.message, want);
    parley_negotiation_free(neg);
}

/* boa's component names are read into 32 bytes: a 31-character name reaches the model's lookup (unknown), a
   32-character one is refused as too long. */
static void test_param_value_of_31_and_32_characters(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 2);
    static const char name31[] = "abcdefghijklmnopqrstuvwxyz01234", name32[] = "abcdefghijklmnopqrstuvwxyz012345";
    assert_int_equal(strlen(name31), 31);
    char spec[64], want[256];
    for (int k = 0; k < 2; k++) {
        const char *name = k ? name32 : name31;
        snprintf(spec, sizeof spec, "boa:model=%s", name);
        if (k)
            snprintf(want, sizeof want, "agent boa: value of model is too long");
        else
            snprintf(want, sizeof want, "unknown opponent model '%s' (expected frequency, smith or bayes; the perfect "
                     "model needs the true utility)", name);
        expect_spec_refused(sc, spec, want);
    }
    parley_scenario_free(sc);
}

/* A component's number that is not one (boa's acceptance keys), and the GENIUS ports' hidden generator count. */
static void test_param_not_a_number(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 2);
    static const char *const specs[][2] = {
        {"boa:accept=const:c=abc", "agent boa: c=abc is not a number"},
        {"boa:accept=time:t=0.5x", "agent boa: t=0.5x is not a number"},
        {"agreeable-2018:opponent_generators=1.5", "agent agreeable-2018: opponent_generators=1.5 (expected a count, 0 or more)"},
    };
    for (size_t k = 0; k < sizeof specs / sizeof *specs; k++)
        expect_spec_refused(sc, specs[k][0], specs[k][1]);
    parley_scenario_free(sc);
}

/* Every built-in agent's destroy takes NULL, as free does. */
static void test_destroy_takes_null(void **state)
{
    (void)state;
    static const char *const names[] = {"boulware", "linear", "conceder", "hardliner", "tit-for-tat", "random",
                                        "nash", "boa", "hardheaded", "nice-tit-for-tat", "agent-k", "cuhk", "atlas3",
                                        "agent-gg", "micro", "ponpoko", "agreeable-2018", "the-fawkes", "agent-m",
                                        "caduceus"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        const parley_agent_vtable *vt = parley_agent_builtin(names[k]);
        assert_non_null(vt);
        vt->destroy(NULL);
    }
}

/* --- micro with nothing above its reservation value --- */

/* micro (P0) on x in 0..4 worth x / 8 to it (best 0.5) against the script: the event of its first move. */
static parley_event_kind micro_first_move(const char *reservation, uint32_t *x)
{
    parley_scenario *sc = line_scenario(0, 4, 0, 0.5, reservation);
    static const uint32_t script[1] = {0};
    script_set(1, 1, script);
    parley_negotiation *neg = probe_negotiation(sc, 6, 1, parley_agent_builtin("micro"), "", &script_agent, "");
    probe_run(neg);
    parley_event ev = {0};
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.party == 0)
            break;
    }
    assert_int_equal(ev.party, 0);
    *x = ev.outcome ? ev.outcome[0] : 99;
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return ev.kind;
}

static void test_micro_nothing_above_reservation(void **state)
{
    (void)state;
    uint32_t x = 0;
    assert_int_equal(micro_first_move("\"reservation\": 0.5,", &x), PARLEY_EVENT_OFFER);
    assert_int_equal(x, 4); /* its best, worth exactly its reservation value */
    assert_int_equal(micro_first_move("\"reservation\": 0.625,", &x), PARLEY_EVENT_WALK_AWAY);
}

/* micro (P0) on x in 0..4 worth x / 4 (here with `reservation`) against a script offering `script` (then its
   last again): its offers in out, how many returned. */
static size_t micro_offers(const char *reservation, const uint32_t *script, size_t script_len, uint32_t *out,
                           size_t max)
{
    parley_scenario *sc = line_scenario(0, 4, 0, 1, reservation);
    script_set(1, script_len, script);
    parley_negotiation *neg = probe_negotiation(sc, 10, 1, parley_agent_builtin("micro"), "", &script_agent, "");
    probe_run(neg);
    parley_event ev[16];
    size_t n = probe_offers(neg, 0, ev, 16);
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = ev[i].outcome[0];
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return n < max ? n : max;
}

/* MiCRO concedes one package per new offer received: the script's two distinct offers (0, 1, then 0 again) let
   it go 4, 3, 2 (its first move before any offer), then it repeats one of those three at random, never lower.
   With reservation 0.75 only 4 and 3 are usable: 4, 3, then those two only, however many new offers come. */
static void test_micro_concedes_one_per_new_offer(void **state)
{
    (void)state;
    uint32_t x[16];
    static const uint32_t two_new[3] = {0, 1, 0}, all_new[4] = {0, 1, 2, 0};
    size_t n = micro_offers("", two_new, 3, x, 16);
    assert_int_equal(n, 10);
    assert_int_equal(x[0], 4);
    assert_int_equal(x[1], 3);
    assert_int_equal(x[2], 2);
    for (size_t i = 3; i < n; i++)
        if (x[i] < 2)
            fail_msg("offer %zu: x = %u, below the 2 it conceded to for two new offers", i, x[i]);
    n = micro_offers("\"reservation\": 0.75,", all_new, 4, x, 16);
    assert_int_equal(n, 10);
    assert_int_equal(x[0], 4);
    assert_int_equal(x[1], 3);
    for (size_t i = 2; i < n; i++)
        if (x[i] < 3)
            fail_msg("offer %zu: x = %u, below its reservation value 0.75", i, x[i]);
}

/* --- preference uncertainty at its limits --- */

static parley_utility *threes(size_t issues, parley_space **space)
{
    static const char *const v[] = {"v0", "v1", "v2"};
    *space = parley_space_new();
    for (size_t i = 0; i < issues; i++) {
        char name[32];
        snprintf(name, sizeof name, "i%zu", i);
        assert_int_equal(parley_space_add_categorical(*space, name, v, 3, NULL), PARLEY_OK);
    }
    parley_utility *u = parley_utility_new(*space);
    for (size_t i = 0; i < issues; i++) {
        parley_utility_set_weight(u, i, 1.0 / (double)issues);
        for (uint32_t x = 0; x < 3; x++)
            parley_utility_set_value(u, i, x, x / 2.0);
    }
    return u;
}

/* 3^40 = 12157665459056928801 < 2^64 <= 3^41: a ranking of 3 packages of the first; none of the second. */
static void test_ranking_space_numbered_up_to_2_64(void **state)
{
    (void)state;
    for (size_t issues = 40; issues <= 41; issues++) {
        parley_space *space = NULL;
        parley_utility *u = threes(issues, &space);
        uint32_t *ranked = NULL;
        size_t count = 99;
        parley_error err;
        parley_error_clear(&err);
        int rc = parley_ranking_sample(u, 3, 1, &ranked, &count, &err);
        if (issues == 40) {
            assert_int_equal(rc, PARLEY_OK);
            assert_int_equal(count, 3);
            for (size_t r = 0; r + 1 < 3; r++) /* best first */
                assert_true(parley_utility_eval(u, ranked + r * issues) >= parley_utility_eval(u, ranked + (r + 1) * issues));
        } else {
            assert_int_equal(rc, PARLEY_ERANGE);
            assert_string_equal(err.message, "the outcome space is too large to number");
            assert_null(ranked);
            assert_int_equal(count, 0);
        }
        free(ranked);
        parley_utility_free(u);
        parley_space_free(space);
    }
}

static void test_uncertainty_needs_additive_profile(void **state)
{
    (void)state;
    const char *files[] = {PARLEY_SOURCE_DIR "/tests/data/genius/nonlinear-domain.xml",
                           PARLEY_SOURCE_DIR "/tests/data/genius/nonlinear-1.xml",
                           PARLEY_SOURCE_DIR "/tests/data/genius/nonlinear-2.xml"};
    parley_scenario *sc = NULL, *out = (parley_scenario *)1;
    parley_error err;
    assert_int_equal(parley_scenario_load_files(files, 3, &sc, &err), PARLEY_OK);
    parley_error_clear(&err);
    assert_int_equal(parley_scenario_uncertain(sc, 1, 5, PARLEY_ESTIMATE_FREQUENCY, 1, &out, &err), PARLEY_EINVAL);
    char want[256];
    snprintf(want, sizeof want, "party %s: preference uncertainty needs an additive profile",
             parley_party_name(sc, parley_scenario_negotiator(sc, 1)));
    assert_string_equal(err.message, want);
    assert_null(out);
    parley_scenario_free(sc);
}

/* The accuracy series of a model over a party's offers (boa_accuracy.c): party 1 of two is the last one (4 points
   asked, 4 given; 8 asked, cut to its 6 offers, the last after its offer at t = 1 over the 9 packages); party 2 is
   none (its index in the message, as the package index gives it). */
static void test_model_accuracy_parties(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 2);
    static const uint32_t script[3 * 2] = {0, 0, 1, 0, 0, 1};
    script_set(2, 3, script);
    parley_negotiation *neg = probe_negotiation(sc, 6, 1, &script_agent, "", &script_agent, "");
    probe_run(neg);
    parley_model_accuracy out[8];
    double times[8];
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_negotiation_model_accuracy(neg, sc, 1, "frequency", 100, 4, out, times, &err), 4);
    assert_int_equal(parley_negotiation_model_accuracy(neg, sc, 1, "frequency", 100, 8, out, times, &err), 6);
    assert_true(times[5] == 1); /* after its last offer, in the last round */
    assert_int_equal(out[5].samples, 9);
    assert_int_equal(parley_negotiation_model_accuracy(neg, sc, 2, "frequency", 100, 4, out, times, &err),
                     PARLEY_EINVAL);
    assert_string_equal(err.message, "no negotiating party 2");
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* The perfect model knows the truth: bids shown to it are counted, its answers stay the truth's. */
static void test_perfect_model_observes(void **state)
{
    (void)state;
    parley_space *space = NULL;
    parley_utility *u = threes(2, &space);
    parley_opponent_model *m = parley_opponent_model_perfect(u);
    assert_non_null(m);
    static const uint32_t bid[2] = {2, 0}, other[2] = {1, 2};
    assert_int_equal(parley_opponent_model_observe(m, bid, 0.5), PARLEY_OK);
    assert_int_equal(parley_opponent_model_observe(m, bid, 0.6), PARLEY_OK);
    assert_int_equal(parley_opponent_model_bids(m), 2);
    assert_true(parley_opponent_model_eval(m, bid) == 0.5);   /* (1 + 0) / 2 */
    assert_true(parley_opponent_model_eval(m, other) == 0.75); /* (0.5 + 1) / 2 */
    parley_opponent_model_free(m);
    parley_utility_free(u);
    parley_space_free(space);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acceptable_exactly_at_reservation),
        cmocka_unit_test(test_time_dependent_target_by_hand),
        cmocka_unit_test(test_winners_phase_boundaries),
        cmocka_unit_test(test_java_min_max_and_ponpoko_strict),
        cmocka_unit_test(test_genius_time_dependent_accept_below_reservation),
        cmocka_unit_test(test_agent_m_reads_values_0_to_9),
        cmocka_unit_test(test_agent_m_last_annealing_step),
        cmocka_unit_test(test_agent_m_opens_with_its_best),
        cmocka_unit_test(test_ponpoko_bids_within_its_band),
        cmocka_unit_test(test_param_value_of_31_and_32_characters),
        cmocka_unit_test(test_param_not_a_number),
        cmocka_unit_test(test_destroy_takes_null),
        cmocka_unit_test(test_micro_nothing_above_reservation),
        cmocka_unit_test(test_micro_concedes_one_per_new_offer),
        cmocka_unit_test(test_ranking_space_numbered_up_to_2_64),
        cmocka_unit_test(test_uncertainty_needs_additive_profile),
        cmocka_unit_test(test_perfect_model_observes),
        cmocka_unit_test(test_model_accuracy_parties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

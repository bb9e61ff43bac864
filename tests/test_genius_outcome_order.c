/*
 * test_genius_outcome_order.c: which of several equally good packages the
 * GENIUS ports offer, against what GENIUS 10.4 itself does on Amsterdam-A
 * (where the best packages tie): BidDetails.hashCode with OutcomeSpace's time
 * of -1 (values the JDK printed for these bids), boulware's first offer (the
 * SortedOutcomeSpace tie order: its bisection lands on index 1, the Sunday
 * package), and agreeable-2018's first offer (getMaxUtilityBid: the first best
 * bid in BidIterator order, the Monday package), both as in the reference
 * traces tests/genius/traces-unseen/Amsterdam__AgreeableAgent2018__Boulware;
 * and genius_outcome_space's searches against the original's plain loops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agents/anac_java_random.h"
#include "agents/genius_outcome_space.h"
#include "anac_scenario.h"

/* The package of the named values (issue order of the domain: Venue, Time of arrival, Day of the week, Duration,
   Transportation, Souvenirs). */
static void package_of(const parley_space *space, const char *const *labels, uint32_t *out)
{
    for (size_t i = 0; i < parley_space_issue_count(space); i++) {
        out[i] = UINT32_MAX;
        for (uint32_t x = 0; x < parley_issue_value_count(space, i); x++)
            if (strcmp(parley_issue_label(space, i, x), labels[i]) == 0)
                out[i] = x;
        assert_int_not_equal(out[i], UINT32_MAX);
    }
}

static const char *const saturday[] = {"Shopping", "Evening", "Saturday", "One week", "Car", "Waterpipe"};
static const char *const sunday[] = {"Shopping", "Evening", "Sunday", "One week", "Car", "Waterpipe"};
static const char *const monday[] = {"Museum", "Afternoon", "Monday", "One day", "Public transport", "Tulips"};

static void bid_details_hash_as_the_jdk(void **state)
{
    (void)state;
    parley_scenario *sc = anac("Amsterdam");
    const parley_space *space = parley_scenario_space(sc);
    uint32_t p[6];
    package_of(space, saturday, p);
    assert_int_equal(java_bid_details_hash_at(space, p, 1.0, -1), -244299121);
    package_of(space, sunday, p);
    assert_int_equal(java_bid_details_hash_at(space, p, 1.0, -1), 618160870);
    parley_scenario_free(sc);
}

/* The first offer of each party when `first` meets `second` on Amsterdam-A under the GENIUS clock. */
static void first_offers(const char *first, const char *second, uint32_t offers[2][6])
{
    parley_scenario *sc = anac("Amsterdam");
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 1000;
    cfg.clock = PARLEY_CLOCK_GENIUS;
    parley_negotiation *neg = NULL;
    parley_error err;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, first, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, second, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    int seen[2] = {0, 0};
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.kind == PARLEY_EVENT_OFFER && ev.party >= 0 && ev.party < 2 && !seen[ev.party]) {
            memcpy(offers[ev.party], ev.outcome, sizeof offers[ev.party]);
            seen[ev.party] = 1;
        }
    }
    assert_true(seen[0] && seen[1]);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

static void tied_best_packages_as_genius(void **state)
{
    (void)state;
    parley_scenario *sc = anac("Amsterdam");
    uint32_t want_boulware[6], want_agreeable[6], offers[2][6];
    package_of(parley_scenario_space(sc), sunday, want_boulware);
    package_of(parley_scenario_space(sc), monday, want_agreeable);
    parley_scenario_free(sc);
    first_offers("agreeable-2018", "boulware", offers);
    assert_memory_equal(offers[0], want_agreeable, sizeof want_agreeable);
    assert_memory_equal(offers[1], want_boulware, sizeof want_boulware);
}

/* OutcomeSpace's queries as the original's loops over BidIterator order compute them (getMaxUtilityBid:
   first > max from 0; getBidNearUtility: first strictly nearer than the closest so far, from 1; getBidsinRange:
   strictly inside, in order), against genius_outcome_space's searches, over utilities with many ties. */
static int by_u_then_pos(const void *x, const void *y)
{
    const struct genius_outcome_entry *a = x, *b = y;
    return a->u != b->u ? (a->u < b->u ? -1 : 1) : (a->pos > b->pos) - (a->pos < b->pos);
}

static void queries_as_the_original_loops(void **state)
{
    (void)state;
    enum { N = 400 };
    double u[N];
    struct genius_outcome_entry by_u[N];
    unsigned seed = 7;
    for (size_t j = 0; j < N; j++) { /* utilities on a grid of 1/40, so most are tied, plus a few off it */
        seed = seed * 1103515245u + 12345u;
        u[j] = (double)((seed >> 16) % 41) / 40.0 + (j % 97 == 0 ? 1e-9 : 0);
        by_u[j] = (struct genius_outcome_entry){u[j], j};
    }
    qsort(by_u, N, sizeof by_u[0], by_u_then_pos);
    genius_outcome_space s = {u, NULL, by_u, N, 1};
    size_t best = N;
    for (size_t j = 0; j < N; j++)
        if (u[j] > (best < N ? u[best] : 0))
            best = j;
    assert_int_equal(genius_outcome_space_best(&s), best);
    size_t *pos = NULL, cap = 0;
    for (int k = -5; k <= 85; k++) {
        double target = k / 80.0;
        double closest = 1;
        size_t near = 0;
        for (size_t j = 0; j < N; j++)
            if (fabs(u[j] - target) < closest) {
                closest = fabs(u[j] - target);
                near = j;
            }
        assert_int_equal(genius_outcome_space_near(&s, target), near);
        double lower = (k - 2) / 80.0, upper = (k + 2) / 80.0; /* on the grid for even k: the bounds are open */
        size_t m = genius_outcome_space_range(&s, lower, upper, &pos, &cap), i = 0;
        for (size_t j = 0; j < N; j++)
            if (u[j] > lower && u[j] < upper) {
                assert_true(i < m);
                assert_int_equal(pos[i++], j);
            }
        assert_int_equal(i, m);
    }
    assert_int_equal(genius_outcome_space_near(&s, 3.0), 0); /* nothing within 1: the first package */
    free(pos);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bid_details_hash_as_the_jdk),
        cmocka_unit_test(tied_best_packages_as_genius),
        cmocka_unit_test(queries_as_the_original_loops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

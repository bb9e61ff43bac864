/*
 * test_genius_outcome_order.c: which of several equally good packages the
 * GENIUS ports offer, against what GENIUS 10.4 itself does on Amsterdam-A
 * (where the best packages tie): BidDetails.hashCode with OutcomeSpace's time
 * of -1 (values the JDK printed for these bids), boulware's first offer (the
 * SortedOutcomeSpace tie order: its bisection lands on index 1, the Sunday
 * package), and agreeable-2018's first offer (getMaxUtilityBid: the first best
 * bid in BidIterator order, the Monday package), both as in the reference
 * traces tests/genius/traces-unseen/Amsterdam__AgreeableAgent2018__Boulware.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <parley/parley.h>
#include <string.h>

#include "agents/anac_java_random.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bid_details_hash_as_the_jdk),
        cmocka_unit_test(tied_best_packages_as_genius),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

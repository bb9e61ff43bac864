/* method.c: whether a scenario's space is enumerated or searched (the rule `parley analyze` and bindings share). */
#include <parley/approx.h>

int parley_analysis_needs_search(const parley_scenario *sc)
{
    const parley_space *space = parley_scenario_space(sc);
    uint64_t total;
    if (parley_space_size_u64(space, &total) != PARLEY_OK)
        return 1;
    int nonlinear = 0;
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++)
        nonlinear |= !parley_utility_is_additive(parley_party_utility(sc, parley_scenario_negotiator(sc, k)));
    return total > 5000000000ULL || (nonlinear && total > 20000000ULL);
}

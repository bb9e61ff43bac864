/*
 * fuzz_agent_spec.c: libFuzzer target for agent specs and their parameters
 * ("conceder:e=2:k=0.1"): splitting, checking keys, reading numbers, and
 * creating every built-in agent from the parameters on a small scenario.
 */
#include <parley/parley.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char scenario[] =
    "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 4}],"
    " \"parties\": [{\"name\": \"A\", \"preferences\": {\"x\": {\"weight\": 1, \"function\":"
    " {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"
    " {\"name\": \"B\", \"preferences\": {\"x\": {\"weight\": 1, \"function\":"
    " {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = {"e", "k", "d", NULL};
    char *spec = malloc(size + 1);
    if (!spec)
        return 0;
    memcpy(spec, data, size);
    spec[size] = '\0';
    parley_error err;
    char name[256];
    const char *params;
    double x;
    if (parley_agent_spec_split(spec, name, sizeof name, &params, &err) == PARLEY_OK) {
        parley_agent_spec_is_plugin(name);
        parley_agent_params_check("fuzz", params, keys, &err);
        parley_agent_param_double("fuzz", params, "e", 1, &x, &err);
        parley_agent_param_double("fuzz", params, "k", 0, &x, &err);
        if (!parley_agent_spec_is_plugin(name)) {
            parley_scenario *sc = NULL;
            parley_negotiation *neg = NULL;
            parley_session_config cfg;
            parley_session_config_init(&cfg);
            cfg.rounds = 5;
            if (parley_scenario_parse(scenario, sizeof scenario - 1, "fuzz", &sc, &err) == PARLEY_OK &&
                parley_negotiation_new(sc, &cfg, &neg, &err) == PARLEY_OK &&
                parley_negotiation_add_agent_spec(neg, spec, &err) == PARLEY_OK &&
                parley_negotiation_add_agent_spec(neg, "linear", &err) == PARLEY_OK)
                parley_negotiation_run(neg, &err);
            parley_negotiation_free(neg);
            parley_scenario_free(sc);
        }
    }
    free(spec);
    return 0;
}

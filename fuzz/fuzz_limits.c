/*
 * fuzz_limits.c: libFuzzer target for the server's scenario limits
 * (src/server/limits.c), which read a scenario's JSON before it is parsed:
 * values per issue, parties, utility-table cells and name lengths, then the
 * outcome count of the parsed scenario.  The input is the scenario JSON.  A
 * refusal always carries its reply; and what the limits let through parses
 * within them: the fuzzer's memory and time limits catch a scenario the
 * limits should have refused.
 */
#include "server/server_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *root = json_loadb((const char *)data, size, 0, NULL);
    if (!root)
        return 0;
    static parley_server srv; /* only its limits are read */
    srv.limits = (parley_server_limits){1000, 8, 20000, 100000};
    api_call c;
    memset(&c, 0, sizeof c);
    c.srv = &srv;
    int status = limits_check_scenario(&c, root);
    if (status != 0 && (!c.reply || c.status != status))
        abort();
    if (status == 0) {
        char *text = json_dumps(root, JSON_COMPACT);
        parley_scenario *sc = NULL;
        if (text && parley_scenario_parse(text, strlen(text), "fuzz", &sc, NULL) == PARLEY_OK) {
            status = limits_check_outcomes(&c, sc);
            if (status != 0 && (!c.reply || c.status != status))
                abort();
            parley_scenario_free(sc);
        }
        free(text);
    }
    json_decref(c.reply);
    json_decref(root);
    return 0;
}

/*
 * hog.c: a plug-in agent for tests/test_server_seat_exec.c that needs more
 * memory than its seat allows: "hog.so:mb=N" allocates N MiB and writes to
 * every page before it accepts; an allocation that fails is an out-of-memory
 * error (PARLEY_ENOMEM), which the server records as the 'memory' reason.
 * It calls nothing of the host, so it loads into any program.
 */
#include <parley/agent.h>

#include <stdlib.h>
#include <string.h>

static size_t megabytes;

static int hog_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)err;
    const char *mb = params ? strstr(params, "mb=") : NULL;
    megabytes = mb ? strtoul(mb + 3, NULL, 10) : 512;
    *state = NULL;
    return 0;
}

static void hog_destroy(void *state)
{
    (void)state;
}

static int hog_act(void *state, parley_agent_view *v, parley_request req, parley_action *act)
{
    (void)state, (void)v, (void)req;
    volatile char *p = malloc(megabytes << 20);
    if (!p)
        return PARLEY_ENOMEM;
    for (size_t i = 0; i < megabytes << 20; i += 4096)
        p[i] = 1;
    free((void *)p);
    act->kind = PARLEY_ACT_ACCEPT;
    return 0;
}

static const parley_agent_vtable hog = {PARLEY_AGENT_ABI, "hog", "allocates too much (tests)", hog_create,
                                        hog_destroy, hog_act};

const parley_agent_vtable *parley_agent_entry(void);
const parley_agent_vtable *parley_agent_entry(void)
{
    return &hog;
}

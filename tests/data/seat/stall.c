/*
 * stall.c: a plug-in agent for tests/test_server_seat.c that never answers in
 * time: it sleeps (spec "stall.so"), or with "stall.so:spin=1" burns CPU,
 * so that the server's deadline and CPU budget of a seated agent are hit.
 * It calls nothing of the host, so it loads into any program.
 */
#include <parley/agent.h>

#include <string.h>
#include <unistd.h>

static int spin_mode;

static int stall_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)err;
    spin_mode = params && strstr(params, "spin=1") != NULL;
    *state = NULL;
    return 0;
}

static void stall_destroy(void *state)
{
    (void)state;
}

static int stall_act(void *state, parley_agent_view *v, parley_request req, parley_action *act)
{
    (void)state, (void)v, (void)req;
    if (spin_mode) {
        volatile unsigned long x = 0;
        for (;;)
            x++;
    }
    for (;;)
        sleep(60);
    act->kind = PARLEY_ACT_ACCEPT;
    return 0;
}

static const parley_agent_vtable stall = {PARLEY_AGENT_ABI, "stall", "never answers in time (tests)", stall_create,
                                          stall_destroy, stall_act};

const parley_agent_vtable *parley_agent_entry(void);
const parley_agent_vtable *parley_agent_entry(void)
{
    return &stall;
}

/*
 * test_server_seat_exec.c: the process of a seated agent (src/server/seat_child.c,
 * docs/api.md, "Agents at the table"): a built-in or plug-in agent's child
 * executes `parley seat-answer` (its /proc/self/exe and argv are this build's
 * parley, and it has no descriptor of the server open), so a lock that a thread of the server held at the fork cannot block
 * it (here the stderr lock, held by the test while five answers are asked
 * for); an agent that needs more memory than --agent-memory gives no answer,
 * recorded with the reason 'memory', and the negotiation goes on; a server
 * embedded without a seat program refuses to seat any agent but a Python one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdlib.h>

#include "test_server_seats.h"

/* Texts answered so far by participant p's agent, or given up by it ("response" and "agent.no_answer" events),
 * read without any assertion (the caller may hold a lock); -1 when the timeline cannot be read. */
static int settled_quietly(talks *w, int64_t p)
{
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/timeline?limit=1000", w->med, NULL);
    json_t *all = r.status == 200 ? json_object_get(r.json, "events") : NULL;
    int count = all ? 0 : -1;
    for (size_t i = 0; i < json_array_size(all); i++) {
        json_t *e = json_array_get(all, i);
        const char *kind = json_string_value(json_object_get(e, "kind"));
        int64_t who = json_integer_value(json_object_get(json_object_get(e, "actor"), "id"));
        if (kind && who == p && (strcmp(kind, "response") == 0 || strcmp(kind, "agent.no_answer") == 0))
            count++;
    }
    http_resp_free(&r);
    return count;
}

/* Five texts, each answered while the test holds the lock of stderr (the probe agent takes it): every answer
 * arrives, from a process that runs this build's parley seat-answer with the plug-in. */
static void test_child_is_executed(void **state)
{
    (void)state;
    char dir[128], probe[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "probe"));
    snprintf(probe, sizeof probe, "%s/probe.txt", dir);
    setenv("SEAT_PROBE_FILE", probe, 1);
    talks w;
    parley_server_options o = {0};
    start_with_agents(&w, &o);
    /* 60 s: far longer than an answer takes; a child blocked on the lock is recorded as 'timeout' then. */
    seat_ok(&w, 1, 2, json_pack("{s:s,s:f,s:i}", "agent", "probe.so", "deadline_seconds", 60.0, "rounds", 10));
    open_session(&w, 1, w.med);
    const int texts = 5;
    int settled[5];
    for (int k = 0; k < texts; k++) {
        __atomic_store_n(&w.srv->seats_paused, 1, __ATOMIC_RELAXED);
        table(&w, 1, w.med, k % 3);
        flockfile(stderr); /* until the agent settled the text: no assertion meanwhile */
        __atomic_store_n(&w.srv->seats_paused, 0, __ATOMIC_RELAXED);
        int n = 0;
        for (int i = 0; i < 6000 && (n = settled_quietly(&w, 2)) < k + 1; i++) /* 120 s: a hang's bound */
            nap_ms(20);
        funlockfile(stderr);
        settled[k] = n;
    }
    for (int k = 0; k < texts; k++)
        assert_int_equal(settled[k], k + 1);
    json_t *e = events_of(&w, 1, w.med, "agent.no_answer");
    if (json_array_size(e))
        print_timeline(&w, 1, w.med);
    assert_int_equal(json_array_size(e), 0);
    json_decref(e);
    e = events_of(&w, 1, w.med, "response");
    assert_int_equal(json_array_size(e), texts);
    for (int k = 0; k < texts; k++)
        assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(e, (size_t)k), "data"),
                                                              "answer")),
                            "accept");
    json_decref(e);
    talks_close(&w);
    unsetenv("SEAT_PROBE_FILE");
    /* What each child was: "EXE\nARGV0\0seat-answer\0--plugin\0PATH\0\n", five times, with no descriptor open
     * beyond 0, 1 and 2 (no "open: N -> ..." line). */
    char program[PATH_MAX], agents[PATH_MAX], expected[3 * PATH_MAX];
    assert_non_null(realpath(SEAT_PROGRAM, program));
    assert_non_null(realpath(SEAT_AGENT_DIR, agents));
    int len = snprintf(expected, sizeof expected, "%s\n%s%cseat-answer%c--plugin%c%s/probe.so%c\n", program, program,
                       0, 0, 0, agents, 0);
    FILE *f = fopen(probe, "rb");
    assert_non_null(f);
    char seen[8 * PATH_MAX];
    size_t got = fread(seen, 1, sizeof seen, f);
    fclose(f);
    if (got != (size_t)len * texts)
        fwrite(seen, 1, got, stderr);
    assert_int_equal(got, (size_t)len * texts);
    for (int k = 0; k < texts; k++)
        assert_memory_equal(seen + (size_t)k * (size_t)len, expected, (size_t)len);
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

/* Buyer's agent allocates 1 GiB under a 256 MiB budget: no answer, why 'memory'; Seller's agent, under the same
 * budget, answers the same text, and then the next one. */
static void test_memory_budget(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.agent_memory = (uint64_t)256 << 20;
    start_with_agents(&w, &o);
    seat_ok(&w, 1, 2, json_pack("{s:s}", "agent", "hog.so:mb=1024"));
    seat_ok(&w, 1, 3, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 3));
    open_session(&w, 1, w.med);
    int64_t t = table(&w, 1, w.med, 1);
    json_t *e = wait_no_answer_memory(&w, t);
    json_t *d = json_object_get(json_array_get(e, 0), "data");
    assert_non_null(strstr(json_string_value(json_object_get(d, "message")), "256 MiB"));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(e, 0), "actor"), "id")), 2);
    json_decref(e);
    e = wait_events(&w, 1, w.med, "response", 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(e, 0), "actor"), "id")), 3);
    json_decref(e);
    table(&w, 1, w.med, 1);
    e = wait_events(&w, 1, w.med, "response", 2);
    json_decref(e);
    e = wait_events(&w, 1, w.med, "agent.no_answer", 2);
    json_decref(e);
    talks_close(&w);
}

/* Without a seat program (a server embedded through libparley-server that names none) only Python agents may
 * be seated: a built-in agent and the drafting helper are refused with a message that names the option. */
static void test_no_seat_program(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.agent_dir = SEAT_AGENT_DIR; /* start_with_agents without the seat program */
    o.budgets.agent_seconds = 300;
    talks_open(&w, &o);
    const char *refused[][2] = {{"2", "boulware"}, {"3", "hog.so"}, {"1", "mediator"}};
    for (size_t i = 0; i < 3; i++) {
        http_resp r = seat_request(&w, 1, atoi(refused[i][0]), w.med, json_pack("{s:s}", "agent", refused[i][1]));
        assert_int_equal(r.status, 400);
        assert_string_equal(jstr(&r, "error", "field"), "agent");
        assert_non_null(strstr(jstr(&r, "error", "message"), "seat_program"));
        http_resp_free(&r);
    }
    seat_ok(&w, 1, 2, json_pack("{s:s}", "agent", "half.py"));
    assert_int_equal(talks_count_events(&w, "agent.seated"), 1);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_child_is_executed),
        cmocka_unit_test(test_memory_budget),
        cmocka_unit_test(test_no_seat_program),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_server_seat.c: agents at the table (docs/api.md, "Agents at the table"):
 * two seated agents reach agreement through the API; a person against an agent
 * (the person's token refused while the agent holds its seat); the drafting
 * helper's text (after an opening draft once a session opens, before any text; the seat shows its last event
 * with the time the timeline gives it); a deadline and a CPU budget hit (a plug-in that never answers
 * in time); a restart in the middle of the talks (the answers arrive after it,
 * none twice); the seat budget; the seat endpoints refuse party tokens; and an
 * agent's answers do not change when the other party's private profile does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>

#include "test_server_seats.h"

/* Two agents, each on a clock of 3 texts: the third text, at their deadline, is accepted by both. */
static void test_agents_agree(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    start_with_agents(&w, &o);
    seat_ok(&w, 1, 2, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 3));
    seat_ok(&w, 1, 3, json_pack("{s:s,s:i}", "agent", "boa:bidding=time:e=1:accept=next", "rounds", 3));
    open_session(&w, 1, w.med);
    for (int k = 1; k <= 3; k++) {
        table(&w, 1, w.med, 1);
        json_decref(wait_events(&w, 1, w.med, "response", (size_t)(2 * k)));
    }
    json_t *agreement = wait_events(&w, 1, w.med, "agreement", 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(agreement, 0), "data"), "number")), 3);
    json_decref(agreement);
    json_t *responses = events_of(&w, 1, w.med, "response");
    assert_int_equal(json_array_size(responses), 6);
    for (size_t i = 0; i < 6; i++) {
        json_t *e = json_array_get(responses, i), *actor = json_object_get(e, "actor");
        assert_string_equal(json_string_value(json_object_get(actor, "kind")), "agent");
        const char *want = json_integer_value(json_object_get(actor, "id")) == 2 ? "boulware" : "boa";
        assert_string_equal(json_string_value(json_object_get(actor, "agent")), want);
        /* Before their deadline both hold out for better than price 1; at it, both accept. */
        const char *answer = json_string_value(json_object_get(json_object_get(e, "data"), "answer"));
        assert_string_equal(answer, i >= 4 ? "accept" : "amend");
    }
    json_decref(responses);
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1", w.med, NULL);
    assert_string_equal(jstr(&r, "status", NULL), "agreed");
    http_resp_free(&r);
    talks_close(&w);
}

/* A person (Buyer) against an agent (Seller): the Seller's own token may not answer while the agent holds its seat. */
static void test_person_against_agent(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    start_with_agents(&w, &o);
    seat_ok(&w, 1, 3, json_pack("{s:s,s:i}", "agent", "conceder", "rounds", 2));
    open_session(&w, 1, w.med);
    int64_t t1 = table(&w, 1, w.med, 1);
    char path[128];
    snprintf(path, sizeof path, "/api/negotiations/1/texts/%lld/responses", (long long)t1);
    http_resp r = http_json(w.port, "POST", path, w.seller, json_pack("{s:s}", "answer", "accept"));
    assert_int_equal(r.status, 409); /* the agent's seat */
    assert_non_null(strstr(jstr(&r, "error", "message"), "conceder"));
    http_resp_free(&r);
    r = http_json(w.port, "POST", path, w.buyer, json_pack("{s:s}", "answer", "accept"));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    json_t *e = wait_events(&w, 1, w.med, "response", 2);
    json_t *agent = answers_of(e, 3);
    assert_int_equal(json_array_size(agent), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(agent, 0), "answer")), "amend");
    json_decref(agent);
    json_decref(e);
    int64_t t2 = table(&w, 1, w.med, 1); /* the agent's deadline: it accepts */
    json_decref(wait_events(&w, 1, w.med, "response", 3));
    snprintf(path, sizeof path, "/api/negotiations/1/texts/%lld/responses", (long long)t2);
    r = http_json(w.port, "POST", path, w.buyer, json_pack("{s:s}", "answer", "accept"));
    assert_int_equal(r.status, 201);
    assert_true(json_is_true(json_object_get(r.json, "agreement")));
    http_resp_free(&r);
    /* Unseated, the Seller answers for itself again. */
    r = http_request(w.port, "DELETE", "/api/negotiations/1/participants/3/agent", w.med, NULL);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    r = http_request(w.port, "DELETE", "/api/negotiations/1/participants/3/agent", w.med, NULL);
    assert_int_equal(r.status, 404);
    http_resp_free(&r);
    int64_t t3 = table(&w, 1, w.med, 2);
    snprintf(path, sizeof path, "/api/negotiations/1/texts/%lld/responses", (long long)t3);
    r = http_json(w.port, "POST", path, w.seller, json_pack("{s:s}", "answer", "accept"));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    talks_close(&w);
}

/* The mediator's drafting helper drafts an opening text, then one after every party answered. */
static void test_drafting_helper(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    start_with_agents(&w, &o);
    seat_ok(&w, 1, 1, json_pack("{s:s}", "agent", "mediator"));
    seat_ok(&w, 1, 2, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 5));
    seat_ok(&w, 1, 3, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 5));
    open_session(&w, 1, w.med);
    json_t *drafts = wait_events(&w, 1, w.med, "agent.draft", 1);
    json_t *first = json_array_get(drafts, 0), *d = json_object_get(first, "data");
    assert_string_equal(json_string_value(json_object_get(json_object_get(first, "actor"), "kind")), "agent");
    assert_string_equal(json_string_value(json_object_get(json_object_get(first, "actor"), "agent")), "mediator");
    assert_true(json_is_null(json_object_get(d, "text")));
    json_int_t price = json_integer_value(json_object_get(json_object_get(d, "outcome"), "price"));
    assert_true(price >= 0 && price <= 2);
    json_decref(drafts);
    int64_t t1 = table(&w, 1, w.med, (int)price);
    json_decref(wait_events(&w, 1, w.med, "response", 2));
    drafts = wait_events(&w, 1, w.med, "agent.draft", 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(drafts, 1), "data"), "text")), t1);
    char at[64];
    snprintf(at, sizeof at, "%s", json_string_value(json_object_get(json_array_get(drafts, 1), "at")) ?: "");
    json_decref(drafts);
    /* The mediator sees it on its seat, with the time the timeline gives it; a party's token sees no seat. */
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/participants/1/agent", w.med, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "last", "kind"), "agent.draft");
    assert_true(at[0] != 0);
    assert_string_equal(jstr(&r, "last", "at"), at);
    http_resp_free(&r);
    talks_close(&w);
}

/* A plug-in that sleeps runs past its deadline; one that spins runs out of CPU time: both recorded, no answer. */
static void test_deadline_and_cpu(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    start_with_agents(&w, &o);
    seat_ok(&w, 1, 2, json_pack("{s:s,s:f}", "agent", "stall.so", "deadline_seconds", 1.0));
    seat_ok(&w, 1, 3, json_pack("{s:s,s:f,s:f}", "agent", "stall.so:spin=1", "deadline_seconds", 300.0, "cpu_seconds", 1.0));
    open_session(&w, 1, w.med);
    int64_t t = table(&w, 1, w.med, 1);
    json_t *e = wait_events(&w, 1, w.med, "agent.no_answer", 2);
    for (size_t i = 0; i < 2; i++) {
        json_t *ev = json_array_get(e, i), *d = json_object_get(ev, "data");
        int64_t who = json_integer_value(json_object_get(json_object_get(ev, "actor"), "id"));
        assert_int_equal(json_integer_value(json_object_get(d, "text")), t);
        assert_string_equal(json_string_value(json_object_get(d, "why")), who == 2 ? "timeout" : "cpu");
        assert_true(json_is_true(json_object_get(ev, "private")));
    }
    json_decref(e);
    json_t *responses = events_of(&w, 1, w.med, "response");
    assert_int_equal(json_array_size(responses), 0);
    json_decref(responses);
    talks_close(&w);
}

/* Restarts the server of w on its database (the port changes). */
static void restart(talks *w, parley_server_options *o, int paused)
{
    parley_server_stop(w->srv);
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(o, &w->srv, &err), PARLEY_OK);
    __atomic_store_n(&w->srv->seats_paused, paused, __ATOMIC_RELAXED);
    w->port = parley_server_port(w->srv);
}

/* The agents are paused when the text is tabled and the server stops: the restarted server answers, once. */
static void test_restart_resumes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    start_with_agents(&w, &o);
    __atomic_store_n(&w.srv->seats_paused, 1, __ATOMIC_RELAXED);
    seat_ok(&w, 1, 2, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 3));
    seat_ok(&w, 1, 3, json_pack("{s:s,s:i}", "agent", "conceder", "rounds", 3));
    open_session(&w, 1, w.med);
    table(&w, 1, w.med, 1);
    json_t *e = events_of(&w, 1, w.med, "response");
    assert_int_equal(json_array_size(e), 0);
    json_decref(e);
    restart(&w, &o, 0);
    e = wait_events(&w, 1, w.med, "response", 2);
    json_t *b = answers_of(e, 2), *s = answers_of(e, 3);
    assert_int_equal(json_array_size(b), 1);
    assert_int_equal(json_array_size(s), 1);
    json_decref(b);
    json_decref(s);
    json_decref(e);
    /* Once more: the runner looks at the negotiation again at start and finds nothing left to answer. */
    restart(&w, &o, 0);
    for (int i = 0; i < 6000 && __atomic_load_n(&w.srv->seat_passes, __ATOMIC_RELAXED) < 1; i++)
        nap_ms(20);
    assert_true(__atomic_load_n(&w.srv->seat_passes, __ATOMIC_RELAXED) >= 1);
    e = events_of(&w, 1, w.med, "response");
    assert_int_equal(json_array_size(e), 2);
    json_decref(e);
    talks_close(&w);
}

/* The seat budget of a negotiation, the deadline budget, and bad seats: refused, nothing stored. */
static void test_seat_budgets(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.agents_per_negotiation = 2;
    o.budgets.agent_seconds = 5;
    start_with_agents(&w, &o);
    http_resp r = seat_request(&w, 1, 2, w.med, json_pack("{s:s,s:f}", "agent", "boulware", "deadline_seconds", 6.0));
    assert_int_equal(r.status, 400);
    assert_string_equal(jstr(&r, "error", "field"), "deadline_seconds");
    http_resp_free(&r);
    static const char *const bad[] = {"nosuch", "../stall.so", "/tmp/x.so", "missing.so", "mediator", ".hidden.py"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = seat_request(&w, 1, 2, w.med, json_pack("{s:s}", "agent", bad[i]));
        assert_int_equal(r.status, 400);
        assert_string_equal(jstr(&r, "error", "field"), "agent");
        http_resp_free(&r);
    }
    r = seat_request(&w, 1, 2, w.med, json_pack("{s:s,s:i}", "agent", "boulware", "extra", 1));
    assert_int_equal(r.status, 400);
    http_resp_free(&r);
    seat_ok_default(&w, 1, 2, w.med, json_pack("{s:s}", "agent", "boulware"));
    r = seat_request(&w, 1, 2, w.med, json_pack("{s:s}", "agent", "conceder"));
    assert_int_equal(r.status, 409); /* one agent per seat */
    http_resp_free(&r);
    seat_ok_default(&w, 1, 3, w.med, json_pack("{s:s}", "agent", "conceder"));
    r = seat_request(&w, 1, 1, w.med, json_pack("{s:s}", "agent", "mediator"));
    assert_int_equal(r.status, 429);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "agent.seated"), 2);
    r = http_request(w.port, "GET", "/api/negotiations/1/agents", w.med, NULL);
    assert_int_equal(json_array_size(json_object_get(r.json, "agents")), 2);
    assert_int_equal(json_real_value(json_object_get(json_array_get(json_object_get(r.json, "agents"), 0),
                                                     "deadline_seconds")) * 1000, 5000); /* the default, capped */
    http_resp_free(&r);
    talks_close(&w);
}

/* Seating, unseating and seeing seats is for mediators: a party's token gets 403 and nothing is stored. */
static void test_party_token_refused(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    start_with_agents(&w, &o);
    const char *tokens[] = {w.buyer, w.seller};
    for (size_t i = 0; i < 2; i++) {
        http_resp r = seat_request(&w, 1, 2 + (int64_t)i, tokens[i], json_pack("{s:s}", "agent", "boulware"));
        assert_int_equal(r.status, 403);
        http_resp_free(&r);
        r = http_request(w.port, "DELETE", "/api/negotiations/1/participants/2/agent", tokens[i], NULL);
        assert_int_equal(r.status, 403);
        http_resp_free(&r);
        r = http_request(w.port, "GET", "/api/negotiations/1/participants/2/agent", tokens[i], NULL);
        assert_int_equal(r.status, 403);
        http_resp_free(&r);
        r = http_request(w.port, "GET", "/api/negotiations/1/agents", tokens[i], NULL);
        assert_int_equal(r.status, 403);
        http_resp_free(&r);
    }
    assert_int_equal(talks_count_events(&w, "agent.seated"), 0);
    talks_close(&w);
}

/* Opens negotiation n (the talks scenario) with its three tokens. */
static void open_another(talks *w, char med[65], char buyer[65], char seller[65])
{
    http_resp r = http_request(w->port, "POST", "/api/negotiations", NULL, talks_scenario);
    talks_keep_token(&r, "participant", med);
    r = http_json(w->port, "POST", "/api/negotiations/2/participants", med,
                  json_pack("{s:s,s:s}", "name", "Buyer", "role", "party"));
    talks_keep_token(&r, NULL, buyer);
    r = http_json(w->port, "POST", "/api/negotiations/2/participants", med,
                  json_pack("{s:s,s:s}", "name", "Seller", "role", "party"));
    talks_keep_token(&r, NULL, seller);
}

static void put_profile(talks *w, int64_t n, const char *token, json_t *profile)
{
    char path[96];
    snprintf(path, sizeof path, "/api/negotiations/%lld/profile", (long long)n);
    http_resp r = http_json(w->port, "PUT", path, token, profile);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
}

/* What Buyer's agent would be asked now in negotiation n (the runner paused): the request of parley/live.h. */
static char *pending_request(talks *w, int64_t n)
{
    api_call c;
    memset(&c, 0, sizeof c);
    c.srv = w->srv;
    c.ids[0] = n;
    c.db = store_reader(w->srv->db);
    assert_non_null(c.db);
    seat_job job;
    assert_int_equal(store_begin_read(c.db), DB_OK);
    assert_int_equal(seat_find_work(&c, &job), 1);
    store_run(c.db, "COMMIT");
    store_reader_release(w->srv->db, c.db);
    json_decref(c.reply);
    char *request = strdup(job.request);
    seat_job_clear(&job);
    return request;
}

/* Buyer's agent answers the same three texts in two negotiations whose Seller uploaded opposite private
 * profiles: its answers are the same, and what it is given holds nothing of the Seller's profile. */
static void test_agent_sees_own_profile_only(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    start_with_agents(&w, &o);
    char med2[65], buyer2[65], seller2[65];
    open_another(&w, med2, buyer2, seller2);
    put_profile(&w, 1, w.seller, json_pack("{s:{s:{s:i,s:{s:s,s:i,s:i}}},s:f}", "preferences", "price", "weight", 1,
                                           "function", "type", "linear", "at_min", 0, "at_max", 1, "reservation", 0.25));
    put_profile(&w, 2, seller2, json_pack("{s:{s:{s:i,s:{s:s,s:i,s:i}}},s:f,s:[{s:s,s:s}]}", "preferences", "price",
                                          "weight", 1, "function", "type", "linear", "at_min", 1, "at_max", 0,
                                          "reservation", 0.987654, "red_lines", "name", "seller_secret_line", "rule",
                                          "price >= 2"));
    json_t *seen[2];
    const char *meds[2] = {w.med, med2};
    for (int64_t n = 1; n <= 2; n++) {
        __atomic_store_n(&w.srv->seats_paused, 1, __ATOMIC_RELAXED);
        seat_ok_as(&w, n, n == 1 ? 2 : 5, meds[n - 1], json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 3));
        open_session(&w, n, meds[n - 1]);
        table(&w, n, meds[n - 1], 2);
        char *request = pending_request(&w, n);
        assert_null(strstr(request, "seller_secret_line"));
        assert_null(strstr(request, "0.98"));
        assert_non_null(strstr(request, "\"party\":\"Buyer\""));
        free(request);
        __atomic_store_n(&w.srv->seats_paused, 0, __ATOMIC_RELAXED);
        json_decref(wait_events(&w, n, meds[n - 1], "response", 1));
        table(&w, n, meds[n - 1], 1);
        json_decref(wait_events(&w, n, meds[n - 1], "response", 2));
        table(&w, n, meds[n - 1], 0);
        json_t *e = wait_events(&w, n, meds[n - 1], "response", 3);
        seen[n - 1] = answers_of(e, n == 1 ? 2 : 5);
        json_decref(e);
    }
    assert_int_equal(json_array_size(seen[0]), 3);
    assert_true(json_equal(seen[0], seen[1]));
    json_decref(seen[0]);
    json_decref(seen[1]);
    talks_close(&w);
}

#ifdef SEAT_PYTHON
/* A Python agent (half.py in the agent folder: accepts a text worth 0.5 to it, else asks for its best package)
 * against a person. */
/* The environment of a Python agent over this tree's library; unset_python_env undoes what nothing else needs. */
static void set_python_env(void)
{
    setenv("PYTHONPATH", SEAT_PYTHONPATH, 1);
    setenv("PARLEY_LIBRARY", SEAT_LIBRARY, 1);
    setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
    if (SEAT_PRELOAD[0]) { /* the sanitizer tree: the library needs its runtimes in the interpreter */
        setenv("LD_PRELOAD", SEAT_PRELOAD, 1);
        setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    }
}

static void unset_python_env(void)
{
    unsetenv("LD_PRELOAD"); /* the agents' interpreter needed it, nothing else does */
}

static void test_python_agent(void **state)
{
    (void)state;
    set_python_env();
    talks w;
    parley_server_options o = {0};
    o.python = SEAT_PYTHON;
    start_with_agents(&w, &o);
    seat_ok(&w, 1, 2, json_pack("{s:s,s:f}", "agent", "half.py", "deadline_seconds", 120.0));
    open_session(&w, 1, w.med);
    table(&w, 1, w.med, 2); /* worth 0 to Buyer: it asks for price 0 */
    json_t *e = wait_events(&w, 1, w.med, "response", 1);
    json_t *first = json_array_get(e, 0), *d = json_object_get(first, "data");
    if (!json_object_get(d, "answer"))
        fprintf(stderr, "%s\n", json_dumps(e, 0));
    assert_string_equal(json_string_value(json_object_get(json_object_get(first, "actor"), "agent")), "half.py");
    assert_string_equal(json_string_value(json_object_get(d, "answer")), "amend");
    json_t *a = json_array_get(json_object_get(d, "amendments"), 0);
    assert_string_equal(json_string_value(json_object_get(a, "issue")), "price");
    assert_int_equal(json_integer_value(json_object_get(a, "value")), 0);
    json_decref(e);
    table(&w, 1, w.med, 1); /* worth 0.5: it accepts */
    e = wait_events(&w, 1, w.med, "response", 2);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(e, 1), "data"), "answer")),
                        "accept");
    json_decref(e);
    talks_close(&w);
    unset_python_env();
}

/* A Python agent (hog.py) that allocates 1 GiB under a 256 MiB budget: no answer, why 'memory'; the person
 * against it goes on answering. */
static void test_python_memory(void **state)
{
    (void)state;
    set_python_env();
    talks w;
    parley_server_options o = {0};
    o.python = SEAT_PYTHON;
    o.budgets.agent_memory = (uint64_t)256 << 20;
    start_with_agents(&w, &o);
    seat_ok(&w, 1, 2, json_pack("{s:s,s:f}", "agent", "hog.py", "deadline_seconds", 120.0));
    open_session(&w, 1, w.med);
    int64_t t = table(&w, 1, w.med, 1);
    json_t *e = wait_no_answer_memory(&w, t);
    json_decref(e);
    char path[96];
    snprintf(path, sizeof path, "/api/negotiations/1/texts/%lld/responses", (long long)t);
    http_resp r = http_json(w.port, "POST", path, w.seller, json_pack("{s:s}", "answer", "accept"));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    talks_close(&w);
    unset_python_env();
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agents_agree),          cmocka_unit_test(test_person_against_agent),
        cmocka_unit_test(test_drafting_helper),       cmocka_unit_test(test_deadline_and_cpu),
        cmocka_unit_test(test_restart_resumes),       cmocka_unit_test(test_seat_budgets),
        cmocka_unit_test(test_party_token_refused),   cmocka_unit_test(test_agent_sees_own_profile_only),
#ifdef SEAT_PYTHON
        cmocka_unit_test(test_python_agent),          cmocka_unit_test(test_python_memory),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

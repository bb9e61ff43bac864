/*
 * random_talks_k16.h: short talks of a built-in agent against a scripted opponent on small random scenarios, each
 * reduced to a digest of every event (header-only, cmocka included first; test_kill16_agt2.c and
 * test_kill16_agt2_clock.c).  Talk number c is drawn from its own seed: 1 to 3 integer issues of 2 to 5 values
 * weighed 1:2:3, the agent's utility falling where the script's rises; the agent's reservation value 0, 0.25 or 0.5
 * and discount 1 or 0.5..0.9 (both parties); a script of 1 to 8 random packages (the last one repeated, never
 * accepting; in the mediated protocols it votes no and answers the shuttle's texts with its offers); the agent as
 * first or second party; 10, 20, 40 or 100 rounds on the parley or the GENIUS clock, or
 * (timed) a deadline in seconds only, which test_kill16_agt2_clock.c makes exact with a clock of its own.
 *
 * The digests are a regression pin (as a golden file): they were recorded from this build, are kept in
 * tests/data/k16_talks.txt (read at run time) and change when any move of the agent changes.  To record them again
 * after a meant change: PARLEY_K16_RECORD=1 ./test_kill16_agt2 (and ./test_kill16_agt2_clock) prints every table in
 * that file's form.  play_talk_runs plays a list of agents (struct talk_run) against their tables.
 */
#ifndef PARLEY_TESTS_RANDOM_TALKS_K16_H
#define PARLEY_TESTS_RANDOM_TALKS_K16_H

#include <parley/parley.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct talk_script {
    uint32_t offers[8][3];
    size_t count, issues;
};
static struct talk_script talk_script;

static int talk_script_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = calloc(1, sizeof(long));
    return *state ? PARLEY_OK : PARLEY_ENOMEM;
}

static void talk_script_destroy(void *state)
{
    free(state);
}

static int talk_script_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    (void)v;
    long *move = state;
    size_t k = (size_t)*move < talk_script.count ? (size_t)*move : talk_script.count - 1;
    (*move)++;
    /* offers (a private offer when the shuttle's mediator asks for an answer); votes no, refuses to ratify */
    act->kind = request == PARLEY_REQUEST_PROPOSE || request == PARLEY_REQUEST_RESPOND ? PARLEY_ACT_OFFER
                                                                                        : PARLEY_ACT_REJECT;
    memcpy(act->outcome, talk_script.offers[k], talk_script.issues * sizeof *act->outcome);
    return PARLEY_OK;
}

static const parley_agent_vtable talk_script_agent = {PARLEY_AGENT_ABI, "talk-script", "offers its script",
                                                      talk_script_create, talk_script_destroy, talk_script_act};

static uint64_t talk_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* What talk c was drawn as, for a failure message. */
struct talk_setup {
    int issues, max, agent_party;
    double reservation, discount, seconds;
    long rounds;
    parley_clock_kind clock;
};

/* Fenced talks: the agent has the red line i0 >= 1 (its best package is out) and, with two issues or more, the
   scenario the constraint that the last issue is not at its maximum (the script's offers keep it); with one issue
   the red line is i0 > max: nothing is left to the agent. */
static int talk_fence;
/* Parties in a talk: 2, or 3 (a second script, as the third party, with the first script's preferences). */
static int talk_parties = 2;
/* If set, called with 1 just before each talk of talk_digest starts and with 0 when it ends (a fake clock's switch). */
static void (*talk_clock)(int running);

static parley_scenario *talk_scenario(const struct talk_setup *t)
{
    char text[4096] = "{\"issues\": [";
    for (int i = 0; i < t->issues; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "%s{\"name\": \"i%d\", \"type\": \"integer\", \"min\": 0, \"max\": %d}", i ? ", " : "", i, t->max);
    strcat(text, "], ");
    if (talk_fence && t->issues > 1)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "\"constraints\": [{\"name\": \"cap\", \"rule\": \"i%d != %d\"}], ", t->issues - 1, t->max);
    strcat(text, "\"parties\": [");
    char fence[128];
    snprintf(fence, sizeof fence, "\"red_lines\": [{\"name\": \"fence\", \"rule\": \"i0 >= %d\"}], ",
             t->issues == 1 ? t->max + 1 : 1);
    for (int k = 0; k < talk_parties; k++) {
        int agent = k == t->agent_party;
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "%s{\"name\": \"P%d\", \"reservation\": %g, \"discount\": %g, %s\"preferences\": {", k ? ", " : "",
                 k, agent ? t->reservation : 0.0, t->discount,
                 agent && talk_fence ? fence : "");
        for (int i = 0; i < t->issues; i++)
            snprintf(text + strlen(text), sizeof text - strlen(text),
                     "%s\"i%d\": {\"weight\": %.17g, \"function\": {\"type\": \"linear\", \"at_min\": %d, "
                     "\"at_max\": %d}}", i ? ", " : "", i, (i + 1.0) / (t->issues * (t->issues + 1) / 2.0), agent,
                     1 - agent);
        strcat(text, "}}");
    }
    strcat(text, "]}");
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(text, strlen(text), "talk.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return sc;
}

/* A digest of a finished negotiation: its run's result, agreement, rounds, and every event (kind, party, round,
   package of `issues` values). */
static uint64_t talk_events_digest(const parley_negotiation *neg, int rc, int issues)
{
    uint64_t h = 1469598103934665603ULL;
#define TALK_MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
    TALK_MIX(rc);
    TALK_MIX(parley_negotiation_agreed(neg));
    TALK_MIX(parley_negotiation_rounds_used(neg));
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        parley_negotiation_event(neg, i, &ev, NULL);
        TALK_MIX(ev.kind);
        TALK_MIX(ev.party);
        TALK_MIX(ev.round);
        for (int k = 0; ev.outcome && k < issues; k++)
            TALK_MIX(ev.outcome[k]);
    }
#undef TALK_MIX
    return h;
}

/* Runs talk c of `agent` under `protocol` (timed: a deadline in seconds only) and returns its digest; *t says what it
   was. */
static uint64_t talk_digest(const char *agent, parley_protocol_kind protocol, int timed, unsigned c,
                            struct talk_setup *t)
{
    if (talk_clock)
        talk_clock(1);
    uint64_t s = 0x9e3779b97f4a7c15ULL * (c + 1) ^ 0x2545f4914f6cdd1dULL;
    for (int warm = 0; warm < 4; warm++)
        talk_next(&s);
    t->issues = 1 + (int)(talk_next(&s) % 3);
    t->max = 1 + (int)(talk_next(&s) % 4);
    t->reservation = (double)(talk_next(&s) % 3) * 0.25;
    t->discount = talk_next(&s) % 2 ? 1 : 0.5 + 0.1 * (double)(talk_next(&s) % 5);
    talk_script.issues = (size_t)t->issues;
    talk_script.count = 1 + talk_next(&s) % 8;
    for (size_t k = 0; k < talk_script.count; k++)
        for (int i = 0; i < t->issues; i++)
            talk_script.offers[k][i] = (uint32_t)(talk_next(&s) % (uint64_t)(t->max + 1));
    if (talk_fence && t->issues > 1)
        for (size_t k = 0; k < talk_script.count; k++)
            if (talk_script.offers[k][t->issues - 1] == (uint32_t)t->max)
                talk_script.offers[k][t->issues - 1]--;
    static const long rounds[] = {10, 20, 40, 100};
    t->rounds = rounds[talk_next(&s) % 4];
    t->clock = talk_next(&s) % 2 ? PARLEY_CLOCK_GENIUS : PARLEY_CLOCK_PARLEY;
    t->agent_party = (int)(talk_next(&s) % 2);
    t->seconds = timed ? 0.05 * timed * (double)(1 + talk_next(&s) % 8) : 0;
    parley_scenario *sc = talk_scenario(t);
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = timed ? 0 : t->rounds;
    cfg.seconds = t->seconds;
    cfg.clock = t->clock;
    cfg.seed = 3;
    cfg.protocol = protocol;
    parley_negotiation *neg = NULL;
    parley_error err;
    if (parley_negotiation_new(sc, &cfg, &neg, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    for (int k = 0; k < talk_parties; k++)
        if ((k == t->agent_party ? parley_negotiation_add_agent_spec(neg, agent, &err)
                                 : parley_negotiation_add_agent(neg, &talk_script_agent, "", &err)) != PARLEY_OK)
            fail_msg("%s", err.message);
    int rc = parley_negotiation_run(neg, &err);
    uint64_t h = talk_events_digest(neg, rc, t->issues);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    if (talk_clock)
        talk_clock(0);
    return h;
}

/* Talks first..first+count-1 of `agent` against their recorded digests (or, with PARLEY_K16_RECORD, printed). */
static void talks_match(const char *agent, parley_protocol_kind protocol, int timed, unsigned first, size_t count,
                        const uint64_t *expected)
{
    int record = getenv("PARLEY_K16_RECORD") != NULL;
    for (size_t k = 0; k < count; k++) {
        struct talk_setup t;
        uint64_t got = talk_digest(agent, protocol, timed, first + (unsigned)k, &t);
        if (record) {
            printf("0x%016llx%s", (unsigned long long)got, k % 4 == 3 || k + 1 == count ? "\n" : " ");
            continue;
        }
        if (got != expected[k])
            fail_msg("%s, %s, talk %u (%d issues of %d values, reservation %g, discount %g, %ld rounds, %g s, "
                     "clock %d, agent party %d): digest 0x%016llx, recorded 0x%016llx", agent,
                     parley_protocol_name(protocol), first + (unsigned)k, t.issues, t.max + 1, t.reservation,
                     t.discount, t.rounds, t.seconds, (int)t.clock, t.agent_party,
                     (unsigned long long)got, (unsigned long long)expected[k]);
    }
}

/* The recorded digests: tests/data/k16_talks.txt, read once; a table is a line "table SET KEY PROTOCOL" and the
   digests of talks 0, 1, ... after it (hex). */
#define TALK_TABLES_MAX 128
#define TALK_DIGESTS_MAX 8192
static struct {
    char name[64];
    size_t first, count;
} talk_tables[TALK_TABLES_MAX];
static size_t talk_table_count;
static uint64_t talk_digests[TALK_DIGESTS_MAX];

static void talk_tables_read(void)
{
    const char *path = PARLEY_SOURCE_DIR "/tests/data/k16_talks.txt";
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot read %s", path);
    char line[256];
    size_t used = 0;
    while (fgets(line, sizeof line, f)) {
        char set[20], key[20], protocol[10];
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "table %19s %19s %9s", set, key, protocol) == 3) {
            if (talk_table_count == TALK_TABLES_MAX)
                fail_msg("%s: more than %d tables", path, TALK_TABLES_MAX);
            snprintf(talk_tables[talk_table_count].name, sizeof talk_tables[0].name, "%s %s %s", set, key, protocol);
            talk_tables[talk_table_count++].first = used;
            continue;
        }
        char *at = line, *end;
        for (unsigned long long x; (x = strtoull(at, &end, 16)), end != at; at = end) {
            if (!talk_table_count || used == TALK_DIGESTS_MAX)
                fail_msg("%s: a digest outside a table or more than %d", path, TALK_DIGESTS_MAX);
            talk_digests[used++] = x;
            talk_tables[talk_table_count - 1].count++;
        }
        while (*at == ' ' || *at == '\n')
            at++;
        if (*at)
            fail_msg("%s: not a digest: %s", path, at);
    }
    fclose(f);
}

/* Table "set key protocol" of talk_tables_read; *count its digests.  Fails when there is none (or it is empty). */
static const uint64_t *talk_table(const char *set, const char *key, const char *protocol, size_t *count)
{
    if (!talk_table_count)
        talk_tables_read();
    char name[64];
    snprintf(name, sizeof name, "%s %s %s", set, key, protocol);
    for (size_t k = 0; k < talk_table_count; k++)
        if (strcmp(talk_tables[k].name, name) == 0 && talk_tables[k].count > 0) {
            *count = talk_tables[k].count;
            return talk_digests + talk_tables[k].first;
        }
    fail_msg("no digests \"%s\" in tests/data/k16_talks.txt", name);
    return NULL;
}

/* An agent of play_talk_runs: its spec and its key in the tables' names. */
struct talk_run {
    const char *agent, *key;
};

/* The agents of helper agt2's area: the first 7 in the mediated talks, 8 in the fenced and three-party ones, all 9
   under deadlines in seconds. */
static const struct talk_run talk_area_agents[] = {
    {"the-fawkes", "fawkes"},
    {"agent-k", "agent_k"},
    {"agent-m", "agent_m"},
    {"ponpoko", "ponpoko"},
    {"agreeable-2018", "agreeable"},
    {"micro", "micro"},
    {"boa", "boa"},
    {"boa:bidding=tft:model=bayes:accept=combi", "boa_tft"},
    {"boa:model=smith:accept=prev", "boa_prev"},
};

enum { TALK_ALTERNATING = 1, TALK_SINGLE_TEXT = 2, TALK_SHUTTLE = 4, TALK_EVERY_PROTOCOL = 7 };

/* Every agent of runs[0..n-1] in each protocol of `protocols` (TALK_* bits; alternating, single text, shuttle in
   that order), talks 0.. against table "set key protocol" (as many talks as it has), with `fence` (talk_fence),
   `parties` (talk_parties) and `timed` (talk_digest's; 0: round deadlines); puts the fence and the parties back to
   0 and 2.  With PARLEY_K16_RECORD the tables are printed in the data file's form. */
static void play_talk_runs(const char *set, const struct talk_run *runs, size_t n, int protocols, int fence,
                           int parties, int timed)
{
    static const struct {
        int bit;
        parley_protocol_kind kind;
        const char *name;
    } kinds[] = {{TALK_ALTERNATING, PARLEY_PROTOCOL_ALTERNATING, "alt"},
                 {TALK_SINGLE_TEXT, PARLEY_PROTOCOL_SINGLE_TEXT, "single"},
                 {TALK_SHUTTLE, PARLEY_PROTOCOL_SHUTTLE, "shuttle"}};
    talk_fence = fence;
    talk_parties = parties;
    for (size_t k = 0; k < n; k++)
        for (size_t p = 0; p < sizeof kinds / sizeof *kinds; p++)
            if (protocols & kinds[p].bit) {
                size_t count = 0;
                const uint64_t *expected = talk_table(set, runs[k].key, kinds[p].name, &count);
                if (getenv("PARLEY_K16_RECORD"))
                    printf("table %s %s %s\n", set, runs[k].key, kinds[p].name);
                talks_match(runs[k].agent, kinds[p].kind, timed, 0, count, expected);
            }
    talk_fence = 0;
    talk_parties = 2;
}

#endif

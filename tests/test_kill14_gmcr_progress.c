/*
 * test_kill14_gmcr_progress.c: the progress reports of the GMCR stability
 * analysis (gmcr_stability.c: the states judged, added 4096 at a time, then
 * the rest of the range; issue 27: a mutant that moved the chunk or dropped the
 * add only changed reports that come every 0.1 s, which no test saw).  The
 * clock is made a counter (this program is linked with
 * -Wl,--wrap=clock_gettime: every call of libparley's, while `fake` is set,
 * is one second after the one before), so every add is reported and the
 * reports are the same on any machine: with one thread and 6144 feasible
 * states (13 options, the states with a1 and a2 both taken infeasible), 4096
 * after the first 4096 states, 6144 after the last 2048, and 6144 at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <parley/parley.h>

static int fake;
static time_t fake_seconds;

int __real_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts)
{
    if (!fake)
        return __real_clock_gettime(clock, ts);
    ts->tv_sec = ++fake_seconds;
    ts->tv_nsec = 0;
    return 0;
}

static struct {
    double done[16], total[16];
    size_t count;
    int states; /* every report counts "states" */
} reports;

static void record(void *user, double done, double total, const char *what)
{
    (void)user;
    if (reports.count < 16) {
        reports.done[reports.count] = done;
        reports.total[reports.count] = total;
    }
    reports.count++;
    reports.states &= strcmp(what, "states") == 0;
}

static void test_states_reported_in_chunks(void **state)
{
    (void)state;
    char text[1024];
    int used = snprintf(text, sizeof text, "{\"name\": \"thirteen\", \"decision_makers\": [{\"name\": \"A\", \"options\": [");
    for (int k = 1; k <= 12; k++)
        used += snprintf(text + used, sizeof text - (size_t)used, "%s\"a%d\"", k > 1 ? ", " : "", k);
    snprintf(text + used, sizeof text - (size_t)used,
             "], \"preferences\": [\"a1\"]}, {\"name\": \"B\", \"options\": [\"b\"], \"preferences\": [\"b\"]}],"
             " \"infeasible\": [\"a1 and a2\"]}");
    parley_gmcr_model *m = NULL;
    parley_error err;
    if (parley_gmcr_model_parse(text, strlen(text), "thirteen", &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    assert_int_equal(parley_gmcr_model_state_count(m), 6144);
    parley_gmcr_options o = {.notions = PARLEY_GMCR_NASH, .threads = 1, .progress = record};
    parley_gmcr_result *r = NULL;
    reports.states = 1;
    fake = 1;
    int rc = parley_gmcr_analyze(m, &o, &r, &err);
    fake = 0;
    assert_int_equal(rc, PARLEY_OK);
    assert_int_equal(reports.count, 3);
    const double want[3] = {4096, 6144, 6144};
    for (size_t k = 0; k < 3; k++) {
        assert_true(reports.done[k] == want[k]);
        assert_true(reports.total[k] == 6144);
    }
    assert_true(reports.states);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_states_reported_in_chunks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

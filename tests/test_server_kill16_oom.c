/*
 * test_server_kill16_oom.c: the requests prepared for an analysis's child
 * process and the party's own reads, each with every JSON allocation refused
 * in turn (tests/test_server_oom.h): an answer that says "out of memory" is a
 * 500, and with memory the request succeeds (issue 27, helper srv: a mutant
 * answered 501 when the list of uploaded profiles of GET improvements could not
 * be copied, api_improve.c).  The negotiation: Budget (test_server_talks.h),
 * the Buyer's profile uploaded, a text agreed by both parties, then
 * - the mediator's improvements (the agreed text and the uploaded profiles are
 *   prepared, job_wire.c writes the request, the child's reply is read back);
 * - the mediator's timeline and the current text.
 * (The party's own improvements and advice were left out: about 150 refusals
 * each, with an analysis process each, took 35 s of the Release tree.)
 */
#define _GNU_SOURCE /* dladdr (tests/test_server_oom.h) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#pragma GCC diagnostic ignored "-Wunused-function" /* the helpers used are a part of those shared */
#include "test_server_oom.h"

static void agreed(talks *w)
{
    talks_text_tabled(w);
    static const char *const steps[][4] = {
        {"POST", "/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"accept\"}"},
        {"POST", "/api/negotiations/1/texts/1/responses", "s", "{\"answer\": \"accept\"}"},
    };
    talks_steps(w, steps, sizeof steps / sizeof steps[0]);
}

static void test_requests_out_of_memory_are_500(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    agreed(&w);
    static const struct {
        const char *path;
        char who;
    } reads[] = {
        {"/api/negotiations/1/improvements", 'm'},
        {"/api/negotiations/1/timeline", 'm'},
        {"/api/negotiations/1/texts/current", 'b'},
    };
    for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
        const char *token = reads[i].who == 'm' ? w.med : w.buyer;
        /* once unarmed: the merged view is built and kept, so every armed request allocates alike */
        http_resp r = talks_call(&w, "GET", reads[i].path, token, NULL, 200);
        http_resp_free(&r);
        int n = each_allocation_refused(&w, "GET", reads[i].path, token, NULL, 200);
        if (n == 0)
            fail_msg("GET %s: no refusal was answered \"out of memory\"", reads[i].path);
    }
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_requests_out_of_memory_are_500),
    };
    return cmocka_run_group_tests(tests, arm_allocator, disarm_allocator);
}

/*
 * test_server_oom.h: what the tests of a server request running out of memory share (test_server_kill_oom.c,
 * test_server_kill16_oom.c): jansson's allocator refuses exactly the n-th allocation made after arming (n = 1,
 * 2, ... until a request goes through without reaching it), so each allocation of the request fails once in
 * turn.  Allocations made inside json_loads/json_loadb are never refused: jansson 2.14's parser aborts on a
 * failed allocation (a double free in its error path), which is no part of what is tested.  Whatever the request
 * answers, an answer that says "out of memory" must carry status 500.  The group setup arm_allocator installs the
 * allocator (unarmed), disarm_allocator puts jansson's back.  Header-only (define _GNU_SOURCE, for dladdr, before every include; include after <cmocka.h>).
 */
#ifndef PARLEY_TEST_SERVER_OOM_H
#define PARLEY_TEST_SERVER_OOM_H

#include <dlfcn.h>
#include <execinfo.h>
#include <stdatomic.h>

#include "test_tmpdir.h"
#include "test_server_http.h"
#include "test_server_talks.h"

static atomic_long countdown; /* 0: every allocation succeeds; n: the n-th counted from now fails */

/* 1 when the allocation is made inside jansson's parser (json_loadb or json_loads is on the stack). */
static int in_parser(void)
{
    void *frames[48];
    int n = backtrace(frames, 48);
    for (int i = 0; i < n; i++) {
        Dl_info info;
        if (dladdr(frames[i], &info) && info.dli_sname &&
            (strcmp(info.dli_sname, "json_loadb") == 0 || strcmp(info.dli_sname, "json_loads") == 0))
            return 1;
    }
    return 0;
}

static void *refusing_malloc(size_t size)
{
    if (atomic_load(&countdown) <= 0 || in_parser())
        return malloc(size);
    long left = atomic_load(&countdown);
    while (left > 0 && !atomic_compare_exchange_weak(&countdown, &left, left - 1))
        ;
    return left == 1 ? NULL : malloc(size);
}

/*
 * Sends the request with the n-th allocation refused, n = 1, 2, ...: returns
 * how many answers said "out of memory"; fails on one that did with another
 * status than 500, and when the request that refused nothing did not succeed.
 */
static int each_allocation_refused(talks *w, const char *method, const char *path, const char *token,
                                   const char *body, int ok_status)
{
    int out_of_memory = 0;
    for (long n = 1; n < 5000; n++) {
        atomic_store(&countdown, n);
        http_resp r = http_request(w->port, method, path, token, body);
        long left = atomic_exchange(&countdown, 0);
        int status = r.status;
        int said_oom = r.body && strstr(r.body, "out of memory") != NULL;
        http_resp_free(&r);
        if (said_oom) {
            out_of_memory++;
            if (status != 500)
                fail_msg("%s %s, allocation %ld refused: \"out of memory\" with status %d", method, path, n, status);
        }
        if (left > 0) { /* the request made fewer than n allocations: every one was refused once */
            if (status != ok_status)
                fail_msg("%s %s: %d without a refused allocation, expected %d", method, path, status, ok_status);
            return out_of_memory;
        }
    }
    fail_msg("%s %s: still allocating after 5000", method, path);
    return out_of_memory;
}

static int arm_allocator(void **state)
{
    (void)state;
    void *frames[4];
    backtrace(frames, 4); /* loads what backtrace needs before any allocation is refused */
    json_set_alloc_funcs(refusing_malloc, free);
    return 0;
}

static int disarm_allocator(void **state)
{
    (void)state;
    json_set_alloc_funcs(malloc, free);
    return 0;
}

#endif

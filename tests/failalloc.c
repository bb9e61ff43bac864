/*
 * failalloc.c: the countdown failing allocator of failalloc.h.  The __wrap_*
 * functions replace malloc, calloc, realloc,
 * aligned_alloc and strdup at link time (ld
 * --wrap); __real_* are the real ones.  Counters are atomic: the analysis and
 * the GMCR builder allocate from worker threads.
 */
#include "failalloc.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
void *__real_aligned_alloc(size_t alignment, size_t size);
void *__wrap_aligned_alloc(size_t alignment, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);

static atomic_long fail_from; /* 0: disarmed; else the call number from which every allocation fails */
static atomic_long calls, refused;
static atomic_int persist;

void failalloc_arm(long n, int persistent)
{
    atomic_store(&persist, persistent);
    atomic_store(&calls, 0);
    atomic_store(&refused, 0);
    atomic_store(&fail_from, n);
}

long failalloc_disarm(void)
{
    atomic_store(&fail_from, 0);
    return atomic_load(&refused);
}

long failalloc_calls(void) { return atomic_load(&calls); }

/* 1 when this allocation must fail. */
static int refuse(void)
{
    long from = atomic_load(&fail_from);
    if (from <= 0)
        return 0;
    long call = atomic_fetch_add(&calls, 1) + 1;
    if (call < from || (call > from && !atomic_load(&persist)))
        return 0;
    atomic_fetch_add(&refused, 1);
    return 1;
}

void *__wrap_malloc(size_t size) { return refuse() ? NULL : __real_malloc(size); }

void *__wrap_calloc(size_t count, size_t size) { return refuse() ? NULL : __real_calloc(count, size); }

/* A failed realloc leaves the block alone, as the real one does. */
void *__wrap_realloc(void *p, size_t size) { return refuse() ? NULL : __real_realloc(p, size); }

void *__wrap_aligned_alloc(size_t alignment, size_t size)
{
    return refuse() ? NULL : __real_aligned_alloc(alignment, size);
}

char *__wrap_strdup(const char *s) { return refuse() ? NULL : __real_strdup(s); }

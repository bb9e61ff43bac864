/*
 * pg_lib.c: loads libpq when the first PostgreSQL database is opened (why:
 * pg_lib.h).  The library stays loaded for the life of the process.
 */
#include "server/pg_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pg_lib pq;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512]; /* empty: loaded */

static void load(void)
{
    const char *name = getenv("PARLEY_LIBPQ");
    if (!name || !*name)
        name = "libpq.so.5";
    void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(load_error, sizeof load_error, "PostgreSQL needs libpq (Debian package libpq5), which did not load: %s",
                 dlerror());
        return;
    }
    /* dlsym returns an object pointer; POSIX guarantees it converts to a function pointer (the memcpy says so
     * without a cast ISO C does not define) */
#define PG_LIB_RESOLVE(fn)                                                                                             \
    if (!load_error[0]) {                                                                                              \
        void *sym = dlsym(lib, #fn);                                                                                   \
        if (sym)                                                                                                       \
            memcpy(&pq.fn, &sym, sizeof sym);                                                                          \
        else                                                                                                           \
            snprintf(load_error, sizeof load_error, "%s has no function %s: is it libpq?", name, #fn);                \
    }
    PG_LIB_FUNCTIONS(PG_LIB_RESOLVE)
#undef PG_LIB_RESOLVE
}

int pg_lib_load(parley_error *err)
{
    pthread_once(&once, load);
    return load_error[0] ? parley_error_set(err, PARLEY_EIO, "%s", load_error) : PARLEY_OK;
}

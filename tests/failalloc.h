/*
 * failalloc.h: a countdown failing allocator for the out-of-memory tests.
 * A test linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup
 * (tests/CMakeLists.txt does it for tests/test_oom*.c) routes every malloc,
 * calloc, realloc and strdup of the test and of libparley.a through
 * failalloc.c, which passes them to the real allocator (AddressSanitizer's,
 * in the sanitizer tree) until it is armed: then the Nth allocation from the
 * arming on returns NULL, and so do all later ones (or only that one, see
 * failalloc_arm). Allocations inside shared libraries (jansson,
 * expat, SQLite) are not wrapped.
 */
#ifndef PARLEY_TEST_FAILALLOC_H
#define PARLEY_TEST_FAILALLOC_H

#include <stddef.h>

/*
 * From now on allocation number n (1 = the next one) fails; with `persistent`
 * every later one fails too (a process out of memory stays so), without it
 * only that one (the code must also recover when memory comes back).
 */
void failalloc_arm(long n, int persistent);
/* Back to the real allocator; returns how many allocations were refused since the arming. */
long failalloc_disarm(void);
/* Allocations asked for since the last arming (refused or not). */
long failalloc_calls(void);

#endif

/* version.c: the library version string. */
#include <parley/parley.h>

const char *parley_version(void)
{
    return "0.1.0";
}

/* exec_helper.c: finding and starting parley-serve / parley-mpi (see exec_helper.h). */
#include "exec_helper.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void cli_exec_helper(const char *name, char **argv)
{
    char path[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", path, sizeof path - 1);
    if (len > 0) {
        path[len] = '\0';
        char *slash = strrchr(path, '/');
        if (slash && (size_t)(slash - path) + 1 + strlen(name) < sizeof path) {
            strcpy(slash + 1, name);
            execv(path, argv);
        }
    }
    execvp(name, argv);
    fprintf(stderr, "parley: cannot start %s (looked next to the parley binary, then on PATH): %s\n", name,
            strerror(errno));
}

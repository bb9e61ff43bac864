/*
 * probe.c: a plug-in agent for tests/test_server_seat_exec.c that shows where
 * it runs: it takes and releases the lock of stderr (a stdio lock that a thread
 * of the test holds meanwhile: a child forked from the test process without
 * executing a program would wait for it forever), writes its process's
 * executable (/proc/self/exe), its command line and every descriptor it has
 * open beyond 0, 1 and 2 (none should be: the server's database, sockets and
 * files stay with the server) to the file named by the environment variable
 * SEAT_PROBE_FILE, and accepts every text.
 * It calls nothing of the host, so it loads into any program.
 */
#include <parley/agent.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int probe_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = NULL;
    return 0;
}

static void probe_destroy(void *state)
{
    (void)state;
}

/* Appends "exe\ncmdline (NUL-separated)\n" and a line "open: N -> TARGET" per descriptor above 2 (but the
 * listing's own and a transient one of /proc, such as a sanitizer's) to the probe file. */
static void write_probe(const char *file)
{
    char exe[4096], cmdline[8192];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    FILE *c = fopen("/proc/self/cmdline", "rb");
    size_t len = c ? fread(cmdline, 1, sizeof cmdline, c) : 0;
    if (c)
        fclose(c);
    FILE *f = fopen(file, "ab");
    if (!f)
        return;
    fprintf(f, "%s\n", exe);
    fwrite(cmdline, 1, len, f);
    fputc('\n', f);
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        int fd = atoi(e->d_name);
        char link[64], target[4096];
        if (e->d_name[0] == '.' || fd <= 2 || fd == dirfd(d) || fd == fileno(f))
            continue;
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t k = readlink(link, target, sizeof target - 1);
        target[k > 0 ? k : 0] = '\0';
        if (strncmp(target, "/proc/", 6) != 0)
            fprintf(f, "open: %d -> %s\n", fd, target);
    }
    if (d)
        closedir(d);
    fclose(f);
}

static int probe_act(void *state, parley_agent_view *v, parley_request req, parley_action *act)
{
    (void)state, (void)v, (void)req;
    flockfile(stderr);
    funlockfile(stderr);
    const char *file = getenv("SEAT_PROBE_FILE");
    if (file)
        write_probe(file);
    act->kind = PARLEY_ACT_ACCEPT;
    return 0;
}

static const parley_agent_vtable probe = {PARLEY_AGENT_ABI, "probe", "shows where it runs (tests)", probe_create,
                                          probe_destroy, probe_act};

const parley_agent_vtable *parley_agent_entry(void);
const parley_agent_vtable *parley_agent_entry(void)
{
    return &probe;
}

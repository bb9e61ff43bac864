/*
 * seat_child.c: one answer of a seated agent, in a child process of the
 * server: niced, within the seat's CPU time (RLIMIT_CPU) and killed at its
 * deadline, with no database, socket or file of the server open.  Built-in and
 * BOA agents, plug-ins (loaded in the child from the agent folder) and the
 * drafting helper run in the forked child itself; a Python agent is a program
 * the child executes (`PYTHON -m parley.seat FILE`), which reads the request on
 * its standard input and writes the answer on its standard output.  The
 * result is {"ok": answer} or {"error": message}.
 */
#include "server/seats.h"

#include <parley/live.h>

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SEAT_NICE 5 /* added to the server's niceness: requests first, but an answer is small and has a deadline */
#define SEAT_MAX_REPLY ((size_t)1 << 20)


static void write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return;
        p += k;
        n -= (size_t)k;
    }
}

/* The child's setup: dies with the server, niced, within its CPU time, with no descriptor of the server but keep
 * (and the standard ones). */
static void child_setup(double cpu, int keep)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int prio = getpriority(PRIO_PROCESS, 0) + SEAT_NICE;
    setpriority(PRIO_PROCESS, 0, prio > 19 ? 19 : prio);
    rlim_t seconds = (rlim_t)ceil(cpu);
    struct rlimit rl = {seconds, seconds + 1}; /* SIGXCPU at the limit, SIGKILL a second later */
    setrlimit(RLIMIT_CPU, &rl);
#ifdef SYS_close_range
    if (keep > 3)
        syscall(SYS_close_range, 3u, (unsigned)keep - 1, 0u);
    syscall(SYS_close_range, (unsigned)keep + 1, ~0u, 0u);
#endif
}

/* A built-in, BOA or plug-in agent (or the drafting helper), in the forked child: writes {"ok": answer} or
 * {"error": message} to out; never returns. */
static void child_native(parley_server *srv, const seat_job *job, int out)
{
    child_setup(job->cpu, out);
    parley_error err;
    parley_error_clear(&err);
    char *answer = NULL;
    const parley_agent_vtable *vt = NULL;
    parley_agent_plugin *plugin = NULL;
    int rc = 0;
    if (strcmp(job->kind, "plugin") == 0) {
        char name[256], path[4096];
        const char *params;
        if (!(rc = parley_agent_spec_split(job->agent, name, sizeof name, &params, &err))) {
            snprintf(path, sizeof path, "%s/%s", srv->agent_dir, name);
            if (!(rc = parley_agent_plugin_load(path, &plugin, &err)))
                vt = parley_agent_plugin_vtable(plugin);
        }
    }
    if (!rc)
        rc = job->task == TASK_DRAFT ? parley_live_draft(job->request, &answer, &err)
                                     : parley_live_answer(job->request, vt, &answer, &err);
    json_t *o = rc ? json_pack("{s:s}", "error", err.message[0] ? err.message : parley_strerror(rc))
                   : json_pack("{s:o*}", "ok", json_loads(answer, 0, NULL));
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    if (text)
        write_all(out, text, strlen(text));
    /* As jobs.c: the raw exit, so that no exit hook (a leak checker's) runs on the parent's copied heap. */
    syscall(SYS_exit_group, text ? 0 : 1);
    _exit(1);
}

/* A Python agent: the child runs `PYTHON -m parley.seat FILE` with the request on stdin, the answer on stdout. */
static void child_python(parley_server *srv, const seat_job *job, int in, int out)
{
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0)
        syscall(SYS_exit_group, 1);
    child_setup(job->cpu, 2);
    char name[256], path[4096];
    const char *params;
    parley_error err;
    parley_error_clear(&err);
    if (parley_agent_spec_split(job->agent, name, sizeof name, &params, &err))
        syscall(SYS_exit_group, 1);
    snprintf(path, sizeof path, "%s/%s", srv->agent_dir, name);
    execlp(srv->python, srv->python, "-m", "parley.seat", path, (char *)NULL);
    syscall(SYS_exit_group, 127);
    _exit(127);
}

void seat_run_agent(parley_server *srv, const seat_job *job, json_t **result, char *why, size_t why_size, double *cpu)
{
    seat_runner *r = srv->seats;
    int python = strcmp(job->kind, "python") == 0;
    *cpu = 0;
    int out[2], in[2] = {-1, -1};
    *result = NULL;
    if (pipe(out) != 0 || (python && pipe(in) != 0)) {
        snprintf(why, why_size, "crashed: cannot start the agent (%s)", strerror(errno));
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        if (python) {
            close(in[1]);
            close(out[0]);
            child_python(srv, job, in[0], out[1]);
        }
        child_native(srv, job, out[1]);
    }
    close(out[1]);
    if (python)
        close(in[0]);
    if (pid < 0) {
        close(out[0]);
        if (python)
            close(in[1]);
        snprintf(why, why_size, "crashed: cannot start the agent (%s)", strerror(errno));
        return;
    }
    pthread_mutex_lock(&r->mu);
    r->child = pid;
    int stop = r->stop;
    pthread_mutex_unlock(&r->mu);
    if (stop)
        kill(pid, SIGKILL);
    int64_t deadline = guard_now_ms() + (int64_t)(job->deadline * 1000);
    size_t sent = 0, request_len = strlen(job->request), len = 0;
    char *buf = malloc(SEAT_MAX_REPLY + 1);
    const char *killed = buf ? NULL : "crashed: out of memory";
    int to_child = python ? in[1] : -1;
    while (!killed) {
        int64_t left = deadline - guard_now_ms();
        pthread_mutex_lock(&r->mu);
        stop = r->stop;
        pthread_mutex_unlock(&r->mu);
        if (stop)
            killed = "stopping";
        else if (left <= 0)
            killed = "timeout";
        else if (len >= SEAT_MAX_REPLY)
            killed = "crashed: its answer is too large";
        if (killed)
            break;
        struct pollfd p[2] = {{out[0], POLLIN, 0}, {to_child, POLLOUT, 0}};
        if (poll(p, to_child >= 0 ? 2 : 1, left > 100 ? 100 : (int)left) <= 0)
            continue;
        if (to_child >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t k = write(to_child, job->request + sent, request_len - sent > 65536 ? 65536 : request_len - sent);
            if (k > 0)
                sent += (size_t)k;
            if (k < 0 || sent == request_len) {
                close(to_child);
                to_child = -1;
            }
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t k = read(out[0], buf + len, SEAT_MAX_REPLY - len);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break; /* the child closed its end: it is done */
            len += (size_t)k;
        }
    }
    if (killed)
        kill(pid, SIGKILL);
    if (to_child >= 0)
        close(to_child);
    close(out[0]);
    int status = 0;
    struct rusage used;
    memset(&used, 0, sizeof used);
    while (wait4(pid, &status, 0, &used) < 0 && errno == EINTR)
        ;
    *cpu = (double)used.ru_utime.tv_sec + used.ru_utime.tv_usec / 1e6 + (double)used.ru_stime.tv_sec +
           used.ru_stime.tv_usec / 1e6;
    pthread_mutex_lock(&r->mu);
    r->child = 0;
    pthread_mutex_unlock(&r->mu);
    if (!killed && WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL))
        killed = "cpu";
    else if (!killed && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
        killed = "crashed";
    if (!killed) {
        buf[len] = '\0';
        *result = json_loads(buf, 0, NULL);
        if (!json_is_object(*result)) {
            json_decref(*result);
            *result = NULL;
            killed = "crashed: its answer is not JSON";
        }
    }
    snprintf(why, why_size, "%s", killed ? killed : "");
    free(buf);
}

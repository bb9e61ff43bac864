/*
 * child.c: runs one program for the server (child.h).  Between fork and execve
 * the child makes async-signal-safe calls only: the server is threaded, and a
 * child that allocated or took a lock could wait forever for a lock another
 * thread held at the fork (glibc's malloc is safe across fork, but the
 * sanitizers' allocator of this compiler is not).  Everything the child needs
 * (its command line, environment and request) is made by the caller before.
 */
#define _GNU_SOURCE /* pipe2 */
#include "server/child.h"
#include "server/server_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* In the child: dies with the server, niced, within its CPU time and memory, with the default signal handling,
 * stdin and stdout on the pipes and no other descriptor of the server but stderr; then becomes the program. */
static void child_exec(const child_spec *spec, pid_t server, int in, int out)
{
    /* The pipes are close-on-exec (no other child of the server inherits them); their copies on 0 and 1 not. */
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || fcntl(0, F_SETFD, 0) < 0 || fcntl(1, F_SETFD, 0) < 0)
        _exit(CHILD_EXIT_NO_EXEC);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != server) /* the server died before the line above */
        _exit(CHILD_EXIT_NO_EXEC);
    int prio = getpriority(PRIO_PROCESS, 0) + spec->nice;
    setpriority(PRIO_PROCESS, 0, prio > 19 ? 19 : prio);
    if (spec->cpu_seconds > 0) {
        rlim_t seconds = (rlim_t)ceil(spec->cpu_seconds);
        struct rlimit cpu = {seconds, seconds + 1}; /* SIGXCPU at the limit, SIGKILL a second later */
        setrlimit(RLIMIT_CPU, &cpu);
    }
#ifndef CHILD_UNDER_ASAN
    if (spec->memory) {
        struct rlimit data = {(rlim_t)spec->memory, (rlim_t)spec->memory};
        setrlimit(RLIMIT_DATA, &data);
    }
#endif
    /* The server ignores SIGPIPE and SIGXFSZ and its threads block signals; the program starts with the defaults. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGPIPE, &dfl, NULL);
    sigaction(SIGXFSZ, &dfl, NULL);
    sigaction(SIGXCPU, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
#ifdef SYS_close_range
    syscall(SYS_close_range, 3u, ~0u, 0u);
#else
    for (int fd = 3; fd < 1024; fd++)
        close(fd);
#endif
    execve(spec->argv[0], (char *const *)spec->argv, spec->envp ? spec->envp : environ);
    _exit(CHILD_EXIT_NO_EXEC);
}

/* Reads what is there into out->reply (grown by doubling); 1 at the end of the output, -1
 * when over max_reply or out of memory (*full says which), 0 otherwise. */
static int read_some(int fd, const child_spec *spec, child_result *out, size_t *cap, int *full)
{
    if (*cap - out->len < 4096) { /* bounded: more than max_reply read ends the run */
        size_t grown = *cap ? *cap * 2 : 65536;
        char *b = realloc(out->reply, grown + 1);
        if (!b) {
            *full = 0;
            return -1;
        }
        out->reply = b;
        *cap = grown;
    }
    ssize_t k = read(fd, out->reply + out->len, *cap - out->len);
    if (k < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : 1;
    if (k == 0)
        return 1;
    out->len += (size_t)k;
    if (out->len > spec->max_reply) {
        *full = 1;
        return -1;
    }
    return 0;
}

void child_run(const child_spec *spec, child_result *out)
{
    memset(out, 0, sizeof *out);
    int from[2] = {-1, -1}, to[2] = {-1, -1};
    if (pipe2(from, O_CLOEXEC) != 0 || pipe2(to, O_CLOEXEC) != 0) {
        out->outcome = CHILD_NOT_STARTED;
        out->error = errno;
        for (int i = 0; i < 2; i++)
            if (from[i] >= 0)
                close(from[i]);
        return;
    }
    pid_t server = getpid();
    pid_t pid = fork();
    if (pid == 0)
        child_exec(spec, server, to[0], from[1]);
    close(from[1]);
    close(to[0]);
    if (pid < 0) {
        out->outcome = CHILD_NOT_STARTED;
        out->error = errno;
        close(from[0]);
        close(to[1]);
        return;
    }
    /* The request goes in while the reply comes out: poll on both, so that neither a large request nor a large
     * reply blocks the other end. */
    size_t sent = 0, cap = 0;
    int to_child = to[1], killed = 0;
    const char *reason = spec->check ? spec->check(spec->arg, pid) : NULL;
    for (;;) {
        int64_t left = spec->deadline_ms - guard_now_ms();
        if (reason) {
            out->outcome = CHILD_STOPPED;
            out->reason = reason;
        } else if (left <= 0)
            out->outcome = CHILD_DEADLINE;
        if (reason || left <= 0) {
            killed = 1;
            break;
        }
        struct pollfd p[2] = {{from[0], POLLIN, 0}, {to_child, POLLOUT, 0}};
        if (poll(p, to_child >= 0 ? 2 : 1, left > CHILD_POLL_MS ? CHILD_POLL_MS : (int)left) > 0) {
            if (to_child >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
                size_t rest = spec->request_len - sent;
                ssize_t k = rest ? write(to_child, spec->request + sent, rest > 65536 ? 65536 : rest) : 0;
                if (k > 0)
                    sent += (size_t)k;
                if ((k < 0 && errno != EINTR && errno != EAGAIN) || sent == spec->request_len) {
                    close(to_child); /* all sent, or the program stopped reading (EPIPE: SIGPIPE is blocked) */
                    to_child = -1;
                }
            }
            if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
                int full = 0, r = read_some(from[0], spec, out, &cap, &full);
                if (r < 0) {
                    out->outcome = full ? CHILD_TOO_LARGE : CHILD_NOT_STARTED;
                    out->error = full ? 0 : ENOMEM;
                    killed = 1;
                    break;
                }
                if (r > 0)
                    break; /* the program closed its end: it is done */
            }
        }
        reason = spec->check ? spec->check(spec->arg, pid) : NULL;
    }
    if (to_child >= 0)
        close(to_child);
    close(from[0]);
    struct rusage used;
    memset(&used, 0, sizeof used);
    /* A program that closed its output but goes on running is killed at the deadline too. */
    while (!killed) {
        pid_t done = wait4(pid, &out->status, WNOHANG, &used);
        if (done == pid || (done < 0 && errno != EINTR))
            break;
        if (guard_now_ms() >= spec->deadline_ms) {
            out->outcome = CHILD_DEADLINE;
            killed = 1;
        } else
            poll(NULL, 0, 5);
    }
    if (killed) {
        kill(pid, SIGKILL);
        while (wait4(pid, &out->status, 0, &used) < 0 && errno == EINTR)
            ;
    }
    out->cpu = (double)used.ru_utime.tv_sec + used.ru_utime.tv_usec / 1e6 + (double)used.ru_stime.tv_sec +
               used.ru_stime.tv_usec / 1e6;
    if (out->reply)
        out->reply[out->len] = '\0';
}

/*
 * seat_child.c: one answer of a seated agent, in a child process of the
 * server: niced, within the seat's CPU time (RLIMIT_CPU) and the server's
 * memory budget of an agent (RLIMIT_DATA), killed at its deadline and with the
 * server, with no database, socket or file of the server open.  The child
 * executes a program at once: `PROGRAM seat-answer [--draft] [--plugin FILE]`
 * (src/cli/cmd_seat_answer.c) for a built-in, BOA or plug-in agent and the
 * drafting helper, `PYTHON -m parley.seat FILE` for a Python agent.  Both read
 * the request on their standard input and write {"ok": answer} or {"error":
 * message} on their standard output; exit status 3 says the agent ran out of
 * memory.
 *
 * The server is threaded: a child that ran library code after the fork could
 * block forever on a lock (malloc's, stdio's, a sanitizer's) that another
 * thread held at that moment.  So everything that allocates (the command line,
 * the environment, the request) is made here in the parent before the fork, and
 * the child does only async-signal-safe calls (dup2, fcntl, prctl, setpriority,
 * setrlimit, sigaction, sigprocmask, close_range, execve) before the program
 * replaces it.
 */
#define _GNU_SOURCE /* pipe2 */
#include "server/seats.h"

#include <parley/agent.h>

#include <errno.h>
#include <fcntl.h>
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
#define SEAT_EXIT_MEMORY 3   /* the programs' exit status when the agent ran out of memory */
#define SEAT_EXIT_NO_EXEC 127 /* the child's when the program could not be executed */

/* A sanitizer reserves terabytes of address space at start, which no RLIMIT_DATA or RLIMIT_AS of an agent's size
 * allows: in such a build the children's allocator is capped instead (ASAN_OPTIONS, below). */
#if defined(__SANITIZE_ADDRESS__)
#define SEAT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SEAT_UNDER_ASAN 1
#endif
#endif

extern char **environ;

/* What the child executes, made in the parent. */
typedef struct seat_command {
    const char *argv[8];
    char agent_path[4096];
    char **envp;         /* environ, or `owned` */
    char **owned;        /* a copy of environ with the memory budget in ASAN_OPTIONS (sanitizer builds), or NULL */
    char *asan_options;
} seat_command;

static void command_free(seat_command *cmd)
{
    free(cmd->owned);
    free(cmd->asan_options);
}

/* The environment of the child: the server's, and in a sanitizer build the memory budget as allocator options
 * (ASAN_OPTIONS appended to: an allocation over the budget, or any past it in resident memory, fails). */
static int command_env(seat_command *cmd, uint64_t memory)
{
    cmd->envp = environ;
#ifdef SEAT_UNDER_ASAN
    size_t n = 0;
    while (environ[n])
        n++;
    const char *old = getenv("ASAN_OPTIONS");
    unsigned long long mb = (unsigned long long)(memory >> 20);
    size_t size = strlen(old ? old : "") + 160;
    if (!(cmd->owned = calloc(n + 2, sizeof *cmd->owned)) || !(cmd->asan_options = malloc(size)))
        return -1;
    snprintf(cmd->asan_options, size,
             "ASAN_OPTIONS=%s%sallocator_may_return_null=1:max_allocation_size_mb=%llu:soft_rss_limit_mb=%llu",
             old ? old : "", old && old[0] ? ":" : "", mb, mb);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "ASAN_OPTIONS=", 13) != 0)
            cmd->owned[k++] = environ[i];
    cmd->owned[k] = cmd->asan_options;
    cmd->envp = cmd->owned;
#else
    (void)memory;
#endif
    return 0;
}

/* The command line of the job's agent; 0, or -1 with why[] set. */
static int command_make(parley_server *srv, const seat_job *job, seat_command *cmd, char *why, size_t why_size)
{
    memset(cmd, 0, sizeof *cmd);
    int python = strcmp(job->kind, "python") == 0, plugin = strcmp(job->kind, "plugin") == 0;
    if (python || plugin) {
        char name[256];
        const char *params;
        parley_error err;
        parley_error_clear(&err);
        if (parley_agent_spec_split(job->agent, name, sizeof name, &params, &err) || !srv->agent_dir) {
            snprintf(why, why_size, "crashed: the agent '%s' is not in the agent folder", job->agent);
            return -1;
        }
        snprintf(cmd->agent_path, sizeof cmd->agent_path, "%s/%s", srv->agent_dir, name);
    }
    if (!python && !srv->seat_program) {
        snprintf(why, why_size, "crashed: this server has no seat program (parley_server_options.seat_program)");
        return -1;
    }
    const char **a = cmd->argv;
    if (python) {
        *a++ = srv->python;
        *a++ = "-m";
        *a++ = "parley.seat";
        *a++ = cmd->agent_path;
    } else {
        *a++ = srv->seat_program;
        *a++ = "seat-answer";
        if (job->task == TASK_DRAFT)
            *a++ = "--draft";
        if (plugin) {
            *a++ = "--plugin";
            *a++ = cmd->agent_path;
        }
    }
    *a = NULL;
    if (command_env(cmd, srv->agent_memory)) {
        command_free(cmd);
        snprintf(why, why_size, "crashed: out of memory");
        return -1;
    }
    return 0;
}

/* In the child, between fork and execve: async-signal-safe calls only.  Dies with the server, niced, within its
 * CPU time and memory, with the default signal handling, stdin and stdout on the pipes and no other descriptor
 * of the server but stderr; then becomes the program.  Never returns. */
static void child_exec(const seat_command *cmd, const seat_job *job, uint64_t memory, pid_t server, int in, int out)
{
    /* The pipes are close-on-exec (no other child of the server inherits them); their copies on 0 and 1 not. */
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || fcntl(0, F_SETFD, 0) < 0 || fcntl(1, F_SETFD, 0) < 0)
        _exit(SEAT_EXIT_NO_EXEC);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != server) /* the server died before the line above */
        _exit(SEAT_EXIT_NO_EXEC);
    int prio = getpriority(PRIO_PROCESS, 0) + SEAT_NICE;
    setpriority(PRIO_PROCESS, 0, prio > 19 ? 19 : prio);
    rlim_t seconds = (rlim_t)ceil(job->cpu);
    struct rlimit cpu = {seconds, seconds + 1}; /* SIGXCPU at the limit, SIGKILL a second later */
    setrlimit(RLIMIT_CPU, &cpu);
#ifndef SEAT_UNDER_ASAN
    struct rlimit data = {(rlim_t)memory, (rlim_t)memory};
    setrlimit(RLIMIT_DATA, &data);
#else
    (void)memory;
#endif
    /* The server ignores SIGPIPE and SIGXFSZ and its threads block signals; the agent starts with the defaults. */
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
    execve(cmd->argv[0], (char *const *)cmd->argv, cmd->envp);
    _exit(SEAT_EXIT_NO_EXEC);
}

char *seat_find_program(const char *name)
{
    const char *path = getenv("PATH");
    if (strchr(name, '/') || !path)
        return strdup(name);
    size_t size = strlen(path) + strlen(name) + 2;
    char *full = malloc(size);
    for (const char *dir = path; full; dir += strcspn(dir, ":") + 1) {
        size_t n = strcspn(dir, ":");
        snprintf(full, size, "%.*s/%s", (int)(n ? n : 1), n ? dir : ".", name); /* an empty entry: "." */
        if (access(full, X_OK) == 0)
            return full;
        if (!dir[n])
            break;
    }
    free(full);
    return strdup(name);
}

/* Why the child's exit status gave no answer ("" when it did), into why[]. */
static void exit_reason(const parley_server *srv, int status, char *why, size_t why_size)
{
    if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL))
        snprintf(why, why_size, "cpu");
    else if (WIFEXITED(status) && WEXITSTATUS(status) == SEAT_EXIT_MEMORY)
        snprintf(why, why_size, "memory: the agent ran out of its memory budget (%llu MiB, --agent-memory)",
                 (unsigned long long)(srv->agent_memory >> 20));
    else if (WIFEXITED(status) && WEXITSTATUS(status) == SEAT_EXIT_NO_EXEC)
        snprintf(why, why_size, "crashed: its program could not be started");
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        snprintf(why, why_size, "crashed");
    else
        why[0] = '\0';
}

void seat_run_agent(parley_server *srv, const seat_job *job, json_t **result, char *why, size_t why_size, double *cpu)
{
    seat_runner *r = srv->seats;
    *cpu = 0;
    *result = NULL;
    seat_command cmd;
    if (command_make(srv, job, &cmd, why, why_size))
        return;
    int out[2] = {-1, -1}, in[2] = {-1, -1};
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(in, O_CLOEXEC) != 0) {
        snprintf(why, why_size, "crashed: cannot start the agent (%s)", strerror(errno));
        for (int i = 0; i < 2; i++)
            if (out[i] >= 0)
                close(out[i]);
        command_free(&cmd);
        return;
    }
    pid_t server = getpid();
    pid_t pid = fork();
    if (pid == 0)
        child_exec(&cmd, job, srv->agent_memory, server, in[0], out[1]);
    close(out[1]);
    close(in[0]);
    command_free(&cmd);
    if (pid < 0) {
        close(out[0]);
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
    /* The request goes in while the answer comes out: poll on both, so that neither a large request nor a
     * large answer blocks the other end. */
    int64_t deadline = guard_now_ms() + (int64_t)(job->deadline * 1000);
    size_t sent = 0, request_len = strlen(job->request), len = 0;
    char *buf = malloc(SEAT_MAX_REPLY + 1);
    const char *killed = buf ? NULL : "crashed: out of memory";
    int to_child = in[1];
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
            if ((k < 0 && errno != EINTR && errno != EAGAIN) || sent == request_len) {
                close(to_child); /* all sent, or the agent stopped reading (EPIPE: SIGPIPE is blocked here) */
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
    if (killed)
        snprintf(why, why_size, "%s", killed);
    else
        exit_reason(srv, status, why, why_size);
    if (!why[0]) {
        buf[len] = '\0';
        *result = json_loads(buf, 0, NULL);
        if (!json_is_object(*result)) {
            json_decref(*result);
            *result = NULL;
            snprintf(why, why_size, "crashed: its answer is not JSON");
        }
    }
    free(buf);
}

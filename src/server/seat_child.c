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
 * The command line, the environment and the request are made here; child.c
 * forks and executes the program (no library code runs in the forked copy of
 * the threaded server).
 */
#include "server/child.h"
#include "server/seats.h"

#include <parley/agent.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SEAT_NICE 5 /* added to the server's niceness: requests first, but an answer is small and has a deadline */
#define SEAT_MAX_REPLY ((size_t)1 << 20)
#define SEAT_EXIT_MEMORY 3 /* the programs' exit status when the agent ran out of memory */

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
#ifdef CHILD_UNDER_ASAN
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
        parley_error err = {0};
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
    else if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_EXIT_NO_EXEC)
        snprintf(why, why_size, "crashed: its program could not be started");
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        snprintf(why, why_size, "crashed");
    else
        why[0] = '\0';
}

/* The seat runner's view of its child: known to seat_runner_stop (which kills it), and killed on a stop. */
static const char *seat_check(void *arg, pid_t pid)
{
    seat_runner *r = arg;
    pthread_mutex_lock(&r->mu);
    r->child = pid;
    int stop = r->stop;
    pthread_mutex_unlock(&r->mu);
    return stop ? "stopping" : NULL;
}

void seat_run_agent(parley_server *srv, const seat_job *job, json_t **result, char *why, size_t why_size, double *cpu)
{
    seat_runner *r = srv->seats;
    *cpu = 0;
    *result = NULL;
    seat_command cmd;
    if (command_make(srv, job, &cmd, why, why_size))
        return;
    child_spec spec = {.argv = cmd.argv, .envp = cmd.envp, .nice = SEAT_NICE, .cpu_seconds = job->cpu,
                       .memory = srv->agent_memory, .request = job->request, .request_len = strlen(job->request),
                       .max_reply = SEAT_MAX_REPLY, .deadline_ms = guard_now_ms() + (int64_t)(job->deadline * 1000),
                       .check = seat_check, .arg = r};
    child_result res;
    child_run(&spec, &res);
    command_free(&cmd);
    pthread_mutex_lock(&r->mu);
    r->child = 0;
    pthread_mutex_unlock(&r->mu);
    *cpu = res.cpu;
    if (res.outcome == CHILD_NOT_STARTED)
        snprintf(why, why_size, "crashed: cannot start the agent (%s)", strerror(res.error));
    else if (res.outcome == CHILD_STOPPED)
        snprintf(why, why_size, "%s", res.reason);
    else if (res.outcome == CHILD_DEADLINE)
        snprintf(why, why_size, "timeout");
    else if (res.outcome == CHILD_TOO_LARGE)
        snprintf(why, why_size, "crashed: its answer is too large");
    else
        exit_reason(srv, res.status, why, why_size);
    if (!why[0]) {
        *result = json_loadb(res.reply ? res.reply : "", res.len, 0, NULL);
        if (!json_is_object(*result)) {
            json_decref(*result);
            *result = NULL;
            snprintf(why, why_size, "crashed: its answer is not JSON");
        }
    }
    free(res.reply);
}

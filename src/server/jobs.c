/*
 * jobs.c: analyses, diagnoses and proposals off the request threads, under a
 * time budget.  The library's enumeration cannot be interrupted, so each one
 * runs in a child process (fork: the scenario and what the handler read from
 * the database were prepared beforehand, so the child touches no database and
 * no lock of the parent) that writes its reply as JSON into a pipe.  A
 * supervising thread reads the pipe and kills the child with SIGKILL when the
 * budget (--analysis-seconds) runs out, when the client has closed its
 * connection (checked every 50 ms with a non-blocking peek) or when the server
 * stops; the memory the analysis used goes with the child.  At most
 * max_analyses run at once; the others wait for a slot (their budget starts
 * when they run; a client that goes away while waiting is forgotten), at most
 * JOB_MAX_WAITING in all, and within the budgets of the token and of the
 * negotiation (all its mediators together; 429 beyond them).  Slots are fair
 * across negotiations (jobs_pick): a free slot goes to the waiting analysis
 * whose negotiation has the fewest running, the oldest first among equals, and
 * never to a negotiation already running its budget of analyses at once.
 */
#include "server/server_internal.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define JOB_POLL_MS 50
#define JOB_MAX_REPLY ((size_t)256 << 20)
#define JOB_MAX_WAITING 32u
#define JOB_NICE 10 /* added to the server's niceness */

struct analysis_job {
    parley_server *srv;
    api_call *c;
    int (*fn)(api_call *c);
    int client_fd;
    void (*done)(void *arg);
    void *arg;
    int slot;   /* its slot of the negotiation's analyses across processes (claims.c) */
    int cancel; /* guarded by jobs_mu */
    int running; /* has a slot (guarded by jobs_mu) */
    uint64_t arrival; /* order of submission */
    int64_t me;  /* the participant who asked */
    int64_t negotiation;
    analysis_job *prev, *next;
};

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

/* The child: runs the handler and writes {"status", "reply"}; never returns. */
static void child_main(analysis_job *j, int out)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int prio = getpriority(PRIO_PROCESS, 0) + JOB_NICE; /* batch work: the request threads go first */
    setpriority(PRIO_PROCESS, 0, prio > 19 ? 19 : prio);
#ifdef SYS_close_range
    /* Keep no socket or database file of the parent open (best effort). */
    if (out > 3)
        syscall(SYS_close_range, 3u, (unsigned)out - 1, 0u);
    syscall(SYS_close_range, (unsigned)out + 1, ~0u, 0u);
#endif
    api_call *c = j->c;
    c->db = NULL;
    j->fn(c);
    json_t *o = json_pack("{s:i,s:O?}", "status", c->status ? c->status : 500, "reply", c->reply);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(17)) : NULL;
    if (text)
        write_all(out, text, strlen(text));
    /* The raw system call: the child's heap is the parent's copy, and a leak checker's exit hook (ASan
     * intercepts _exit) would report the parent's live objects as leaks of this process. */
    syscall(SYS_exit_group, text ? 0 : 1);
    _exit(1);
}

static int client_gone(int fd)
{
    char b;
    if (fd < 0)
        return 0;
    ssize_t n = recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

/* Runs the child and sets the call's reply. */
static void supervise(analysis_job *j)
{
    parley_server *srv = j->srv;
    api_call *c = j->c;
    int fds[2];
    if (pipe(fds) != 0) {
        api_fail(c, 503, NULL, "cannot start the analysis: %s", strerror(errno));
        return;
    }
    pid_t pid = fork();
    if (pid == 0)
        child_main(j, fds[1]);
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        api_fail(c, 503, NULL, "cannot start the analysis: %s", strerror(errno));
        return;
    }
    int64_t deadline = guard_now_ms() + (int64_t)(srv->analysis_seconds * 1000);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    const char *killed = NULL;
    for (;;) {
        pthread_mutex_lock(&srv->jobs_mu);
        int cancel = j->cancel;
        pthread_mutex_unlock(&srv->jobs_mu);
        if (cancel)
            killed = "the server is stopping";
        else if (guard_now_ms() >= deadline)
            killed = "budget";
        else if (client_gone(j->client_fd))
            killed = "the client went away";
        else if (len > JOB_MAX_REPLY)
            killed = "the reply is too large";
        if (killed) {
            kill(pid, SIGKILL);
            break;
        }
        struct pollfd p = {fds[0], POLLIN, 0};
        if (poll(&p, 1, JOB_POLL_MS) <= 0)
            continue;
        if (cap - len < 65536) {
            char *b = realloc(buf, cap = cap ? cap * 2 : 1 << 17);
            if (!b) {
                killed = "out of memory";
                kill(pid, SIGKILL);
                break;
            }
            buf = b;
        }
        ssize_t k = read(fds[0], buf + len, cap - len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        len += (size_t)k;
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    json_t *o = NULL;
    if (killed && strcmp(killed, "budget") == 0)
        api_fail(c, 503, NULL, "the analysis did not finish within its budget of %g seconds (the server's "
                 "--analysis-seconds); it was stopped", srv->analysis_seconds);
    else if (killed)
        api_fail(c, 503, NULL, "the analysis was stopped: %s", killed);
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !(o = json_loadb(buf, len, 0, NULL)))
        api_fail(c, 500, NULL, "the analysis failed (its process ended with status %d)", status);
    else {
        json_t *reply = json_object_get(o, "reply");
        c->status = (int)json_integer_value(json_object_get(o, "status"));
        json_decref(c->reply);
        c->reply = json_incref(reply);
        if (!c->reply)
            api_fail(c, 500, NULL, "the analysis gave no reply");
    }
    json_decref(o);
    free(buf);
}

size_t jobs_pick(const int64_t *waiting, size_t n, const int64_t *running, size_t r, unsigned per_negotiation)
{
    size_t best = n;
    unsigned best_count = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned count = 0;
        for (size_t k = 0; k < r; k++)
            count += running[k] == waiting[i];
        if (count < per_negotiation && (best == n || count < best_count)) {
            best = i;
            best_count = count;
        }
    }
    return best;
}

/* 1 when j is the waiting job jobs_pick chooses (called with jobs_mu held). */
static int my_turn(parley_server *srv, const analysis_job *j)
{
    enum { MAX = 256 };
    int64_t waiting[MAX] = {0}, running[MAX] = {0};
    uint64_t arrival[MAX];
    const analysis_job *who[MAX];
    size_t n = 0, r = 0;
    for (const analysis_job *o = srv->jobs; o; o = o->next) {
        if (o->running && r < MAX)
            running[r++] = o->negotiation;
        else if (!o->running && !o->cancel && n < MAX) { /* kept in arrival order (the list is newest first) */
            size_t at = n++;
            while (at > 0 && arrival[at - 1] > o->arrival) {
                waiting[at] = waiting[at - 1];
                arrival[at] = arrival[at - 1];
                who[at] = who[at - 1];
                at--;
            }
            waiting[at] = o->negotiation;
            arrival[at] = o->arrival;
            who[at] = o;
        }
    }
    size_t pick = jobs_pick(waiting, n, running, r, srv->budgets.running_per_negotiation);
    return pick < n && who[pick] == j;
}

/* Waits for a free slot and its turn; 0 when it has one (counted in jobs_active), else the reply is set. */
static int wait_for_slot(analysis_job *j)
{
    parley_server *srv = j->srv;
    for (;;) {
        pthread_mutex_lock(&srv->jobs_mu);
        int cancel = j->cancel, go = !srv->jobs_paused && srv->jobs_active < srv->max_analyses && my_turn(srv, j);
        if (!cancel && go) {
            srv->jobs_active++;
            j->running = 1;
        }
        pthread_mutex_unlock(&srv->jobs_mu);
        if (cancel)
            return api_fail(j->c, 503, NULL, "the analysis was stopped: the server is stopping");
        if (go)
            return 0;
        if (client_gone(j->client_fd)) {
            pthread_mutex_lock(&srv->jobs_mu);
            j->cancel = 1; /* out of the queue at once */
            pthread_mutex_unlock(&srv->jobs_mu);
            return api_fail(j->c, 503, NULL, "the analysis was stopped: the client went away");
        }
        poll(NULL, 0, JOB_POLL_MS);
    }
}

static void *job_main(void *arg)
{
    analysis_job *j = arg;
    parley_server *srv = j->srv;
    if (!wait_for_slot(j)) {
        supervise(j);
        pthread_mutex_lock(&srv->jobs_mu);
        srv->jobs_active--;
        j->running = 0;
        pthread_mutex_unlock(&srv->jobs_mu);
    }
    /* Out of the list before the reply goes (the client may ask again at once); counted until it went. */
    pthread_mutex_lock(&srv->jobs_mu);
    if (j->prev)
        j->prev->next = j->next;
    else
        srv->jobs = j->next;
    if (j->next)
        j->next->prev = j->prev;
    pthread_mutex_unlock(&srv->jobs_mu);
    /* Its slot too (before jobs_running goes down: the server may be freed from then on). */
    claim_drop_slot(srv, "analysis", j->negotiation, j->slot);
    j->done(j->arg); /* the connection resumes: j->c may be gone from here on */
    pthread_mutex_lock(&srv->jobs_mu);
    srv->jobs_running--;
    pthread_cond_broadcast(&srv->jobs_cv);
    pthread_mutex_unlock(&srv->jobs_mu);
    free(j);
    return NULL;
}

int jobs_submit(api_call *c, int (*fn)(api_call *c), int client_fd, void (*done)(void *arg), void *arg)
{
    parley_server *srv = c->srv;
    analysis_job *j = calloc(1, sizeof *j);
    if (!j)
        return api_fail(c, 500, NULL, "out of memory");
    *j = (analysis_job){.srv = srv, .c = c, .fn = fn, .client_fd = client_fd, .done = done, .arg = arg, .me = c->me,
                        .negotiation = c->ids[0]};
    const parley_server_budgets *b = &srv->budgets;
    /* The negotiation's analyses in every process sharing the database (with SQLite, those counted below). */
    j->slot = claim_slot(srv, "analysis", j->negotiation, b->analyses_per_negotiation);
    pthread_mutex_lock(&srv->jobs_mu);
    j->arrival = ++srv->jobs_arrivals;
    int refused = 0;
    unsigned mine = 0, ours = 0;
    for (analysis_job *o = srv->jobs; o; o = o->next) {
        mine += o->me == c->me;
        ours += o->negotiation == j->negotiation;
    }
    if (mine >= b->analyses_per_participant)
        refused = api_fail(c, 429, NULL, "%u analyses of yours are running or waiting (the server's limit per "
                           "token, --analyses-per-token); wait for their replies", mine);
    else if (ours >= b->analyses_per_negotiation || j->slot == -1)
        refused = api_fail(c, 429, NULL, "%u analyses of this negotiation are running or waiting (the server's limit "
                           "per negotiation, --analyses-per-negotiation); wait for their replies",
                           j->slot == -1 ? b->analyses_per_negotiation : ours);
    if (refused)
        c->retry_after = 5;
    if (!refused && j->slot < 0)
        refused = api_fail(c, 503, NULL, "cannot count the negotiation's analyses: the database is unavailable");
    if (!refused && srv->jobs_stopping)
        refused = api_fail(c, 503, NULL, "the server is stopping");
    if (!refused && srv->jobs_running >= srv->max_analyses + JOB_MAX_WAITING)
        refused = api_fail(c, 503, NULL, "the server is busy with %u analyses; try again in a few seconds",
                           srv->jobs_running);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (!refused) {
        j->next = srv->jobs;
        if (j->next)
            j->next->prev = j;
        srv->jobs = j;
        srv->jobs_running++;
        if (pthread_create(&t, &attr, job_main, j) != 0) {
            srv->jobs = j->next;
            if (j->next)
                j->next->prev = NULL;
            srv->jobs_running--;
            refused = api_fail(c, 503, NULL, "cannot start the analysis thread");
        }
    }
    pthread_attr_destroy(&attr);
    pthread_mutex_unlock(&srv->jobs_mu);
    if (refused) {
        claim_drop_slot(srv, "analysis", j->negotiation, j->slot);
        free(j);
    }
    return refused;
}

void jobs_stop_all(parley_server *srv)
{
    pthread_mutex_lock(&srv->jobs_mu);
    srv->jobs_stopping = 1;
    for (analysis_job *j = srv->jobs; j; j = j->next)
        j->cancel = 1;
    while (srv->jobs_running > 0)
        pthread_cond_wait(&srv->jobs_cv, &srv->jobs_mu);
    pthread_mutex_unlock(&srv->jobs_mu);
}

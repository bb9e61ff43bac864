/*
 * jobs.c: analyses, diagnoses and proposals off the request threads, under a
 * time budget.  The library's enumeration cannot be interrupted, so each one
 * runs in a child process that executes `PROGRAM serve --analysis-child`
 * (child.c; the request thread wrote what the handler reads, job_wire.c, so
 * the program touches no database and nothing of the server) and writes its
 * reply as JSON into a pipe.  A supervising thread reads the pipe and kills
 * the child with SIGKILL when the
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
#include "server/child.h"
#include "server/server_internal.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define JOB_POLL_MS 50 /* a waiting analysis looks for a slot this often */
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
    char *request; /* what the program reads (job_wire.c) */
    int slot;   /* its slot of the negotiation's analyses across processes (claims.c) */
    int cancel; /* guarded by jobs_mu */
    int running; /* has a slot (guarded by jobs_mu) */
    uint64_t arrival; /* order of submission */
    int64_t me;  /* the participant who asked */
    int64_t negotiation;
    analysis_job *prev, *next;
};

static int client_gone(int fd)
{
    char b;
    if (fd < 0)
        return 0;
    ssize_t n = recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

/* The child's check (child.c): why to kill it now, or NULL. */
static const char *job_check(void *arg, pid_t pid)
{
    analysis_job *j = arg;
    (void)pid;
    pthread_mutex_lock(&j->srv->jobs_mu);
    int cancel = j->cancel;
    pthread_mutex_unlock(&j->srv->jobs_mu);
    if (cancel)
        return "the server is stopping";
    return client_gone(j->client_fd) ? "the client went away" : NULL;
}

/* Runs the analysis's program and sets the call's reply. */
static void supervise(analysis_job *j)
{
    parley_server *srv = j->srv;
    api_call *c = j->c;
    if (!srv->analysis_program) {
        api_fail(c, 503, NULL, "this server runs no analyses: it has no analysis program "
                 "(parley_server_options.analysis_program)");
        return;
    }
    const char *argv[] = {srv->analysis_program, "serve", "--analysis-child", NULL};
    child_spec spec = {.argv = argv, .nice = JOB_NICE, .request = j->request, .request_len = strlen(j->request),
                       .max_reply = JOB_MAX_REPLY,
                       .deadline_ms = guard_now_ms() + (int64_t)(srv->analysis_seconds * 1000),
                       .check = job_check, .arg = j};
    child_result res;
    child_run(&spec, &res);
    json_t *o = NULL;
    if (res.outcome == CHILD_NOT_STARTED)
        api_fail(c, 503, NULL, "cannot start the analysis: %s", strerror(res.error));
    else if (res.outcome == CHILD_DEADLINE)
        api_fail(c, 503, NULL, "the analysis did not finish within its budget of %g seconds (the server's "
                 "--analysis-seconds); it was stopped", srv->analysis_seconds);
    else if (res.outcome == CHILD_STOPPED)
        api_fail(c, 503, NULL, "the analysis was stopped: %s", res.reason);
    else if (res.outcome == CHILD_TOO_LARGE)
        api_fail(c, 503, NULL, "the analysis was stopped: the reply is too large");
    else if (!WIFEXITED(res.status) || WEXITSTATUS(res.status) != 0 || !(o = json_loadb(res.reply, res.len, 0, NULL)))
        api_fail(c, 500, NULL, "the analysis failed (its process ended with status %d)", res.status);
    else {
        json_t *reply = json_object_get(o, "reply");
        c->status = (int)json_integer_value(json_object_get(o, "status"));
        json_decref(c->reply);
        c->reply = json_incref(reply);
        if (!c->reply)
            api_fail(c, 500, NULL, "the analysis gave no reply");
    }
    json_decref(o);
    free(res.reply);
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
    free(j->request);
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
    if (!(j->request = job_request(c, fn))) { /* on the request thread: it reads the connection's query */
        free(j);
        return c->status;
    }
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
        free(j->request);
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

int jobs_start(parley_server *srv, const parley_server_options *o, parley_error *err)
{
    /* Resolved here: the child may only execve (no PATH search, which is not async-signal-safe). */
    if (o->analysis_program && o->analysis_program[0] &&
        (access(o->analysis_program, X_OK) != 0 || !(srv->analysis_program = realpath(o->analysis_program, NULL))))
        return parley_error_set(err, PARLEY_EINVAL, "the analysis program '%s': %s", o->analysis_program,
                                strerror(errno));
    return PARLEY_OK;
}

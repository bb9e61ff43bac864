/*
 * seat_runner.c: the thread that answers for the agents seated at live talks.
 * After every commit that changed a negotiation with seats (seat_wake), and for
 * every such negotiation when the server starts (a restart resumes the agents),
 * it looks for an agent with something to do (seat_work.c), runs that agent in
 * a child process under the seat's budgets (seat_child.c) and records what it
 * did through the writer, as the agent: its answer to the text, the mediator's
 * draft, or, when the agent ran past its deadline, its CPU time or its memory
 * or failed, that it gave no answer (then it does not try that text again).  One agent
 * runs at a time.
 */
#include "server/seats.h"

#include <parley/agent.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How often a negotiation whose agent another process runs is looked at again (the claim comes back when that
 * process dies). */
#define SEAT_CLAIM_RETRY_MS 1000

static int add_id(int64_t **list, size_t *count, size_t *cap, int64_t id)
{
    for (size_t i = 0; i < *count; i++)
        if ((*list)[i] == id)
            return 0;
    if (*count == *cap) {
        int64_t *grown = realloc(*list, (*cap = *cap ? 2 * *cap : 16) * sizeof **list);
        if (!grown)
            return -1;
        *list = grown;
    }
    (*list)[(*count)++] = id;
    return 0;
}

void seat_note(parley_server *srv, int64_t negotiation)
{
    seat_runner *r = srv->seats;
    if (!r)
        return;
    pthread_mutex_lock(&r->mu);
    add_id(&r->known, &r->known_count, &r->known_cap, negotiation);
    pthread_mutex_unlock(&r->mu);
}

void seat_wake(parley_server *srv, int64_t negotiation)
{
    seat_runner *r = srv->seats;
    if (!r)
        return;
    pthread_mutex_lock(&r->mu);
    for (size_t i = 0; i < r->known_count; i++)
        if (r->known[i] == negotiation) {
            add_id(&r->dirty, &r->dirty_count, &r->dirty_cap, negotiation);
            pthread_cond_broadcast(&r->cv);
            break;
        }
    pthread_mutex_unlock(&r->mu);
}

/* ---- recording what the agent did ---- */

typedef struct seat_write {
    api_call c; /* first: the writer hands it back */
    const seat_job *job;
    json_t *data; /* no answer or draft: the event's data */
    seat_runner *r;
} seat_write;

/* On the writer thread: 0 when the seat is still the job's, else 409 (reply set). */
static int still_seated(api_call *c, const seat_job *job)
{
    seat *s;
    size_t n;
    int rc = seats_read(c, job->participant, &s, &n);
    if (!rc && (n != 1 || s[0].seq != job->seat_seq))
        rc = api_fail(c, 409, NULL, "the agent was unseated");
    seats_free(s, n);
    return rc;
}

/* On the writer thread: 0 when the job's result is not recorded yet, else 409 or 500 (reply set).  Never twice:
 * the text may have been answered meanwhile (by the party, or by another process's runner). */
static int not_recorded(api_call *c, const seat_job *job)
{
    int done = seat_job_recorded(c, job);
    return done < 0 ? api_fail_db(c) : done ? api_fail(c, 409, NULL, "already answered") : 0;
}

static int apply_answer(api_call *c)
{
    seat_write *w = (seat_write *)c;
    int rc = still_seated(c, w->job);
    if (rc || (rc = budget_storage_check(c)) || (rc = not_recorded(c, w->job)))
        return rc;
    if (!(rc = api_respond(c)))
        budget_storage_add(c);
    return rc;
}

static int apply_event(api_call *c)
{
    seat_write *w = (seat_write *)c;
    int rc = still_seated(c, w->job);
    if (rc || (rc = budget_storage_check(c)) || (rc = api_require_open(c)) || (rc = not_recorded(c, w->job)))
        return rc;
    const char *kind = w->job->task == TASK_DRAFT && json_object_get(w->data, "outcome") ? "agent.draft"
                                                                                       : "agent.no_answer";
    if (!(rc = api_event_reply(c, kind, w->job->participant, 201, json_incref(w->data))))
        budget_storage_add(c);
    return rc;
}

static void write_done(void *arg)
{
    seat_write *w = arg;
    pthread_mutex_lock(&w->r->mu);
    w->r->written = 1;
    pthread_cond_broadcast(&w->r->cv);
    pthread_mutex_unlock(&w->r->mu);
}

/* Records the job's result through the writer and waits for the commit; the status of the write (201: stored),
 * and its error message in why[] otherwise. */
static int record(parley_server *srv, const seat_job *job, json_t *result, char *why, size_t why_size)
{
    seat_runner *r = srv->seats;
    char agent[256];
    const char *params;
    parley_error err = {0};
    if (parley_agent_spec_split(job->agent, agent, sizeof agent, &params, &err))
        snprintf(agent, sizeof agent, "agent");
    seat_write w;
    memset(&w, 0, sizeof w);
    w.job = job;
    w.r = r;
    api_call *c = &w.c;
    c->srv = srv;
    c->method = "POST";
    c->ids[0] = job->negotiation;
    c->ids[1] = job->text;
    c->me = job->participant;
    c->my_negotiation = job->negotiation;
    c->my_role = job->task == TASK_DRAFT ? ROLE_MEDIATOR : ROLE_PARTY;
    snprintf(c->my_name, sizeof c->my_name, "%s", job->name);
    c->agent_actor = agent;
    json_t *ok = json_object_get(result, "ok");
    const char *error = json_string_value(json_object_get(result, "error"));
    int (*apply)(api_call *c) = apply_event;
    if (ok && job->task == TASK_ANSWER) {
        c->json = json_incref(ok);
        apply = apply_answer;
    } else if (ok) {
        w.data = json_pack("{s:o,s:I,s:s,s:O,s:O}", "text", job->text ? json_integer(job->text) : json_null(),
                           "number", (json_int_t)job->text_number + 1, "agent", job->agent, "outcome",
                           json_object_get(ok, "outcome"), "changes", json_object_get(ok, "changes"));
    } else { /* why[] is "KIND" or "KIND: message" */
        char kind[32];
        snprintf(kind, sizeof kind, "%.*s", (int)strcspn(why, ":"), why);
        const char *message = strchr(why, ':') ? strchr(why, ':') + 2 : NULL;
        w.data = json_pack("{s:o,s:I,s:s,s:s,s:s?,s:f,s:f}", "text", job->text ? json_integer(job->text) : json_null(),
                           "number", (json_int_t)job->text_number, "agent", job->agent, "why",
                           error ? "error" : kind, "message", error ? error : message, "deadline_seconds",
                           job->deadline, "cpu_seconds", job->cpu);
    }
    char *body = json_dumps(c->json ? c->json : w.data, JSON_COMPACT);
    c->body_len = body ? strlen(body) : 0;
    free(body);
    pthread_mutex_lock(&r->mu);
    r->written = 0;
    pthread_mutex_unlock(&r->mu);
    writer_submit(srv, c, apply, write_done, &w);
    pthread_mutex_lock(&r->mu);
    while (!r->written)
        pthread_cond_wait(&r->cv, &r->mu);
    pthread_mutex_unlock(&r->mu);
    int status = c->status;
    if (status != 201)
        snprintf(why, why_size, "%s",
                 json_string_value(json_object_get(json_object_get(c->reply, "error"), "message")) ?: "not stored");
    json_decref(c->json);
    json_decref(c->reply);
    json_decref(w.data);
    return status;
}

/* ---- the thread ---- */

/* What one of the negotiation's agents has to do now, read in a transaction of its own: 1 (job filled), 0, -1. */
static int find_work(parley_server *srv, int64_t negotiation, seat_job *job)
{
    api_call c;
    memset(&c, 0, sizeof c);
    c.srv = srv;
    c.ids[0] = negotiation;
    if (!(c.db = store_reader(srv->db)))
        return -1;
    int found = -1;
    if (store_begin_read(c.db) == DB_OK) {
        found = seat_find_work(&c, job);
        store_run(c.db, "COMMIT");
    }
    store_reader_release(srv->db, c.db);
    json_decref(c.reply);
    return found;
}

enum { SEAT_IDLE = 0, SEAT_DID = 1, SEAT_ELSEWHERE = 2 };

/*
 * Finds work and claims it (claims.c): with several processes on one database, the process that takes the claim
 * of the (seat, text) runs the agent; the others look again later (SEAT_ELSEWHERE), since the claim comes back
 * if its holder dies.  What was found is read again under the claim: its last holder may have recorded it.
 * SEAT_DID with *job and claim[] set (the claim to drop after the write), else SEAT_IDLE or SEAT_ELSEWHERE.
 */
static int claim_work(parley_server *srv, int64_t negotiation, seat_job *job, char *claim, size_t size)
{
    if (find_work(srv, negotiation, job) != 1)
        return SEAT_IDLE;
    snprintf(claim, size, "seat:%lld:%lld:%d", (long long)job->seat_seq, (long long)job->text, (int)job->task);
    if (claim_take(srv, claim) != 1) {
        seat_job_clear(job);
        return SEAT_ELSEWHERE;
    }
    if (!srv->claims)
        return SEAT_DID;
    seat_job now;
    int same = find_work(srv, negotiation, &now) == 1 && now.seat_seq == job->seat_seq && now.text == job->text &&
               now.task == job->task;
    seat_job_clear(job);
    if (same) {
        *job = now;
        return SEAT_DID;
    }
    seat_job_clear(&now);
    claim_drop(srv, claim);
    return SEAT_DID; /* something changed: look again */
}

/* Looks at one negotiation: SEAT_DID when an agent did something (look again), SEAT_IDLE when none had anything
 * to do, SEAT_ELSEWHERE when another process runs the agent that has. */
static int serve_negotiation(parley_server *srv, int64_t negotiation)
{
    seat_job job;
    char claim[96];
    int claimed = claim_work(srv, negotiation, &job, claim, sizeof claim);
    if (claimed != SEAT_DID || !job.request)
        return claimed;
    json_t *result = NULL;
    char why[300] = "";
    double cpu = 0;
    seat_run_agent(srv, &job, &result, why, sizeof why, &cpu);
    int again = 0;
    if (strcmp(why, "stopping") != 0) {
        int status = record(srv, &job, result, why, sizeof why);
        if (status == 400) { /* an answer the API refuses: recorded as the agent's error, not tried again */
            json_decref(result);
            result = json_pack("{s:s}", "error", why);
            status = record(srv, &job, result, why, sizeof why);
        }
        again = status == 201;
    }
    json_decref(result);
    seat_job_clear(&job);
    claim_drop(srv, claim);
    return again ? SEAT_DID : SEAT_IDLE;
}

static void *runner_main(void *arg)
{
    parley_server *srv = arg;
    seat_runner *r = srv->seats;
    /* A Python agent that exits before reading its request must not kill the server with SIGPIPE: on this
     * thread the write fails with EPIPE instead. */
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, NULL);
    pthread_mutex_lock(&r->mu);
    while (!r->stop) {
        if (r->later_count && guard_now_ms() >= r->later_ms) {
            for (size_t i = 0; i < r->later_count; i++)
                add_id(&r->dirty, &r->dirty_count, &r->dirty_cap, r->later[i]);
            r->later_count = 0;
        }
        if (!r->dirty_count || __atomic_load_n(&srv->seats_paused, __ATOMIC_RELAXED)) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += 20 * 1000000L; /* a paused runner looks again every 20 ms */
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&r->cv, &r->mu, &until);
            continue;
        }
        int64_t negotiation = r->dirty[0];
        memmove(r->dirty, r->dirty + 1, --r->dirty_count * sizeof *r->dirty);
        pthread_mutex_unlock(&r->mu);
        int again = serve_negotiation(srv, negotiation);
        __atomic_add_fetch(&srv->seat_passes, 1, __ATOMIC_RELAXED);
        pthread_mutex_lock(&r->mu);
        if (again == SEAT_DID) /* its commit woke it too; look at the others first */
            add_id(&r->dirty, &r->dirty_count, &r->dirty_cap, negotiation);
        else if (again == SEAT_ELSEWHERE && !add_id(&r->later, &r->later_count, &r->later_cap, negotiation))
            r->later_ms = guard_now_ms() + SEAT_CLAIM_RETRY_MS;
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* The negotiations that ever had a seat, all to be looked at (a restart resumes their agents). */
static int load_known(parley_server *srv, seat_runner *r)
{
    static const char sql[] = "SELECT DISTINCT negotiation_id FROM events WHERE kind = 'agent.seated'";
    store_conn *db = store_reader(srv->db);
    if (!db)
        return -1;
    db_stmt *st = store_stmt(db, sql);
    int rc = st ? 0 : -1;
    while (st && db_step(st) == DB_ROW && !rc) {
        int64_t id = db_column_int64(st, 0);
        rc = add_id(&r->known, &r->known_count, &r->known_cap, id) ||
             add_id(&r->dirty, &r->dirty_count, &r->dirty_cap, id);
    }
    if (st)
        db_reset(st);
    store_reader_release(srv->db, db);
    return rc;
}

int seat_runner_start(parley_server *srv, const parley_server_options *o, parley_error *err)
{
    srv->agent_seconds = o->budgets.agent_seconds > 0 ? o->budgets.agent_seconds : 30;
    srv->agents_per_negotiation = o->budgets.agents_per_negotiation ? o->budgets.agents_per_negotiation : 4;
    srv->agent_memory = o->budgets.agent_memory ? o->budgets.agent_memory : SEAT_DEFAULT_MEMORY;
    /* Resolved here: the child may only execve (no PATH search, which is not async-signal-safe). */
    if (!(srv->python = seat_find_program(o->python && o->python[0] ? o->python : "python3")))
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    if (o->seat_program && o->seat_program[0]) {
        if (access(o->seat_program, X_OK) != 0 || !(srv->seat_program = realpath(o->seat_program, NULL)))
            return parley_error_set(err, PARLEY_EINVAL, "the seat program '%s': %s", o->seat_program,
                                    strerror(errno));
    }
    if (o->agent_dir && !(srv->agent_dir = realpath(o->agent_dir, NULL)))
        return parley_error_set(err, PARLEY_EIO, "the agent folder '%s': %s", o->agent_dir, strerror(errno));
    seat_runner *r = calloc(1, sizeof *r);
    if (!r)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv, NULL);
    srv->seats = r;
    if (load_known(srv, r))
        return parley_error_set(err, PARLEY_EIO, "cannot read the seated agents from the database");
    if (pthread_create(&r->thread, NULL, runner_main, srv) != 0)
        return parley_error_set(err, PARLEY_EIO, "cannot start the agents' thread");
    r->started = 1;
    return PARLEY_OK;
}

void seat_runner_stop(parley_server *srv)
{
    seat_runner *r = srv->seats;
    if (r) {
        pthread_mutex_lock(&r->mu);
        r->stop = 1;
        if (r->child > 0)
            kill(r->child, SIGKILL);
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        if (r->started)
            pthread_join(r->thread, NULL);
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->cv);
        free(r->known);
        free(r->dirty);
        free(r->later);
        free(r);
        srv->seats = NULL;
    }
    free(srv->agent_dir);
    free(srv->python);
    free(srv->seat_program);
    srv->agent_dir = srv->python = srv->seat_program = NULL;
}

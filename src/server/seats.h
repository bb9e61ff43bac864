/*
 * seats.h: what seats.c (the endpoints that seat, unseat and show agents) and
 * seat_runner.c (the thread that answers for them) share: the seats of a
 * negotiation as its timeline records them.  A seat is the latest
 * `agent.seated` event of a participant not followed by an `agent.unseated`
 * one; nothing else stores it, so a restarted server finds its agents again.
 */
#ifndef PARLEY_SERVER_SEATS_H
#define PARLEY_SERVER_SEATS_H

#include "server/server_internal.h"

/* Defaults of a seat (docs/api.md, "Agents at the table"). */
#define SEAT_DEFAULT_SECONDS 10.0
#define SEAT_DEFAULT_ROUNDS 20
#define SEAT_MAX_ROUNDS 100000
#define SEAT_DEFAULT_MEMORY ((uint64_t)1 << 30) /* the memory budget of one answer's process (--agent-memory) */

typedef struct seat {
    int64_t seq;         /* its agent.seated event */
    int64_t participant;
    json_t *data;        /* the seat as recorded: participant, name, role, agent, kind, deadline_seconds, ... */
} seat;

/* The seats of negotiation c->ids[0] (of `participant` only when not 0), in the order they were taken:
 * 0 with *out (seats_free) and *n set, or 500 (reply set). */
int seats_read(api_call *c, int64_t participant, seat **out, size_t *n);
void seats_free(seat *s, size_t n);

/* The negotiation has (or had) a seat: the runner looks at it after its commits. */
void seat_note(parley_server *srv, int64_t negotiation);

/* One thing a seated agent has to do now (seat_work.c). */
typedef enum seat_task { TASK_ANSWER = 0, TASK_DRAFT = 1 } seat_task;
typedef struct seat_job {
    seat_task task;
    int64_t negotiation, participant, seat_seq;
    char name[REQ_MAX_NAME + 1];
    char agent[1024]; /* the spec */
    char kind[16];    /* builtin, plugin, python, drafting */
    double deadline, cpu;
    int64_t text, text_number; /* the text answered, or drafted after (0: none yet) */
    char *request;             /* the request of parley/live.h (JSON text) */
} seat_job;
/* Looks at negotiation c->ids[0] (inside a read transaction): 1 with *job filled (seat_job_clear) when one of its
 * agents has something to do, 0 when none has, or -1 on a database error. */
int seat_find_work(api_call *c, seat_job *job);
void seat_job_clear(seat_job *job);
/* Inside the writer's transaction: 1 when what the job would record is there already (its participant's answer
 * to its text or the seat's agent.no_answer about it; the seat's agent.draft after its text), 0 when not, -1 on a
 * database error.  With several processes it first waits for the transaction lock of the (seat, text), so two
 * writers of one take turns and the second sees the first's commit. */
int seat_job_recorded(api_call *c, const seat_job *job);

/* The runner (seat_runner.c); its mutex guards everything in it. */
struct seat_runner {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop, started;
    int64_t *known; /* negotiations with seats (or that had some) */
    size_t known_count, known_cap;
    int64_t *dirty; /* of those, the ones changed since the runner last looked */
    size_t dirty_count, dirty_cap;
    int64_t *later; /* ones whose agent another process was running, looked at again at later_ms */
    size_t later_count, later_cap;
    int64_t later_ms;
    pid_t child;    /* the agent running now, 0 when none */
    int written;    /* the write of the current job is done */
};

/* Runs the job's agent in a child process that executes its program (seat_child.c): *result is its reply
 * ({"ok": ...} or {"error": ...}), or NULL with why[] saying what stopped it, "KIND" or "KIND: message" with KIND
 * "timeout", "cpu", "memory", "crashed" or "stopping". */
/* *cpu: the CPU seconds the child used (user + system). */
void seat_run_agent(parley_server *srv, const seat_job *job, json_t **result, char *why, size_t why_size, double *cpu);
/* The program `name` as the child will execve it: itself when it has a '/', else the first executable file of
 * that name on PATH, else the name (which will not start); malloc'd, NULL when out of memory. */
char *seat_find_program(const char *name);

#endif

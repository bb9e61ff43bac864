/*
 * child.h: a program run by the server for one piece of work (a seated agent's
 * answer, an analysis): forked and executed at once, so that nothing of the
 * threaded server (its locks, its heap, its descriptors) is used by the work.
 * The request goes in on the program's standard input while its reply comes out
 * of its standard output; the child is niced, limited, killed at its deadline,
 * when the caller's check says so, and with the server.
 */
#ifndef PARLEY_SERVER_CHILD_H
#define PARLEY_SERVER_CHILD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A sanitizer reserves terabytes of address space at start, which no RLIMIT_DATA of a child's size allows: in
 * such a build `memory` is not applied (the seats cap the allocator through ASAN_OPTIONS instead). */
#if defined(__SANITIZE_ADDRESS__)
#define CHILD_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHILD_UNDER_ASAN 1
#endif
#endif

typedef struct child_spec {
    const char *const *argv; /* argv[0]: the program's path (no PATH search in the child) */
    char *const *envp;       /* NULL: the server's environment */
    int nice;                /* added to the server's niceness */
    double cpu_seconds;      /* RLIMIT_CPU (SIGXCPU, then SIGKILL a second later); 0 = none */
    uint64_t memory;         /* RLIMIT_DATA in bytes; 0 = none */
    const char *request;     /* written on the program's standard input, which is closed afterwards */
    size_t request_len;
    size_t max_reply;        /* a longer reply kills the program */
    int64_t deadline_ms;     /* on guard_now_ms()'s clock */
    /* Called with the child's pid once it runs, then every CHILD_POLL_MS or so: a reason to kill it, or NULL. */
    const char *(*check)(void *arg, pid_t pid);
    void *arg;
} child_spec;

typedef enum child_outcome {
    CHILD_DONE,        /* the program closed its standard output: status holds how it ended */
    CHILD_NOT_STARTED, /* no pipe, no process or no memory: error holds errno */
    CHILD_STOPPED,     /* killed because the check gave `reason` */
    CHILD_DEADLINE,    /* killed at deadline_ms */
    CHILD_TOO_LARGE,   /* killed: its reply passed max_reply */
} child_outcome;

typedef struct child_result {
    child_outcome outcome;
    const char *reason; /* CHILD_STOPPED: the check's */
    int error;          /* CHILD_NOT_STARTED: errno */
    int status;         /* the wait status (CHILD_DONE and the kills) */
    double cpu;         /* user + system seconds of the program */
    char *reply;        /* what it wrote, NUL-terminated (malloc, the caller frees; NULL when not started) */
    size_t len;
} child_result;

enum { CHILD_POLL_MS = 50, CHILD_EXIT_NO_EXEC = 127 /* the child's status when the program could not be run */ };

/* Runs the program of `spec` to its end (or its kill) and fills *out. */
void child_run(const child_spec *spec, child_result *out);

#endif

/*
 * pg_lib.h: libpq, loaded when the server first opens a PostgreSQL database
 * (db_pg.c) instead of linked into every program that links the server.
 *
 * Why: libpq pulls 24 shared libraries (Kerberos, LDAP, TLS) into a program at
 * its start, and `parley-serve` starts once per analysis (the analysis
 * program, src/server/child.c) and per seated agent: linked, libpq was most of
 * those 25 ms of CPU even where no PostgreSQL database is used.
 *
 * The functions keep their libpq names as members of `pq` (pq.PQexec(...)),
 * so db_pg.c reads as libpq code; their types come from libpq-fe.h.
 */
#ifndef PARLEY_SERVER_PG_LIB_H
#define PARLEY_SERVER_PG_LIB_H

#include <libpq-fe.h>

#include "parley/error.h"

/* The libpq functions db_pg.c calls. */
#define PG_LIB_FUNCTIONS(X)                                                                                            \
    X(PQconnectdb) X(PQstatus) X(PQfinish) X(PQreset) X(PQerrorMessage) X(PQsocket) X(PQtransactionStatus)            \
    X(PQsetNoticeProcessor) X(PQexec) X(PQprepare) X(PQexecPrepared) X(PQresultStatus) X(PQresultErrorMessage)        \
    X(PQresultErrorField) X(PQclear) X(PQntuples) X(PQnfields) X(PQgetvalue) X(PQgetlength) X(PQgetisnull)            \
    X(PQcmdStatus) X(PQconsumeInput) X(PQnotifies) X(PQfreemem)

#define PG_LIB_MEMBER(name) __typeof__(name) *name;
typedef struct {
    PG_LIB_FUNCTIONS(PG_LIB_MEMBER)
} pg_lib;
#undef PG_LIB_MEMBER

/* The loaded functions: valid once pg_lib_load has returned PARLEY_OK. */
extern pg_lib pq;

/* Loads libpq once per process (thread-safe; later calls return the first one's result): the library named by
 * the environment variable PARLEY_LIBPQ, or libpq.so.5 (Debian package libpq5).  PARLEY_OK, or PARLEY_EIO with
 * a message naming the library and what the dynamic loader said. */
int pg_lib_load(parley_error *err);

#endif

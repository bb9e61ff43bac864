/*
 * test_db.h: where a server test keeps its database.  Normally a file in the test's folder; when the environment
 * names PARLEY_TEST_PG_URL_FILE (a file holding a PostgreSQL URL, written by tests/pg/cluster.sh for the ctest
 * fixture pg_cluster), a new schema of that database for each call, given to the server as the URL with
 * search_path set, so that the same test programs run against both stores.  test_db_open_new opens such a new
 * database in a new test folder.  Header-only.
 */
#ifndef PARLEY_TEST_DB_H
#define PARLEY_TEST_DB_H

#include "server/db.h"
#include "test_tmpdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1 when the tests run against PostgreSQL. */
static int test_db_is_pg(void)
{
    const char *f = getenv("PARLEY_TEST_PG_URL_FILE");
    return f && *f;
}

/* Writes the database target for a test to out: dir/file, or the URL of a fresh PostgreSQL schema; 0 or -1. */
static int test_db_target(char *out, size_t size, const char *dir, const char *file)
{
    if (!test_db_is_pg())
        return snprintf(out, size, "%s/%s", dir, file) < (int)size ? 0 : -1;
    static int made;
    char url[512] = "";
    FILE *f = fopen(getenv("PARLEY_TEST_PG_URL_FILE"), "r");
    if (!f || !fgets(url, sizeof url, f)) {
        fprintf(stderr, "test_db: cannot read the cluster's URL from %s\n", getenv("PARLEY_TEST_PG_URL_FILE"));
        if (f)
            fclose(f);
        return -1;
    }
    fclose(f);
    url[strcspn(url, "\r\n")] = 0;
    char schema[64], sql[128];
    snprintf(schema, sizeof schema, "t%ld_%d", (long)getpid(), ++made);
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
    parley_error err;
    parley_error_clear(&err);
    db_conn *c = db_open(url, 0, &err);
    int rc = c && db_exec(c, sql) == DB_OK ? 0 : -1;
    if (rc)
        fprintf(stderr, "test_db: cannot create the schema %s: %s\n", schema, c ? db_errmsg(c) : err.message);
    db_close(c);
    if (!rc && snprintf(out, size, "%s%coptions=-csearch_path%%3D%s", url, strchr(url, '?') ? '&' : '?', schema) >=
                   (int)size)
        rc = -1;
    return rc;
}

/* A new test folder (test_tmpdir_make's name, written to dir) and in it a new database `file` (test_db_target),
   opened with DB_CREATE; NULL (said on stderr, or in *err) when one of the three failed.  err may be NULL. */
static __attribute__((unused)) db_conn *test_db_open_new(char *dir, size_t size, const char *name, const char *file,
                                                         parley_error *err)
{
    char target[512];
    if (!test_tmpdir_make(dir, size, name) || test_db_target(target, sizeof target, dir, file) != 0) {
        fprintf(stderr, "test_db: no folder %s or no database %s in it\n", name, file);
        return NULL;
    }
    if (err)
        parley_error_clear(err);
    return db_open(target, DB_CREATE, err);
}

#endif

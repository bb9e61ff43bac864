/*
 * test_server_static.c: the dashboard's folder serves regular files inside it
 * and nothing else: a symbolic link to a file outside, a linked directory that
 * leads outside, and a FIFO are all 404 (four requests on the FIFO, then a
 * normal file still answers: no request thread was left waiting on it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#pragma GCC diagnostic ignored "-Wunused-function" /* the shared client has more than this test uses */
#include "test_db.h"
#include "test_tmpdir.h"
#include "test_server_http.h"

#include <sys/stat.h>

typedef struct site {
    char dir[128], web[160], db[160];
    parley_server *srv;
    uint16_t port;
} site;

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void make_site(site *s)
{
    assert_non_null(test_tmpdir_make(s->dir, sizeof s->dir, "static"));
    snprintf(s->web, sizeof s->web, "%s/web", s->dir);
    assert_int_equal(test_db_target(s->db, sizeof s->db, s->dir, "p.db"), 0);
    char path[300], target[300];
    assert_int_equal(mkdir(s->web, 0700), 0);
    snprintf(path, sizeof path, "%s/index.html", s->web);
    write_file(path, "<p>inside</p>");
    snprintf(path, sizeof path, "%s/secret.txt", s->dir); /* outside the folder */
    write_file(path, "outside");
    snprintf(path, sizeof path, "%s/leak.txt", s->web);
    snprintf(target, sizeof target, "%s/secret.txt", s->dir);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/up", s->web); /* a linked directory leading out */
    assert_int_equal(symlink(s->dir, path), 0);
    snprintf(path, sizeof path, "%s/pipe.txt", s->web);
    assert_int_equal(mkfifo(path, 0600), 0);
    parley_server_options o = {0};
    o.db_path = s->db;
    o.analysis_program = ANALYSIS_PROGRAM;
    o.web_dir = s->web;
    o.sync = PARLEY_SYNC_NORMAL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&o, &s->srv, &err), PARLEY_OK);
    s->port = parley_server_port(s->srv);
}

static int get_status(site *s, const char *path, const char *must_not_contain)
{
    http_resp r = http_request(s->port, "GET", path, NULL, NULL);
    int status = r.status;
    if (must_not_contain && r.raw)
        assert_null(strstr(r.raw, must_not_contain));
    http_resp_free(&r);
    return status;
}

static void test_only_regular_files_inside(void **state)
{
    (void)state;
    site s;
    make_site(&s);
    assert_int_equal(get_status(&s, "/", NULL), 200);
    assert_int_equal(get_status(&s, "/index.html", NULL), 200);
    assert_int_equal(get_status(&s, "/leak.txt", "outside"), 404);
    assert_int_equal(get_status(&s, "/up/secret.txt", "outside"), 404);
    for (int i = 0; i < 4; i++)
        assert_int_equal(get_status(&s, "/pipe.txt", NULL), 404);
    assert_int_equal(get_status(&s, "/index.html", NULL), 200);
    parley_server_stop(s.srv);
    assert_int_equal(test_tmpdir_remove(s.dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_only_regular_files_inside)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* cmd_serve.c: `parley serve`: host live mediated negotiations (HTTP API, SQLite storage, web dashboard). */
#include "cli.h"

#include <jansson.h>
#include <limits.h>
#include <parley/parley.h>
#include <parley/server.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: parley serve [--db FILE] [--listen ADDRESS:PORT] [--web DIR] [--sync full|normal]\n"
    "                    [--max-body BYTES] [--port-file FILE] [--json]\n"
    "\n"
    "Hosts live mediated negotiations: a JSON API (docs/api.md) where mediators and\n"
    "parties act with their own secret tokens, every step stored durably in one\n"
    "SQLite file, live updates as Server-Sent Events, and the web dashboard.\n"
    "\n"
    "  --db FILE          the database (default parley.db; created and migrated as needed)\n"
    "  --listen A:P       IPv4 address and port (default 127.0.0.1:8080; port 0 picks a free one)\n"
    "  --web DIR          the dashboard's files (default: web/ next to the build, or ./web)\n"
    "  --sync MODE        full: fsync every commit (default, survives power loss);\n"
    "                     normal: no fsync at commit (survives kill -9, not power loss)\n"
    "  --max-body BYTES   largest request body (default 1048576)\n"
    "  --port-file FILE   write the port listened on to FILE once listening\n"
    "  --json             announce the server as one JSON line (url, port, database, schema, sync)\n"
    "\n"
    "Stops on SIGINT or SIGTERM.  Every acknowledged write is committed first.\n";

static int is_dir_with_index(const char *dir)
{
    char path[PATH_MAX + 32];
    struct stat st;
    snprintf(path, sizeof path, "%s/index.html", dir);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The dashboard next to the binary (build/parley -> ../web), else ./web; NULL when neither exists. */
static const char *default_web_dir(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, size, "%s/../web", exe);
            if (is_dir_with_index(buf))
                return buf;
            snprintf(buf, size, "%s/../../web", exe);
            if (is_dir_with_index(buf))
                return buf;
        }
    }
    snprintf(buf, size, "web");
    return is_dir_with_index(buf) ? buf : NULL;
}

static int parse_listen(const char *text, char *address, size_t size, uint16_t *port)
{
    const char *colon = strrchr(text, ':');
    if (!colon || (size_t)(colon - text) >= size || colon == text)
        return -1;
    memcpy(address, text, (size_t)(colon - text));
    address[colon - text] = '\0';
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (*end || colon[1] == '\0' || p < 0 || p > 65535)
        return -1;
    *port = (uint16_t)p;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    parley_server_options opt = {0};
    const char *db = "parley.db", *listen = "127.0.0.1:8080", *web = NULL, *sync = "full", *max_body = NULL,
               *port_file = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return CLI_OK;
        }
        if (strcmp(argv[i], "--json") == 0) {
            json = 1;
            continue;
        }
        static const char *const names[] = {"--db", "--listen", "--web", "--sync", "--max-body", "--port-file"};
        const char **targets[] = {&db, &listen, &web, &sync, &max_body, &port_file};
        int r = 0;
        for (size_t k = 0; k < sizeof names / sizeof names[0] && r == 0; k++)
            if ((r = cli_option_value(argc, argv, &i, names[k], targets[k])) < 0)
                return cli_usage_error("serve", "option %s needs a value", names[k]);
        if (r)
            continue;
        return cli_usage_error("serve", "unexpected argument '%s'", argv[i]);
    }
    char address[64];
    if (parse_listen(listen, address, sizeof address, &opt.port))
        return cli_usage_error("serve", "--listen '%s' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)", listen);
    if (strcmp(sync, "full") != 0 && strcmp(sync, "normal") != 0)
        return cli_usage_error("serve", "--sync '%s' is not full or normal", sync);
    long body = 0;
    if (max_body && !cli_parse_long("serve", "--max-body", max_body, 1024, 1L << 30, &body))
        return CLI_BAD_INPUT;
    char web_buf[PATH_MAX + 16];
    if (!web)
        web = default_web_dir(web_buf, sizeof web_buf);
    else if (!is_dir_with_index(web))
        return cli_usage_error("serve", "--web '%s' has no index.html", web);
    opt.db_path = db;
    opt.address = address;
    opt.web_dir = web;
    opt.max_body = (size_t)body;
    opt.sync = strcmp(sync, "normal") == 0 ? PARLEY_SYNC_NORMAL : PARLEY_SYNC_FULL;

    /* Block the stop signals before the server's threads start, so that only sigwait below receives them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* This process is the server: SQLite's allocation statistics would take one global mutex on every
     * allocation of every connection's thread.  (Process-wide, so set by the program, not the library.) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

    parley_server *srv = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_server_start(&opt, &srv, &err) != PARLEY_OK)
        return cli_report(&err);
    unsigned port = parley_server_port(srv);
    if (json) {
        char url[128];
        snprintf(url, sizeof url, "http://%s:%u/", address, port);
        json_t *line = json_pack("{s:s,s:i,s:s,s:i,s:s,s:o}", "url", url, "port", (int)port, "database", db, "schema",
                                 parley_server_schema_version(), "sync", sync, "dashboard",
                                 web ? json_string(web) : json_null());
        char *text = line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        printf("%s\n", text ? text : "{}");
        free(text);
        json_decref(line);
    } else {
        printf("parley serve: listening on http://%s:%u/ (database %s, schema %d, sync %s%s%s)\n", address, port, db,
               parley_server_schema_version(), sync, web ? ", dashboard " : ", no dashboard", web ? web : "");
    }
    fflush(stdout);
    if (port_file) {
        char tmp[PATH_MAX + 8];
        snprintf(tmp, sizeof tmp, "%s.tmp", port_file);
        FILE *f = fopen(tmp, "w");
        if (!f || fprintf(f, "%u\n", port) < 0 || fclose(f) != 0 || rename(tmp, port_file) != 0)
            fprintf(stderr, "parley serve: cannot write the port file %s\n", port_file);
    }
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "parley serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    parley_server_stop(srv);
    return CLI_OK;
}

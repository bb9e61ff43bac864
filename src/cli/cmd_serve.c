/* cmd_serve.c: `parley serve`: host live mediated negotiations (HTTP API, SQLite storage, web dashboard), with
 * the server admin token (read from or created in a file), and the limits that bound what a client may ask. */
#include "cli.h"
#include "server/db.h"

#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <parley/parley.h>
#include <parley/server.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: parley serve [--db FILE|URL] [--listen ADDRESS:PORT] [--web DIR] [--sync full|normal]\n"
    "                    [--admin-token-file FILE | --open] [--allow-origin ORIGIN]...\n"
    "                    [--max-body BYTES] [--max-connections N] [--max-per-address N] [--request-seconds S]\n"
    "                    [--max-streams N] [--analysis-seconds S] [--max-values N] [--max-parties N]\n"
    "                    [--max-cells N] [--max-outcomes N] [--profile-bytes N] [--max-red-lines N]\n"
    "                    [--message-bytes N] [--write-rate R] [--write-burst N] [--profile-rate R]\n"
    "                    [--profile-burst N] [--negotiation-bytes N]\n"
    "                    [--streams-per-negotiation N] [--analyses-per-token N]\n"
    "                    [--analyses-per-negotiation N] [--running-per-negotiation N]\n"
    "                    [--agent-dir DIR] [--python PROGRAM] [--agent-seconds S] [--agents-per-negotiation N]\n"
    "                    [--agent-memory BYTES] [--port-file FILE] [--json]\n"
    "\n"
    "Hosts live mediated negotiations: a JSON API (docs/api.md) where mediators and\n"
    "parties act with their own secret tokens, every step stored durably in one\n"
    "SQLite file (or a PostgreSQL database), live updates as Server-Sent Events,\n"
    "and the web dashboard.\n"
    "\n"
    "  --db FILE|URL      the database (default parley.db; created and migrated as needed), or a\n"
    "                     PostgreSQL database postgresql://... (postgres://...), which several\n"
    "                     parley serve processes may share (docs/deploy.md)\n"
    "  --listen A:P       IPv4 address and port (default 127.0.0.1:8080; port 0 picks a free one)\n"
    "  --web DIR          the dashboard's files (default: web/ next to the build, or ./web)\n"
    "  --sync MODE        full: fsync every commit (default, survives power loss);\n"
    "                     normal: no fsync at commit (survives kill -9, not power loss)\n"
    "  --admin-token-file FILE  the server admin token, which creating a negotiation needs\n"
    "                     ('Authorization: Bearer <token>'): read from FILE (the token alone, on\n"
    "                     one line), or FILE is created (mode 0600) with a fresh token.\n"
    "                     Default: DB.admin-token next to the database (with a URL:\n"
    "                     parley.admin-token in the working folder)\n"
    "  --open             anyone may create negotiations (a classroom on loopback)\n"
    "  --allow-origin O   also accept browser requests from the page origin O (e.g.\n"
    "                     https://talks.example.org); repeatable.  Others are refused\n"
    "  --max-body BYTES   largest request body (default 1048576)\n"
    "  --max-connections N  open connections in all (default 1024)\n"
    "  --max-per-address N  open connections from one IP address (default 64)\n"
    "  --request-seconds S  a whole request must arrive within S seconds (default 10)\n"
    "  --max-streams N    live streams open at once with one token (default 4)\n"
    "  --analysis-seconds S  time budget of one analysis, diagnosis or proposal (default 5)\n"
    "  --max-values N     values of one issue in a scenario (default 100000)\n"
    "  --max-parties N    parties and mediators of a scenario (default 64)\n"
    "  --max-cells N      utility-table cells of a scenario: values x parties (default 2000000)\n"
    "  --max-outcomes N   outcomes an analysis may enumerate (default 100000000)\n"
    "Budgets of one participant or one negotiation (docs/api.md, Limits):\n"
    "  --profile-bytes N  body of one profile upload (default 262144)\n"
    "  --max-red-lines N  red lines of one profile (default 256)\n"
    "  --message-bytes N  text of one message (default 10000, at most 20000)\n"
    "  --write-rate R     writes per second of one participant, after its burst (default 5)\n"
    "  --write-burst N    writes one participant may make at once (default 30)\n"
    "  --profile-rate R   profile uploads per second of one participant, after its burst (default 0.1)\n"
    "  --profile-burst N  profile uploads one participant may make at once (default 5)\n"
    "  --negotiation-bytes N  bytes one negotiation may store (default 67108864)\n"
    "  --streams-per-negotiation N  live streams of one negotiation (default 32)\n"
    "  --analyses-per-token N  analyses of one token running or waiting (default 4)\n"
    "  --analyses-per-negotiation N  analyses of one negotiation running or waiting (default 8)\n"
    "  --running-per-negotiation N  analyses of one negotiation running at once (default: half\n"
    "                     the analysis slots, at least 1)\n"
    "Agents at the table (docs/api.md, Agents at the table):\n"
    "  --agent-dir DIR    the plug-ins (NAME.so) and Python agents (NAME.py) a mediator may seat\n"
    "                     (default: none, built-in agents only)\n"
    "  --python PROGRAM   the interpreter of Python agents (default python3)\n"
    "  --agent-seconds S  longest deadline of one answer of a seated agent (default 30)\n"
    "  --agents-per-negotiation N  agents seated at once in one negotiation (default 4)\n"
    "  --agent-memory BYTES  memory of the process of one answer of a seated agent\n"
    "                     (default 1073741824; an agent over it gives no answer)\n"
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

/* The program that answers for seated agents (`PROGRAM seat-answer`, src/cli/cmd_seat_answer.c): the parley
 * next to this executable (parley-serve's sibling: it links neither the server nor MPI, so it starts fastest),
 * else this executable itself, which has the subcommand too; NULL when /proc/self/exe cannot be read. */
static const char *own_seat_program(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    char sibling[PATH_MAX + 16];
    if (slash) {
        snprintf(sibling, sizeof sibling, "%.*s/parley", (int)(slash - buf), buf);
        struct stat st;
        if (stat(sibling, &st) == 0 && S_ISREG(st.st_mode) && access(sibling, X_OK) == 0 &&
            strlen(sibling) < size)
            memcpy(buf, sibling, strlen(sibling) + 1);
    }
    return buf;
}

/* Reads the admin token from `path`, or creates the file (0600) with a fresh one; 0, or prints why and -1. */
static int admin_token(const char *path, char token[96], int *created)
{
    *created = 0;
    FILE *f = fopen(path, "r");
    if (f) {
        struct stat st;
        if (fstat(fileno(f), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
            fprintf(stderr, "parley serve: warning: the admin token file %s can be read or written by others (mode "
                    "%03o): whoever reads it may create negotiations; chmod 600 it\n", path,
                    (unsigned)(st.st_mode & 0777));
        char line[128] = "";
        int ok = fgets(line, sizeof line, f) != NULL;
        fclose(f);
        line[strcspn(line, "\r\n")] = '\0';
        if (!ok || strlen(line) < 16 || strlen(line) > 90) {
            fprintf(stderr, "parley serve: %s: expected the admin token alone on one line (16 to 90 characters)\n",
                    path);
            return -1;
        }
        memcpy(token, line, strlen(line) + 1); /* at most 91 bytes, checked above */
        return 0;
    }
    static const char digits[] = "0123456789abcdef";
    unsigned char bytes[32];
    FILE *r = fopen("/dev/urandom", "rb");
    int ok = r && fread(bytes, 1, sizeof bytes, r) == sizeof bytes;
    if (r)
        fclose(r);
    for (size_t i = 0; i < sizeof bytes; i++) {
        token[2 * i] = digits[bytes[i] >> 4];
        token[2 * i + 1] = digits[bytes[i] & 15];
    }
    token[64] = '\0';
    int fd = ok ? open(path, O_WRONLY | O_CREAT | O_EXCL, 0600) : -1;
    FILE *w = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!w || fprintf(w, "%s\n", token) < 0 || fclose(w) != 0) {
        fprintf(stderr, "parley serve: cannot create the admin token file %s\n", path);
        if (fd >= 0 && !w)
            close(fd);
        return -1;
    }
    *created = 1;
    return 0;
}

/* A whole-number option: its name, the range it must be in, and the value read (0: not given, the default). */
typedef struct number_option {
    const char *name;
    long min, max;
    long value;
} number_option;

/* A rate option (per second, in [0.001, 1000000]); 1 when absent or valid, else prints why and 0. */
static int parse_rate(const char *name, const char *text, double *out)
{
    if (!text)
        return 1;
    if (!cli_parse_double("serve", name, text, out))
        return 0;
    if (*out >= 0.001 && *out <= 1e6)
        return 1;
    cli_usage_error("serve", "%s '%s' is not in [0.001, 1000000]", name, text);
    return 0;
}

/* A time budget in seconds, in (0, 3600]; 1 when absent or valid, else prints why (one message) and 0. */
static int parse_seconds(const char *name, const char *text, double *out)
{
    if (!text)
        return 1;
    if (!cli_parse_double("serve", name, text, out))
        return 0;
    if (*out > 0 && *out <= 3600)
        return 1;
    cli_usage_error("serve", "%s '%s' is not in (0, 3600]", name, text);
    return 0;
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

/* `parley serve --analysis-child` (internal, not in the usage): one analysis of a running server, which executes
 * this program for each (parley_server_options.analysis_program): the request on stdin, the reply on stdout. */
static int analysis_child(void)
{
    parley_error err = {0};
    int rc = parley_server_analysis_child(stdin, stdout, &err);
    if (rc)
        fprintf(stderr, "parley serve --analysis-child: %s\n", err.message);
    return rc == PARLEY_EINVAL ? CLI_BAD_INPUT : rc ? CLI_FAILURE : CLI_OK;
}

int cmd_serve(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--analysis-child") == 0)
        return analysis_child();
    parley_server_options opt = {0};
    const char *db = "parley.db", *listen = "127.0.0.1:8080", *web = NULL, *sync = "full", *max_body = NULL,
               *port_file = NULL, *token_file = NULL;
    int json = 0, open_mode = 0;
    enum { N_CONN, N_PER_ADDRESS, N_REQUEST, N_STREAMS, N_VALUES, N_PARTIES, N_CELLS, N_OUTCOMES, N_PROFILE_BYTES,
           N_RED_LINES, N_MESSAGE_BYTES, N_WRITE_BURST, N_NEGOTIATION_BYTES, N_NEG_STREAMS, N_TOKEN_ANALYSES,
           N_NEG_ANALYSES, N_NEG_RUNNING, N_PROFILE_BURST, N_AGENTS, N_AGENT_MEMORY, N_COUNT };
    number_option numbers[N_COUNT] = {
        {"--max-connections", 16, 1000000, 0}, {"--max-per-address", 1, 1000000, 0}, {"--request-seconds", 1, 3600, 0},
        {"--max-streams", 1, 100000, 0},       {"--max-values", 2, 1L << 40, 0},      {"--max-parties", 2, 64, 0},
        {"--max-cells", 2, 1L << 40, 0},       {"--max-outcomes", 1, 1L << 62, 0},    {"--profile-bytes", 256, 1L << 30, 0},
        {"--max-red-lines", 1, 1000000, 0},    {"--message-bytes", 1, 20000, 0},      {"--write-burst", 1, 1000000, 0},
        {"--negotiation-bytes", 4096, 1L << 50, 0}, {"--streams-per-negotiation", 1, 100000, 0},
        {"--analyses-per-token", 1, 1000, 0},  {"--analyses-per-negotiation", 1, 1000, 0},
        {"--running-per-negotiation", 1, 1000, 0}, {"--profile-burst", 1, 1000000, 0},
        {"--agents-per-negotiation", 1, 64, 0}, {"--agent-memory", 1L << 24, 1L << 40, 0}};
    const char *number_text[N_COUNT] = {NULL};
    const char *analysis_seconds = NULL, *write_rate = NULL, *profile_rate = NULL, *agent_seconds = NULL;
    const char **origins = calloc((size_t)argc + 1, sizeof *origins);
    size_t origin_count = 0;
    if (!origins)
        return CLI_FAILURE;
    int rc = CLI_OK;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            goto done;
        }
        if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--open") == 0) {
            *(argv[i][2] == 'j' ? &json : &open_mode) = 1;
            continue;
        }
        const char *origin = NULL;
        if (cli_option_value(argc, argv, &i, "--allow-origin", &origin) > 0) {
            origins[origin_count++] = origin;
            continue;
        }
        static const char *const names[] = {"--db",       "--listen",    "--web",             "--sync",
                                            "--max-body", "--port-file", "--admin-token-file", "--analysis-seconds",
                                            "--write-rate", "--profile-rate", "--agent-dir", "--python",
                                            "--agent-seconds"};
        const char **targets[] = {&db,        &listen,     &web,              &sync,       &max_body,
                                  &port_file, &token_file, &analysis_seconds, &write_rate, &profile_rate,
                                  &opt.agent_dir, &opt.python, &agent_seconds};
        int r = 0;
        for (size_t k = 0; k < sizeof names / sizeof names[0] && r == 0; k++)
            if ((r = cli_option_value(argc, argv, &i, names[k], targets[k])) < 0) {
                rc = cli_usage_error("serve", "option %s needs a value", names[k]);
                goto done;
            }
        for (size_t k = 0; k < N_COUNT && r == 0; k++)
            if ((r = cli_option_value(argc, argv, &i, numbers[k].name, &number_text[k])) < 0) {
                rc = cli_usage_error("serve", "option %s needs a value", numbers[k].name);
                goto done;
            }
        if (r)
            continue;
        rc = cli_usage_error("serve", "unexpected argument '%s'", argv[i]);
        goto done;
    }
    char address[64];
    if (parse_listen(listen, address, sizeof address, &opt.port)) {
        rc = cli_usage_error("serve", "--listen '%s' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)", listen);
        goto done;
    }
    if (strcmp(sync, "full") != 0 && strcmp(sync, "normal") != 0) {
        rc = cli_usage_error("serve", "--sync '%s' is not full or normal", sync);
        goto done;
    }
    if (open_mode && token_file) {
        rc = cli_usage_error("serve", "--open and --admin-token-file exclude each other");
        goto done;
    }
    long body = 0;
    if (max_body && !cli_parse_long("serve", "--max-body", max_body, 1024, 1L << 30, &body)) {
        rc = CLI_BAD_INPUT;
        goto done;
    }
    for (size_t k = 0; k < N_COUNT; k++)
        if (number_text[k] &&
            !cli_parse_long("serve", numbers[k].name, number_text[k], numbers[k].min, numbers[k].max, &numbers[k].value)) {
            rc = CLI_BAD_INPUT;
            goto done;
        }
    if (!parse_seconds("--analysis-seconds", analysis_seconds, &opt.analysis_seconds) ||
        !parse_seconds("--agent-seconds", agent_seconds, &opt.budgets.agent_seconds)) {
        rc = CLI_BAD_INPUT;
        goto done;
    }
    if (!parse_rate("--write-rate", write_rate, &opt.budgets.write_rate) ||
        !parse_rate("--profile-rate", profile_rate, &opt.budgets.profile_rate)) {
        rc = CLI_BAD_INPUT;
        goto done;
    }
    char web_buf[PATH_MAX + 16];
    if (!web)
        web = default_web_dir(web_buf, sizeof web_buf);
    else if (!is_dir_with_index(web)) {
        rc = cli_usage_error("serve", "--web '%s' has no index.html", web);
        goto done;
    }
    struct stat agent_dir;
    if (opt.agent_dir && (stat(opt.agent_dir, &agent_dir) != 0 || !S_ISDIR(agent_dir.st_mode))) {
        rc = cli_usage_error("serve", "--agent-dir '%s' is not a folder", opt.agent_dir);
        goto done;
    }
    opt.db_path = db;
    opt.address = address;
    opt.web_dir = web;
    opt.max_body = (size_t)body;
    opt.max_connections = (unsigned)numbers[N_CONN].value;
    opt.max_per_address = (unsigned)numbers[N_PER_ADDRESS].value;
    opt.request_seconds = (unsigned)numbers[N_REQUEST].value;
    opt.max_streams_per_token = (unsigned)numbers[N_STREAMS].value;
    opt.limits.values_per_issue = (uint64_t)numbers[N_VALUES].value;
    opt.limits.parties = (uint64_t)numbers[N_PARTIES].value;
    opt.limits.table_cells = (uint64_t)numbers[N_CELLS].value;
    opt.limits.exact_outcomes = (uint64_t)numbers[N_OUTCOMES].value;
    opt.budgets.profile_bytes = (size_t)numbers[N_PROFILE_BYTES].value;
    opt.budgets.red_lines = (unsigned)numbers[N_RED_LINES].value;
    opt.budgets.message_bytes = (size_t)numbers[N_MESSAGE_BYTES].value;
    opt.budgets.write_burst = (unsigned)numbers[N_WRITE_BURST].value;
    opt.budgets.negotiation_bytes = (uint64_t)numbers[N_NEGOTIATION_BYTES].value;
    opt.budgets.streams_per_negotiation = (unsigned)numbers[N_NEG_STREAMS].value;
    opt.budgets.analyses_per_participant = (unsigned)numbers[N_TOKEN_ANALYSES].value;
    opt.budgets.analyses_per_negotiation = (unsigned)numbers[N_NEG_ANALYSES].value;
    opt.budgets.running_per_negotiation = (unsigned)numbers[N_NEG_RUNNING].value;
    opt.budgets.profile_burst = (unsigned)numbers[N_PROFILE_BURST].value;
    opt.budgets.agents_per_negotiation = (unsigned)numbers[N_AGENTS].value;
    opt.budgets.agent_memory = (uint64_t)numbers[N_AGENT_MEMORY].value;
    char seat_program[PATH_MAX], self[PATH_MAX];
    opt.seat_program = own_seat_program(seat_program, sizeof seat_program);
    ssize_t self_len = readlink("/proc/self/exe", self, sizeof self - 1); /* this program runs the analyses */
    if (self_len > 0 && (size_t)self_len < sizeof self - 1) {
        self[self_len] = '\0';
        opt.analysis_program = self;
    }
    opt.allow_origins = origins;
    opt.allow_origin_count = origin_count;
    opt.open = open_mode;
    opt.sync = strcmp(sync, "normal") == 0 ? PARLEY_SYNC_NORMAL : PARLEY_SYNC_FULL;
    char token_path[PATH_MAX + 16], token[96];
    int token_created = 0;
    if (!open_mode) {
        if (!token_file) {
            snprintf(token_path, sizeof token_path, "%s.admin-token", db_is_url(db) ? "parley" : db);
            token_file = token_path;
        }
        if (admin_token(token_file, token, &token_created)) {
            rc = CLI_FAILURE;
            goto done;
        }
        opt.admin_token = token;
    }

    /* Block the stop signals before the server's threads start, so that only sigwait below receives them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN); /* a file size limit is an I/O error to report, not a reason to die */
    /* This process is the server: SQLite's allocation statistics would take one global mutex on every
     * allocation of every connection's thread.  (Process-wide, so set by the program, not the library.) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

    parley_server *srv = NULL;
    parley_error err = {0};
    if (parley_server_start(&opt, &srv, &err) != PARLEY_OK) {
        rc = cli_report(&err);
        if (rc == CLI_BAD_INPUT && err.code == PARLEY_EIO)
            rc = CLI_FAILURE;
        goto done;
    }
    unsigned port = parley_server_port(srv);
    char db_name[512];
    db_display_name(db, db_name, sizeof db_name);
    if (json) {
        char url[128];
        snprintf(url, sizeof url, "http://%s:%u/", address, port);
        json_t *line = json_pack("{s:s,s:i,s:s,s:i,s:s,s:o,s:b,s:o}", "url", url, "port", (int)port, "database", db_name,
                                 "schema", parley_server_schema_version(), "sync", sync, "dashboard",
                                 web ? json_string(web) : json_null(), "open", open_mode, "admin_token_file",
                                 open_mode ? json_null() : json_string(token_file));
        char *text = line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        printf("%s\n", text ? text : "{}");
        free(text);
        json_decref(line);
    } else {
        printf("parley serve: listening on http://%s:%u/ (database %s, schema %d, sync %s%s%s)\n", address, port, db_name,
               parley_server_schema_version(), sync, web ? ", dashboard " : ", no dashboard", web ? web : "");
        if (open_mode)
            printf("parley serve: --open: ANYONE who can reach this address may create negotiations\n");
        else
            printf("parley serve: the admin token for creating negotiations is in %s%s\n", token_file,
                   token_created ? " (new)" : "");
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
done:
    free(origins);
    return rc;
}

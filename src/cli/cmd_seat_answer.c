/*
 * cmd_seat_answer.c: `parley seat-answer`, an internal subcommand (not in
 * `parley --help`; docs/api.md, "Agents at the table"): one answer of an agent
 * seated by `parley serve`.  The server starts it in a child process for every
 * answer of a built-in, BOA or plug-in agent and of the drafting helper, as it
 * starts `python3 -m parley.seat FILE` for a Python agent: it reads the request
 * of include/parley/live.h on standard input and writes {"ok": answer} or
 * {"error": message} on standard output.
 *
 * Why a subcommand of parley rather than a program of its own in libexec: the
 * parley binary is installed anyway, links libparley but neither the server
 * (libmicrohttpd, GnuTLS) nor OpenMPI, so it starts in a few milliseconds, and
 * it exports the parley_view_* functions that plug-ins call; a second program
 * would be the same objects under another name, one more thing to install and
 * to find.  The server execs it (fork then execve at once), so no lock, heap
 * or descriptor of the threaded server is inherited by the agent.
 *
 *   parley seat-answer [--draft] [--plugin FILE.so] < request.json
 *
 * --draft: the drafting helper's text (the request of parley_live_draft);
 * --plugin: the agent is the plug-in FILE (the request's "agent" spec gives its
 * parameters).  Exit codes: 0 an answer or the agent's error was written, 2 bad
 * usage or no request read, 3 out of memory (the seat's memory budget; {"error"}
 * written too), 1 the result could not be written.
 */
#include "cli.h"

#include <parley/agent.h>
#include <parley/live.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SEAT_EXIT_MEMORY = 3 };

/* The whole of stdin as a string (malloc), or NULL (out of memory or a read error: *nomem says which). */
static char *read_request(int *nomem)
{
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    *nomem = !buf;
    while (buf) {
        if (len + 1 == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown) {
                *nomem = 1;
                break;
            }
            buf = grown;
        }
        size_t k = fread(buf + len, 1, cap - 1 - len, stdin);
        len += k;
        if (k == 0) {
            if (ferror(stdin))
                break;
            buf[len] = '\0';
            return buf;
        }
    }
    free(buf);
    return NULL;
}

/* Writes {"ok": answer} (answer: JSON text) or {"error": message}: 0, 1 when out of memory (then the fixed
 * {"error": "out of memory"} is written), or -1 when nothing could be written. */
static int write_result(const char *answer, const char *error)
{
    json_t *o = answer ? json_pack("{s:o*}", "ok", json_loads(answer, 0, NULL)) : json_pack("{s:s}", "error", error);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    int rc = text ? 0 : 1;
    if (fputs(text ? text : "{\"error\":\"out of memory\"}", stdout) < 0 || fflush(stdout) != 0)
        rc = -1;
    free(text);
    json_decref(o);
    return rc;
}

int cmd_seat_answer(int argc, char **argv)
{
    int draft = 0;
    const char *plugin_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--draft") == 0)
            draft = 1;
        else if (strcmp(argv[i], "--plugin") == 0 && i + 1 < argc)
            plugin_path = argv[++i];
        else {
            fprintf(stderr, "usage: parley seat-answer [--draft] [--plugin FILE.so] < request.json\n"
                            "(internal: parley serve runs it for each answer of a seated agent)\n");
            return CLI_BAD_INPUT;
        }
    }
    if (draft && plugin_path) {
        fprintf(stderr, "parley seat-answer: --draft and --plugin exclude each other\n");
        return CLI_BAD_INPUT;
    }
    int nomem = 0;
    char *request = read_request(&nomem);
    if (!request) {
        if (nomem)
            write_result(NULL, "out of memory");
        else
            fprintf(stderr, "parley seat-answer: cannot read the request on standard input\n");
        return nomem ? SEAT_EXIT_MEMORY : CLI_BAD_INPUT;
    }
    parley_error err = {0};
    parley_agent_plugin *plugin = NULL;
    const parley_agent_vtable *vt = NULL;
    char *answer = NULL;
    int rc = plugin_path ? parley_agent_plugin_load(plugin_path, &plugin, &err) : PARLEY_OK;
    if (plugin)
        vt = parley_agent_plugin_vtable(plugin);
    if (!rc)
        rc = draft ? parley_live_draft(request, &answer, &err) : parley_live_answer(request, vt, &answer, &err);
    free(request);
    int written = write_result(rc ? NULL : answer, err.message[0] ? err.message : parley_strerror(rc));
    free(answer);
    if (plugin)
        parley_agent_plugin_close(plugin);
    if (rc == PARLEY_ENOMEM || written == 1)
        return SEAT_EXIT_MEMORY;
    return written ? CLI_FAILURE : CLI_OK;
}

/* cmd_agents.c: `parley agents [--json]`: every built-in agent and BOA component, its parameters and source. */
#include "cli.h"
#include "io/json_util.h"

#include <jansson.h>
#include <parley/parley.h>
#include <string.h>

static const char usage[] =
    "usage: parley agents [--json]\n"
    "\n"
    "Lists every built-in agent and every BOA component (bidding strategies,\n"
    "opponent models, acceptance strategies) with its parameters, their\n"
    "defaults, a description and the paper or report it follows.  Agents are\n"
    "named in --agents as NAME[:key=value:...]; BOA agents as\n"
    "boa:bidding=time:e=0.2:model=frequency:accept=combi:t=0.98.\n";

static int print_json(const parley_agent_info *info, size_t n)
{
    json_t *root = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *params = json_array();
        for (const parley_param_info *p = info[i].params; p->key; p++)
            json_array_append_new(params, json_pack("{s:s,s:o,s:s}", "key", p->key, "default",
                                                    p->def ? json_string(p->def) : json_null(), "description",
                                                    p->description));
        json_array_append_new(root, json_pack("{s:s,s:s,s:s,s:s,s:o}", "kind", info[i].kind, "name", info[i].name,
                                              "description", info[i].description, "source", info[i].source,
                                              "parameters", params));
    }
    int rc = json_write_pretty(root, stdout);
    json_decref(root);
    return rc == 0 ? CLI_OK : CLI_FAILURE;
}

static void print_text(const parley_agent_info *info, size_t n)
{
    const char *kind = "";
    for (size_t i = 0; i < n; i++) {
        if (strcmp(kind, info[i].kind) != 0) {
            kind = info[i].kind;
            printf("%s%s:\n", i ? "\n" : "", strcmp(kind, "agent") == 0 ? "agents" : kind);
        }
        printf("  %-18s %s\n  %-18s source: %s\n", info[i].name, info[i].description, "", info[i].source);
        for (const parley_param_info *p = info[i].params; p->key; p++)
            printf("  %-18s   %s%s%s: %s\n", "", p->key, p->def ? "=" : "", p->def ? p->def : "", p->description);
    }
}

int cmd_agents(int argc, char **argv)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else {
            return cli_usage_error("agents", "unexpected argument '%s'", argv[i]);
        }
    }
    size_t n;
    const parley_agent_info *info = parley_agent_catalog(&n);
    if (json)
        return print_json(info, n);
    print_text(info, n);
    return fflush(stdout) == 0 ? CLI_OK : CLI_FAILURE;
}

/* cmd_negotiate.c: `parley negotiate`: runs a negotiation between agents under a protocol and reports it. */
#include "cli.h"
#include "cli/plot_file.h"

#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parley negotiate SCENARIO.json --agents A,B[,C...] [options]\n"
    "       parley negotiate DOMAIN.xml PROFILE1.xml PROFILE2.xml --agents A,B [options]\n"
    "\n"
    "Runs a negotiation between agents, one per negotiating party in scenario order,\n"
    "and prints the outcome: agreement or not, the agreed package, every party's\n"
    "utility and the rounds used.\n"
    "\n"
    "  --protocol P     alternating (default), single-text or shuttle\n"
    "  --agents LIST    comma-separated agents (listed below) or plug-in paths (lib.so);\n"
    "                   parameters after ':' as key=value, e.g. conceder:e=2, boulware:e=0.1:k=0.05\n"
    "  --rounds N       deadline in rounds (default 100)\n"
    "  --time S         deadline in seconds (runs then depend on timing)\n"
    "  --clock C        parley (default): round r of R is at t = (r-1)/(R-1); genius: t = r/(R+1),\n"
    "                   GENIUS's round deadline (both moves of a round share it)\n"
    "  --seed N         random seed (default 1); runs are deterministic for a seed\n"
    "  --annealing      single text: Klein's annealing variant\n"
    "  --sessions N     shuttle: split the rounds into N sessions (default 1)\n"
    "  --venues A,B     shuttle: venues of the sessions, in turn (e.g. Cairo,Doha)\n"
    "  --trace FILE     write every event as JSON Lines ('-' for standard output)\n"
    "  --model NAME     with --trace: replay each party's offers into a frequency, smith or bayes\n"
    "                   opponent model and append its accuracy over time (Pearson, RMSE, Kendall)\n"
    "  --plot FILE.svg  draw utilities over rounds and one utility plane per pair of parties, with the\n"
    "                   frontiers of all and of the acceptable outcomes (docs/plots.md)\n"
    "  --json           print the outcome as one JSON object\n"
    "\n" CLI_INPUT_HELP;

#define MAX_AGENTS 64

struct options {
    parley_session_config cfg;
    const char *agents, *venues, *trace, *plot, *model;
    int json, normalise;
    const char **files;
    size_t nfiles;
    char *venue_buf;
    const char *venue_list[PARLEY_MAX_VENUES];
};

/* Splits a comma-separated list in place into at most max items; returns the count or -1. */
static long split_list(char *text, const char **items, size_t max)
{
    size_t n = 0;
    for (char *p = text;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (*p == '\0' || n == max)
            return -1;
        items[n++] = p;
        if (!comma)
            return (long)n;
        p = comma + 1;
    }
}

static int parse_args(int argc, char **argv, struct options *o)
{
    long n;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        int r;
        if (strcmp(argv[i], "--json") == 0) {
            o->json = 1;
        } else if (cli_input_option(argv[i], &o->normalise)) {
        } else if (strcmp(argv[i], "--annealing") == 0) {
            o->cfg.annealing = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--protocol", &value)) != 0) {
            int p = r > 0 ? parley_protocol_from_name(value) : -1;
            if (p < 0 && r > 0)
                return cli_bad_choice("negotiate", "--protocol", value, cli_protocols, 3);
            if (p < 0)
                return cli_usage_error("negotiate", "--protocol expects alternating, single-text or shuttle");
            o->cfg.protocol = (parley_protocol_kind)p;
        } else if ((r = cli_option_value(argc, argv, &i, "--agents", &value)) != 0) {
            if (r < 0)
                return cli_usage_error("negotiate", "--agents expects a list such as boulware,conceder");
            o->agents = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--rounds", &value)) != 0) {
            if (r < 0)
                return cli_usage_error("negotiate", "--rounds needs a value");
            if (!cli_parse_long("negotiate", "--rounds", value, 1, 100000000, &n))
                return CLI_BAD_INPUT;
            o->cfg.rounds = n;
        } else if ((r = cli_option_value(argc, argv, &i, "--time", &value)) != 0) {
            if (r < 0)
                return cli_usage_error("negotiate", "--time needs a value");
            if (!cli_parse_double("negotiate", "--time", value, &o->cfg.seconds))
                return CLI_BAD_INPUT;
            if (!(o->cfg.seconds > 0 && o->cfg.seconds <= 86400))
                return cli_usage_error("negotiate", "--time expects seconds in (0, 86400]");
        } else if ((r = cli_option_value(argc, argv, &i, "--clock", &value)) != 0) {
            int c = r > 0 ? parley_clock_from_name(value) : -1;
            if (c < 0)
                return cli_usage_error("negotiate", "--clock expects parley or genius");
            o->cfg.clock = (parley_clock_kind)c;
        } else if ((r = cli_option_value(argc, argv, &i, "--seed", &value)) != 0) {
            if (r < 0)
                return cli_usage_error("negotiate", "--seed needs a value");
            if (!cli_parse_long("negotiate", "--seed", value, 0, 2147483647L, &n))
                return CLI_BAD_INPUT;
            o->cfg.seed = (uint64_t)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--sessions", &value)) != 0) {
            if (r < 0)
                return cli_usage_error("negotiate", "--sessions needs a value");
            if (!cli_parse_long("negotiate", "--sessions", value, 1, 10000, &n))
                return CLI_BAD_INPUT;
            o->cfg.sessions = (size_t)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--venues", &value)) != 0) {
            if (r < 0)
                return cli_usage_error("negotiate", "--venues expects a list such as Cairo,Doha");
            o->venues = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--model", &value)) != 0) {
            if (r < 0 || (strcmp(value, "frequency") && strcmp(value, "smith") && strcmp(value, "bayes")))
                return cli_usage_error("negotiate", "--model expects frequency, smith or bayes");
            o->model = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--trace", &value)) != 0) {
            if (r < 0)
                return cli_usage_error("negotiate", "--trace expects a file name");
            if (cli_check_output("--trace", value) != CLI_OK)
                return CLI_BAD_INPUT;
            o->trace = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--plot", &value)) != 0) {
            if (r < 0)
                return cli_usage_error("negotiate", "--plot expects a file name");
            if (cli_check_output("--plot", value) != CLI_OK)
                return CLI_BAD_INPUT;
            o->plot = value;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_unknown_option("negotiate", argv[i], usage);
        } else {
            o->files[o->nfiles++] = argv[i];
        }
    }
    if (o->nfiles == 0)
        return cli_usage_error("negotiate", "expected a scenario file");
    if (!o->agents)
        return cli_usage_error("negotiate", "expected --agents, one per negotiating party (e.g. boulware,conceder)");
    if (o->venues) {
        if (!(o->venue_buf = strdup(o->venues)))
            return CLI_FAILURE;
        long count = split_list(o->venue_buf, o->venue_list, PARLEY_MAX_VENUES);
        if (count < 0)
            return cli_usage_error("negotiate", "--venues expects up to %u non-empty names separated by commas",
                                   PARLEY_MAX_VENUES);
        o->cfg.venues = o->venue_list;
        o->cfg.venue_count = (size_t)count;
    }
    if ((o->venues || o->cfg.sessions > 1) && o->cfg.protocol != PARLEY_PROTOCOL_SHUTTLE)
        return cli_usage_error("negotiate", "--venues and --sessions need --protocol shuttle");
    if (o->cfg.annealing && o->cfg.protocol != PARLEY_PROTOCOL_SINGLE_TEXT)
        return cli_usage_error("negotiate", "--annealing needs --protocol single-text");
    return CLI_OK;
}

static void print_package(const parley_scenario *sc, const uint32_t *package)
{
    const parley_space *space = parley_scenario_space(sc);
    char value[256];
    for (size_t i = 0; i < parley_space_issue_count(space); i++)
        printf("  %-24s %s\n", parley_issue_name(space, i), parley_issue_format_value(space, i, package[i], value,
                                                                                      sizeof value));
}

static void print_report(const parley_scenario *sc, const parley_negotiation *neg, const parley_session_config *cfg)
{
    if (parley_scenario_title(sc)[0])
        printf("%s\n", parley_scenario_title(sc));
    printf("protocol %s%s, seed %llu\n\n", parley_protocol_name(cfg->protocol), cfg->annealing ? " (annealing)" : "",
           (unsigned long long)cfg->seed);
    if (cfg->protocol == PARLEY_PROTOCOL_SHUTTLE) {
        for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
            parley_event ev;
            parley_negotiation_event(neg, i, &ev, NULL);
            if (ev.kind == PARLEY_EVENT_SESSION_START)
                printf("session %ld at %s, from round %ld", ev.session + 1, ev.venue, ev.round);
            else if (ev.kind == PARLEY_EVENT_SESSION_END)
                printf(" to round %ld: %s\n", ev.round, ev.detail);
        }
        printf("\n");
    }
    if (parley_negotiation_agreed(neg)) {
        printf("agreement in round %ld (t=%.4f)\n", parley_negotiation_rounds_used(neg),
               parley_negotiation_end_time(neg));
        print_package(sc, parley_negotiation_agreement(neg));
    } else {
        printf("no agreement (%s) after %ld rounds (t=%.4f): every party gets its reservation value\n",
               parley_negotiation_ending(neg), parley_negotiation_rounds_used(neg), parley_negotiation_end_time(neg));
    }
    printf("\n%-24s %-20s %10s %12s\n", "party", "agent", "utility", "discounted");
    for (size_t k = 0; k < parley_negotiation_party_count(neg); k++)
        printf("%-24s %-20s %10.4f %12.4f\n", parley_party_name(sc, parley_scenario_negotiator(sc, k)),
               parley_negotiation_agent_name(neg, k), parley_negotiation_utility(neg, k),
               parley_negotiation_discounted_utility(neg, k));
    printf("\n%llu offers, amendments and proposals; %zu events\n",
           (unsigned long long)parley_negotiation_offer_count(neg), parley_negotiation_event_count(neg));
}

/* Adds the agents of the comma-separated list; plug-ins loaded are stored in plugins[]. */
static int add_agents(parley_negotiation *neg, const parley_scenario *sc, const char *list,
                      parley_agent_plugin **plugins, size_t *nplugins, parley_error *err)
{
    char *copy = strdup(list);
    const char *items[MAX_AGENTS];
    int rc = PARLEY_OK;
    if (!copy)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    long count = split_list(copy, items, MAX_AGENTS);
    size_t parties = parley_scenario_negotiator_count(sc);
    if (count < 0 || (size_t)count != parties) {
        rc = parley_error_set(err, PARLEY_EINVAL, "--agents: the scenario has %zu negotiating parties (", parties);
        size_t len = strlen(err->message);
        for (size_t k = 0; k < parties && len + 64 < sizeof err->message; k++) {
            snprintf(err->message + len, sizeof err->message - len, "%s%.40s", k ? ", " : "",
                     parley_party_name(sc, parley_scenario_negotiator(sc, k)));
            len = strlen(err->message);
        }
        snprintf(err->message + len, sizeof err->message - len, "); give one agent for each, in that order");
        goto done;
    }
    for (long i = 0; i < count && rc == PARLEY_OK; i++) {
        char name[1024];
        const char *params;
        if ((rc = parley_agent_spec_split(items[i], name, sizeof name, &params, err)))
            break;
        if (parley_agent_spec_is_plugin(name)) {
            if ((rc = parley_agent_plugin_load(name, &plugins[*nplugins], err)))
                break;
            const parley_agent_vtable *vt = parley_agent_plugin_vtable(plugins[(*nplugins)++]);
            rc = parley_negotiation_add_agent(neg, vt, params, err);
        } else {
            rc = parley_negotiation_add_agent_spec(neg, items[i], err);
        }
    }
done:
    free(copy);
    return rc;
}

struct plot_input {
    const parley_negotiation *neg;
    const parley_analysis *a;
};

static int draw_negotiation(const void *ctx, FILE *out, parley_error *err)
{
    const struct plot_input *in = ctx;
    return parley_negotiation_write_svg(in->neg, in->a, out, err);
}

static int write_plot(const char *path, const parley_scenario *sc, const parley_negotiation *neg, parley_error *err)
{
    parley_analysis *a = NULL;
    uint64_t size;
    int rc;
    /* The frontiers of the pairs and a light density, in the utilities the agents negotiate with: a phased
       scenario's later phases counted in full (the analysis would otherwise weigh them by trust). */
    parley_analysis_options plot_options = {.plot_bins = 40, .use_guarantee = 1, .guarantee = 1.0};
    if (parley_space_size_u64(parley_scenario_space(sc), &size) == PARLEY_OK && size <= (1u << 24) &&
        (rc = parley_analyze(sc, &plot_options, &a, err)))
        return rc;
    struct plot_input in = {neg, a};
    rc = cli_write_svg_file(path, draw_negotiation, &in, err);
    parley_analysis_free(a);
    return rc;
}

int cmd_negotiate(int argc, char **argv)
{
    struct options o;
    parley_error err = {0};
    parley_scenario *sc = NULL;
    parley_negotiation *neg = NULL;
    parley_agent_plugin *plugins[MAX_AGENTS];
    size_t nplugins = 0;
    FILE *trace = NULL;
    int code, rc;
    memset(&o, 0, sizeof o);
    parley_session_config_init(&o.cfg);
    for (int i = 1; i < argc; i++)
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            cli_print_agent_names(stdout);
            return CLI_OK;
        }
    int timed = 0;
    for (int i = 1; i < argc; i++)
        timed |= strncmp(argv[i], "--time", 6) == 0 && (argv[i][6] == '\0' || argv[i][6] == '=');
    if (timed)
        o.cfg.rounds = 0; /* a deadline in seconds alone, unless --rounds is given too */
    if (!(o.files = calloc((size_t)argc, sizeof *o.files)))
        return CLI_FAILURE;
    if ((code = parse_args(argc, argv, &o)) != CLI_OK)
        goto out;
    parley_error_clear(&err);
    if (o.nfiles == 0) {
        code = cli_usage_error("negotiate", "expected a scenario file");
        goto out;
    }
    if ((code = cli_load_scenario(o.files, o.nfiles, o.normalise, &sc)) != CLI_OK)
        goto out;
    if ((rc = parley_negotiation_new(sc, &o.cfg, &neg, &err)) ||
        (rc = add_agents(neg, sc, o.agents, plugins, &nplugins, &err)))
        goto report;
    if (o.trace) {
        trace = strcmp(o.trace, "-") == 0 ? stdout : fopen(o.trace, "w");
        if (!trace) {
            rc = parley_error_set_at(&err, PARLEY_EIO, o.trace, 0, 0, NULL, "cannot write the trace");
            goto report;
        }
        parley_negotiation_set_trace(neg, trace);
    }
    if ((rc = parley_negotiation_run(neg, &err)))
        goto report;
    if (o.model && !trace) {
        rc = parley_error_set(&err, PARLEY_EINVAL, "--model writes the models' accuracy into the trace: give --trace");
        goto report;
    }
    if (o.model && (rc = parley_negotiation_write_model_accuracy(neg, sc, o.model, 0, trace, &err)))
        goto report;
    if (trace && trace != stdout) {
        int closed = fclose(trace);
        trace = NULL;
        if (closed != 0) {
            rc = parley_error_set_at(&err, PARLEY_EIO, o.trace, 0, 0, NULL, "cannot write the trace");
            goto report;
        }
    }
    if (o.plot && (rc = write_plot(o.plot, sc, neg, &err)))
        goto report;
    if (o.json)
        rc = parley_negotiation_write_json(neg, stdout, &err);
    else if (!(o.trace && strcmp(o.trace, "-") == 0))
        print_report(sc, neg, &o.cfg);
report:
    code = rc == PARLEY_OK ? CLI_OK : cli_report(&err);
out:
    if (trace && trace != stdout)
        fclose(trace);
    parley_negotiation_free(neg);
    for (size_t i = 0; i < nplugins; i++)
        parley_agent_plugin_close(plugins[i]);
    parley_scenario_free(sc);
    free(o.venue_buf);
    free(o.files);
    return code;
}

/*
 * bench_gmcr.c: how fast `parley conflict` analyses large graph models.  Builds
 * models with 16 and 20 options (2^16 and 2^20 states, a quarter of them
 * infeasible) shared by 3 decision makers, with mutually exclusive options, an
 * irreversible option per DM and prioritised preference statements, and times
 * every notion alone (Nash, GMR, SMR, SEQ, SIM, SEQ+SIM) on all CPUs and all
 * six together on all CPUs and on 1 thread; then the same sizes with 2 decision makers for
 * limited-move stability (h = 2 and h = 4) and non-myopic stability; and the
 * status-quo analysis.
 *
 * Every row gives wall seconds and CPU seconds (user + system of the whole
 * process, all threads): on a shared machine the CPU seconds are what compare.
 *
 * usage: bench_gmcr [OPTIONS [DMS [ROW]]]   (default: both sizes, 3 DMs; ROW: only the rows whose name
 * starts with it, e.g. SIM or L_h)
 */
#include <parley/gmcr.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double clock_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double now(void)
{
    return clock_seconds(CLOCK_MONOTONIC);
}

static double cpu_now(void)
{
    return clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

/* Wall and CPU seconds of one measurement. */
typedef struct timing {
    double wall, cpu;
} timing;

/* A small deterministic generator, so every run analyses the same model. */
static unsigned next_rand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static char *build_model(int n_options, int n_dms)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    unsigned seed = 42;
    if (!buf)
        return NULL;
#define OUT(...) len += (size_t)snprintf(buf + len, cap - len, __VA_ARGS__)
    OUT("{\"name\": \"benchmark: %d options, %d decision makers\", \"decision_makers\": [", n_options, n_dms);
    int opt = 1;
    for (int d = 0; d < n_dms; d++) {
        int count = n_options / n_dms + (d < n_options % n_dms);
        OUT("%s{\"name\": \"DM%d\", \"options\": [", d ? "," : "", d + 1);
        for (int k = 0; k < count; k++)
            OUT("%s{\"name\": \"option %d\"%s}", k ? "," : "", opt + k,
                k == 0 ? ", \"reversibility\": \"forward\"" : "");
        OUT("], \"preferences\": [");
        for (int j = 0; j < 8; j++) {
            int a = 1 + (int)(next_rand(&seed) % (unsigned)n_options);
            int b = 1 + (int)(next_rand(&seed) % (unsigned)n_options);
            const char *forms[] = {"%s%d", "%s%d & -%d", "%s%d | %d", "if %s%d then %d"};
            char stmt[64];
            int f = (int)(next_rand(&seed) % 4);
            snprintf(stmt, sizeof stmt, forms[f], next_rand(&seed) % 2 ? "-" : "", a, b);
            OUT("%s\"%s\"", j ? "," : "", stmt);
        }
        OUT("]}");
        opt += count;
    }
    OUT("], \"infeasible\": [{\"mutually_exclusive\": [2, 3]}]}");
#undef OUT
    return buf;
}

static int run(const parley_gmcr_model *m, unsigned notions, unsigned horizon, unsigned threads, timing *took,
               size_t *eq)
{
    parley_gmcr_options o = {.notions = notions, .threads = threads, .horizon = horizon};
    parley_gmcr_result *r = NULL;
    parley_error err;
    parley_error_clear(&err);
    double t0 = now(), c0 = cpu_now();
    if (parley_gmcr_analyze(m, &o, &r, &err) != PARLEY_OK) {
        char b[1024];
        fprintf(stderr, "bench_gmcr: %s\n", parley_error_format(&err, b, sizeof b));
        return 1;
    }
    took->wall = now() - t0;
    took->cpu = cpu_now() - c0;
    *eq = parley_gmcr_result_equilibrium_count(r, (parley_gmcr_notion)(notions & -notions));
    parley_gmcr_result_free(r);
    return 0;
}

static parley_gmcr_model *load(int n_options, int n_dms)
{
    char *text = build_model(n_options, n_dms);
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (!text || parley_gmcr_model_parse(text, strlen(text), "bench", &m, &err) != PARLEY_OK) {
        char b[1024];
        fprintf(stderr, "bench_gmcr: %s\n", parley_error_format(&err, b, sizeof b));
    }
    free(text);
    return m;
}

static const char *only; /* measure only the rows whose name starts with this (NULL: all) */

static int wanted(const char *row)
{
    return !only || strncmp(row, only, strlen(only)) == 0;
}

static int one_size(int n_options, int n_dms, unsigned cpus)
{
    static const struct {
        const char *name;
        unsigned notions;
    } rows[] = {{"Nash", PARLEY_GMCR_NASH}, {"GMR", PARLEY_GMCR_GMR},       {"SMR", PARLEY_GMCR_SMR},
                {"SEQ", PARLEY_GMCR_SEQ},   {"SIM", PARLEY_GMCR_SIM},       {"SEQ+SIM", PARLEY_GMCR_SEQSIM},
                {"all six", PARLEY_GMCR_ALL}};
    parley_gmcr_model *m = load(n_options, n_dms);
    if (!m)
        return 1;
    size_t n = parley_gmcr_model_state_count(m);
    printf("\nmodel: %d options, %d decision makers, %zu feasible states\n", n_options, n_dms, n);
    printf("  %-22s %19s %19s %12s\n", "notion", "all CPUs wall/CPU s", "1 thread wall/CPU s", "equilibria");
    for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
        timing t1 = {0, 0}, tn = {0, 0};
        size_t eq = 0;
        int last = k + 1 == sizeof rows / sizeof *rows; /* one thread: only all six together */
        if (!wanted(rows[k].name))
            continue;
        if (run(m, rows[k].notions, 0, cpus, &tn, &eq) || (last && run(m, rows[k].notions, 0, 1, &t1, &eq))) {
            parley_gmcr_model_free(m);
            return 1;
        }
        if (last)
            printf("  %-22s %9.3f/%-9.3f %9.3f/%-9.3f %12zu\n", rows[k].name, tn.wall, tn.cpu, t1.wall, t1.cpu, eq);
        else
            printf("  %-22s %9.3f/%-9.3f %19s %12zu\n", rows[k].name, tn.wall, tn.cpu, "", eq);
    }
    parley_gmcr_paths *p = NULL;
    double t0 = now();
    if (wanted("status quo") && parley_gmcr_paths_from(m, parley_gmcr_model_state_code(m, 0), &p, NULL) == PARLEY_OK)
        printf("  status quo from state %u: %zu states reachable by unilateral improvements in %.3f s\n",
               parley_gmcr_model_state_code(m, 0), parley_gmcr_paths_count(p) - 1, now() - t0);
    parley_gmcr_paths_free(p);
    parley_gmcr_model_free(m);
    /* foresight: two DMs */
    m = load(n_options, 2);
    if (!m)
        return 1;
    printf("model: %d options, 2 decision makers, %zu feasible states\n", n_options, parley_gmcr_model_state_count(m));
    static const struct {
        const char *name;
        unsigned notions, horizon;
    } fore[] = {{"L_h, h = 2", PARLEY_GMCR_LH, 2}, {"L_h, h = 4", PARLEY_GMCR_LH, 4}, {"non-myopic", PARLEY_GMCR_NM, 0}};
    for (size_t k = 0; k < sizeof fore / sizeof *fore; k++) {
        timing t1 = {0, 0};
        size_t eq = 0;
        if (!wanted(fore[k].name))
            continue;
        if (run(m, fore[k].notions, fore[k].horizon, 1, &t1, &eq)) {
            parley_gmcr_model_free(m);
            return 1;
        }
        printf("  %-22s %19s %9.3f/%-9.3f %12zu\n", fore[k].name, "", t1.wall, t1.cpu, eq);
    }
    parley_gmcr_model_free(m);
    return 0;
}

int main(int argc, char **argv)
{
    int n_options = argc > 1 ? atoi(argv[1]) : 0, n_dms = argc > 2 ? atoi(argv[2]) : 3;
    only = argc > 3 ? argv[3] : NULL;
    if ((argc > 1 && (n_options < 2 || n_options > PARLEY_GMCR_MAX_OPTIONS)) || n_dms < 2 ||
        (n_options && n_dms > n_options)) {
        fprintf(stderr, "usage: bench_gmcr [OPTIONS (2-%d) [DMS [ROW]]]\n", PARLEY_GMCR_MAX_OPTIONS);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0); /* each row as soon as it is measured */
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned cpus = (unsigned)(online > 0 ? online : 1);
    printf("cores online: %u (wall/CPU seconds; 'all six' is the count of Nash equilibria)\n", cpus);
    if (n_options)
        return one_size(n_options, n_dms, cpus);
    return one_size(16, n_dms, cpus) || one_size(20, n_dms, cpus);
}

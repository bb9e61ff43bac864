/*
 * bench_gmcr.c: how fast `parley conflict` analyses a large graph model.  Builds
 * a model with 20 options (about 10^6 states) shared by 3 decision makers, with
 * mutually exclusive options, an irreversible option per DM and prioritised
 * preference statements, then times the full Nash/GMR/SMR/SEQ analysis on 1
 * thread and on all CPUs, and the status-quo analysis.
 *
 * usage: bench_gmcr [OPTIONS [DMS]]   (defaults 20 and 3)
 */
#include <parley/gmcr.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

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

static int run(const parley_gmcr_model *m, unsigned threads, double *seconds, size_t *eq)
{
    parley_gmcr_options o = {.notions = PARLEY_GMCR_ALL, .threads = threads};
    parley_gmcr_result *r = NULL;
    parley_error err;
    parley_error_clear(&err);
    double t0 = now();
    if (parley_gmcr_analyze(m, &o, &r, &err) != PARLEY_OK) {
        char b[1024];
        fprintf(stderr, "bench_gmcr: %s\n", parley_error_format(&err, b, sizeof b));
        return 1;
    }
    *seconds = now() - t0;
    for (int k = 0; k < 4; k++)
        eq[k] = parley_gmcr_result_equilibrium_count(r, (parley_gmcr_notion)(1 << k));
    parley_gmcr_result_free(r);
    return 0;
}

int main(int argc, char **argv)
{
    int n_options = argc > 1 ? atoi(argv[1]) : 20, n_dms = argc > 2 ? atoi(argv[2]) : 3;
    if (n_options < 2 || n_options > PARLEY_GMCR_MAX_OPTIONS || n_dms < 2 || n_dms > n_options) {
        fprintf(stderr, "usage: bench_gmcr [OPTIONS (2-%d) [DMS]]\n", PARLEY_GMCR_MAX_OPTIONS);
        return 2;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    char *text = build_model(n_options, n_dms);
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    double t0 = now();
    if (!text || parley_gmcr_model_parse(text, strlen(text), "bench", &m, &err) != PARLEY_OK) {
        char b[1024];
        fprintf(stderr, "bench_gmcr: %s\n", parley_error_format(&err, b, sizeof b));
        free(text);
        return 1;
    }
    double load = now() - t0;
    size_t n = parley_gmcr_model_state_count(m);
    printf("model: %d options, %d decision makers, %zu feasible states (built in %.3f s)\n", n_options, n_dms, n,
           load);
    unsigned counts[2] = {1, (unsigned)(cpus > 0 ? cpus : 1)};
    for (int k = 0; k < (counts[1] > 1 ? 2 : 1); k++) {
        double s = 0;
        size_t eq[4];
        if (run(m, counts[k], &s, eq)) {
            parley_gmcr_model_free(m);
            free(text);
            return 1;
        }
        printf("stability (Nash, GMR, SMR, SEQ) on %u thread%s: %.3f s, %.2f million states/s "
               "(equilibria: Nash %zu, GMR %zu, SMR %zu, SEQ %zu)\n",
               counts[k], counts[k] == 1 ? "" : "s", s, (double)n / s / 1e6, eq[0], eq[1], eq[2], eq[3]);
    }
    parley_gmcr_paths *p = NULL;
    t0 = now();
    if (parley_gmcr_paths_from(m, parley_gmcr_model_state_code(m, 0), &p, &err) == PARLEY_OK)
        printf("status quo from state %u: %zu states reachable by unilateral improvements in %.3f s\n",
               parley_gmcr_model_state_code(m, 0), parley_gmcr_paths_count(p) - 1, now() - t0);
    parley_gmcr_paths_free(p);
    printf("cores online: %ld\n", cpus);
    parley_gmcr_model_free(m);
    free(text);
    return 0;
}

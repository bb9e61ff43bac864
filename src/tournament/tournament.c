/*
 * tournament.c: parley_tournament_run_all: lays out every (scenario, agent
 * assignment, repeat) as a numbered run, lets the workers of the pool take runs
 * by an atomic counter, and scores each against the scenario's analysis.  A run's
 * seed depends only on its number, so results do not depend on the threads.
 *
 * A scenario costs only what its runs use (scenario_setup): its analysis (the
 * Pareto frontier and Nash point the scores need) is made by the first run of
 * the scenario that finishes, by the exact path where it applies (the same
 * figures as streaming, bit for bit), and shared; each party's package index
 * answers what the sorted index of every package answered, from two sorted
 * halves of the space when the utility is additive (the full sorted list is
 * then built only if an agent asks for ranks).
 */
#include <parley/tournament.h>
#include <parley/approx.h>

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/pool.h"
#include "core/clock.h"
#include "tournament/stats_internal.h"
#include "core/progress.h"

/* Spaces up to this many outcomes have every package in the sorted index (INDEX_FULL_MAX of package_index.c). */
#define SORTED_INDEX_FULL_MAX (UINT64_C(1) << 21)

struct run {
    parley_tournament_run view;
    size_t *agents;
    double *utility, *discounted;
    parley_model_accuracy *accuracy; /* [parties * 5] when cfg.model is set: at the end, then over time */
};

struct parley_tournament {
    const parley_scenario *const *scenarios;
    size_t scenario_count;
    parley_analysis **analyses; /* per scenario, made by the first run that needs it (analysis_of) */
    parley_approx **searched;   /* per scenario instead, where `parley analyze` would search (huge spaces) */
    pthread_mutex_t analysis_lock;
    int analysis_lock_made;
    parley_scenario **uncertain; /* per scenario: what the agents negotiate on under preference uncertainty, or NULL */
    parley_package_index ***indexes; /* per scenario, per negotiating party: built once, shared by every run */
    parley_tournament_config cfg;
    struct run *runs;
    size_t run_count;
    double seconds;
    unsigned threads;
    /* while running */
    atomic_size_t next;
    atomic_int failed;         /* set once, by the worker that records first_error */
    progress_reporter progress;
    parley_error first_error;
};

void parley_tournament_config_init(parley_tournament_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    parley_session_config_init(&cfg->session);
    cfg->repeats = 1;
}

void parley_tournament_free(parley_tournament *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->run_count; i++) {
        free(t->runs[i].agents);
        free(t->runs[i].utility);
        free(t->runs[i].discounted);
        free(t->runs[i].accuracy);
    }
    free(t->runs);
    if (t->analyses)
        for (size_t s = 0; s < t->scenario_count; s++)
            parley_analysis_free(t->analyses[s]);
    free(t->analyses);
    if (t->searched)
        for (size_t s = 0; s < t->scenario_count; s++)
            parley_approx_free(t->searched[s]);
    free(t->searched);
    for (size_t s = 0; t->uncertain && s < t->scenario_count; s++)
        parley_scenario_free(t->uncertain[s]);
    free(t->uncertain);
    if (t->indexes)
        for (size_t s = 0; s < t->scenario_count; s++) {
            if (!t->indexes[s])
                continue;
            for (size_t k = 0; k < parley_scenario_negotiator_count(t->scenarios[s]); k++)
                parley_package_index_free(t->indexes[s][k]);
            free(t->indexes[s]);
        }
    free(t->indexes);
    if (t->analysis_lock_made)
        pthread_mutex_destroy(&t->analysis_lock);
    free(t);
}

/* What a run is scored against: the exact analysis, or the search's frontier (one of the two is set). */
typedef struct reference {
    const parley_analysis *exact;
    const parley_approx *searched;
} reference;

/*
 * Scenario s's analysis, made on first use (one thread at a time; the others wait for it and share it).
 * Spaces the sorted index holds whole are streamed (a few milliseconds on the vector path, less than the
 * exact path's merging); larger ones take the exact path when it applies.  Both give the same figures.
 * Spaces `parley analyze` would search are searched the same way (parley/approx.h).
 */
static int analysis_of(parley_tournament *t, size_t s, reference *out, parley_error *err)
{
    int rc = PARLEY_OK;
    pthread_mutex_lock(&t->analysis_lock);
    const parley_scenario *sc = t->scenarios[s];
    if (!t->analyses[s] && !t->searched[s]) {
        uint64_t size;
        int small = parley_space_size_u64(parley_scenario_space(sc), &size) == PARLEY_OK &&
                    size <= SORTED_INDEX_FULL_MAX;
        /* Where `parley analyze` searches (10^10 outcomes and more: ANAC 2014's nonlinear domains), so does
           the tournament, with analyze's default budget on one thread and its fixed seed: the distances are
           then to the best outcomes found, the same every run. */
        if (parley_tournament_scenario_searched(t, s)) {
            parley_approx_options options = {.threads = 1};
            rc = parley_analyze_approximate(sc, &options, &t->searched[s], err);
        } else {
            parley_analysis_options options = {.threads = 1,
                                               .method = small ? PARLEY_ANALYSIS_STREAM : PARLEY_ANALYSIS_EXACT};
            rc = parley_analyze(sc, &options, &t->analyses[s], err);
        }
    }
    out->exact = t->analyses[s];
    out->searched = t->searched[s];
    pthread_mutex_unlock(&t->analysis_lock);
    return rc;
}

static size_t reference_frontier_count(const reference *r)
{
    return r->exact ? parley_analysis_frontier_count(r->exact) : parley_approx_frontier_count(r->searched);
}

static const double *reference_frontier_utilities(const reference *r, size_t i)
{
    return r->exact ? parley_analysis_frontier_utilities(r->exact, i)
                    : parley_approx_frontier_utilities(r->searched, i);
}

static int reference_nash(const reference *r, const double **utilities)
{
    return r->exact ? parley_analysis_solution(r->exact, PARLEY_SOLUTION_NASH, NULL, utilities, NULL)
                    : parley_approx_solution(r->searched, PARLEY_SOLUTION_NASH, NULL, utilities, NULL);
}

/*
 * Party k's package index for scenario s.  Where the sorted index would hold
 * every package, the additive index (set up from about sqrt(N) points, the same
 * answers) replaces it; otherwise (constraints, sampled large spaces, other
 * utilities) the sorted index is built as before, so the agents see the same packages.
 */
static int index_of(const parley_scenario *sc, size_t k, uint64_t seed, parley_package_index **out, parley_error *err)
{
    uint64_t size;
    if (parley_space_size_u64(parley_scenario_space(sc), &size) == PARLEY_OK && size <= SORTED_INDEX_FULL_MAX)
        return parley_package_index_build(sc, k, seed, out, err);
    return parley_package_index_build_sorted(sc, k, seed, out, err);
}

/* Number of ordered assignments of `agents` agents to `parties` sides. */
static size_t assignment_count(size_t agents, size_t parties, int self_play)
{
    size_t n = 1;
    for (size_t k = 0; k < parties; k++) {
        size_t choices = self_play ? agents : (agents > k ? agents - k : 0);
        if (choices && n > SIZE_MAX / choices)
            return SIZE_MAX;
        n *= choices;
    }
    return n;
}

/* The a-th ordered assignment (mixed radix; without self-play, the a-th permutation). */
static void assignment(size_t a, size_t agents, size_t parties, int self_play, size_t *out)
{
    unsigned char used[256] = {0};
    for (size_t k = 0; k < parties; k++) {
        size_t choices = self_play ? agents : agents - k;
        size_t rest = 1;
        for (size_t j = k + 1; j < parties; j++)
            rest *= self_play ? agents : agents - j;
        size_t pick = a / rest;
        a %= rest;
        if (self_play) {
            out[k] = pick;
            continue;
        }
        for (size_t c = 0; c < agents; c++)
            if (!used[c] && pick-- == 0) {
                out[k] = c;
                used[c] = 1;
                break;
            }
        (void)choices;
    }
}

static double distance(const double *x, const double *y, size_t n)
{
    double d = 0;
    for (size_t k = 0; k < n; k++)
        d += (x[k] - y[k]) * (x[k] - y[k]);
    return sqrt(d);
}

/* Adds agent a of the configuration: its own vtable when the caller gave one, else the built-in its spec names. */
static int add_agent(parley_negotiation *neg, const parley_tournament_config *cfg, size_t a, parley_error *err)
{
    const parley_agent_vtable *vt = cfg->agent_vtables ? cfg->agent_vtables[a] : NULL;
    if (!vt)
        return parley_negotiation_add_agent_spec(neg, cfg->agents[a], err);
    char name[256];
    const char *params;
    int rc = parley_agent_spec_split(cfg->agents[a], name, sizeof name, &params, err);
    return rc ? rc : parley_negotiation_add_agent(neg, vt, params, err);
}

static int play(parley_tournament *t, struct run *r, parley_error *err)
{
    const parley_scenario *sc = t->scenarios[r->view.scenario], *played = t->uncertain[r->view.scenario];
    parley_session_config cfg = t->cfg.session;
    cfg.seed = r->view.seed;
    parley_negotiation *neg = NULL;
    int rc = parley_negotiation_new(played ? played : sc, &cfg, &neg, err);
    for (size_t k = 0; rc == PARLEY_OK && k < r->view.parties; k++)
        if ((rc = add_agent(neg, &t->cfg, r->agents[k], err)) == PARLEY_OK)
            rc = parley_negotiation_share_index(neg, k, t->indexes[r->view.scenario][k], err);
    if (rc == PARLEY_OK)
        rc = parley_negotiation_run(neg, err);
    if (rc == PARLEY_OK) {
        r->view.agreed = parley_negotiation_agreed(neg);
        r->view.rounds = parley_negotiation_rounds_used(neg);
        r->view.welfare = 0;
        for (size_t k = 0; k < r->view.parties; k++) {
            r->utility[k] = parley_negotiation_utility(neg, k);
            r->discounted[k] = parley_negotiation_discounted_utility(neg, k);
        }
        if (played)
            tournament_true_utilities(neg, sc, &t->cfg, r->utility, r->discounted);
        for (size_t k = 0; k < r->view.parties; k++)
            r->view.welfare += r->utility[k];
        reference a;
        if ((rc = analysis_of(t, r->view.scenario, &a, err)) != PARLEY_OK)
            goto done;
        double best = INFINITY;
        for (size_t i = 0; i < reference_frontier_count(&a); i++) {
            double d = distance(r->utility, reference_frontier_utilities(&a, i), r->view.parties);
            best = d < best ? d : best;
        }
        r->view.pareto_distance = isinf(best) ? NAN : best;
        const double *nash;
        r->view.nash_distance = reference_nash(&a, &nash) == PARLEY_OK
                                    ? distance(r->utility, nash, r->view.parties)
                                    : NAN;
        if (r->accuracy)
            rc = tournament_model_accuracy(neg, sc, t->cfg.model, t->cfg.model_samples, r->accuracy, r->view.parties, err);
    }
done:
    parley_negotiation_free(neg);
    return rc;
}

/* Plays runs [first, first + count); 0 once a run failed (first_error set). */
static int play_batch(parley_tournament *t, unsigned worker, size_t first, size_t count)
{
    for (size_t i = first; i < first + count && i < t->run_count; i++) {
        if (atomic_load(&t->failed))
            return 0;
        parley_error err = {0};
        if (play(t, &t->runs[i], &err) != PARLEY_OK) {
            int expected = 0;
            if (atomic_compare_exchange_strong(&t->failed, &expected, 1))
                t->first_error = err; /* read only after every worker has joined */
            return 0;
        }
        if (t->cfg.done)
            t->cfg.done(t->cfg.user, worker, i, &t->runs[i].view);
        progress_add(&t->progress, 1);
    }
    return 1;
}

static void work(void *ctx, unsigned worker, unsigned workers)
{
    parley_tournament *t = ctx;
    (void)workers;
    for (;;) {
        size_t first, count = 1;
        if (t->cfg.claim) {
            if (atomic_load(&t->failed) || !t->cfg.claim(t->cfg.user, worker, &first, &count))
                return;
        } else {
            first = atomic_fetch_add(&t->next, 1);
            if (first >= t->run_count)
                return;
        }
        if (!play_batch(t, worker, first, count))
            return;
    }
}

/* Checks every agent spec once, on the first scenario, before anything runs. */
static int check_agents(const parley_scenario *sc, const parley_tournament_config *cfg, parley_error *err)
{
    for (size_t a = 0; a < cfg->agent_count; a++) {
        parley_negotiation *neg = NULL;
        int rc = parley_negotiation_new(sc, &cfg->session, &neg, err);
        if (rc == PARLEY_OK)
            rc = add_agent(neg, cfg, a, err);
        parley_negotiation_free(neg);
        if (rc != PARLEY_OK)
            return rc;
    }
    return PARLEY_OK;
}

int parley_tournament_count_runs(const parley_scenario *const *scenarios, size_t count,
                                 const parley_tournament_config *cfg, size_t *runs, parley_error *err)
{
    size_t total = 0, repeats = cfg->repeats ? cfg->repeats : 1;
    for (size_t s = 0; s < count; s++) {
        size_t parties = parley_scenario_negotiator_count(scenarios[s]);
        size_t n = assignment_count(cfg->agent_count, parties, cfg->self_play);
        if (n == 0)
            return parley_error_set(err, PARLEY_EINVAL,
                                    "scenario %zu has %zu parties but only %zu agent%s: give at least %zu agents, or "
                                    "let one agent play several parties (self-play)",
                                    s + 1, parties, cfg->agent_count, cfg->agent_count == 1 ? "" : "s", parties);
        if (n > 10000000 / repeats || total + n * repeats > 10000000)
            return parley_error_set(err, PARLEY_ERANGE, "more than 10 million negotiations: reduce agents or repeats");
        total += n * repeats;
    }
    *runs = total;
    return PARLEY_OK;
}

int parley_tournament_run_all(const parley_scenario *const *scenarios, size_t count,
                              const parley_tournament_config *cfg, parley_tournament **out, parley_error *err)
{
    *out = NULL;
    if (count == 0)
        return parley_error_set(err, PARLEY_EINVAL, "a tournament needs at least one scenario");
    if (cfg->agent_count == 0 || cfg->agent_count > 256)
        return parley_error_set(err, PARLEY_EINVAL, "a tournament needs 1 to 256 agents, got %zu", cfg->agent_count);
    double started = parley_monotonic_seconds();
    parley_tournament *t = calloc(1, sizeof *t);
    if (!t)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    t->scenarios = scenarios;
    t->scenario_count = count;
    t->cfg = *cfg;
    if (t->cfg.repeats == 0)
        t->cfg.repeats = 1;
    int rc = PARLEY_OK;
    if (pthread_mutex_init(&t->analysis_lock, NULL) != 0) {
        free(t);
        return parley_error_set(err, PARLEY_EINTERNAL, "could not create a lock");
    }
    t->analysis_lock_made = 1;
    if (!(t->analyses = calloc(count, sizeof *t->analyses)) || !(t->searched = calloc(count, sizeof *t->searched)) ||
        !(t->indexes = calloc(count, sizeof *t->indexes)) ||
        !(t->uncertain = calloc(count, sizeof *t->uncertain))) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    size_t total = 0;
    if ((rc = parley_tournament_count_runs(scenarios, count, cfg, &total, err)) != PARLEY_OK)
        goto fail;
    for (size_t s = 0; s < count; s++) {
        size_t parties = parley_scenario_negotiator_count(scenarios[s]);
        if (!(t->indexes[s] = calloc(parties, sizeof *t->indexes[s]))) {
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            goto fail;
        }
        if ((rc = tournament_uncertain_scenario(scenarios[s], cfg, &t->uncertain[s], err)) != PARLEY_OK)
            goto fail;
        for (size_t k = 0; k < parties; k++)
            /* shared by every run */
            if ((rc = index_of(t->uncertain[s] ? t->uncertain[s] : scenarios[s], k, cfg->session.seed,
                               &t->indexes[s][k], err)) != PARLEY_OK)
                goto fail;
    }
    if ((rc = check_agents(scenarios[0], cfg, err)) != PARLEY_OK)
        goto fail;
    if (!(t->runs = calloc(total, sizeof *t->runs))) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    size_t i = 0;
    for (size_t s = 0; s < count; s++) {
        size_t parties = parley_scenario_negotiator_count(scenarios[s]);
        size_t n = assignment_count(cfg->agent_count, parties, cfg->self_play);
        for (size_t a = 0; a < n; a++)
            for (unsigned rep = 0; rep < t->cfg.repeats; rep++, i++) {
                struct run *r = &t->runs[i];
                t->run_count = i + 1;
                r->agents = calloc(parties, sizeof *r->agents);
                r->utility = calloc(parties, sizeof *r->utility);
                r->discounted = calloc(parties, sizeof *r->discounted);
                r->accuracy = cfg->model ? calloc(parties * 5, sizeof *r->accuracy) : NULL;
                if (!r->agents || !r->utility || !r->discounted || (cfg->model && !r->accuracy)) {
                    rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
                    goto fail;
                }
                assignment(a, cfg->agent_count, parties, cfg->self_play, r->agents);
                r->view = (parley_tournament_run){s, r->agents, parties, cfg->session.seed + i, 0, -1,
                                                  r->utility, r->discounted, NAN, NAN, 0, r->accuracy,
                                                  r->accuracy ? r->accuracy + parties : NULL};
            }
    }
    t->threads = cfg->threads ? cfg->threads : parley_cpu_count();
    if (t->threads > 64)
        t->threads = 64;
    progress_init(&t->progress, cfg->progress, cfg->progress_user, "negotiations", (double)t->run_count);
    parley_parallel_run(t->threads, work, t);
    if (!atomic_load(&t->failed))
        progress_finish(&t->progress);
    if (atomic_load(&t->failed)) {
        if (err)
            *err = t->first_error;
        rc = t->first_error.code ? t->first_error.code : PARLEY_EINTERNAL;
        goto fail;
    }
    t->seconds = parley_monotonic_seconds() - started;
    *out = t;
    return PARLEY_OK;
fail:
    parley_tournament_free(t);
    return rc;
}

int parley_tournament_set_result(parley_tournament *t, size_t i, const parley_tournament_run *run, parley_error *err)
{
    if (i >= t->run_count)
        return parley_error_set(err, PARLEY_EINVAL, "run %zu is not in the tournament (%zu runs)", i, t->run_count);
    struct run *r = &t->runs[i];
    if (run->scenario != r->view.scenario || run->parties != r->view.parties || run->seed != r->view.seed ||
        memcmp(run->agents, r->agents, r->view.parties * sizeof *r->agents) != 0)
        return parley_error_set(err, PARLEY_EINVAL, "run %zu was played with other agents, scenario or seed", i);
    r->view.agreed = run->agreed;
    r->view.rounds = run->rounds;
    memcpy(r->utility, run->utility, r->view.parties * sizeof *r->utility);
    memcpy(r->discounted, run->discounted, r->view.parties * sizeof *r->discounted);
    r->view.pareto_distance = run->pareto_distance;
    r->view.nash_distance = run->nash_distance;
    r->view.welfare = run->welfare;
    if (r->accuracy && run->model_accuracy && run->model_accuracy_over_time) {
        memcpy(r->accuracy, run->model_accuracy, r->view.parties * sizeof *r->accuracy);
        memcpy(r->accuracy + r->view.parties, run->model_accuracy_over_time, 4 * r->view.parties * sizeof *r->accuracy);
    }
    return PARLEY_OK;
}

size_t parley_tournament_run_count(const parley_tournament *t)
{
    return t->run_count;
}

size_t parley_tournament_agent_count(const parley_tournament *t)
{
    return t->cfg.agent_count;
}

const char *parley_tournament_agent_name(const parley_tournament *t, size_t agent)
{
    return t->cfg.agents[agent];
}

const parley_tournament_run *parley_tournament_result(const parley_tournament *t, size_t i)
{
    return &t->runs[i].view;
}

double parley_tournament_seconds(const parley_tournament *t)
{
    return t->seconds;
}

unsigned parley_tournament_threads(const parley_tournament *t)
{
    return t->threads;
}

void parley_tournament_agent_score(const parley_tournament *t, size_t agent, parley_tournament_score *score)
{
    memset(score, 0, sizeof *score);
    double utility = 0, rounds = 0, pareto = 0, welfare = 0;
    uint64_t scored = 0;
    for (size_t i = 0; i < t->run_count; i++) {
        const parley_tournament_run *r = &t->runs[i].view;
        for (size_t k = 0; k < r->parties; k++) {
            if (r->agents[k] != agent)
                continue;
            score->played++;
            score->agreements += r->agreed != 0;
            utility += r->discounted[k];
            rounds += (double)r->rounds;
            welfare += r->welfare;
            if (!isnan(r->pareto_distance)) {
                pareto += r->pareto_distance;
                scored++;
            }
        }
    }
    if (score->played) {
        score->mean_utility = utility / (double)score->played;
        score->mean_rounds = rounds / (double)score->played;
        score->mean_welfare = welfare / (double)score->played;
    }
    score->mean_pareto_distance = scored ? pareto / (double)scored : NAN;
}

size_t parley_tournament_scenario_count(const parley_tournament *t)
{
    return t->scenario_count;
}

const parley_scenario *parley_tournament_scenario(const parley_tournament *t, size_t s)
{
    return s < t->scenario_count ? t->scenarios[s] : NULL;
}

int parley_tournament_scenario_searched(const parley_tournament *t, size_t s)
{
    /* The choice analysis_of makes, known without the analysis (an MPI rank may not have played scenario s). */
    return s < t->scenario_count && parley_analysis_needs_search(t->scenarios[s]);
}

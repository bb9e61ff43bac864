/*
 * diagnose.c: parley_diagnose: the minimal conflicting sets of conditions, the
 * relaxation of each condition in a conflict (each one a fresh analysis of a
 * relaxed copy of the scenario), and the effect of guarantees on a phased
 * agreement.
 */
#include "io/json_util.h"
#include <parley/diagnose.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "analysis/moves.h"
#include "core/clock.h"
#include "core/strutil.h"

#define MAX_SMALL_CONFLICT 4
/* Bounds for scenarios with many conditions (documented in docs/diagnose.md): conflicts listed, masks examined by
   their search, conditions relaxed one by one. */
#define MAX_CONFLICTS 256
#define MAX_CONFLICTS_TEXT "256"
#define MAX_SEARCH_STEPS 50000000u
#define MAX_SEARCH_STEPS_TEXT "50,000,000"
#define MAX_RELAXED 64
#define MAX_RELAXED_TEXT "64"
#define MAX_RELAX_SECONDS 2.0 /* beyond MAX_RELAXED conditions in conflicts, the relaxations stop after this */
#define MAX_RELAX_SECONDS_TEXT "2"

struct conflict {
    size_t n;
    size_t members[32]; /* up to PARLEY_MAX_DIAGNOSED_CONDITIONS from the histogram, MAX_SMALL_CONFLICT beyond */
};

struct relaxation {
    parley_relaxation view;
    uint32_t *nash;
    double *utilities;
    char *rule; /* the moved rule, when the change is a move or admits values */
};

struct parley_diagnosis {
    parley_analysis *analysis;
    struct conflict *conflicts;
    size_t conflict_count;
    int complete;
    int undecided; /* too many patterns of broken conditions to find conflicts exactly */
    const char *truncated;             /* why the conflicts listed stop short (static text), or NULL */
    const char *relaxations_truncated; /* why some conditions were not relaxed, or NULL */
    struct relaxation *relaxations;
    size_t relaxation_count;
    int phased;
    uint64_t zone_stated, zone_guaranteed;
    combination combination; /* the cheapest combination of partial moves by several parties */
};

const char *parley_relax_change_name(parley_relax_change change)
{
    static const char *names[] = {"drop", "move", "lower_reservation", "admit_values"};
    return (unsigned)change < sizeof names / sizeof *names ? names[change] : "?";
}

void parley_diagnosis_free(parley_diagnosis *d)
{
    if (!d)
        return;
    parley_analysis_free(d->analysis);
    free(d->conflicts);
    for (size_t i = 0; i < d->relaxation_count; i++) {
        free(d->relaxations[i].nash);
        free(d->relaxations[i].utilities);
        free(d->relaxations[i].rule);
    }
    combination_free(&d->combination);
    free(d->relaxations);
    free(d);
}

/* Records the conflict of `n` conditions members[] (increasing). */
static int add_conflict(parley_diagnosis *d, const size_t *members, size_t n)
{
    struct conflict *grown = realloc(d->conflicts, (d->conflict_count + 1) * sizeof *grown);
    if (!grown)
        return PARLEY_ENOMEM;
    d->conflicts = grown;
    struct conflict *c = &grown[d->conflict_count++];
    c->n = n;
    memcpy(c->members, members, n * sizeof *members);
    return PARLEY_OK;
}

/* All minimal conflicts from the histogram (up to PARLEY_MAX_DIAGNOSED_CONDITIONS conditions). */
static int conflicts_from_histogram(parley_diagnosis *d)
{
    size_t n = parley_analysis_minimal_conflicts(d->analysis, NULL, 0);
    uint32_t *masks = malloc((n ? n : 1) * sizeof *masks);
    if (!masks)
        return PARLEY_ENOMEM;
    parley_analysis_minimal_conflicts(d->analysis, masks, n);
    int rc = PARLEY_OK;
    for (size_t i = 0; i < n && rc == PARLEY_OK; i++) {
        size_t members[32], count = 0;
        for (size_t c = 0; c < 32; c++)
            if (masks[i] >> c & 1)
                members[count++] = c;
        rc = add_conflict(d, members, count);
    }
    free(masks);
    d->complete = 1;
    return rc;
}

/*
 * The search for the small conflicts among the minimal failure masks: a set S
 * of conditions conflicts when it meets every mask.  It branches on the
 * conditions of a mask S does not meet yet (the one with the fewest allowed
 * conditions), so every conflict of up to `limit` members is reached, and
 * after a branch on condition c its later siblings leave c out (those sets
 * were all in c's branch), so no set is reached twice.
 */
struct hitting_search {
    parley_diagnosis *d;
    const uint64_t *masks;
    size_t count, words;
    unsigned char *forbidden; /* [words * 64]: 0, or the depth + 1 of the node that left the condition out */
    size_t set[MAX_SMALL_CONFLICT], size, limit;
    uint64_t steps;           /* masks examined, bounded by MAX_SEARCH_STEPS */
};

static int has_condition(const uint64_t *mask, size_t c)
{
    return mask[c / 64] >> c % 64 & 1;
}

static int meets(const struct hitting_search *s, const uint64_t *mask)
{
    for (size_t k = 0; k < s->size; k++)
        if (has_condition(mask, s->set[k]))
            return 1;
    return 0;
}

/* Minimal: for every member, some mask that only it meets (without it, S misses that mask). */
static int minimal_hitting(const struct hitting_search *s)
{
    for (size_t k = 0; k < s->size; k++) {
        int needed = 0;
        for (size_t i = 0; i < s->count && !needed; i++) {
            const uint64_t *m = &s->masks[i * s->words];
            size_t met = 0;
            for (size_t j = 0; j < s->size; j++)
                met += (size_t)has_condition(m, s->set[j]);
            needed = met == 1 && has_condition(m, s->set[k]);
        }
        if (!needed)
            return 0;
    }
    return 1;
}

static int record_hitting(struct hitting_search *s)
{
    if (s->size != s->limit || !minimal_hitting(s))
        return PARLEY_OK; /* smaller sets were recorded by the earlier, shallower passes */
    if (s->d->conflict_count >= MAX_CONFLICTS) {
        s->d->truncated = "more minimal conflicting sets than are listed (" MAX_CONFLICTS_TEXT ")";
        return PARLEY_OK;
    }
    size_t members[MAX_SMALL_CONFLICT];
    memcpy(members, s->set, s->size * sizeof *members);
    for (size_t i = 1; i < s->size; i++) /* insertion sort: at most four members */
        for (size_t j = i; j > 0 && members[j - 1] > members[j]; j--) {
            size_t t = members[j];
            members[j] = members[j - 1];
            members[j - 1] = t;
        }
    return add_conflict(s->d, members, s->size);
}

static int search_hitting(struct hitting_search *s)
{
    const uint64_t *pick = NULL;
    size_t pick_allowed = (size_t)-1;
    for (size_t i = 0; i < s->count; i++) {
        const uint64_t *m = &s->masks[i * s->words];
        s->steps++;
        if (meets(s, m))
            continue;
        size_t allowed = 0;
        for (size_t w = 0; w < s->words; w++)
            for (uint64_t bits = m[w]; bits; bits &= bits - 1)
                allowed += !s->forbidden[w * 64 + (size_t)__builtin_ctzll(bits)];
        if (allowed < pick_allowed) {
            pick = m;
            pick_allowed = allowed;
        }
    }
    if (!pick)
        return record_hitting(s);
    if (s->size == s->limit || pick_allowed == 0 || s->d->truncated)
        return PARLEY_OK;
    if (s->steps > MAX_SEARCH_STEPS) {
        s->d->truncated = "the search for conflicting sets reached its step limit (" MAX_SEARCH_STEPS_TEXT
                          " masks examined)";
        return PARLEY_OK;
    }
    /* Conditions this node forbids carry its depth + 1, so that it clears exactly those on the way out. */
    unsigned char stamp = (unsigned char)(s->size + 1);
    int rc = PARLEY_OK;
    for (size_t w = 0; w < s->words && rc == PARLEY_OK && !s->d->truncated; w++)
        for (uint64_t bits = pick[w]; bits && rc == PARLEY_OK && !s->d->truncated; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)__builtin_ctzll(bits);
            if (s->forbidden[c])
                continue;
            s->set[s->size++] = c;
            rc = search_hitting(s);
            s->size--;
            s->forbidden[c] = stamp;
        }
    for (size_t w = 0; w < s->words; w++)
        for (uint64_t bits = pick[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)__builtin_ctzll(bits);
            if (s->forbidden[c] == stamp)
                s->forbidden[c] = 0;
        }
    return rc;
}

static int by_members(const void *x, const void *y)
{
    const struct conflict *a = x, *b = y;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (size_t k = 0; k < a->n; k++)
        if (a->members[k] != b->members[k])
            return a->members[k] < b->members[k] ? -1 : 1;
    return 0;
}

/*
 * The smallest conflicts (up to MAX_SMALL_CONFLICT members) from the minimal
 * failure masks, any number of conditions: each size in turn, so that when the
 * count or step bound stops the search the smaller sets are the ones listed;
 * listed by size, then by their members.
 */
static int conflicts_from_masks(parley_diagnosis *d)
{
    const uint64_t *masks;
    int complete;
    size_t n = parley_analysis_failure_masks(d->analysis, &masks, &complete);
    d->complete = 0;
    if (!complete) {
        /* Some patterns were lost: a set found now might not be a conflict. List none rather than wrong ones. */
        d->undecided = 1;
        return PARLEY_OK;
    }
    size_t words = parley_analysis_mask_words(d->analysis);
    struct hitting_search s = {d, masks, n, words, calloc(words * 64, 1), {0}, 0, 0, 0};
    if (!s.forbidden)
        return PARLEY_ENOMEM;
    int rc = PARLEY_OK;
    for (s.limit = 1; s.limit <= MAX_SMALL_CONFLICT && rc == PARLEY_OK && !d->truncated; s.limit++)
        rc = search_hitting(&s);
    free(s.forbidden);
    if (d->conflict_count > 1)
        qsort(d->conflicts, d->conflict_count, sizeof *d->conflicts, by_members);
    return rc;
}

/* Analyses `copy` (taken over) and records the relaxation described by `view` (zone and Nash filled here). */
static int record_relaxation(parley_diagnosis *d, const parley_scenario *original, parley_scenario *copy,
                             const parley_relaxation *view, const parley_analysis_options *options, parley_error *err)
{
    parley_analysis *a = NULL;
    int rc = parley_analyze(copy, options, &a, err);
    if (rc != PARLEY_OK)
        goto done;
    struct relaxation *grown = realloc(d->relaxations, (d->relaxation_count + 1) * sizeof *grown);
    if (!grown) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    d->relaxations = grown;
    struct relaxation *r = &grown[d->relaxation_count++];
    memset(r, 0, sizeof *r);
    r->view = *view;
    r->view.nash = NULL;
    r->view.utilities = NULL;
    r->view.cost = r->view.second_cost = NAN;
    r->view.zone = parley_analysis_acceptable(a);
    const uint32_t *outcome;
    const double *u;
    if (parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &outcome, &u, NULL) == PARLEY_OK) {
        size_t issues = parley_space_issue_count(parley_scenario_space(copy));
        size_t parties = parley_analysis_party_count(a);
        r->nash = malloc(issues * sizeof *r->nash);
        r->utilities = malloc(parties * sizeof *r->utilities);
        if (!r->nash || !r->utilities) {
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            goto done;
        }
        memcpy(r->nash, outcome, issues * sizeof *r->nash);
        memcpy(r->utilities, u, parties * sizeof *r->utilities);
        r->view.nash = r->nash;
        r->view.utilities = r->utilities;
        /* Costs are read against the scenario as it stands (its reservation values and red lines). */
        r->view.cost = condition_cost(d->analysis, original, view->condition, options, r->nash);
        if (view->second != PARLEY_NO_CONDITION)
            r->view.second_cost = condition_cost(d->analysis, original, view->second, options, r->nash);
    }
done:
    parley_analysis_free(a);
    parley_scenario_free(copy);
    return rc;
}

/*
 * Relaxes conditions `first` and `second` (PARLEY_NO_CONDITION for none) of a
 * copy of the scenario and records the result: red lines are dropped; a
 * reservation value (at most one) is lowered to the most its party can keep
 * once the other relaxation is made: with it at 0, the party's best utility
 * under every remaining condition.
 */
static int relax(parley_diagnosis *d, const parley_scenario *sc, size_t first, size_t second,
                 const parley_analysis_options *options, parley_error *err)
{
    size_t chosen[2] = {first, second};
    parley_relaxation view = {first, -1, -1, second, -1, -1, 0, NULL, NULL, PARLEY_CHANGE_DROP, NULL, PARLEY_CHANGE_DROP,
                              NAN, NAN};
    parley_scenario *copy = parley_scenario_clone(sc);
    if (!copy)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    /* Red lines: remove the higher constraint index first so the lower one keeps its place. */
    long lines[2] = {-1, -1};
    long reservation = -1; /* which of the two (0 or 1) is a reservation value */
    for (int k = 0; k < 2; k++) {
        if (chosen[k] == PARLEY_NO_CONDITION)
            continue;
        const parley_condition *cond = parley_analysis_condition(d->analysis, chosen[k]);
        if (cond->kind == PARLEY_CONDITION_RED_LINE)
            lines[k] = (long)cond->index;
        else
            reservation = k;
    }
    if (lines[0] >= 0 && lines[1] > lines[0]) {
        parley_scenario_remove_constraint(copy, (size_t)lines[1]);
        parley_scenario_remove_constraint(copy, (size_t)lines[0]);
    } else {
        for (int k = 0; k < 2; k++)
            if (lines[k] >= 0)
                parley_scenario_remove_constraint(copy, (size_t)lines[k]);
    }
    if (reservation >= 0) {
        const parley_condition *cond = parley_analysis_condition(d->analysis, chosen[reservation]);
        size_t k = 0;
        while (parley_analysis_party(d->analysis, k) != cond->party)
            k++;
        parley_utility *u = parley_party_utility_mut(copy, cond->party);
        parley_utility_set_reservation_curve(u, 0, NULL, NULL);
        parley_utility_set_reservation(u, 0);
        parley_analysis *probe = NULL;
        int rc = parley_analyze(copy, options, &probe, err);
        if (rc != PARLEY_OK) {
            parley_scenario_free(copy);
            return rc;
        }
        double from = parley_analysis_reservation(d->analysis, k);
        double to = parley_analysis_acceptable(probe) > 0 ? parley_analysis_best(probe, k) : 0;
        parley_analysis_free(probe);
        parley_utility_set_reservation(u, to);
        if (reservation == 0) {
            view.from = from;
            view.to = to;
            view.change = PARLEY_CHANGE_LOWER_RESERVATION;
        } else {
            view.second_from = from;
            view.second_to = to;
            view.second_change = PARLEY_CHANGE_LOWER_RESERVATION;
        }
    }
    return record_relaxation(d, sc, copy, &view, options, err);
}

/*
 * When the last relaxation dropped red line `c` and that opened a zone: the
 * smallest move of the line that also opens one, in its place (a threshold
 * moved, a value admitted).  Lines of other shapes stay dropped.
 */
static int move_instead(parley_diagnosis *d, const parley_scenario *sc, size_t c,
                        const parley_analysis_options *options, parley_error *err)
{
    struct relaxation *last = &d->relaxations[d->relaxation_count - 1];
    if (last->view.change != PARLEY_CHANGE_DROP || last->view.zone == 0)
        return PARLEY_OK;
    parley_relax_change change;
    char rule[1024];
    parley_scenario *copy = NULL;
    int rc = smallest_move(d->analysis, sc, c, options, &change, rule, sizeof rule, &copy, err);
    if (rc == PARLEY_ENOTFOUND)
        return PARLEY_OK;
    if (rc != PARLEY_OK)
        return rc;
    char *text = parley_strdup(rule);
    if (!text) {
        parley_scenario_free(copy);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    parley_relaxation view = last->view;
    view.change = change;
    free(last->nash);
    free(last->utilities);
    free(last->rule);
    d->relaxation_count--;
    if ((rc = record_relaxation(d, sc, copy, &view, options, err)) != PARLEY_OK) {
        free(text);
        return rc;
    }
    last = &d->relaxations[d->relaxation_count - 1];
    last->rule = text;
    last->view.rule = text;
    return PARLEY_OK;
}

/* 1 when dropping conditions a and b (b may be PARLEY_NO_CONDITION) removes a member of every conflict. */
static int hits_every_conflict(const parley_diagnosis *d, size_t a, size_t b)
{
    for (size_t i = 0; i < d->conflict_count; i++) {
        int hit = 0;
        for (size_t k = 0; k < d->conflicts[i].n && !hit; k++)
            hit = d->conflicts[i].members[k] == a || d->conflicts[i].members[k] == b;
        if (!hit)
            return 0;
    }
    return 1;
}

#define MAX_PAIRS 64

/* When no single relaxation opens a zone: the pairs that meet every conflict (at most one reservation value). */
static int relax_pairs(parley_diagnosis *d, const parley_scenario *sc, const unsigned char *involved, size_t C,
                       const parley_analysis_options *options, parley_error *err)
{
    size_t tried = 0;
    for (size_t a = 0; a < C; a++)
        for (size_t b = a + 1; b < C && tried < MAX_PAIRS; b++) {
            if (!involved[a] || !involved[b] || !hits_every_conflict(d, a, b))
                continue;
            if (parley_analysis_condition(d->analysis, a)->kind == PARLEY_CONDITION_RESERVATION &&
                parley_analysis_condition(d->analysis, b)->kind == PARLEY_CONDITION_RESERVATION)
                continue;
            int rc = relax(d, sc, a, b, options, err);
            if (rc != PARLEY_OK)
                return rc;
            tried++;
        }
    return PARLEY_OK;
}

/* Conditions ordered by the number of conflicts they are in (most first), then by index. */
struct ranked {
    size_t condition, conflicts;
};

static int by_conflicts(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;
    if (a->conflicts != b->conflicts)
        return a->conflicts > b->conflicts ? -1 : 1;
    return (a->condition > b->condition) - (a->condition < b->condition);
}

/*
 * Relaxes, one at a time and in index order, each condition that is in some
 * conflict; beyond MAX_RELAXED such conditions, only the MAX_RELAXED in the
 * most conflicts, for at most MAX_RELAX_SECONDS (each relaxation is a whole
 * analysis).  *involved (taken by
 * the caller) marks every condition in a conflict; *opened says whether one
 * relaxation alone opened a zone.
 */
static int relax_singles(parley_diagnosis *d, const parley_scenario *sc, size_t C,
                         const parley_analysis_options *options, unsigned char **involved, int *opened,
                         parley_error *err)
{
    struct ranked *rank = calloc(C ? C : 1, sizeof *rank);
    *involved = calloc(C ? C : 1, 1);
    if (!rank || !*involved) {
        free(rank);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < C; c++)
        rank[c].condition = c;
    for (size_t i = 0; i < d->conflict_count; i++)
        for (size_t k = 0; k < d->conflicts[i].n; k++)
            rank[d->conflicts[i].members[k]].conflicts++;
    size_t count = 0;
    for (size_t c = 0; c < C; c++)
        count += ((*involved)[c] = rank[c].conflicts > 0);
    int bounded = count > MAX_RELAXED;
    if (bounded) { /* the conditions in the most conflicts first, and only so many */
        qsort(rank, C, sizeof *rank, by_conflicts);
        d->relaxations_truncated = "more than " MAX_RELAXED_TEXT " conditions are in conflicts: only the "
                                   MAX_RELAXED_TEXT " in the most conflicting sets were relaxed one by one";
    }
    double started = parley_monotonic_seconds();
    int rc = PARLEY_OK;
    for (size_t i = 0, done = 0; i < C && rc == PARLEY_OK && (!bounded || done < MAX_RELAXED); i++) {
        size_t c = rank[i].condition;
        if (!rank[i].conflicts)
            continue;
        if (bounded && done > 0 && parley_monotonic_seconds() - started > MAX_RELAX_SECONDS) {
            d->relaxations_truncated = "more than " MAX_RELAXED_TEXT " conditions are in conflicts: those in the "
                                       "most conflicting sets were relaxed one by one for " MAX_RELAX_SECONDS_TEXT
                                       " s, and no more";
            break;
        }
        if ((rc = relax(d, sc, c, PARLEY_NO_CONDITION, options, err)) == PARLEY_OK)
            rc = move_instead(d, sc, c, options, err);
        if (rc == PARLEY_OK)
            *opened |= d->relaxations[d->relaxation_count - 1].view.zone > 0;
        done++;
    }
    free(rank);
    return rc;
}

static int by_zone(const void *x, const void *y)
{
    const struct relaxation *a = x, *b = y;
    if (a->view.zone != b->view.zone)
        return a->view.zone > b->view.zone ? -1 : 1;
    return a->view.condition < b->view.condition ? -1 : a->view.condition > b->view.condition;
}

/* The diagnosis runs many analyses: their progress reports are forwarded with the pass they belong to. */
struct pass_progress {
    parley_progress_fn fn;
    void *user;
    unsigned pass;
    int finished; /* the last report closed a pass */
    char what[48];
};

static void forward_progress(void *user, double done, double total, const char *what)
{
    struct pass_progress *p = user;
    if (p->finished || p->pass == 0) {
        p->pass++;
        snprintf(p->what, sizeof p->what, "%s (diagnose pass %u)", what, p->pass);
    }
    p->finished = done >= total;
    p->fn(p->user, done, total, p->what);
}

int parley_diagnose(const parley_scenario *sc, const parley_analysis_options *caller_options,
                    parley_diagnosis **out, parley_error *err)
{
    *out = NULL;
    parley_analysis_options forwarded = caller_options ? *caller_options : (parley_analysis_options){0};
    struct pass_progress passes = {forwarded.progress, forwarded.progress_user, 0, 0, ""};
    if (forwarded.progress) {
        forwarded.progress = forward_progress;
        forwarded.progress_user = &passes;
    }
    const parley_analysis_options *options = &forwarded;
    parley_diagnosis *d = calloc(1, sizeof *d);
    if (!d)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = parley_analyze(sc, options, &d->analysis, err);
    if (rc != PARLEY_OK)
        goto fail;
    if (parley_analysis_acceptable(d->analysis) == 0) {
        uint64_t unused;
        rc = parley_analysis_count_satisfying(d->analysis, 0, &unused) == PARLEY_OK ? conflicts_from_histogram(d)
                                                                                   : conflicts_from_masks(d);
        if (rc != PARLEY_OK) {
            rc = parley_error_set(err, rc, "out of memory");
            goto fail;
        }
        /* Relax every condition that takes part in some conflict; then, if none opens a zone alone, pairs. */
        size_t C = parley_analysis_condition_count(d->analysis);
        unsigned char *involved = NULL;
        int opened = 0;
        if ((rc = relax_singles(d, sc, C, options, &involved, &opened, err)) != PARLEY_OK) {
            free(involved); /* the caller's even when relax_singles fails */
            goto fail;
        }
        if (!opened && d->conflict_count > 1)
            rc = relax_pairs(d, sc, involved, C, options, err);
        free(involved);
        if (rc != PARLEY_OK)
            goto fail;
        if (d->relaxation_count > 1) /* none when nothing is feasible: qsort(NULL, 0) is undefined */
            qsort(d->relaxations, d->relaxation_count, sizeof *d->relaxations, by_zone);
        if ((rc = combination_find(d->analysis, sc, options, &d->combination, err)) != PARLEY_OK)
            goto fail;
    } else {
        d->complete = 1;
    }
    if (parley_scenario_phase_count(sc) > 1) {
        parley_analysis_options guaranteed = options ? *options : (parley_analysis_options){0};
        guaranteed.use_guarantee = 1;
        guaranteed.guarantee = 1.0;
        parley_analysis *a = NULL;
        if ((rc = parley_analyze(sc, &guaranteed, &a, err)) != PARLEY_OK)
            goto fail;
        d->phased = 1;
        d->zone_stated = parley_analysis_acceptable(d->analysis);
        d->zone_guaranteed = parley_analysis_acceptable(a);
        parley_analysis_free(a);
    }
    *out = d;
    return PARLEY_OK;
fail:
    parley_diagnosis_free(d);
    return rc;
}

const parley_analysis *parley_diagnosis_analysis(const parley_diagnosis *d)
{
    return d->analysis;
}

size_t parley_diagnosis_conflict_count(const parley_diagnosis *d, int *complete)
{
    if (complete)
        *complete = d->complete;
    return d->conflict_count;
}

int parley_diagnosis_undecided(const parley_diagnosis *d)
{
    return d->undecided;
}

const char *parley_diagnosis_truncated(const parley_diagnosis *d, const char **relaxations)
{
    if (relaxations)
        *relaxations = d->relaxations_truncated;
    return d->truncated;
}

size_t parley_diagnosis_conflict(const parley_diagnosis *d, size_t i, const size_t **members)
{
    if (members)
        *members = d->conflicts[i].members;
    return d->conflicts[i].n;
}

size_t parley_diagnosis_relaxation_count(const parley_diagnosis *d)
{
    return d->relaxation_count;
}

const parley_relaxation *parley_diagnosis_relaxation(const parley_diagnosis *d, size_t i)
{
    return &d->relaxations[i].view;
}

int parley_diagnosis_guarantee(const parley_diagnosis *d, uint64_t *stated, uint64_t *guaranteed)
{
    if (!d->phased)
        return PARLEY_ENOTFOUND;
    *stated = d->zone_stated;
    *guaranteed = d->zone_guaranteed;
    return PARLEY_OK;
}

int parley_diagnosis_combination(const parley_diagnosis *d, const parley_concession **moves, size_t *count,
                                 double *largest, uint64_t *zone, const uint32_t **nash, const double **utilities,
                                 const char **skipped)
{
    const combination *c = &d->combination;
    if (skipped)
        *skipped = c->skipped;
    if (!c->found)
        return PARLEY_ENOTFOUND;
    *moves = c->moves;
    *count = c->count;
    *largest = c->largest;
    *zone = c->zone;
    *nash = c->nash;
    *utilities = c->utilities;
    return PARLEY_OK;
}

/* {"largest_concession", "moves": [...], "zone", "nash"}, or {"skipped": why}; NULL when there is nothing to say. */
static json_t *combination_json(const parley_diagnosis *d, const parley_scenario *sc)
{
    const parley_analysis *a = d->analysis;
    const combination *c = &d->combination;
    if (!c->found && !c->skipped)
        return NULL;
    json_t *o = json_object();
    if (!c->found) {
        json_object_set_new(o, "skipped", json_string(c->skipped));
        return o;
    }
    json_object_set_new(o, "largest_concession", analysis_number_json(c->largest));
    json_t *moves = json_array();
    for (size_t i = 0; i < c->count; i++) {
        const parley_concession *m = &c->moves[i];
        json_t *mo = json_object();
        json_object_set_new(mo, "party", json_string(parley_party_name(sc, m->party)));
        json_object_set_new(mo, "condition", analysis_condition_json(a, sc, m->condition));
        json_object_set_new(mo, "change", json_string(parley_relax_change_name(m->change)));
        if (m->change == PARLEY_CHANGE_LOWER_RESERVATION) {
            json_object_set_new(mo, "from", analysis_number_json(m->from));
            json_object_set_new(mo, "to", analysis_number_json(m->to));
        } else {
            const parley_condition *cond = parley_analysis_condition(a, m->condition);
            json_object_set_new(mo, "from", json_string(parley_scenario_constraint(sc, cond->index)->rule));
            json_object_set_new(mo, "to", json_string(m->rule));
        }
        json_object_set_new(mo, "concession", analysis_number_json(m->concession));
        json_array_append_new(moves, mo);
    }
    json_object_set_new(o, "moves", moves);
    json_object_set_new(o, "zone", json_integer((json_int_t)c->zone));
    if (c->nash) {
        json_t *nash = json_object();
        json_object_set_new(nash, "outcome", analysis_outcome_json(parley_scenario_space(sc), c->nash));
        json_object_set_new(nash, "utilities", analysis_utilities_json(a, sc, c->utilities));
        json_object_set_new(o, "nash", nash);
    }
    return o;
}

int parley_diagnosis_write_json(const parley_diagnosis *d, const parley_scenario *sc, FILE *out, parley_error *err)
{
    const parley_analysis *a = d->analysis;
    json_t *root = json_object();
    json_object_set_new(root, "outcomes", json_integer((json_int_t)parley_analysis_outcomes(a)));
    json_object_set_new(root, "feasible", json_integer((json_int_t)parley_analysis_feasible(a)));
    json_object_set_new(root, "acceptable", json_integer((json_int_t)parley_analysis_acceptable(a)));
    json_t *conditions = json_array();
    for (size_t c = 0; c < parley_analysis_condition_count(a); c++)
        json_array_append_new(conditions, analysis_condition_json(a, sc, c));
    json_object_set_new(root, "conditions", conditions);
    json_t *conflicts = json_array();
    for (size_t i = 0; i < d->conflict_count; i++) {
        json_t *members = json_array();
        for (size_t k = 0; k < d->conflicts[i].n; k++)
            json_array_append_new(members, analysis_condition_json(a, sc, d->conflicts[i].members[k]));
        json_array_append_new(conflicts, members);
    }
    json_object_set_new(root, "conflicts", conflicts);
    json_object_set_new(root, "conflicts_complete", json_boolean(d->complete));
    if (d->undecided)
        json_object_set_new(root, "conflicts_undecided", json_true());
    if (d->truncated) {
        json_object_set_new(root, "conflicts_truncated", json_true());
        json_object_set_new(root, "conflicts_truncated_reason", json_string(d->truncated));
    }
    if (d->relaxations_truncated)
        json_object_set_new(root, "relaxations_truncated", json_string(d->relaxations_truncated));
    json_t *relaxations = json_array();
    for (size_t i = 0; i < d->relaxation_count; i++) {
        const parley_relaxation *r = &d->relaxations[i].view;
        json_t *o = json_object();
        json_object_set_new(o, "condition", analysis_condition_json(a, sc, r->condition));
        json_object_set_new(o, "change", json_string(parley_relax_change_name(r->change)));
        if (r->from >= 0) {
            json_object_set_new(o, "from", analysis_number_json(r->from));
            json_object_set_new(o, "to", analysis_number_json(r->to));
        } else if (r->rule) {
            const parley_condition *cond = parley_analysis_condition(a, r->condition);
            json_object_set_new(o, "from", json_string(parley_scenario_constraint(sc, cond->index)->rule));
            json_object_set_new(o, "to", json_string(r->rule));
        }
        if (r->second != PARLEY_NO_CONDITION) {
            json_t *second = json_object();
            json_object_set_new(second, "condition", analysis_condition_json(a, sc, r->second));
            json_object_set_new(second, "change", json_string(parley_relax_change_name(r->second_change)));
            if (r->second_from >= 0) {
                json_object_set_new(second, "from", analysis_number_json(r->second_from));
                json_object_set_new(second, "to", analysis_number_json(r->second_to));
            }
            json_object_set_new(o, "with", second);
        }
        json_object_set_new(o, "zone", json_integer((json_int_t)r->zone));
        if (r->nash) {
            json_object_set_new(o, "cost", isfinite(r->cost) ? analysis_number_json(r->cost) : json_null());
            if (r->second != PARLEY_NO_CONDITION)
                json_object_set_new(json_object_get(o, "with"), "cost",
                                    isfinite(r->second_cost) ? analysis_number_json(r->second_cost) : json_null());
            json_t *nash = json_object();
            json_object_set_new(nash, "outcome", analysis_outcome_json(parley_scenario_space(sc), r->nash));
            json_object_set_new(nash, "utilities", analysis_utilities_json(a, sc, r->utilities));
            json_object_set_new(o, "nash", nash);
        }
        json_array_append_new(relaxations, o);
    }
    json_object_set_new(root, "relaxations", relaxations);
    json_t *combo = combination_json(d, sc);
    if (combo)
        json_object_set_new(root, "combination", combo);
    if (d->phased) {
        json_t *g = json_object();
        json_object_set_new(g, "stated_trust", json_integer((json_int_t)d->zone_stated));
        json_object_set_new(g, "guaranteed", json_integer((json_int_t)d->zone_guaranteed));
        json_object_set_new(root, "guarantee", g);
    }
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the JSON output");
}

/*
 * phases.c: an agreement in phases: each issue's phase, fallback values for a
 * phase not carried out, each party's trust that a later phase is carried
 * out, and the expected utility that follows (still a weighted sum, so the
 * analysis keeps its speed).
 */
#include <math.h>
#include <parley/scenario.h>

#include <stdlib.h>
#include <string.h>

#include "core/quantize.h"
#include "core/scenario_internal.h"
#include "core/strutil.h"
#include "core/utility_internal.h"

int parley_scenario_add_phase(parley_scenario *sc, const char *name, double weeks, const size_t *issues, size_t n,
                              parley_error *err)
{
    size_t issue_count = parley_space_issue_count(sc->space);
    if (!name || !name[0])
        return parley_error_set(err, PARLEY_EINVAL, "a phase needs a name");
    if (parley_scenario_find_phase(sc, name) >= 0)
        return parley_error_set(err, PARLEY_EINVAL, "phase '%s' is defined twice", name);
    if (sc->phase_count >= MAX_PHASES)
        return parley_error_set(err, PARLEY_ERANGE, "at most %d phases", MAX_PHASES);
    if (!(weeks >= 0))
        return parley_error_set(err, PARLEY_EINVAL, "phase '%s': weeks must be >= 0", name);
    if (!sc->issue_phase) {
        if (!(sc->issue_phase = malloc((issue_count ? issue_count : 1) * sizeof *sc->issue_phase)))
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        for (size_t i = 0; i < issue_count; i++)
            sc->issue_phase[i] = -1;
    }
    for (size_t k = 0; k < n; k++) {
        if (issues[k] >= issue_count)
            return parley_error_set(err, PARLEY_EINVAL, "phase '%s': no issue number %zu", name, issues[k]);
        if (sc->issue_phase[issues[k]] >= 0)
            return parley_error_set(err, PARLEY_EINVAL, "issue '%s' is already in phase '%s'",
                                    parley_issue_name(sc->space, issues[k]),
                                    sc->phases[sc->issue_phase[issues[k]]].name);
    }
    struct phase *ph = scenario_grow_one((void **)&sc->phases, sc->phase_count, sizeof *ph);
    if (!ph || !(ph->name = parley_strdup(name)) || (n && !(ph->issues = malloc(n * sizeof *ph->issues)))) {
        if (ph)
            free(ph->name);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    ph->weeks = weeks;
    ph->count = n;
    for (size_t k = 0; k < n; k++) {
        ph->issues[k] = issues[k];
        sc->issue_phase[issues[k]] = (long)sc->phase_count;
    }
    sc->phase_count++;
    return PARLEY_OK;
}

size_t parley_scenario_phase_count(const parley_scenario *sc)
{
    return sc->phase_count;
}

const char *parley_phase_name(const parley_scenario *sc, size_t phase)
{
    return sc->phases[phase].name;
}

double parley_phase_weeks(const parley_scenario *sc, size_t phase)
{
    return sc->phases[phase].weeks;
}

size_t parley_phase_issues(const parley_scenario *sc, size_t phase, const size_t **issues)
{
    if (issues)
        *issues = sc->phases[phase].issues;
    return sc->phases[phase].count;
}

long parley_issue_phase(const parley_scenario *sc, size_t issue)
{
    return sc->issue_phase ? sc->issue_phase[issue] : -1;
}

int parley_phase_set_description(parley_scenario *sc, size_t phase, const char *text)
{
    if (phase >= sc->phase_count)
        return PARLEY_EINVAL;
    return scenario_replace_string(&sc->phases[phase].description, text);
}

const char *parley_phase_description(const parley_scenario *sc, size_t phase)
{
    return sc->phases[phase].description ? sc->phases[phase].description : "";
}

int parley_scenario_set_constraint_phase(parley_scenario *sc, size_t i, size_t phase)
{
    if (i >= sc->constraint_count || phase >= sc->phase_count || sc->constraints[i].view.party >= 0)
        return PARLEY_EINVAL;
    sc->constraints[i].view.phase = (long)phase;
    return PARLEY_OK;
}

long parley_scenario_find_phase(const parley_scenario *sc, const char *name)
{
    for (size_t p = 0; p < sc->phase_count; p++)
        if (strcmp(sc->phases[p].name, name) == 0)
            return (long)p;
    return -1;
}

int parley_scenario_set_fallback(parley_scenario *sc, size_t issue, uint32_t value)
{
    size_t issue_count = parley_space_issue_count(sc->space);
    if (issue >= issue_count || value >= parley_issue_value_count(sc->space, issue))
        return PARLEY_EINVAL;
    if (!sc->fallback && !(sc->fallback = calloc(issue_count, sizeof *sc->fallback)))
        return PARLEY_ENOMEM;
    sc->fallback[issue] = value;
    return PARLEY_OK;
}

uint32_t parley_scenario_fallback(const parley_scenario *sc, size_t issue)
{
    return sc->fallback ? sc->fallback[issue] : 0;
}

/* trust is indexed by party * MAX_PHASES + phase and grown with the parties. */
static double *trust_slot(parley_scenario *sc, size_t party, size_t phase)
{
    size_t need = sc->party_count * MAX_PHASES;
    if (!sc->trust || sc->trust_size < need) {
        double *grown = realloc(sc->trust, need * sizeof *grown);
        if (!grown)
            return NULL;
        for (size_t i = sc->trust ? sc->trust_size : 0; i < need; i++)
            grown[i] = 1.0;
        sc->trust = grown;
        sc->trust_size = need;
    }
    return &sc->trust[party * MAX_PHASES + phase];
}

int parley_scenario_set_trust(parley_scenario *sc, size_t party, size_t phase, double probability)
{
    if (party >= sc->party_count || phase >= MAX_PHASES || !(probability >= 0 && probability <= 1))
        return PARLEY_EINVAL;
    double *slot = trust_slot(sc, party, phase);
    if (!slot)
        return PARLEY_ENOMEM;
    *slot = probability;
    return PARLEY_OK;
}

double parley_scenario_trust(const parley_scenario *sc, size_t party, size_t phase)
{
    size_t i = party * MAX_PHASES + phase;
    return sc->trust && i < sc->trust_size ? sc->trust[i] : 1.0;
}

double parley_scenario_carry_probability(const parley_scenario *sc, size_t party, size_t phase, double guarantee)
{
    double p = 1.0;
    for (size_t q = 1; q <= phase && q < sc->phase_count; q++)
        p *= guarantee >= 0 ? guarantee : parley_scenario_trust(sc, party, q);
    return p;
}

parley_utility *parley_scenario_expected_utility(const parley_scenario *sc, size_t party, double guarantee)
{
    const parley_utility *src = sc->parties[party].utility;
    if (!src)
        return NULL;
    parley_utility *u = parley_utility_clone(src);
    if (!u || sc->phase_count == 0)
        return u;
    for (size_t i = 0; i < parley_space_issue_count(sc->space); i++) {
        long phase = parley_issue_phase(sc, i);
        if (phase <= 0)
            continue;
        double p = parley_scenario_carry_probability(sc, party, (size_t)phase, guarantee);
        double fallback = src->values[i][parley_scenario_fallback(sc, i)];
        for (uint32_t v = 0; v < parley_issue_value_count(sc->space, i); v++)
            u->values[i][v] = p * src->values[i][v] + (1 - p) * fallback;
    }
    return u;
}

double parley_scenario_value(const parley_scenario *sc, size_t party, const uint32_t *values, double guarantee)
{
    parley_utility *u = parley_scenario_expected_utility(sc, party, guarantee);
    if (!u)
        return NAN;
    double value = quantize_utility(parley_utility_eval(u, values));
    parley_utility_free(u);
    return value;
}

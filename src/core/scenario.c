/* scenario.c: a negotiation's space, parties, constraints (global and red lines) and metadata. */
#include <parley/scenario.h>

#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"
#include "core/utility_internal.h"

struct party {
    char *name;
    char *description;
    parley_role role;
    parley_utility *utility;
};

struct constraint {
    parley_constraint view; /* strings below are owned here */
    parley_expr *expr;
};

struct phase {
    char *name;
    char *description;
    double weeks;
    size_t *issues;
    size_t count;
};

struct parley_scenario {
    struct phase *phases;
    size_t phase_count;
    long *issue_phase;     /* [issue count] phase index or -1; NULL until a phase is added */
    uint32_t *fallback;    /* [issue count]; NULL means all 0 */
    double *trust;         /* [trust_size] by party * MAX_PHASES + phase; NULL means all 1 */
    size_t trust_size;
    parley_space *space;
    char *title, *description;
    struct party *parties;
    size_t party_count;
    struct constraint *constraints;
    size_t constraint_count;
    parley_source *sources;
    size_t source_count;
    size_t *negotiators;
    size_t negotiator_count;
};

parley_scenario *parley_scenario_new(parley_space *space)
{
    parley_scenario *sc = calloc(1, sizeof *sc);
    if (!sc) {
        parley_space_free(space);
        return NULL;
    }
    sc->space = space;
    return sc;
}

static void free_source(parley_source *s)
{
    free((char *)s->id);
    free((char *)s->title);
    free((char *)s->publisher);
    free((char *)s->date);
    free((char *)s->url);
    free((char *)s->file);
    free((char *)s->quote);
}

static void free_constraint(struct constraint *c)
{
    free((char *)c->view.name);
    free((char *)c->view.rule);
    free((char *)c->view.why);
    free((char *)c->view.source);
    parley_expr_free(c->expr);
}

void parley_scenario_free(parley_scenario *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->party_count; i++) {
        free(sc->parties[i].name);
        free(sc->parties[i].description);
        parley_utility_free(sc->parties[i].utility);
    }
    free(sc->parties);
    for (size_t i = 0; i < sc->constraint_count; i++)
        free_constraint(&sc->constraints[i]);
    free(sc->constraints);
    for (size_t i = 0; i < sc->source_count; i++)
        free_source(&sc->sources[i]);
    free(sc->sources);
    free(sc->negotiators);
    for (size_t p = 0; p < sc->phase_count; p++) {
        free(sc->phases[p].name);
        free(sc->phases[p].description);
        free(sc->phases[p].issues);
    }
    free(sc->phases);
    free(sc->issue_phase);
    free(sc->fallback);
    free(sc->trust);
    free(sc->title);
    free(sc->description);
    parley_space_free(sc->space);
    free(sc);
}

const parley_space *parley_scenario_space(const parley_scenario *sc)
{
    return sc->space;
}

static int replace_string(char **slot, const char *text)
{
    char *copy = text ? parley_strdup(text) : NULL;
    if (text && !copy)
        return PARLEY_ENOMEM;
    free(*slot);
    *slot = copy;
    return PARLEY_OK;
}

int parley_scenario_set_title(parley_scenario *sc, const char *title)
{
    return replace_string(&sc->title, title);
}

int parley_scenario_set_description(parley_scenario *sc, const char *text)
{
    return replace_string(&sc->description, text);
}

const char *parley_scenario_title(const parley_scenario *sc)
{
    return sc->title ? sc->title : "";
}

const char *parley_scenario_description(const parley_scenario *sc)
{
    return sc->description ? sc->description : "";
}

/* Grows an array of `elem`-sized items by one slot; returns the new slot (zeroed) or NULL. */
static void *grow_one(void **array, size_t count, size_t elem)
{
    void *grown = realloc(*array, (count + 1) * elem);
    if (!grown)
        return NULL;
    *array = grown;
    memset((char *)grown + count * elem, 0, elem);
    return (char *)grown + count * elem;
}

int parley_scenario_add_source(parley_scenario *sc, const parley_source *source)
{
    if (!source || !source->id)
        return PARLEY_EINVAL;
    parley_source *s = grow_one((void **)&sc->sources, sc->source_count, sizeof *s);
    if (!s)
        return PARLEY_ENOMEM;
    s->id = parley_strdup(source->id);
    s->title = parley_strdup(source->title);
    s->publisher = parley_strdup(source->publisher);
    s->date = parley_strdup(source->date);
    s->url = parley_strdup(source->url);
    s->file = parley_strdup(source->file);
    s->quote = parley_strdup(source->quote);
    if (!s->id || (source->title && !s->title) || (source->publisher && !s->publisher) ||
        (source->date && !s->date) || (source->url && !s->url) || (source->file && !s->file) ||
        (source->quote && !s->quote)) {
        free_source(s);
        return PARLEY_ENOMEM;
    }
    sc->source_count++;
    return PARLEY_OK;
}

size_t parley_scenario_source_count(const parley_scenario *sc)
{
    return sc->source_count;
}

const parley_source *parley_scenario_source(const parley_scenario *sc, size_t i)
{
    return &sc->sources[i];
}

long parley_scenario_add_party(parley_scenario *sc, const char *name, parley_role role, parley_utility *utility,
                               parley_error *err)
{
    int rc;
    if (!name || !name[0]) {
        rc = parley_error_set(err, PARLEY_EINVAL, "a party needs a non-empty name");
        goto fail;
    }
    if (parley_scenario_find_party(sc, name) >= 0) {
        rc = parley_error_set(err, PARLEY_EINVAL, "party '%s' is defined twice", name);
        goto fail;
    }
    if (role == PARLEY_ROLE_PARTY && !utility) {
        rc = parley_error_set(err, PARLEY_EINVAL, "party '%s' needs preferences", name);
        goto fail;
    }
    if (role == PARLEY_ROLE_MEDIATOR && utility) {
        rc = parley_error_set(err, PARLEY_EINVAL, "mediator '%s' cannot have preferences", name);
        goto fail;
    }
    if (utility && parley_utility_space(utility) != sc->space) {
        rc = parley_error_set(err, PARLEY_EINVAL, "the preferences of '%s' are over another space", name);
        goto fail;
    }
    size_t *neg = NULL;
    if (role == PARLEY_ROLE_PARTY) {
        neg = grow_one((void **)&sc->negotiators, sc->negotiator_count, sizeof *neg);
        if (!neg)
            goto nomem;
    }
    struct party *p = grow_one((void **)&sc->parties, sc->party_count, sizeof *p);
    if (!p || !(p->name = parley_strdup(name)))
        goto nomem;
    p->role = role;
    p->utility = utility;
    if (neg) {
        *neg = sc->party_count;
        sc->negotiator_count++;
    }
    return (long)sc->party_count++;
nomem:
    rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
fail:
    parley_utility_free(utility);
    return rc;
}

size_t parley_scenario_party_count(const parley_scenario *sc)
{
    return sc->party_count;
}

long parley_scenario_find_party(const parley_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->party_count; i++)
        if (strcmp(sc->parties[i].name, name) == 0)
            return (long)i;
    return -1;
}

const char *parley_party_name(const parley_scenario *sc, size_t party)
{
    return sc->parties[party].name;
}

parley_role parley_party_role(const parley_scenario *sc, size_t party)
{
    return sc->parties[party].role;
}

const parley_utility *parley_party_utility(const parley_scenario *sc, size_t party)
{
    return sc->parties[party].utility;
}

parley_utility *parley_party_utility_mut(parley_scenario *sc, size_t party)
{
    return sc->parties[party].utility;
}

int parley_party_set_description(parley_scenario *sc, size_t party, const char *text)
{
    return replace_string(&sc->parties[party].description, text);
}

const char *parley_party_description(const parley_scenario *sc, size_t party)
{
    return sc->parties[party].description ? sc->parties[party].description : "";
}

int parley_scenario_add_constraint(parley_scenario *sc, long party, const char *name, const char *rule,
                                   const char *why, const char *source, parley_error *err)
{
    if (party < -1 || party >= (long)sc->party_count)
        return parley_error_set(err, PARLEY_EINVAL, "no party number %ld", party);
    if (!name || !name[0])
        return parley_error_set(err, PARLEY_EINVAL, "a constraint needs a name");
    for (size_t i = 0; i < sc->constraint_count; i++)
        if (sc->constraints[i].view.party == party && strcmp(sc->constraints[i].view.name, name) == 0)
            return parley_error_set(err, PARLEY_EINVAL, "constraint '%s' is defined twice", name);
    parley_expr *expr = NULL;
    int rc = parley_expr_compile(sc->space, rule, &expr, err);
    if (rc != PARLEY_OK)
        return rc;
    struct constraint *c = grow_one((void **)&sc->constraints, sc->constraint_count, sizeof *c);
    if (!c) {
        parley_expr_free(expr);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    c->expr = expr;
    c->view.expr = expr;
    c->view.party = party;
    c->view.phase = -1;
    c->view.name = parley_strdup(name);
    c->view.rule = parley_strdup(rule);
    c->view.why = parley_strdup(why);
    c->view.source = parley_strdup(source);
    if (!c->view.name || !c->view.rule || (why && !c->view.why) || (source && !c->view.source)) {
        free_constraint(c);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    sc->constraint_count++;
    return PARLEY_OK;
}

size_t parley_scenario_constraint_count(const parley_scenario *sc)
{
    return sc->constraint_count;
}

const parley_constraint *parley_scenario_constraint(const parley_scenario *sc, size_t i)
{
    return &sc->constraints[i].view;
}

size_t parley_scenario_negotiator_count(const parley_scenario *sc)
{
    return sc->negotiator_count;
}

size_t parley_scenario_negotiator(const parley_scenario *sc, size_t k)
{
    return sc->negotiators[k];
}

int parley_scenario_feasible(const parley_scenario *sc, const uint32_t *values)
{
    for (size_t i = 0; i < sc->constraint_count; i++)
        if (sc->constraints[i].view.party < 0 && !parley_expr_holds(sc->constraints[i].expr, values))
            return 0;
    return 1;
}

int parley_scenario_red_lines_hold(const parley_scenario *sc, size_t party, const uint32_t *values)
{
    for (size_t i = 0; i < sc->constraint_count; i++)
        if (sc->constraints[i].view.party == (long)party && !parley_expr_holds(sc->constraints[i].expr, values))
            return 0;
    return 1;
}

int parley_scenario_acceptable_to(const parley_scenario *sc, size_t party, const uint32_t *values, double t)
{
    const parley_utility *u = sc->parties[party].utility;
    if (!u || !parley_scenario_feasible(sc, values) || !parley_scenario_red_lines_hold(sc, party, values))
        return 0;
    return parley_utility_eval(u, values) >= parley_utility_reservation_at(u, t);
}

int parley_scenario_validate(const parley_scenario *sc, parley_error *err)
{
    if (parley_space_issue_count(sc->space) == 0)
        return parley_error_set(err, PARLEY_EINVAL, "the scenario has no issues");
    if (sc->negotiator_count < 2)
        return parley_error_set(err, PARLEY_EINVAL,
                                "the scenario needs at least two parties with role \"party\", has %zu",
                                sc->negotiator_count);
    for (size_t k = 0; k < sc->negotiator_count; k++) {
        const struct party *p = &sc->parties[sc->negotiators[k]];
        parley_error inner;
        parley_error_clear(&inner);
        int rc = parley_utility_validate(p->utility, &inner);
        if (rc != PARLEY_OK)
            return parley_error_set(err, rc, "party '%s': %s", p->name, inner.message);
    }
    return PARLEY_OK;
}

/* --- phases --- */

#define MAX_PHASES 16

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
    struct phase *ph = grow_one((void **)&sc->phases, sc->phase_count, sizeof *ph);
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
    return replace_string(&sc->phases[phase].description, text);
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

/* --- copies --- */

parley_scenario *parley_scenario_clone(const parley_scenario *sc)
{
    parley_space *space = parley_space_clone(sc->space);
    if (!space)
        return NULL;
    parley_scenario *copy = parley_scenario_new(space);
    if (!copy)
        return NULL;
    if (parley_scenario_set_title(copy, sc->title) || parley_scenario_set_description(copy, sc->description))
        goto fail;
    for (size_t i = 0; i < sc->source_count; i++)
        if (parley_scenario_add_source(copy, &sc->sources[i]))
            goto fail;
    for (size_t p = 0; p < sc->party_count; p++) {
        const struct party *party = &sc->parties[p];
        parley_utility *u = NULL;
        if (party->utility && !(u = parley_utility_clone_onto(party->utility, space)))
            goto fail;
        if (parley_scenario_add_party(copy, party->name, party->role, u, NULL) < 0 ||
            parley_party_set_description(copy, p, party->description))
            goto fail;
    }
    for (size_t p = 0; p < sc->phase_count; p++)
        if (parley_scenario_add_phase(copy, sc->phases[p].name, sc->phases[p].weeks, sc->phases[p].issues,
                                      sc->phases[p].count, NULL) ||
            parley_phase_set_description(copy, p, sc->phases[p].description))
            goto fail;
    for (size_t i = 0; i < sc->constraint_count; i++) {
        const parley_constraint *c = &sc->constraints[i].view;
        if (parley_scenario_add_constraint(copy, c->party, c->name, c->rule, c->why, c->source, NULL) ||
            (c->phase >= 0 && parley_scenario_set_constraint_phase(copy, i, (size_t)c->phase)))
            goto fail;
    }
    for (size_t i = 0; sc->fallback && i < parley_space_issue_count(space); i++)
        if (parley_scenario_set_fallback(copy, i, sc->fallback[i]))
            goto fail;
    if (sc->trust) {
        if (!(copy->trust = malloc(sc->trust_size * sizeof *copy->trust)))
            goto fail;
        memcpy(copy->trust, sc->trust, sc->trust_size * sizeof *copy->trust);
        copy->trust_size = sc->trust_size;
    }
    return copy;
fail:
    parley_scenario_free(copy);
    return NULL;
}

int parley_scenario_remove_constraint(parley_scenario *sc, size_t i)
{
    if (i >= sc->constraint_count)
        return PARLEY_EINVAL;
    free_constraint(&sc->constraints[i]);
    memmove(&sc->constraints[i], &sc->constraints[i + 1], (sc->constraint_count - i - 1) * sizeof *sc->constraints);
    sc->constraint_count--;
    /* The views point into the moved structs' own strings and expressions: refresh the expr pointers. */
    for (size_t k = 0; k < sc->constraint_count; k++)
        sc->constraints[k].view.expr = sc->constraints[k].expr;
    return PARLEY_OK;
}

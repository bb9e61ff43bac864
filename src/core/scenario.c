/*
 * scenario.c: a negotiation's space, parties, constraints (global and red
 * lines), metadata and copies.  Phases, trust and expected utilities are in
 * phases.c.
 */
#include <parley/scenario.h>

#include <stdlib.h>
#include <string.h>

#include "core/quantize.h"
#include "core/scenario_internal.h"
#include "core/strutil.h"
#include "core/utility_internal.h"

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
    free(sc->name_slots);
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

int scenario_replace_string(char **slot, const char *text)
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
    return scenario_replace_string(&sc->title, title);
}

int parley_scenario_set_description(parley_scenario *sc, const char *text)
{
    return scenario_replace_string(&sc->description, text);
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
void *scenario_grow_one(void **array, size_t count, size_t elem)
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
    parley_source *s = scenario_grow_one((void **)&sc->sources, sc->source_count, sizeof *s);
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
        neg = scenario_grow_one((void **)&sc->negotiators, sc->negotiator_count, sizeof *neg);
        if (!neg)
            goto nomem;
    }
    struct party *p = scenario_grow_one((void **)&sc->parties, sc->party_count, sizeof *p);
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
    return scenario_replace_string(&sc->parties[party].description, text);
}

const char *parley_party_description(const parley_scenario *sc, size_t party)
{
    return sc->parties[party].description ? sc->parties[party].description : "";
}

/* FNV-1a of the owning party and the name: the key of the constraint-name index. */
static size_t constraint_key_hash(long party, const char *name)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)(party + 1);
    h *= 1099511628211ULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return (size_t)h;
}

/* The slot of (party, name) in the index: the one holding it, or the empty one where it would go. */
static size_t *constraint_slot(const parley_scenario *sc, long party, const char *name)
{
    size_t mask = sc->name_slot_count - 1, i = constraint_key_hash(party, name) & mask;
    for (;; i = (i + 1) & mask) {
        size_t *slot = &sc->name_slots[i];
        if (!*slot)
            return slot;
        const parley_constraint *v = &sc->constraints[*slot - 1].view;
        if (v->party == party && strcmp(v->name, name) == 0)
            return slot;
    }
}

/* Makes the index hold every constraint with room for one more (rebuilt when it grows or after a removal):
 * duplicate names are then found in constant expected time, so a profile of n red lines loads in O(n). */
static int constraint_index_ready(parley_scenario *sc)
{
    size_t need = 2 * (sc->constraint_count + 1);
    if (sc->name_indexed == sc->constraint_count && sc->name_slot_count >= need)
        return PARLEY_OK;
    size_t count = sc->name_slot_count ? sc->name_slot_count : 16;
    while (count < need)
        count *= 2;
    size_t *slots = calloc(count, sizeof *slots);
    if (!slots)
        return PARLEY_ENOMEM;
    free(sc->name_slots);
    sc->name_slots = slots;
    sc->name_slot_count = count;
    for (size_t i = 0; i < sc->constraint_count; i++)
        *constraint_slot(sc, sc->constraints[i].view.party, sc->constraints[i].view.name) = i + 1;
    sc->name_indexed = sc->constraint_count;
    return PARLEY_OK;
}

int parley_scenario_add_constraint(parley_scenario *sc, long party, const char *name, const char *rule,
                                   const char *why, const char *source, parley_error *err)
{
    if (party < -1 || party >= (long)sc->party_count)
        return parley_error_set(err, PARLEY_EINVAL, "no party number %ld", party);
    if (!name || !name[0])
        return parley_error_set(err, PARLEY_EINVAL, "a constraint needs a name");
    if (constraint_index_ready(sc))
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    size_t *slot = constraint_slot(sc, party, name);
    if (*slot)
        return parley_error_set(err, PARLEY_EINVAL, "constraint '%s' is defined twice", name);
    parley_expr *expr = NULL;
    int rc = parley_expr_compile(sc->space, rule, &expr, err);
    if (rc != PARLEY_OK)
        return rc;
    if (sc->constraint_count == sc->constraint_cap) { /* doubling: n additions copy O(n) in all */
        size_t cap = sc->constraint_cap ? 2 * sc->constraint_cap : 8;
        struct constraint *grown = realloc(sc->constraints, cap * sizeof *grown);
        if (!grown) {
            parley_expr_free(expr);
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        }
        sc->constraints = grown;
        sc->constraint_cap = cap;
    }
    struct constraint *c = &sc->constraints[sc->constraint_count];
    memset(c, 0, sizeof *c);
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
    *slot = sc->constraint_count;
    sc->name_indexed = sc->constraint_count;
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
    /* As the analysis judges it: expected utility under the party's trust, on the 2^-32 grid. */
    return parley_scenario_value(sc, party, values, -1) >= quantize_utility(parley_utility_reservation_at(u, t));
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
        parley_error inner = {0};
        int rc = parley_utility_validate(p->utility, &inner);
        if (rc != PARLEY_OK)
            return parley_error_set(err, rc, "party '%s': %s", p->name, inner.message);
    }
    return PARLEY_OK;
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
    sc->name_indexed = (size_t)-1; /* indices moved: the name index is rebuilt at the next addition */
    /* The views point into the moved structs' own strings and expressions: refresh the expr pointers. */
    for (size_t k = 0; k < sc->constraint_count; k++)
        sc->constraints[k].view.expr = sc->constraints[k].expr;
    return PARLEY_OK;
}

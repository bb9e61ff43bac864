/*
 * moves.c: the smallest move of a red line that opens a zone of agreement
 * (a threshold moved, a value admitted), and the combination of partial moves
 * by several parties that keeps the largest concession smallest.
 *
 * A move is tried as a fresh analysis of a copy of the scenario with the rule
 * rewritten in the rule language, so what the diagnosis reports is exactly
 * what `parley analyze` would say of the scenario with the moved rule.
 */
#include "analysis/moves.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "core/strutil.h"

void rule_shape_free(rule_shape *shape)
{
    free(shape->allowed);
    shape->allowed = NULL;
}

int rule_shape_of(const parley_scenario *sc, size_t constraint, rule_shape *shape)
{
    memset(shape, 0, sizeof *shape);
    const parley_space *space = parley_scenario_space(sc);
    const parley_constraint *con = parley_scenario_constraint(sc, constraint);
    size_t issues = parley_space_issue_count(space), used = 0;
    for (size_t i = 0; i < issues; i++)
        if (parley_expr_uses_issue(con->expr, i)) {
            used++;
            shape->issue = i;
        }
    if (used != 1)
        return PARLEY_OK;
    shape->single = 1;
    uint32_t count = parley_issue_value_count(space, shape->issue);
    uint32_t *values = calloc(issues, sizeof *values);
    shape->allowed = malloc(count);
    if (!values || !shape->allowed) {
        free(values);
        rule_shape_free(shape);
        return PARLEY_ENOMEM;
    }
    for (uint32_t v = 0; v < count; v++) {
        values[shape->issue] = v;
        shape->allowed[v] = (unsigned char)parley_expr_holds(con->expr, values);
        shape->allowed_count += shape->allowed[v];
    }
    free(values);
    /* A threshold: on a numeric issue (values ascending), the allowed values are the lowest or the highest ones. */
    uint32_t allowed = shape->allowed_count, lead = 0, trail = 0;
    while (lead < count && shape->allowed[lead])
        lead++;
    while (trail < count && shape->allowed[count - 1 - trail])
        trail++;
    if (parley_issue_type_of(space, shape->issue) != PARLEY_ISSUE_CATEGORICAL && allowed > 0 && allowed < count) {
        if (lead == allowed) {
            shape->threshold = 1;
            shape->allowed_end = lead;
        } else if (trail == allowed) {
            shape->threshold = -1;
            shape->allowed_end = count - trail;
        }
    }
    return PARLEY_OK;
}

/* Appends printf-style text to out[size] at *used; -1 when it does not fit. */
static int append(char *out, size_t size, size_t *used, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int append(char *out, size_t size, size_t *used, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out + *used, size - *used, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= size - *used)
        return -1;
    *used += (size_t)n;
    return 0;
}

/* One value as a literal of the rule language: a quoted label or a number. */
static int append_value(const parley_space *space, size_t issue, uint32_t value, char *out, size_t size, size_t *used)
{
    char buf[128];
    parley_issue_format_value(space, issue, value, buf, sizeof buf);
    if (parley_issue_type_of(space, issue) != PARLEY_ISSUE_CATEGORICAL)
        return append(out, size, used, "%s", buf);
    /* The rule language has no escapes: a label is quoted with the quote it does not contain. */
    if (!strchr(buf, '"'))
        return append(out, size, used, "\"%s\"", buf);
    if (!strchr(buf, '\''))
        return append(out, size, used, "'%s'", buf);
    return -1;
}

int rule_admitting(const parley_scenario *sc, size_t constraint, const rule_shape *shape, const uint32_t *values,
                   char *out, size_t size)
{
    const parley_space *space = parley_scenario_space(sc);
    const parley_constraint *con = parley_scenario_constraint(sc, constraint);
    size_t used = 0;
    out[0] = '\0';
    if (shape->single) {
        const char *name = parley_issue_name(space, shape->issue);
        if (shape->threshold)
            return append(out, size, &used, "%s %s ", name, shape->threshold > 0 ? "<=" : ">=") ||
                           append_value(space, shape->issue, values[shape->issue], out, size, &used)
                       ? -1
                       : 0;
        if (append(out, size, &used, "%s in [", name))
            return -1;
        int first = 1;
        for (uint32_t v = 0; v < parley_issue_value_count(space, shape->issue); v++) {
            if (!shape->allowed[v] && v != values[shape->issue])
                continue;
            if ((!first && append(out, size, &used, ", ")) || append_value(space, shape->issue, v, out, size, &used))
                return -1;
            first = 0;
        }
        return append(out, size, &used, "]");
    }
    if (append(out, size, &used, "(%s) or (", con->rule))
        return -1;
    int first = 1;
    for (size_t i = 0; i < parley_space_issue_count(space); i++) {
        if (!parley_expr_uses_issue(con->expr, i))
            continue;
        if (append(out, size, &used, "%s%s == ", first ? "" : " and ", parley_issue_name(space, i)) ||
            append_value(space, i, values[i], out, size, &used))
            return -1;
        first = 0;
    }
    return append(out, size, &used, ")");
}

parley_scenario *scenario_with_rule(const parley_scenario *sc, size_t constraint, const char *rule, parley_error *err)
{
    parley_scenario *copy = parley_scenario_clone(sc);
    if (!copy) {
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        return NULL;
    }
    const parley_constraint *con = parley_scenario_constraint(sc, constraint);
    if (parley_scenario_remove_constraint(copy, constraint) != PARLEY_OK ||
        parley_scenario_add_constraint(copy, con->party, con->name, rule, con->why, con->source, err) != PARLEY_OK) {
        parley_scenario_free(copy);
        return NULL;
    }
    return copy;
}

/* The zone of `sc` with constraint `constraint` moved to admit `values`; the copy is kept in *copy when asked. */
static int probe(const parley_scenario *sc, size_t constraint, const rule_shape *shape, const uint32_t *values,
                 const parley_analysis_options *options, uint64_t *zone, char *rule, size_t size,
                 parley_scenario **copy, parley_error *err)
{
    if (rule_admitting(sc, constraint, shape, values, rule, size) != 0)
        return PARLEY_ENOTFOUND;
    parley_scenario *moved = scenario_with_rule(sc, constraint, rule, err);
    if (!moved)
        return err ? err->code : PARLEY_EINVAL;
    parley_analysis *a = NULL;
    int rc = parley_analyze(moved, options, &a, err);
    if (rc == PARLEY_OK)
        *zone = parley_analysis_acceptable(a);
    parley_analysis_free(a);
    if (rc == PARLEY_OK && copy)
        *copy = moved;
    else
        parley_scenario_free(moved);
    return rc;
}

int smallest_move(const parley_analysis *a, const parley_scenario *sc, size_t condition,
                  const parley_analysis_options *options, parley_relax_change *change, char *rule, size_t size,
                  parley_scenario **copy, parley_error *err)
{
    *copy = NULL;
    const parley_condition *cond = parley_analysis_condition(a, condition);
    if (cond->kind != PARLEY_CONDITION_RED_LINE)
        return PARLEY_ENOTFOUND;
    rule_shape shape;
    int rc = rule_shape_of(sc, cond->index, &shape);
    if (rc != PARLEY_OK)
        return parley_error_set(err, rc, "out of memory");
    if (!shape.single)
        return PARLEY_ENOTFOUND;
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    uint32_t count = parley_issue_value_count(space, shape.issue);
    uint32_t *values = calloc(issues, sizeof *values);
    if (!values) {
        rule_shape_free(&shape);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    uint64_t zone = 0;
    uint32_t best = 0;
    int found = 0;
    if (shape.threshold) {
        /* Admitting more values never shrinks the zone: binary search for the nearest threshold that opens one. */
        long lo, hi; /* candidate positions of the new threshold value, in moving order */
        lo = 0;
        hi = shape.threshold > 0 ? (long)(count - shape.allowed_end) - 1 : (long)shape.allowed_end - 1;
        while (lo <= hi && rc == PARLEY_OK) {
            long mid = lo + (hi - lo) / 2;
            values[shape.issue] = shape.threshold > 0 ? shape.allowed_end + (uint32_t)mid
                                                      : shape.allowed_end - 1 - (uint32_t)mid;
            rc = probe(sc, cond->index, &shape, values, options, &zone, rule, size, NULL, err);
            if (rc == PARLEY_OK && zone > 0) {
                found = 1;
                best = values[shape.issue];
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        *change = PARLEY_CHANGE_MOVE;
    } else {
        /* Admit the one value that opens the largest zone (one always does when dropping the line does). */
        uint64_t most = 0;
        for (uint32_t v = 0; v < count && rc == PARLEY_OK; v++) {
            if (shape.allowed[v])
                continue;
            values[shape.issue] = v;
            rc = probe(sc, cond->index, &shape, values, options, &zone, rule, size, NULL, err);
            if (rc == PARLEY_OK && zone > most) {
                most = zone;
                best = v;
                found = 1;
            }
        }
        *change = PARLEY_CHANGE_ADMIT_VALUES;
    }
    if (rc == PARLEY_ENOTFOUND)
        rc = PARLEY_OK, found = 0;
    /* A move that admits every value is the drop, which the diagnosis reports already. */
    if (found && (shape.threshold ? (shape.threshold > 0 ? best == count - 1 : best == 0)
                                  : shape.allowed_count + 1 == count))
        found = 0;
    if (rc == PARLEY_OK && found) {
        values[shape.issue] = best;
        rc = probe(sc, cond->index, &shape, values, options, &zone, rule, size, copy, err);
    } else if (rc == PARLEY_OK) {
        rc = PARLEY_ENOTFOUND;
    }
    free(values);
    rule_shape_free(&shape);
    return rc;
}

/* --- the combination of partial moves --- */

#define MAX_SCOPE_COMBINATIONS 4096u

/* A red line of a negotiating party, as the combination search needs it. */
struct line {
    size_t condition, constraint, k; /* k: the party's position in the analysis */
    const parley_expr *expr;
    size_t scope_n;
    size_t scope[64];
    uint64_t combinations; /* product of the scope's value counts */
};

/*
 * What accepting x over line `l` costs its party: how far x falls below the
 * line's floor, the worst package for the party that keeps the line and
 * differs from x only on the issues the line mentions.  For a threshold
 * (`subsidy >= 6`) that is the utility between the threshold and x's value.
 */
static double line_cost(const struct line *l, const parley_utility *u, const parley_space *space, const uint32_t *x,
                        uint32_t *y, double ux)
{
    if (l->combinations > MAX_SCOPE_COMBINATIONS)
        return INFINITY;
    size_t issues = parley_space_issue_count(space);
    memcpy(y, x, issues * sizeof *y);
    double floor = INFINITY;
    for (size_t j = 0; j < l->scope_n; j++)
        y[l->scope[j]] = 0;
    for (;;) {
        if (parley_expr_holds(l->expr, y)) {
            double uy = quantize_utility(parley_utility_eval(u, y));
            if (uy < floor)
                floor = uy;
        }
        size_t j = 0; /* next combination of the scope's values (odometer) */
        while (j < l->scope_n && ++y[l->scope[j]] == parley_issue_value_count(space, l->scope[j]))
            y[l->scope[j++]] = 0;
        if (j == l->scope_n)
            break;
    }
    return floor == INFINITY ? INFINITY : (floor > ux ? floor - ux : 0);
}

void combination_free(combination *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->rules ? c->rules[i] : NULL);
    free(c->rules);
    free(c->moves);
    free(c->nash);
    free(c->utilities);
    memset(c, 0, sizeof *c);
}

/* The scenario with every move of the combination made, analysed: zone and Nash package. */
static int apply_moves(const parley_scenario *sc, const parley_analysis_options *options, const size_t *constraint,
                       combination *c, parley_error *err)
{
    parley_scenario *copy = parley_scenario_clone(sc);
    if (!copy)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = PARLEY_OK;
    for (size_t i = 0; i < c->count && rc == PARLEY_OK; i++)
        if (c->moves[i].change == PARLEY_CHANGE_LOWER_RESERVATION) {
            parley_utility *u = parley_party_utility_mut(copy, c->moves[i].party);
            parley_utility_set_reservation_curve(u, 0, NULL, NULL);
            rc = parley_utility_set_reservation(u, c->moves[i].to);
        }
    /* Rules from the highest constraint index down: a replaced rule goes last and leaves the lower ones in place. */
    size_t last = (size_t)-1;
    for (;;) {
        size_t pick = c->count;
        for (size_t i = 0; i < c->count; i++)
            if (c->rules[i] && constraint[i] < last && (pick == c->count || constraint[i] > constraint[pick]))
                pick = i;
        if (pick == c->count || rc != PARLEY_OK)
            break;
        last = constraint[pick];
        parley_scenario *moved = scenario_with_rule(copy, constraint[pick], c->rules[pick], err);
        parley_scenario_free(copy);
        copy = moved;
        if (!copy)
            return err ? err->code : PARLEY_EINVAL;
    }
    parley_analysis *a = NULL;
    if (rc == PARLEY_OK)
        rc = parley_analyze(copy, options, &a, err);
    if (rc == PARLEY_OK) {
        c->zone = parley_analysis_acceptable(a);
        const uint32_t *outcome;
        const double *u;
        if (parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &outcome, &u, NULL) == PARLEY_OK) {
            size_t issues = parley_space_issue_count(parley_scenario_space(sc)), n = parley_analysis_party_count(a);
            c->nash = malloc(issues * sizeof *c->nash);
            c->utilities = malloc(n * sizeof *c->utilities);
            if (!c->nash || !c->utilities)
                rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            else {
                memcpy(c->nash, outcome, issues * sizeof *c->nash);
                memcpy(c->utilities, u, n * sizeof *c->utilities);
            }
        }
    }
    parley_analysis_free(a);
    parley_scenario_free(copy);
    return rc;
}

/* The red lines of the negotiating parties, with their scopes. */
static struct line *lines_of(const parley_analysis *a, const parley_scenario *sc, size_t *count)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t C = parley_analysis_condition_count(a), n = 0;
    struct line *lines = calloc(C ? C : 1, sizeof *lines);
    if (!lines)
        return NULL;
    for (size_t c = 0; c < C; c++) {
        const parley_condition *cond = parley_analysis_condition(a, c);
        if (cond->kind != PARLEY_CONDITION_RED_LINE)
            continue;
        struct line *l = &lines[n++];
        l->condition = c;
        l->constraint = cond->index;
        l->expr = parley_scenario_constraint(sc, cond->index)->expr;
        while (parley_analysis_party(a, l->k) != cond->party)
            l->k++;
        l->combinations = 1;
        for (size_t i = 0; i < parley_space_issue_count(space) && l->scope_n < 64; i++)
            if (parley_expr_uses_issue(l->expr, i)) {
                l->scope[l->scope_n++] = i;
                uint64_t v = parley_issue_value_count(space, i);
                l->combinations = l->combinations > MAX_SCOPE_COMBINATIONS ? l->combinations : l->combinations * v;
            }
    }
    *count = n;
    return lines;
}

/* The largest concession any party makes to accept x (INFINITY when some line cannot be measured or is global). */
static double largest_concession(const parley_scenario *sc, const struct line *lines, size_t line_count,
                                 parley_utility *const *u, const double *r, size_t n, const uint32_t *x, uint32_t *y,
                                 double *ux, double *cost)
{
    const parley_space *space = parley_scenario_space(sc);
    double worst = 0;
    for (size_t k = 0; k < n; k++) {
        ux[k] = quantize_utility(parley_utility_eval(u[k], x));
        cost[k] = r[k] > ux[k] ? r[k] - ux[k] : 0;
    }
    for (size_t i = 0; i < line_count; i++) {
        if (parley_expr_holds(lines[i].expr, x))
            continue;
        double c = line_cost(&lines[i], u[lines[i].k], space, x, y, ux[lines[i].k]);
        if (c > cost[lines[i].k])
            cost[lines[i].k] = c;
    }
    for (size_t k = 0; k < n; k++)
        if (cost[k] > worst)
            worst = cost[k];
    return worst;
}

/* Fills c->moves for the package x: each reservation below its utility lowered, each broken red line moved. */
static int moves_for(const parley_analysis *a, const parley_scenario *sc, const struct line *lines, size_t line_count,
                     const double *r, const double *ux, const double *cost, const uint32_t *x, combination *c,
                     size_t **constraint, parley_error *err)
{
    size_t n = parley_analysis_party_count(a), most = n + line_count;
    c->moves = calloc(most, sizeof *c->moves);
    c->rules = calloc(most, sizeof *c->rules);
    *constraint = calloc(most, sizeof **constraint);
    if (!c->moves || !c->rules || !*constraint)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        if (r[k] <= ux[k])
            continue;
        parley_concession *m = &c->moves[c->count++];
        m->party = parley_analysis_party(a, k);
        for (size_t cond = 0; cond < parley_analysis_condition_count(a); cond++)
            if (parley_analysis_condition(a, cond)->kind == PARLEY_CONDITION_RESERVATION &&
                parley_analysis_condition(a, cond)->party == m->party)
                m->condition = cond;
        m->change = PARLEY_CHANGE_LOWER_RESERVATION;
        m->from = r[k];
        /* One step of the 2^-32 grid below the package's utility: it stays acceptable however the sum rounds. */
        m->to = ux[k] - 0x1p-32 > 0 ? ux[k] - 0x1p-32 : 0;
        m->concession = r[k] - ux[k];
    }
    for (size_t i = 0; i < line_count; i++) {
        if (parley_expr_holds(lines[i].expr, x))
            continue;
        rule_shape shape;
        if (rule_shape_of(sc, lines[i].constraint, &shape) != PARLEY_OK)
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        char rule[1024];
        int bad = rule_admitting(sc, lines[i].constraint, &shape, x, rule, sizeof rule);
        parley_concession *m = &c->moves[c->count];
        m->party = parley_analysis_party(a, lines[i].k);
        m->condition = lines[i].condition;
        m->change = shape.threshold ? PARLEY_CHANGE_MOVE : PARLEY_CHANGE_ADMIT_VALUES;
        m->from = m->to = -1;
        m->concession = cost[lines[i].k];
        rule_shape_free(&shape);
        if (bad)
            return parley_error_set(err, PARLEY_ERANGE, "the moved rule of red line '%s' cannot be written",
                                    parley_scenario_constraint(sc, lines[i].constraint)->name);
        if (!(c->rules[c->count] = parley_strdup(rule)))
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        m->rule = c->rules[c->count];
        (*constraint)[c->count++] = lines[i].constraint;
    }
    return PARLEY_OK;
}

int combination_find(const parley_analysis *a, const parley_scenario *sc, const parley_analysis_options *options,
                     combination *out, parley_error *err)
{
    memset(out, 0, sizeof *out);
    const parley_space *space = parley_scenario_space(sc);
    uint64_t outcomes;
    if (parley_analysis_acceptable(a) > 0 || parley_analysis_feasible(a) == 0)
        return PARLEY_OK;
    if (parley_space_size_u64(space, &outcomes) != PARLEY_OK || outcomes > PARLEY_COMBINATION_MAX_OUTCOMES) {
        out->skipped = "the space has more outcomes than the combination search visits (4,000,000)";
        return PARLEY_OK;
    }
    size_t n = parley_analysis_party_count(a), issues = parley_space_issue_count(space), line_count = 0;
    double guarantee = options && options->use_guarantee ? options->guarantee : -1;
    parley_utility **u = calloc(n, sizeof *u);
    double *r = calloc(n, sizeof *r), *ux = calloc(n, sizeof *ux), *cost = calloc(n, sizeof *cost);
    double *best_u = calloc(n, sizeof *best_u), *best_cost = calloc(n, sizeof *best_cost);
    uint32_t *x = calloc(issues, sizeof *x), *y = calloc(issues, sizeof *y), *best_x = calloc(issues, sizeof *best_x);
    struct line *lines = lines_of(a, sc, &line_count);
    size_t *constraint = NULL;
    int rc = PARLEY_OK;
    if (!u || !r || !ux || !cost || !best_u || !best_cost || !x || !y || !best_x || !lines) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        if (!(u[k] = parley_scenario_expected_utility(sc, parley_analysis_party(a, k), guarantee))) {
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            goto done;
        }
        r[k] = parley_analysis_reservation(a, k);
    }
    double best = INFINITY, best_sum = -INFINITY;
    for (uint64_t o = 0; o < outcomes; o++) {
        parley_space_decode(space, o, x);
        if (!parley_scenario_feasible(sc, x))
            continue;
        double worst = largest_concession(sc, lines, line_count, u, r, n, x, y, ux, cost);
        double sum = 0;
        for (size_t k = 0; k < n; k++)
            sum += ux[k];
        if (worst < best || (worst == best && sum > best_sum)) {
            best = worst;
            best_sum = sum;
            memcpy(best_x, x, issues * sizeof *x);
            memcpy(best_u, ux, n * sizeof *ux);
            memcpy(best_cost, cost, n * sizeof *cost);
        }
    }
    if (best == INFINITY)
        goto done; /* no feasible package whose red lines can be measured */
    out->found = 1;
    out->largest = best;
    if ((rc = moves_for(a, sc, lines, line_count, r, best_u, best_cost, best_x, out, &constraint, err)) != PARLEY_OK)
        goto done;
    rc = apply_moves(sc, options, constraint, out, err);
done:
    for (size_t k = 0; u && k < n; k++)
        parley_utility_free(u[k]);
    free(u);
    free(r);
    free(ux);
    free(cost);
    free(best_u);
    free(best_cost);
    free(x);
    free(y);
    free(best_x);
    free(lines);
    free(constraint);
    if (rc != PARLEY_OK)
        combination_free(out);
    return rc;
}

double condition_cost(const parley_analysis *a, const parley_scenario *sc, size_t condition,
                      const parley_analysis_options *options, const uint32_t *package)
{
    const parley_condition *cond = parley_analysis_condition(a, condition);
    const parley_space *space = parley_scenario_space(sc);
    double guarantee = options && options->use_guarantee ? options->guarantee : -1;
    size_t k = 0;
    while (parley_analysis_party(a, k) != cond->party)
        k++;
    parley_utility *u = parley_scenario_expected_utility(sc, cond->party, guarantee);
    if (!u)
        return NAN;
    double value = quantize_utility(parley_utility_eval(u, package)), cost = NAN;
    if (cond->kind == PARLEY_CONDITION_RESERVATION) {
        double r = parley_analysis_reservation(a, k);
        cost = r > value ? r - value : 0;
    } else {
        size_t count = 0;
        struct line *lines = lines_of(a, sc, &count);
        uint32_t *y = malloc(parley_space_issue_count(space) * sizeof *y + 1);
        for (size_t i = 0; lines && y && i < count; i++)
            if (lines[i].condition == condition)
                cost = parley_expr_holds(lines[i].expr, package) ? 0 : line_cost(&lines[i], u, space, package, y, value);
        free(y);
        free(lines);
    }
    parley_utility_free(u);
    return cost;
}

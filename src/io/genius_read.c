/*
 * genius_read.c: GENIUS XML domains and profiles into a parley_scenario.
 *
 * Semantics as GENIUS defines them (docs/genius.md): a discrete value is worth
 * its evaluation divided by the largest evaluation of its issue; an integer (or
 * real) value x with a linear evaluator is worth clamp(slope * (x - lowerbound)
 * + offset, 0, 1) (parameter0/parameter1 are the older spelling of
 * offset/slope); the profile is the weighted sum; <reservation> defaults to 0;
 * <discount_factor> outside (0,1] means no discount; a nonlinear profile adds
 * the utilities of the hyperrectangles holding an outcome, over maxutility.
 * Weights are used as written, as GENIUS uses them (a few ANAC files sum to
 * 1.00005 or 0.99): an outcome's utility is capped at 1 where GENIUS caps it
 * (parley_utility_eval), a warning says so, and the loader's normalise_weights
 * option divides them by their sum instead.  Issues are matched by their index
 * attribute.
 */
#include <parley/genius.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/genius_internal.h"
#include "io/genius_xml.h"

/* One issue of the domain as the profiles refer to it. */
struct dom_issue {
    long index;        /* GENIUS index attribute */
    const char *name;  /* GENIUS name (points into the domain tree) */
    parley_issue_type type;
    double lo;         /* lowerbound of numeric issues */
    size_t count;
    const char **labels; /* discrete values [count] */
};

struct dom {
    const char *file;
    gx_node *tree;
    size_t n;
    struct dom_issue *issues;
};

static void free_dom(struct dom *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->issues[i].labels);
    free(d->issues);
    gx_free(d->tree);
}

static int fail_at(parley_error *err, const char *file, const gx_node *n, const char *fmt, const char *a,
                   const char *b)
{
    return parley_error_set_at(err, PARLEY_EINVAL, file, n ? n->line : 0, n ? n->column : 0, NULL, fmt, a, b);
}

/* The type of an issue element: type, etype or vtype; discrete when none is given. */
static int issue_type(const gx_node *n, const char *file, parley_issue_type *type, parley_error *err)
{
    const char *t = gx_attr(n, "type");
    if (!t)
        t = gx_attr(n, "etype");
    if (!t)
        t = gx_attr(n, "vtype");
    if (!t || strcasecmp(t, "discrete") == 0)
        *type = PARLEY_ISSUE_CATEGORICAL;
    else if (strcasecmp(t, "integer") == 0)
        *type = PARLEY_ISSUE_INTEGER;
    else if (strcasecmp(t, "real") == 0)
        *type = PARLEY_ISSUE_REAL;
    else
        return fail_at(err, file, n, "issue type '%s' is not one GENIUS defines (expected discrete, integer or real)%s",
                       t, "");
    return PARLEY_OK;
}

static gx_node *find_objective(gx_node *root, const char *file, parley_error *err)
{
    gx_node *objective = strcmp(root->name, "objective") == 0 ? root : gx_find(root, "objective");
    if (!objective)
        fail_at(err, file, root, "no <objective> element: this is not a GENIUS domain or profile%s%s", "", "");
    return objective;
}

static int read_domain_issue(const gx_node *n, const char *file, struct dom_issue *is, parley_space *space,
                             parley_error *err)
{
    int rc;
    if ((rc = gx_attr_long(n, file, "index", 1, &is->index, err)) != PARLEY_OK ||
        (rc = gx_attr_string(n, file, "name", &is->name, err)) != PARLEY_OK ||
        (rc = issue_type(n, file, &is->type, err)) != PARLEY_OK)
        return rc;
    char ident[256];
    genius_make_identifier(is->name, space, ident, sizeof ident);
    if (is->type == PARLEY_ISSUE_CATEGORICAL) {
        size_t items = 0;
        for (gx_node *c = gx_child(n, "item"); c; c = gx_next(c, "item"))
            items++;
        if (items == 0)
            return fail_at(err, file, n, "discrete issue '%s' has no <item>%s", is->name, "");
        is->labels = calloc(items, sizeof *is->labels);
        if (!is->labels)
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        for (gx_node *c = gx_child(n, "item"); c; c = gx_next(c, "item")) {
            const char *value;
            if ((rc = gx_attr_string(c, file, "value", &value, err)) != PARLEY_OK)
                return rc;
            if (!value[0])
                return fail_at(err, file, c, "an item of issue '%s' has an empty value%s", is->name, "");
            size_t k = 0;
            while (k < is->count && strcmp(is->labels[k], value) != 0)
                k++;
            if (k == is->count) /* a value listed twice is one value (GENIUS keys values by name) */
                is->labels[is->count++] = value;
        }
        rc = parley_space_add_categorical(space, ident, is->labels, is->count, err);
    } else if (is->type == PARLEY_ISSUE_INTEGER) {
        long lo, hi;
        if ((rc = gx_attr_long(n, file, "lowerbound", 1, &lo, err)) != PARLEY_OK ||
            (rc = gx_attr_long(n, file, "upperbound", 1, &hi, err)) != PARLEY_OK)
            return rc;
        if (hi < lo || (double)hi - (double)lo >= PARLEY_MAX_ISSUE_VALUES)
            return fail_at(err, file, n, "integer issue '%s' needs lowerbound <= upperbound and at most 10^7 values%s",
                           is->name, "");
        is->lo = (double)lo;
        is->count = (size_t)(hi - lo + 1);
        rc = parley_space_add_integer(space, ident, lo, hi, 1, err);
    } else {
        double lo, hi;
        if ((rc = gx_attr_double(n, file, "lowerbound", 1, &lo, err)) != PARLEY_OK ||
            (rc = gx_attr_double(n, file, "upperbound", 1, &hi, err)) != PARLEY_OK)
            return rc;
        if (!(hi > lo))
            return fail_at(err, file, n, "real issue '%s' needs lowerbound < upperbound%s", is->name, "");
        is->lo = lo;
        is->count = PARLEY_GENIUS_REAL_VALUES;
        rc = parley_space_add_real(space, ident, lo, hi, (hi - lo) / (PARLEY_GENIUS_REAL_VALUES - 1), err);
    }
    if (rc != PARLEY_OK) {
        char why[768];
        snprintf(why, sizeof why, "%s", err ? err->message : "bad issue");
        return parley_error_set_at(err, rc, file, n->line, n->column, NULL, "%s", why);
    }
    size_t i = parley_space_issue_count(space) - 1;
    if (strcmp(ident, is->name) != 0 && parley_space_set_description(space, i, is->name) != PARLEY_OK)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    return PARLEY_OK;
}

static int read_domain(const char *text, size_t length, const char *file, struct dom *d, parley_space *space,
                       parley_error *err)
{
    int rc = gx_parse(text, length, file, &d->tree, err);
    if (rc != PARLEY_OK)
        return rc;
    gx_node *objective = find_objective(d->tree, file, err);
    if (!objective)
        return PARLEY_EINVAL;
    size_t count = 0;
    for (gx_node *c = objective->first; c; c = c->next) {
        if (strcmp(c->name, "objective") == 0)
            return fail_at(err, file, c, "nested objectives are not supported (issues must sit directly in the root "
                           "objective)%s%s", "", "");
        count += strcmp(c->name, "issue") == 0;
    }
    if (count == 0)
        return fail_at(err, file, objective, "the domain has no <issue>%s%s", "", "");
    d->file = file;
    d->issues = calloc(count, sizeof *d->issues);
    if (!d->issues)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    for (gx_node *c = gx_child(objective, "issue"); c; c = gx_next(c, "issue")) {
        struct dom_issue *is = &d->issues[d->n++];
        if ((rc = read_domain_issue(c, file, is, space, err)) != PARLEY_OK)
            return rc;
        for (size_t k = 0; k + 1 < d->n; k++)
            if (d->issues[k].index == is->index) {
                char idx[32];
                snprintf(idx, sizeof idx, "%ld", is->index);
                return fail_at(err, file, c, "two issues have index %s%s", idx, "");
            }
    }
    return PARLEY_OK;
}

static const gx_node *profile_issue(const gx_node *objective, long index)
{
    for (const gx_node *c = gx_child(objective, "issue"); c; c = gx_next(c, "issue")) {
        const char *v = gx_attr(c, "index");
        if (v && strtol(v, NULL, 10) == index)
            return c;
    }
    return NULL;
}

/* Value utilities of a discrete issue: evaluation / largest evaluation. */
static int read_discrete(const gx_node *pi, const char *file, const struct dom_issue *is, double *values,
                         parley_error *err)
{
    double top = 0;
    for (size_t k = 0; k < is->count; k++) {
        const gx_node *found = NULL;
        for (const gx_node *c = gx_child(pi, "item"); c; c = gx_next(c, "item")) {
            const char *v = gx_attr(c, "value");
            if (v && strcmp(v, is->labels[k]) == 0 && gx_attr(c, "evaluation"))
                found = c; /* the last one counts, as in GENIUS's map */
        }
        if (!found)
            return fail_at(err, file, pi, "no evaluation for value '%s' of issue '%s' (the profile does not match the "
                           "domain)", is->labels[k], is->name);
        int rc = gx_attr_double(found, file, "evaluation", 1, &values[k], err);
        if (rc != PARLEY_OK)
            return rc;
        if (values[k] < 0)
            return fail_at(err, file, found, "evaluation of '%s' in issue '%s' is negative", is->labels[k], is->name);
        if (values[k] > top)
            top = values[k];
    }
    /* the largest over all the profile's evaluations of the issue (values the domain lacks included) */
    for (const gx_node *c = gx_child(pi, "item"); c; c = gx_next(c, "item")) {
        double e = 0;
        if (gx_attr(c, "evaluation") && gx_attr_double(c, file, "evaluation", 1, &e, err) != PARLEY_OK)
            return PARLEY_EINVAL;
        const char *v = gx_attr(c, "value");
        int listed = 0;
        for (size_t k = 0; v && k < is->count && !listed; k++)
            listed = strcmp(v, is->labels[k]) == 0;
        if (!listed && e > top)
            top = e;
    }
    if (top > 0) /* every evaluation 0 (a few ANAC 2015 files): every value is worth 0 */
        for (size_t k = 0; k < is->count; k++)
            values[k] /= top;
    return PARLEY_OK;
}

/* Value utilities of an integer or real issue with a linear evaluator. */
static int read_linear(const gx_node *pi, const char *file, const struct dom_issue *is, const parley_space *space,
                       size_t issue, double *values, parley_error *err)
{
    const gx_node *ev = gx_child(pi, "evaluator");
    if (!ev)
        return fail_at(err, file, pi, "%s issue '%s' has no <evaluator>",
                       is->type == PARLEY_ISSUE_INTEGER ? "integer" : "real", is->name);
    const char *ftype = gx_attr(ev, "ftype");
    if (ftype && strcasecmp(ftype, "linear") != 0)
        return fail_at(err, file, ev, "evaluator ftype '%s' of issue '%s' is not supported (expected linear)", ftype,
                       is->name);
    double slope = NAN, offset = NAN, lo = is->lo;
    int rc;
    if ((rc = gx_attr_double(ev, file, "parameter1", 0, &slope, err)) != PARLEY_OK ||
        (rc = gx_attr_double(ev, file, "slope", 0, &slope, err)) != PARLEY_OK ||
        (rc = gx_attr_double(ev, file, "parameter0", 0, &offset, err)) != PARLEY_OK ||
        (rc = gx_attr_double(ev, file, "offset", 0, &offset, err)) != PARLEY_OK ||
        (rc = gx_attr_double(pi, file, "lowerbound", 0, &lo, err)) != PARLEY_OK)
        return rc;
    if (isnan(slope) || isnan(offset))
        return fail_at(err, file, ev, "the linear evaluator of issue '%s' needs slope and offset%s", is->name,
                       " (or parameter1 and parameter0)");
    for (size_t k = 0; k < is->count; k++) {
        double u = slope * (parley_issue_number(space, issue, (uint32_t)k) - lo) + offset;
        values[k] = u < 0 ? 0 : u > 1 ? 1 : u;
    }
    return PARLEY_OK;
}

/* The hyperrectangles of a nonlinear profile. */
static int read_rectangles(const gx_node *utility, const char *file, const struct dom *d, parley_utility *u,
                           const parley_space *space, parley_error *err)
{
    double scale = 0;
    int rc = gx_attr_double(utility, file, "maxutility", 1, &scale, err);
    if (rc != PARLEY_OK)
        return rc;
    if (!(scale > 0))
        return fail_at(err, file, utility, "maxutility must be positive%s%s", "", "");
    parley_utility_set_rectangle_scale(u, scale);
    size_t *issues = calloc(d->n + 1, sizeof *issues);
    uint32_t *lo = calloc(d->n + 1, sizeof *lo), *hi = calloc(d->n + 1, sizeof *hi);
    if (!issues || !lo || !hi) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    for (const gx_node *f = gx_child(utility, "ufun"); f; f = gx_next(f, "ufun")) {
        double weight = 1;
        const char *aggregation = gx_attr(f, "aggregation");
        if (aggregation && strcmp(aggregation, "sum") != 0) {
            rc = fail_at(err, file, f, "ufun aggregation '%s' is not supported (expected sum)%s", aggregation, "");
            goto done;
        }
        if ((rc = gx_attr_double(f, file, "weight", 0, &weight, err)) != PARLEY_OK)
            goto done;
        for (const gx_node *r = gx_child(f, NULL); r; r = gx_next(r, NULL)) {
            if (strcmp(r->name, "hyperRectangle") != 0) {
                rc = fail_at(err, file, r, "<%s> in a ufun is not supported (expected hyperRectangle)%s", r->name, "");
                goto done;
            }
            double value = 0;
            if ((rc = gx_attr_double(r, file, "utility", 1, &value, err)) != PARLEY_OK)
                goto done;
            size_t n = 0;
            int empty = 0;
            for (const gx_node *b = gx_child(r, NULL); b; b = gx_next(b, NULL)) {
                if (strcmp(b->name, "INCLUDES") != 0) {
                    rc = fail_at(err, file, b, "<%s> in a hyperRectangle is not supported (expected INCLUDES)%s",
                                 b->name, "");
                    goto done;
                }
                long index;
                double min, max;
                if ((rc = gx_attr_long(b, file, "index", 1, &index, err)) != PARLEY_OK ||
                    (rc = gx_attr_double(b, file, "min", 1, &min, err)) != PARLEY_OK ||
                    (rc = gx_attr_double(b, file, "max", 1, &max, err)) != PARLEY_OK)
                    goto done;
                size_t i = 0;
                while (i < d->n && d->issues[i].index != index)
                    i++;
                if (i == d->n || d->issues[i].type == PARLEY_ISSUE_CATEGORICAL) {
                    rc = fail_at(err, file, b, "INCLUDES names no integer or real issue of the domain (index %s)%s",
                                 gx_attr(b, "index"), "");
                    goto done;
                }
                if (n >= d->n) {
                    rc = fail_at(err, file, b, "a hyperRectangle constrains an issue twice%s%s", "", "");
                    goto done;
                }
                /* value indices of the grid values within [min, max] */
                double step = parley_issue_step(space, i), first = parley_issue_min(space, i);
                double a = ceil((min - first) / step - 1e-9), z = floor((max - first) / step + 1e-9);
                double last = (double)d->issues[i].count - 1;
                if (a < 0)
                    a = 0;
                if (z > last)
                    z = last;
                if (a > z)
                    empty = 1;
                issues[n] = i;
                lo[n] = empty ? 0 : (uint32_t)a;
                hi[n] = empty ? 0 : (uint32_t)z;
                n++;
            }
            if (empty)
                continue; /* holds no outcome of the domain */
            if (parley_utility_add_rectangle(u, value * weight, n, issues, lo, hi) != PARLEY_OK) {
                rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
                goto done;
            }
        }
    }
    rc = PARLEY_OK;
done:
    free(issues);
    free(lo);
    free(hi);
    return rc;
}

static int read_profile(const char *text, size_t length, const char *file, const struct dom *d,
                        const parley_space *space, parley_utility **out, const parley_load_options *options,
                        parley_error *err)
{
    gx_node *tree = NULL;
    double *values = NULL, *weights = NULL;
    parley_utility *u = NULL;
    int rc = gx_parse(text, length, file, &tree, err);
    if (rc != PARLEY_OK)
        return rc;
    gx_node *objective = find_objective(tree, file, err);
    if (!objective) {
        rc = PARLEY_EINVAL;
        goto fail;
    }
    gx_node *utility = gx_find(tree, "utility");
    int nonlinear = utility && gx_attr(utility, "maxutility");
    u = parley_utility_new(space);
    weights = calloc(d->n, sizeof *weights);
    size_t most = 1;
    for (size_t i = 0; i < d->n; i++)
        most = d->issues[i].count > most ? d->issues[i].count : most;
    values = calloc(most, sizeof *values);
    if (!u || !weights || !values) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    double total = 0;
    int any_weight = 0;
    for (size_t i = 0; i < d->n; i++) {
        const struct dom_issue *is = &d->issues[i];
        const gx_node *pi = profile_issue(objective, is->index);
        const gx_node *w = NULL;
        for (const gx_node *c = gx_child(objective, "weight"); c; c = gx_next(c, "weight")) {
            const char *v = gx_attr(c, "index");
            if (v && strtol(v, NULL, 10) == is->index)
                w = c;
        }
        if (nonlinear && !w)
            continue; /* a purely nonlinear profile: no additive part */
        if (!pi) {
            rc = parley_error_set_at(err, PARLEY_EINVAL, file, objective->line, objective->column, NULL,
                                "the profile has no issue with index %ld ('%s' in the domain %s)", is->index, is->name,
                                d->file);
            goto fail;
        }
        const char *pname = gx_attr(pi, "name");
        if (pname && strcmp(pname, is->name) != 0) {
            rc = parley_error_set_at(err, PARLEY_EINVAL, file, pi->line, pi->column, NULL,
                                     "issue %ld is '%s' here but '%s' in the domain %s (the profile does not match "
                                     "the domain)", is->index, pname, is->name, d->file);
            goto fail;
        }
        if (!w) {
            rc = parley_error_set_at(err, PARLEY_EINVAL, file, objective->line, objective->column, NULL,
                                     "missing <weight index=\"%ld\"> for issue '%s'", is->index, is->name);
            goto fail;
        }
        if ((rc = gx_attr_double(w, file, "value", 1, &weights[i], err)) != PARLEY_OK)
            goto fail;
        if (weights[i] < 0) {
            rc = fail_at(err, file, w, "the weight of issue '%s' is negative%s", is->name, "");
            goto fail;
        }
        any_weight = 1;
        total += weights[i];
        rc = is->type == PARLEY_ISSUE_CATEGORICAL ? read_discrete(pi, file, is, values, err)
                                                 : read_linear(pi, file, is, space, i, values, err);
        if (rc != PARLEY_OK)
            goto fail;
        for (size_t k = 0; k < is->count; k++)
            parley_utility_set_value(u, i, (uint32_t)k, values[k]);
    }
    if (any_weight) {
        if (!(total > 0)) {
            rc = fail_at(err, file, objective, "the weights of the issues sum to 0%s%s", "", "");
            goto fail;
        }
        genius_weights_sum(options, file, total, weights, d->n);
        for (size_t i = 0; i < d->n; i++)
            parley_utility_set_weight(u, i, weights[i]);
    } else if (!nonlinear) {
        rc = fail_at(err, file, objective, "the profile has no <weight>: missing weights%s%s", "", "");
        goto fail;
    }
    if (nonlinear && (rc = read_rectangles(utility, file, d, u, space, err)) != PARLEY_OK)
        goto fail;
    const gx_node *r = gx_find(tree, "reservation");
    double reservation = 0, discount = 1;
    if (r && (rc = gx_attr_double(r, file, "value", 1, &reservation, err)) != PARLEY_OK)
        goto fail;
    if (!(reservation >= 0 && reservation <= 1)) {
        rc = fail_at(err, file, r, "the reservation value must lie in [0,1]%s%s", "", "");
        goto fail;
    }
    const gx_node *df = gx_find(tree, "discount_factor");
    if (df && (rc = gx_attr_double(df, file, "value", 1, &discount, err)) != PARLEY_OK)
        goto fail;
    if (!(discount > 0 && discount <= 1))
        discount = 1; /* GENIUS: 0 or out of range means no discount */
    parley_utility_set_reservation(u, reservation);
    parley_utility_set_discount(u, discount);
    free(values);
    free(weights);
    gx_free(tree);
    *out = u;
    return PARLEY_OK;
fail:
    parley_utility_free(u);
    free(values);
    free(weights);
    gx_free(tree);
    return rc;
}

int genius_parse_documents(const parley_document *docs, size_t n, const parley_load_options *options,
                           parley_scenario **out, parley_error *err)
{
    *out = NULL;
    parley_error_clear(err);
    if (n < 3)
        return parley_error_set(err, PARLEY_EINVAL,
                                "a GENIUS negotiation needs a domain and at least two profiles (%zu file%s given)", n,
                                n == 1 ? "" : "s");
    struct dom d = {0};
    parley_space *space = parley_space_new();
    if (!space)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = read_domain(docs[0].bytes, docs[0].length, docs[0].name, &d, space, err);
    if (rc == PARLEY_OK)
        rc = genius_check_limits(space, n - 1, options, docs[0].name, err);
    if (rc != PARLEY_OK) {
        parley_space_free(space);
        free_dom(&d);
        return rc;
    }
    parley_scenario *sc = parley_scenario_new(space);
    if (!sc) {
        free_dom(&d);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    char title[256], description[1024];
    genius_base_name(docs[0].name, title, sizeof title);
    int n_written = snprintf(description, sizeof description, "GENIUS domain %s", docs[0].name);
    for (size_t i = 0; i < d.n && n_written > 0 && (size_t)n_written < sizeof description; i++)
        if (d.issues[i].type == PARLEY_ISSUE_REAL)
            n_written += snprintf(description + n_written, sizeof description - (size_t)n_written,
                                  "; real issue '%s' read as %u evenly spaced values from %g to %g", d.issues[i].name,
                                  PARLEY_GENIUS_REAL_VALUES, parley_issue_min(space, i), parley_issue_max(space, i));
    if (parley_scenario_set_title(sc, title) != PARLEY_OK ||
        parley_scenario_set_description(sc, description) != PARLEY_OK) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    for (size_t p = 1; p < n; p++) {
        parley_utility *u = NULL;
        if ((rc = read_profile(docs[p].bytes, docs[p].length, docs[p].name, &d, space, &u, options, err)) != PARLEY_OK)
            goto fail;
        if ((rc = genius_add_profile_party(sc, docs[p].name, "GENIUS", u, err)) != PARLEY_OK)
            goto fail;
    }
    free_dom(&d);
    *out = sc;
    return PARLEY_OK;
fail:
    free_dom(&d);
    parley_scenario_free(sc);
    return rc;
}

int parley_genius_parse(const char *const *texts, const size_t *lengths, const char *const *names, size_t n,
                        parley_scenario **out, parley_error *err)
{
    return genius_parse_texts(texts, lengths, names, n, genius_parse_documents, out, err);
}

int parley_genius_load(const char *domain_path, const char *const *profile_paths, size_t n, parley_scenario **out,
                       parley_error *err)
{
    return gx_load_files(domain_path, profile_paths, n, parley_genius_parse, out, err);
}

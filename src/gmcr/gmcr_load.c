/*
 * gmcr_load.c: reads a conflict model from JSON (docs/conflict-format.md) with
 * jansson: decision makers and their options, infeasible states, irreversible
 * options, preferences as statements or rankings, the status quo.  Syntax errors
 * are reported with line and column, semantic ones with the JSON path.
 */
#include "gmcr_internal.h"
#include "core/strutil.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct loader {
    const char *file;
    parley_error *err;
    gmcr_builder b;
} loader;

static int bad(loader *L, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int bad(loader *L, const char *path, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return parley_error_set_at(L->err, PARLEY_EINVAL, L->file, 0, 0, path, "%s", msg);
}

/* A JSON path into a buffer, truncated when too long (paths are for messages only). */
static void path_printf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void path_printf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* Rejects keys not in the NULL-terminated list (typos would otherwise be silently ignored). */
static int check_keys(loader *L, const json_t *obj, const char *path, const char *const *allowed)
{
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)obj, key, val) {
        int ok = 0;
        for (size_t i = 0; allowed[i] && !ok; i++)
            ok = strcmp(key, allowed[i]) == 0;
        if (!ok) {
            if (path[0] == '\0' && (json_object_get(obj, "parties") || json_object_get(obj, "issues")))
                return bad(L, path, "this is a negotiation scenario (issues and parties), not a conflict model: read "
                                    "it with parley analyze, negotiate or tournament (docs/conflict-format.md describes conflict "
                                    "models)");
            char list[256] = "";
            size_t used = 0, n = 0;
            for (size_t i = 0; allowed[i] && used < sizeof list; i++, n++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", i ? ", " : "", allowed[i]);
            const char *near = parley_nearest_word(key, (const char *const *)allowed, n);
            if (near)
                return bad(L, path, "unknown key \"%s\" (did you mean \"%s\"?); expected one of %s", key, near, list);
            return bad(L, path, "unknown key \"%s\"; expected one of %s", key, list);
        }
    }
    return PARLEY_OK;
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* ---- options ---- */

static int resolve_option(void *ctx, const char *name, size_t len)
{
    const parley_gmcr_model *m = ctx;
    if (isdigit((unsigned char)name[0])) {
        unsigned long v = 0;
        for (size_t i = 0; i < len; i++) {
            if (!isdigit((unsigned char)name[i]) || v > 1000)
                return -1;
            v = v * 10 + (unsigned long)(name[i] - '0');
        }
        return v >= 1 && v <= m->n_options ? (int)v - 1 : -1;
    }
    for (size_t i = 0; i < m->n_options; i++)
        if (strlen(m->options[i].id) == len && strncmp(m->options[i].id, name, len) == 0)
            return (int)i;
    return -1;
}

/* " (did you mean 'peace'?)" for the option id nearest to the unknown name[0..len), or "" when none is near. */
static void option_hint(const parley_gmcr_model *m, const char *name, size_t len, char *out, size_t size)
{
    out[0] = '\0';
    const char **ids = malloc((m->n_options ? m->n_options : 1) * sizeof *ids);
    char *word = strndup(name, len);
    if (ids && word) {
        for (size_t i = 0; i < m->n_options; i++)
            ids[i] = m->options[i].id;
        const char *near = parley_nearest_word(word, ids, m->n_options);
        if (near)
            snprintf(out, size, " (did you mean '%s'?)", near);
    }
    free(ids);
    free(word);
}

static int valid_id(const char *s)
{
    if (!(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (const char *p = s; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
            return 0;
    static const char *const kws[] = {"and", "or", "not", "if", "then", "iff"};
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
        if (strcmp(s, kws[i]) == 0)
            return 0;
    return 1;
}

static int load_option(loader *L, const json_t *v, size_t dm, const char *path)
{
    parley_gmcr_model *m = L->b.m;
    gmcr_option *o = &m->options[m->n_options];
    o->owner = (int)dm;
    o->dir = PARLEY_GMCR_BOTH;
    const char *name = NULL, *id = NULL;
    if (json_is_string(v)) {
        name = json_string_value(v);
    } else if (json_is_object(v)) {
        static const char *const keys[] = {"id", "name", "reversibility", "irreversible", "description", NULL};
        int rc = check_keys(L, v, path, keys);
        if (rc)
            return rc;
        json_t *jn = json_object_get(v, "name"), *ji = json_object_get(v, "id");
        json_t *jr = json_object_get(v, "reversibility"), *jirr = json_object_get(v, "irreversible");
        if (jn && !json_is_string(jn))
            return bad(L, path, "\"name\" must be a string, found %s", type_name(jn));
        if (ji && !json_is_string(ji))
            return bad(L, path, "\"id\" must be a string, found %s", type_name(ji));
        if (!jn && !ji)
            return bad(L, path, "an option needs a \"name\" or an \"id\"");
        name = jn ? json_string_value(jn) : json_string_value(ji);
        id = ji ? json_string_value(ji) : NULL;
        if (id && !valid_id(id))
            return bad(L, path,
                       "option id \"%s\": expected a word (letters, digits, '_', starting with a letter) "
                       "that is not and/or/not/if/then/iff",
                       id);
        if (jr) {
            const char *r = json_is_string(jr) ? json_string_value(jr) : "";
            if (strcmp(r, "both") == 0)
                o->dir = PARLEY_GMCR_BOTH;
            else if (strcmp(r, "forward") == 0)
                o->dir = PARLEY_GMCR_FORWARD;
            else if (strcmp(r, "backward") == 0)
                o->dir = PARLEY_GMCR_BACKWARD;
            else
                return bad(L, path, "\"reversibility\" must be \"both\", \"forward\" or \"backward\"");
        }
        if (jirr) {
            if (!json_is_boolean(jirr))
                return bad(L, path, "\"irreversible\" must be true or false, found %s", type_name(jirr));
            if (jr && json_is_true(jirr) && o->dir != PARLEY_GMCR_FORWARD)
                return bad(L, path, "\"irreversible\": true contradicts \"reversibility\"");
            if (json_is_true(jirr))
                o->dir = PARLEY_GMCR_FORWARD;
        }
    } else {
        return bad(L, path, "expected an option: a string (its name) or an object, found %s", type_name(v));
    }
    if (!id && valid_id(name)) { /* a name that is a word doubles as the id, unless taken */
        id = name;
        for (size_t i = 0; i < m->n_options && id; i++)
            if (strcmp(m->options[i].id, id) == 0)
                id = NULL;
    } else if (id) {
        for (size_t i = 0; i < m->n_options; i++)
            if (strcmp(m->options[i].id, id) == 0)
                return bad(L, path, "option id \"%s\" is already used by option %zu", id, i + 1);
    }
    char num[32];
    snprintf(num, sizeof num, "%zu", m->n_options + 1);
    o->name = dup_string(name);
    o->id = dup_string(id ? id : num);
    if (!o->name || !o->id) {
        free(o->name);
        free(o->id);
        o->name = o->id = NULL;
        return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
    }
    uint32_t bit = 1u << m->n_options;
    gmcr_dm *d = &m->dms[dm];
    d->mask |= bit;
    if (o->dir == PARLEY_GMCR_BOTH)
        d->both |= bit;
    else if (o->dir == PARLEY_GMCR_FORWARD)
        d->fwd |= bit;
    else
        d->back |= bit;
    m->n_options++;
    return PARLEY_OK;
}

/* ---- conditions ---- */

static int parse_condition(loader *L, const char *text, const char *path, gmcr_expr **out)
{
    int column = 0, nomem = 0;
    char msg[400];
    *out = gmcr_expr_parse(text, resolve_option, L->b.m, &column, msg, sizeof msg, &nomem);
    if (*out)
        return PARLEY_OK;
    if (nomem)
        return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
    char hint[160] = "";
    const char *unknown = strstr(msg, "unknown option '");
    if (unknown) {
        unknown += strlen("unknown option '");
        option_hint(L->b.m, unknown, strcspn(unknown, "'"), hint, sizeof hint);
    }
    return bad(L, path, "in \"%s\" at character %d: %s%s", text, column, msg, hint);
}

/* An option reference: a 1-based number or an id. */
static int option_ref(loader *L, const json_t *v, const char *path, int *opt)
{
    const parley_gmcr_model *m = L->b.m;
    if (json_is_integer(v)) {
        json_int_t k = json_integer_value(v);
        if (k < 1 || (size_t)k > m->n_options)
            return bad(L, path, "option %lld does not exist; expected 1 to %zu", (long long)k, m->n_options);
        *opt = (int)k - 1;
        return PARLEY_OK;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        int k = resolve_option((void *)m, s, strlen(s));
        if (k < 0) {
            char hint[160];
            option_hint(m, s, strlen(s), hint, sizeof hint);
            return bad(L, path, "unknown option \"%s\"%s", s, hint);
        }
        *opt = k;
        return PARLEY_OK;
    }
    return bad(L, path, "expected an option number or id, found %s", type_name(v));
}

/* A Y/N/- pattern over all options: 1 when `s` looks like one. */
static int is_pattern(const parley_gmcr_model *m, const char *s)
{
    size_t n = strlen(s);
    return n == m->n_options && strspn(s, "YN-") == n;
}

static gmcr_expr *leaf(int option, int negate)
{
    gmcr_expr *e = gmcr_expr_node(GMCR_OPT, NULL, NULL);
    if (!e)
        return NULL;
    e->option = option;
    return negate ? gmcr_expr_node(GMCR_NOT, e, NULL) : e;
}

static gmcr_expr *combine(gmcr_op op, gmcr_expr *a, gmcr_expr *b)
{
    if (!a || !b) {
        gmcr_expr_free(a);
        gmcr_expr_free(b);
        return NULL;
    }
    return gmcr_expr_node(op, a, b);
}

/* A pattern "Y-N" as the conjunction of its fixed letters (NULL: all '-' -> handled by caller). */
static gmcr_expr *pattern_expr(const char *s)
{
    gmcr_expr *e = NULL;
    for (int k = 0; s[k]; k++) {
        if (s[k] == '-')
            continue;
        gmcr_expr *l = leaf(k, s[k] == 'N');
        e = e ? combine(GMCR_AND, e, l) : l;
        if (!e)
            return NULL;
    }
    return e;
}

static int read_option_list(loader *L, const json_t *arr, const char *path, int *opts, size_t *n)
{
    char p[256];
    if (!json_is_array(arr) || json_array_size(arr) < 2)
        return bad(L, path, "expected an array of at least two options");
    if (json_array_size(arr) > PARLEY_GMCR_MAX_OPTIONS)
        return bad(L, path, "too many options in the list");
    *n = json_array_size(arr);
    for (size_t i = 0; i < *n; i++) {
        path_printf(p, sizeof p, "%s[%zu]", path, i);
        int rc = option_ref(L, json_array_get(arr, i), p, &opts[i]);
        if (rc)
            return rc;
    }
    return PARLEY_OK;
}

static int load_infeasible_item(loader *L, const json_t *v, const char *path)
{
    parley_gmcr_model *m = L->b.m;
    char p[256];
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        gmcr_expr *e = NULL;
        if (is_pattern(m, s) && strchr(s, 'Y') == NULL && strchr(s, 'N') == NULL)
            return bad(L, path, "the pattern \"%s\" would make every state infeasible", s);
        if (is_pattern(m, s)) {
            e = pattern_expr(s);
            if (!e)
                return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
        } else {
            int rc = parse_condition(L, s, path, &e);
            if (rc)
                return rc;
        }
        return gmcr_builder_add_infeasible(&L->b, e) ? parley_error_set(L->err, PARLEY_ENOMEM, "out of memory")
                                                     : PARLEY_OK;
    }
    if (!json_is_object(v))
        return bad(L, path, "expected a condition string, a Y/N/- pattern or an object, found %s", type_name(v));
    static const char *const keys[] = {"mutually_exclusive", "at_least_one", "exactly_one", "option",
                                       "requires", "description", NULL};
    int rc = check_keys(L, v, path, keys);
    if (rc)
        return rc;
    int opts[PARLEY_GMCR_MAX_OPTIONS];
    size_t n = 0;
    const char *kinds[] = {"mutually_exclusive", "at_least_one", "exactly_one"};
    int found = 0;
    for (int kind = 0; kind < 3; kind++) {
        json_t *list = json_object_get(v, kinds[kind]);
        if (!list)
            continue;
        found++;
        path_printf(p, sizeof p, "%s.%s", path, kinds[kind]);
        rc = read_option_list(L, list, p, opts, &n);
        if (rc)
            return rc;
        if (kind != 1) { /* no two together */
            for (size_t a = 0; a < n; a++)
                for (size_t b = a + 1; b < n; b++) {
                    gmcr_expr *e = combine(GMCR_AND, leaf(opts[a], 0), leaf(opts[b], 0));
                    if (!e || gmcr_builder_add_infeasible(&L->b, e))
                        return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
                }
        }
        if (kind != 0) { /* not none */
            gmcr_expr *e = leaf(opts[0], 1);
            for (size_t a = 1; a < n && e; a++)
                e = combine(GMCR_AND, e, leaf(opts[a], 1));
            if (!e || gmcr_builder_add_infeasible(&L->b, e))
                return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
        }
    }
    json_t *jo = json_object_get(v, "option"), *jr = json_object_get(v, "requires");
    if (jo || jr) {
        found++;
        if (!jo || !jr)
            return bad(L, path, "\"option\" and \"requires\" go together: {\"option\": A, \"requires\": [B, ...]}");
        int a = 0;
        path_printf(p, sizeof p, "%s.option", path);
        if ((rc = option_ref(L, jo, p, &a)))
            return rc;
        size_t nr = json_is_array(jr) ? json_array_size(jr) : 1;
        path_printf(p, sizeof p, "%s.requires", path);
        if (json_is_array(jr) && (nr == 0 || nr > PARLEY_GMCR_MAX_OPTIONS))
            return bad(L, p, "\"requires\" must list 1 to %d options", PARLEY_GMCR_MAX_OPTIONS);
        for (size_t i = 0; i < nr; i++) {
            int r = 0;
            const json_t *item = json_is_array(jr) ? json_array_get(jr, i) : jr;
            if (json_is_array(jr))
                path_printf(p, sizeof p, "%s.requires[%zu]", path, i);
            else
                path_printf(p, sizeof p, "%s.requires", path);
            if ((rc = option_ref(L, item, p, &r)))
                return rc;
            gmcr_expr *e = combine(GMCR_AND, leaf(a, 0), leaf(r, 1)); /* A taken, R not taken */
            if (!e || gmcr_builder_add_infeasible(&L->b, e))
                return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
        }
    }
    if (found != 1)
        return bad(L, path,
                   "expected exactly one of \"mutually_exclusive\", \"at_least_one\", \"exactly_one\" or "
                   "\"option\"+\"requires\"");
    return PARLEY_OK;
}

/* ---- preferences ---- */

/* Marks the feasible states an item of a ranking denotes; returns how many. */
static int ranking_item(loader *L, const json_t *v, const char *path, int32_t *group_of, int32_t group,
                        size_t *count)
{
    parley_gmcr_model *m = L->b.m;
    *count = 0;
    if (json_is_integer(v)) {
        json_int_t c = json_integer_value(v);
        if (c < 0 || (m->n_options < 32 && (uint64_t)c >> m->n_options))
            return bad(L, path, "state code %lld does not exist; expected 0 to %lu", (long long)c,
                       (1ul << m->n_options) - 1);
        int32_t s = m->index[c];
        if (s < 0)
            return bad(L, path, "state %lld is infeasible", (long long)c);
        if (group_of[s] >= 0)
            return bad(L, path, "state %lld is ranked twice", (long long)c);
        group_of[s] = group;
        *count = 1;
        return PARLEY_OK;
    }
    if (!json_is_string(v) || !is_pattern(m, json_string_value(v)))
        return bad(L, path, "expected a state: a decimal code or a pattern of %zu letters Y, N or -, found %s",
                   m->n_options, json_is_string(v) ? json_string_value(v) : type_name(v));
    const char *pat = json_string_value(v);
    uint32_t must = 0, val = 0;
    for (size_t k = 0; k < m->n_options; k++) {
        if (pat[k] != '-')
            must |= 1u << k;
        if (pat[k] == 'Y')
            val |= 1u << k;
    }
    for (size_t s = 0; s < m->n_states; s++) {
        if ((m->codes[s] & must) != val)
            continue;
        if (group_of[s] >= 0)
            return bad(L, path, "state %u (matched by \"%s\") is ranked twice", m->codes[s], pat);
        group_of[s] = group;
        (*count)++;
    }
    if (*count == 0)
        return bad(L, path, "the pattern \"%s\" matches no feasible state", pat);
    return PARLEY_OK;
}

static int load_ranking(loader *L, const json_t *arr, size_t dm, const char *path, int64_t *scores)
{
    parley_gmcr_model *m = L->b.m;
    char p[256], q[256];
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return bad(L, path, "expected a non-empty array of states, most preferred first (an inner array for ties)");
    int32_t *group_of = malloc(m->n_states * sizeof *group_of);
    if (!group_of)
        return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
    for (size_t s = 0; s < m->n_states; s++)
        group_of[s] = -1;
    int rc = PARLEY_OK;
    size_t n = json_array_size(arr), count = 0;
    for (size_t g = 0; g < n && rc == 0; g++) {
        const json_t *item = json_array_get(arr, g);
        path_printf(p, sizeof p, "%s[%zu]", path, g);
        if (json_is_array(item)) {
            if (json_array_size(item) == 0)
                rc = bad(L, p, "an empty group of tied states");
            for (size_t k = 0; k < json_array_size(item) && rc == 0; k++) {
                path_printf(q, sizeof q, "%s[%zu]", p, k);
                rc = ranking_item(L, json_array_get(item, k), q, group_of, (int32_t)g, &count);
            }
        } else {
            rc = ranking_item(L, item, p, group_of, (int32_t)g, &count);
        }
    }
    for (size_t s = 0; s < m->n_states && rc == 0; s++) {
        if (group_of[s] < 0) {
            char vec[PARLEY_GMCR_MAX_OPTIONS + 1];
            rc = bad(L, path, "feasible state %u (%s) is not ranked; the ranking of %s must list every feasible state",
                     m->codes[s], parley_gmcr_model_state_vector(m, m->codes[s], vec, sizeof vec), m->dms[dm].name);
        }
        else
            scores[s] = (int64_t)n - group_of[s];
    }
    free(group_of);
    return rc;
}

static int load_statements(loader *L, const json_t *arr, const char *path, int64_t *scores)
{
    parley_gmcr_model *m = L->b.m;
    char p[256];
    if (!json_is_array(arr))
        return bad(L, path, "expected an array of preference statements, most important first");
    size_t n = json_array_size(arr);
    if (n > PARLEY_GMCR_MAX_STATEMENTS)
        return bad(L, path, "%zu statements; at most %d are supported", n, PARLEY_GMCR_MAX_STATEMENTS);
    memset(scores, 0, m->n_states * sizeof *scores);
    for (size_t j = 0; j < n; j++) {
        const json_t *v = json_array_get(arr, j);
        path_printf(p, sizeof p, "%s[%zu]", path, j);
        if (!json_is_string(v))
            return bad(L, p, "expected a statement such as \"1 & -3\", found %s", type_name(v));
        gmcr_expr *e = NULL;
        int rc = parse_condition(L, json_string_value(v), p, &e);
        if (rc)
            return rc;
        int64_t weight = (int64_t)1 << (n - 1 - j);
        for (size_t s = 0; s < m->n_states; s++)
            if (gmcr_expr_eval(e, m->codes[s]))
                scores[s] += weight;
        gmcr_expr_free(e);
    }
    return PARLEY_OK;
}

static int load_preferences(loader *L, const json_t *root)
{
    parley_gmcr_model *m = L->b.m;
    const json_t *dms = json_object_get(root, "decision_makers");
    char p[256];
    int64_t *scores = malloc(m->n_states * sizeof *scores);
    if (!scores)
        return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
    int rc = PARLEY_OK;
    for (size_t i = 0; i < m->n_dms && rc == 0; i++) {
        const json_t *d = json_array_get(dms, i);
        const json_t *st = json_object_get(d, "preferences"), *rk = json_object_get(d, "ranking");
        if (st && rk) {
            path_printf(p, sizeof p, "decision_makers[%zu]", i);
            rc = bad(L, p, "give either \"preferences\" (statements) or \"ranking\", not both");
        } else if (rk) {
            path_printf(p, sizeof p, "decision_makers[%zu].ranking", i);
            rc = load_ranking(L, rk, i, p, scores);
        } else if (st) {
            path_printf(p, sizeof p, "decision_makers[%zu].preferences", i);
            rc = load_statements(L, st, p, scores);
        } else {
            memset(scores, 0, m->n_states * sizeof *scores); /* indifferent */
        }
        if (rc == 0 && gmcr_model_set_scores(m, i, scores))
            rc = parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
    }
    free(scores);
    return rc;
}

/* ---- the document ---- */

static int load_structure(loader *L, const json_t *root)
{
    parley_gmcr_model *m = L->b.m;
    char p[256];
    if (!json_is_object(root))
        return bad(L, "", "expected a JSON object with \"decision_makers\", found %s", type_name(root));
    static const char *const keys[] = {"name", "description", "source", "decision_makers", "infeasible",
                                       "status_quo", "notes", NULL};
    int rc = check_keys(L, root, "", keys);
    if (rc)
        return rc;
    const json_t *jname = json_object_get(root, "name");
    if (jname && !json_is_string(jname))
        return bad(L, "name", "expected a string, found %s", type_name(jname));
    m->name = dup_string(jname ? json_string_value(jname) : "");
    if (!m->name)
        return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
    const json_t *dms = json_object_get(root, "decision_makers");
    if (!dms)
        return bad(L, "", "missing \"decision_makers\": expected an array of decision makers");
    if (!json_is_array(dms) || json_array_size(dms) < 2)
        return bad(L, "decision_makers", "expected an array of at least two decision makers");
    if (json_array_size(dms) > PARLEY_GMCR_MAX_DMS)
        return bad(L, "decision_makers", "%zu decision makers; at most %d are supported", json_array_size(dms),
                   PARLEY_GMCR_MAX_DMS);
    size_t n_dms = json_array_size(dms);
    m->dms = calloc(n_dms, sizeof *m->dms);
    m->options = calloc(PARLEY_GMCR_MAX_OPTIONS, sizeof *m->options);
    if (!m->dms || !m->options)
        return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
    for (size_t i = 0; i < n_dms; i++) {
        const json_t *d = json_array_get(dms, i);
        path_printf(p, sizeof p, "decision_makers[%zu]", i);
        if (!json_is_object(d))
            return bad(L, p, "expected an object with \"name\" and \"options\", found %s", type_name(d));
        static const char *const dkeys[] = {"name", "options", "preferences", "ranking", "description", NULL};
        if ((rc = check_keys(L, d, p, dkeys)))
            return rc;
        const json_t *jn = json_object_get(d, "name");
        if (!json_is_string(jn))
            return bad(L, p, "expected \"name\" (a string)");
        for (size_t k = 0; k < i; k++)
            if (strcmp(m->dms[k].name, json_string_value(jn)) == 0)
                return bad(L, p, "the name \"%s\" is already used by decision_makers[%zu]", json_string_value(jn), k);
        m->dms[i].name = dup_string(json_string_value(jn));
        m->n_dms = i + 1;
        if (!m->dms[i].name)
            return parley_error_set(L->err, PARLEY_ENOMEM, "out of memory");
        const json_t *opts = json_object_get(d, "options");
        path_printf(p, sizeof p, "decision_makers[%zu].options", i);
        if (!json_is_array(opts) || json_array_size(opts) == 0)
            return bad(L, p, "expected a non-empty array of options");
        for (size_t k = 0; k < json_array_size(opts); k++) {
            path_printf(p, sizeof p, "decision_makers[%zu].options[%zu]", i, k);
            if (m->n_options == PARLEY_GMCR_MAX_OPTIONS)
                return parley_error_set_at(L->err, PARLEY_ERANGE, L->file, 0, 0, p,
                                           "more than %d options (2^%d states) are not supported",
                                           PARLEY_GMCR_MAX_OPTIONS, PARLEY_GMCR_MAX_OPTIONS);
            if ((rc = load_option(L, json_array_get(opts, k), i, p)))
                return rc;
        }
    }
    const json_t *inf = json_object_get(root, "infeasible");
    if (inf) {
        if (!json_is_array(inf))
            return bad(L, "infeasible", "expected an array of conditions, found %s", type_name(inf));
        for (size_t k = 0; k < json_array_size(inf); k++) {
            path_printf(p, sizeof p, "infeasible[%zu]", k);
            if ((rc = load_infeasible_item(L, json_array_get(inf, k), p)))
                return rc;
        }
    }
    return PARLEY_OK;
}

static int load_status_quo(loader *L, const json_t *root)
{
    parley_gmcr_model *m = L->b.m;
    const json_t *sq = json_object_get(root, "status_quo");
    if (!sq)
        return PARLEY_OK;
    char text[64];
    if (json_is_integer(sq))
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(sq));
    else if (json_is_string(sq))
        snprintf(text, sizeof text, "%s", json_string_value(sq));
    else
        return bad(L, "status_quo", "expected a state code or a Y/N vector, found %s", type_name(sq));
    parley_error e2;
    parley_error_clear(&e2);
    if (parley_gmcr_model_parse_state(m, text, &m->status_quo, &e2))
        return bad(L, "status_quo", "%s", e2.message);
    m->has_status_quo = 1;
    return PARLEY_OK;
}

int parley_gmcr_model_parse(const char *text, size_t len, const char *name, parley_gmcr_model **out,
                            parley_error *err)
{
    *out = NULL;
    loader L = {.file = name, .err = err};
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return parley_error_set_at(err, PARLEY_EINVAL, name, jerr.line, jerr.column, NULL, "invalid JSON: %s",
                                   jerr.text);
    int rc = PARLEY_ENOMEM;
    L.b.m = calloc(1, sizeof *L.b.m);
    if (!L.b.m) {
        parley_error_set(err, rc, "out of memory");
        goto fail;
    }
    if ((rc = load_structure(&L, root)))
        goto fail;
    if ((rc = gmcr_builder_states(&L.b, err)))
        goto fail;
    if ((rc = load_preferences(&L, root)))
        goto fail;
    if ((rc = load_status_quo(&L, root)))
        goto fail;
    gmcr_builder_release(&L.b);
    json_decref(root);
    *out = L.b.m;
    return PARLEY_OK;
fail:
    if (rc == PARLEY_EINVAL && err && !err->file[0] && name)
        snprintf(err->file, sizeof err->file, "%s", name);
    gmcr_builder_release(&L.b);
    parley_gmcr_model_free(L.b.m);
    json_decref(root);
    return rc;
}

int parley_gmcr_model_load(const char *path, parley_gmcr_model **out, parley_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot read the file: %s", strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = PARLEY_OK;
    int read_errno = 0;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory reading %s", path);
                goto done;
            }
            buf = nb;
            cap = ncap;
        }
        errno = 0;
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            read_errno = errno;
            break;
        }
    }
    if (ferror(f)) { /* a directory opens, and fails here (EISDIR) */
        rc = parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot read the file: %s",
                                 strerror(read_errno ? read_errno : EIO));
        goto done;
    }
    rc = parley_gmcr_model_parse(buf, len, path, out, err);
done:
    free(buf);
    fclose(f);
    return rc;
}

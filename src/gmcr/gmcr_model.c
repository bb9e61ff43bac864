/*
 * gmcr_model.c: the conflict model once loaded: feasible states (enumerated
 * from the options and the infeasibility conditions), preference levels per
 * decision maker, accessors, and parsing a state typed by a user.
 */
#include "gmcr_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void parley_gmcr_model_free(parley_gmcr_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_options; i++) {
        free(m->options[i].id);
        free(m->options[i].name);
    }
    free(m->options);
    for (size_t i = 0; i < m->n_dms; i++)
        free(m->dms[i].name);
    free(m->dms);
    free(m->codes);
    free(m->index);
    free(m->pref);
    free(m->name);
    free(m);
}

int gmcr_builder_add_infeasible(gmcr_builder *b, gmcr_expr *e)
{
    if (b->n_infeasible == b->cap_infeasible) {
        size_t cap = b->cap_infeasible ? 2 * b->cap_infeasible : 8;
        gmcr_expr **v = realloc(b->infeasible, cap * sizeof *v);
        if (!v) {
            gmcr_expr_free(e);
            return PARLEY_ENOMEM;
        }
        b->infeasible = v;
        b->cap_infeasible = cap;
    }
    b->infeasible[b->n_infeasible++] = e;
    return PARLEY_OK;
}

void gmcr_builder_release(gmcr_builder *b)
{
    for (size_t i = 0; i < b->n_infeasible; i++)
        gmcr_expr_free(b->infeasible[i]);
    free(b->infeasible);
    b->infeasible = NULL;
    b->n_infeasible = b->cap_infeasible = 0;
}

int gmcr_builder_states(gmcr_builder *b, parley_error *err)
{
    parley_gmcr_model *m = b->m;
    size_t total = (size_t)1 << m->n_options;
    m->index = malloc(total * sizeof *m->index);
    if (!m->index)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory for %zu states", total);
    size_t n = 0;
    for (size_t c = 0; c < total; c++) {
        int ok = 1;
        for (size_t k = 0; k < b->n_infeasible && ok; k++)
            if (gmcr_expr_eval(b->infeasible[k], (uint32_t)c))
                ok = 0;
        m->index[c] = ok ? (int32_t)n++ : -1;
    }
    if (n == 0)
        return parley_error_set_at(err, PARLEY_EINVAL, NULL, 0, 0, "infeasible",
                                   "every state is infeasible; expected the conditions to leave at least one state");
    m->codes = malloc(n * sizeof *m->codes);
    m->pref = calloc(n * (m->n_dms ? m->n_dms : 1), sizeof *m->pref);
    if (!m->codes || !m->pref)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory for %zu states", n);
    for (size_t c = 0; c < total; c++)
        if (m->index[c] >= 0)
            m->codes[m->index[c]] = (uint32_t)c;
    m->n_states = n;
    return PARLEY_OK;
}

typedef struct scored {
    int64_t score;
    size_t state;
} scored;

static int cmp_scored(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    return x->score < y->score ? -1 : x->score > y->score;
}

int gmcr_model_set_scores(parley_gmcr_model *m, size_t dm, const int64_t *scores)
{
    scored *v = malloc(m->n_states * sizeof *v);
    if (!v)
        return PARLEY_ENOMEM;
    for (size_t s = 0; s < m->n_states; s++)
        v[s] = (scored){scores[s], s};
    qsort(v, m->n_states, sizeof *v, cmp_scored);
    int32_t level = 0;
    int32_t *pref = m->pref + dm * m->n_states;
    for (size_t k = 0; k < m->n_states; k++) {
        if (k > 0 && v[k].score != v[k - 1].score)
            level++;
        pref[v[k].state] = level;
    }
    free(v);
    return PARLEY_OK;
}

const char *parley_gmcr_model_name(const parley_gmcr_model *m)
{
    return m && m->name ? m->name : "";
}

size_t parley_gmcr_model_option_count(const parley_gmcr_model *m)
{
    return m ? m->n_options : 0;
}

size_t parley_gmcr_model_dm_count(const parley_gmcr_model *m)
{
    return m ? m->n_dms : 0;
}

size_t parley_gmcr_model_state_count(const parley_gmcr_model *m)
{
    return m ? m->n_states : 0;
}

const char *parley_gmcr_model_dm_name(const parley_gmcr_model *m, size_t dm)
{
    return m && dm < m->n_dms ? m->dms[dm].name : NULL;
}

const char *parley_gmcr_model_option_name(const parley_gmcr_model *m, size_t option)
{
    return m && option < m->n_options ? m->options[option].name : NULL;
}

const char *parley_gmcr_model_option_id(const parley_gmcr_model *m, size_t option)
{
    return m && option < m->n_options ? m->options[option].id : NULL;
}

int parley_gmcr_model_option_owner(const parley_gmcr_model *m, size_t option)
{
    return m && option < m->n_options ? m->options[option].owner : -1;
}

parley_gmcr_direction parley_gmcr_model_option_direction(const parley_gmcr_model *m, size_t option)
{
    return m && option < m->n_options ? m->options[option].dir : PARLEY_GMCR_BOTH;
}

uint32_t parley_gmcr_model_state_code(const parley_gmcr_model *m, size_t state)
{
    return m && state < m->n_states ? m->codes[state] : 0;
}

long parley_gmcr_model_state_index(const parley_gmcr_model *m, uint32_t code)
{
    if (!m || (m->n_options < 32 && code >> m->n_options))
        return -1;
    return m->index[code];
}

char *parley_gmcr_model_state_vector(const parley_gmcr_model *m, uint32_t code, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    size_t k = 0;
    for (; m && k < m->n_options && k + 1 < size; k++)
        buf[k] = (code >> k) & 1u ? 'Y' : 'N';
    buf[k] = '\0';
    return buf;
}

long parley_gmcr_model_preference(const parley_gmcr_model *m, size_t dm, size_t state)
{
    if (!m || dm >= m->n_dms || state >= m->n_states)
        return -1;
    return m->pref[dm * m->n_states + state];
}

int parley_gmcr_model_status_quo(const parley_gmcr_model *m, uint32_t *code)
{
    if (!m || !m->has_status_quo)
        return 0;
    if (code)
        *code = m->status_quo;
    return 1;
}

char *parley_gmcr_model_state_label(const parley_gmcr_model *m, uint32_t code, char *buf, size_t size)
{
    size_t len = 0;
    if (!buf || size == 0)
        return buf;
    buf[0] = '\0';
    for (size_t k = 0; m && k < m->n_options && len + 1 < size; k++)
        if (code >> k & 1u) {
            int w = snprintf(buf + len, size - len, "%s%s", len ? " + " : "", m->options[k].id);
            len = w < 0 ? len : len + (size_t)w >= size ? size - 1 : len + (size_t)w;
        }
    if (len == 0)
        snprintf(buf, size, "nothing");
    return buf;
}

/* A state written as option ids joined by '+' ("truce + convene", "nothing"); 1 when it is one. */
static int parse_label(const parley_gmcr_model *m, const char *text, uint32_t *code)
{
    uint32_t c = 0;
    const char *p = text;
    while (*p == ' ')
        p++;
    if (strncmp(p, "nothing", 7) == 0 && p[7 + strspn(p + 7, " ")] == '\0') {
        *code = 0;
        return 1;
    }
    while (*p) {
        size_t w = strcspn(p, "+ ");
        size_t k = 0;
        while (k < m->n_options && !(strlen(m->options[k].id) == w && strncmp(m->options[k].id, p, w) == 0))
            k++;
        if (w == 0 || k == m->n_options)
            return 0;
        c |= 1u << k;
        p += w;
        while (*p == ' ')
            p++;
        if (*p == '+') {
            p++;
            while (*p == ' ')
                p++;
            if (!*p)
                return 0;
        } else if (*p) {
            return 0;
        }
    }
    *code = c;
    return 1;
}

int parley_gmcr_model_parse_state(const parley_gmcr_model *m, const char *text, uint32_t *code,
                                  parley_error *err)
{
    if (!m || !text || !*text)
        return parley_error_set(err, PARLEY_EINVAL, "expected a state: a decimal code, a Y/N vector or #number");
    size_t len = strlen(text);
    uint32_t c = 0;
    if (text[0] == '#') {
        char *end = NULL;
        errno = 0;
        unsigned long v = strtoul(text + 1, &end, 10);
        if (errno || end == text + 1 || *end || v < 1 || v > m->n_states)
            return parley_error_set(err, PARLEY_EINVAL, "state '%s': expected #1 to #%zu", text, m->n_states);
        *code = m->codes[v - 1];
        return PARLEY_OK;
    }
    if (strspn(text, "0123456789") != len && strspn(text, "YNyn") != len) {
        if (!parse_label(m, text, &c))
            return parley_error_set(err, PARLEY_EINVAL,
                                    "state '%s': expected a decimal code, a Y/N vector, #number or option ids "
                                    "joined by '+'",
                                    text);
    } else if (strspn(text, "YNyn") == len) {
        if (len != m->n_options)
            return parley_error_set(err, PARLEY_EINVAL,
                                    "state '%s': expected %zu Y/N letters (one per option), found %zu", text,
                                    m->n_options, len);
        for (size_t k = 0; k < len; k++)
            if (text[k] == 'Y' || text[k] == 'y')
                c |= 1u << k;
    } else {
        char *end = NULL;
        errno = 0;
        unsigned long v = strtoul(text, &end, 10);
        if (errno || end == text || *end || text[0] == '-' || (m->n_options < 32 && v >> m->n_options))
            return parley_error_set(err, PARLEY_EINVAL,
                                    "state '%s': expected a decimal code from 0 to %lu, a Y/N vector or #number",
                                    text, (1ul << m->n_options) - 1);
        c = (uint32_t)v;
    }
    if (m->index[c] < 0)
        return parley_error_set(err, PARLEY_EINVAL, "state '%s' (code %u) is infeasible", text, c);
    *code = c;
    return PARLEY_OK;
}

size_t gmcr_moves(const parley_gmcr_model *m, size_t d, int32_t s, int32_t *out)
{
    const gmcr_dm *dm = &m->dms[d];
    uint32_t code = m->codes[s];
    size_t count = 0;
    for (uint32_t sub = dm->mask; sub; sub = (sub - 1) & dm->mask) {
        uint32_t t = code ^ sub;
        if (m->index[t] >= 0 && gmcr_legal_move(dm, code, t))
            out[count++] = m->index[t];
    }
    return count;
}

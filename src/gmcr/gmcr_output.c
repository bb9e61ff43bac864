/*
 * gmcr_output.c: writes a conflict analysis as human-readable text or as one
 * JSON document: the options, each DM's ranking, the stability table, the
 * equilibria, and the status-quo and coalition analysis when asked for.  The
 * JSON is printed as jansson prints with a 2-space indent (like every other
 * command), one top-level member and one state at a time, so a million states
 * need no whole document tree.
 */
#include "gmcr_internal.h"
#include "gmcr_json.h"

#include <stdlib.h>
#include <string.h>

#define N_NOTIONS 8
static const parley_gmcr_notion NOTIONS[N_NOTIONS] = {PARLEY_GMCR_NASH, PARLEY_GMCR_GMR,    PARLEY_GMCR_SMR,
                                                      PARLEY_GMCR_SEQ,  PARLEY_GMCR_SIM,    PARLEY_GMCR_SEQSIM,
                                                      PARLEY_GMCR_LH,   PARLEY_GMCR_NM};
static const char LETTERS[N_NOTIONS] = {'R', 'G', 'S', 'Q', 'M', 'B', 'L', 'N'};

static const char *direction_name(parley_gmcr_direction d)
{
    return d == PARLEY_GMCR_FORWARD ? "forward" : d == PARLEY_GMCR_BACKWARD ? "backward" : "both";
}

/* Ordinals sorted by one DM's preference, most preferred first (counting sort). */
static int32_t *ranking_order(const parley_gmcr_model *m, size_t dm)
{
    size_t n = m->n_states;
    const int32_t *p = m->pref + dm * n;
    int32_t max = 0;
    for (size_t s = 0; s < n; s++)
        if (p[s] > max)
            max = p[s];
    size_t *start = calloc((size_t)max + 2, sizeof *start);
    int32_t *order = malloc(n * sizeof *order);
    if (!start || !order) {
        free(start);
        free(order);
        return NULL;
    }
    for (size_t s = 0; s < n; s++)
        start[(size_t)(max - p[s]) + 1]++;
    for (size_t v = 1; v <= (size_t)max + 1; v++)
        start[v] += start[v - 1];
    for (size_t s = 0; s < n; s++)
        order[start[max - p[s]]++] = (int32_t)s;
    free(start);
    return order;
}

static void text_ranking(FILE *out, const parley_gmcr_model *m, size_t dm, const int32_t *order)
{
    const int32_t *p = m->pref + dm * m->n_states;
    fprintf(out, "  %-20s", m->dms[dm].name);
    for (size_t k = 0; k < m->n_states;) {
        size_t e = k + 1;
        while (e < m->n_states && p[order[e]] == p[order[k]])
            e++;
        fprintf(out, e - k > 1 ? " [" : " ");
        for (size_t j = k; j < e; j++)
            fprintf(out, "%s%u", j > k ? " " : "", m->codes[order[j]]);
        if (e - k > 1)
            fputc(']', out);
        k = e;
    }
    fputc('\n', out);
}

/* One letter per computed notion: the letter when stable, '.' when not. */
static void flags_text(unsigned f, unsigned notions, char *buf)
{
    size_t len = 0;
    for (int k = 0; k < N_NOTIONS; k++)
        if (notions & NOTIONS[k])
            buf[len++] = (f & NOTIONS[k]) ? LETTERS[k] : '.';
    buf[len] = '\0';
}

static void legend(FILE *out, const parley_gmcr_result *r)
{
    static const char *what[N_NOTIONS] = {"Nash", "GMR", "SMR", "SEQ", "SIM", "SEQ+SIM", "L_h", "non-myopic"};
    fprintf(out, "(");
    for (int k = 0, first = 1; k < N_NOTIONS; k++)
        if (r->notions & NOTIONS[k]) {
            fprintf(out, "%s%c %s", first ? "" : ", ", LETTERS[k], what[k]);
            if (NOTIONS[k] == PARLEY_GMCR_LH)
                fprintf(out, " with h = %u", r->horizon);
            first = 0;
        }
    fprintf(out, "; '.' unstable)");
}

static void text_status_quo(FILE *out, const parley_gmcr_report *rep)
{
    const parley_gmcr_model *m = rep->result->model;
    const parley_gmcr_paths *P = rep->paths;
    char vec[PARLEY_GMCR_MAX_OPTIONS + 1], label[512];
    size_t count = parley_gmcr_paths_count(P), shown = count < 200 ? count : 200;
    uint32_t code0;
    parley_gmcr_paths_entry(P, 0, &code0, NULL, NULL, NULL);
    fprintf(out, "\nStatus quo %u (%s, %s): %zu state%s reachable by unilateral improvements (shortest paths)\n",
            code0, parley_gmcr_model_state_vector(m, code0, vec, sizeof vec),
            parley_gmcr_model_state_label(m, code0, label, sizeof label), count - 1, count - 1 == 1 ? "" : "s");
    for (size_t i = 1; i < shown; i++) {
        uint32_t code, pc;
        size_t depth;
        long parent;
        int mover;
        parley_gmcr_paths_entry(P, i, &code, &depth, &parent, &mover);
        parley_gmcr_paths_entry(P, (size_t)parent, &pc, NULL, NULL, NULL);
        unsigned eq = parley_gmcr_result_equilibrium(rep->result, (size_t)m->index[code]);
        fprintf(out, "  %-8u %s  step %zu: %s moves from %u to %s", code,
                parley_gmcr_model_state_vector(m, code, vec, sizeof vec), depth, m->dms[mover].name, pc,
                parley_gmcr_model_state_label(m, code, label, sizeof label));
        if (eq) {
            fprintf(out, "  equilibrium:");
            for (int k = 0; k < N_NOTIONS; k++)
                if (eq & NOTIONS[k])
                    fprintf(out, " %s", parley_gmcr_notion_name(NOTIONS[k]));
        }
        fputc('\n', out);
    }
    if (shown < count)
        fprintf(out, "  ... %zu more (use --json for all)\n", count - shown);
}

static int text_coalitions(FILE *out, const parley_gmcr_report *rep, parley_error *err)
{
    const parley_gmcr_model *m = rep->result->model;
    uint32_t from;
    parley_gmcr_paths_entry(rep->paths, 0, &from, NULL, NULL, NULL);
    fprintf(out, "\nCoalition improvements from %u (states every member prefers, reachable by the members' moves)\n",
            from);
    if (m->n_dms > 10) {
        fprintf(out, "  (skipped: more than 10 decision makers)\n");
        return PARLEY_OK;
    }
    for (uint32_t c = 1; c < (1u << m->n_dms); c++) {
        if (__builtin_popcount(c) < 2)
            continue;
        uint32_t *codes = NULL;
        size_t nc = 0;
        int rc = parley_gmcr_coalition_improvements(m, from, c, &codes, &nc, err);
        if (rc)
            return rc;
        fprintf(out, "  {");
        for (size_t i = 0, first = 1; i < m->n_dms; i++)
            if (c >> i & 1u) {
                fprintf(out, "%s%s", first ? "" : ", ", m->dms[i].name);
                first = 0;
            }
        fprintf(out, "}:");
        for (size_t k = 0; k < nc && k < 50; k++)
            fprintf(out, " %u", codes[k]);
        if (nc > 50)
            fprintf(out, " ... (%zu in all)", nc);
        fprintf(out, "%s\n", nc ? "" : " none");
        free(codes);
    }
    return PARLEY_OK;
}

int parley_gmcr_write_text(FILE *out, const parley_gmcr_report *rep, parley_error *err)
{
    if (!rep || !rep->result)
        return parley_error_set(err, PARLEY_EINVAL, "nothing to write");
    const parley_gmcr_result *r = rep->result;
    const parley_gmcr_model *m = r->model;
    size_t n = m->n_states, limit = rep->max_states ? rep->max_states : 128;
    int full = rep->all_states || n <= limit;
    char vec[PARLEY_GMCR_MAX_OPTIONS + 1];
    if (m->name[0])
        fprintf(out, "Conflict: %s\n", m->name);
    fprintf(out, "%zu decision makers, %zu options, %zu feasible states (of %lu)\n\n", m->n_dms, m->n_options, n,
            1ul << m->n_options);
    fprintf(out, "Options (state code = sum of 2^(k-1) over the options k taken):\n");
    int idw = 12, namew = 40;
    for (size_t k = 0; k < m->n_options; k++) {
        int a = (int)strlen(m->options[k].id), b = (int)strlen(m->options[k].name);
        idw = a > idw ? a : idw;
        namew = b > namew ? b : namew;
    }
    for (size_t k = 0; k < m->n_options; k++) {
        const gmcr_option *o = &m->options[k];
        fprintf(out, "  %2zu %-*s %-*s %s%s\n", k + 1, idw, o->id, namew, o->name, m->dms[o->owner].name,
                o->dir == PARLEY_GMCR_FORWARD    ? " (irreversible once taken)"
                : o->dir == PARLEY_GMCR_BACKWARD ? " (can only be withdrawn)"
                                                 : "");
    }
    if (full) {
        fprintf(out, "\nPreferences (state codes, most preferred first, ties in brackets):\n");
        for (size_t i = 0; i < m->n_dms; i++) {
            int32_t *order = ranking_order(m, i);
            if (!order)
                return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            text_ranking(out, m, i, order);
            free(order);
        }
        int vw = (int)(m->n_options > 6 ? m->n_options : 6), fw = __builtin_popcount(r->notions);
        fprintf(out, "\nStability ");
        legend(out, r);
        fprintf(out, ":\n  %-3s %-8s %-*s", "#", "code", vw, "vector");
        for (size_t i = 0; i < m->n_dms; i++) {
            int w = (int)strlen(m->dms[i].name);
            fprintf(out, " %-*s", w > fw ? w : fw, m->dms[i].name);
        }
        fprintf(out, " %-*s state (options taken)\n", fw > 11 ? fw : 11, "equilibrium");
        for (size_t s = 0; s < n; s++) {
            char f[N_NOTIONS + 1], label[512];
            fprintf(out, "  %-3zu %-8u %-*s", s + 1, m->codes[s], vw,
                    parley_gmcr_model_state_vector(m, m->codes[s], vec, sizeof vec));
            for (size_t i = 0; i < m->n_dms; i++) {
                int w = (int)strlen(m->dms[i].name);
                flags_text(r->stable[s * m->n_dms + i], r->notions, f);
                fprintf(out, " %-*s", w > fw ? w : fw, f);
            }
            flags_text(r->eq[s], r->notions, f);
            fprintf(out, " %-*s %s\n", fw > 11 ? fw : 11, r->eq[s] ? f : "",
                    parley_gmcr_model_state_label(m, m->codes[s], label, sizeof label));
        }
    } else {
        fprintf(out, "\n(%zu states: rankings and the per-state table are left out; use --all or --json)\n", n);
    }
    fprintf(out, "\nEquilibria (stable for every decision maker):\n");
    for (int k = 0; k < N_NOTIONS; k++) {
        if (!(r->notions & NOTIONS[k]))
            continue;
        size_t count = parley_gmcr_result_equilibrium_count(r, NOTIONS[k]), shown = 0;
        fprintf(out, "  %-6s %zu:", parley_gmcr_notion_name(NOTIONS[k]), count);
        for (size_t s = 0; s < n && shown < 40; s++)
            if (r->eq[s] & NOTIONS[k]) {
                fprintf(out, " %u (%s)", m->codes[s], parley_gmcr_model_state_vector(m, m->codes[s], vec, sizeof vec));
                shown++;
            }
        fprintf(out, "%s\n", count > shown ? " ..." : "");
    }
    if (r->notions & PARLEY_GMCR_LH)
        fprintf(out, "  (Lh: limited-move stability with horizon h = %u)\n", r->horizon);
    if (r->notions & PARLEY_GMCR_NM)
        fprintf(out, "  (NM: the anticipations of L_h repeat with period %u as h grows%s)\n", r->nm_period,
                r->nm_period == 1 ? ", so the limit exists" : "; NM = L_h stable at every h of the cycle");
    fprintf(out, "\nAnalysis: %zu states in %.3f s on %u thread%s\n", n, r->seconds, r->threads,
            r->threads == 1 ? "" : "s");
    if (rep->paths) {
        text_status_quo(out, rep);
        if (rep->coalitions) {
            int rc = text_coalitions(out, rep, err);
            if (rc)
                return rc;
        }
    }
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "write error") : PARLEY_OK;
}

/* The notions of f among those computed, as an array of names. */
static json_t *json_flags(unsigned f, unsigned notions)
{
    json_t *a = json_array();
    for (int k = 0; k < N_NOTIONS; k++)
        if ((notions & NOTIONS[k]) && (f & NOTIONS[k]))
            json_array_append_new(a, json_string(parley_gmcr_notion_name(NOTIONS[k])));
    return a;
}

static json_t *json_coalitions(const parley_gmcr_report *rep, parley_error *err, int *rc)
{
    const parley_gmcr_model *m = rep->result->model;
    uint32_t from;
    parley_gmcr_paths_entry(rep->paths, 0, &from, NULL, NULL, NULL);
    json_t *list = json_array();
    for (uint32_t c = 1; m->n_dms <= 10 && c < (1u << m->n_dms); c++) {
        if (__builtin_popcount(c) < 2)
            continue;
        uint32_t *codes = NULL;
        size_t nc = 0;
        if ((*rc = parley_gmcr_coalition_improvements(m, from, c, &codes, &nc, err)) != 0) {
            json_decref(list);
            return NULL;
        }
        json_t *members = json_array(), *imp = json_array();
        for (size_t i = 0; i < m->n_dms; i++)
            if (c >> i & 1u)
                json_array_append_new(members, json_string(m->dms[i].name));
        for (size_t k = 0; k < nc; k++)
            json_array_append_new(imp, json_integer(codes[k]));
        json_array_append_new(list, json_pack("{s:o,s:o}", "members", members, "improvements", imp));
        free(codes);
    }
    return list;
}

json_t *gmcr_json_state(const parley_gmcr_model *m, uint32_t code)
{
    char vec[PARLEY_GMCR_MAX_OPTIONS + 1], label[1024];
    return json_pack("{s:I,s:s,s:s}", "code", (json_int_t)code, "vector",
                     parley_gmcr_model_state_vector(m, code, vec, sizeof vec), "label",
                     parley_gmcr_model_state_label(m, code, label, sizeof label));
}

static json_t *json_options(const parley_gmcr_model *m)
{
    json_t *a = json_array();
    for (size_t k = 0; k < m->n_options; k++) {
        const gmcr_option *o = &m->options[k];
        json_array_append_new(a, json_pack("{s:i,s:s,s:s,s:s,s:s}", "number", (int)(k + 1), "id", o->id, "name",
                                           o->name, "decision_maker", m->dms[o->owner].name, "reversibility",
                                           direction_name(o->dir)));
    }
    return a;
}

static json_t *json_rankings(const parley_gmcr_model *m)
{
    size_t n = m->n_states;
    json_t *a = json_array();
    for (size_t i = 0; i < m->n_dms; i++) {
        int32_t *order = ranking_order(m, i);
        if (!order) {
            json_decref(a);
            return NULL;
        }
        const int32_t *p = m->pref + i * n;
        json_t *ranking = json_array();
        for (size_t k = 0; k < n;) {
            size_t e = k + 1;
            while (e < n && p[order[e]] == p[order[k]])
                e++;
            json_t *tie = json_array();
            for (size_t j = k; j < e; j++)
                json_array_append_new(tie, json_integer(m->codes[order[j]]));
            json_array_append_new(ranking, tie);
            k = e;
        }
        json_array_append_new(a, json_pack("{s:s,s:o}", "name", m->dms[i].name, "ranking", ranking));
        free(order);
    }
    return a;
}

static json_t *json_state_row(const parley_gmcr_result *r, size_t s)
{
    const parley_gmcr_model *m = r->model;
    json_t *st = json_object(), *row = gmcr_json_state(m, m->codes[s]), *stable = json_object();
    json_object_set_new(st, "number", json_integer((json_int_t)s + 1));
    json_object_update(st, row);
    json_decref(row);
    for (size_t i = 0; i < m->n_dms; i++)
        json_object_set_new(stable, m->dms[i].name, json_flags(r->stable[s * m->n_dms + i], r->notions));
    json_object_set_new(st, "stable", stable);
    json_object_set_new(st, "equilibrium", json_flags(r->eq[s], r->notions));
    return st;
}

static json_t *json_status_quo(const parley_gmcr_report *rep)
{
    const parley_gmcr_result *r = rep->result;
    const parley_gmcr_model *m = r->model;
    size_t count = parley_gmcr_paths_count(rep->paths);
    uint32_t code0;
    parley_gmcr_paths_entry(rep->paths, 0, &code0, NULL, NULL, NULL);
    json_t *reach = json_array();
    for (size_t i = 0; i < count; i++) {
        uint32_t code, pc = 0;
        size_t depth;
        long parent;
        int mover;
        parley_gmcr_paths_entry(rep->paths, i, &code, &depth, &parent, &mover);
        json_t *e = gmcr_json_state(m, code);
        json_object_set_new(e, "depth", json_integer((json_int_t)depth));
        if (parent >= 0) {
            parley_gmcr_paths_entry(rep->paths, (size_t)parent, &pc, NULL, NULL, NULL);
            json_object_set_new(e, "from", json_integer(pc));
            json_object_set_new(e, "mover", json_string(m->dms[mover].name));
        } else {
            json_object_set_new(e, "from", json_null());
            json_object_set_new(e, "mover", json_null());
        }
        json_object_set_new(e, "equilibrium", json_flags(r->eq[m->index[code]], r->notions));
        json_array_append_new(reach, e);
    }
    return json_pack("{s:I,s:o}", "from", (json_int_t)code0, "reachable", reach);
}

int parley_gmcr_write_json(FILE *out, const parley_gmcr_report *rep, parley_error *err)
{
    if (!rep || !rep->result)
        return parley_error_set(err, PARLEY_EINVAL, "nothing to write");
    const parley_gmcr_result *r = rep->result;
    const parley_gmcr_model *m = r->model;
    size_t n = m->n_states;
    gmcr_json_writer w = {.out = out};
    json_t *rankings = json_rankings(m);
    if (!rankings)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    gmcr_json_member(&w, "name", json_string(m->name));
    gmcr_json_member(&w, "options", json_options(m));
    gmcr_json_member(&w, "decision_makers", rankings);
    gmcr_json_member(&w, "notions", json_flags(PARLEY_GMCR_ALL | PARLEY_GMCR_LH | PARLEY_GMCR_NM, r->notions));
    if (r->notions & PARLEY_GMCR_LH)
        gmcr_json_member(&w, "horizon", json_integer(r->horizon));
    if (r->notions & PARLEY_GMCR_NM)
        gmcr_json_member(&w, "non_myopic_period", json_integer(r->nm_period));
    gmcr_json_array_begin(&w, "states");
    for (size_t s = 0; s < n; s++)
        gmcr_json_array_item(&w, json_state_row(r, s));
    gmcr_json_array_end(&w);
    json_t *eqs = json_object();
    for (int k = 0; k < N_NOTIONS; k++) {
        if (!(r->notions & NOTIONS[k]))
            continue;
        json_t *list = json_array();
        for (size_t s = 0; s < n; s++)
            if (r->eq[s] & NOTIONS[k])
                json_array_append_new(list, json_integer(m->codes[s]));
        json_object_set_new(eqs, parley_gmcr_notion_name(NOTIONS[k]), list);
    }
    gmcr_json_member(&w, "equilibria", eqs);
    gmcr_json_member(&w, "analysis", json_pack("{s:I,s:f,s:i}", "states", (json_int_t)n, "seconds", r->seconds,
                                               "threads", (int)r->threads));
    if (rep->paths) {
        gmcr_json_member(&w, "status_quo", json_status_quo(rep));
        if (rep->coalitions) {
            int rc = 0;
            json_t *co = json_coalitions(rep, err, &rc);
            if (!co)
                return rc;
            gmcr_json_member(&w, "coalitions", co);
        }
    }
    return gmcr_json_end(&w, err);
}

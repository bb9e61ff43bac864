/*
 * gmcr_output.c: writes a conflict analysis as human-readable text or as one
 * JSON document (streamed, so a million states need no document tree): the
 * options, each DM's ranking, the stability table, the equilibria, and the
 * status-quo and coalition analysis when asked for.
 */
#include "gmcr_internal.h"

#include <stdlib.h>
#include <string.h>

static const parley_gmcr_notion NOTIONS[4] = {PARLEY_GMCR_NASH, PARLEY_GMCR_GMR, PARLEY_GMCR_SMR,
                                              PARLEY_GMCR_SEQ};

static const char *direction_name(parley_gmcr_direction d)
{
    return d == PARLEY_GMCR_FORWARD ? "forward" : d == PARLEY_GMCR_BACKWARD ? "backward" : "both";
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
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

static void flags_text(unsigned f, unsigned notions, char *buf)
{
    const char letters[4] = {'R', 'G', 'S', 'Q'};
    for (int k = 0; k < 4; k++)
        buf[k] = (notions & NOTIONS[k]) ? ((f & NOTIONS[k]) ? letters[k] : '.') : ' ';
    buf[4] = '\0';
}

static void text_status_quo(FILE *out, const parley_gmcr_report *rep)
{
    const parley_gmcr_model *m = rep->result->model;
    const parley_gmcr_paths *P = rep->paths;
    char vec[PARLEY_GMCR_MAX_OPTIONS + 1];
    size_t count = parley_gmcr_paths_count(P), shown = count < 200 ? count : 200;
    uint32_t code0;
    parley_gmcr_paths_entry(P, 0, &code0, NULL, NULL, NULL);
    fprintf(out, "\nStatus quo %u (%s): %zu state%s reachable by unilateral improvements (shortest paths)\n", code0,
            parley_gmcr_model_state_vector(m, code0, vec, sizeof vec), count - 1, count - 1 == 1 ? "" : "s");
    for (size_t i = 1; i < shown; i++) {
        uint32_t code, pc;
        size_t depth;
        long parent;
        int mover;
        parley_gmcr_paths_entry(P, i, &code, &depth, &parent, &mover);
        parley_gmcr_paths_entry(P, (size_t)parent, &pc, NULL, NULL, NULL);
        unsigned eq = parley_gmcr_result_equilibrium(rep->result, (size_t)m->index[code]);
        fprintf(out, "  %-8u %s  step %zu: %s moves from %u", code, parley_gmcr_model_state_vector(m, code, vec, sizeof vec),
                depth, m->dms[mover].name, pc);
        if (eq) {
            fprintf(out, "  equilibrium:");
            for (int k = 0; k < 4; k++)
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
    for (size_t k = 0; k < m->n_options; k++) {
        const gmcr_option *o = &m->options[k];
        fprintf(out, "  %2zu %-12s %-40s %s%s\n", k + 1, o->id, o->name, m->dms[o->owner].name,
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
        fprintf(out, "\nStability (R Nash, G GMR, S SMR, Q SEQ; '.' unstable):\n  %-3s %-8s %-*s", "#", "code",
                (int)(m->n_options > 6 ? m->n_options : 6), "vector");
        for (size_t i = 0; i < m->n_dms; i++)
            fprintf(out, " %-10.10s", m->dms[i].name);
        fprintf(out, " equilibrium\n");
        for (size_t s = 0; s < n; s++) {
            char f[5];
            fprintf(out, "  %-3zu %-8u %-*s", s + 1, m->codes[s], (int)(m->n_options > 6 ? m->n_options : 6),
                    parley_gmcr_model_state_vector(m, m->codes[s], vec, sizeof vec));
            for (size_t i = 0; i < m->n_dms; i++) {
                flags_text(r->stable[s * m->n_dms + i], r->notions, f);
                fprintf(out, " %-10s", f);
            }
            flags_text(r->eq[s], r->notions, f);
            fprintf(out, " %s\n", r->eq[s] ? f : "");
        }
    } else {
        fprintf(out, "\n(%zu states: rankings and the per-state table are left out; use --all or --json)\n", n);
    }
    fprintf(out, "\nEquilibria (stable for every decision maker):\n");
    for (int k = 0; k < 4; k++) {
        if (!(r->notions & NOTIONS[k]))
            continue;
        size_t count = parley_gmcr_result_equilibrium_count(r, NOTIONS[k]), shown = 0;
        fprintf(out, "  %-5s %zu:", parley_gmcr_notion_name(NOTIONS[k]), count);
        for (size_t s = 0; s < n && shown < 40; s++)
            if (r->eq[s] & NOTIONS[k]) {
                fprintf(out, " %u (%s)", m->codes[s], parley_gmcr_model_state_vector(m, m->codes[s], vec, sizeof vec));
                shown++;
            }
        fprintf(out, "%s\n", count > shown ? " ..." : "");
    }
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

static void json_flags(FILE *out, unsigned f, unsigned notions)
{
    fputc('[', out);
    for (int k = 0, first = 1; k < 4; k++)
        if ((notions & NOTIONS[k]) && (f & NOTIONS[k])) {
            fprintf(out, "%s\"%s\"", first ? "" : ",", parley_gmcr_notion_name(NOTIONS[k]));
            first = 0;
        }
    fputc(']', out);
}

static int json_coalitions(FILE *out, const parley_gmcr_report *rep, parley_error *err)
{
    const parley_gmcr_model *m = rep->result->model;
    uint32_t from;
    parley_gmcr_paths_entry(rep->paths, 0, &from, NULL, NULL, NULL);
    fprintf(out, ",\n\"coalitions\":[");
    int first = 1;
    for (uint32_t c = 1; m->n_dms <= 10 && c < (1u << m->n_dms); c++) {
        if (__builtin_popcount(c) < 2)
            continue;
        uint32_t *codes = NULL;
        size_t nc = 0;
        int rc = parley_gmcr_coalition_improvements(m, from, c, &codes, &nc, err);
        if (rc)
            return rc;
        fprintf(out, "%s\n {\"members\":[", first ? "" : ",");
        first = 0;
        for (size_t i = 0, f = 1; i < m->n_dms; i++)
            if (c >> i & 1u) {
                if (!f)
                    fputc(',', out);
                json_string(out, m->dms[i].name);
                f = 0;
            }
        fprintf(out, "],\"improvements\":[");
        for (size_t k = 0; k < nc; k++)
            fprintf(out, "%s%u", k ? "," : "", codes[k]);
        fprintf(out, "]}");
        free(codes);
    }
    fprintf(out, "]");
    return PARLEY_OK;
}

int parley_gmcr_write_json(FILE *out, const parley_gmcr_report *rep, parley_error *err)
{
    if (!rep || !rep->result)
        return parley_error_set(err, PARLEY_EINVAL, "nothing to write");
    const parley_gmcr_result *r = rep->result;
    const parley_gmcr_model *m = r->model;
    size_t n = m->n_states;
    char vec[PARLEY_GMCR_MAX_OPTIONS + 1];
    fprintf(out, "{\"name\":");
    json_string(out, m->name);
    fprintf(out, ",\n\"options\":[");
    for (size_t k = 0; k < m->n_options; k++) {
        const gmcr_option *o = &m->options[k];
        fprintf(out, "%s\n {\"number\":%zu,\"id\":", k ? "," : "", k + 1);
        json_string(out, o->id);
        fprintf(out, ",\"name\":");
        json_string(out, o->name);
        fprintf(out, ",\"decision_maker\":");
        json_string(out, m->dms[o->owner].name);
        fprintf(out, ",\"reversibility\":\"%s\"}", direction_name(o->dir));
    }
    fprintf(out, "],\n\"decision_makers\":[");
    for (size_t i = 0; i < m->n_dms; i++) {
        int32_t *order = ranking_order(m, i);
        if (!order)
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        const int32_t *p = m->pref + i * n;
        fprintf(out, "%s\n {\"name\":", i ? "," : "");
        json_string(out, m->dms[i].name);
        fprintf(out, ",\"ranking\":[");
        for (size_t k = 0; k < n;) {
            size_t e = k + 1;
            while (e < n && p[order[e]] == p[order[k]])
                e++;
            fprintf(out, "%s[", k ? "," : "");
            for (size_t j = k; j < e; j++)
                fprintf(out, "%s%u", j > k ? "," : "", m->codes[order[j]]);
            fputc(']', out);
            k = e;
        }
        fprintf(out, "]}");
        free(order);
    }
    fprintf(out, "],\n\"notions\":");
    json_flags(out, PARLEY_GMCR_ALL, r->notions);
    fprintf(out, ",\n\"states\":[");
    for (size_t s = 0; s < n; s++) {
        fprintf(out, "%s\n {\"number\":%zu,\"code\":%u,\"vector\":\"%s\",\"stable\":{", s ? "," : "", s + 1,
                m->codes[s], parley_gmcr_model_state_vector(m, m->codes[s], vec, sizeof vec));
        for (size_t i = 0; i < m->n_dms; i++) {
            if (i)
                fputc(',', out);
            json_string(out, m->dms[i].name);
            fputc(':', out);
            json_flags(out, r->stable[s * m->n_dms + i], r->notions);
        }
        fprintf(out, "},\"equilibrium\":");
        json_flags(out, r->eq[s], r->notions);
        fputc('}', out);
    }
    fprintf(out, "],\n\"equilibria\":{");
    for (int k = 0, first = 1; k < 4; k++) {
        if (!(r->notions & NOTIONS[k]))
            continue;
        fprintf(out, "%s\"%s\":[", first ? "" : ",", parley_gmcr_notion_name(NOTIONS[k]));
        first = 0;
        for (size_t s = 0, f = 1; s < n; s++)
            if (r->eq[s] & NOTIONS[k]) {
                fprintf(out, "%s%u", f ? "" : ",", m->codes[s]);
                f = 0;
            }
        fputc(']', out);
    }
    fprintf(out, "},\n\"analysis\":{\"states\":%zu,\"seconds\":%.6f,\"threads\":%u}", n, r->seconds, r->threads);
    if (rep->paths) {
        size_t count = parley_gmcr_paths_count(rep->paths);
        uint32_t code0;
        parley_gmcr_paths_entry(rep->paths, 0, &code0, NULL, NULL, NULL);
        fprintf(out, ",\n\"status_quo\":{\"from\":%u,\"reachable\":[", code0);
        for (size_t i = 0; i < count; i++) {
            uint32_t code, pc = 0;
            size_t depth;
            long parent;
            int mover;
            parley_gmcr_paths_entry(rep->paths, i, &code, &depth, &parent, &mover);
            fprintf(out, "%s\n {\"code\":%u,\"vector\":\"%s\",\"depth\":%zu,\"from\":", i ? "," : "", code,
                    parley_gmcr_model_state_vector(m, code, vec, sizeof vec), depth);
            if (parent >= 0) {
                parley_gmcr_paths_entry(rep->paths, (size_t)parent, &pc, NULL, NULL, NULL);
                fprintf(out, "%u,\"mover\":", pc);
                json_string(out, m->dms[mover].name);
            } else {
                fprintf(out, "null,\"mover\":null");
            }
            fprintf(out, ",\"equilibrium\":");
            json_flags(out, r->eq[m->index[code]], r->notions);
            fputc('}', out);
        }
        fprintf(out, "]}");
        if (rep->coalitions) {
            int rc = json_coalitions(out, rep, err);
            if (rc)
                return rc;
        }
    }
    fprintf(out, "}\n");
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "write error") : PARLEY_OK;
}

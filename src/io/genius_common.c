/* genius_common.c: names, numbers and warnings shared by the GENIUS and GeniusWeb readers and writers. */
#include "io/genius_internal.h"

#include <math.h>
#include <stdlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The identifier form of text without the uniqueness suffix: runs of other characters become one '_'. */
static void sanitize(const char *text, char *out, size_t size)
{
    size_t o = 0;
    int pending = 0;
    for (const char *p = text; *p && o + 3 < size; p++) {
        if (!ident_char(*p)) {
            pending = 1;
            continue;
        }
        if (pending && o > 0)
            out[o++] = '_';
        pending = 0;
        out[o++] = *p;
    }
    out[o] = '\0';
    if (o == 0) {
        snprintf(out, size, "issue");
    } else if (out[0] >= '0' && out[0] <= '9') {
        memmove(out + 1, out, o + 1);
        out[0] = '_';
    }
}

void genius_make_identifier(const char *text, const parley_space *space, char *out, size_t size)
{
    char base[200];
    sanitize(text ? text : "", base, sizeof base);
    snprintf(out, size, "%s", base);
    for (unsigned k = 2; parley_space_find_issue(space, out) >= 0; k++)
        snprintf(out, size, "%s_%u", base, k);
}

void genius_base_name(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    snprintf(out, size, "%s", base);
    char *dot = strrchr(out, '.');
    if (dot && dot != out)
        *dot = '\0';
}

static void genius_party_name(const char *path, const parley_scenario *sc, char *out, size_t size)
{
    char base[200];
    genius_base_name(path, base, sizeof base);
    if (!base[0])
        snprintf(base, sizeof base, "party");
    snprintf(out, size, "%s", base);
    for (unsigned k = 2; parley_scenario_find_party(sc, out) >= 0; k++)
        snprintf(out, size, "%s-%u", base, k);
}

int genius_add_profile_party(parley_scenario *sc, const char *path, const char *format, parley_utility *u,
                             parley_error *err)
{
    char name[256];
    genius_party_name(path, sc, name, sizeof name);
    long index = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, err);
    if (index < 0)
        return (int)index;
    char about[1200];
    snprintf(about, sizeof about, "%s profile %s", format, path);
    parley_party_set_description(sc, (size_t)index, about);
    return PARLEY_OK;
}

const parley_utility *genius_profile_to_write(const parley_scenario *sc, size_t party, parley_error *err)
{
    const parley_utility *u = party < parley_scenario_party_count(sc) ? parley_party_utility(sc, party) : NULL;
    if (!u)
        parley_error_set(err, PARLEY_EINVAL, "party %zu has no preferences to write", party);
    return u;
}

const char *genius_issue_external_name(const parley_space *space, size_t issue)
{
    const char *name = parley_issue_name(space, issue);
    const char *description = parley_issue_description(space, issue);
    if (!description || !description[0])
        return name;
    char again[256];
    sanitize(description, again, sizeof again);
    if (strcmp(again, name) == 0)
        return description;
    /* a suffix added for uniqueness: "x_2" from "x" */
    size_t len = strlen(again);
    if (strncmp(name, again, len) == 0 && name[len] == '_' && name[len + 1] >= '2' && name[len + 1] <= '9')
        return description;
    return name;
}

void genius_warn(parley_warn_fn warn, void *ctx, const char *fmt, ...)
{
    if (!warn)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    warn(ctx, buf);
}

void genius_xml_escape(FILE *out, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default: fputc(*s, out);
        }
}

int genius_parse_texts(const char *const *texts, const size_t *lengths, const char *const *names, size_t n,
                       genius_documents_fn parse, parley_scenario **out, parley_error *err)
{
    *out = NULL;
    parley_document *docs = calloc(n ? n : 1, sizeof *docs);
    if (!docs)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        docs[i] = (parley_document){names[i], texts[i], lengths[i]};
    int rc = parse(docs, n, NULL, out, err);
    free(docs);
    return rc;
}

void genius_weights_sum(const parley_load_options *options, const char *file, double total, double *weights,
                        size_t n)
{
    if (options && options->normalise_weights) {
        if (total > 0 && fabs(total - 1.0) > 1e-12)
            for (size_t i = 0; i < n; i++)
                weights[i] /= total;
        return;
    }
    if (fabs(total - 1.0) > 1e-9 && options)
        genius_warn(options->warn, options->warn_ctx,
                    "%s: the issue weights sum to %.9g, not 1; parley uses them as written, as GENIUS does "
                    "(a utility above 1 counts as 1; --normalise-weights divides them by their sum)",
                    file, total);
}

void genius_warn_losses(const parley_scenario *sc, const char *format, parley_warn_fn warn, void *warn_ctx)
{
    for (size_t c = 0; c < parley_scenario_constraint_count(sc); c++) {
        const parley_constraint *con = parley_scenario_constraint(sc, c);
        if (con->party < 0)
            genius_warn(warn, warn_ctx, "global constraint '%s' (%s) has no %s form and is left out", con->name,
                        con->rule, format);
        else
            genius_warn(warn, warn_ctx, "%s's red line '%s' (%s) has no %s form and is left out",
                        parley_party_name(sc, (size_t)con->party), con->name, con->rule, format);
    }
    for (size_t p = 0; p < parley_scenario_party_count(sc); p++)
        if (parley_party_role(sc, p) == PARLEY_ROLE_MEDIATOR)
            genius_warn(warn, warn_ctx, "mediator '%s' has no %s form and is left out", parley_party_name(sc, p),
                        format);
    for (size_t ph = 0; ph < parley_scenario_phase_count(sc); ph++)
        genius_warn(warn, warn_ctx,
                    "phase '%s' has no %s form and is left out: its issues take effect at signature, so expected "
                    "utilities change",
                    parley_phase_name(sc, ph), format);
    for (size_t p = 0; p < parley_scenario_party_count(sc); p++)
        for (size_t ph = 1; ph < parley_scenario_phase_count(sc); ph++)
            if (parley_scenario_trust(sc, p, ph) < 1)
                genius_warn(warn, warn_ctx,
                            "%s's trust %g that phase '%s' is carried out has no %s form and is left out (every "
                            "utility of that party changes)",
                            parley_party_name(sc, p), parley_scenario_trust(sc, p, ph), parley_phase_name(sc, ph),
                            format);
    if (parley_scenario_source_count(sc) > 0)
        genius_warn(warn, warn_ctx, "%zu source%s ha%s no %s form and %s left out", parley_scenario_source_count(sc),
                    parley_scenario_source_count(sc) == 1 ? "" : "s", parley_scenario_source_count(sc) == 1 ? "s" : "ve",
                    format, parley_scenario_source_count(sc) == 1 ? "is" : "are");
}

int genius_check_limits(const parley_space *space, size_t profiles, const parley_load_options *options,
                        const char *file, parley_error *err)
{
    if (!options)
        return PARLEY_OK;
    double cells = 0;
    for (size_t i = 0; i < parley_space_issue_count(space); i++) {
        uint32_t values = parley_issue_value_count(space, i);
        if (options->max_issue_values && values > options->max_issue_values)
            return parley_error_set_at(err, PARLEY_ERANGE, file, 0, 0, NULL,
                                       "issue '%s' has %u values: at most %zu are allowed here",
                                       parley_issue_name(space, i), values, options->max_issue_values);
        cells += (double)values * (double)profiles;
    }
    if (options->max_table_cells && cells > (double)options->max_table_cells)
        return parley_error_set_at(err, PARLEY_ERANGE, file, 0, 0, NULL,
                                   "the profiles' value tables would hold %.0f cells: at most %zu are allowed here",
                                   cells, options->max_table_cells);
    return PARLEY_OK;
}

/*
 * genius_write.c: a parley_scenario as a GENIUS XML domain and profiles.
 *
 * Categorical issues become discrete issues; an integer issue on a grid of
 * step 1 whose value utilities are linear for every party becomes an integer
 * issue with linear evaluators (and a real issue of PARLEY_GENIUS_REAL_VALUES
 * values likewise a real issue); any other numeric issue is written as a
 * discrete issue whose values are the numbers.  Hyperrectangles become a
 * nonlinear <utility> part.  What GENIUS cannot express is reported through the
 * warn callback: global constraints and red lines, mediators, reservation
 * curves, value tables whose best value is worth less than 1 (GENIUS divides
 * evaluations by the largest), rectangles over categorical issues.
 */
#include <parley/genius.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/genius_internal.h"

enum form { FORM_DISCRETE, FORM_INTEGER, FORM_REAL };

/*
 * 1 when party p's values of numeric issue i are a GENIUS linear evaluator:
 * clamp(slope * (x - x0) + offset, 0, 1) on the issue's numbers x (x0 the
 * first); gives slope and offset.  The line is fitted through the values
 * strictly inside (0,1) when there are two, else through the end values.
 */
static int linear_values(const parley_scenario *sc, size_t p, size_t i, double *slope, double *offset)
{
    const parley_space *s = parley_scenario_space(sc);
    const parley_utility *u = parley_party_utility(sc, p);
    uint32_t n = parley_issue_value_count(s, i);
    double x0 = parley_issue_number(s, i, 0);
    uint32_t a = 0, b = n - 1;
    long first = -1, last = -1;
    for (uint32_t k = 0; k < n; k++) {
        double v = parley_utility_value(u, i, k);
        if (v > 0 && v < 1) {
            if (first < 0)
                first = k;
            last = k;
        }
    }
    if (first >= 0 && last > first) {
        a = (uint32_t)first;
        b = (uint32_t)last;
    }
    double xa = parley_issue_number(s, i, a), xb = parley_issue_number(s, i, b);
    double va = parley_utility_value(u, i, a), vb = parley_utility_value(u, i, b);
    *slope = b > a ? (vb - va) / (xb - xa) : 0;
    *offset = va + *slope * (x0 - xa);
    for (uint32_t k = 0; k < n; k++) {
        double y = *offset + *slope * (parley_issue_number(s, i, k) - x0);
        y = y < 0 ? 0 : y > 1 ? 1 : y;
        if (fabs(y - parley_utility_value(u, i, k)) > 1e-12)
            return 0;
    }
    return 1;
}

static enum form issue_form(const parley_scenario *sc, size_t i)
{
    const parley_space *s = parley_scenario_space(sc);
    parley_issue_type t = parley_issue_type_of(s, i);
    if (t == PARLEY_ISSUE_CATEGORICAL)
        return FORM_DISCRETE;
    if (t == PARLEY_ISSUE_INTEGER && parley_issue_step(s, i) != 1)
        return FORM_DISCRETE;
    if (t == PARLEY_ISSUE_REAL && parley_issue_value_count(s, i) != PARLEY_GENIUS_REAL_VALUES)
        return FORM_DISCRETE;
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        double slope, offset;
        if (!linear_values(sc, parley_scenario_negotiator(sc, k), i, &slope, &offset))
            return FORM_DISCRETE;
    }
    return t == PARLEY_ISSUE_INTEGER ? FORM_INTEGER : FORM_REAL;
}

static void write_issue_open(FILE *out, const parley_scenario *sc, size_t i, enum form form, int has_body)
{
    const parley_space *s = parley_scenario_space(sc);
    static const char *types[] = {"discrete", "integer", "real"};
    char a[64], b[64];
    fprintf(out, "      <issue index=\"%zu\" name=\"", i + 1);
    genius_xml_escape(out, genius_issue_external_name(s, i));
    fprintf(out, "\" type=\"%s\" etype=\"%s\" vtype=\"%s\"", types[form], types[form], types[form]);
    if (form != FORM_DISCRETE)
        fprintf(out, " lowerbound=\"%s\" upperbound=\"%s\"", parley_format_number(parley_issue_min(s, i), a, sizeof a),
                parley_format_number(parley_issue_max(s, i), b, sizeof b));
    fprintf(out, has_body ? ">\n" : "/>\n");
}

static void write_value_label(FILE *out, const parley_space *s, size_t i, uint32_t v)
{
    char buf[256];
    const char *label = parley_issue_label(s, i, v);
    genius_xml_escape(out, label ? label : parley_issue_format_value(s, i, v, buf, sizeof buf));
}

int parley_genius_write_domain(const parley_scenario *sc, FILE *out, parley_warn_fn warn, void *warn_ctx,
                               parley_error *err)
{
    const parley_space *s = parley_scenario_space(sc);
    size_t n = parley_space_issue_count(s);
    genius_warn_losses(sc, "GENIUS", warn, warn_ctx);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<negotiation_template>\n");
    fprintf(out, "  <utility_space number_of_issues=\"%zu\">\n", n);
    fprintf(out, "    <objective index=\"0\" description=\"\" name=\"");
    genius_xml_escape(out, parley_scenario_title(sc)[0] ? parley_scenario_title(sc) : "root");
    fprintf(out, "\" type=\"objective\" etype=\"objective\">\n");
    for (size_t i = 0; i < n; i++) {
        enum form form = issue_form(sc, i);
        if (form == FORM_DISCRETE && parley_issue_type_of(s, i) != PARLEY_ISSUE_CATEGORICAL)
            genius_warn(warn, warn_ctx,
                        "issue '%s' is written as a discrete issue of numbers (GENIUS has no form for its grid or "
                        "its value utilities): it reads back as a categorical issue",
                        parley_issue_name(s, i));
        write_issue_open(out, sc, i, form, form == FORM_DISCRETE);
        if (form != FORM_DISCRETE)
            continue;
        for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++) {
            fprintf(out, "        <item index=\"%u\" value=\"", v + 1);
            write_value_label(out, s, i, v);
            fprintf(out, "\"/>\n");
        }
        fprintf(out, "      </issue>\n");
    }
    fprintf(out, "    </objective>\n  </utility_space>\n</negotiation_template>\n");
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the GENIUS domain") : PARLEY_OK;
}

static void write_rectangles(FILE *out, const parley_scenario *sc, size_t party, parley_warn_fn warn,
                             void *warn_ctx)
{
    const parley_space *s = parley_scenario_space(sc);
    const parley_utility *u = parley_party_utility(sc, party);
    size_t n = parley_space_issue_count(s);
    size_t *issues = calloc(n + 1, sizeof *issues);
    uint32_t *lo = calloc(n + 1, sizeof *lo), *hi = calloc(n + 1, sizeof *hi);
    char a[64], b[64];
    if (!issues || !lo || !hi)
        goto done;
    fprintf(out, "      <utility maxutility=\"%s\">\n",
            parley_format_number(parley_utility_rectangle_scale(u), a, sizeof a));
    fprintf(out, "        <ufun type=\"PlainUfun\" weight=\"1\" aggregation=\"sum\">\n");
    for (size_t r = 0; r < parley_utility_rectangle_count(u); r++) {
        double value;
        size_t m = parley_utility_rectangle(u, r, &value, issues, lo, hi, n + 1);
        int categorical = 0;
        for (size_t k = 0; k < m && k <= n; k++)
            categorical |= parley_issue_type_of(s, issues[k]) == PARLEY_ISSUE_CATEGORICAL;
        if (categorical || m > n) {
            genius_warn(warn, warn_ctx, "%s: rectangle %zu ranges over a categorical issue, which GENIUS "
                        "rectangles cannot name; left out", parley_party_name(sc, party), r + 1);
            continue;
        }
        fprintf(out, "          <hyperRectangle utility=\"%s\">\n", parley_format_number(value, a, sizeof a));
        for (size_t k = 0; k < m; k++)
            fprintf(out, "            <INCLUDES index=\"%zu\" min=\"%s\" max=\"%s\"/>\n", issues[k] + 1,
                    parley_format_number(parley_issue_number(s, issues[k], lo[k]), a, sizeof a),
                    parley_format_number(parley_issue_number(s, issues[k], hi[k]), b, sizeof b));
        fprintf(out, "          </hyperRectangle>\n");
    }
    fprintf(out, "        </ufun>\n      </utility>\n");
done:
    free(issues);
    free(lo);
    free(hi);
}

int parley_genius_write_profile(const parley_scenario *sc, size_t party, FILE *out, parley_warn_fn warn,
                                void *warn_ctx, parley_error *err)
{
    const parley_space *s = parley_scenario_space(sc);
    const parley_utility *u = genius_profile_to_write(sc, party, err);
    if (!u)
        return PARLEY_EINVAL;
    const char *who = parley_party_name(sc, party);
    size_t n = parley_space_issue_count(s);
    char a[64], b[64];
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<utility_space>\n");
    fprintf(out, "    <objective index=\"0\" description=\"\" name=\"");
    genius_xml_escape(out, parley_scenario_title(sc)[0] ? parley_scenario_title(sc) : "root");
    fprintf(out, "\" type=\"objective\" etype=\"objective\">\n");
    for (size_t i = 0; i < n; i++) {
        enum form form = issue_form(sc, i);
        write_issue_open(out, sc, i, form, 1);
        if (form == FORM_DISCRETE) {
            double top = 0;
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                top = fmax(top, parley_utility_value(u, i, v));
            if (top > 0 && top < 1 - 1e-12 && parley_utility_weight(u, i) > 0)
                genius_warn(warn, warn_ctx,
                            "%s: the best value of issue '%s' is worth %g, not 1; GENIUS divides evaluations by the "
                            "largest, so this issue's utilities read back scaled by %g", who, parley_issue_name(s, i),
                            top, 1 / top);
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++) {
                fprintf(out, "        <item index=\"%u\" value=\"", v + 1);
                write_value_label(out, s, i, v);
                fprintf(out, "\" evaluation=\"%s\"/>\n", parley_format_number(parley_utility_value(u, i, v), a, sizeof a));
            }
        } else {
            double slope, offset;
            linear_values(sc, party, i, &slope, &offset);
            fprintf(out, "        <evaluator ftype=\"linear\" slope=\"%s\" offset=\"%s\"/>\n",
                    parley_format_number(slope, a, sizeof a), parley_format_number(offset, b, sizeof b));
        }
        fprintf(out, "      </issue>\n");
    }
    int additive_part = 0;
    for (size_t i = 0; i < n; i++)
        additive_part |= parley_utility_weight(u, i) > 0;
    for (size_t i = 0; i < n && (additive_part || parley_utility_is_additive(u)); i++)
        fprintf(out, "      <weight index=\"%zu\" value=\"%s\"/>\n", i + 1,
                parley_format_number(parley_utility_weight(u, i), a, sizeof a));
    if (!parley_utility_is_additive(u))
        write_rectangles(out, sc, party, warn, warn_ctx);
    fprintf(out, "    </objective>\n");
    fprintf(out, "  <discount_factor value=\"%s\"/>\n", parley_format_number(parley_utility_discount(u), a, sizeof a));
    const double *t, *r;
    if (parley_utility_reservation_curve(u, &t, &r) > 0)
        genius_warn(warn, warn_ctx, "%s: the reservation curve (pressure over time) has no GENIUS form; the "
                    "reservation value at the start, %g, is written", who, parley_utility_reservation_at(u, 0));
    fprintf(out, "  <reservation value=\"%s\"/>\n</utility_space>\n",
            parley_format_number(parley_utility_reservation_at(u, 0), a, sizeof a));
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the GENIUS profile") : PARLEY_OK;
}

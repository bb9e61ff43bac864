/*
 * boa_accuracy.c: how well an opponent model knows its opponent: Pearson
 * correlation, RMSE and Kendall's tau-b between the model's and the true
 * utilities over the outcome space, every outcome when the space is small,
 * otherwise a uniform sample drawn from a seed (Baarslag et al. 2013).
 */
#include "agents/boa.h"

#include <parley/stats.h>

#include <math.h>
#include <stdlib.h>
#include "core/splitmix.h"

static int sign(double x)
{
    return (x > 1e-12) - (x < -1e-12);
}

double boa_kendall_tau(const double *x, const double *y, size_t n)
{
    double concordant = 0, discordant = 0, tied_x = 0, tied_y = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            int a = sign(x[i] - x[j]), b = sign(y[i] - y[j]);
            if (a == 0 && b == 0)
                continue;
            if (a == 0)
                tied_x++;
            else if (b == 0)
                tied_y++;
            else if (a == b)
                concordant++;
            else
                discordant++;
        }
    double d = sqrt((concordant + discordant + tied_x) * (concordant + discordant + tied_y));
    return d > 0 ? (concordant - discordant) / d : NAN;
}

double boa_pearson(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 1e-18 && syy > 1e-18 ? sxy / sqrt(sxx * syy) : NAN;
}

int parley_opponent_model_accuracy(const parley_opponent_model *m, const parley_utility *truth, size_t samples,
                                   uint64_t seed, parley_model_accuracy *out, parley_error *err)
{
    const parley_space *space = parley_utility_space(truth);
    size_t issues = parley_space_issue_count(space);
    uint64_t size = 0;
    if (samples == 0)
        samples = 1000;
    int whole = parley_space_size_u64(space, &size) == PARLEY_OK && size <= samples;
    size_t n = whole ? (size_t)size : samples;
    double *model = malloc((n ? n : 1) * sizeof *model), *real = malloc((n ? n : 1) * sizeof *real);
    uint32_t *o = malloc((issues ? issues : 1) * sizeof *o);
    if (!model || !real || !o) {
        free(model);
        free(real);
        free(o);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    uint64_t state = seed;
    for (size_t k = 0; k < n; k++) {
        if (whole)
            parley_space_decode(space, k, o);
        else
            for (size_t i = 0; i < issues; i++)
                o[i] = (uint32_t)(parley_splitmix64(&state) % parley_issue_value_count(space, i));
        model[k] = parley_opponent_model_eval(m, o);
        real[k] = parley_utility_eval(truth, o);
    }
    double se = 0;
    for (size_t k = 0; k < n; k++)
        se += (model[k] - real[k]) * (model[k] - real[k]);
    out->samples = n;
    out->rmse = n ? sqrt(se / (double)n) : NAN;
    out->pearson = n ? boa_pearson(model, real, n) : NAN;
    out->kendall = n ? boa_kendall_tau(model, real, n) : NAN;
    free(model);
    free(real);
    free(o);
    return PARLEY_OK;
}

long parley_negotiation_model_accuracy(const parley_negotiation *neg, const parley_scenario *sc, size_t k,
                                       const char *model, size_t samples, size_t points,
                                       parley_model_accuracy *out, double *times, parley_error *err)
{
    if (k >= parley_scenario_negotiator_count(sc))
        return parley_error_set(err, PARLEY_EINVAL, "no negotiating party %zu", k);
    const parley_utility *truth = parley_party_utility(sc, parley_scenario_negotiator(sc, k));
    size_t events = parley_negotiation_event_count(neg), offers = 0;
    parley_event ev;
    for (size_t i = 0; i < events; i++)
        if (parley_negotiation_event(neg, i, &ev, NULL) == PARLEY_OK && ev.kind == PARLEY_EVENT_OFFER &&
            ev.party == (long)k && ev.outcome)
            offers++;
    if (offers == 0 || points == 0)
        return 0;
    if (points > offers)
        points = offers;
    parley_opponent_model *m = NULL;
    int rc = parley_opponent_model_new(model, parley_scenario_space(sc), &m, err);
    if (rc)
        return rc;
    size_t seen = 0, next = 0;
    for (size_t i = 0; i < events && next < points; i++) {
        if (parley_negotiation_event(neg, i, &ev, NULL) != PARLEY_OK || ev.kind != PARLEY_EVENT_OFFER ||
            ev.party != (long)k || !ev.outcome)
            continue;
        if ((rc = parley_opponent_model_observe(m, ev.outcome, ev.time))) {
            parley_error_set(err, rc, "out of memory"); /* the Bayesian model's only failure */
            break;
        }
        seen++;
        if (seen * points < (next + 1) * offers) /* measure after offers * (next+1) / points offers */
            continue;
        if ((rc = parley_opponent_model_accuracy(m, truth, samples, 1, &out[next], err)))
            break;
        if (times)
            times[next] = ev.time;
        next++;
    }
    parley_opponent_model_free(m);
    return rc ? rc : (long)next;
}

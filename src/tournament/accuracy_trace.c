/*
 * accuracy_trace.c: opponent-model accuracy over one negotiation as JSON Lines,
 * one line per party and measuring point, to append to a trace:
 *   {"kind":"model_accuracy","party":1,"model":"bayes","time":0.24,
 *    "pearson":0.81,"rmse":0.12,"kendall":0.63,"samples":1000}
 */
#include <parley/stats.h>

#include <jansson.h>
#include <math.h>
#include <stdlib.h>

static json_t *number_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

int parley_negotiation_write_model_accuracy(const parley_negotiation *neg, const parley_scenario *sc,
                                            const char *model, size_t points, FILE *out, parley_error *err)
{
    if (points == 0)
        points = 10;
    parley_model_accuracy *acc = malloc(points * sizeof *acc);
    double *times = malloc(points * sizeof *times);
    int rc = PARLEY_OK;
    if (!acc || !times) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < parley_negotiation_party_count(neg) && rc == PARLEY_OK; k++) {
        long n = parley_negotiation_model_accuracy(neg, sc, k, model, 1000, points, acc, times, err);
        if (n < 0) {
            rc = (int)n;
            break;
        }
        for (long i = 0; i < n && rc == PARLEY_OK; i++) {
            json_t *line = json_pack("{s:s,s:I,s:s,s:f,s:o,s:o,s:o,s:I}", "kind", "model_accuracy", "party",
                                     (json_int_t)k, "model", model, "time", times[i], "pearson",
                                     number_or_null(acc[i].pearson), "rmse", number_or_null(acc[i].rmse), "kendall",
                                     number_or_null(acc[i].kendall), "samples", (json_int_t)acc[i].samples);
            if (!line || json_dumpf(line, out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) != 0 ||
                fputc('\n', out) == EOF)
                rc = parley_error_set(err, PARLEY_EIO, "could not write the model accuracy");
            json_decref(line);
        }
    }
done:
    free(acc);
    free(times);
    return rc;
}

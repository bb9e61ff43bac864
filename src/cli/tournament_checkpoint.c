/* tournament_checkpoint.c: reading one checkpoint line into a packed result (see tournament_checkpoint.h). */
#include "tournament_checkpoint.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>

size_t checkpoint_packed_length(const double *v)
{
    size_t parties = (size_t)v[3];
    return CHECKPOINT_HEAD + 2 * parties + (v[7] != 0 ? 20 * parties : 0);
}

static double real_of(const json_t *v)
{
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* 1 when v is a whole number in [lo, hi] (a double converts to it exactly). */
static int whole_in(const json_t *v, json_int_t lo, json_int_t hi)
{
    return json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi;
}

size_t checkpoint_parse_line(const char *text, double *v)
{
    json_t *line = json_loads(text, 0, NULL);
    json_t *u = json_object_get(line, "utility"), *disc = json_object_get(line, "discounted");
    json_t *acc = json_object_get(line, "accuracy");
    size_t parties = json_array_size(u), length = 0;
    /* what this program writes: whole run, agreed and rounds numbers, utilities and welfare as numbers (a forged
       null or text became NaN, and a NaN welfare left the run out of the JSON report) */
    const json_int_t most = INT_MAX; /* far above any run or round count, and exact as a double and a long */
    if (line && whole_in(json_object_get(line, "run"), 0, most) && whole_in(json_object_get(line, "agreed"), 0, 1) &&
        whole_in(json_object_get(line, "rounds"), 0, most) && json_is_number(json_object_get(line, "welfare")) &&
        parties > 0 && parties <= CHECKPOINT_MAX_PARTIES && json_array_size(disc) == parties) {
        v[0] = (double)json_integer_value(json_object_get(line, "run"));
        v[1] = (double)json_integer_value(json_object_get(line, "agreed"));
        v[2] = (double)json_integer_value(json_object_get(line, "rounds"));
        v[3] = (double)parties;
        v[4] = real_of(json_object_get(line, "pareto"));
        v[5] = real_of(json_object_get(line, "nash"));
        v[6] = real_of(json_object_get(line, "welfare"));
        for (size_t k = 0; k < parties; k++) {
            v[CHECKPOINT_HEAD + k] = real_of(json_array_get(u, k));
            v[CHECKPOINT_HEAD + parties + k] = real_of(json_array_get(disc, k));
        }
        int numbers = 1;
        for (size_t k = 0; k < 2 * parties; k++)
            numbers &= !isnan(v[CHECKPOINT_HEAD + k]);
        v[7] = json_array_size(acc) == 20 * parties;
        for (size_t k = 0; v[7] != 0 && k < 20 * parties; k++)
            v[CHECKPOINT_HEAD + 2 * parties + k] = real_of(json_array_get(acc, k));
        length = numbers ? checkpoint_packed_length(v) : 0;
    }
    json_decref(line);
    return length;
}

/*
 * moves.h: how far a red line has to move for a zone of agreement to open,
 * rather than whether dropping it would (shared by diagnose.c and moves.c).
 *
 * A red line that mentions one issue allows a set of that issue's values.  On
 * a numeric issue whose allowed values are the lowest ones (`subsidy <= 50`)
 * or the highest ones, a move is a new threshold; otherwise (a categorical red
 * line, or any set of values) a move admits values.  A red line over several
 * issues can admit the combination of values that one package gives them:
 * `(RULE) or (a == "x" and b == 2)`.
 */
#ifndef PARLEY_MOVES_H
#define PARLEY_MOVES_H

#include <parley/diagnose.h>

/* The shape of a red line for moving it. */
typedef struct rule_shape {
    int single;            /* the rule mentions exactly one issue */
    size_t issue;          /* that issue */
    int threshold;         /* single, numeric, allowed values are a prefix (+1) or a suffix (-1) of the issue's values */
    uint32_t allowed_end;  /* threshold +1: values [0, allowed_end) allowed; -1: [allowed_end, count) allowed */
    unsigned char *allowed;/* single: allowed[value] (owned: rule_shape_free) */
    uint32_t allowed_count;/* single: how many values are allowed */
} rule_shape;

int rule_shape_of(const parley_scenario *sc, size_t constraint, rule_shape *shape);
void rule_shape_free(rule_shape *shape);

/*
 * The text of constraint `constraint`'s rule moved so that it also allows the
 * values `values` gives the issues it mentions (a threshold moved to that
 * value, a value admitted, or the combination admitted).  Writes at most
 * `size` bytes; returns 0, or -1 when the text does not fit or a label cannot
 * be written in the rule language.
 */
int rule_admitting(const parley_scenario *sc, size_t constraint, const rule_shape *shape, const uint32_t *values,
                   char *out, size_t size);

/* A copy of `sc` with constraint `constraint`'s rule replaced by `rule` (NULL on failure, err set). */
parley_scenario *scenario_with_rule(const parley_scenario *sc, size_t constraint, const char *rule, parley_error *err);

/*
 * The smallest move of red-line condition `condition` of diagnosis `d` that
 * opens a zone (NULL options: defaults).  Fills *change (MOVE or
 * ADMIT_VALUES), the relaxed rule in rule[size], and *copy (taken by the
 * caller) the scenario with it.  PARLEY_ENOTFOUND when the rule has no shape
 * that moves or no move opens a zone.
 */
int smallest_move(const parley_analysis *a, const parley_scenario *sc, size_t condition,
                  const parley_analysis_options *options, parley_relax_change *change, char *rule, size_t size,
                  parley_scenario **copy, parley_error *err);

/* The combination of partial moves by several parties with the smallest largest concession (see diagnose.h). */
typedef struct combination {
    int found;
    double largest;                 /* the largest concession any party makes */
    parley_concession *moves;       /* [count] */
    char **rules;                   /* [count] the moved rule texts (NULL for reservation moves) */
    size_t count;
    uint64_t zone;
    uint32_t *nash;                 /* [issues] or NULL */
    double *utilities;              /* [parties of the analysis] */
    const char *skipped;            /* why no combination was searched (static text), or NULL */
} combination;

int combination_find(const parley_analysis *a, const parley_scenario *sc, const parley_analysis_options *options,
                     combination *out, parley_error *err);
void combination_free(combination *c);

/*
 * What the package costs the owner of `condition`, in its own utility: how far
 * the package falls below its reservation value, or below the red line's floor
 * (see diagnose.h, parley_concession).  NAN when out of memory, INFINITY when
 * the line's scope is too large to measure.
 */
double condition_cost(const parley_analysis *a, const parley_scenario *sc, size_t condition,
                      const parley_analysis_options *options, const uint32_t *package);

#endif

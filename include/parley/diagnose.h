/*
 * parley/diagnose.h: why no deal exists, what would open one, and what a
 * neutral mediator could table.
 *
 * parley_diagnose finds the minimal conflicting sets of conditions (red lines
 * and reservation values that cannot hold together, any one removed and the
 * rest can), all of them when a scenario has up to
 * PARLEY_MAX_DIAGNOSED_CONDITIONS conditions and the smallest ones (up to four
 * members) beyond; then, for every condition in a conflict, the relaxation
 * that would open a zone of agreement (dropping the red line, or lowering the
 * reservation value to the highest level that does), the zone it opens and its
 * Nash package; when no single relaxation opens one (several disjoint
 * conflicts), the pairs that do (at most one reservation value in a pair, up to
 * 64 pairs); and for phased scenarios how a guarantee of every later phase
 * would change the zone.
 *
 * parley_propose picks the package a mediator would table (Nash,
 * Kalai-Smorodinsky or egalitarian among acceptable outcomes) and explains it
 * per party; parley_amendments_check says of a party's amendments to a text
 * which keep it acceptable to the others and which break whose red line.
 */
#ifndef PARLEY_DIAGNOSE_H
#define PARLEY_DIAGNOSE_H

#include <parley/analysis.h>
#include <parley/scenario.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_diagnosis parley_diagnosis;

#define PARLEY_NO_CONDITION ((size_t)-1)

/* How a condition is relaxed. */
typedef enum parley_relax_change {
    PARLEY_CHANGE_DROP = 0,              /* the red line is dropped */
    PARLEY_CHANGE_MOVE = 1,              /* a threshold moves (`subsidy <= 50` to `subsidy <= 75`) */
    PARLEY_CHANGE_LOWER_RESERVATION = 2, /* the reservation value is lowered */
    PARLEY_CHANGE_ADMIT_VALUES = 3       /* the red line admits more values (or one more combination of values) */
} parley_relax_change;

/* "drop", "move", "lower_reservation", "admit_values". */
const char *parley_relax_change_name(parley_relax_change change);

/* One way out of an impasse (read-only view owned by the diagnosis). */
typedef struct parley_relaxation {
    size_t condition;            /* index into the diagnosis's conditions */
    double from, to;             /* reservation values: lowered from `from` to `to`; red lines: both -1 */
    size_t second;               /* a second condition relaxed with it, or PARLEY_NO_CONDITION */
    double second_from, second_to; /* as from/to, for the second condition */
    uint64_t zone;               /* acceptable outcomes once relaxed (0: this alone opens nothing) */
    const uint32_t *nash;        /* the Nash package once relaxed, NULL when zone is 0 */
    const double *utilities;     /* every party's utility in it ([party count of the analysis]) */
    parley_relax_change change;        /* what happens to `condition` */
    const char *rule;            /* MOVE / ADMIT_VALUES: the relaxed rule as text, else NULL */
    parley_relax_change second_change; /* what happens to `second` (DROP or LOWER_RESERVATION) */
    double cost, second_cost;    /* what the Nash package costs the owner of each condition relaxed, in its own
                                    utility (as parley_concession measures it); NAN when zone is 0 */
} parley_relaxation;

/*
 * One party's part in a combination of moves (read-only view owned by the
 * diagnosis).  The concession is measured in the party's own utility (expected
 * utility under its trust when the agreement is phased): for a reservation
 * value, how far it is lowered; for a red line, how far the package falls
 * below the line's floor, the worst package for the party that keeps the line
 * and differs from it only on the issues the line mentions (for a threshold,
 * `subsidy >= 6`, the utility between the threshold and the package's value).
 */
typedef struct parley_concession {
    size_t party;          /* scenario party index */
    size_t condition;      /* index into the diagnosis's conditions */
    parley_relax_change change;  /* LOWER_RESERVATION, MOVE or ADMIT_VALUES */
    double from, to;       /* LOWER_RESERVATION: the reservation value before and after, else -1 */
    const char *rule;      /* MOVE / ADMIT_VALUES: the relaxed rule */
    double concession;     /* in the party's own utility */
} parley_concession;

/*
 * Diagnoses `sc` (kept alive by the caller while the result is used).  The
 * analysis options (may be NULL) apply to every pass.  *out is the caller's:
 * parley_diagnosis_free.
 */
int parley_diagnose(const parley_scenario *sc, const parley_analysis_options *options, parley_diagnosis **out,
                    parley_error *err);
void parley_diagnosis_free(parley_diagnosis *d);

/* The analysis of the scenario as it stands (owned by the diagnosis). */
const parley_analysis *parley_diagnosis_analysis(const parley_diagnosis *d);
/* Minimal conflicting sets; *complete says whether all were listed (else: every set of up to 4 members). */
size_t parley_diagnosis_conflict_count(const parley_diagnosis *d, int *complete);
/*
 * 1 when the scenario has so many conditions and so many different patterns of
 * broken ones that conflicts could not be found exactly: none are listed then.
 */
int parley_diagnosis_undecided(const parley_diagnosis *d);
/*
 * Scenarios with many conditions: why the conflicts listed stop short of every
 * set of up to four members (more than 256 of them, or the search examined
 * 50,000,000 masks; the smaller sets come first), or NULL when they do not;
 * *relaxations (when not NULL): why some conditions in conflicts were not
 * relaxed one by one (more than 64 of them; relaxed for at most 2 s then), or NULL.  Static texts.
 */
const char *parley_diagnosis_truncated(const parley_diagnosis *d, const char **relaxations);
/* Members (condition indices of the analysis) of conflict i; returns their number. */
size_t parley_diagnosis_conflict(const parley_diagnosis *d, size_t i, const size_t **members);
/* Relaxations, those that open the largest zone first. */
size_t parley_diagnosis_relaxation_count(const parley_diagnosis *d);
const parley_relaxation *parley_diagnosis_relaxation(const parley_diagnosis *d, size_t i);
/*
 * The combination of partial moves by several parties that opens a zone while
 * keeping the largest concession any party makes as small as possible (the
 * package that minimises it, then the largest sum of utilities): the moves
 * (*moves, *count), the largest concession, the zone the moves open together
 * and its Nash package (*nash, *utilities: NULL when zone is 0).
 * PARLEY_ENOTFOUND when there is a zone already, no feasible package, or the
 * space was too large to search (*skipped then says why, or NULL).
 */
int parley_diagnosis_combination(const parley_diagnosis *d, const parley_concession **moves, size_t *count,
                                 double *largest, uint64_t *zone, const uint32_t **nash, const double **utilities,
                                 const char **skipped);
/* Outcomes beyond which the combination is not searched (it visits every outcome). */
#define PARLEY_COMBINATION_MAX_OUTCOMES 4000000u

/* Phased scenarios: acceptable outcomes under the stated trust and with every later phase guaranteed (trust 1). */
int parley_diagnosis_guarantee(const parley_diagnosis *d, uint64_t *stated, uint64_t *guaranteed);

/* Writes the diagnosis as JSON (documented in docs/diagnose.md). */
int parley_diagnosis_write_json(const parley_diagnosis *d, const parley_scenario *sc, FILE *out, parley_error *err);

/* --- bridging proposals --- */

/* How a package treats one issue for one party. */
typedef enum parley_priority_status {
    PARLEY_PRIORITY_MET = 0,      /* the party's best value on this issue */
    PARLEY_PRIORITY_PARTLY = 1,   /* between its worst and best */
    PARLEY_PRIORITY_GIVEN_UP = 2  /* its worst value */
} parley_priority_status;

/* Names: "met", "partly met", "given up". */
const char *parley_priority_status_name(parley_priority_status status);

/* The status of `issue` for `party` in the package (weight 0 issues: MET). */
parley_priority_status parley_priority_of(const parley_scenario *sc, size_t party, const uint32_t *package, size_t issue);

/*
 * The package to table under `rule` (NASH, KALAI or EGALITARIAN) and its
 * explanation, as a JSON-ready report written to `out` (human text, or JSON
 * when `json`, with "zone": true).  When no package is acceptable to all, that
 * is the answer: the text says so and why, the JSON is {"zone": false, "rule",
 * "reason", "feasible", "next"}, and the call returns PARLEY_OK.
 */
int parley_propose_write(const parley_scenario *sc, parley_solution_kind rule, const parley_analysis_options *options,
                         int json, FILE *out, parley_error *err);

/* A change to one issue of a text, with the reason given for it. */
typedef struct parley_amendment {
    size_t issue;
    uint32_t value;
    const char *reason; /* may be NULL */
} parley_amendment;

/* What an amendment does to the text (filled by parley_amendments_check). */
typedef struct parley_amendment_effect {
    int acceptable_to_all;   /* the amended text is acceptable to every party */
    uint64_t accepted_by;    /* bit p: scenario party p (role party) accepts the amended text */
    uint64_t broken;         /* bit i: scenario constraint i (global or red line) broken by the amended text */
    int breaks_global;       /* some global constraint is broken */
    double before[64];       /* by scenario party index (< 64, role party): utility of the text as tabled */
    double after[64];        /* ... and of the amended text (expected utilities under trust when phased) */
} parley_amendment_effect;

/*
 * Applies each amendment alone to `text` (values[issue count]) and records in
 * effects[i] what it does; effects[n] (so n + 1 entries) receives the effect of
 * all of them together.  At most 64 constraints are reported by bit.
 */
int parley_amendments_check(const parley_scenario *sc, const uint32_t *text, const parley_amendment *amendments,
                            size_t n, parley_amendment_effect *effects, parley_error *err);

/* A candidate text as parley_texts_rank ranks it. */
typedef struct parley_text_rank {
    size_t text;                    /* index into the texts given */
    parley_amendment_effect effect; /* acceptability, what it breaks; `after`: every party's utility of it */
    double score;                   /* the rule's objective (gains over reservation values) */
    double shortfall;               /* the largest amount by which a party's utility falls below its reservation */
} parley_text_rank;

/*
 * Ranks n candidate texts (texts[n * issue count]) as a mediator would table
 * them: those acceptable to every party first, by the rule's objective (the
 * Nash product, Kalai ratio, smallest gain or sum of utilities, as the
 * analysis computes it, with expected utilities under trust), then the others
 * by their largest shortfall, smallest first; ties keep the given order.
 * out[n] is the caller's.  *best_score (may be NULL) receives the objective of
 * the rule's own package, or -INFINITY when there is no zone.
 */
int parley_texts_rank(const parley_scenario *sc, const uint32_t *texts, size_t n, parley_solution_kind rule,
                      const parley_analysis_options *options, parley_text_rank *out, double *best_score,
                      parley_error *err);

/*
 * Writes a ranking (ranks[n] from parley_texts_rank over texts/names) as text
 * or JSON: {"rule", "best_score", "texts": [{"rank", "name", "package",
 * "score", "shortfall", "acceptable_to_all", "utilities": {party: u},
 * "accepted_by", "rejected_by", "breaks", "breaks_global"}...]}.
 */
int parley_texts_write(const parley_scenario *sc, const uint32_t *texts, const char *const *names, size_t n,
                       const parley_text_rank *ranks, parley_solution_kind rule, double best_score, int json,
                       FILE *out, parley_error *err);

/*
 * Reads candidate texts from a JSON file: an array whose items are packages
 * ({"issue": value, ...}, a label for a categorical issue, a number
 * otherwise) or {"name": "...", "package": {...}}.  *texts (n * issue count
 * values) and *names (n strings, "text N" when unnamed) are the caller's:
 * parley_texts_free.  Errors carry the file, line and column or JSON path.
 */
int parley_texts_load(const parley_scenario *sc, const char *path, uint32_t **texts, char ***names, size_t *n,
                      parley_error *err);
void parley_texts_free(uint32_t *texts, char **names, size_t n);

/*
 * Writes amendment effects as JSON: {"amendments": [{"amendment": labels[k],
 * "acceptable_to_all", "utilities": {party: {"before", "after", "change"}},
 * "accepted_by", "rejected_by", "breaks", "breaks_global"}...], "together":
 * {...}, "text": {...}} (effects[n + 1] as filled by parley_amendments_check;
 * `text`, may be NULL, the text as it stands: parley_amendments_check with
 * no amendment).
 */
int parley_amendments_write_json(const parley_scenario *sc, const parley_amendment_effect *text,
                                 const char *const *labels, size_t n, const parley_amendment_effect *effects, FILE *out,
                                 parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

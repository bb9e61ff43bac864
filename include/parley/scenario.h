/*
 * parley/scenario.h: a negotiation to analyse or run.
 *
 * A scenario owns its outcome space, its parties (negotiating parties with a
 * utility function, and mediators without one), the global constraints that
 * make an outcome feasible at all, each party's red lines (an outcome breaking
 * one is unacceptable to that party whatever its utility) and metadata (title,
 * description, sources).  Parties are addressed by index in the order added.
 *
 * The native file format is JSON (docs/scenario-format.md):
 * parley_scenario_load / parley_scenario_parse / parley_scenario_write.
 */
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include <parley/error.h>
#include <parley/expr.h>
#include <parley/space.h>
#include <parley/utility.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_role { PARLEY_ROLE_PARTY = 0, PARLEY_ROLE_MEDIATOR = 1 } parley_role;

typedef struct parley_scenario parley_scenario;

/* A constraint as the scenario keeps it (read-only view; owned by the scenario). */
typedef struct parley_constraint {
    const char *name;        /* short identifier, unique within its owner */
    const char *rule;        /* the expression text */
    const char *why;         /* explanation, may be NULL */
    const char *source;      /* source id backing it, may be NULL */
    long party;              /* owning party index, -1 for a global constraint */
    const parley_expr *expr; /* compiled rule */
    long phase;              /* for a global constraint stated as a condition of a phase: the phase, else -1 */
} parley_constraint;

/* A cited source (read-only view; owned by the scenario). Fields may be NULL except id. */
typedef struct parley_source {
    const char *id;
    const char *title;
    const char *publisher;
    const char *date;
    const char *url;
    const char *file;
    const char *quote;
} parley_source;

/* New scenario taking ownership of `space` (freed with it, even on failure). NULL on ENOMEM. */
parley_scenario *parley_scenario_new(parley_space *space);
void parley_scenario_free(parley_scenario *sc);

const parley_space *parley_scenario_space(const parley_scenario *sc);

/* Metadata (strings copied; getters return "" when unset, never NULL). */
int parley_scenario_set_title(parley_scenario *sc, const char *title);
int parley_scenario_set_description(parley_scenario *sc, const char *text);
const char *parley_scenario_title(const parley_scenario *sc);
const char *parley_scenario_description(const parley_scenario *sc);
int parley_scenario_add_source(parley_scenario *sc, const parley_source *source);
size_t parley_scenario_source_count(const parley_scenario *sc);
const parley_source *parley_scenario_source(const parley_scenario *sc, size_t i);

/*
 * Adds a party.  `utility` (taken over, freed with the scenario even on
 * failure) is required for PARLEY_ROLE_PARTY and must be NULL for a mediator.
 * Names are unique.  Returns the new index (>= 0) or a negative code.
 */
long parley_scenario_add_party(parley_scenario *sc, const char *name, parley_role role,
                               parley_utility *utility, parley_error *err);
size_t parley_scenario_party_count(const parley_scenario *sc);
long parley_scenario_find_party(const parley_scenario *sc, const char *name);
const char *parley_party_name(const parley_scenario *sc, size_t party);
parley_role parley_party_role(const parley_scenario *sc, size_t party);
/* The party's utility function (NULL for mediators); owned by the scenario. */
const parley_utility *parley_party_utility(const parley_scenario *sc, size_t party);
parley_utility *parley_party_utility_mut(parley_scenario *sc, size_t party);
/* Optional free text about a party (copied); "" when unset. */
int parley_party_set_description(parley_scenario *sc, size_t party, const char *text);
const char *parley_party_description(const parley_scenario *sc, size_t party);

/*
 * Constraints.  `party` = -1 adds a global feasibility constraint, otherwise a
 * red line of that party.  The rule is compiled against the space; errors
 * carry the column in the rule.  why/source may be NULL.
 */
int parley_scenario_add_constraint(parley_scenario *sc, long party, const char *name, const char *rule,
                                   const char *why, const char *source, parley_error *err);
/* All constraints, global and red lines, in the order added. */
size_t parley_scenario_constraint_count(const parley_scenario *sc);
const parley_constraint *parley_scenario_constraint(const parley_scenario *sc, size_t i);

/* Negotiating parties (role party) in order: count, and scenario index of the k-th. */
size_t parley_scenario_negotiator_count(const parley_scenario *sc);
size_t parley_scenario_negotiator(const parley_scenario *sc, size_t k);

/* 1 when every global constraint holds for the outcome. */
int parley_scenario_feasible(const parley_scenario *sc, const uint32_t *values);
/* 1 when none of the party's red lines is broken by the outcome. */
int parley_scenario_red_lines_hold(const parley_scenario *sc, size_t party, const uint32_t *values);
/*
 * 1 when feasible, the party's red lines hold and its utility (as
 * parley_scenario_value: expected under its trust) is at least its
 * reservation value at time t, on the 2^-32 grid the analysis compares on.
 */
int parley_scenario_acceptable_to(const parley_scenario *sc, size_t party, const uint32_t *values, double t);

/* Checks the whole scenario: at least two negotiating parties, every profile valid. */
int parley_scenario_validate(const parley_scenario *sc, parley_error *err);

/*
 * Phases.  An agreement may be carried out in phases (say three of six weeks):
 * each issue belongs to at most one phase; issues in no phase, and the first
 * phase, take effect when the agreement is signed.  A later phase is carried
 * out only if every phase before it was.  Each party states the probability
 * that a phase is carried out given the previous one was (trust; 1 by
 * default); a phase not carried out leaves its issues at their fallback value
 * (the first value of the issue unless set).  A party's expected utility of an
 * outcome then weighs each issue of phase p by the probability that p is
 * carried out: still a weighted sum, so analysis stays as fast.
 */
int parley_scenario_add_phase(parley_scenario *sc, const char *name, double weeks, const size_t *issues, size_t n,
                              parley_error *err);
size_t parley_scenario_phase_count(const parley_scenario *sc);
const char *parley_phase_name(const parley_scenario *sc, size_t phase);
double parley_phase_weeks(const parley_scenario *sc, size_t phase);
/* The issues of a phase (pointer owned by the scenario); returns their number. */
size_t parley_phase_issues(const parley_scenario *sc, size_t phase, const size_t **issues);
/* The phase an issue belongs to, or -1. */
long parley_issue_phase(const parley_scenario *sc, size_t issue);
long parley_scenario_find_phase(const parley_scenario *sc, const char *name);
/* Optional free text about a phase (copied); "" when unset. */
int parley_phase_set_description(parley_scenario *sc, size_t phase, const char *text);
const char *parley_phase_description(const parley_scenario *sc, size_t phase);
/* Marks global constraint i as a condition of `phase` (kept with the phase when written). */
int parley_scenario_set_constraint_phase(parley_scenario *sc, size_t i, size_t phase);
int parley_scenario_set_fallback(parley_scenario *sc, size_t issue, uint32_t value);
uint32_t parley_scenario_fallback(const parley_scenario *sc, size_t issue);
/* Trust of a party that a phase is carried out once the previous one was, in [0,1]. */
int parley_scenario_set_trust(parley_scenario *sc, size_t party, size_t phase, double probability);
double parley_scenario_trust(const parley_scenario *sc, size_t party, size_t phase);
/*
 * Probability, for a party, that a phase is carried out: the product of its
 * trust in phases 1..phase (phase 0 always is).  `guarantee` >= 0 replaces
 * every trust value by it (what a guarantee would make of the zone); < 0 uses
 * the stated trust.
 */
double parley_scenario_carry_probability(const parley_scenario *sc, size_t party, size_t phase, double guarantee);
/*
 * The party's expected utility function given the phases and trust (a new
 * utility the caller frees; a plain copy when the scenario has no phases).
 * NULL when out of memory.
 */
parley_utility *parley_scenario_expected_utility(const parley_scenario *sc, size_t party, double guarantee);

/*
 * A party's utility of an outcome as every analysis counts it: expected
 * utility under its trust in later phases (guarantee as in
 * parley_scenario_carry_probability; < 0 for the stated trust), rounded to the
 * 2^-32 grid.  NAN when out of memory.
 */
double parley_scenario_value(const parley_scenario *sc, size_t party, const uint32_t *values, double guarantee);

/* A deep copy (NULL when out of memory). */
parley_scenario *parley_scenario_clone(const parley_scenario *sc);
/* Removes constraint i (global or red line). */
int parley_scenario_remove_constraint(parley_scenario *sc, size_t i);

/* --- The native JSON format (src/io/scenario_json.c) --- */

/*
 * Reads a scenario from one file, whatever its format (the one loader of
 * parley/io.h): a native scenario, or a GENIUS / GeniusWeb negotiation named
 * as "DOMAIN+PROFILE1+PROFILE2".  Errors carry the file, line/column (JSON or
 * XML syntax) or JSON path.  For separate domain and profile paths use
 * parley_scenario_load_files.
 */
int parley_scenario_load(const char *path, parley_scenario **out, parley_error *err);
/* Parses scenario JSON from memory; `name` is used as the file name in errors. */
int parley_scenario_parse(const char *text, size_t length, const char *name, parley_scenario **out,
                          parley_error *err);
/* Writes the scenario as native JSON (pretty-printed) to `out`. */
int parley_scenario_write(const parley_scenario *sc, FILE *out, parley_error *err);

/*
 * The multi-file form of parley_scenario_load: reads a scenario from one or
 * more files, whatever their format: a native
 * scenario (.json), or a GENIUS domain followed by its profiles (.xml), or a
 * GeniusWeb domain followed by its profiles (.json).  The format is told by
 * the content, not the name.  parley_scenario_load_with (parley/io.h) is the
 * same with options (warnings, --normalise-weights) and documents in memory.
 */
int parley_scenario_load_files(const char *const *paths, size_t count, parley_scenario **out, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

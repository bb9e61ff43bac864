/*
 * parley/gmcr.h: the Graph Model for Conflict Resolution (Fang, Hipel and Kilgour).
 *
 * A conflict model has decision makers (DMs), each controlling some yes/no
 * options; a state is one choice for every option, coded as the decimal number
 * GMCR uses (option 1 is worth 1, option 2 is worth 2, option 3 is worth 4, ...).
 * Some states are infeasible; some options are irreversible.  Each DM ranks the
 * feasible states (ties allowed), either explicitly or through prioritised
 * preference statements.  The analysis says, for every state and every DM,
 * whether the state is Nash (R), general metarational (GMR), symmetric
 * metarational (SMR), sequentially (SEQ), simultaneously (SIM) or SEQ+SIM
 * stable, and, for two DMs, limited-move (L_h) and non-myopic stable; and which
 * states are equilibria (stable for every DM).  Definitions: docs/conflict.md.  The model file format is described in
 * docs/conflict-format.md.
 *
 * States are addressed two ways: by their decimal code (uint32_t) and by their
 * ordinal, 0-based position in the list of feasible states sorted by code.
 * Decision makers and options are 0-based indices here (the file and the
 * output number options from 1).
 *
 * Ownership: every parley_gmcr_* object returned through an out-parameter
 * belongs to the caller and is released with its _free function.  Strings
 * returned by accessors belong to the object they come from.
 */
#ifndef PARLEY_GMCR_H
#define PARLEY_GMCR_H

#include <parley/error.h>
#include <parley/progress.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Most options a model may have (2^24 states). */
#define PARLEY_GMCR_MAX_OPTIONS 24
/* Most decision makers. */
#define PARLEY_GMCR_MAX_DMS 16
/* Most preference statements per decision maker (priority weights are 2^k). */
#define PARLEY_GMCR_MAX_STATEMENTS 30

typedef struct parley_gmcr_model parley_gmcr_model;
typedef struct parley_gmcr_result parley_gmcr_result;
typedef struct parley_gmcr_paths parley_gmcr_paths;

/* Stability notions, usable as bit flags. */
typedef enum parley_gmcr_notion {
    PARLEY_GMCR_NASH = 1, /* R: no unilateral improvement */
    PARLEY_GMCR_GMR = 2,  /* every improvement can be sanctioned by the others' moves */
    PARLEY_GMCR_SMR = 4,  /* ... by a sanction the focal DM cannot escape in one move */
    PARLEY_GMCR_SEQ = 8,  /* ... by the others' unilateral improvements (credible sanctions) */
    PARLEY_GMCR_SIM = 16, /* ... by unilateral improvements the others make at the same time, from the same state */
    PARLEY_GMCR_SEQSIM = 32, /* every improvement sanctioned as in SEQ or as in SIM (each its own way) */
    PARLEY_GMCR_ALL = 63,    /* the six above */
    PARLEY_GMCR_LH = 64,     /* limited-move stability L_h (two DMs; options.horizon = h) */
    PARLEY_GMCR_NM = 128     /* non-myopic stability: L_h for every h in the limit (two DMs) */
} parley_gmcr_notion;

/* Which way an option may be changed. */
typedef enum parley_gmcr_direction {
    PARLEY_GMCR_BOTH = 0,     /* may be taken and withdrawn */
    PARLEY_GMCR_FORWARD = 1,  /* may only be taken (irreversible once taken) */
    PARLEY_GMCR_BACKWARD = 2  /* may only be withdrawn */
} parley_gmcr_direction;

/* ---- model ---------------------------------------------------------------- */

/*
 * Reads a model file (JSON).  On success *out is a new model owned by the
 * caller.  On failure returns a negative parley_code (PARLEY_EIO when the file
 * cannot be read, PARLEY_EINVAL for bad content, PARLEY_ERANGE for too many
 * options, PARLEY_ENOMEM) and fills err with the file, line/column (syntax
 * errors) or the JSON path (semantic errors) and what was expected.
 */
int parley_gmcr_model_load(const char *path, parley_gmcr_model **out, parley_error *err);

/* Same from a buffer of `len` bytes (need not be NUL-terminated); `name` is used in error reports (may be NULL). */
int parley_gmcr_model_parse(const char *text, size_t len, const char *name, parley_gmcr_model **out,
                            parley_error *err);

/* Releases a model.  NULL is allowed. */
void parley_gmcr_model_free(parley_gmcr_model *model);

/* The model's name ("" when none).  Owned by the model. */
const char *parley_gmcr_model_name(const parley_gmcr_model *model);

size_t parley_gmcr_model_option_count(const parley_gmcr_model *model);
size_t parley_gmcr_model_dm_count(const parley_gmcr_model *model);
/* Number of feasible states. */
size_t parley_gmcr_model_state_count(const parley_gmcr_model *model);

/* Names, owned by the model; NULL when the index is out of range. */
const char *parley_gmcr_model_dm_name(const parley_gmcr_model *model, size_t dm);
const char *parley_gmcr_model_option_name(const parley_gmcr_model *model, size_t option);
/* The option's short id from the file (its number as text when it had none). */
const char *parley_gmcr_model_option_id(const parley_gmcr_model *model, size_t option);
/* The DM controlling an option, or -1 when out of range. */
int parley_gmcr_model_option_owner(const parley_gmcr_model *model, size_t option);
parley_gmcr_direction parley_gmcr_model_option_direction(const parley_gmcr_model *model, size_t option);

/* Decimal code of the feasible state with ordinal `state` (0 when out of range). */
uint32_t parley_gmcr_model_state_code(const parley_gmcr_model *model, size_t state);
/* Ordinal of the state with this decimal code, or -1 when it is infeasible or out of range. */
long parley_gmcr_model_state_index(const parley_gmcr_model *model, uint32_t code);

/*
 * Writes the state's option vector ("YNNY...", option 1 first) into buf
 * (at least option_count + 1 bytes).  Returns buf.
 */
char *parley_gmcr_model_state_vector(const parley_gmcr_model *model, uint32_t code, char *buf, size_t size);

/*
 * How much `dm` likes feasible state `state` (ordinal): 0 for its least
 * preferred states, higher is better, equal values are ties.  -1 when out of range.
 */
long parley_gmcr_model_preference(const parley_gmcr_model *model, size_t dm, size_t state);

/*
 * Parses a state given by the user: a decimal code ("19"), an option vector
 * ("YYNNY", option 1 first) or an ordinal with a '#' ("#5", 1-based).  On
 * success stores the decimal code of a feasible state.  PARLEY_EINVAL otherwise.
 */
int parley_gmcr_model_parse_state(const parley_gmcr_model *model, const char *text, uint32_t *code,
                                  parley_error *err);

/*
 * The state named by the options taken, by id, in option order, joined by
 * " + " ("nothing" when none is taken), written into buf.  Returns buf
 * (truncated to size).
 */
char *parley_gmcr_model_state_label(const parley_gmcr_model *model, uint32_t code, char *buf, size_t size);

/* Status-quo state given in the file: 1 and its code when there is one, 0 otherwise. */
int parley_gmcr_model_status_quo(const parley_gmcr_model *model, uint32_t *code);

/* ---- stability analysis --------------------------------------------------- */

typedef struct parley_gmcr_options {
    unsigned notions; /* PARLEY_GMCR_* flags to compute; 0 means PARLEY_GMCR_ALL */
    unsigned threads; /* worker threads; 0 means one per online CPU */
    unsigned horizon; /* with PARLEY_GMCR_LH: the horizon h >= 1 (0 means 2) */
    parley_progress_fn progress; /* optional: states judged so far (parley/progress.h) */
    void *progress_user;
} parley_gmcr_options;

/*
 * Computes the stability of every feasible state for every DM under the
 * notions asked for.  `options` may be NULL (all notions, all CPUs).
 * PARLEY_GMCR_LH and PARLEY_GMCR_NM need exactly two DMs (PARLEY_EINVAL
 * otherwise) and enumerate moves, so they suit models of up to ~2^16 states.  On
 * success *out is a new result owned by the caller; it refers to `model`,
 * which must outlive it.
 */
int parley_gmcr_analyze(const parley_gmcr_model *model, const parley_gmcr_options *options,
                        parley_gmcr_result **out, parley_error *err);

/* Releases a result.  NULL is allowed. */
void parley_gmcr_result_free(parley_gmcr_result *result);

/* The notions the result holds (flags). */
unsigned parley_gmcr_result_notions(const parley_gmcr_result *result);

/* Flags of the notions under which `state` (ordinal) is stable for `dm`; 0 when out of range. */
unsigned parley_gmcr_result_stable(const parley_gmcr_result *result, size_t state, size_t dm);

/* Flags of the notions under which `state` is an equilibrium (stable for every DM). */
unsigned parley_gmcr_result_equilibrium(const parley_gmcr_result *result, size_t state);

/* Number of equilibria under one notion. */
size_t parley_gmcr_result_equilibrium_count(const parley_gmcr_result *result, parley_gmcr_notion notion);

/* Seconds the analysis took (wall clock) and the threads it used. */
double parley_gmcr_result_seconds(const parley_gmcr_result *result);
unsigned parley_gmcr_result_threads(const parley_gmcr_result *result);

/* The horizon of PARLEY_GMCR_LH in the result (0 when not computed). */
unsigned parley_gmcr_result_horizon(const parley_gmcr_result *result);

/*
 * Non-myopic stability: the anticipated outcomes of L_h repeat with some
 * period as h grows; 1 means L_h settles (the limit exists for every state).
 * With a longer period a state is NM stable when it is L_h stable at every h
 * of the cycle.  0 when not computed.
 */
unsigned parley_gmcr_result_nm_period(const parley_gmcr_result *result);

/* Short name of one notion: "Nash", "GMR", "SMR", "SEQ", "SIM", "SEQSIM", "Lh", "NM" ("?" otherwise). */
const char *parley_gmcr_notion_name(parley_gmcr_notion notion);

/* ---- status quo and coalitions -------------------------------------------- */

/*
 * The evolution from a status quo: every state reachable from `from` (a
 * decimal code) by a sequence of unilateral improvements (each by any one DM),
 * with the shortest such path to it.  On success *out is new and owned by the
 * caller; it refers to `model`, which must outlive it.
 */
int parley_gmcr_paths_from(const parley_gmcr_model *model, uint32_t from, parley_gmcr_paths **out,
                           parley_error *err);

/* Releases paths.  NULL is allowed. */
void parley_gmcr_paths_free(parley_gmcr_paths *paths);

/* Number of reachable states, the start included (it is entry 0). */
size_t parley_gmcr_paths_count(const parley_gmcr_paths *paths);

/*
 * Entry i (0 <= i < count, in breadth-first order): the state's code, the
 * number of improvements on the shortest path to it, the entry it was reached
 * from (-1 for the start) and the DM who moved (-1 for the start).  Returns
 * 0, or PARLEY_EINVAL when i is out of range.  Any out pointer may be NULL.
 */
int parley_gmcr_paths_entry(const parley_gmcr_paths *paths, size_t i, uint32_t *code, size_t *depth,
                            long *parent, int *mover);

/*
 * Coalition improvements: the states the coalition (bit d set for DM d, at
 * least one DM) can reach from `from` by unilateral moves of its members that
 * every member strictly prefers to `from`.  On success *codes is a new array
 * (sorted, free() it) of *count codes (NULL when none).
 */
int parley_gmcr_coalition_improvements(const parley_gmcr_model *model, uint32_t from, uint32_t coalition,
                                       uint32_t **codes, size_t *count, parley_error *err);

/* ---- output --------------------------------------------------------------- */

typedef struct parley_gmcr_report {
    const parley_gmcr_result *result; /* required */
    const parley_gmcr_paths *paths;   /* status-quo analysis, may be NULL */
    int coalitions;                   /* add the coalition improvements from the paths' start */
    size_t max_states;                /* text: list every state only when there are at most this many (0: 128) */
    int all_states;                   /* text: list every state regardless of max_states */
} parley_gmcr_report;

/* Writes the analysis as human-readable text.  Returns 0 or a negative parley_code. */
int parley_gmcr_write_text(FILE *out, const parley_gmcr_report *report, parley_error *err);

/* Writes the analysis as one JSON document (format in docs/conflict-format.md). */
int parley_gmcr_write_json(FILE *out, const parley_gmcr_report *report, parley_error *err);

/*
 * Why the feasible state `code` is or is not stable: for every DM, its rank of
 * the state, the notions under which it is stable, each unilateral improvement
 * (at most 25 listed) and, under GMR, SEQ and SIM, the sanction that deters it
 * (the others' legal moves and the state reached, with its rank) or that none
 * does.  Text, or JSON when `json` (format in docs/conflict.md).  Enumerates
 * moves: meant for models of up to about 10^4 states.
 */
int parley_gmcr_write_explain(FILE *out, const parley_gmcr_result *result, uint32_t code, int json,
                              parley_error *err);

/*
 * Inverse GMCR: for each notion of the result (SIM and earlier), the least
 * change to the DMs' preferences that makes the feasible state `code` an
 * equilibrium: for each DM, the states it now prefers that it would have to
 * value no more than `code` (they move down to its rank); and which notions
 * `code` already satisfies.  Each change reported is checked by the forward
 * analysis; the search is exhaustive by size up to a budget, and says when a
 * change is found but not proven the fewest.  Text, or JSON when `json`.
 */
int parley_gmcr_write_inverse(FILE *out, const parley_gmcr_result *result, uint32_t code, int json,
                              parley_error *err);

/*
 * The graph of unilateral improvements (an arrow from each state to each of
 * its improvements, coloured by the DM that moves), states named by the
 * options taken, equilibria marked (double border, the notions listed).  DOT
 * for Graphviz, or an SVG drawn here (an arc diagram, one row per state).  At most 256 states
 * (PARLEY_ERANGE otherwise).
 */
int parley_gmcr_write_dot(FILE *out, const parley_gmcr_result *result, parley_error *err);
int parley_gmcr_write_svg(FILE *out, const parley_gmcr_result *result, parley_error *err);

/*
 * What an SVG of the graph shows.  The full view (all zero, dm = -1) is
 * parley_gmcr_write_svg's.  `focused` keeps the equilibria, the moves into and
 * out of them and, with a status quo, its shortest path of improvements to an
 * equilibrium; `dm` >= 0 keeps one decision maker's moves only.  Each arc gets
 * its own lane, so that no arc runs over another.
 */
typedef struct parley_gmcr_svg_view {
    int focused;
    int dm;                /* -1: every decision maker's moves */
    int has_status_quo;    /* 1: status_quo (a state code) is marked and its path drawn */
    uint32_t status_quo;
} parley_gmcr_svg_view;
int parley_gmcr_write_svg_view(FILE *out, const parley_gmcr_result *result, const parley_gmcr_svg_view *view,
                               parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

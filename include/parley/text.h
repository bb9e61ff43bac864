/*
 * parley/text.h: results as JSON text in memory, for language bindings (the
 * Python package in python/) and programs that want a string rather than a
 * FILE *.  Each function produces exactly what the matching `parley CMD --json`
 * prints (the same writers run), so a binding returns the same keys as the CLI.
 *
 * Every function returns a NUL-terminated string allocated by the library,
 * which the caller releases with parley_free, or NULL with *err filled
 * (PARLEY_ENOMEM when out of memory).
 */
#ifndef PARLEY_TEXT_H
#define PARLEY_TEXT_H

#include <parley/approx.h>
#include <parley/diagnose.h>
#include <parley/error.h>
#include <parley/gmcr.h>
#include <parley/improve.h>
#include <parley/io.h>
#include <parley/protocol.h>
#include <parley/scenario.h>
#include <parley/tournament.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Releases a string returned by this header's functions (NULL allowed). */
void parley_free(void *p);

/*
 * How parley_analyze_json analyses: decide by size as `parley analyze` does,
 * always enumerate every package (exact figures), always search (approximate).
 * The names say JSON so that they cannot be mistaken for parley_analysis_method's
 * (PARLEY_ANALYSIS_EXACT there picks the exact non-enumerating path).
 */
typedef enum parley_json_method {
    PARLEY_JSON_AUTO = 0,
    PARLEY_JSON_ENUMERATE = 1,
    PARLEY_JSON_APPROXIMATE = 2
} parley_json_method;

/* Deprecated aliases of the first names (kept for source compatibility; will be removed). */
#define PARLEY_METHOD_AUTO PARLEY_JSON_AUTO
#define PARLEY_METHOD_EXACT PARLEY_JSON_ENUMERATE
#define PARLEY_METHOD_APPROXIMATE PARLEY_JSON_APPROXIMATE

/*
 * `parley analyze --json [--frontier]`: the exact analysis (docs/analysis-json.md),
 * or the approximate one when `method` asks for it or, with PARLEY_JSON_AUTO,
 * when parley_analysis_needs_search says so.  options and search may be NULL
 * (defaults); search's threads and time are taken from options.
 */
char *parley_analyze_json(const parley_scenario *sc, const parley_analysis_options *options,
                          const parley_approx_options *search, parley_json_method method, int with_frontier,
                          parley_error *err);

/* `parley diagnose --json` (docs/diagnose.md). options may be NULL. */
char *parley_diagnose_json(const parley_scenario *sc, const parley_analysis_options *options, parley_error *err);

/* `parley propose --json --rule RULE`; PARLEY_ENOTFOUND when no package is acceptable to all. */
char *parley_propose_json(const parley_scenario *sc, parley_solution_kind rule, const parley_analysis_options *options,
                          parley_error *err);

/* `parley propose --improve AGREEMENT --json` of a result of parley_improve (parley/improve.h); sc is its scenario. */
char *parley_improvements_json(const parley_improvements *r, const parley_scenario *sc, parley_error *err);

/* The native scenario file (as `parley convert` writes it). */
char *parley_scenario_json(const parley_scenario *sc, parley_error *err);

/*
 * `parley conflict --json [--from STATE] [--coalitions]`: options may be NULL;
 * `from` is a state as the CLI takes it, or NULL (then with `coalitions` the
 * model's status quo, which it must have: PARLEY_EINVAL otherwise).
 */
char *parley_conflict_json(const parley_gmcr_model *model, const parley_gmcr_options *options, const char *from,
                           int coalitions, parley_error *err);

/* A run negotiation: its trace as JSON Lines (`--trace`), and its outcome (`parley negotiate --json`). */
char *parley_trace_json(const parley_negotiation *neg, parley_error *err);
char *parley_negotiation_json(const parley_negotiation *neg, parley_error *err);

/* A tournament: `parley tournament --json`, and every run as CSV (`--csv`). */
char *parley_tournament_json(const parley_tournament *t, parley_error *err);
char *parley_tournament_csv(const parley_tournament *t, parley_error *err);
/* Its statistics as `parley tournament --json --stats` puts them under "stats" (parley/stats.h): `bootstrap`
   resamples (0 = 1000), `seed`, and each agent's payoff against itself when the tournament had no self-play
   (parley_tournament_self_play_payoffs; NULL: the replicator dynamics say what is missing). */
char *parley_tournament_stats_json(const parley_tournament *t, unsigned bootstrap, uint64_t seed,
                                   const double *self_payoff, parley_error *err);

/* --- files and plots (src/bind/output.c) --- */

/*
 * The scenario as `parley convert --to FORMAT` writes it: format "native" (the
 * scenario file; party ignored), "genius" or "geniusweb": the domain when party
 * is -1, else the profile of party `party` (an index among all parties, which
 * must be a negotiating one).  What the format cannot express is reported
 * through warn (may be NULL), one sentence per loss, as `parley convert` warns
 * (for "native": issue weights that do not sum to 1, which the format rescales).
 */
char *parley_scenario_format_text(const parley_scenario *sc, const char *format, long party, parley_warn_fn warn,
                                  void *warn_ctx, parley_error *err);

/* Event i of a negotiation's record as one line of its trace (JSON, no newline); usable while it runs. */
char *parley_trace_event_json(const parley_negotiation *neg, size_t i, parley_error *err);

/* Bins per axis of the density clouds `parley analyze --plot` and `parley negotiate --plot` draw. */
#define PARLEY_PLOT_BINS_ANALYZE 80u
#define PARLEY_PLOT_BINS_NEGOTIATE 40u

/* The SVG of `parley analyze --plot` (exact analysis with options, which may be NULL; plot_bins is set here). */
char *parley_analysis_svg(const parley_scenario *sc, const parley_analysis_options *options, parley_error *err);
/* The SVG of `parley negotiate --plot` for a negotiation that has run over `sc`. */
char *parley_negotiation_svg(const parley_negotiation *neg, const parley_scenario *sc, parley_error *err);
/* The SVG of `parley tournament --plot`. */
char *parley_tournament_svg(const parley_tournament *t, parley_error *err);

/*
 * sizeof the public struct called `name` ("parley_error", "parley_session_config",
 * "parley_tournament_config", "parley_event", "parley_action", "parley_agent_vtable",
 * "parley_analysis_options", "parley_approx_options", "parley_gmcr_options", "parley_change",
 * "parley_improve_options"),
 * 0 for any other name: a binding that mirrors these structs checks its layout against the library's.
 */
size_t parley_struct_size(const char *name);

#ifdef __cplusplus
}
#endif
#endif

/*
 * parley/genius.h: reading and writing the research formats: GENIUS XML
 * (the ANAC competitions) and GeniusWeb JSON.
 *
 * A GENIUS negotiation is a domain file (the issues and their values) and one
 * profile file per party (weights, evaluations, reservation value, discount
 * factor, or hyperrectangles for nonlinear profiles).  A GeniusWeb negotiation is
 * a domain JSON ("issuesValues") and LinearAdditiveUtilitySpace profiles.  Both
 * read into an ordinary parley_scenario, so everything that works on a native
 * scenario works on them.  What is read and how (GENIUS's semantics, the
 * discretisation of real issues, party and issue names) is in docs/genius.md.
 *
 * Writers turn a scenario back into these formats.  What a format cannot
 * express (red lines, mediators, a reservation curve, value utilities that
 * GENIUS would rescale) is reported through a `parley_warn_fn`, one sentence per
 * loss, and left out; the writers never fail because of a loss.
 */
#ifndef PARLEY_GENIUS_H
#define PARLEY_GENIUS_H

#include <parley/error.h>
#include <parley/io.h>
#include <parley/scenario.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif


/* Number of values a GENIUS real issue is cut into (lowerbound to upperbound, evenly). */
#define PARLEY_GENIUS_REAL_VALUES 11u

/*
 * Reads a GENIUS domain and `n` profiles (n >= 2) into a new scenario (*out,
 * owned by the caller).  Parties are named after their profile files
 * ("Energy-A-prof1.xml" gives "Energy-A-prof1"), made unique with a suffix when
 * needed.  Errors carry the file, line and column: malformed XML, a profile that
 * does not match its domain, a missing weight or evaluation.
 */
int parley_genius_load(const char *domain_path, const char *const *profile_paths, size_t n, parley_scenario **out,
                       parley_error *err);

/*
 * Same from memory: texts[0] is the domain, texts[1..n] the profiles; names[i]
 * names each in errors and gives the party names.  lengths[i] bytes each.
 */
int parley_genius_parse(const char *const *texts, const size_t *lengths, const char *const *names, size_t n,
                        parley_scenario **out, parley_error *err);

/* Writes the scenario's issues as a GENIUS domain (negotiation_template). warn may be NULL. */
int parley_genius_write_domain(const parley_scenario *sc, FILE *out, parley_warn_fn warn, void *warn_ctx,
                               parley_error *err);
/* Writes party `party`'s preferences as a GENIUS profile (utility_space). warn may be NULL. */
int parley_genius_write_profile(const parley_scenario *sc, size_t party, FILE *out, parley_warn_fn warn,
                                void *warn_ctx, parley_error *err);

/*
 * GeniusWeb JSON: a domain ({"name", "issuesValues"}) and `n` profiles
 * ({"LinearAdditiveUtilitySpace": {...}}) with DiscreteValueSetUtilities and
 * NumberValueSetUtilities; the reservation value is the utility of the
 * "reservationBid" (0 without one).  Errors carry the file and the JSON path.
 */
int parley_geniusweb_load(const char *domain_path, const char *const *profile_paths, size_t n,
                          parley_scenario **out, parley_error *err);
int parley_geniusweb_parse(const char *const *texts, const size_t *lengths, const char *const *names, size_t n,
                           parley_scenario **out, parley_error *err);
int parley_geniusweb_write_domain(const parley_scenario *sc, FILE *out, parley_warn_fn warn, void *warn_ctx,
                                  parley_error *err);
int parley_geniusweb_write_profile(const parley_scenario *sc, size_t party, FILE *out, parley_warn_fn warn,
                                   void *warn_ctx, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

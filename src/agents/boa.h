/*
 * boa.h: what the BOA agent and the ANAC baselines share: a record of the
 * talks as one party sees them (offers received, their utility to it, one
 * opponent model per other party), the estimated Nash package, and a move made
 * from a target, a bid window and an acceptance strategy.
 */
#ifndef PARLEY_AGENTS_BOA_H
#define PARLEY_AGENTS_BOA_H

#include <parley/agent.h>

#include "agents/agent_common.h"

/* Statistics shared with the tournament's model accuracy (boa_accuracy.c). */
double boa_kendall_tau(const double *x, const double *y, size_t n);
double boa_pearson(const double *x, const double *y, size_t n);

/* The talks as the agent saw them. */
struct boa_track {
    size_t me, parties, issues, seen;
    parley_opponent_model **models; /* [parties]: NULL for itself, or when the agent keeps no model */
    double *rt, *ru;                /* time and own utility of every offer received */
    size_t received, cap;
    double sum, sum_sq;             /* of ru (AgentK's mean and deviation) */
    uint32_t *best;                 /* the received offer worth most to the agent (valid when received) */
    double best_u;                  /* its utility (-1 before any) */
    uint32_t *latest;               /* the latest received offer */
    double last_bid;                /* own utility of the agent's previous bid (NaN before the first) */
    size_t my_bids;
    uint32_t *scratch;              /* [issues] */
    double nash_u;                  /* cached boa_track_nash ... */
    size_t nash_at;                 /* ... computed when this many offers had been received (0: never) */
};

/* Sets up the record; model_name "none" or NULL keeps no models. */
int boa_track_init(struct boa_track *tr, parley_agent_view *v, const char *model_name, parley_error *err);
void boa_track_free(struct boa_track *tr);
/*
 * The start of a ported agent's create(): refuses any parameter (the agent has none), allocates `size` zeroed
 * bytes whose struct boa_track lies at `track_offset`, and sets that record up without models.  Returns the
 * state (the caller's, freed with free() after boa_track_free), or NULL with the error code in *rc.
 */
void *boa_agent_state_new(parley_agent_view *v, const char *agent, const char *params, size_t size,
                          size_t track_offset, parley_error *err, int *rc);
/* Reads the events new since the last call: offers of the others feed the record and the models. */
int boa_track_update(struct boa_track *tr, parley_agent_view *v);
/* Sum of the models' estimates of an outcome (0 when no models). */
double boa_track_model_eval(const struct boa_track *tr, const uint32_t *outcome);
/* Own utility of the estimated Nash package (product of own gain over the floor and the models' estimate,
   over at most 2000 of the agent's packages); NaN when it keeps no model or has seen nothing.  Recomputed
   after every 32 offers received (and while fewer than 64 were). */
double boa_track_nash(struct boa_track *tr, parley_agent_view *v);

/*
 * The move for `request`: under alternating offers, the bid is picked from the
 * window above `target` by the models (parley_agent_pick_bid) and the standing
 * offer accepted when `acc` (NULL: AC_next) says so and the agent may accept it;
 * other protocols use agent_act_target.  Records the bid as the agent's last.
 */
int boa_move(struct boa_track *tr, parley_agent_view *v, parley_request request, double target, double window,
             const parley_acceptance *acc, parley_action *act);
/* Alternating offers: the standing offer of another party when there is one and the agent may accept it. */
const uint32_t *boa_acceptable_offer(parley_agent_view *v);
/* As boa_acceptable_offer, whatever the offer is worth (red lines and constraints still hold): for the ports whose
   GENIUS originals accept below their reservation value (agent-k, nice-tit-for-tat, the-fawkes, atlas3). */
const uint32_t *boa_standing_offer(parley_agent_view *v);
/* Fills in for acceptance conditions from the record. */
void boa_acceptance_input(const struct boa_track *tr, parley_agent_view *v, double offered, double next_bid,
                          parley_acceptance_input *in);

/* The BOA agent and the baselines (builtin.h lists them for the registry). */
#endif

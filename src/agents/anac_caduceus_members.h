/*
 * anac_caduceus_members.h: the minor members of Caduceus's committee (GENIUS
 * agents.anac.y2016.caduceus): RandomDance (ANAC 2015, weight 10), kawaii
 * (agents.anac.y2015.fairy.kawaii, weight 5) and the inner Caduceus (weight
 * 1), and the committee's weighted draw of the member whose bid is offered.
 * ParsAgent and the committee itself are in anac_caduceus.c; Atlas3 is
 * parley's atlas3.
 */
#ifndef PARLEY_ANAC_CADUCEUS_MEMBERS_H
#define PARLEY_ANAC_CADUCEUS_MEMBERS_H

#include <stddef.h>
#include <stdint.h>

#include <parley/agent.h>

enum caduceus_member { MEMBER_PARS, MEMBER_RANDOM_DANCE, MEMBER_KAWAII, MEMBER_ATLAS3, MEMBER_INNER, MEMBER_COUNT };

/* The member whose bid the committee offers: weights 500, 10, 5, 3, 1 normalised over the members that offer
   (offering[k] != 0), the first whose cumulative share exceeds pick (pick in [0, 1), Caduceus's nextDouble). */
int caduceus_committee_pick(const int offering[MEMBER_COUNT], double pick);
/* kawaii's threshold: max(0.8, (1 - 0.2 t^2) df^t) (no opponent has accepted). */
double kawaii_threshold(double t, double df);
/* RandomDance's target: 1 - (1 - max)(t^df), t^3 when df > 0.99; max its best joint package's own utility. */
double random_dance_target(double t, double df, double max);

struct caduceus_members;
int caduceus_members_new(parley_agent_view *v, struct caduceus_members **out);
void caduceus_members_free(struct caduceus_members *m);
/* An offer received from another party (RandomDance's models, every distinct package once). */
int caduceus_members_observe(struct caduceus_members *m, parley_agent_view *v, const uint32_t *offer);
/* Each member's move at time t, latest the last offer received (NULL before any): 1 when it offers (its bid
   in out), 0 when it accepts or ends the talks. */
int random_dance_act(struct caduceus_members *m, parley_agent_view *v, double t, const uint32_t *latest,
                     uint32_t *out);
int kawaii_act(struct caduceus_members *m, parley_agent_view *v, double t, const uint32_t *latest, uint32_t *out);
/* Atlas3's decision as a member (its wrapper is first asked at t = 0.83 df, so its time per turn, and with it
   the start of its final phase, is t / its own turns; its CList holds every distinct offer received since the
   start, best first): 1 when it offers (a CList package in out, or *normal set when it makes its ordinary bid,
   which the caller takes from parley's atlas3), 0 when it accepts or ends the talks. */
int atlas3_member_act(struct caduceus_members *m, parley_agent_view *v, double t, const uint32_t *latest,
                      uint32_t *out, int *normal);
int inner_caduceus_act(struct caduceus_members *m, parley_agent_view *v, double t, const uint32_t *latest,
                       uint32_t *out);

#endif

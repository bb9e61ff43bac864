/*
 * catalog.c: what `parley agents` lists: every built-in agent and every BOA
 * component, with its parameters, defaults, a description and its source.
 * Keep in step with the agents' files and docs/agents.md.
 */
#include <parley/agent.h>

static const parley_param_info no_params[] = {{NULL, NULL, NULL}};

static const parley_param_info boulware_params[] = {{"e", "0.2", "concession exponent"}, {"k", "0", "initial concession"},
                                                    {NULL, NULL, NULL}};
static const parley_param_info conceder_params[] = {{"e", "2", "concession exponent"}, {"k", "0", "initial concession"},
                                                    {NULL, NULL, NULL}};
static const parley_param_info linear_params[] = {{"e", "1", "concession exponent"}, {"k", "0", "initial concession"},
                                                  {NULL, NULL, NULL}};
static const parley_param_info nash_params[] = {{"e", "1", "concession exponent of its target"},
                                                {NULL, NULL, NULL}};
static const parley_param_info tft_params[] = {{"d", "1", "window: compare with the offer d moves before"},
                                               {NULL, NULL, NULL}};
static const parley_param_info boa_params[] = {
    {"bidding", "time", "bidding strategy: time, tft"},
    {"model", "frequency", "opponent model: none, frequency, smith, bayes"},
    {"accept", "next", "acceptance strategy: next, const, time, prev, combi"},
    {"window", "genius (time), 0.02 (tft)", "bids are picked among target .. target + window"},
    {NULL, NULL, NULL}};
static const parley_param_info agent_gg_params[] = {
    {"ranking", "all", "bids in the ranking it learns its preferences from (all, or a number >= 2)"},
    {NULL, NULL, NULL}};
static const parley_param_info time_bid_params[] = {{"e", "0.2", "concession exponent"},
                                                    {"k", "0", "initial concession"},
                                                    {"window", "genius",
                                                     "fixed bid window above the target; default GENIUS's "
                                                     "TimeDependent_Offering window (0.01, widened to 100 bids)"},
                                                    {NULL, NULL, NULL}};
static const parley_param_info tft_bid_params[] = {{"window", "0.02", "bid window above the target"},
                                                   {NULL, NULL, NULL}};
static const parley_param_info next_params[] = {{"a", "1", "accept when a * offered + b >= next bid"},
                                                {"b", "0", "see a"},
                                                {NULL, NULL, NULL}};
static const parley_param_info prev_params[] = {{"a", "1", "accept when a * offered + b >= previous bid"},
                                                {"b", "0", "see a"},
                                                {NULL, NULL, NULL}};
static const parley_param_info const_params[] = {{"c", "0.9", "accept offers worth more than c"}, {NULL, NULL, NULL}};
static const parley_param_info time_params[] = {{"t", "0.99", "accept anything after time T"}, {NULL, NULL, NULL}};
static const parley_param_info combi_params[] = {
    {"t", "0.98", "from time T, accept the best offer of the remaining-time window"}, {NULL, NULL, NULL}};

static const parley_param_info ponpoko_params[] = {
    {"pattern", "-1", "concession pattern 0..4 (-1: drawn at random)"}, {NULL, NULL, NULL}};

#define FARATIN "Faratin, Sierra, Jennings (1998), Negotiation decision functions for autonomous agents"
#define ACCEPT "Baarslag, Hindriks, Jonker (2014), Effective acceptance conditions in real-time automated negotiation"

static const parley_agent_info catalog[] = {
    {"agent", "boulware", "time-dependent, concedes late", FARATIN, boulware_params},
    {"agent", "linear", "time-dependent, concedes evenly", FARATIN, linear_params},
    {"agent", "conceder", "time-dependent, concedes early", FARATIN, conceder_params},
    {"agent", "hardliner", "offers its best package, never concedes", FARATIN " (e = 0)", no_params},
    {"agent", "tit-for-tat", "relative tit-for-tat: concedes as much as the others did", FARATIN, tft_params},
    {"agent", "random", "random offers above its reservation value", "baseline", no_params},
    {"agent", "nash", "learns the others with a frequency model, offers the estimated Nash package above a "
     "time-dependent target", "parley", nash_params},
    {"agent", "boa", "a bidding strategy, an opponent model and an acceptance strategy put together; also takes "
     "the keys of the chosen components (listed with them below)",
     "Baarslag, Hindriks, Hendrikx, Dirkzwager, Jonker (2014), Decoupling negotiating agents to explore the space "
     "of negotiation strategies",
     boa_params},
    {"agent", "hardheaded", "GENIUS's KLH: steps down its bid list towards 0.585 (e = 0.05), frequency model, accepts above its lowest bid",
     "van Krimpen, Looije, Hajizadeh (2013), HardHeaded, in Complex Automated Negotiations (ANAC 2011 winner)",
     no_params},
    {"agent", "nice-tit-for-tat", "GENIUS's NiceTitForTat: mirrors the opponent's concession towards its Nash estimate (x 1.4 - 0.6 gap), "
     "discount and time bonus, Bayesian model, expected-utility end game",
     "Baarslag, Hindriks, Jonker (2013), A tit for tat negotiation strategy for real-time bilateral negotiations",
     no_params},
    {"agent", "agent-k", "GENIUS's Agent_K: targets fall as t^(3 + 6 mean) towards mean + (1 - mean) sqrt(12 var), "
     "probabilistic acceptance, offers back received bids above target",
     "Kawaguchi, Fujita, Ito (2012), AgentK: compromising strategy based on estimated maximum utility (ANAC 2010 "
     "winner)",
     no_params},
    {"agent", "cuhk", "GENIUS's CUHKAgent: discount-driven threshold (max - 0.05 or max when undiscounted), "
     "frequency-picked bids from 0.01 bins, the opponent's best bid in the last round",
     "Hao, Leung (2012), ABiNeS: an adaptive bilateral negotiating strategy over multiple items (CUHKAgent, ANAC "
     "2012 winner)",
     no_params},
    {"agent", "atlas3", "GENIUS's Atlas3: linear threshold to the final-phase game's expected utility, neighbourhood "
     "bid search, replays every offer received (best first) in the final phase",
     "Mori, Ito (2017), Atlas3: a negotiating agent based on expecting lower limit of concession function (ANAC "
     "2015 winner)",
     no_params},
    {"agent", "agent-gg",
     "importance map from a ranking of its bids; piecewise-linear thresholds down to the estimated Nash point",
     "Xu (2019), AgentGG, ANAC 2019 winner (GENIUS 10.4 agents.anac.y2019.agentgg)", agent_gg_params},
    {"agent", "micro", "concedes one package at a time, only while the opponent keeps making new offers",
     "de Jonge (2022), An analysis of the linear bilateral ANAC domains using the MiCRO benchmark strategy, IJCAI",
     no_params},
    /* ANAC winners ported from GENIUS 10.4 (anac_*.c) */
    {"agent", "ponpoko", "one of five oscillating threshold patterns; accepts above the lower threshold, random "
     "bids between the two", "PonPokoAgent, ANAC 2017 winner (GENIUS agents.anac.y2017.ponpokoagent)",
     ponpoko_params},
    {"agent", "agreeable-2018", "best package until t = 0.2, then a late Boulware down to 0.8; roulette-wheel bids "
     "on a frequency model", "AgreeableAgent2018, ANAC 2018 winner (GENIUS agents.anac.y2018.agreeableagent2018)",
     no_params},
    {"agent", "the-fawkes", "OMAC: wavelet forecast of the opponent's offers against a reserved utility; offers "
     "what a frequency model says the opponent likes most above the target",
     "TheFawkes, ANAC 2013 winner (GENIUS agents.anac.y2013.TheFawkes; Chen, Weiss, OMAC)", no_params},
    {"agent", "agent-m", "integer issues: random search, then annealing towards the opponent's frequent values; "
     "accepts above its worst bid. Categorical issues: accepts the first offer (as the original, which throws)",
     "AgentM, ANAC 2014 winner (GENIUS agents.anac.y2014.AgentM)", no_params},
    {"agent", "caduceus", "its best package until t = 0.83 x discount, then a weighted committee: ParsAgent "
     "(ported) decides acceptance and most bids, atlas3 some; RandomDance, kawaii and the inner Caduceus not ported",
     "Caduceus, ANAC 2016 winner (GENIUS agents.anac.y2016.caduceus; Gunes, Arditi, Aydogan)", no_params},
    {"bidding", "time", "target best - (best - floor) F(t), F(t) = k + (1 - k) t^(1/e)", FARATIN, time_bid_params},
    {"bidding", "tft", "concede the fraction of the way to the Nash package that the opponent conceded",
     "Baarslag, Hindriks, Jonker (2013), NiceTitForTat", tft_bid_params},
    {"model", "none", "no model: bids just above the target", "-", no_params},
    {"model", "frequency", "value counts and weights of issues whose value stays (0.2/n per repeat)",
     "van Krimpen et al. (2013), HardHeaded", no_params},
    {"model", "smith", "value: its count / bids; issue weight: its largest count / bids, normalised",
     "GENIUS SmithFrequencyModel (AgentSmith, ANAC 2010)", no_params},
    {"model", "bayes", "11 weight levels and value-shape hypotheses per issue, Bayes' rule on the relative drop",
     "Hindriks, Tykhonov (2008), Opponent modelling in automated multi-issue negotiation using Bayesian learning "
     "(GENIUS BayesianOpponentModelScalable)",
     no_params},
    {"model", "perfect", "the true utility (an oracle, for measuring; library only)",
     "Baarslag et al. (2013), Predicting the performance of opponent models", no_params},
    {"acceptance", "next", "AC_next(a, b)", ACCEPT, next_params},
    {"acceptance", "const", "AC_const(c)", ACCEPT, const_params},
    {"acceptance", "time", "AC_time(T)", ACCEPT, time_params},
    {"acceptance", "prev", "AC_prev(a, b)", ACCEPT, prev_params},
    {"acceptance", "combi", "AC_combi(T, MAX^W): AC_next, or from T the best offer of the last W = 1 - t", ACCEPT,
     combi_params},
};

const parley_agent_info *parley_agent_catalog(size_t *count)
{
    *count = sizeof catalog / sizeof catalog[0];
    return catalog;
}

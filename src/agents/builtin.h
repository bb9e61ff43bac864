/* builtin.h: the built-in agents' tables (defined one per strategy file, listed by registry.c). */
#ifndef PARLEY_AGENTS_BUILTIN_H
#define PARLEY_AGENTS_BUILTIN_H

#include <parley/agent.h>

extern const parley_agent_vtable agent_boulware;
extern const parley_agent_vtable agent_linear;
extern const parley_agent_vtable agent_conceder;
extern const parley_agent_vtable agent_hardliner;
extern const parley_agent_vtable agent_tit_for_tat;
extern const parley_agent_vtable agent_random;
extern const parley_agent_vtable agent_nash;
extern const parley_agent_vtable agent_boa;
extern const parley_agent_vtable agent_hardheaded;
extern const parley_agent_vtable agent_nice_tit_for_tat;
extern const parley_agent_vtable agent_agent_k;
extern const parley_agent_vtable agent_cuhk;
extern const parley_agent_vtable agent_atlas3;
extern const parley_agent_vtable agent_agent_gg;
extern const parley_agent_vtable agent_micro;
/* ANAC winners ported from GENIUS 10.4 (anac_*.c) */
extern const parley_agent_vtable agent_ponpoko;
extern const parley_agent_vtable agent_agreeable_2018;
extern const parley_agent_vtable agent_the_fawkes;
extern const parley_agent_vtable agent_agent_m;
extern const parley_agent_vtable agent_caduceus;

#endif

/*
 * parley.h: the whole public API of libparley.  Include this, or the one header
 * per part you need.  Every type is opaque unless its header says otherwise;
 * every function documents who owns what it returns.
 */
#ifndef PARLEY_PARLEY_H
#define PARLEY_PARLEY_H

#include <parley/error.h>
#include <parley/space.h>
#include <parley/utility.h>
#include <parley/expr.h>
#include <parley/scenario.h>
#include <parley/analysis.h>
#include <parley/agent.h>
#include <parley/protocol.h>
#include <parley/diagnose.h>
#include <parley/improve.h>
#include <parley/gmcr.h>
#include <parley/tournament.h>
#include <parley/stats.h>
#include <parley/uncertainty.h>
#include <parley/io.h>
#include <parley/genius.h>
#include <parley/approx.h>
#include <parley/server.h>
#include <parley/text.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library version, "MAJOR.MINOR.PATCH" (static string). */
const char *parley_version(void);

#ifdef __cplusplus
}
#endif
#endif

/*
 * gmcr_json.h: a JSON document written one top-level member (or one array
 * item) at a time, each printed by jansson with JSON_INDENT(2) and shifted to
 * its depth, so the whole reads exactly as jansson would print the whole tree
 * (the format of every parley command) without holding it in memory.
 */
#ifndef PARLEY_GMCR_JSON_H
#define PARLEY_GMCR_JSON_H

#include <parley/gmcr.h>

#include <jansson.h>
#include <stdio.h>

typedef struct gmcr_json_writer {
    FILE *out;
    int members;  /* top-level members written */
    int items;    /* items of the open array */
    int failed;   /* a value could not be built or printed */
} gmcr_json_writer;

/* Writes "key": value (takes the reference to value; NULL counts as a failure). */
void gmcr_json_member(gmcr_json_writer *w, const char *key, json_t *value);
/* A top-level array written item by item. */
void gmcr_json_array_begin(gmcr_json_writer *w, const char *key);
void gmcr_json_array_item(gmcr_json_writer *w, json_t *value);
void gmcr_json_array_end(gmcr_json_writer *w);
/* Closes the document; PARLEY_ENOMEM or PARLEY_EIO on failure. */
int gmcr_json_end(gmcr_json_writer *w, parley_error *err);

/*
 * Prints a small document (kept by the caller) as 2-space JSON when `json`, else through `text`.
 * PARLEY_ENOMEM when doc is NULL (it could not be built), PARLEY_EIO on a write error.
 */
int gmcr_json_emit(FILE *out, const json_t *doc, int json, void (*text)(FILE *, const json_t *), parley_error *err);

/* {"code", "vector", "label"} of a state (a new object). */
json_t *gmcr_json_state(const parley_gmcr_model *m, uint32_t code);

#endif

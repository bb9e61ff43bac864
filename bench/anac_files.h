/*
 * anac_files.h: the three files of an ANAC 2012 domain of PARLEY_SHARED_DIR
 * with its A profiles (NAME/NAME-A-domain.xml, NAME-A-prof1.xml,
 * NAME-A-prof2.xml), for the benchmarks that play on those domains.
 */
#ifndef PARLEY_BENCH_ANAC_FILES_H
#define PARLEY_BENCH_ANAC_FILES_H

#include <stdio.h>

typedef struct bench_anac_files {
    char path[3][1024];
    const char *files[3]; /* domain, profile 1, profile 2: for parley_scenario_load_files */
} bench_anac_files;

/* Fills f with the files of domain `name`; returns f->files. */
static inline const char **bench_anac_files_of(bench_anac_files *f, const char *name)
{
    static const char *const kinds[3] = {"domain", "prof1", "prof2"};
    for (int k = 0; k < 3; k++) {
        snprintf(f->path[k], sizeof f->path[k], "%s/genius/anac2012/%s/%s-A-%s.xml", PARLEY_SHARED_DIR, name, name,
                 kinds[k]);
        f->files[k] = f->path[k];
    }
    return f->files;
}

#endif

/* cmd_convert.c: `parley convert`: between native scenarios, GENIUS XML and GeniusWeb JSON. */
#include "cli.h"

#include <errno.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parley convert IN... -o OUT [--to native|genius|geniusweb] [--json]\n"
    "\n"
    "Reads a negotiation in any format parley reads (a native scenario; a GENIUS\n"
    "domain and its profiles; a GeniusWeb domain and its profiles) and writes it in\n"
    "another.  The target format is --to, or else told by OUT: a .xml name means\n"
    "GENIUS, a .json name a native scenario.\n"
    "\n"
    "  native      OUT is the scenario file\n"
    "  genius      OUT is the domain file; each party's profile is written beside it\n"
    "              as STEM-PARTY.xml (STEM: OUT without .xml and without -domain),\n"
    "              or PARTY.xml when the party's name already starts with STEM\n"
    "  geniusweb   likewise, OUT the domain, STEM-PARTY.json the profiles\n"
    "\n"
    "What the target cannot express (red lines and constraints have no GENIUS or\n"
    "GeniusWeb form; nor do mediators, reservation curves, discount factors in\n"
    "GeniusWeb, ...) is left out with a warning on stderr.\n"
    "\n"
    "  --json        print {\"files\": [...], \"warnings\": [...]} instead of text\n";

struct warnings {
    char **items;
    size_t count, capacity;
};

static void collect(void *ctx, const char *message)
{
    struct warnings *w = ctx;
    if (w->count == w->capacity) {
        size_t cap = w->capacity ? w->capacity * 2 : 8;
        char **grown = realloc(w->items, cap * sizeof *grown);
        if (!grown)
            return;
        w->items = grown;
        w->capacity = cap;
    }
    char *copy = strdup(message);
    if (copy)
        w->items[w->count++] = copy;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* STEM-PARTY.EXT with characters unsafe in file names replaced. */
static void profile_path(const char *out, const char *ext, const char *party, char *buf, size_t size)
{
    char stem[4096];
    snprintf(stem, sizeof stem, "%s", out);
    size_t n = strlen(stem), e = strlen(ext);
    if (n > e && strcmp(stem + n - e, ext) == 0)
        stem[n -= e] = '\0';
    if (n > 7 && (strcmp(stem + n - 7, "-domain") == 0 || strcmp(stem + n - 7, "_domain") == 0))
        stem[n - 7] = '\0';
    char safe[256];
    size_t k = 0;
    for (const char *p = party; *p && k + 1 < sizeof safe; p++)
        safe[k++] = (*p == '/' || *p == '\\' || *p == ' ' || *p == ':') ? '_' : *p;
    safe[k] = '\0';
    /* a party already named after the stem ("Energy-A-prof1" beside "Energy-A") keeps its own name */
    const char *slash = strrchr(stem, '/');
    const char *base = slash ? slash + 1 : stem;
    size_t b = strlen(base);
    if (b > 0 && strncmp(safe, base, b) == 0)
        snprintf(buf, size, "%.*s%s%s", (int)(base - stem), stem, safe, ext);
    else
        snprintf(buf, size, "%s-%s%s", stem, safe, ext);
}

typedef int (*write_fn)(const parley_scenario *, size_t, FILE *, parley_warn_fn, void *, parley_error *);

static int write_file(const char *path, const parley_scenario *sc, size_t party, write_fn fn, int domain,
                      struct warnings *w, parley_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot create the file: %s", strerror(errno));
    int rc;
    if (domain == 1)
        rc = parley_genius_write_domain(sc, f, collect, w, err);
    else if (domain == 2)
        rc = parley_geniusweb_write_domain(sc, f, collect, w, err);
    else if (domain == 3)
        rc = parley_scenario_write(sc, f, err);
    else
        rc = fn(sc, party, f, collect, w, err);
    if (fclose(f) != 0 && rc == PARLEY_OK)
        rc = parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot write the file");
    return rc;
}

int cmd_convert(int argc, char **argv)
{
    const char *out = NULL, *to = NULL;
    int json = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    if (!files)
        return CLI_FAILURE;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        int r;
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            free(files);
            return CLI_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "-o", &value)) != 0 ||
                   (r = cli_option_value(argc, argv, &i, "--output", &value)) != 0) {
            if (r < 0 || !value || !value[0]) {
                cli_usage_error("convert", "-o expects a file name");
                goto usage_error;
            }
            out = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--to", &value)) != 0) {
            if (r < 0 || !value || (strcmp(value, "native") && strcmp(value, "genius") && strcmp(value, "geniusweb"))) {
                cli_usage_error("convert", "--to expects native, genius or geniusweb");
                goto usage_error;
            }
            to = value;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_usage_error("convert", "unknown option '%s'", argv[i]);
            goto usage_error;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (nfiles == 0 || !out) {
        cli_usage_error("convert", nfiles == 0 ? "expected input files" : "expected -o OUT");
        goto usage_error;
    }
    if (!to)
        to = ends_with(out, ".xml") ? "genius" : "native";
    parley_error err;
    parley_scenario *sc = NULL;
    int rc = parley_scenario_load_files(files, nfiles, &sc, &err);
    free(files);
    if (rc != PARLEY_OK)
        return cli_report(&err);
    struct warnings w = {0};
    size_t written_cap = parley_scenario_party_count(sc) + 1;
    char **written = calloc(written_cap, sizeof *written);
    size_t nwritten = 0;
    if (!written) {
        parley_scenario_free(sc);
        return CLI_FAILURE;
    }
    int native = strcmp(to, "native") == 0, genius = strcmp(to, "genius") == 0;
    rc = write_file(out, sc, 0, NULL, native ? 3 : genius ? 1 : 2, &w, &err);
    if (rc == PARLEY_OK)
        written[nwritten++] = strdup(out);
    for (size_t p = 0; rc == PARLEY_OK && !native && p < parley_scenario_party_count(sc); p++) {
        if (parley_party_role(sc, p) != PARLEY_ROLE_PARTY)
            continue;
        char path[4600];
        profile_path(out, genius ? ".xml" : ".json", parley_party_name(sc, p), path, sizeof path);
        rc = write_file(path, sc, p, genius ? parley_genius_write_profile : parley_geniusweb_write_profile, 0, &w,
                        &err);
        if (rc == PARLEY_OK)
            written[nwritten++] = strdup(path);
    }
    if (rc == PARLEY_OK) {
        if (json) {
            printf("{\n  \"format\": \"%s\",\n  \"files\": [", to);
            for (size_t i = 0; i < nwritten; i++) {
                printf("%s\"", i ? ", " : "");
                for (const char *c = written[i] ? written[i] : ""; *c; c++)
                    printf(*c == '"' || *c == '\\' ? "\\%c" : "%c", *c);
                printf("\"");
            }
            printf("],\n  \"warnings\": [");
            for (size_t i = 0; i < w.count; i++) {
                printf("%s\n    \"", i ? "," : "");
                for (const char *c = w.items[i]; *c; c++)
                    printf(*c == '"' || *c == '\\' ? "\\%c" : "%c", *c);
                printf("\"");
            }
            printf("%s]\n}\n", w.count ? "\n  " : "");
        } else {
            for (size_t i = 0; i < nwritten; i++)
                printf("wrote %s\n", written[i] ? written[i] : "?");
        }
        for (size_t i = 0; i < w.count; i++)
            fprintf(stderr, "parley convert: warning: %s\n", w.items[i]);
    }
    for (size_t i = 0; i < nwritten; i++)
        free(written[i]);
    free(written);
    for (size_t i = 0; i < w.count; i++)
        free(w.items[i]);
    free(w.items);
    parley_scenario_free(sc);
    return rc == PARLEY_OK ? CLI_OK : cli_report(&err);
usage_error:
    free(files);
    return CLI_BAD_INPUT;
}

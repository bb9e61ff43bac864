/* cmd_convert.c: `parley convert`: between native scenarios, GENIUS XML and GeniusWeb JSON. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <jansson.h>

#include "bind/output.h"
#include "io/json_util.h"

static const char usage[] =
    "usage: parley convert IN... -o OUT [--to native|genius|geniusweb] [--json]\n"
    "\n"
    "Reads a negotiation in any format parley reads (a native scenario; a GENIUS\n"
    "domain and its profiles; a GeniusWeb domain and its profiles) and writes it in\n"
    "another.  The target format is --to, or else told by OUT: a .xml name means\n"
    "GENIUS, a .json name a native scenario; any other name needs --to.\n"
    "\n"
    "  native      OUT is the scenario file\n"
    "  genius      OUT is the domain file; each party's profile is written beside it\n"
    "              as PARTY.xml, so that the parties keep their names when read back\n"
    "  geniusweb   likewise, OUT the domain, PARTY.json the profiles\n"
    "Folders of OUT that do not exist are created.\n"
    "\n"
    "What the target cannot express (red lines and constraints have no GENIUS or\n"
    "GeniusWeb form; nor do mediators, phases, trust, reservation curves, sources,\n"
    "discount factors in GeniusWeb, ...) is left out with a warning on stderr, one\n"
    "per loss.\n"
    "\n"
    "  --json        print {\"format\", \"files\": [...], \"warnings\": [...]} instead of text\n"
    "\n" CLI_INPUT_HELP;

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

/*
 * DIR/PARTY.EXT beside OUT, with characters unsafe in file names replaced, so
 * that reading the files back gives the same party names; PARTY-profile.EXT
 * when that would be OUT itself.
 */
static void profile_path(const char *out, const char *ext, const char *party, char *buf, size_t size)
{
    const char *slash = strrchr(out, '/');
    int dir = slash ? (int)(slash - out + 1) : 0;
    char safe[256];
    size_t k = 0;
    for (const char *p = party; *p && k + 1 < sizeof safe; p++)
        safe[k++] = (*p == '/' || *p == '\\' || *p == ' ' || *p == ':') ? '_' : *p;
    safe[k] = '\0';
    snprintf(buf, size, "%.*s%s%s", dir, out, safe, ext);
    if (strcmp(buf, out) == 0)
        snprintf(buf, size, "%.*s%s-profile%s", dir, out, safe, ext);
}

/* Creates the folders of `path` that do not exist yet (mkdir -p of its directory). */
static int make_parent_dirs(const char *path, parley_error *err)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return PARLEY_OK;
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char keep = *p;
            *p = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                return parley_error_set_at(err, PARLEY_EIO, dir, 0, 0, NULL, "cannot create the folder: %s",
                                           strerror(errno));
            *p = keep;
            if (keep == '\0')
                break;
        }
    }
    return PARLEY_OK;
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
    int json = 0, normalise = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    if (!files)
        return CLI_FAILURE;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        int r;
        if ((r = cli_scenario_option(argv[i], usage, &json, &normalise)) != 0) {
            if (r == CLI_ARG_HELP) {
                free(files);
                return CLI_OK;
            }
        } else if ((r = cli_option_value(argc, argv, &i, "-o", &value)) != 0 ||
                   (r = cli_option_value(argc, argv, &i, "--output", &value)) != 0) {
            if (r < 0 || !value || !value[0]) {
                cli_usage_error("convert", "-o expects a file name");
                goto usage_error;
            }
            if (cli_check_output_tree("-o", value) != CLI_OK)
                goto usage_error;
            out = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--to", &value)) != 0) {
            if (r < 0 || !value || (strcmp(value, "native") && strcmp(value, "genius") && strcmp(value, "geniusweb"))) {
                cli_usage_error("convert", "--to expects native, genius or geniusweb");
                goto usage_error;
            }
            to = value;
        } else if (cli_scenario_argument("convert", argv[i], usage, files, &nfiles) != CLI_OK) {
            goto usage_error;
        }
    }
    if (nfiles == 0 || !out) {
        cli_usage_error("convert", nfiles == 0 ? "expected input files" : "expected -o OUT");
        goto usage_error;
    }
    if (!to && !ends_with(out, ".xml") && !ends_with(out, ".json")) {
        cli_usage_error("convert", "cannot tell the output format from the name '%s': end it in .json (a parley "
                        "scenario) or .xml (GENIUS), or give --to native|genius|geniusweb", out);
        goto usage_error;
    }
    if (!to)
        to = ends_with(out, ".xml") ? "genius" : "native";
    parley_error err = {0};
    parley_scenario *sc = NULL;
    int rc = cli_load_scenario(files, nfiles, normalise, &sc);
    free(files);
    if (rc != CLI_OK)
        return rc;
    struct warnings w = {0};
    size_t written_cap = parley_scenario_party_count(sc) + 1;
    char **written = calloc(written_cap, sizeof *written);
    size_t nwritten = 0;
    if (!written) {
        parley_scenario_free(sc);
        return CLI_FAILURE;
    }
    int native = strcmp(to, "native") == 0, genius = strcmp(to, "genius") == 0;
    if (native)
        parley_warn_native_weights(sc, collect, &w);
    rc = make_parent_dirs(out, &err);
    if (rc == PARLEY_OK)
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
            json_t *root = json_pack("{s:s,s:[],s:[]}", "format", to, "files", "warnings");
            for (size_t i = 0; root && i < nwritten; i++)
                json_array_append_new(json_object_get(root, "files"), json_string(written[i] ? written[i] : ""));
            for (size_t i = 0; root && i < w.count; i++)
                json_array_append_new(json_object_get(root, "warnings"), json_string(w.items[i]));
            if (root)
                json_write_pretty(root, stdout);
            json_decref(root);
        } else {
            for (size_t i = 0; i < nwritten; i++)
                printf("wrote %s\n", written[i] ? written[i] : "?");
        }
        for (size_t i = 0; i < w.count; i++)
            cli_warn(NULL, w.items[i]);
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

/*
 * genius_xml.h: a small element tree built with expat, for the GENIUS readers.
 *
 * GENIUS files are small (kilobytes), so they are read whole into a tree of
 * elements with their attributes and the line and column where each starts.
 * Text content is ignored (GENIUS keeps everything in attributes).  The reader
 * accepts what GENIUS's own lenient parser accepts: comments or blank lines
 * before the <?xml?> declaration are skipped (line numbers still refer to the
 * original file) and a bare '&' in an attribute ("Coffee & Thee") is read
 * literally.  Entity declarations (DOCTYPE) are refused.  Not public API.
 */
#ifndef PARLEY_IO_GENIUS_XML_H
#define PARLEY_IO_GENIUS_XML_H

#include <parley/error.h>
#include <parley/scenario.h>
#include <stddef.h>

typedef struct gx_node {
    char *name;
    char **attrs; /* name, value, name, value, ..., NULL */
    int line, column;
    struct gx_node *parent, *first, *last, *next;
} gx_node;

/* Most nested elements accepted (GENIUS files use about 6). */
#define GX_MAX_DEPTH 64

/*
 * Parses `length` bytes of XML; `file` names it in errors.  On success *root is
 * the document element, freed with gx_free.  Errors carry file, line, column.
 */
int gx_parse(const char *text, size_t length, const char *file, gx_node **root, parley_error *err);
void gx_free(gx_node *root);

/* Reads a whole file into a NUL-terminated buffer (caller frees). */
int gx_read_file(const char *path, char **text, size_t *length, parley_error *err);

/* Reads the domain file and the n profile files, then hands their texts to `parse`. */
int gx_load_files(const char *domain_path, const char *const *profile_paths, size_t n,
                  int (*parse)(const char *const *, const size_t *, const char *const *, size_t, parley_scenario **,
                               parley_error *),
                  parley_scenario **out, parley_error *err);

/* The attribute's value, or NULL. */
const char *gx_attr(const gx_node *n, const char *name);
/* First direct child named `name` (any name when NULL), or NULL. */
gx_node *gx_child(const gx_node *n, const char *name);
/* Next sibling after `n` named `name` (any when NULL), or NULL. */
gx_node *gx_next(const gx_node *n, const char *name);
/* First element named `name` in document order below `n` (not `n` itself), or NULL. */
gx_node *gx_find(const gx_node *n, const char *name);

/*
 * Typed attributes.  `required`: a missing attribute is an error; otherwise
 * *out is left unchanged.  Errors name the file, the element's line and column,
 * the attribute and what was found.
 */
int gx_attr_double(const gx_node *n, const char *file, const char *name, int required, double *out,
                   parley_error *err);
int gx_attr_long(const gx_node *n, const char *file, const char *name, int required, long *out, parley_error *err);
int gx_attr_string(const gx_node *n, const char *file, const char *name, const char **out, parley_error *err);

#endif

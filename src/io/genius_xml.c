/* genius_xml.c: the expat-built element tree the GENIUS readers walk (see genius_xml.h). */
#include "io/genius_xml.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"

struct builder {
    XML_Parser parser;
    const char *file;
    int line_offset;     /* lines skipped before the text given to expat */
    gx_node *root, *current;
    int depth;
    const size_t *amps;  /* where the lenient '&' escaping inserted "amp;" into the text given to expat, ascending */
    size_t amp_count;
    int failed;          /* 1: out of memory, 2: too deep, 3: entity declaration */
    int fail_line, fail_column;
};

void gx_free(gx_node *root)
{
    gx_node *n = root;
    while (n) {
        if (n->first) { /* descend, detaching the child so each node is freed once */
            gx_node *child = n->first;
            n->first = child->next;
            child->next = NULL;
            child->parent = n;
            n = child;
            continue;
        }
        gx_node *up = n == root ? NULL : n->parent;
        free(n->name);
        for (char **a = n->attrs; a && *a; a++)
            free(*a);
        free(n->attrs);
        free(n);
        n = up;
    }
}

/* The number of insertions before byte `at` of the text given to expat. */
static size_t amps_before(const struct builder *b, size_t at)
{
    size_t lo = 0, hi = b->amp_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->amps[mid] < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Where expat is, as a line and column (1-based) of the file: the "amp;" inserted on the line do not count. */
static void where(const struct builder *b, int *line, int *column)
{
    size_t col = (size_t)XML_GetCurrentColumnNumber(b->parser);
    *line = (int)XML_GetCurrentLineNumber(b->parser) + b->line_offset;
    if (b->amp_count) {
        XML_Index at = XML_GetCurrentByteIndex(b->parser);
        if (at >= 0 && (size_t)at >= col)
            col -= 4 * (amps_before(b, (size_t)at) - amps_before(b, (size_t)at - col));
    }
    *column = (int)col + 1;
}

static void stop(struct builder *b, int why)
{
    if (!b->failed) {
        b->failed = why;
        where(b, &b->fail_line, &b->fail_column);
    }
    XML_StopParser(b->parser, XML_FALSE);
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    struct builder *b = data;
    if (b->failed)
        return;
    if (++b->depth > GX_MAX_DEPTH) {
        stop(b, 2);
        return;
    }
    gx_node *n = calloc(1, sizeof *n);
    if (!n) {
        stop(b, 1);
        return;
    }
    where(b, &n->line, &n->column);
    n->parent = b->current;
    if (b->current) {
        if (b->current->last)
            b->current->last->next = n;
        else
            b->current->first = n;
        b->current->last = n;
    } else {
        b->root = n;
    }
    b->current = n;
    size_t count = 0;
    while (attrs[count])
        count++;
    n->name = parley_strdup(name);
    n->attrs = calloc(count + 1, sizeof *n->attrs);
    if (!n->name || !n->attrs) {
        stop(b, 1);
        return;
    }
    for (size_t i = 0; i < count; i++)
        if (!(n->attrs[i] = parley_strdup(attrs[i]))) {
            stop(b, 1);
            return;
        }
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
    struct builder *b = data;
    (void)name;
    if (b->failed)
        return;
    b->depth--;
    if (b->current)
        b->current = b->current->parent;
}

static void XMLCALL on_entity(void *data, const XML_Char *name, int is_parameter, const XML_Char *value,
                              int value_length, const XML_Char *base, const XML_Char *system_id,
                              const XML_Char *public_id, const XML_Char *notation)
{
    (void)name, (void)is_parameter, (void)value, (void)value_length, (void)base, (void)system_id;
    (void)public_id, (void)notation;
    stop(data, 3);
}

/* 1 when text[i..] is an entity or character reference ("&amp;", "&#38;", "&#x26;"). */
static int is_reference(const char *text, size_t length, size_t i)
{
    size_t j = i + 1;
    if (j < length && text[j] == '#') {
        j++;
        if (j < length && (text[j] == 'x' || text[j] == 'X'))
            j++;
    }
    size_t start = j;
    while (j < length && j - start < 32 &&
           ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
            (text[j] >= '0' && text[j] <= '9')))
        j++;
    return j > start && j < length && text[j] == ';';
}

/* 1 when the bytes are well-formed UTF-8. */
static int valid_utf8(const char *text, size_t length)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < length) {
        unsigned char c = s[i];
        size_t extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;
        if (extra == 9 || (extra && c < 0xC2 && extra == 1) || i + extra >= length + (extra == 0))
            return 0;
        for (size_t k = 1; k <= extra; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += extra + 1;
    }
    return 1;
}

/*
 * Where expat should start: past comments and blank space that precede an
 * <?xml declaration (GENIUS accepts them; XML does not).  Counts the lines skipped.
 */
static size_t skip_prolog_junk(const char *text, size_t length, int *lines)
{
    size_t i = 0;
    for (;;) {
        while (i < length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
            i++;
        if (i + 4 <= length && memcmp(text + i, "<!--", 4) == 0) {
            const char *end = NULL;
            for (size_t j = i + 4; j + 3 <= length; j++)
                if (memcmp(text + j, "-->", 3) == 0) {
                    end = text + j + 3;
                    break;
                }
            if (!end)
                return 0;
            i = (size_t)(end - text);
            continue;
        }
        break;
    }
    if (i == 0 || i + 5 > length || memcmp(text + i, "<?xml", 5) != 0)
        return 0; /* nothing to skip, or no declaration after it: expat reads it as it is */
    *lines = 0;
    for (size_t j = 0; j < i; j++)
        *lines += text[j] == '\n';
    return i;
}

int gx_parse(const char *text, size_t length, const char *file, gx_node **root, parley_error *err)
{
    *root = NULL;
    int lines = 0;
    size_t start = skip_prolog_junk(text, length, &lines);
    /* lenient '&': copy the text, escaping every '&' that does not start a reference */
    size_t amps = 0;
    for (size_t i = start; i < length; i++)
        amps += text[i] == '&' && !is_reference(text, length, i);
    char *copy = NULL;
    size_t *inserted = NULL;
    const char *input = text + start;
    size_t input_length = length - start;
    if (amps) {
        copy = malloc(input_length + 4 * amps + 1);
        inserted = malloc(amps * sizeof *inserted);
        if (!copy || !inserted) {
            free(copy);
            free(inserted);
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        }
        size_t o = 0, k = 0;
        for (size_t i = start; i < length; i++) {
            copy[o++] = text[i];
            if (text[i] == '&' && !is_reference(text, length, i)) {
                inserted[k++] = o;
                memcpy(copy + o, "amp;", 4);
                o += 4;
            }
        }
        input = copy;
        input_length = o;
    }
    struct builder b = {0};
    b.amps = inserted;
    b.amp_count = amps;
    b.file = file;
    b.line_offset = lines;
    /* GENIUS reads files in the platform's 8-bit encoding too ("€" as byte 0x80): text that is not
       UTF-8 is read as ISO-8859-1, whatever its declaration says */
    b.parser = XML_ParserCreate(valid_utf8(input, input_length) ? NULL : "ISO-8859-1");
    if (!b.parser) {
        free(copy);
        free(inserted);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    XML_SetUserData(b.parser, &b);
    XML_SetElementHandler(b.parser, on_start, on_end);
    XML_SetEntityDeclHandler(b.parser, on_entity);
    int rc = PARLEY_OK;
    if (input_length > (size_t)0x7fffffff) {
        rc = parley_error_set_at(err, PARLEY_ERANGE, file, 0, 0, NULL, "the file is too large");
    } else if (XML_Parse(b.parser, input, (int)input_length, 1) == XML_STATUS_ERROR || b.failed) {
        if (b.failed == 1)
            rc = parley_error_set_at(err, PARLEY_ENOMEM, file, 0, 0, NULL, "out of memory");
        else if (b.failed == 2)
            rc = parley_error_set_at(err, PARLEY_EINVAL, file, b.fail_line, b.fail_column, NULL,
                                     "elements nested more than %d deep", GX_MAX_DEPTH);
        else if (b.failed == 3)
            rc = parley_error_set_at(err, PARLEY_EINVAL, file, b.fail_line, b.fail_column, NULL,
                                     "entity declarations are not accepted in a GENIUS file");
        else {
            int line, column;
            where(&b, &line, &column);
            rc = parley_error_set_at(err, PARLEY_EINVAL, file, line, column, NULL, "malformed XML: %s",
                                     XML_ErrorString(XML_GetErrorCode(b.parser)));
        }
    } else if (!b.root) {
        rc = parley_error_set_at(err, PARLEY_EINVAL, file, 1, 1, NULL, "no XML element in the file");
    }
    XML_ParserFree(b.parser);
    free(copy);
    free(inserted);
    if (rc != PARLEY_OK) {
        gx_free(b.root);
        return rc;
    }
    *root = b.root;
    return PARLEY_OK;
}

int gx_read_file(const char *path, char **text, size_t *length, parley_error *err)
{
    *text = NULL;
    *length = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot open the file: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        goto nomem;
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > ((size_t)1 << 30)) {
                free(buf);
                fclose(f);
                return parley_error_set_at(err, PARLEY_ERANGE, path, 0, 0, NULL, "the file is larger than 1 GiB");
            }
            char *grown = realloc(buf, cap * 2);
            if (!grown)
                goto nomem;
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot read the file");
    }
    fclose(f);
    buf[n] = '\0';
    *text = buf;
    *length = n;
    return PARLEY_OK;
nomem:
    free(buf);
    fclose(f);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

const char *gx_attr(const gx_node *n, const char *name)
{
    for (char **a = n->attrs; a && a[0] && a[1]; a += 2)
        if (strcmp(a[0], name) == 0)
            return a[1];
    return NULL;
}

gx_node *gx_child(const gx_node *n, const char *name)
{
    for (gx_node *c = n->first; c; c = c->next)
        if (!name || strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

gx_node *gx_next(const gx_node *n, const char *name)
{
    for (gx_node *c = n->next; c; c = c->next)
        if (!name || strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

gx_node *gx_find(const gx_node *n, const char *name)
{
    const gx_node *c = n->first;
    while (c) {
        if (strcmp(c->name, name) == 0)
            return (gx_node *)c;
        if (c->first) {
            c = c->first;
            continue;
        }
        while (c && c != n && !c->next)
            c = c->parent;
        if (!c || c == n)
            return NULL;
        c = c->next;
    }
    return NULL;
}

int gx_attr_string(const gx_node *n, const char *file, const char *name, const char **out, parley_error *err)
{
    const char *v = gx_attr(n, name);
    if (!v)
        return parley_error_set_at(err, PARLEY_EINVAL, file, n->line, n->column, NULL,
                                   "<%s> needs the attribute %s", n->name, name);
    *out = v;
    return PARLEY_OK;
}

int gx_attr_double(const gx_node *n, const char *file, const char *name, int required, double *out,
                   parley_error *err)
{
    const char *v = gx_attr(n, name);
    if (!v)
        return required ? gx_attr_string(n, file, name, &v, err) : PARLEY_OK;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    while (end != v && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
        end++;
    if (end == v || *end || errno == ERANGE || !isfinite(x))
        return parley_error_set_at(err, PARLEY_EINVAL, file, n->line, n->column, NULL,
                                   "attribute %s=\"%.60s\" of <%s> is not a number", name, v, n->name);
    *out = x;
    return PARLEY_OK;
}

int gx_attr_long(const gx_node *n, const char *file, const char *name, int required, long *out, parley_error *err)
{
    const char *v = gx_attr(n, name);
    if (!v)
        return required ? gx_attr_string(n, file, name, &v, err) : PARLEY_OK;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    while (end != v && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
        end++;
    if (end == v || *end || errno == ERANGE || x < -1000000000L || x > 1000000000L)
        return parley_error_set_at(err, PARLEY_EINVAL, file, n->line, n->column, NULL,
                                   "attribute %s=\"%.60s\" of <%s> is not a whole number (within +-10^9)", name, v,
                                   n->name);
    *out = x;
    return PARLEY_OK;
}

int gx_load_files(const char *domain_path, const char *const *profile_paths, size_t n,
                  int (*parse)(const char *const *, const size_t *, const char *const *, size_t, parley_scenario **,
                               parley_error *),
                  parley_scenario **out, parley_error *err)
{
    *out = NULL;
    size_t total = n + 1;
    char **texts = calloc(total, sizeof *texts);
    size_t *lengths = calloc(total, sizeof *lengths);
    const char **names = calloc(total, sizeof *names);
    int rc = PARLEY_OK;
    if (!texts || !lengths || !names) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < total; i++) {
        names[i] = i == 0 ? domain_path : profile_paths[i - 1];
        if ((rc = gx_read_file(names[i], &texts[i], &lengths[i], err)) != PARLEY_OK)
            goto done;
    }
    rc = parse((const char *const *)texts, lengths, names, total, out, err);
done:
    for (size_t i = 0; texts && i < total; i++)
        free(texts[i]);
    free(texts);
    free(lengths);
    free(names);
    return rc;
}

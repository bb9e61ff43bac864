/*
 * svg_drawing.h: an SVG document of the toolkit (src/io/svg.c) drawn into memory, for the tests that check what
 * it writes and reserves (test_kill15_io, test_kill15_svg): drawing_begin() starts it, drawn() is what was written
 * since the header or the last drawn(), drawing_end() ends it keeping the whole text in d->text (the caller frees
 * it), drawing_free() ends it and frees the text.  Header-only (include after <cmocka.h> and "io/svg.h").
 */
#ifndef PARLEY_TESTS_SVG_DRAWING_H
#define PARLEY_TESTS_SVG_DRAWING_H

#include <stdio.h>
#include <stdlib.h>

typedef struct drawing {
    char *text;
    size_t size;
    FILE *out;
    svg s;
    long mark;
} drawing;

static inline void drawing_begin(drawing *d, double width, double height)
{
    d->text = NULL;
    d->size = 0;
    d->out = open_memstream(&d->text, &d->size);
    assert_non_null(d->out);
    svg_begin(&d->s, d->out, width, height);
    fflush(d->out);
    d->mark = (long)d->size;
}

/* What was written since the last call (or since the header). */
static inline const char *drawn(drawing *d)
{
    fflush(d->out);
    const char *from = d->text + d->mark;
    d->mark = (long)d->size;
    return from;
}

static inline void drawing_end(drawing *d)
{
    assert_int_equal(svg_end(&d->s), 0);
    fclose(d->out);
}

static inline void drawing_free(drawing *d)
{
    drawing_end(d);
    free(d->text);
}

#endif

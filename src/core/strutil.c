/* strutil.c: small string helpers shared inside the library. */
#include "core/strutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

char *parley_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

char *parley_format_grid_number(double x, char *buf, size_t size)
{
    if (x == nearbyint(x) && fabs(x) < 1e15) {
        snprintf(buf, size, "%.0f", x);
        return buf;
    }
    /* The fewest significant digits (up to 17) that read back exactly; 12 is enough for grids. */
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x || digits == 12)
            break;
    }
    return buf;
}

char *parley_format_number(double x, char *buf, size_t size)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "null");
        return buf;
    }
    if (x == 0) { /* -0 too */
        snprintf(buf, size, "0");
        return buf;
    }
    if (x == nearbyint(x) && fabs(x) < 1e15) { /* whole numbers without an exponent or a ".0" */
        snprintf(buf, size, "%.0f", x);
        return buf;
    }
    /* %g drops trailing zeros, so the first of 15..17 significant digits that reads back is the shortest */
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

int parley_valid_identifier(const char *name)
{
    /* The words of the constraint language cannot name an issue: a rule could not refer to it. */
    static const char *const keywords[] = {"and", "or", "not", "in", "if", "then", "implies", "true", "false", NULL};
    if (!name || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return 0;
    for (const char *p = name + 1; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return 0;
    for (size_t k = 0; keywords[k]; k++)
        if (strcmp(name, keywords[k]) == 0)
            return 0;
    return 1;
}

/* Edit distance (insertions, deletions, substitutions, swaps of neighbours: "bleu" is one from "blue"),
   case-insensitive, of two words of up to 63 characters (longer ones: large). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 63 || m > 63)
        return 1000;
    size_t d[64][64];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int ai = tolower((unsigned char)a[i - 1]), bj = tolower((unsigned char)b[j - 1]);
            size_t best = d[i - 1][j - 1] + (ai != bj);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) && tolower((unsigned char)a[i - 2]) == bj &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

const char *parley_nearest_word(const char *word, const char *const *candidates, size_t n)
{
    size_t len = strlen(word), limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    const char *best = NULL;
    size_t best_distance = limit + 1;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i])
            continue;
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_distance) {
            best_distance = d;
            best = candidates[i];
        }
    }
    return best;
}

size_t parley_decimal(char *out, size_t x)
{
    char digits[24];
    size_t n = 0, k = 0;
    do
        digits[n++] = (char)('0' + x % 10);
    while ((x /= 10) > 0);
    while (n > 0)
        out[k++] = digits[--n];
    return k;
}

double parley_round_figure(double x)
{
    if (!isfinite(x) || x == 0)
        return x;
    char buf[40];
    snprintf(buf, sizeof buf, "%.12g", x);
    return strtod(buf, NULL);
}

/* Where a prefix of n bytes of s may end: n itself, or the start of the multi-byte sequence it would cut. */
static size_t utf8_boundary(const char *s, size_t n)
{
    size_t start = n;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--; /* continuation bytes before the cut */
    if (start == 0)
        return n;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return n - (start - 1) >= need ? n : start - 1; /* the sequence is whole, or it is dropped */
}

int parley_utf8_prefix(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    return (int)(n < max ? n : utf8_boundary(s, n));
}

void parley_utf8_trim(char *buf)
{
    buf[utf8_boundary(buf, strlen(buf))] = '\0';
}

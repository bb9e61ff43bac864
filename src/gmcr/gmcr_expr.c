/*
 * gmcr_expr.c: conditions over options, the language of preference statements
 * and infeasible states: option numbers or ids, "-" / "!" / "not" for "not
 * taken", "&" / "and", "|" / "or", "if A then B", "A if B", "A iff B", and
 * parentheses.  Parsed by recursive descent into a small tree.
 */
#include "gmcr_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *text;
    size_t pos;
    gmcr_resolve_fn resolve;
    void *ctx;
    int failed;
    int nomem;
    int column;
    char *msg;
    size_t msg_size;
    int depth;
} parser;

static void fail_at(parser *p, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail_at(parser *p, size_t pos, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = 1;
    p->column = (int)pos + 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, p->msg_size, fmt, ap);
    va_end(ap);
}

static void skip_space(parser *p)
{
    while (p->text[p->pos] && isspace((unsigned char)p->text[p->pos]))
        p->pos++;
}

static int is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* Length of the word at the current position (0 when not a word). */
static size_t word_len(const parser *p)
{
    size_t n = 0;
    while (is_word_char(p->text[p->pos + n]))
        n++;
    return n;
}

/* True (and consumes it) when the next word is the keyword kw. */
static int accept_keyword(parser *p, const char *kw)
{
    skip_space(p);
    size_t n = word_len(p);
    if (n == strlen(kw) && strncmp(p->text + p->pos, kw, n) == 0) {
        p->pos += n;
        return 1;
    }
    return 0;
}

static int accept_char(parser *p, char c)
{
    skip_space(p);
    if (p->text[p->pos] == c) {
        p->pos++;
        return 1;
    }
    return 0;
}

gmcr_expr *gmcr_expr_node(gmcr_op op, gmcr_expr *a, gmcr_expr *b)
{
    gmcr_expr *e = calloc(1, sizeof *e);
    if (!e) {
        gmcr_expr_free(a);
        gmcr_expr_free(b);
        return NULL;
    }
    e->op = op;
    e->a = a;
    e->b = b;
    return e;
}

/* gmcr_expr_node for the parser: an allocation failure fails the parse. */
static gmcr_expr *node(parser *p, gmcr_op op, gmcr_expr *a, gmcr_expr *b)
{
    gmcr_expr *e = gmcr_expr_node(op, a, b);
    if (!e) {
        p->nomem = 1;
        fail_at(p, p->pos, "out of memory");
    }
    return e;
}

static gmcr_expr *parse_iff(parser *p);

static int is_keyword(const char *s, size_t n)
{
    static const char *const kws[] = {"and", "or", "not", "if", "then", "iff"};
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
        if (n == strlen(kws[i]) && strncmp(s, kws[i], n) == 0)
            return 1;
    return 0;
}

static gmcr_expr *parse_unary(parser *p)
{
    if (++p->depth > 200) {
        fail_at(p, p->pos, "condition nested too deeply");
        return NULL;
    }
    gmcr_expr *result = NULL;
    skip_space(p);
    size_t start = p->pos;
    if (accept_char(p, '-') || accept_char(p, '!') || accept_char(p, '~') || accept_keyword(p, "not")) {
        gmcr_expr *a = parse_unary(p);
        result = a ? node(p, GMCR_NOT, a, NULL) : NULL;
    } else if (accept_char(p, '(')) {
        gmcr_expr *a = parse_iff(p);
        if (a && !accept_char(p, ')')) {
            fail_at(p, p->pos, "expected ')' to close the '(' at character %zu", start + 1);
            gmcr_expr_free(a);
            a = NULL;
        }
        result = a;
    } else {
        size_t n = word_len(p);
        if (n == 0) {
            if (p->text[p->pos])
                fail_at(p, p->pos, "expected an option (number or id), '-', '(' or 'not', found '%c'",
                        p->text[p->pos]);
            else
                fail_at(p, p->pos, "expected an option (number or id), found the end of the condition");
        } else if (is_keyword(p->text + p->pos, n)) {
            fail_at(p, p->pos, "expected an option, found the keyword '%.*s'", (int)n, p->text + p->pos);
        } else {
            int opt = p->resolve(p->ctx, p->text + p->pos, n);
            if (opt < 0) {
                fail_at(p, p->pos, "unknown option '%.*s'", (int)n, p->text + p->pos);
            } else {
                p->pos += n;
                result = node(p, GMCR_OPT, NULL, NULL);
                if (result)
                    result->option = opt;
            }
        }
    }
    p->depth--;
    return result;
}

static gmcr_expr *parse_and(parser *p)
{
    gmcr_expr *a = parse_unary(p);
    while (a && (accept_char(p, '&') || accept_keyword(p, "and"))) {
        gmcr_expr *b = parse_unary(p);
        if (!b) {
            gmcr_expr_free(a);
            return NULL;
        }
        a = node(p, GMCR_AND, a, b);
    }
    return a;
}

static gmcr_expr *parse_or(parser *p)
{
    gmcr_expr *a = parse_and(p);
    while (a && (accept_char(p, '|') || accept_keyword(p, "or"))) {
        gmcr_expr *b = parse_and(p);
        if (!b) {
            gmcr_expr_free(a);
            return NULL;
        }
        a = node(p, GMCR_OR, a, b);
    }
    return a;
}

/* "if A then B" | A "if" B (B implies A) | A */
static gmcr_expr *parse_conditional(parser *p)
{
    if (accept_keyword(p, "if")) {
        gmcr_expr *a = parse_or(p);
        if (!a)
            return NULL;
        if (!accept_keyword(p, "then")) {
            fail_at(p, p->pos, "expected 'then' after the condition of 'if'");
            gmcr_expr_free(a);
            return NULL;
        }
        gmcr_expr *b = parse_or(p);
        if (!b) {
            gmcr_expr_free(a);
            return NULL;
        }
        return node(p, GMCR_IMPLIES, a, b);
    }
    gmcr_expr *a = parse_or(p);
    if (a && accept_keyword(p, "if")) {
        gmcr_expr *b = parse_or(p);
        if (!b) {
            gmcr_expr_free(a);
            return NULL;
        }
        return node(p, GMCR_IMPLIES, b, a);
    }
    return a;
}

static gmcr_expr *parse_iff(parser *p)
{
    gmcr_expr *a = parse_conditional(p);
    while (a && accept_keyword(p, "iff")) {
        gmcr_expr *b = parse_conditional(p);
        if (!b) {
            gmcr_expr_free(a);
            return NULL;
        }
        a = node(p, GMCR_IFF, a, b);
    }
    return a;
}

gmcr_expr *gmcr_expr_parse(const char *text, gmcr_resolve_fn resolve, void *ctx, int *column, char *msg,
                           size_t msg_size, int *nomem)
{
    parser p = {.text = text, .resolve = resolve, .ctx = ctx, .msg = msg, .msg_size = msg_size};
    if (msg_size)
        msg[0] = '\0';
    gmcr_expr *e = parse_iff(&p);
    skip_space(&p);
    if (e && p.text[p.pos]) {
        fail_at(&p, p.pos, "unexpected '%s' after a complete condition (join conditions with '&' or '|')",
                p.text + p.pos);
        gmcr_expr_free(e);
        e = NULL;
    }
    if (!e && !p.failed)
        fail_at(&p, p.pos, "bad condition");
    if (column)
        *column = e ? 0 : p.column;
    if (nomem)
        *nomem = p.nomem;
    return e;
}

void gmcr_expr_free(gmcr_expr *e)
{
    if (!e)
        return;
    gmcr_expr_free(e->a);
    gmcr_expr_free(e->b);
    free(e);
}

int gmcr_expr_eval(const gmcr_expr *e, uint32_t code)
{
    switch (e->op) {
    case GMCR_OPT: return (int)((code >> e->option) & 1u);
    case GMCR_NOT: return !gmcr_expr_eval(e->a, code);
    case GMCR_AND: return gmcr_expr_eval(e->a, code) && gmcr_expr_eval(e->b, code);
    case GMCR_OR: return gmcr_expr_eval(e->a, code) || gmcr_expr_eval(e->b, code);
    case GMCR_IMPLIES: return !gmcr_expr_eval(e->a, code) || gmcr_expr_eval(e->b, code);
    case GMCR_IFF: return gmcr_expr_eval(e->a, code) == gmcr_expr_eval(e->b, code);
    }
    return 0;
}

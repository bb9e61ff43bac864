/*
 * expr.c: the constraint language of red lines and linkage (see parley/expr.h).
 *
 * A hand-written recursive-descent parser builds a small typed tree; names and
 * labels are resolved against the space while parsing, so evaluation is a plain
 * tree walk over numbers.  Three types: number, boolean, and "categorical
 * issue i" (usable only with ==, != and in, against labels of that issue).
 */
#include <parley/expr.h>

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"

enum op {
    OP_NUM, OP_BOOL, OP_ISSUE, OP_CAT_IS, OP_CAT_IN, OP_NUM_IN, OP_NEG, OP_NOT,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_AND, OP_OR, OP_IMPLIES
};

enum type { T_NUM, T_BOOL, T_CAT, T_LABEL };

struct node {
    enum op op;
    enum type type;
    double num;           /* OP_NUM, OP_BOOL */
    size_t issue;         /* OP_ISSUE, OP_CAT_*, OP_NUM_IN */
    double min, step;     /* OP_ISSUE / OP_NUM_IN: grid of the issue */
    int negate;           /* OP_CAT_IS: != instead of == */
    unsigned char *member;/* OP_CAT_IN / OP_NUM_IN: member[value] */
    char *label;          /* T_LABEL literal before resolution */
    int column;           /* where it starts in the text */
    int height;           /* 0 for a leaf, else 1 + the height of its tallest child */
    struct node *a, *b;
};

struct parley_expr {
    char *text;
    struct node *root;
    const parley_space *space;
};

/* Bounds on recursion, so that no rule, however long, exhausts the stack: nesting in the text
   (parentheses, if, not, unary -, ->) and the height of the tree (long chains of and, +, ...). */
#define MAX_DEPTH 200
#define MAX_HEIGHT 1000

struct parser {
    const parley_space *space;
    const char *text;
    const char *p;
    parley_error *err;
    int failed;
    int depth;
};

static void free_node(struct node *n)
{
    if (!n)
        return;
    free_node(n->a);
    free_node(n->b);
    free(n->member);
    free(n->label);
    free(n);
}

static int column_of(const struct parser *ps, const char *at)
{
    return (int)(at - ps->text) + 1;
}

static struct node *fail_at(struct parser *ps, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static struct node *fail_at(struct parser *ps, const char *at, const char *fmt, ...)
{
    if (!ps->failed && ps->err) {
        va_list ap;
        va_start(ap, fmt);
        ps->err->code = PARLEY_EINVAL;
        ps->err->column = column_of(ps, at);
        vsnprintf(ps->err->message, sizeof ps->err->message, fmt, ap);
        va_end(ap);
    }
    ps->failed = 1;
    return NULL;
}

/* Records an allocation failure (PARLEY_ENOMEM, not a syntax error); returns NULL. */
static struct node *out_of_memory(struct parser *ps)
{
    if (ps->err && !ps->failed)
        parley_error_set(ps->err, PARLEY_ENOMEM, "out of memory");
    ps->failed = 1;
    return NULL;
}

static struct node *new_node(struct parser *ps, enum op op, enum type type, const char *at)
{
    struct node *n = calloc(1, sizeof *n);
    if (!n)
        return out_of_memory(ps);
    n->op = op;
    n->type = type;
    n->column = column_of(ps, at);
    return n;
}

static void skip_space(struct parser *ps)
{
    while (isspace((unsigned char)*ps->p))
        ps->p++;
}

/* Consumes `word` when it is the next token (a whole word for alphabetic ones). */
static int accept(struct parser *ps, const char *word)
{
    skip_space(ps);
    size_t n = strlen(word);
    if (strncmp(ps->p, word, n) != 0)
        return 0;
    if (isalpha((unsigned char)word[0]) && (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_'))
        return 0;
    ps->p += n;
    return 1;
}

static const char *type_name(enum type t)
{
    switch (t) {
    case T_NUM: return "a number";
    case T_BOOL: return "a condition (true/false)";
    case T_CAT: return "a categorical issue";
    default: return "a quoted value";
    }
}

static struct node *parse_expr(struct parser *ps);
static struct node *binary(struct parser *ps, enum op op, enum type type, const char *at, struct node *a,
                           struct node *b);

/* Lists the labels of a categorical issue into buf for error messages. */
static const char *list_labels(const parley_space *space, size_t issue, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    uint32_t n = parley_issue_value_count(space, issue);
    for (uint32_t v = 0; v < n && used + 8 < size; v++) {
        int k = snprintf(buf + used, size - used, "%s\"%s\"", v ? ", " : "", parley_issue_label(space, issue, v));
        used += k > 0 ? (size_t)k : 0;
    }
    return buf;
}

/*
 * A name that is not an issue where an operand was expected: an operator
 * written twice ("and and"), a categorical value left unquoted, or a typo of
 * an issue (did you mean ...?).
 */
static struct node *unknown_name(struct parser *ps, const char *at, const char *name)
{
    static const char *const operators[] = {"and", "or", "not", "in", "implies", "then", "if", NULL};
    for (size_t k = 0; operators[k]; k++)
        if (strcmp(name, operators[k]) == 0)
            return fail_at(ps, at, "'%s' where a value or an issue name was expected: is an operator doubled "
                           "('%s %s') or its left side missing?", name, name, name);
    size_t n = parley_space_issue_count(ps->space);
    for (size_t i = 0; i < n; i++)
        if (parley_issue_type_of(ps->space, i) == PARLEY_ISSUE_CATEGORICAL &&
            parley_issue_find_label(ps->space, i, name) >= 0)
            return fail_at(ps, at, "'%s' is a value of issue '%s', not an issue: quote it (%s == \"%s\")", name,
                           parley_issue_name(ps->space, i), parley_issue_name(ps->space, i), name);
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names)
        return out_of_memory(ps);
    for (size_t i = 0; i < n; i++)
        names[i] = parley_issue_name(ps->space, i);
    const char *near = parley_nearest_word(name, names, n);
    char known[512];
    size_t used = 0;
    known[0] = '\0';
    for (size_t i = 0; i < n && used + 8 < sizeof known; i++) {
        int k = snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", names[i]);
        used += k > 0 ? (size_t)k : 0;
    }
    struct node *r = near ? fail_at(ps, at, "unknown issue '%s' (did you mean '%s'? the issues are: %s)", name, near,
                                    known)
                          : fail_at(ps, at, "unknown issue '%s' (the issues are: %s)", name, known);
    free(names);
    return r;
}

static struct node *parse_string(struct parser *ps)
{
    const char *start = ps->p;
    char quote = *ps->p++;
    const char *body = ps->p;
    while (*ps->p && *ps->p != quote)
        ps->p++;
    if (!*ps->p)
        return fail_at(ps, start, "unterminated string (expected a closing %c)", quote);
    struct node *n = new_node(ps, OP_NUM, T_LABEL, start);
    if (!n)
        return NULL;
    size_t len = (size_t)(ps->p - body);
    n->label = malloc(len + 1);
    if (!n->label) {
        free(n);
        return out_of_memory(ps);
    }
    memcpy(n->label, body, len);
    n->label[len] = '\0';
    ps->p++;
    return n;
}

static struct node *parse_primary(struct parser *ps)
{
    skip_space(ps);
    const char *at = ps->p;
    if (++ps->depth > MAX_DEPTH)
        return fail_at(ps, at, "expression nested too deeply");
    struct node *n = NULL;
    if (*at == '(') {
        ps->p++;
        n = parse_expr(ps);
        if (!n)
            return NULL;
        if (!accept(ps, ")")) {
            free_node(n);
            return fail_at(ps, ps->p, "expected ')' to close the '(' at column %d", column_of(ps, at));
        }
    } else if (*at == '"' || *at == '\'') {
        n = parse_string(ps);
    } else if (isdigit((unsigned char)*at) || (*at == '.' && isdigit((unsigned char)at[1]))) {
        char *end;
        double x = strtod(at, &end);
        ps->p = end;
        if ((n = new_node(ps, OP_NUM, T_NUM, at)))
            n->num = x;
    } else if (accept(ps, "true") || accept(ps, "false")) {
        if ((n = new_node(ps, OP_BOOL, T_BOOL, at)))
            n->num = at[0] == 't';
    } else if (accept(ps, "if")) {
        struct node *cond = parse_expr(ps);
        if (!cond)
            return NULL;
        if (!accept(ps, "then")) {
            free_node(cond);
            return fail_at(ps, ps->p, "expected 'then' after the condition of 'if'");
        }
        struct node *then = parse_expr(ps);
        if (!then) {
            free_node(cond);
            return NULL;
        }
        if (cond->type != T_BOOL || then->type != T_BOOL) {
            const struct node *bad = cond->type != T_BOOL ? cond : then;
            const char *text = ps->text + bad->column - 1;
            free_node(cond);
            free_node(then);
            return fail_at(ps, text, "'if ... then ...' needs conditions on both sides");
        }
        if (!(n = binary(ps, OP_IMPLIES, T_BOOL, at, cond, then)))
            return NULL;
    } else if (isalpha((unsigned char)*at) || *at == '_') {
        while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
            ps->p++;
        char name[256];
        size_t len = (size_t)(ps->p - at);
        if (len >= sizeof name)
            return fail_at(ps, at, "name too long");
        memcpy(name, at, len);
        name[len] = '\0';
        long issue = parley_space_find_issue(ps->space, name);
        if (issue < 0)
            return unknown_name(ps, at, name);
        int categorical = parley_issue_type_of(ps->space, (size_t)issue) == PARLEY_ISSUE_CATEGORICAL;
        if ((n = new_node(ps, OP_ISSUE, categorical ? T_CAT : T_NUM, at))) {
            n->issue = (size_t)issue;
            n->min = parley_issue_min(ps->space, (size_t)issue);
            n->step = parley_issue_step(ps->space, (size_t)issue);
        }
    } else if (*at == '\0') {
        return fail_at(ps, at, "unexpected end of the rule (expected a value, an issue name or '(')");
    } else {
        return fail_at(ps, at, "unexpected '%c' (expected a value, an issue name or '(')", *at);
    }
    ps->depth--;
    return n;
}

static struct node *parse_unary(struct parser *ps)
{
    skip_space(ps);
    const char *at = ps->p;
    if (*at == '-' && at[1] != '>') {
        ps->p++;
        if (++ps->depth > MAX_DEPTH)
            return fail_at(ps, at, "expression nested too deeply");
        struct node *operand = parse_unary(ps);
        if (!operand)
            return NULL;
        ps->depth--;
        if (operand->type != T_NUM) {
            free_node(operand);
            return fail_at(ps, at, "'-' needs a number");
        }
        return binary(ps, OP_NEG, T_NUM, at, operand, NULL);
    }
    return parse_primary(ps);
}

static struct node *binary(struct parser *ps, enum op op, enum type type, const char *at, struct node *a,
                           struct node *b)
{
    int height = 1 + (b && b->height > a->height ? b->height : a->height);
    if (height > MAX_HEIGHT) {
        free_node(a);
        free_node(b);
        return fail_at(ps, at, "expression nested too deeply (more than %d levels)", MAX_HEIGHT);
    }
    struct node *n = new_node(ps, op, type, at);
    if (!n) {
        free_node(a);
        free_node(b);
        return NULL;
    }
    n->a = a;
    n->b = b;
    n->height = height;
    return n;
}

/* Both operands must have type `want`; otherwise frees them and fails at the operator. */
static int check_operands(struct parser *ps, const char *at, const char *what, enum type want, struct node *a,
                          struct node *b)
{
    const struct node *bad = a->type != want ? a : (b && b->type != want ? b : NULL);
    if (!bad)
        return 1;
    enum type got = bad->type;
    free_node(a);
    free_node(b);
    fail_at(ps, at, "%s needs %s on both sides, found %s", what, type_name(want), type_name(got));
    return 0;
}

static struct node *parse_product(struct parser *ps)
{
    struct node *left = parse_unary(ps);
    while (left) {
        skip_space(ps);
        const char *at = ps->p;
        enum op op;
        if (*at == '*')
            op = OP_MUL;
        else if (*at == '/')
            op = OP_DIV;
        else
            break;
        ps->p++;
        struct node *right = parse_unary(ps);
        if (!right) {
            free_node(left);
            return NULL;
        }
        if (!check_operands(ps, at, op == OP_MUL ? "'*'" : "'/'", T_NUM, left, right))
            return NULL;
        left = binary(ps, op, T_NUM, at, left, right);
    }
    return left;
}

static struct node *parse_sum(struct parser *ps)
{
    struct node *left = parse_product(ps);
    while (left) {
        skip_space(ps);
        const char *at = ps->p;
        enum op op;
        if (*at == '+')
            op = OP_ADD;
        else if (*at == '-' && at[1] != '>')
            op = OP_SUB;
        else
            break;
        ps->p++;
        struct node *right = parse_product(ps);
        if (!right) {
            free_node(left);
            return NULL;
        }
        if (!check_operands(ps, at, op == OP_ADD ? "'+'" : "'-'", T_NUM, left, right))
            return NULL;
        left = binary(ps, op, T_NUM, at, left, right);
    }
    return left;
}

/* Resolves a label literal against a categorical issue node; returns the value index or -1 (error set). */
static long resolve_label(struct parser *ps, const struct node *issue, const struct node *label)
{
    long v = parley_issue_find_label(ps->space, issue->issue, label->label);
    if (v < 0) {
        char known[512];
        size_t n = parley_issue_value_count(ps->space, issue->issue);
        const char **labels = malloc((n ? n : 1) * sizeof *labels);
        const char *near = NULL;
        if (labels) {
            for (size_t k = 0; k < n; k++)
                labels[k] = parley_issue_label(ps->space, issue->issue, (uint32_t)k);
            near = parley_nearest_word(label->label, labels, n);
        }
        fail_at(ps, ps->text + label->column - 1, "'%s' is not a value of issue '%s' (%s%s%sits values are: %s)",
                label->label, parley_issue_name(ps->space, issue->issue), near ? "did you mean '" : "",
                near ? near : "", near ? "'? " : "", list_labels(ps->space, issue->issue, known, sizeof known));
        free(labels);
    }
    return v;
}

/* `left in [ ... ]` */
static struct node *parse_in(struct parser *ps, struct node *left, const char *at, int negated)
{
    if (left->type != T_CAT && !(left->type == T_NUM && left->op == OP_ISSUE)) {
        free_node(left);
        return fail_at(ps, at, "'in' needs an issue name on its left");
    }
    if (!accept(ps, "[")) {
        free_node(left);
        return fail_at(ps, ps->p, "expected '[' after 'in'");
    }
    struct node *n = new_node(ps, left->type == T_CAT ? OP_CAT_IN : OP_NUM_IN, T_BOOL, at);
    uint32_t count = parley_issue_value_count(ps->space, left->issue);
    if (n && !(n->member = calloc(count, 1))) {
        free_node(n);
        n = NULL;
        out_of_memory(ps);
    }
    if (!n) {
        free_node(left);
        return NULL;
    }
    n->issue = left->issue;
    n->negate = negated;
    int first = 1;
    while (!accept(ps, "]")) {
        if (!first && !accept(ps, ","))
            goto expected_item;
        first = 0;
        struct node *item = parse_unary(ps);
        if (!item)
            goto fail;
        long v = -1;
        if (left->type == T_CAT && item->type == T_LABEL) {
            v = resolve_label(ps, left, item);
        } else if (left->type == T_NUM && (item->op == OP_NUM || (item->op == OP_NEG && item->a->op == OP_NUM)) &&
                   item->type == T_NUM) {
            v = parley_issue_find_number(ps->space, left->issue, item->op == OP_NUM ? item->num : -item->a->num);
            if (v < 0) /* a number off the grid simply matches nothing */
                v = -2;
        } else {
            fail_at(ps, ps->text + item->column - 1, "list items for issue '%s' must be %s",
                    parley_issue_name(ps->space, left->issue),
                    left->type == T_CAT ? "quoted values of that issue" : "numbers");
        }
        free_node(item);
        if (v == -1)
            goto fail;
        if (v >= 0)
            n->member[v] = 1;
        continue;
    expected_item:
        fail_at(ps, ps->p, "expected ',' or ']' in the list");
        goto fail;
    }
    free_node(left);
    return n;
fail:
    free_node(left);
    free_node(n);
    return NULL;
}

static struct node *parse_comparison(struct parser *ps)
{
    struct node *left = parse_sum(ps);
    if (!left)
        return NULL;
    skip_space(ps);
    const char *at = ps->p;
    static const struct { const char *text; enum op op; } ops[] = {
        {"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE}, {"<", OP_LT}, {">", OP_GT}, {"=", OP_EQ},
    };
    if (accept(ps, "in"))
        return parse_in(ps, left, at, 0);
    if (accept(ps, "not")) {
        if (accept(ps, "in"))
            return parse_in(ps, left, at, 1);
        ps->p = at; /* "x not y" is an error reported by the caller */
    }
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        if (!accept(ps, ops[k].text))
            continue;
        struct node *right = parse_sum(ps);
        if (!right) {
            free_node(left);
            return NULL;
        }
        enum op op = ops[k].op;
        /* categorical issue against a label */
        if ((left->type == T_CAT && right->type == T_LABEL) || (left->type == T_LABEL && right->type == T_CAT)) {
            struct node *issue = left->type == T_CAT ? left : right;
            struct node *label = left->type == T_CAT ? right : left;
            if (op != OP_EQ && op != OP_NE) {
                size_t which = issue->issue; /* read before the nodes are freed */
                free_node(left);
                free_node(right);
                return fail_at(ps, at, "categorical issue '%s' can only be compared with == or != (or 'in')",
                               parley_issue_name(ps->space, which));
            }
            long v = resolve_label(ps, issue, label);
            struct node *n = v < 0 ? NULL : new_node(ps, OP_CAT_IS, T_BOOL, at);
            if (n) {
                n->issue = issue->issue;
                n->num = (double)v;
                n->negate = op == OP_NE;
            }
            free_node(left);
            free_node(right);
            return n;
        }
        if (left->type == T_CAT || right->type == T_CAT) {
            size_t which = (left->type == T_CAT ? left : right)->issue; /* read before the nodes are freed */
            free_node(left);
            free_node(right);
            return fail_at(ps, at, "categorical issue '%s' can only be compared with one of its quoted values",
                           parley_issue_name(ps->space, which));
        }
        if (left->type == T_BOOL && right->type == T_BOOL && (op == OP_EQ || op == OP_NE))
            return binary(ps, op, T_BOOL, at, left, right);
        if (!check_operands(ps, at, "a comparison", T_NUM, left, right))
            return NULL;
        return binary(ps, op, T_BOOL, at, left, right);
    }
    return left;
}

static struct node *parse_not(struct parser *ps)
{
    skip_space(ps);
    const char *at = ps->p;
    if (accept(ps, "not") || (*ps->p == '!' && ps->p[1] != '=' && accept(ps, "!"))) {
        if (++ps->depth > MAX_DEPTH)
            return fail_at(ps, at, "expression nested too deeply");
        struct node *operand = parse_not(ps);
        if (!operand)
            return NULL;
        ps->depth--;
        if (!check_operands(ps, at, "'not'", T_BOOL, operand, NULL))
            return NULL;
        return binary(ps, OP_NOT, T_BOOL, at, operand, NULL);
    }
    return parse_comparison(ps);
}

static struct node *parse_logic(struct parser *ps, int level)
{
    /* level 0: implies (right-assoc), 1: or, 2: and */
    struct node *left = level == 2 ? parse_not(ps) : parse_logic(ps, level + 1);
    while (left) {
        skip_space(ps);
        const char *at = ps->p;
        enum op op;
        if (level == 2 && (accept(ps, "and") || accept(ps, "&&")))
            op = OP_AND;
        else if (level == 1 && (accept(ps, "or") || accept(ps, "||")))
            op = OP_OR;
        else if (level == 0 && (accept(ps, "->") || accept(ps, "implies")))
            op = OP_IMPLIES;
        else
            break;
        if (level == 0 && ++ps->depth > MAX_DEPTH) {
            free_node(left);
            return fail_at(ps, at, "expression nested too deeply");
        }
        struct node *right = level == 0 ? parse_logic(ps, 0) : level == 2 ? parse_not(ps) : parse_logic(ps, 2);
        if (!right) {
            free_node(left);
            return NULL;
        }
        if (level == 0)
            ps->depth--;
        const char *what = op == OP_AND ? "'and'" : op == OP_OR ? "'or'" : "'->'";
        if (!check_operands(ps, at, what, T_BOOL, left, right))
            return NULL;
        left = binary(ps, op, T_BOOL, at, left, right);
        if (op == OP_IMPLIES)
            break;
    }
    return left;
}

static struct node *parse_expr(struct parser *ps)
{
    return parse_logic(ps, 0);
}

int parley_expr_compile(const parley_space *space, const char *text, parley_expr **out, parley_error *err)
{
    *out = NULL;
    if (!text)
        return parley_error_set(err, PARLEY_EINVAL, "missing rule");
    struct parser ps = {space, text, text, err, 0, 0};
    struct node *root = parse_expr(&ps);
    if (root) {
        skip_space(&ps);
        if (*ps.p) {
            free_node(root);
            root = fail_at(&ps, ps.p, "unexpected '%.20s' after the end of the rule", ps.p);
        } else if (root->type != T_BOOL) {
            enum type t = root->type;
            free_node(root);
            root = fail_at(&ps, text, "a rule must be a condition (true or false), this is %s", type_name(t));
        }
    }
    if (!root)
        return err ? (err->code ? err->code : PARLEY_EINVAL) : PARLEY_EINVAL;
    parley_expr *e = calloc(1, sizeof *e);
    if (!e || !(e->text = parley_strdup(text))) {
        free(e);
        free_node(root);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    e->root = root;
    e->space = space;
    *out = e;
    return PARLEY_OK;
}

void parley_expr_free(parley_expr *expr)
{
    if (!expr)
        return;
    free_node(expr->root);
    free(expr->text);
    free(expr);
}

const char *parley_expr_text(const parley_expr *expr)
{
    return expr->text;
}

static double eval(const struct node *n, const uint32_t *values)
{
    switch (n->op) {
    case OP_NUM:
    case OP_BOOL: return n->num;
    case OP_ISSUE: return n->min + (double)values[n->issue] * n->step;
    case OP_CAT_IS: return ((double)values[n->issue] == n->num) != n->negate;
    case OP_CAT_IN:
    case OP_NUM_IN: return n->member[values[n->issue]] != n->negate;
    case OP_NEG: return -eval(n->a, values);
    case OP_NOT: return !eval(n->a, values);
    case OP_ADD: return eval(n->a, values) + eval(n->b, values);
    case OP_SUB: return eval(n->a, values) - eval(n->b, values);
    case OP_MUL: return eval(n->a, values) * eval(n->b, values);
    case OP_DIV: {
        double d = eval(n->b, values);
        return d == 0 ? NAN : eval(n->a, values) / d;
    }
    /* Comparisons use a tolerance so that 0.1 * 3 == 0.3 holds on real grids. */
    case OP_EQ: return fabs(eval(n->a, values) - eval(n->b, values)) <= 1e-9;
    case OP_NE: return !(fabs(eval(n->a, values) - eval(n->b, values)) <= 1e-9);
    case OP_LT: return eval(n->a, values) < eval(n->b, values) - 1e-9;
    case OP_LE: return eval(n->a, values) <= eval(n->b, values) + 1e-9;
    case OP_GT: return eval(n->a, values) > eval(n->b, values) + 1e-9;
    case OP_GE: return eval(n->a, values) >= eval(n->b, values) - 1e-9;
    case OP_AND: return eval(n->a, values) && eval(n->b, values);
    case OP_OR: return eval(n->a, values) || eval(n->b, values);
    case OP_IMPLIES: return !eval(n->a, values) || eval(n->b, values);
    }
    return 0;
}

int parley_expr_holds(const parley_expr *expr, const uint32_t *values)
{
    return eval(expr->root, values) != 0;
}

static int uses(const struct node *n, size_t issue)
{
    if (!n)
        return 0;
    if ((n->op == OP_ISSUE || n->op == OP_CAT_IS || n->op == OP_CAT_IN || n->op == OP_NUM_IN) && n->issue == issue)
        return 1;
    return uses(n->a, issue) || uses(n->b, issue);
}

int parley_expr_uses_issue(const parley_expr *expr, size_t issue)
{
    return uses(expr->root, issue);
}

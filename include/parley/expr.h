/*
 * parley/expr.h: constraint expressions over the issues of a space.
 *
 * The language of red lines and linkage:
 *   end_of_war == "yes"            categorical issue against one of its labels
 *   prisoners >= 30 * hostages     arithmetic (+ - * / and unary -) on numeric issues
 *   phase in ["one", "two"]        membership in a list of labels or numbers
 *   not (a or b) and c             logic, also written ! && ||
 *   if release == "all" then end_of_war == "yes"     implication (a -> b also works)
 *   true, false                    constants
 * Comparisons: == != < <= > >=.  Parentheses group.  Names are issue names.
 * Compiling checks every name and label against the space and reports the
 * column of the first problem.
 */
#ifndef PARLEY_EXPR_H
#define PARLEY_EXPR_H

#include <parley/error.h>
#include <parley/space.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_expr parley_expr;

/*
 * Compiles `text` against `space` (which must outlive the expression).  On
 * failure returns PARLEY_EINVAL with err->column set to the 1-based position in
 * text and a message naming what was found and what was expected.
 */
int parley_expr_compile(const parley_space *space, const char *text, parley_expr **out, parley_error *err);
/* Releases an expression.  NULL is allowed. */
void parley_expr_free(parley_expr *expr);
/* The source text (owned by the expression). */
const char *parley_expr_text(const parley_expr *expr);
/* 1 when the expression holds for the outcome, 0 when not. */
int parley_expr_holds(const parley_expr *expr, const uint32_t *values);
/* True when the expression mentions the issue. */
int parley_expr_uses_issue(const parley_expr *expr, size_t issue);

#ifdef __cplusplus
}
#endif
#endif
